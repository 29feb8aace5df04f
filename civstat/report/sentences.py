"""What the briefing notebooks say: the sentence under each figure, computed from the data.

Report layer: what the briefing notebooks print, from the analyses; tables in :mod:`~civstat.report.tables`.

The notebooks in ``notebooks/`` hold no logic; they call these functions. Each
``*_summary`` function turns an analysis table into one Chinese sentence computed
from the data (``2023年共19项任务，其中牵头8项。``), returned as a :class:`Sentence`: a
:class:`~civstat.report.scope.Note` (shown as an HTML-escaped paragraph) that also holds
the sums it states (:class:`Sum`), so that a test can check that the parts add up.

Counted once, everywhere: a commitment a plan lists twice (see
:func:`~civstat.report.scope.repeats`) counts once in every number a sentence leads
with, and the sentence then says how many the plan lists
(``方案列出21项，其中2项在方案中重复列出（第9项即第3项、第11项即第1项），只算一次。``).
A function that counts a table already made (``workload_summary``, ``heatmap_summary``,
``theme_summary``) does so when it is given ``plans``; without it, it can only count
what the table counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

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

#: The verb that says what a name does with a task, per role (邓永付分管9项).
VERBS = {"leader": "分管", "lead_division": "牵头", "division": "参与", "city_lead": "牵头",
         "city_unit": "参与"}

#: How many names or themes a sentence lists before it says 等.
LIST_AT_MOST = 5


@dataclass(frozen=True)
class Sum:
    """A total a sentence prints, and the parts of it the sentence prints.

    When ``whole`` the parts split the total and add up to it (19项任务中，新增10项，承接9项);
    otherwise they are some of it (其中牵头8项) and add up to no more than it. Every number
    is printed in the sentence followed by ``unit``.
    """

    total: int
    parts: tuple[int, ...]
    whole: bool = True
    unit: str = "项"

    def holds(self) -> bool:
        """Tell whether the parts add up to the total (or, for some of it, to no more)."""
        return sum(self.parts) == self.total if self.whole else sum(self.parts) <= self.total


class Sentence(Note):
    """A :class:`~civstat.report.scope.Note` that knows the sums it states (``sums``).

    Examples
    --------
    >>> s = Sentence("19项任务中，新增10项，承接9项。", sums=[Sum(19, (10, 9))])
    >>> s, s.sums[0].holds()
    ('19项任务中，新增10项，承接9项。', True)
    """

    sums: tuple[Sum, ...]

    def __new__(cls, text: str = "", *, sums: Iterable[Sum] = ()):
        """Make a sentence of ``text`` stating ``sums``."""
        self = super().__new__(cls, text)
        self.sums = tuple(sums)
        return self

    def __add__(self, other: str) -> Sentence:
        return Sentence(str(self) + str(other), sums=(*self.sums, *getattr(other, "sums", ())))

    def __radd__(self, other: str) -> Sentence:
        return Sentence(str(other) + str(self), sums=(*getattr(other, "sums", ()), *self.sums))


def _listed(listed: int, repeated: int, *, unit: str = "项", which: str = "") -> str:
    """Say how many the plan lists and how many of them repeat: 方案列出21项，其中2项在方案中重复列出."""
    where = "在方案中重复列出" if unit == "项" else "在重复列出的任务中"
    return f"方案列出{listed}{unit}，其中{repeated}{unit}{where}{f'（{which}）' if which else ''}，只算一次。"


def counted_once(plans: Plans, *, issuer: str, year: int) -> Plans:
    """Return the plans with each repeat of one issuer-year folded into the task it repeats.

    A repeat's task row is dropped and its assignments move to the first listing, so that
    :func:`~civstat.analyse.workload.workload` or :func:`~civstat.analyse.themes.theme_share`
    of the result count every commitment of that plan once.

    Examples
    --------
    >>> import civstat
    >>> plans = civstat.load_plans(errors="ignore")
    >>> len(counted_once(plans, issuer="武汉市民政局", year=2023).tasks) == len(plans.tasks) - 2
    True
    """
    reps = repeats(plans, issuer=issuer, year=year)
    if not reps:
        return plans
    a = plans.assignments
    a = a.assign(task_id=a["task_id"].replace(reps)).drop_duplicates(["task_id", "role", "name"])
    return replace(plans, tasks=plans.tasks[~plans.tasks["task_id"].isin(list(reps))],
                   assignments=a.reset_index(drop=True))


def overview(plans: Plans, *, issuer: str, year: int) -> Sentence:
    """Say what the plan is: its title, how many tasks, how many the bureau leads.

    Tasks and lead tasks are counted with each commitment once; a commitment listed
    twice is then named, with how many tasks the plan lists.

    Examples
    --------
    >>> import civstat
    >>> print(overview(civstat.load_plans(errors="ignore"), issuer="武汉市民政局", year=2023))
    武汉市民政局《2023年省、市《政府工作报告》民政目标任务责任分解方案》：2023年共19项任务，其中牵头8项。方案列出21项，其中2项在方案中重复列出（第9项即第3项、第11项即第1项），只算一次。
    """
    docs = plans.documents[(plans.documents["issuer"] == issuer) & (plans.documents["year"] == year)]
    tasks = plans.tasks[(plans.tasks["issuer"] == issuer) & (plans.tasks["year"] == year)]
    reps = repeats(plans, issuer=issuer, year=year)
    once = tasks[~tasks["task_id"].isin(list(reps))]
    titles = "、".join(f"《{t}》" for t in docs["title"] if t)
    text = f"{issuer}{titles}：{year}年共{len(once)}项任务"
    n_lead = int(once["lead"].sum())
    sums = [Sum(len(once), (n_lead,), whole=False)] if n_lead else []
    text += f"，其中牵头{n_lead}项。" if n_lead else "（计划未标出由本单位牵头的任务）。"
    if reps:
        text += _listed(len(tasks), len(reps), which=_repeat_note(plans, reps))
        sums.append(Sum(len(tasks), (len(once), len(reps))))
    problems = plans.problems[plans.problems["doc_id"].isin(docs["doc_id"])]
    if not docs["complete"].all():
        text += "文件不完整（原文在中途被截断），以下只统计读到的部分。"
    n_damaged = sum(1 for t in damaged(plans) if t in set(tasks["task_id"]))
    if n_damaged:
        text += f"有{n_damaged}项任务的原文有乱码，任务清单中已注明。"
    if len(problems):
        text += f"读取原文时有{len(problems)}处需要核对的地方，已交分析人员核对。"
    return Sentence(text, sums=sums)


def _held_once(plans: Plans, *, issuer: str, year: int, by: str) -> pd.DataFrame:
    """Count per name the tasks held as listed and as commitments (each repeat once).

    Returns ``name, listed, tasks, lead_tasks`` (``tasks`` and ``lead_tasks`` counted once).
    """
    from civstat.analyse.workload import workload

    listed = workload(plans, by=by, issuer=issuer, year=year)[["name", "tasks"]]
    once = workload(counted_once(plans, issuer=issuer, year=year), by=by, issuer=issuer, year=year)
    return once[["name", "tasks", "lead_tasks"]].merge(
        listed.rename(columns={"tasks": "listed"}), on="name", how="left")


def workload_summary(table: pd.DataFrame, *, by: str = "leader", asked: str | None = None,
                     plans: Plans | None = None) -> Sentence:
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
    plans : Plans, optional
        The plans ``table`` was counted from. Given them, each name's tasks are counted
        with each commitment once, the sentence says how many the plan lists under the
        names that hold a repeat, and, when every task has one holder, the total.
        Without them the sentence counts what ``table`` counts, as the plan lists.

    Examples
    --------
    >>> import civstat
    >>> from civstat.analyse.workload import workload
    >>> plans = civstat.load_plans(errors="ignore")
    >>> load = workload(plans, issuer="武汉市民政局", year=2023)
    >>> print(workload_summary(load, plans=plans))
    邓永付分管9项（其中牵头4项），彭莉莉6项，李超4项，共19项。邓永付名下方案列出11项，其中2项在方案中重复列出（第9项即第3项、第11项即第1项），只算一次。
    >>> print(workload_summary(load))
    邓永付分管11项（其中牵头6项），彭莉莉6项，李超4项。
    """
    from civstat.report.plots import LABELS

    role = LABELS.get(by, by)
    note = f"计划没有列出{LABELS.get(asked, asked)}，以下按{role}统计。" if asked not in (None, by) else ""
    if table.empty:
        return Sentence(f"计划没有列出{role}。")
    issuer, year = table["issuer"].iloc[0], int(table["year"].iloc[0])
    rows = table.assign(listed=table["tasks"])
    reps: dict[str, str] = {}
    if plans is not None:
        reps = repeats(plans, issuer=issuer, year=year)
        if reps:
            once = _held_once(plans, issuer=issuer, year=year, by=by)
            rows = once[once["name"].isin(set(table["name"]))]
    rows = rows.sort_values(["tasks", "name"], ascending=[False, True], kind="stable")
    shown = rows.head(LIST_AT_MOST)
    parts = [f"{r.name}{r.tasks}项" for r in shown.itertuples()]
    first = rows.iloc[0]
    parts[0] = f"{first['name']}{VERBS.get(by, '负责')}{first['tasks']}项"
    sums = []
    if first["lead_tasks"]:
        parts[0] += f"（其中牵头{first['lead_tasks']}项）"
        sums.append(Sum(int(first["tasks"]), (int(first["lead_tasks"]),), whole=False))
    text = note + "，".join(parts)
    total = _one_holder_each(plans, table, issuer=issuer, year=year, by=by) if len(rows) <= LIST_AT_MOST else None
    if total is not None:
        text += f"，共{total}项"
        sums.append(Sum(total, tuple(int(n) for n in rows["tasks"])))
    text += (f"等{len(rows)}个{role}" if len(rows) > LIST_AT_MOST else "") + "。"
    twice = rows[rows["listed"] > rows["tasks"]]
    if len(twice):
        text += "；".join(f"{r.name}名下方案列出{r.listed}项，其中{r.listed - r.tasks}项在方案中重复列出"
                         for r in twice.itertuples())
        text += f"（{_repeat_note(plans, reps)}），只算一次。"
        sums.extend(Sum(int(r.listed), (int(r.tasks), int(r.listed - r.tasks))) for r in twice.itertuples())
    return Sentence(text, sums=sums)


def _one_holder_each(plans: Plans | None, table: pd.DataFrame, *, issuer: str, year: int, by: str) -> int | None:
    """Return the plan's number of tasks if each has exactly one holder in ``table``, else None.

    Only then do the names' counts add up to a total the sentence may state. Without
    ``plans`` the table's counts are taken as the plan lists them.
    """
    if plans is None:
        return None
    once = counted_once(plans, issuer=issuer, year=year)
    tasks = once.tasks.loc[(once.tasks["issuer"] == issuer) & (once.tasks["year"] == year), "task_id"]
    a = once.assignments
    held = a[a["task_id"].isin(tasks) & (a["role"] == by) & a["name"].isin(set(table["name"]))]
    holders = held.groupby("task_id")["name"].nunique()
    return len(tasks) if len(holders) == len(tasks) and (holders == 1).all() else None


def repeats_summary(plans: Plans, *, issuer: str, year: int, by: str = "leader") -> Sentence:
    """Say the workload again with each commitment once, after a sentence that counted the plan as listed.

    For a notebook that shows :func:`workload_summary` without ``plans``; one that gives
    it ``plans`` needs no second sentence. Empty when the plan repeats no task.

    Examples
    --------
    >>> import civstat
    >>> print(repeats_summary(civstat.load_plans(errors="ignore"), issuer="武汉市民政局", year=2023))
    以上按方案所列任务统计。按不同的工作计：邓永付分管9项（其中牵头4项），彭莉莉6项，李超4项，共19项。邓永付名下方案列出11项，其中2项在方案中重复列出（第9项即第3项、第11项即第1项），只算一次。
    """
    from civstat.analyse.workload import workload

    if not repeats(plans, issuer=issuer, year=year):
        return Sentence("")
    table = workload(plans, by=by, issuer=issuer, year=year)
    if table.empty:
        return Sentence("")
    return "以上按方案所列任务统计。按不同的工作计：" + workload_summary(table, by=by, plans=plans)


def heatmap_summary(table: pd.DataFrame, *, plans: Plans | None = None, by: str = "leader") -> Sentence:
    """Say each name's main theme, from :func:`civstat.analyse.workload.workload_by_theme`.

    Given the ``plans`` the table was counted from (role ``by``), each theme's tasks are
    counted with each commitment once.

    Examples
    --------
    >>> table = pd.DataFrame({"name": ["张三", "张三", "李四"], "label": ["养老服务", "社会救助", "社会救助"],
    ...                       "tasks": [4, 1, 2]})
    >>> print(heatmap_summary(table))
    张三的任务以养老服务为主（4项），李四以社会救助为主（2项）。

    >>> import civstat
    >>> from civstat.analyse.workload import workload_by_theme
    >>> plans = civstat.load_plans(errors="ignore")
    >>> print(heatmap_summary(workload_by_theme(plans, issuer="武汉市民政局", year=2023), plans=plans))
    邓永付的任务以养老服务为主（8项），李超以社会救助为主（3项），彭莉莉以基层政权和社区治理为主（3项）。
    """
    if table.empty:
        return Sentence("没有可归入主题的任务。")
    if plans is not None and {"issuer", "year"} <= set(table.columns):
        from civstat.analyse.workload import workload_by_theme

        issuer, year = table["issuer"].iloc[0], int(table["year"].iloc[0])
        if repeats(plans, issuer=issuer, year=year):
            once = workload_by_theme(counted_once(plans, issuer=issuer, year=year), by=by, issuer=issuer, year=year)
            table = once[once["name"].isin(set(table["name"]))]
    top = (table.sort_values(["tasks", "label"], ascending=[False, True], kind="stable")
           .drop_duplicates("name"))
    totals = table.groupby("name")["tasks"].sum()
    top = top.assign(total=top["name"].map(totals)).sort_values(["total", "name"], ascending=[False, True])
    parts = [f"{r.name}{'' if i else '的任务'}以{r.label}为主（{r.tasks}项）"
             for i, r in enumerate(top.head(LIST_AT_MOST).itertuples())]
    return Sentence("，".join(parts) + "。")


def handover_summary(table: pd.DataFrame, *, by: str = "leader") -> Sentence:
    """Say who handed continuing tasks to whom, from :func:`civstat.analyse.workload.handover`.

    The table counts each commitment once already (a task listed twice shares its twin's links).

    Examples
    --------
    >>> table = pd.DataFrame({"base_year": 2022, "compare_year": 2023, "before": ["张明武", "彭莉莉"],
    ...                       "after": ["邓永付", "彭莉莉"], "tasks": [3, 1]})
    >>> print(handover_summary(table))
    延续的任务中，张明武2022年分管的3项在2023年由邓永付分管；彭莉莉继续分管1项。
    """
    if table.empty:
        return Sentence("没有可对比的延续任务。")
    base, compare = int(table["base_year"].iloc[0]), int(table["compare_year"].iloc[0])
    verb = VERBS.get(by, "负责")
    parts = []
    for r in table.head(LIST_AT_MOST + 1).itertuples():
        if r.before == r.after:
            parts.append(f"{r.before}继续{verb}{r.tasks}项")
        else:
            parts.append(f"{r.before}{base}年{verb}的{r.tasks}项在{compare}年由{r.after}{verb}")
    return Sentence("延续的任务中，" + "；".join(parts) + ("等" if len(table) > LIST_AT_MOST + 1 else "") + "。")


def continuity_summary(links: pd.DataFrame) -> Sentence:
    """Say how many tasks continued, were dropped and are new, from :func:`civstat.analyse.continuity.continuity`.

    Each commitment counts once: a task that repeats another of its plan (``counted``
    false) is left out of the counts, and a second sentence says how many tasks the plan
    lists, so that every count is of pieces of work and the parts add up to their total.

    Examples
    --------
    >>> links = pd.DataFrame({"base_year": 2022, "compare_year": 2023,
    ...     "base_task": ["a1", "a1", "a2", "", ""], "compare_task": ["b1", "b2", "", "b3", "b4"],
    ...     "status": ["continued", "continued", "dropped", "new", "new"], "counted": [True, True, True, True, False],
    ...     "compare_duplicate_of": ["", "", "", "", "b3"], "base_duplicate_of": ""})
    >>> print(continuity_summary(links))
    2022年的2项任务中，1项在2023年延续，1项不再列出。2023年的3项任务中，新增1项，承接2022年任务的2项；2023年的方案列出4项，其中1项在方案中重复列出（与新增的任务重复），只算一次。
    """
    if links.empty:
        return Sentence("两年都没有任务，无从比较。")
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
    once_base, once_compare = n_cont + n_drop, n_into + n_new
    sums = [Sum(once_base, (n_cont, n_drop)), Sum(once_compare, (n_new, n_into))]

    def listed(side: str, year: int, n_listed: int, once: int) -> str:
        """End one year's clause: with what its plan lists when it lists repeats, else a full stop."""
        if n_listed <= once:
            return "。"
        sums.append(Sum(n_listed, (once, n_listed - once)))
        return f"；{year}年的" + _listed(n_listed, n_listed - once, which=f"与{_repeated_kind(links, side)}的任务重复")

    text = (f"{base}年的{once_base}项任务中，{n_cont}项在{compare}年延续，{n_drop}项不再列出"
            + listed("base", base, listed_base, once_base)
            + f"{compare}年的{once_compare}项任务中，新增{n_new}项，承接{base}年任务的{n_into}项"
            + listed("compare", compare, listed_compare, once_compare))
    return Sentence(text, sums=sums)


def _repeated_kind(links: pd.DataFrame, side: str = "compare") -> str:
    """Say whether one side's repeats repeat continued tasks, new (dropped) ones or both."""
    column = f"{side}_duplicate_of"
    if column not in links.columns:
        return "其他"
    firsts = set(links.loc[links[column] != "", column])
    status = set(links.loc[links[f"{side}_task"].isin(firsts), "status"])
    names = {"continued": "延续", "new": "新增", "dropped": "不再列出"}
    return names.get(next(iter(status)), "其他") if len(status) == 1 else "其他"


def shared_continuity_summary(plans: Plans, *, issuer: str, base_year: int, year: int) -> Sentence:
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
        return Sentence("")
    common = [s for s in new if s in old]
    if not common:
        return Sentence("两份方案没有共同的来源，无法只比较共同的部分。")
    tasks = shared_tasks(plans, issuer=issuer, base_year=base_year, year=year)
    links = continuity(tasks, issuer=issuer, base_year=base_year, compare_year=year,
                       generic=generic_words(plans))
    return f"只看两年都有的{'、'.join(common)}任务（重复列出的只算一次）：" + continuity_summary(links)


def theme_summary(share: pd.DataFrame, *, issuer: str, year: int, plans: Plans | None = None) -> Sentence:
    """Say which themes lead in a year, and the biggest shift since the previous year.

    ``share`` is :func:`civstat.analyse.themes.theme_share` (by year), for all years or some.
    Given ``plans``, the themes are counted with each commitment once (and the sentence
    then says how many tasks the plan lists), and the shift is measured like with like:
    on the tasks of the sources both plans have (see :func:`shared_tasks`), each
    commitment once, saying so.

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
    2023年的19项任务中，养老服务最多（8项，占42%），其次是社会救助（4项）、基层政权和社区治理（4项）、经济和服务业（4项）、儿童福利（2项）。方案列出21项，其中2项在方案中重复列出（均属养老服务），只算一次。与2022年相比（只看两年都有的市《政府工作报告》、市政府民生实事任务，重复列出的只算一次），养老服务由2项增至5项。
    """
    mine = share[share["issuer"] == issuer]
    listed = None
    if plans is not None:
        from civstat.analyse.themes import theme_share

        reps = repeats(plans, issuer=issuer, year=year)
        if reps:
            once = theme_share(counted_once(plans, issuer=issuer, year=year).tasks)
            once = once[(once["issuer"] == issuer) & (once["year"] == year)]
            t = plans.tasks
            listed = int(((t["issuer"] == issuer) & (t["year"] == year)).sum()), len(reps)
            mine = pd.concat([mine[mine["year"] != year], once[[c for c in mine.columns if c in once.columns]]])
    now = mine[(mine["year"] == year) & (mine["tasks"] > 0)]
    if now.empty:
        return Sentence(f"{year}年的任务没有落入任何主题。")
    now = now.sort_values("tasks", ascending=False, kind="stable")
    first = now.iloc[0]
    text = (f"{year}年的{first['n_tasks']}项任务中，{first['label']}最多"
            f"（{first['tasks']}项，占{first['tasks'] / first['n_tasks']:.0%}）")
    sums = [Sum(int(first["n_tasks"]), (int(first["tasks"]),), whole=False)]
    rest = now.iloc[1:LIST_AT_MOST]
    if len(rest):
        text += "，其次是" + "、".join(f"{r.label}（{r.tasks}项）" for r in rest.itertuples())
    text += "。"
    if listed is not None and plans is not None:
        n_listed, n_reps = int(listed[0]), listed[1]
        labels = {_theme_of_repeat(plans, b, a) for b, a in repeats(plans, issuer=issuer, year=year).items()}
        which = f"均属{labels.pop()}" if len(labels) == 1 and "" not in labels else ""
        text += _listed(n_listed, n_reps, which=which)
        sums.append(Sum(n_listed, (int(first["n_tasks"]), n_reps)))
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
    return Sentence(text, sums=sums)


def _theme_of_repeat(plans: Plans, task: str, first: str) -> str:
    """Return the theme a repeat and the task it repeats share, if one, else ""."""
    from civstat.analyse.themes import themes

    found = themes(plans.tasks[plans.tasks["task_id"].isin([task, first])])
    labels = [set(found.loc[found["task_id"] == t, "label"]) for t in (task, first)]
    both = labels[0] & labels[1]
    return next(iter(both)) if len(both) == 1 else ""


def theme_count_note(plans: Plans, tagged: pd.DataFrame, *, issuer: str, year: int, theme: str) -> Sentence:
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
    2023年有8项任务属于“养老服务”。方案列出10项，其中2项在方案中重复列出，只算一次。
    """
    label = theme_label(theme)
    twice = _repeats_in_theme(plans, issuer=issuer, year=year, label=label)
    n = tagged["task_id"].nunique()
    text = f"{year}年有{n - twice}项任务属于“{label}”。"
    if twice:
        return Sentence(text + _listed(n, twice), sums=[Sum(n, (n - twice, twice))])
    return Sentence(text)


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
                    repeats: dict[str, str] | None = None) -> Sentence:
    """Say how many numeric targets the tasks set, with a few examples.

    ``table`` is :func:`civstat.analyse.targets.targets` for the tasks of one plan; ``repeats``
    (see :func:`repeats`) names the tasks that repeat another, whose targets are then
    counted once (and the tasks that hold them, each commitment once), and the sentence
    then says how many the plan lists.

    Examples
    --------
    >>> table = pd.DataFrame({"task_id": ["t1", "t1", "t2", "t3"], "action": ["新增", "", "", "新增"],
    ...                       "object": ["家庭养老床位", "居家养老上门服务", "", "家庭养老床位"],
    ...                       "raw": ["3000张", "1.1万人", "85%", "3000张"], "unit": ["张", "人", "%", "张"],
    ...                       "value": [3000.0, 11000.0, 85.0, 3000.0]})
    >>> print(targets_summary(table, year=2022, repeats={"t3": "t1"}))
    2022年的计划中有3个量化目标，分布在2项任务里，例如新增家庭养老床位3000张、居家养老上门服务1.1万人、85%。方案列出4个，其中1个在重复列出的任务中，只算一次。
    """
    when = f"{year}年的" if year is not None else ""
    if table.empty:
        return Sentence(f"{when}计划没有写出量化目标。")
    reps = repeats or {}
    once = _targets_once(table, reps)
    examples = "、".join(target_label(r) for _, r in once.head(3).iterrows())
    n_tasks = once["task_id"].map(lambda t: reps.get(t, t)).nunique()
    text = f"{when}计划中有{len(once)}个量化目标，分布在{n_tasks}项任务里，例如{examples}。"
    if len(once) == len(table):
        return Sentence(text)
    twice = len(table) - len(once)
    return Sentence(text + _listed(len(table), twice, unit="个"), sums=[Sum(len(table), (len(once), twice), unit="个")])


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


def target_changes_summary(changes: pd.DataFrame) -> Sentence:
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
        return Sentence("延续的任务中没有可前后对照的量化目标。")
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
    return Sentence(text)
