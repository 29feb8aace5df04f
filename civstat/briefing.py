"""What the briefing notebooks say: checks, summary sentences and display tables.

The notebooks in ``notebooks/`` hold no logic; they call these functions. Each
``*_summary`` function turns an analysis table into one Chinese sentence computed
from the data (``2023年共21项任务，其中牵头10项；邓永付分管11项，彭莉莉6项，李超4项。``),
returned as a :class:`Note`, which a notebook shows as an HTML-escaped paragraph.
:func:`check_plan` stops a notebook given an issuer-year that has no plan with a
plain message that names the plans there are.
"""

from __future__ import annotations

import html

import pandas as pd

from civstat.errors import CivstatError
from civstat.plans import ROLES, Plans

#: The verb that says what a name does with a task, per role (邓永付分管11项).
VERBS = {"leader": "分管", "lead_division": "牵头", "division": "参与", "city_lead": "牵头",
         "city_unit": "参与"}

#: How many names or themes a sentence lists before it says 等.
LIST_AT_MOST = 5


class BriefingError(CivstatError, ValueError):
    """A notebook or ``civstat brief`` was given something it cannot brief on."""


class PlanNotFoundError(BriefingError, LookupError):
    """The data has no plan for the issuer and year asked for.

    The message, in Chinese and English, lists the issuer-years there are.
    """


class Note(str):
    """A sentence for a notebook, shown as one HTML paragraph with its text escaped.

    Examples
    --------
    >>> Note("<script>alert(1)</script>")._repr_html_()
    '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'
    """

    def _repr_html_(self) -> str:
        return f"<p>{html.escape(self, quote=False)}</p>"


# -- setup and checks --------------------------------------------------------------------


def setup() -> None:
    """Prepare a notebook kernel: offline plotly figures and full-width tables.

    Selects :func:`civstat.plots.use_offline_renderer` and lets pandas show whole
    task texts.
    """
    from civstat.plots import use_offline_renderer

    use_offline_renderer()
    pd.set_option("display.max_colwidth", None)
    pd.set_option("display.max_rows", 200)


def load(data_dir: str = "") -> Plans:
    """Read the plans of a data folder (its ``raw/``), or the bundled ones when empty.

    Problems are kept in ``plans.problems`` without a warning: the briefing reports
    them in its overview.

    Parameters
    ----------
    data_dir : str
        A data folder holding ``raw/``; ``""`` for the default (``$CIVSTAT_DATA_DIR``
        or the bundled documents).
    """
    from civstat import paths
    from civstat.io.reader import load_plans

    return load_plans(paths.raw_dir(data_dir) if data_dir else None, errors="ignore")


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
    civstat.briefing.PlanNotFoundError: 没有找到 2019 年 武汉市民政局 的计划：现有 **市人民政府 2020年；宣州区民政局 2023年；武汉市民政局 2020、2022、2023年。
    No plan of 武汉市民政局 for 2019 in the data; there are: **市人民政府 2020; 宣州区民政局 2023; 武汉市民政局 2020, 2022, 2023.
    """
    docs = plans.documents
    if ((docs["issuer"] == issuer) & (docs["year"] == year)).any():
        return
    raise PlanNotFoundError(not_found_message(plans, issuer=issuer, year=year))


def not_found_message(plans: Plans, *, issuer: str, year) -> str:
    """Say, in Chinese then English, that an issuer-year has no plan and which ones do."""
    have = issuer_years(plans).groupby("issuer", sort=True)["year"].apply(list)
    zh = "；".join(f"{i} {'、'.join(str(y) for y in ys)}年" for i, ys in have.items()) or "（没有任何计划）"
    en = "; ".join(f"{i} {', '.join(str(y) for y in ys)}" for i, ys in have.items()) or "no plans at all"
    return (f"没有找到 {year} 年 {issuer} 的计划：现有 {zh}。\n"
            f"No plan of {issuer} for {year} in the data; there are: {en}.")


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
            f"{previous_year(plans, issuer=issuer, year=year) or '（没有）'} 年。\n"
            f"The base year {base_year} must come before {year}.")


def of_plan(table: pd.DataFrame, plans: Plans, *, issuer: str, year: int) -> pd.DataFrame:
    """Keep the rows of a table with ``task_id`` whose task belongs to the issuer-year's plan.

    Examples
    --------
    >>> import civstat
    >>> from civstat.targets import targets
    >>> plans = civstat.load_plans(errors="ignore")
    >>> len(of_plan(targets(plans), plans, issuer="武汉市民政局", year=2023))
    22
    """
    tasks = plans.tasks
    ids = tasks.loc[(tasks["issuer"] == issuer) & (tasks["year"] == year), "task_id"]
    return table[table["task_id"].isin(ids)]


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
    civstat.briefing.BriefingError: 没有主题“养老”：主题编号是 elderly_care（养老服务）、...
    """
    from civstat.themes import theme_lexicon

    lex = theme_lexicon().drop_duplicates("theme").query("theme != ''")
    if theme in set(lex["theme"]):
        return
    known = "、".join(f"{t}（{label}）" for t, label in zip(lex["theme"], lex["label"], strict=True))
    raise BriefingError(f"没有主题“{theme}”：主题编号是 {known}。\n"
                        f"No theme {theme!r}; the theme ids are {', '.join(lex['theme'])}.")


def theme_label(theme: str) -> str:
    """Return the Chinese label of a theme id of civstat's lexicon (``elderly_care`` → 养老服务)."""
    from civstat.themes import theme_lexicon

    lex = theme_lexicon()
    return str(lex.loc[lex["theme"] == theme, "label"].iloc[0])


# -- sentences -----------------------------------------------------------------------------


def overview(plans: Plans, *, issuer: str, year: int) -> Note:
    """Say what the plan is: its title, how many tasks, how many the bureau leads.

    Examples
    --------
    >>> import civstat
    >>> print(overview(civstat.load_plans(errors="ignore"), issuer="武汉市民政局", year=2023))
    武汉市民政局《2023年省、市《政府工作报告》民政目标任务责任分解方案》：2023年共21项任务，其中牵头10项。
    """
    docs = plans.documents[(plans.documents["issuer"] == issuer) & (plans.documents["year"] == year)]
    tasks = plans.tasks[(plans.tasks["issuer"] == issuer) & (plans.tasks["year"] == year)]
    titles = "、".join(f"《{t}》" for t in docs["title"] if t)
    text = f"{issuer}{titles}：{year}年共{len(tasks)}项任务"
    n_lead = int(tasks["lead"].sum())
    text += f"，其中牵头{n_lead}项。" if n_lead else "（计划未标出由本单位牵头的任务）。"
    problems = plans.problems[plans.problems["doc_id"].isin(docs["doc_id"])]
    if not docs["complete"].all():
        text += "文件不完整（原文在中途被截断），以下只统计读到的部分。"
    if len(problems):
        text += f"读取时有{len(problems)}处需要核对的地方，可用 civstat check 逐行查看。"
    return Note(text)


def workload_summary(table: pd.DataFrame, *, by: str = "leader", asked: str | None = None) -> Note:
    """Say who holds how many tasks, from :func:`civstat.workload.workload` of one issuer-year.

    Parameters
    ----------
    table : pandas.DataFrame
        The workload of one issuer-year in role ``by``.
    by : str
        The role counted.
    asked : str, optional
        The role the reader asked for; when it differs from ``by`` (the plan has no
        such column, see :func:`role_for`), the sentence says so first.

    Examples
    --------
    >>> import civstat
    >>> from civstat.workload import workload
    >>> plans = civstat.load_plans(errors="ignore")
    >>> print(workload_summary(workload(plans, issuer="武汉市民政局", year=2023)))
    邓永付分管11项（其中牵头6项），彭莉莉6项，李超4项。
    """
    from civstat.plots import LABELS

    role = LABELS.get(by, by)
    note = f"计划没有列出{LABELS.get(asked, asked)}，以下按{role}统计。" if asked not in (None, by) else ""
    if table.empty:
        return Note(f"计划没有列出{role}。")
    rows = table.sort_values(["tasks", "name"], ascending=[False, True], kind="stable")
    parts = [f"{r.name}{r.tasks}项" for r in rows.head(LIST_AT_MOST).itertuples()]
    first = rows.iloc[0]
    parts[0] = f"{first['name']}{VERBS.get(by, '负责')}{first['tasks']}项"
    if first["lead_tasks"]:
        parts[0] += f"（其中牵头{first['lead_tasks']}项）"
    more = f"等{len(rows)}个{role}" if len(rows) > LIST_AT_MOST else ""
    return Note(note + "，".join(parts) + more + "。")


def heatmap_summary(table: pd.DataFrame) -> Note:
    """Say each name's main theme, from :func:`civstat.workload.workload_by_theme`.

    Examples
    --------
    >>> table = pd.DataFrame({"name": ["张三", "张三", "李四"], "label": ["养老服务", "社会救助", "社会救助"],
    ...                       "tasks": [4, 1, 2]})
    >>> print(heatmap_summary(table))
    张三的任务以养老服务为主（4项），李四以社会救助为主（2项）。
    """
    if table.empty:
        return Note("没有可归入主题的任务。")
    top = (table.sort_values(["tasks", "label"], ascending=[False, True], kind="stable")
           .drop_duplicates("name"))
    totals = table.groupby("name")["tasks"].sum()
    top = top.assign(total=top["name"].map(totals)).sort_values(["total", "name"], ascending=[False, True])
    parts = [f"{r.name}{'' if i else '的任务'}以{r.label}为主（{r.tasks}项）"
             for i, r in enumerate(top.head(LIST_AT_MOST).itertuples())]
    return Note("，".join(parts) + "。")


def handover_summary(table: pd.DataFrame, *, by: str = "leader") -> Note:
    """Say who handed continuing tasks to whom, from :func:`civstat.workload.handover`.

    Examples
    --------
    >>> table = pd.DataFrame({"base_year": 2022, "compare_year": 2023, "before": ["张明武", "彭莉莉"],
    ...                       "after": ["邓永付", "彭莉莉"], "tasks": [3, 1]})
    >>> print(handover_summary(table))
    延续的任务中，张明武2022年分管的3项在2023年由邓永付分管；彭莉莉继续分管1项。
    """
    if table.empty:
        return Note("没有可对比的延续任务。")
    base, compare = int(table["base_year"].iloc[0]), int(table["compare_year"].iloc[0])
    verb = VERBS.get(by, "负责")
    parts = []
    for r in table.head(LIST_AT_MOST + 1).itertuples():
        if r.before == r.after:
            parts.append(f"{r.before}继续{verb}{r.tasks}项")
        else:
            parts.append(f"{r.before}{base}年{verb}的{r.tasks}项在{compare}年由{r.after}{verb}")
    return Note("延续的任务中，" + "；".join(parts) + ("等" if len(table) > LIST_AT_MOST + 1 else "") + "。")


def continuity_summary(links: pd.DataFrame) -> Note:
    """Say how many tasks continued, were dropped and are new, from :func:`civstat.continuity.continuity`.

    Rows with ``counted`` false (a commitment listed twice) are counted once.

    Examples
    --------
    >>> links = pd.DataFrame({"base_year": 2022, "compare_year": 2023,
    ...     "base_task": ["a1", "a1", "a2", ""], "compare_task": ["b1", "b2", "", "b3"],
    ...     "status": ["continued", "continued", "dropped", "new"], "counted": True})
    >>> print(continuity_summary(links))
    2022年的2项任务中，1项在2023年延续（对应2023年的2项），1项不再列出；2023年新增1项。
    """
    if links.empty:
        return Note("两年都没有任务，无从比较。")
    base, compare = int(links["base_year"].iloc[0]), int(links["compare_year"].iloc[0])
    rows = links[links["counted"]] if "counted" in links.columns else links
    continued = rows[rows["status"] == "continued"]
    n_cont = continued["base_task"].nunique()
    n_into = continued["compare_task"].nunique()
    n_drop = int((rows["status"] == "dropped").sum())
    n_new = int((rows["status"] == "new").sum())
    into = f"（对应{compare}年的{n_into}项）" if n_into != n_cont else ""
    return Note(f"{base}年的{n_cont + n_drop}项任务中，{n_cont}项在{compare}年延续{into}，"
                f"{n_drop}项不再列出；{compare}年新增{n_new}项。")


def theme_summary(share: pd.DataFrame, *, issuer: str, year: int) -> Note:
    """Say which themes lead in a year, and the biggest shift since the previous year.

    ``share`` is :func:`civstat.themes.theme_share` (by year), for all years or some.

    Examples
    --------
    >>> share = pd.DataFrame({"issuer": "某局", "year": [2022, 2022, 2023, 2023],
    ...                       "label": ["养老服务", "社会救助"] * 2, "tasks": [2, 3, 10, 4],
    ...                       "n_tasks": [17, 17, 21, 21]})
    >>> print(theme_summary(share, issuer="某局", year=2023))
    2023年的21项任务中，养老服务最多（10项，占48%），其次是社会救助（4项）。与2022年相比，养老服务由2项增至10项。
    """
    mine = share[share["issuer"] == issuer]
    now = mine[(mine["year"] == year) & (mine["tasks"] > 0)]
    if now.empty:
        return Note(f"{year}年的任务没有落入任何主题。")
    now = now.sort_values("tasks", ascending=False, kind="stable")
    first = now.iloc[0]
    text = (f"{year}年的{first['n_tasks']}项任务中，{first['label']}最多"
            f"（{first['tasks']}项，占{first['tasks'] / first['n_tasks']:.0%}）")
    rest = now.iloc[1:LIST_AT_MOST]
    if len(rest):
        text += "，其次是" + "、".join(f"{r.label}（{r.tasks}项）" for r in rest.itertuples())
    text += "。"
    earlier = mine.loc[mine["year"] < year, "year"]
    if len(earlier):
        before_year = int(earlier.max())
        before = mine[mine["year"] == before_year].set_index("label")["tasks"]
        after = mine[mine["year"] == year].set_index("label")["tasks"]
        change = after.sub(before, fill_value=0)
        label = change.abs().sort_values(ascending=False, kind="stable").index[0]
        if change[label]:
            verb = "增至" if change[label] > 0 else "减至"
            text += (f"与{before_year}年相比，{label}由{int(before.get(label, 0))}项"
                     f"{verb}{int(after.get(label, 0))}项。")
    return Note(text)


def targets_summary(table: pd.DataFrame, *, year: int | None = None) -> Note:
    """Say how many numeric targets the tasks set, with a few examples.

    ``table`` is :func:`civstat.targets.targets` for the tasks of one plan.

    Examples
    --------
    >>> table = pd.DataFrame({"task_id": ["t1", "t1", "t2"], "object": ["家庭养老床位", "居家养老上门服务", ""],
    ...                       "raw": ["3000张", "1.1万人", "85%"]})
    >>> print(targets_summary(table, year=2022))
    2022年的计划中有3个量化目标，分布在2项任务里，例如家庭养老床位3000张、居家养老上门服务1.1万人、85%。
    """
    when = f"{year}年的" if year is not None else ""
    if table.empty:
        return Note(f"{when}计划没有写出量化目标。")
    examples = "、".join(f"{r.object}{r.raw}" for r in table.head(3).itertuples())
    return Note(f"{when}计划中有{len(table)}个量化目标，分布在{table['task_id'].nunique()}项任务里，"
                f"例如{examples}。")


def target_changes_summary(changes: pd.DataFrame) -> Note:
    """Say how the targets of continued tasks moved, from :func:`civstat.targets.target_changes`.

    Examples
    --------
    >>> changes = pd.DataFrame({"base_year": 2022, "compare_year": 2023, "object": ["社区老年人服务中心（站）"],
    ...                         "unit": ["个"], "base_value": [80.0], "compare_value": [70.0],
    ...                         "base_raw": ["80个"], "compare_raw": ["70个"]})
    >>> print(target_changes_summary(changes))
    延续的任务中有1个量化目标可前后对照：社区老年人服务中心（站）由2022年的80个调整为2023年的70个。
    """
    if changes.empty:
        return Note("延续的任务中没有可前后对照的量化目标。")
    base, compare = int(changes["base_year"].iloc[0]), int(changes["compare_year"].iloc[0])
    parts = []
    for r in changes.head(LIST_AT_MOST).itertuples():
        old = getattr(r, "base_raw", None) or f"{r.base_value:g}{r.unit}"
        new = getattr(r, "compare_raw", None) or f"{r.compare_value:g}{r.unit}"
        verb = "保持" if r.base_value == r.compare_value else "调整为"
        parts.append(f"{r.object}由{base}年的{old}{verb}{compare}年的{new}")
    more = "等" if len(changes) > LIST_AT_MOST else ""
    return Note(f"延续的任务中有{len(changes)}个量化目标可前后对照：" + "；".join(parts) + more + "。")


# -- tables for display --------------------------------------------------------------------


def table(df: pd.DataFrame, columns: list[str] | None = None) -> pd.DataFrame:
    """Return ``df`` for display: chosen columns with Chinese headers, rows numbered from 1.

    The notebook shows it as HTML, every cell escaped by pandas.

    Examples
    --------
    >>> table(pd.DataFrame({"name": ["邓永付"], "tasks": [11]})).to_dict("index")
    {1: {'名称': '邓永付', '任务数': 11}}
    """
    from civstat.plots import LABELS

    out = df[list(columns)] if columns is not None else df.copy()
    out = out.rename(columns=lambda c: LABELS.get(c, c))
    out.columns.name = None
    out.index = pd.RangeIndex(1, len(out) + 1)
    return out


def keyword_table(words: pd.DataFrame) -> pd.DataFrame:
    """Show :func:`civstat.themes.keywords` of one issuer side by side: one column per year.

    Examples
    --------
    >>> words = pd.DataFrame({"issuer": "某局", "year": [2022, 2022, 2023], "rank": [1, 2, 1],
    ...                       "term": ["养老", "救助", "适老化"]})
    >>> keyword_table(words).to_dict("index")
    {1: {'2022年': '养老', '2023年': '适老化'}, 2: {'2022年': '救助', '2023年': ''}}
    """
    grid = words.pivot_table(index="rank", columns="year", values="term", aggfunc="first",
                             fill_value="")
    grid.columns = [f"{int(year)}年" for year in grid.columns]
    return table(grid)


def task_table(plans: Plans, task_ids) -> pd.DataFrame:
    """Show tasks by id: their number in the plan, section, text and who holds them.

    Returns
    -------
    pandas.DataFrame
        ``序号, 部分, 工作事项`` and one column per role the tasks have (names joined
        by ``、``), in the order of ``task_ids``.
    """
    ids = list(dict.fromkeys(task_ids))
    tasks = plans.tasks.set_index("task_id").loc[ids].reset_index()
    a = plans.assignments[plans.assignments["task_id"].isin(ids)]
    holders = a.pivot_table(index="task_id", columns="role", values="name", aggfunc="、".join)
    roles = [r for r in ROLES if r in holders.columns]
    out = tasks[["task_id", "seq", "section", "text"]].merge(
        holders[roles], left_on="task_id", right_index=True, how="left")
    out[roles] = out[roles].fillna("")
    return table(out, ["seq", "section", "text", *roles])


def continuity_table(links: pd.DataFrame, status: str) -> pd.DataFrame:
    """Show the links of one status: the two texts, the score and the shared words."""
    rows = links[(links["status"] == status) & links.get("counted", True)]
    labels = {"base_text": f"{rows['base_year'].iloc[0]}年任务" if len(rows) else "原任务",
              "compare_text": f"{rows['compare_year'].iloc[0]}年任务" if len(rows) else "新任务",
              "shared_terms": "共同词语"}
    columns = {"continued": ["base_text", "compare_text", "score", "shared_terms"],
               "dropped": ["base_text"], "new": ["compare_text"]}[status]
    out = table(rows.assign(score=rows["score"].round(2)), columns)
    return out.rename(columns=labels)


def targets_table(plans: Plans, targets: pd.DataFrame) -> pd.DataFrame:
    """Show numeric targets with the number of their task in the plan."""
    seq = plans.tasks.set_index("task_id")["seq"]
    rows = targets.assign(seq=targets["task_id"].map(seq))
    return table(rows, ["seq", "object", "raw", "value", "unit", "qualifier"]).rename(
        columns={"raw": "原文", "qualifier": "限定"})
