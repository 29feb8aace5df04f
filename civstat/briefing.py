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
    civstat.briefing.PlanNotFoundError: 没有找到武汉市民政局 2019 年的计划。现有 **市人民政府 2020年；宣州区民政局 2023年；武汉市民政局 2020、2022、2023年。
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
    >>> from civstat.targets import targets
    >>> plans = civstat.load_plans(errors="ignore")
    >>> len(of_plan(targets(plans), plans, issuer="武汉市民政局", year=2023))
    22
    """
    tasks = plans.tasks
    ids = tasks.loc[(tasks["issuer"] == issuer) & (tasks["year"] == year), "task_id"]
    return table[table["task_id"].isin(ids)]


def repeats(plans: Plans, *, issuer: str, year: int) -> dict[str, str]:
    """Map each task that repeats an earlier task of its plan to the task it repeats.

    A commitment listed twice in one plan (see :func:`civstat.continuity.duplicates`) is
    one piece of work: every count in a sentence counts it once.

    Examples
    --------
    >>> import civstat
    >>> repeats(civstat.load_plans(errors="ignore"), issuer="武汉市民政局", year=2023)
    {'wuhan-2023-breakdown-011': 'wuhan-2023-breakdown-001', 'wuhan-2023-breakdown-009': 'wuhan-2023-breakdown-003'}
    """
    from civstat.continuity import duplicates

    tasks = plans.tasks[(plans.tasks["issuer"] == issuer) & (plans.tasks["year"] == year)]
    if tasks.empty:
        return {}
    found = duplicates(tasks)
    first: dict[str, str] = {}
    for a, b in zip(found["task_a"], found["task_b"], strict=True):   # task_a comes first
        first[b] = first.get(a, a)
    return dict(sorted(first.items(), key=lambda kv: kv[1]))


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

    A commitment listed twice is named, and the tasks and lead tasks are counted again
    with each commitment once.

    Examples
    --------
    >>> import civstat
    >>> print(overview(civstat.load_plans(errors="ignore"), issuer="武汉市民政局", year=2023))
    武汉市民政局《2023年省、市《政府工作报告》民政目标任务责任分解方案》：2023年共21项任务，其中牵头10项。其中2项与前面的任务重复列出（第9项即第3项、第11项即第1项），按不同的工作计共19项，其中牵头8项。
    """
    docs = plans.documents[(plans.documents["issuer"] == issuer) & (plans.documents["year"] == year)]
    tasks = plans.tasks[(plans.tasks["issuer"] == issuer) & (plans.tasks["year"] == year)]
    titles = "、".join(f"《{t}》" for t in docs["title"] if t)
    text = f"{issuer}{titles}：{year}年共{len(tasks)}项任务"
    n_lead = int(tasks["lead"].sum())
    text += f"，其中牵头{n_lead}项。" if n_lead else "（计划未标出由本单位牵头的任务）。"
    reps = repeats(plans, issuer=issuer, year=year)
    if reps:
        once = tasks[~tasks["task_id"].isin(list(reps))]
        text += (f"其中{len(reps)}项与前面的任务重复列出（{_repeat_note(plans, reps)}），"
                 f"按不同的工作计共{len(once)}项")
        text += f"，其中牵头{int(once['lead'].sum())}项。" if n_lead else "。"
    problems = plans.problems[plans.problems["doc_id"].isin(docs["doc_id"])]
    if not docs["complete"].all():
        text += "文件不完整（原文在中途被截断），以下只统计读到的部分。"
    n_damaged = sum(1 for t in damaged(plans) if t in set(tasks["task_id"]))
    if n_damaged:
        text += f"有{n_damaged}项任务的原文有乱码，任务清单中已注明。"
    if len(problems):
        text += f"读取原文时有{len(problems)}处需要核对的地方，已交分析人员核对。"
    return Note(text)


def repeats_summary(plans: Plans, *, issuer: str, year: int, by: str = "leader") -> Note:
    """Say whose task counts include a task listed twice, so that a reader counts it once.

    Examples
    --------
    >>> import civstat
    >>> print(repeats_summary(civstat.load_plans(errors="ignore"), issuer="武汉市民政局", year=2023))
    以上按方案所列任务统计；其中第9项即第3项、第11项即第1项，是同一工作重复列出：邓永付名下按不同的工作计为9项。
    """
    reps = repeats(plans, issuer=issuer, year=year)
    if not reps:
        return Note("")
    a = plans.assignments
    mine = a[(a["issuer"] == issuer) & (a["year"] == year) & (a["role"] == by)]
    names = []
    for name, held in mine.groupby("name", sort=True)["task_id"]:
        held = set(held)
        twice = [b for b, first in reps.items() if b in held and first in held]
        if twice:
            names.append(f"{name}名下按不同的工作计为{len(held) - len(twice)}项")
    text = f"以上按方案所列任务统计；其中{_repeat_note(plans, reps)}，是同一工作重复列出"
    return Note(text + ("：" + "，".join(names) if names else "") + "。")


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

    Every task is counted, each commitment once: a task that repeats another of its plan
    (``counted`` false) is named as a repeat, so that the parts of each plan add up to
    the tasks it lists.

    Examples
    --------
    >>> links = pd.DataFrame({"base_year": 2022, "compare_year": 2023,
    ...     "base_task": ["a1", "a1", "a2", "", ""], "compare_task": ["b1", "b2", "", "b3", "b4"],
    ...     "status": ["continued", "continued", "dropped", "new", "new"], "counted": [True, True, True, True, False],
    ...     "compare_duplicate_of": ["", "", "", "", "b3"], "base_duplicate_of": ""})
    >>> print(continuity_summary(links))
    2022年的2项任务中，1项在2023年延续，1项不再列出。2023年的4项任务中，新增1项，承接2022年任务的2项，另有1项与新增的任务重复列出（只算一次）。
    """
    if links.empty:
        return Note("两年都没有任务，无从比较。")
    base, compare = int(links["base_year"].iloc[0]), int(links["compare_year"].iloc[0])
    counted = links["counted"] if "counted" in links.columns else pd.Series(True, index=links.index)
    rows = links[counted]
    continued = rows[rows["status"] == "continued"]
    n_cont = continued["base_task"].nunique()
    n_into = continued["compare_task"].nunique()
    n_drop = int((rows["status"] == "dropped").sum())
    n_new = int((rows["status"] == "new").sum())
    listed_base = links.loc[links["base_task"] != "", "base_task"].nunique()
    listed_compare = links.loc[links["compare_task"] != "", "compare_task"].nunique()
    rep_base = listed_base - n_cont - n_drop
    rep_compare = listed_compare - n_into - n_new
    text = f"{base}年的{listed_base}项任务中，"
    if rep_base:
        text += f"{rep_base}项与其他任务重复列出（只算一次），其余{n_cont + n_drop}项中，"
    text += f"{n_cont}项在{compare}年延续，{n_drop}项不再列出。"
    text += f"{compare}年的{listed_compare}项任务中，新增{n_new}项，承接{base}年任务的{n_into}项"
    if rep_compare:
        text += f"，另有{rep_compare}项与{_repeated_kind(links)}的任务重复列出（只算一次）"
    return Note(text + "。")


def _repeated_kind(links: pd.DataFrame) -> str:
    """Say whether the compare year's repeats repeat continued tasks, new ones or both."""
    if "compare_duplicate_of" not in links.columns:
        return "其他"
    firsts = set(links.loc[links["compare_duplicate_of"] != "", "compare_duplicate_of"])
    status = set(links.loc[links["compare_task"].isin(firsts), "status"])
    return {"continued": "延续", "new": "新增"}.get(next(iter(status)), "其他") if len(status) == 1 else "其他"


def shared_continuity_summary(plans: Plans, *, issuer: str, base_year: int, year: int) -> Note:
    """Say what continued on the sources both plans share, when their sources differ.

    Examples
    --------
    >>> import civstat
    >>> print(shared_continuity_summary(civstat.load_plans(errors="ignore"), issuer="武汉市民政局",
    ...                                 base_year=2022, year=2023))
    只看两年都有的市《政府工作报告》、市政府民生实事任务（重复列出的只算一次）：2022年的17项任务中，5项在2023年延续，12项不再列出。2023年的12项任务中，新增7项，承接2022年任务的5项。
    """
    from civstat.continuity import continuity, generic_words

    old, new = sources(plans, issuer=issuer, year=base_year), sources(plans, issuer=issuer, year=year)
    if set(old) == set(new):
        return Note("")
    common = [s for s in new if s in old]
    if not common:
        return Note("两份方案没有共同的来源，无法只比较共同的部分。")
    tasks = shared_tasks(plans, issuer=issuer, base_year=base_year, year=year)
    links = continuity(tasks, issuer=issuer, base_year=base_year, compare_year=year,
                       generic=generic_words(plans))
    return Note(f"只看两年都有的{'、'.join(common)}任务（重复列出的只算一次）：" + continuity_summary(links))


def theme_summary(share: pd.DataFrame, *, issuer: str, year: int, plans: Plans | None = None) -> Note:
    """Say which themes lead in a year, and the biggest shift since the previous year.

    ``share`` is :func:`civstat.themes.theme_share` (by year), for all years or some.
    Given ``plans``, the sentence says how many of the leading theme's tasks repeat
    another task, and the shift is measured like with like: on the tasks of the sources
    both plans have (see :func:`shared_tasks`), each commitment once, saying so.

    Examples
    --------
    >>> share = pd.DataFrame({"issuer": "某局", "year": [2022, 2022, 2023, 2023],
    ...                       "label": ["养老服务", "社会救助"] * 2, "tasks": [2, 3, 10, 4],
    ...                       "n_tasks": [17, 17, 21, 21]})
    >>> print(theme_summary(share, issuer="某局", year=2023))
    2023年的21项任务中，养老服务最多（10项，占48%），其次是社会救助（4项）。与2022年相比，养老服务由2项增至10项。

    >>> import civstat
    >>> from civstat.themes import theme_share
    >>> plans = civstat.load_plans(errors="ignore")
    >>> print(theme_summary(theme_share(plans), issuer="武汉市民政局", year=2023, plans=plans))
    2023年的21项任务中，养老服务最多（10项，占48%），其中2项是重复列出的同一工作，其次是社会救助（4项）、基层政权和社区治理（4项）、经济和服务业（4项）、儿童福利（2项）。与2022年相比（只看两年都有的市《政府工作报告》、市政府民生实事任务，重复列出的只算一次），养老服务由2项增至5项。
    """
    mine = share[share["issuer"] == issuer]
    now = mine[(mine["year"] == year) & (mine["tasks"] > 0)]
    if now.empty:
        return Note(f"{year}年的任务没有落入任何主题。")
    now = now.sort_values("tasks", ascending=False, kind="stable")
    first = now.iloc[0]
    text = (f"{year}年的{first['n_tasks']}项任务中，{first['label']}最多"
            f"（{first['tasks']}项，占{first['tasks'] / first['n_tasks']:.0%}）")
    if plans is not None:
        n_twice = _repeats_in_theme(plans, issuer=issuer, year=year, label=first["label"])
        if n_twice:
            text += f"，其中{n_twice}项是重复列出的同一工作"
    rest = now.iloc[1:LIST_AT_MOST]
    if len(rest):
        text += "，其次是" + "、".join(f"{r.label}（{r.tasks}项）" for r in rest.itertuples())
    text += "。"
    earlier = mine.loc[mine["year"] < year, "year"]
    if len(earlier):
        before_year = int(earlier.max())
        how = ""
        if plans is not None:
            from civstat.themes import theme_share

            like = theme_share(shared_tasks(plans, issuer=issuer, base_year=before_year, year=year))
            mine = like[like["issuer"] == issuer]
            common = [s for s in sources(plans, issuer=issuer, year=year)
                      if s in sources(plans, issuer=issuer, year=before_year)]
            differ = (set(common) != set(sources(plans, issuer=issuer, year=year))
                      or set(common) != set(sources(plans, issuer=issuer, year=before_year)))
            how = "（" + (f"只看两年都有的{'、'.join(common)}任务，" if differ and common else "") + "重复列出的只算一次）"
        before = mine[mine["year"] == before_year].set_index("label")["tasks"]
        after = mine[mine["year"] == year].set_index("label")["tasks"]
        change = after.sub(before, fill_value=0)
        label = change.abs().sort_values(ascending=False, kind="stable").index[0] if len(change) else None
        if label is not None and change[label]:
            verb = "增至" if change[label] > 0 else "减至"
            text += (f"与{before_year}年相比{how}，{label}由{int(before.get(label, 0))}项"
                     f"{verb}{int(after.get(label, 0))}项。")
    return Note(text)


def theme_count_note(plans: Plans, tagged: pd.DataFrame, *, issuer: str, year: int, theme: str) -> Note:
    """Say how many tasks of a plan belong to a theme, each commitment once.

    ``tagged`` is :func:`civstat.themes.themes` of the plan's tasks, one theme.

    Examples
    --------
    >>> import civstat
    >>> from civstat.themes import themes
    >>> plans = civstat.load_plans(errors="ignore")
    >>> tagged = of_plan(themes(plans), plans, issuer="武汉市民政局", year=2023).query("theme == 'elderly_care'")
    >>> print(theme_count_note(plans, tagged, issuer="武汉市民政局", year=2023, theme="elderly_care"))
    2023年有10项任务属于“养老服务”，其中2项是重复列出的同一工作，按不同的工作计为8项。
    """
    label = theme_label(theme)
    text = f"{year}年有{len(tagged)}项任务属于“{label}”"
    twice = _repeats_in_theme(plans, issuer=issuer, year=year, label=label)
    if twice:
        text += f"，其中{twice}项是重复列出的同一工作，按不同的工作计为{len(tagged) - twice}项"
    return Note(text + "。")


def _repeats_in_theme(plans: Plans, *, issuer: str, year: int, label: str) -> int:
    """Count the tasks of a theme that repeat another task of the same theme in their plan."""
    from civstat.themes import themes

    reps = repeats(plans, issuer=issuer, year=year)
    if not reps:
        return 0
    found = themes(plans.tasks[plans.tasks["task_id"].isin([*reps, *reps.values()])])
    tagged = set(found.loc[found["label"] == label, "task_id"])
    return sum(1 for b, a in reps.items() if b in tagged and a in tagged)


def target_label(row) -> str:
    """Write a target as a reader quotes it: its ``label`` (see :func:`civstat.targets.targets`).

    A table without labels (made by hand) gets scope, action, object and the number.

    Examples
    --------
    >>> print(target_label(pd.Series({"per": "每个城市社区平均", "action": "", "object": "社区社会组织",
    ...                               "raw": "不少于10个"})))
    每个城市社区平均有社区社会组织不少于10个
    >>> print(target_label(pd.Series({"per": "", "action": "新增", "object": "家庭养老床位", "raw": "3000张"})))
    新增家庭养老床位3000张
    """
    label = row.get("label", "")
    if isinstance(label, str) and label:
        return label
    per, action, obj, raw = (str(row.get(c, "") or "") for c in ("per", "action", "object", "raw"))
    scope = "" if not per or per in raw else per + ("" if action else "有")
    return f"{scope}{action}{obj}{raw}"


def targets_summary(table: pd.DataFrame, *, year: int | None = None,
                    repeats: dict[str, str] | None = None) -> Note:
    """Say how many numeric targets the tasks set, with a few examples.

    ``table`` is :func:`civstat.targets.targets` for the tasks of one plan; ``repeats``
    (see :func:`repeats`) names the tasks that repeat another, whose targets are then
    counted once, and the sentence says so.

    Examples
    --------
    >>> table = pd.DataFrame({"task_id": ["t1", "t1", "t2", "t3"], "action": ["新增", "", "", "新增"],
    ...                       "object": ["家庭养老床位", "居家养老上门服务", "", "家庭养老床位"],
    ...                       "raw": ["3000张", "1.1万人", "85%", "3000张"], "unit": ["张", "人", "%", "张"],
    ...                       "value": [3000.0, 11000.0, 85.0, 3000.0]})
    >>> print(targets_summary(table, year=2022, repeats={"t3": "t1"}))
    2022年的计划中列出4个量化目标，其中1个出现在重复列出的任务中，按一次计共3个，分布在2项任务里，例如新增家庭养老床位3000张、居家养老上门服务1.1万人、85%。
    """
    when = f"{year}年的" if year is not None else ""
    if table.empty:
        return Note(f"{when}计划没有写出量化目标。")
    once = _targets_once(table, repeats or {})
    examples = "、".join(target_label(r) for _, r in once.head(3).iterrows())
    n_tasks = once["task_id"].nunique()
    if len(once) == len(table):
        return Note(f"{when}计划中有{len(table)}个量化目标，分布在{n_tasks}项任务里，例如{examples}。")
    return Note(f"{when}计划中列出{len(table)}个量化目标，其中{len(table) - len(once)}个出现在重复列出的任务中，"
                f"按一次计共{len(once)}个，分布在{n_tasks}项任务里，例如{examples}。")


def _targets_once(table: pd.DataFrame, reps: dict[str, str]) -> pd.DataFrame:
    """Drop the targets of a repeated task that its first listing already sets.

    The same number and unit in a task and its repeat are one target, even when the
    repeat words its object differently (居家适老化改造 / 特殊困难老年人家庭居家适老化改造).
    """
    root = table["task_id"].map(lambda t: reps.get(t, t))
    keys = [c for c in ("value", "unit") if c in table.columns]
    twice = table.assign(_root=root).duplicated(["_root", *keys]) & table["task_id"].isin(list(reps))
    return table[~twice]


def _changed_name(r) -> str:
    """Name a paired target without its number: 新建社区老年人服务中心（站）, 工业投资增长."""
    label, raw = r.get("label", ""), str(r.get("compare_raw", "") or "")
    if isinstance(label, str) and label and raw and raw in label:
        return label.replace(raw, "", 1)
    return f"{r.get('action', '') or ''}{r['object']}"


def target_changes_summary(changes: pd.DataFrame) -> Note:
    """Say how the targets of continued tasks moved, from :func:`civstat.targets.target_changes`.

    A renamed object is called by its new name, and the sentence says what it was called;
    a pair whose tasks come from different sources (市《政府工作报告》 one year, 省《政府工作报告》
    the next) says so.

    Examples
    --------
    >>> changes = pd.DataFrame({"base_year": 2022, "compare_year": 2023, "action": "新建",
    ...     "object": ["社区老年人服务中心（站）", "农村老年人互助中心（服务点）"],
    ...     "base_object": ["社区老年人服务中心（站）", "农村老年人互助照料中心（服务点）"],
    ...     "unit": "个", "base_value": [80.0, 140.0], "compare_value": [70.0, 30.0],
    ...     "base_raw": ["80个", "140个"], "compare_raw": ["70个", "30个"]})
    >>> print(target_changes_summary(changes))
    延续的任务中有2个量化目标可前后对照：新建社区老年人服务中心（站）由2022年的80个调整为2023年的70个；新建农村老年人互助中心（服务点）（2022年称“农村老年人互助照料中心（服务点）”）由2022年的140个调整为2023年的30个。
    >>> print(target_changes_summary(changes.head(1).assign(base_source="市《政府工作报告》",
    ...                                                    compare_source="省《政府工作报告》")))
    延续的任务中有1个量化目标可前后对照：新建社区老年人服务中心（站）由2022年的80个调整为2023年的70个（2022年出自市《政府工作报告》，2023年出自省《政府工作报告》）。
    """
    if changes.empty:
        return Note("延续的任务中没有可前后对照的量化目标。")
    base, compare = int(changes["base_year"].iloc[0]), int(changes["compare_year"].iloc[0])
    parts = []
    for _, r in changes.head(LIST_AT_MOST).iterrows():
        old = r.get("base_raw") or f"{r['base_value']:g}{r['unit']}"
        new = r.get("compare_raw") or f"{r['compare_value']:g}{r['unit']}"
        verb = "保持" if r["base_value"] == r["compare_value"] else "调整为"
        name = _changed_name(r)
        old_name = r.get("base_object", r["object"])
        if old_name != r["object"]:
            name += f"（{base}年称“{old_name}”）"
        where = ""
        old_src, new_src = (set(str(r.get(c, "") or "").split("、")) - {""} for c in ("base_source", "compare_source"))
        if old_src and new_src and not old_src & new_src:      # like with like: say when not
            where = f"（{base}年出自{'、'.join(sorted(old_src))}，{compare}年出自{'、'.join(sorted(new_src))}）"
        parts.append(f"{name}由{base}年的{old}{verb}{compare}年的{new}{where}")
    more = "等" if len(changes) > LIST_AT_MOST else ""
    text = f"延续的任务中有{len(changes)}个量化目标可前后对照：" + "；".join(parts) + more + "。"
    if "split" in changes.columns and changes["split"].any():
        n = changes.loc[changes["split"], "base_task"].nunique()
        text += f"其中{n}项{base}年的任务在{compare}年分成了几项任务，目标按最相近的一项对照。"
    return Note(text)


# -- tables for display --------------------------------------------------------------------


class NoRows(Note):
    """A sentence that stands in for a table with no rows.

    The table methods a notebook chains on a table (``rename``, ``assign``, ``round``)
    return it unchanged.

    Examples
    --------
    >>> NoRows("没有新增的任务。").rename(columns={"a": "b"})._repr_html_()
    '<p>没有新增的任务。</p>'
    """

    def rename(self, *args, **kwargs) -> NoRows:  # noqa: D102
        return self

    def assign(self, *args, **kwargs) -> NoRows:  # noqa: D102
        return self

    def round(self, *args, **kwargs) -> NoRows:  # noqa: D102
        return self


def number(value) -> str:
    """Write a number as people write it: 2000, 1.1万, 10.5; nothing for a missing one.

    Examples
    --------
    >>> [number(v) for v in (2000.0, 100000.0, 11000.0, 10.5, 7, 0.25, float("nan"), None)]
    ['2000', '10万', '1.1万', '10.5', '7', '0.25', '', '']
    """
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return ""
    value = float(value)
    if abs(value) >= 10000:
        return f"{value / 10000:.2f}".rstrip("0").rstrip(".") + "万"
    return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def percent(value) -> str:
    """Write a share as a percentage: 0.524 → 52%.

    Examples
    --------
    >>> percent(0.524), percent(1.0), percent(0.004), percent(None)
    ('52%', '100%', '0.4%', '')
    """
    if value is None or (isinstance(value, float) and value != value) or value is pd.NA:
        return ""
    pct = float(value) * 100
    return f"{pct:.0f}%" if pct >= 1 or pct == 0 else f"{pct:.1f}%"


#: Columns shown as percentages, and columns of numbers shown as people write them.
PERCENT_COLUMNS = ("share", "score")
NUMBER_COLUMNS = ("value", "value_max", "weighted", "base_value", "compare_value")


def table(df: pd.DataFrame, columns: list[str] | None = None, *,
          empty: str = "没有可列出的内容。") -> pd.DataFrame | NoRows:
    """Return ``df`` for display: chosen columns with Chinese headers, rows numbered from 1.

    Shares are written as percentages (52%), other numbers as people write them (2000,
    1.1万); a table with no rows becomes the sentence ``empty``. The notebook shows it
    as HTML, every cell escaped by pandas.

    Examples
    --------
    >>> table(pd.DataFrame({"name": ["邓永付"], "tasks": [11], "share": [0.524]})).to_dict("index")
    {1: {'名称': '邓永付', '任务数': 11, '占比': '52%'}}
    >>> print(table(pd.DataFrame({"name": []}), empty="没有新增的任务。"))
    没有新增的任务。
    """
    from civstat.plots import LABELS

    out = df[list(columns)] if columns is not None else df.copy()
    if out.empty:
        return NoRows(empty)
    for column in out.columns:
        if column in PERCENT_COLUMNS and pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].map(percent)
        elif (column in NUMBER_COLUMNS or pd.api.types.is_float_dtype(out[column])) and \
                pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].map(number)
    out = out.rename(columns=lambda c: LABELS.get(c, c))
    out.columns.name = None
    out.index = pd.RangeIndex(1, len(out) + 1)
    return out


def keyword_table(words: pd.DataFrame) -> pd.DataFrame:
    """Show :func:`civstat.themes.keywords` of one issuer side by side: one column per year.

    Each word comes with its counts, so that a reader can judge: the times it occurs in
    that year's plan, then in the other plans compared.

    Examples
    --------
    >>> words = pd.DataFrame({"issuer": "某局", "year": [2022, 2022, 2023], "rank": [1, 2, 1],
    ...                       "term": ["养老", "救助", "适老化"], "count": [5, 3, 4], "count_other": [2, 0, 1]})
    >>> keyword_table(words).to_dict("index")
    {1: {'2022年': '养老（5/2）', '2023年': '适老化（4/1）'}, 2: {'2022年': '救助（3/0）', '2023年': ''}}
    """
    if {"count", "count_other"} <= set(words.columns):
        words = words.assign(term=[f"{t}（{c}/{o}）" for t, c, o in
                                   zip(words["term"], words["count"], words["count_other"], strict=True)])
    grid = words.pivot_table(index="rank", columns="year", values="term", aggfunc="first",
                             fill_value="")
    grid.columns = [f"{int(year)}年" for year in grid.columns]
    return table(grid)


def continuity_by_theme(links: pd.DataFrame, themes: pd.DataFrame) -> pd.DataFrame | NoRows:
    """Count, per theme, this year's tasks that continue last year's, the new ones, and those dropped.

    Each task is placed under its first theme (``其他`` without one), each commitment
    counted once; the columns add up to the counts of :func:`continuity_summary`.

    Examples
    --------
    >>> links = pd.DataFrame({"base_year": 2022, "compare_year": 2023,
    ...     "base_task": ["a1", "a2", ""], "compare_task": ["b1", "", "b2"],
    ...     "status": ["continued", "dropped", "new"], "counted": True})
    >>> themes = pd.DataFrame({"task_id": ["a1", "b1", "b2"], "label": ["养老服务", "养老服务", "社会救助"]})
    >>> continuity_by_theme(links, themes).to_dict("index")
    {1: {'主题': '养老服务', '延续': 1, '新增': 0, '不再列出': 0}, 2: {'主题': '社会救助', '延续': 0, '新增': 1, '不再列出': 0}, 3: {'主题': '其他', '延续': 0, '新增': 0, '不再列出': 1}}
    """
    rows = links[links["counted"]] if "counted" in links.columns else links
    if rows.empty:
        return NoRows("两年都没有任务，无从比较。")
    first = themes.drop_duplicates("task_id").set_index("task_id")["label"]
    continued = rows.loc[rows["status"] == "continued", "compare_task"].drop_duplicates()
    new = rows.loc[rows["status"] == "new", "compare_task"]
    dropped = rows.loc[rows["status"] == "dropped", "base_task"]
    counts = pd.DataFrame({
        "延续": continued.map(first).fillna("其他").value_counts(),
        "新增": new.map(first).fillna("其他").value_counts(),
        "不再列出": dropped.map(first).fillna("其他").value_counts(),
    }).fillna(0).astype(int)
    counts = counts.assign(total=counts.sum(axis=1), other=counts.index == "其他")
    counts = counts.sort_values(["other", "total"], ascending=[True, False], kind="stable")
    out = counts.drop(columns=["total", "other"]).rename_axis("主题").reset_index()
    out.index = pd.RangeIndex(1, len(out) + 1)
    return out


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
    notes = damaged(plans)
    columns = ["seq", "section", "text", *roles]
    if any(t in notes for t in ids):
        out["note"] = out["task_id"].map(notes).fillna("")
        columns.append("note")
    return table(out, columns, empty="没有任务。").rename(columns={"note": "说明"})


def continuity_table(links: pd.DataFrame, status: str) -> pd.DataFrame:
    """Show the links of one status: the two texts, the score and the shared words."""
    rows = links[(links["status"] == status) & links.get("counted", True)]
    labels = {"base_text": f"{rows['base_year'].iloc[0]}年任务" if len(rows) else "原任务",
              "compare_text": f"{rows['compare_year'].iloc[0]}年任务" if len(rows) else "新任务",
              "shared_terms": "共同词语"}
    columns = {"continued": ["base_text", "compare_text", "score", "shared_terms"],
               "dropped": ["base_text"], "new": ["compare_text"]}[status]
    empty = {"continued": "没有延续的任务。", "dropped": "没有不再列出的任务。", "new": "没有新增的任务。"}[status]
    return table(rows, columns, empty=empty).rename(columns=labels)


def targets_table(plans: Plans, targets: pd.DataFrame, *, detail: bool = True) -> pd.DataFrame | NoRows:
    """Show numeric targets with the number of their task in the plan.

    With ``detail`` false, only the task's number and the target as it reads (for a
    leader's page); otherwise also how it was read (action, object, value …).
    """
    seq = plans.tasks.set_index("task_id")["seq"]
    rows = targets.assign(seq=targets["task_id"].map(seq),
                          target=[target_label(r) for _, r in targets.iterrows()])
    columns = (["seq", "target", "action", "object", "per", "raw", "value", "value_max", "unit", "qualifier"]
               if detail else ["seq", "target"])
    return table(rows, [c for c in columns if c in rows.columns], empty="计划中没有写明数量的目标。").rename(
        columns={"target": "目标", "action": "动作", "per": "范围", "raw": "原文", "value_max": "上限",
                 "qualifier": "限定"})
