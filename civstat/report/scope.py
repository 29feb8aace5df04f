"""Which plans a page is about: loading them, checking what was asked, repeats and sources.

Part of the report layer, under the sentences and tables the notebooks print: a
notebook given an issuer-year with no plan stops here with a plain message naming the
plans there are; :class:`Note` is how every sentence is shown.
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from civstat.errors import CivstatError
from civstat.plans import ROLES, Plans


class BriefingError(CivstatError, ValueError):
    """A notebook or ``civstat brief`` was given something it cannot brief on."""


class PlanNotFoundError(BriefingError, LookupError):
    """The data has no plan for the issuer and year asked for.

    The message, in Chinese and English, lists the issuer-years there are.
    """


class Note(str):
    """A sentence for a notebook, shown as one HTML paragraph with its text escaped.

    An empty Note is not shown at all, so a function with nothing to say leaves no gap.

    Examples
    --------
    >>> Note("<script>alert(1)</script>")._repr_html_()
    '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'
    """

    def _repr_html_(self) -> str:
        return f"<p>{html.escape(self, quote=False)}</p>"

    def _ipython_display_(self) -> None:
        """Show the paragraph; an empty Note (nothing to say) shows nothing, not a blank gap."""
        if not self.strip():
            return
        from IPython.display import publish_display_data

        publish_display_data({"text/html": self._repr_html_(), "text/plain": str(self)})


def setup() -> None:
    """Prepare a notebook kernel: offline plotly figures and full-width tables.

    Selects :func:`civstat.report.plots.use_offline_renderer` and lets pandas show whole
    task texts.
    """
    from civstat.report.plots import use_offline_renderer

    use_offline_renderer()
    pd.set_option("display.max_colwidth", None)
    pd.set_option("display.max_rows", 200)


def load(data_dir: str = "", *, progress=None) -> Plans:
    """Read the plans of a data folder (its ``raw/``), or the bundled ones when empty.

    Problems are kept in ``plans.problems`` without a warning: the briefing reports
    them in its overview. The plans last read are kept, with the size and modification
    time of every file and folder under the folder read: while none changes, the next
    call returns a copy of them instead of reading again (the notebooks of one
    ``civstat brief`` run share a kernel, so they read the plans once). Each call
    returns its own copy, so that nothing one notebook does to its tables reaches the next.

    Parameters
    ----------
    data_dir : str
        A data folder holding ``raw/``; ``""`` for the default (``$CIVSTAT_DATA_DIR``
        or the bundled documents).
    progress : callable, optional
        ``progress(done, total)`` after each document read (see
        :func:`civstat.load_plans`); not called when the plans kept are returned.
    """
    from civstat import paths
    from civstat.read.folder import load_plans

    key = _folder_state(paths.raw_dir(data_dir or None))
    if key is None or _last_read.get("key") != key:
        _last_read.clear()
        plans = load_plans(paths.raw_dir(data_dir) if data_dir else None, errors="ignore", progress=progress)
        if key is None:
            return plans
        _last_read.update(key=key, plans=plans)
    return Plans(**{name: table.copy() for name, table in _last_read["plans"].tables().items()})


#: The plans :func:`load` read last, and the state of their folder then (``key``).
_last_read: dict = {}


def _folder_state(folder) -> tuple | None:
    """Name, size and modification time of a folder and of everything under it; None if unreadable."""
    import os

    try:
        state = [(str(Path(folder).resolve()), Path(folder).stat().st_mtime_ns)]
        for root, dirs, files in os.walk(folder, onerror=_raise):
            dirs.sort()  # walk in a fixed order
            for name in [*dirs, *sorted(files)]:
                st = (Path(root) / name).lstat()
                state.append((os.path.relpath(Path(root) / name, folder), st.st_size, st.st_mtime_ns))
    except OSError:
        return None
    return tuple(state)


def _raise(error: OSError):
    raise error


def issuer_years(plans: Plans) -> pd.DataFrame:
    """List the issuer-years that have a plan, each with the issuer's previous plan year.

    Returns
    -------
    pandas.DataFrame
        ``issuer, year, base_year`` (the year of the issuer's latest earlier plan,
        ``<NA>`` for its first), sorted by issuer and year.

    Examples
    --------
    >>> import civstat
    >>> issuer_years(civstat.load_plans(errors="ignore")).query("issuer == '武汉市民政局'")
       issuer  year  base_year
    2  武汉市民政局  2020       <NA>
    3  武汉市民政局  2022       2020
    4  武汉市民政局  2023       2022
    """
    docs = plans.documents.dropna(subset=["year"])
    out = (docs[["issuer", "year"]].drop_duplicates()
           .sort_values(["issuer", "year"], ignore_index=True))
    out["base_year"] = out.groupby("issuer")["year"].shift(1).astype("Int64")
    return out


def previous_year(plans: Plans, *, issuer: str, year: int) -> int | None:
    """Return the year of the issuer's latest plan before ``year``, or None.

    Examples
    --------
    >>> import civstat
    >>> plans = civstat.load_plans(errors="ignore")
    >>> previous_year(plans, issuer="武汉市民政局", year=2023), previous_year(plans, issuer="宣州区民政局", year=2023)
    (2022, None)
    """
    years = plans.documents.loc[plans.documents["issuer"] == issuer, "year"].dropna()
    earlier = years[years < year]
    return int(earlier.max()) if len(earlier) else None


def check_plan(plans: Plans, *, issuer: str, year: int) -> None:
    """Raise :class:`PlanNotFoundError` unless the data has a plan of ``issuer`` for ``year``.

    Examples
    --------
    >>> import civstat
    >>> check_plan(civstat.load_plans(errors="ignore"), issuer="武汉市民政局", year=2019)
    Traceback (most recent call last):
    ...
    civstat.report.scope.PlanNotFoundError: 没有找到武汉市民政局 2019 年的计划。现有 **市人民政府 2020年；宣州区民政局 2023年；武汉市民政局 2020、2022、2023年。
    No plan of 武汉市民政局 for 2019 in the data; there are: **市人民政府 2020; 宣州区民政局 2023; 武汉市民政局 2020, 2022, 2023.
    """
    docs = plans.documents
    if ((docs["issuer"] == issuer) & (docs["year"] == year)).any():
        return
    raise PlanNotFoundError(not_found_message(plans, issuer=issuer, year=year))


def not_found_message(plans: Plans, *, issuer: str, year) -> str:
    """Say, in Chinese then English, that an issuer-year has no plan and which ones do."""
    from civstat.plans import closest

    have = issuer_years(plans).groupby("issuer", sort=True)["year"].apply(list)
    zh = "；".join(f"{i or '（未写明发文单位）'} {'、'.join(str(y) for y in ys)}年"
                  for i, ys in have.items()) or "（没有任何计划）"
    en = "; ".join(f"{i} {', '.join(str(y) for y in ys)}" for i, ys in have.items()) or "no plans at all"
    has_year = year not in ("", None)
    asked = f"{issuer or ''}{f' {year} 年' if has_year else ''}"
    asked_en = " ".join([f"of {issuer}" if issuer else "", f"for {year}" if has_year else ""]).strip()
    near = closest(issuer, have.index) if issuer and issuer not in have.index else []
    hint = f"您要找的是不是：{'、'.join(near)}？" if near else ""
    return (f"没有找到{asked}的计划。{hint}现有 {zh}。\n"
            f"No plan {asked_en} in the data; there are: {en}.")


def check_years(plans: Plans, *, issuer: str, base_year: int, year: int) -> None:
    """Check that both years have a plan of ``issuer`` and that ``base_year`` comes first.

    Raises
    ------
    PlanNotFoundError
        If either year has no plan, or the base year is not the earlier one.
    """
    check_plan(plans, issuer=issuer, year=year)
    check_plan(plans, issuer=issuer, year=base_year)
    if base_year >= year:
        raise PlanNotFoundError(
            f"对比的基准年度 {base_year} 应早于 {year} 年；{issuer} 在 {year} 年之前的计划是 "
            f"{previous_year(plans, issuer=issuer, year=year) or '（数据中没有更早的计划）'} 年。\n"
            f"The base year {base_year} must come before {year}.")


def of_plan(table: pd.DataFrame, plans: Plans, *, issuer: str, year: int) -> pd.DataFrame:
    """Keep the rows of a table with ``task_id`` whose task belongs to the issuer-year's plan.

    Examples
    --------
    >>> import civstat
    >>> from civstat.analyse.targets import targets
    >>> plans = civstat.load_plans(errors="ignore")
    >>> len(of_plan(targets(plans), plans, issuer="武汉市民政局", year=2023))
    22
    """
    tasks = plans.tasks
    ids = tasks.loc[(tasks["issuer"] == issuer) & (tasks["year"] == year), "task_id"]
    return table[table["task_id"].isin(ids)]


def repeats(plans: Plans, *, issuer: str, year: int) -> dict[str, str]:
    """Map each task that repeats an earlier task of its plan to the task it repeats.

    A commitment listed twice in one plan (see :func:`civstat.analyse.continuity.duplicates`) is
    one piece of work: every count in a sentence counts it once.

    Examples
    --------
    >>> import civstat
    >>> repeats(civstat.load_plans(errors="ignore"), issuer="武汉市民政局", year=2023)
    {'wuhan-2023-breakdown-011': 'wuhan-2023-breakdown-001', 'wuhan-2023-breakdown-009': 'wuhan-2023-breakdown-003'}
    """
    from civstat.analyse.continuity import duplicates

    tasks = plans.tasks[(plans.tasks["issuer"] == issuer) & (plans.tasks["year"] == year)]
    if tasks.empty:
        return {}
    # the sentences of one briefing ask many times (27 times for the four pages of a plan), and
    # the answer depends only on the plan's texts: kept by those, it is computed once
    key = tuple(tasks[c].astype(str).str.cat(sep="\0") for c in _REPEAT_KEY if c in tasks)
    found = _REPEATS.get(key)
    if found is None:
        found = duplicates(tasks)[["task_a", "task_b"]]
        if len(_REPEATS) >= 64:
            _REPEATS.clear()
        _REPEATS[key] = found
    first: dict[str, str] = {}
    for a, b in zip(found["task_a"], found["task_b"], strict=True):   # task_a comes first
        first[b] = first.get(a, a)
    return dict(sorted(first.items(), key=lambda kv: kv[1]))


#: What :func:`repeats` depends on: the plan's tasks and their texts.
_REPEAT_KEY = ("issuer", "year", "task_id", "title", "text", "goal")
_REPEATS: dict[tuple, pd.DataFrame] = {}


def _seq_label(plans: Plans, task_id: str) -> str:
    """Name a task as a reader finds it in the plan: 第9项, or 某部分第9项 when numbers repeat."""
    tasks = plans.tasks.set_index("task_id")
    row = tasks.loc[task_id]
    same_plan = tasks[tasks["doc_id"] == row["doc_id"]]
    if same_plan["seq"].duplicated().any() and row["section"]:
        return f"{row['section']}第{row['seq']}项"
    return f"第{row['seq']}项"


def _repeat_note(plans: Plans, reps: dict[str, str]) -> str:
    """Say which tasks repeat which: 第9项即第3项、第11项即第1项."""
    return "、".join(f"{_seq_label(plans, b)}即{_seq_label(plans, a)}" for b, a in
                     sorted(reps.items(), key=lambda kv: plans.tasks.set_index("task_id").index.get_loc(kv[0])))


def damaged(plans: Plans) -> dict[str, str]:
    """Map each task whose text the reader found damaged to a note saying so.

    The reader reports damaged characters (mojibake) as problems of kind ``damaged``
    with their line; a task is damaged when such a line falls within it.

    Examples
    --------
    >>> import civstat
    >>> damaged(civstat.load_plans(errors="ignore"))
    {'masked-city-2020-minsheng100-002': '原文第30行有乱码（? J），照原样列出'}
    """
    bad = plans.problems[plans.problems["kind"] == "damaged"]
    out = {}
    for doc_id, problems in bad.groupby("doc_id"):
        tasks = plans.tasks[plans.tasks["doc_id"] == doc_id].sort_values("line")
        starts, ids = tasks["line"].to_numpy(), tasks["task_id"].to_numpy()
        for problem in problems.itertuples(index=False):
            k = int((starts <= problem.line).sum()) - 1
            if k < 0:
                continue
            chars = problem.message.partition("(")[2].partition(")")[0]
            note = f"原文第{problem.line}行有乱码（{chars}），照原样列出" if chars else f"原文第{problem.line}行有乱码，照原样列出"
            out[ids[k]] = out[ids[k]] + "；" + note if ids[k] in out else note
    return out


def no_earlier_plan(issuer: str, year: int, *, what: str = "延续与新增") -> Note:
    """Say that the data holds no earlier plan of the issuer (not that the bureau had none).

    Examples
    --------
    >>> print(no_earlier_plan("宣州区民政局", 2023))
    数据中没有宣州区民政局2023年以前的计划，无从比较延续与新增。
    """
    return Note(f"数据中没有{issuer}{year}年以前的计划，无从比较{what}。")


def sources(plans: Plans, *, issuer: str, year: int) -> dict[str, int]:
    """Count the tasks of a plan per source (市《政府工作报告》, 市政府民生实事 …).

    A task from two sources (``市《政府工作报告》、市政府民生实事``) counts for each.

    Examples
    --------
    >>> import civstat
    >>> sources(civstat.load_plans(errors="ignore"), issuer="武汉市民政局", year=2023)
    {'市《政府工作报告》': 8, '市政府民生实事': 6, '省《政府工作报告》': 7}
    """
    tasks = plans.tasks[(plans.tasks["issuer"] == issuer) & (plans.tasks["year"] == year)]
    counts: dict[str, int] = {}
    for source in tasks["source"].fillna(""):
        for part in _split_source(source):
            counts[part] = counts.get(part, 0) + 1
    return counts


def _split_source(source: str) -> list[str]:
    return [p for p in source.split("、") if p] if source else []


def shared_tasks(plans: Plans, *, issuer: str, base_year: int, year: int) -> pd.DataFrame:
    """Keep the tasks of both plans whose sources both plans have, each commitment once.

    A task without a source is kept when neither plan names sources. Repeats within a
    plan (see :func:`repeats`) are left out, so that a count of the result counts
    each commitment once.
    """
    both = [set(sources(plans, issuer=issuer, year=y)) for y in (base_year, year)]
    common = both[0] & both[1]
    tasks = plans.tasks[(plans.tasks["issuer"] == issuer) & plans.tasks["year"].isin([base_year, year])]
    reps = {**repeats(plans, issuer=issuer, year=base_year), **repeats(plans, issuer=issuer, year=year)}
    keep = [(not both[0] and not both[1]) or bool(set(_split_source(s or "")) & common)
            for s in tasks["source"]]
    out = tasks[keep]
    return out[~out["task_id"].isin(list(reps))]


def sources_note(plans: Plans, *, issuer: str, base_year: int | None, year: int,
                 what: str | None = "主题比较") -> Note:
    """Say when two plans draw on different sources, so that counts are compared like with like.

    Examples
    --------
    >>> import civstat
    >>> print(sources_note(civstat.load_plans(errors="ignore"), issuer="武汉市民政局", base_year=2022, year=2023))
    2023年的方案还包括省《政府工作报告》的任务（7项），2022年的方案没有这一部分；下面的主题比较只看两年都有的市《政府工作报告》、市政府民生实事任务。

    With no earlier plan (``base_year`` None) there is nothing to say.
    """
    if base_year is None:
        return Note("")
    old, new = sources(plans, issuer=issuer, year=base_year), sources(plans, issuer=issuer, year=year)
    common = [s for s in new if s in old]
    only_new = [f"{s}的任务（{n}项）" for s, n in new.items() if s not in old]
    only_old = [f"{s}的任务（{n}项）" for s, n in old.items() if s not in new]
    if not only_new and not only_old:
        return Note("")
    parts = []
    if only_new:
        parts.append(f"{year}年的方案还包括{'、'.join(only_new)}，{base_year}年的方案没有这一部分")
    if only_old:
        parts.append(f"{base_year}年的方案还包括{'、'.join(only_old)}，{year}年的方案没有这一部分")
    if what is None:
        tail = "比较时请注意这一差别"
    else:
        tail = (f"下面的{what}只看两年都有的{'、'.join(common)}任务" if common
                else "两份方案没有共同的来源，比较时请注意")
    return Note("；".join(parts) + "；" + tail + "。")


def role_for(plans: Plans, *, issuer: str, year: int, by: str = "leader") -> str:
    """Return ``by`` if the plan names anyone in that role, else the first role it fills.

    Plans differ in their columns: Xuanzhou's has no division column, a city's
    plan only its responsible agencies. A notebook asked for ``leader`` on such a
    plan counts the agencies instead, and says so.

    Examples
    --------
    >>> import civstat
    >>> role_for(civstat.load_plans(errors="ignore"), issuer="**市人民政府", year=2020)
    'city_unit'
    """
    if by not in ROLES:
        raise ValueError(f"by must be one of {ROLES}, not {by!r}")
    a = plans.assignments
    present = set(a.loc[(a["issuer"] == issuer) & (a["year"] == year), "role"])
    return by if by in present or not present else next(r for r in ROLES if r in present)


def check_theme(theme: str) -> None:
    """Raise :class:`BriefingError` unless ``theme`` is a theme id of civstat's lexicon.

    Examples
    --------
    >>> check_theme("elderly_care")
    >>> check_theme("养老")
    Traceback (most recent call last):
    ...
    civstat.report.scope.BriefingError: 没有主题“养老”：主题编号是 elderly_care（养老服务）、...
    """
    from civstat.analyse.themes import theme_lexicon

    lex = theme_lexicon().drop_duplicates("theme").query("theme != ''")
    if theme in set(lex["theme"]):
        return
    known = "、".join(f"{t}（{label}）" for t, label in zip(lex["theme"], lex["label"], strict=True))
    raise BriefingError(f"没有主题“{theme}”：主题编号是 {known}。\n"
                        f"No theme {theme!r}; the theme ids are {', '.join(lex['theme'])}.")


def theme_label(theme: str) -> str:
    """Return the Chinese label of a theme id of civstat's lexicon (``elderly_care`` → 养老服务)."""
    from civstat.analyse.themes import theme_lexicon

    lex = theme_lexicon()
    return str(lex.loc[lex["theme"] == theme, "label"].iloc[0])
