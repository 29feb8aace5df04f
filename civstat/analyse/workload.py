"""Who carries how much work: tasks per leader, division or agency, and hand-overs.

Analyse layer, on the assignments table: counts per name, used by the briefings and the workbook.
"""

from __future__ import annotations

import pandas as pd

from civstat.plans import Plans, check_issuer, check_year, role_code

#: Beginnings of a name that stands for a group (各分管领导, 各科室, 相关单位), not for one holder.
COLLECTIVE = ("各", "相关", "有关", "其他", "全体")


def name_kind(name: str) -> str:
    """Tell whether a name in ``assignments`` is a person, a unit, or a collective entry.

    A collective entry (各分管领导, 各科室, 各区人民政府, 相关单位) stands for every member of a
    group; it is no one holder and is never charted as one.

    Examples
    --------
    >>> name_kind("邓永付"), name_kind("养老服务处"), name_kind("各分管领导"), name_kind("各区人民政府")
    ('person', 'unit', 'collective', 'collective')
    """
    from civstat.read.content import is_person

    name = str(name).strip()
    if name.startswith(COLLECTIVE):
        return "collective"
    return "person" if is_person(name) else "unit"


def _holders(plans: Plans, by: str, issuer: str | None, year: int | None) -> pd.DataFrame:
    by = role_code(by)
    if issuer is not None:
        check_issuer(plans, issuer)
    if year is not None:
        check_year(plans, year, issuer=issuer)
    a = plans.assignments
    a = a[a["role"] == by]
    if issuer is not None:
        a = a[a["issuer"] == issuer]
    if year is not None:
        a = a[a["year"] == int(year)]
    return a[["task_id", "issuer", "year", "name"]].drop_duplicates()


def workload(plans: Plans, *, by: str = "leader", issuer: str | None = None,
             year: int | None = None) -> pd.DataFrame:
    """Count the tasks each name holds in one role, per issuer and year.

    Parameters
    ----------
    plans : Plans
        The plans, from :func:`civstat.load_plans`.
    by : {"leader", "lead_division", "division", "city_lead", "city_unit"}
        The role to count, by code or Chinese name (``"分管领导"``).
    issuer, year : optional
        Keep only this issuer or year.

    Raises
    ------
    DataError
        If the role is unknown, or the issuer or year has no plan (the message names the
        closest there are).

    Returns
    -------
    pandas.DataFrame
        One row per issuer, year and name: ``kind`` (``person``, ``unit`` or
        ``collective``, see :func:`name_kind`), ``tasks`` (distinct tasks held),
        ``lead_tasks`` (of those, tasks the bureau itself leads, marked ``*``),
        ``weighted`` (each task's weight of 1 split equally among its holders in
        this role) and ``share`` (``tasks`` over the issuer-year's number of
        tasks). Sorted by issuer, year, then most tasks first.

    Examples
    --------
    >>> import civstat
    >>> plans = civstat.load_plans(errors="ignore")
    >>> w = workload(plans, by="leader", issuer="武汉市民政局", year=2023)
    >>> w[["name", "tasks", "lead_tasks"]].values.tolist()
    [['邓永付', 11, 6], ['彭莉莉', 6, 2], ['李超', 4, 2]]
    >>> round(float(w["share"].iloc[0]), 3)  # 11 of the 21 tasks of 2023
    0.524
    """
    held = _holders(plans, by, issuer, year)
    holders = held.groupby("task_id")["name"].transform("size")
    held = held.assign(weight=1.0 / holders)
    lead = plans.tasks.set_index("task_id")["lead"]
    held = held.assign(lead=held["task_id"].map(lead).astype(bool))
    out = (held.groupby(["issuer", "year", "name"], as_index=False)
           .agg(tasks=("task_id", "nunique"), lead_tasks=("lead", "sum"), weighted=("weight", "sum")))
    totals = plans.tasks.groupby(["issuer", "year"]).size().rename("total").reset_index()
    out = out.merge(totals, on=["issuer", "year"], how="left")
    out["share"] = out["tasks"] / out["total"]
    out["lead_tasks"] = out["lead_tasks"].astype("int64")
    out = out.drop(columns="total")
    out.insert(3, "kind", out["name"].map(name_kind).astype("str"))
    return out.sort_values(["issuer", "year", "tasks", "name"], ascending=[True, True, False, True],
                           ignore_index=True)


def workload_by_theme(plans: Plans, *, by: str = "leader", issuer: str | None = None,
                      year: int | None = None, lexicon=None) -> pd.DataFrame:
    """Cross names with themes: how many of each name's tasks touch each theme.

    Returns a long table ``issuer, year, name, theme, label, tasks``; pivot it for a
    name × theme grid (``df.pivot_table(index="name", columns="label", values="tasks")``).
    A task with several themes counts once under each.

    Examples
    --------
    >>> import civstat
    >>> plans = civstat.load_plans(errors="ignore")
    >>> grid = workload_by_theme(plans, issuer="武汉市民政局", year=2023)
    >>> int(grid.query("name == '邓永付' and theme == 'elderly_care'")["tasks"].iloc[0])  # not item 7, 服务业
    10
    """
    from civstat.analyse.themes import themes

    held = _holders(plans, by, issuer, year)
    tagged = held.merge(themes(plans, lexicon=lexicon)[["task_id", "theme", "label"]], on="task_id")
    out = (tagged.groupby(["issuer", "year", "name", "theme", "label"], as_index=False)
           .agg(tasks=("task_id", "nunique")))
    return out.sort_values(["issuer", "year", "name", "tasks", "theme"],
                           ascending=[True, True, True, False, True], ignore_index=True)


def handover(plans: Plans, *, issuer: str, base_year: int, compare_year: int,
             by: str = "leader") -> pd.DataFrame:
    """Who held continuing tasks before and who holds them after.

    Tasks are paired with :func:`civstat.continuity`; for each continued pair of
    commitments (a task listed twice in a plan counted once) the names holding the base
    task in role ``by`` are crossed with those holding the compare task.

    Returns
    -------
    pandas.DataFrame
        ``issuer, base_year, compare_year, before, after, tasks`` (the number of
        continued base tasks handed from ``before`` to ``after``), most first.

    Examples
    --------
    >>> import civstat
    >>> plans = civstat.load_plans(errors="ignore")
    >>> h = handover(plans, issuer="武汉市民政局", base_year=2022, compare_year=2023)
    >>> sorted(h.loc[h["before"] == "张明武", "after"].unique())  # student aid went to 彭莉莉
    ['彭莉莉', '李超', '邓永付']
    """
    from civstat.analyse.continuity import continuity

    links = continuity(plans, issuer=issuer, base_year=base_year, compare_year=compare_year)
    # each commitment once: a task listed twice in a plan shares its twin's links
    links = links.loc[(links["status"] == "continued") & links["counted"], ["base_task", "compare_task"]]
    held = _holders(plans, by, issuer, None)[["task_id", "name"]]
    pairs = (links.merge(held.rename(columns={"task_id": "base_task", "name": "before"}), on="base_task")
             .merge(held.rename(columns={"task_id": "compare_task", "name": "after"}), on="compare_task"))
    out = (pairs.groupby(["before", "after"], as_index=False).agg(tasks=("base_task", "nunique")))
    out.insert(0, "compare_year", compare_year)
    out.insert(0, "base_year", base_year)
    out.insert(0, "issuer", issuer)
    return out.sort_values(["tasks", "before", "after"], ascending=[False, True, True], ignore_index=True)
