"""The :class:`Plans` container: five tidy tables that describe a set of plans.

Top level, shared by every layer: the tables the read layer fills and the analyses read.

The columns are declared once, in :data:`COLUMNS`; :mod:`civstat.schema` builds
the pandera schemas from the same declaration.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from civstat.roles import ROLES

#: Column name -> pandas dtype, per table, in output order.
COLUMNS: dict[str, dict[str, str]] = {
    "documents": {
        "doc_id": "str", "issuer": "str", "year": "Int64", "title": "str", "layout": "str",
        "path": "str", "n_tasks": "int64", "complete": "bool",
    },
    "tasks": {
        "task_id": "str", "doc_id": "str", "issuer": "str", "year": "Int64", "section": "str",
        "seq": "int64", "lead": "bool", "title": "str", "text": "str", "goal": "str", "source": "str",
        "line": "int64", "sections": "str", "deadline": "str", "progress": "str",
        "progress_period": "str", "page": "Int64",
    },
    "assignments": {
        "task_id": "str", "doc_id": "str", "issuer": "str", "year": "Int64", "role": "str",
        "name": "str", "name_raw": "str",
    },
    "problems": {"doc_id": "str", "line": "int64", "kind": "str", "text": "str", "message": "str"},
    "fields": {"task_id": "str", "doc_id": "str", "field": "str", "header": "str", "value": "str"},
}


#: Chinese labels for columns and values, for figures and exports (plotly ``labels=``). Every
#: column of the five tables and of the analyses' tables has one, and so have the role codes,
#: the kinds of name and the continuity statuses.
LABELS_ZH = {
    # the five tables
    "doc_id": "文件", "issuer": "单位", "year": "年度", "title": "标题", "layout": "版式",
    "path": "文件名", "n_tasks": "任务数", "complete": "完整", "task_id": "任务编号",
    "section": "部分", "seq": "序号", "lead": "牵头", "text": "工作事项", "goal": "工作目标",
    "source": "任务来源", "role": "角色", "name": "名称", "name_raw": "原文名称",
    "line": "行号", "kind": "类型", "message": "说明", "sections": "各级标题", "deadline": "完成时限",
    "progress": "进展情况", "progress_period": "进展所属期间", "page": "页码", "field": "字段", "header": "原表头",
    "value": "内容",
    # workload
    "tasks": "任务数", "lead_tasks": "其中牵头", "weighted": "分摊后任务数", "share": "占全部任务",
    "before": "原负责", "after": "现负责", "theme_tasks": "主题任务数",
    # continuity
    "base_year": "上一年度", "compare_year": "本年度", "base_task": "上一年任务", "compare_task": "本年任务",
    "score": "相似程度", "status": "情况", "shared_terms": "共同词语", "base_text": "上一年工作事项",
    "compare_text": "本年工作事项", "base_duplicate_of": "上一年重复于", "compare_duplicate_of": "本年重复于",
    "counted": "计入", "via": "经由",
    # themes
    "theme": "主题编号", "label": "名称", "terms": "命中词语", "count": "次数", "count_other": "其他次数",
    # targets
    "start": "位置", "value_max": "上限", "unit": "计量单位", "qualifier": "限定", "action": "动作",
    "object": "对象", "per": "范围", "raw": "原文",
    # values
    "leader": "分管领导", "lead_division": "牵头处室", "division": "责任处室",
    "city_lead": "市牵头单位", "city_unit": "市责任单位",
    "continued": "延续", "new": "新增", "dropped": "不再列出",
}


#: The kinds of name in ``assignments`` (see :func:`civstat.analyse.workload.name_kind`).
KINDS_ZH = {"person": "个人", "unit": "单位", "collective": "统称（各…）"}

#: The role codes by their Chinese names (``分管领导`` → ``leader``), and the codes themselves.
ROLE_CODES = {**{LABELS_ZH[r]: r for r in ROLES}, **{r: r for r in ROLES},
              "责任领导": "leader", "牵头单位": "lead_division", "责任单位": "division",
              "配合处室": "division", "市责任部门": "city_unit"}


def role_code(by: str) -> str:
    """Return the role code of a role given by its code or its Chinese name.

    Raises
    ------
    DataError
        For a name that is no role, with the roles there are.

    Examples
    --------
    >>> role_code("分管领导"), role_code("lead_division")
    ('leader', 'lead_division')
    """
    from civstat.errors import DataError

    code = ROLE_CODES.get(str(by).strip())
    if code is None:
        known = "、".join(LABELS_ZH[r] for r in ROLES)
        raise DataError(f"没有“{by}”这个角色：可以用 {known}（或 {', '.join(ROLES)}）。\n"
                        f"by must be one of {ROLES} or their Chinese names, not {by!r}")
    return code


def closest(value: str, choices: Iterable[str], *, n: int = 3) -> list[str]:
    """Return the choices closest to ``value``: those that contain it first, then similar ones.

    Examples
    --------
    >>> closest("武汉", ["宣州区民政局", "武汉市民政局"])
    ['武汉市民政局']
    """
    import difflib

    choices = sorted({str(c) for c in choices if str(c)})
    value = str(value).strip()
    containing = [c for c in choices if value and (value in c or c in value)]
    similar = difflib.get_close_matches(value, choices, n=n, cutoff=0.3)
    return list(dict.fromkeys(containing + similar))[:n]


def _documents(plans):
    """Return the table that says which issuer-years there are: a Plans' documents, or the table."""
    return plans.documents if isinstance(plans, Plans) else plans


def check_issuer(plans: Plans, issuer: str) -> None:
    """Raise :class:`~civstat.errors.DataError` unless some plan has this issuer, naming the closest.

    Examples
    --------
    >>> import civstat
    >>> check_issuer(civstat.load_plans(errors="ignore"), "武汉")
    Traceback (most recent call last):
    ...
    civstat.errors.DataError: 没有发文单位为“武汉”的计划。您要找的是不是：武汉市民政局？...
    """
    from civstat.errors import DataError

    have = set(_documents(plans)["issuer"].dropna().unique())
    if issuer in have:
        return
    near = closest(issuer, have)
    hint = f"您要找的是不是：{'、'.join(near)}？" if near else f"现有：{'、'.join(sorted(have)) or '（没有任何计划）'}。"
    raise DataError(f"没有发文单位为“{issuer}”的计划。{hint}\n"
                    f"No plan of {issuer!r}; closest: {', '.join(near) or ', '.join(sorted(have))}.")


def check_year(plans: Plans, year, *, issuer: str | None = None) -> None:
    """Raise :class:`~civstat.errors.DataError` unless a plan (of ``issuer``, if given) has this year.

    Examples
    --------
    >>> import civstat
    >>> check_year(civstat.load_plans(errors="ignore"), 2021, issuer="武汉市民政局")
    Traceback (most recent call last):
    ...
    civstat.errors.DataError: 武汉市民政局没有 2021 年的计划，现有 2020、2022、2023 年。...
    """
    from civstat.errors import DataError

    docs = _documents(plans)
    if issuer is not None:
        docs = docs[docs["issuer"] == issuer]
    years = sorted(int(y) for y in docs["year"].dropna().unique())
    try:
        wanted = int(year)
    except (TypeError, ValueError):
        wanted = None
    if wanted in years:
        return
    who = issuer or "数据中"
    have = f"现有 {'、'.join(str(y) for y in years)} 年" if years else "没有标明年度的计划"
    raise DataError(f"{who}没有 {year} 年的计划，{have}。\n"
                    f"No plan {'of ' + issuer + ' ' if issuer else ''}for {year!r}; years: {years}.")


def theme_code(theme: str, *, lexicon=None) -> str:
    """Return the theme id of a theme given by its id or its Chinese label (``养老服务`` → ``elderly_care``).

    Raises
    ------
    DataError
        For a name that is no theme, with the closest labels.

    Examples
    --------
    >>> theme_code("养老服务"), theme_code("elderly_care")
    ('elderly_care', 'elderly_care')
    """
    from civstat.analyse.themes import theme_lexicon
    from civstat.errors import DataError

    lex = theme_lexicon(lexicon).drop_duplicates("theme").query("theme != ''")
    by_name = {**dict(zip(lex["label"], lex["theme"], strict=True)), **{t: t for t in lex["theme"]}}
    if theme in by_name:
        return by_name[theme]
    near = closest(theme, lex["label"])
    hint = f"您要找的是不是：{'、'.join(near)}？" if near else ""
    raise DataError(f"没有“{theme}”这个主题。{hint}主题有：{'、'.join(lex['label'])}。\n"
                    f"No theme {theme!r}; the themes are {', '.join(lex['theme'])}.")


def frame(table: str, records: Iterable[dict] = ()) -> pd.DataFrame:
    """Build one of the tables from records, with its declared columns and dtypes."""
    records = list(records)
    return pd.DataFrame({column: pd.array([r[column] for r in records], dtype=dtype)
                         for column, dtype in COLUMNS[table].items()})


def task_table(plans: Plans | pd.DataFrame) -> pd.DataFrame:
    """Return the tasks table of a :class:`Plans`, or a tasks table passed as it is."""
    if isinstance(plans, Plans):
        return plans.tasks
    if isinstance(plans, pd.DataFrame):
        return plans
    raise TypeError(f"plans must be a civstat.Plans or a table of tasks, not {type(plans).__name__}")


def excel_safe(df: pd.DataFrame) -> pd.DataFrame:
    r"""Return a copy whose text cells cannot become spreadsheet formulas.

    A cell beginning with ``=``, ``+``, ``-`` or ``@`` (or their full-width forms
    ``＝＋－＠``, which spreadsheets also read as formula signs) gets a leading apostrophe,
    the OWASP advice against CSV injection. Control characters, which Excel cannot hold
    (openpyxl refuses them), are removed.

    Examples
    --------
    >>> excel_safe(pd.DataFrame({"text": ["=1+1", "养老", "＋1", "a\x07b"]}))["text"].tolist()
    ["'=1+1", '养老', "'＋1", 'ab']
    """
    out = df.copy()
    for column in out.columns:
        if pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].str.replace(_CONTROL, "", regex=True)
            risky = out[column].str.match(r"^[=+\-@\t\r＝＋－＠]", na=False)
            out.loc[risky, column] = "'" + out.loc[risky, column]
    return out


_CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"


@dataclass(frozen=True)
class Plans:
    """A set of plans read into five tables.

    Attributes
    ----------
    documents : pandas.DataFrame
        One row per document: ``doc_id, issuer, year, title, layout, path, n_tasks, complete``.
    tasks : pandas.DataFrame
        One row per task: ``task_id, doc_id, issuer, year, section, seq, lead, title, text,
        goal, source, line, sections, deadline, progress, progress_period`` (``line``: where
        the task starts in the document; ``sections``: the headings above it, joined by
        `` / ``; ``deadline`` and ``progress`` as printed, ``progress_period`` the period
        the progress column's header names, such as 一季度; ``page``: the PDF page where the
        task starts, empty for other formats).
    assignments : pandas.DataFrame
        One row per (task, role, name): ``task_id, doc_id, issuer, year, role, name, name_raw``.
    problems : pandas.DataFrame
        One row per line or item the reader could not fully place, and per inference it
        made (kind ``inferred``): ``doc_id, line, kind, text, message``.
    fields : pandas.DataFrame
        Every cell of a column that has no column of its own in ``tasks`` (备注, 监督电话, a
        second progress column …), in long form: ``task_id, doc_id, field, header, value``.
    """

    documents: pd.DataFrame
    tasks: pd.DataFrame
    assignments: pd.DataFrame
    problems: pd.DataFrame
    fields: pd.DataFrame = None  # type: ignore[assignment]

    def __post_init__(self) -> None:
        if self.fields is None:  # Plans built by hand from the four original tables
            object.__setattr__(self, "fields", frame("fields"))

    @classmethod
    def from_records(cls, records: dict[str, list[dict]]) -> Plans:
        """Build the tables from lists of records (dicts keyed by column), by table name."""
        return cls(**{name: frame(name, records.get(name, ())) for name in COLUMNS})

    @classmethod
    def concat(cls, parts: Iterable[Plans]) -> Plans:
        """Stack several :class:`Plans` into one."""
        parts = list(parts)
        tables = {}
        for name in COLUMNS:
            frames = [getattr(p, name) for p in parts if len(getattr(p, name))]
            tables[name] = (
                pd.concat(frames, ignore_index=True).astype(COLUMNS[name]) if frames else frame(name)
            )
        return cls(**tables)

    def tables(self) -> dict[str, pd.DataFrame]:
        """Return the tables by name, in their fixed order."""
        return {name: getattr(self, name) for name in COLUMNS}

    def select(self, *, issuer: str | None = None, year: int | None = None, name: str | None = None,
               theme: str | None = None) -> Plans:
        """Return the plans with only the tasks asked for, and their assignments, problems and fields.

        Parameters
        ----------
        issuer, year : optional
            Keep this issuer's or this year's plans.
        name : str, optional
            Keep the tasks that name (a leader, a division, an agency) holds in any role.
        theme : str, optional
            Keep the tasks of this theme, by id or Chinese label (``养老服务``).

        Returns
        -------
        Plans
            A new ``Plans``; ``documents`` keeps the documents with a selected task, and
            their ``n_tasks`` counts the tasks selected.

        Raises
        ------
        DataError
            If the issuer, the year, the name or the theme matches nothing; the message
            names the closest there are.

        Examples
        --------
        >>> import civstat
        >>> plans = civstat.load_plans(errors="ignore")
        >>> mine = plans.select(issuer="武汉市民政局", year=2023, name="李超")
        >>> len(mine.tasks), sorted(mine.documents["doc_id"])
        (4, ['wuhan-2023-breakdown'])
        """
        from civstat.errors import DataError

        tasks = self.tasks
        if issuer is not None:
            check_issuer(self, issuer)
            tasks = tasks[tasks["issuer"] == issuer]
        if year is not None:
            check_year(self, year, issuer=issuer)
            tasks = tasks[tasks["year"] == int(year)]
        if name is not None:
            a = self.assignments[self.assignments["task_id"].isin(tasks["task_id"])]
            held = a.loc[(a["name"] == name) | (a["name_raw"] == name), "task_id"]
            if held.empty:
                near = closest(name, a["name"])
                hint = f"您要找的是不是：{'、'.join(near)}？" if near else ""
                raise DataError(f"所选计划中没有“{name}”负责的任务。{hint}\n"
                                f"No task held by {name!r}; closest: {', '.join(near) or 'none'}.")
            tasks = tasks[tasks["task_id"].isin(held)]
        if theme is not None:
            from civstat.analyse.themes import themes

            code = theme_code(theme)
            tagged = themes(tasks)
            tasks = tasks[tasks["task_id"].isin(tagged.loc[tagged["theme"] == code, "task_id"])]
        ids = set(tasks["task_id"])
        counts = tasks.groupby("doc_id").size()
        docs = self.documents[self.documents["doc_id"].isin(counts.index)]
        docs = docs.assign(n_tasks=docs["doc_id"].map(counts).astype("int64"))
        return Plans(
            documents=docs.reset_index(drop=True),
            tasks=tasks.reset_index(drop=True),
            assignments=self.assignments[self.assignments["task_id"].isin(ids)].reset_index(drop=True),
            problems=self.problems[self.problems["doc_id"].isin(docs["doc_id"])].reset_index(drop=True),
            fields=self.fields[self.fields["task_id"].isin(ids)].reset_index(drop=True),
        )

    def to_excel(self, path: str | os.PathLike) -> Path:
        """Write a workbook for people: a task list, workload, continuity, themes and targets.

        The sheets are 任务清单 (one row per task, with its leaders, divisions, agencies,
        deadline and progress side by side), 工作量, 延续情况, 主题, 目标, 文件 and
        问题: Chinese headers and values, column widths fitted to the text, long text
        wrapped, the header row frozen, a filter on every sheet and file names without
        the folder they were read from. The tidy tables themselves are written by
        :meth:`save`. Cells that Excel would take for a formula (text starting with
        ``=``, ``+``, ``-`` or ``@``) are written as text, with a leading apostrophe.
        The workbook is written under a temporary name and renamed when complete.

        Returns
        -------
        pathlib.Path
            The file written.
        """
        from civstat.paths import writing
        from civstat.report.workbook import write_workbook

        path = Path(path)
        with writing(path) as tmp:
            write_workbook(self, tmp)
        return path

    def save(self, folder: str | os.PathLike) -> list[Path]:
        """Write each table as Parquet and as CSV in UTF-8 with BOM (which Excel opens in Chinese).

        Each file is written under a temporary name unique to the run and renamed when
        complete, so a reader of the folder never sees half a table.

        Returns
        -------
        list of pathlib.Path
            The files written, ``<table>.parquet`` and ``<table>.csv`` for each table.
        """
        from civstat.paths import writing

        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for name, df in self.tables().items():
            parquet, csv = folder / f"{name}.parquet", folder / f"{name}.csv"
            with writing(parquet) as tmp:
                df.to_parquet(tmp, index=False)
            with writing(csv) as tmp:
                excel_safe(df).to_csv(tmp, index=False, encoding="utf-8-sig")
            written += [parquet, csv]
        return written

    def __repr__(self) -> str:
        docs = self.documents
        lines = [f"Plans: {len(docs)} documents, {len(self.tasks)} tasks, "
                 f"{len(self.assignments)} assignments, {len(self.problems)} problems"]
        for row in docs.itertuples():
            mark = "" if row.complete else "  (incomplete)"
            lines.append(f"  {row.doc_id}: {row.issuer} {row.year}, {row.n_tasks} tasks{mark}")
        return "\n".join(lines)
