"""What the briefing notebooks say: the sentence under each figure, computed from the data.

Report layer: what the briefing notebooks print, from the analyses; tables in :mod:`~civstat.report.tables`.

The notebooks in ``notebooks/`` hold no logic; they call these functions. Each
``*_summary`` function turns an analysis table into one Chinese sentence computed
from the data (``2023年共21项任务，其中牵头10项；邓永付分管11项，彭莉莉6项，李超4项。``),
returned as a :class:`Note`, which a notebook shows as an HTML-escaped paragraph.
"""

from __future__ import annotations

import pandas as pd

from civstat.plans import Plans
from civstat.report.scope import (
    Note,
    _repeat_note,
    damaged,
    repeats,
    shared_tasks,
    sources,
    theme_label,
)
from civstat.report.tables import target_label

#: The verb that says what a name does with a task, per role (邓永付分管11项).
VERBS = {"leader": "分管", "lead_division": "牵头", "division": "参与", "city_lead": "牵头",
         "city_unit": "参与"}

#: How many names or themes a sentence lists before it says 等.
LIST_AT_MOST = 5






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
    """Say who holds how many tasks, from :func:`civstat.analyse.workload.workload` of one issuer-year.

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
    >>> from civstat.analyse.workload import workload
    >>> plans = civstat.load_plans(errors="ignore")
    >>> print(workload_summary(workload(plans, issuer="武汉市民政局", year=2023)))
    邓永付分管11项（其中牵头6项），彭莉莉6项，李超4项。
    """
    from civstat.report.plots import LABELS

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
    """Say each name's main theme, from :func:`civstat.analyse.workload.workload_by_theme`.

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
    """Say who handed continuing tasks to whom, from :func:`civstat.analyse.workload.handover`.

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
    """Say how many tasks continued, were dropped and are new, from :func:`civstat.analyse.continuity.continuity`.

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
    from civstat.analyse.continuity import continuity
    from civstat.analyse.similarity import generic_words

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

    ``share`` is :func:`civstat.analyse.themes.theme_share` (by year), for all years or some.
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
    >>> from civstat.analyse.themes import theme_share
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
            from civstat.analyse.themes import theme_share

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

    ``tagged`` is :func:`civstat.analyse.themes.themes` of the plan's tasks, one theme.

    Examples
    --------
    >>> import civstat
    >>> from civstat.analyse.themes import themes
    >>> plans = civstat.load_plans(errors="ignore")
    >>> from civstat.report.scope import of_plan
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
    from civstat.analyse.themes import themes

    reps = repeats(plans, issuer=issuer, year=year)
    if not reps:
        return 0
    found = themes(plans.tasks[plans.tasks["task_id"].isin([*reps, *reps.values()])])
    tagged = set(found.loc[found["label"] == label, "task_id"])
    return sum(1 for b, a in reps.items() if b in tagged and a in tagged)


def targets_summary(table: pd.DataFrame, *, year: int | None = None,
                    repeats: dict[str, str] | None = None) -> Note:
    """Say how many numeric targets the tasks set, with a few examples.

    ``table`` is :func:`civstat.analyse.targets.targets` for the tasks of one plan; ``repeats``
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
    """Say how the targets of continued tasks moved, from :func:`civstat.analyse.target_changes.target_changes`.

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




