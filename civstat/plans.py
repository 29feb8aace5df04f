"""The :class:`Plans` container: five tidy tables that describe a set of plans.

The columns are declared once, in :data:`COLUMNS`; :mod:`civstat.schema` builds
the pandera schemas from the same declaration.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

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

#: The assignment roles, in the order a plan's columns usually give them.
ROLES = ("leader", "lead_division", "division", "city_lead", "city_unit")

#: Chinese labels for columns and values, for figures and exports (plotly ``labels=``).
LABELS_ZH = {
    "doc_id": "文件", "issuer": "单位", "year": "年度", "title": "标题", "layout": "版式",
    "path": "路径", "n_tasks": "任务数", "complete": "完整", "task_id": "任务编号",
    "section": "部分", "seq": "序号", "lead": "牵头", "text": "工作事项", "goal": "工作目标",
    "source": "任务来源", "role": "角色", "name": "名称", "name_raw": "原文名称",
    "line": "行号", "kind": "类型", "message": "说明", "sections": "各级标题", "deadline": "完成时限",
    "progress": "进展情况", "progress_period": "进展所属期间", "page": "页码", "field": "字段", "header": "原表头",
    "value": "内容",
    "leader": "分管领导", "lead_division": "牵头处室", "division": "责任处室",
    "city_lead": "市牵头单位", "city_unit": "市责任单位",
}


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

    def to_excel(self, path: str | os.PathLike) -> Path:
        """Write the tables to one Excel workbook, a sheet per table.

        Cells that Excel would take for a formula (text starting with ``=``, ``+``,
        ``-`` or ``@``) are written as text, with a leading apostrophe. The workbook is
        written under a temporary name and renamed when complete.

        Returns
        -------
        pathlib.Path
            The file written.
        """
        from civstat.paths import writing

        path = Path(path)
        with writing(path) as tmp, pd.ExcelWriter(tmp, engine="openpyxl") as writer:
            for name, df in self.tables().items():
                excel_safe(df).to_excel(writer, sheet_name=name, index=False)
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
