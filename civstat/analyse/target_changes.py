"""How targets moved from one plan to the next: old and new targets paired by what they measure.

Part of the analyse layer: :func:`target_changes` follows continuity's links and pairs
the targets of linked tasks (same unit, actions of one family, alike objects).
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from civstat.analyse.targets import targets
from civstat.read import reference

#: Objects must share this share of character pairs to be the same thing counted.
MIN_LIKENESS = 0.3


CHANGE_COLUMNS = ["issuer", "base_year", "compare_year", "base_task", "compare_task", "unit", "action",
                  "object", "base_object", "renamed", "split", "base_value", "compare_value", "change",
                  "base_raw", "compare_raw", "base_source", "compare_source", "label", "base_label"]


def target_changes(plans, *, issuer: str, base_year: int, compare_year: int) -> pd.DataFrame:
    """Pair the targets of continued tasks: the old value and the new one.

    Tasks are linked with :func:`civstat.continuity`, each commitment once (a task listed
    twice in a plan is one commitment, so its targets are paired once). An old target
    may pair with a target of any task its task continued into, when the two have the
    same unit, actions of one family (``civstat/data/targets_actions.csv``: 新建 with
    新建 or 建成, never with 改造提升) and alike objects (shared character pairs, at least
    :data:`MIN_LIKENESS`). Pairs are taken best-alike first, each old target and each new
    one at most once; targets with no counterpart are left out.

    Returns
    -------
    pandas.DataFrame
        ``issuer, base_year, compare_year, base_task, compare_task, unit, action``,
        ``object`` (as the later plan names it), ``base_object`` (as the earlier one did),
        ``renamed`` (the two differ), ``split`` (the old task continued into more than one
        task of the later plan), ``base_value, compare_value, change`` (new minus old),
        ``base_raw, compare_raw, base_source, compare_source`` and ``label, base_label``
        (each target as a reader quotes it, see :func:`targets`); sorted by base task,
        compare task and object.

    Examples
    --------
    >>> import civstat
    >>> plans = civstat.load_plans(errors="ignore")
    >>> moved = target_changes(plans, issuer="武汉市民政局", base_year=2022, compare_year=2023)
    >>> moved[["action", "object", "base_value", "compare_value", "renamed"]].head(2)
      action          object  base_value  compare_value  renamed
    0     新建  农村老年人互助中心（服务点）       140.0           30.0     True
    1     新建    社区老年人服务中心（站）        80.0           70.0    False
    """
    from civstat.analyse.continuity import continuity

    links = continuity(plans, issuer=issuer, base_year=base_year, compare_year=compare_year)
    # a repeat within a year shares its twin's links: take each commitment's link once
    links = links.loc[(links["status"] == "continued") & links["counted"],
                      ["base_task", "compare_task", "score"]]
    parts = links.groupby("base_task")["compare_task"].nunique()
    found = targets(plans)
    by_task = {task: list(group.itertuples()) for task, group in found.groupby("task_id")}
    family = _action_families()
    candidates = []
    for base_task, compare_task, score in links.itertuples(index=False):
        for old in by_task.get(base_task, []):
            for new in by_task.get(compare_task, []):
                if old.unit != new.unit or family.get(old.action, old.action) != family.get(new.action, new.action):
                    continue
                likeness = _likeness(old.object, new.object)
                if likeness >= MIN_LIKENESS:
                    candidates.append((-likeness, -score, old.Index, new.Index, base_task, compare_task, old, new))
    candidates.sort(key=lambda c: c[:4])
    used_old, used_new, rows = set(), set(), []
    for *_, i, j, base_task, compare_task, old, new in candidates:  # best first, each target once
        if i in used_old or j in used_new:
            continue
        used_old.add(i)
        used_new.add(j)
        rows.append({"issuer": issuer, "base_year": base_year, "compare_year": compare_year,
                     "base_task": base_task, "compare_task": compare_task, "unit": old.unit,
                     "action": new.action, "object": new.object, "base_object": old.object,
                     "renamed": old.object != new.object, "split": bool(parts.get(base_task, 0) > 1),
                     "base_value": old.value, "compare_value": new.value,
                     "change": new.value - old.value, "base_raw": old.raw, "compare_raw": new.raw,
                     "base_source": old.source, "compare_source": new.source,
                     "label": new.label, "base_label": old.label})
    out = pd.DataFrame(rows, columns=CHANGE_COLUMNS).astype({"renamed": "bool", "split": "bool"})
    return out.sort_values(["base_task", "compare_task", "object"], ignore_index=True)


@cache
def _action_families() -> dict[str, str]:
    return {row["action"]: row["family"] for row in reference.table("targets_actions.csv")}


def _likeness(a: str, b: str) -> float:
    """Share of character pairs two phrases have in common (Jaccard)."""
    pa = {a[i:i + 2] for i in range(len(a) - 1)} or {a}
    pb = {b[i:i + 2] for i in range(len(b) - 1)} or {b}
    return len(pa & pb) / len(pa | pb)
