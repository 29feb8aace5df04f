"""The tables the notebooks show: Chinese headers, numbers as people write them, no empty tables.

Part of the report layer: :func:`table` formats any analysis table for a page
(2000, 1.1万, 52%); a table with no rows becomes one sentence (:class:`NoRows`).
"""

from __future__ import annotations

import pandas as pd

from civstat.plans import ROLES, Plans
from civstat.report.scope import Note, damaged


def target_label(row) -> str:
    """Write a target as a reader quotes it: its ``label`` (see :func:`civstat.analyse.targets.targets`).

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
    from civstat.report.plots import LABELS

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
    """Show :func:`civstat.analyse.keywords.keywords` of one issuer side by side: one column per year.

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
    """Show the links of one status: the two texts, the score and the shared words.

    A link through the plans in between (``via``) says so in a note: its score is the two
    texts' own and may be low.
    """
    rows = links[(links["status"] == status) & links.get("counted", True)]
    chained = rows["via"].ne("") if "via" in rows else pd.Series(False, index=rows.index)
    if status == "continued" and chained.any():
        rows = rows.assign(note=chained.map({True: "经中间年度的方案逐年延续，两年原文差异较大", False: ""}))
    labels = {"base_text": f"{rows['base_year'].iloc[0]}年任务" if len(rows) else "原任务",
              "compare_text": f"{rows['compare_year'].iloc[0]}年任务" if len(rows) else "新任务",
              "shared_terms": "共同词语"}
    columns = {"continued": ["base_text", "compare_text", "score", "shared_terms"],
               "dropped": ["base_text"], "new": ["compare_text"]}[status]
    if "note" in rows:
        columns = [*columns, "note"]
    empty = {"continued": "没有延续的任务。", "dropped": "没有不再列出的任务。", "new": "没有新增的任务。"}[status]
    return table(rows, columns, empty=empty).rename(columns={**labels, "note": "说明"})


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
