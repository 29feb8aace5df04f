"""What the progress briefing says: sentences and tables for leaders, from the reports collected.

Report layer: what the quarterly progress notebook prints, from the progress analysis.

``notebooks/quarterly/progress.ipynb`` calls these functions and holds no logic of its
own. They take the per-task table of :func:`civstat.analyse.progress.progress_status` and say,
in plain Chinese, how many tasks stand where, which are behind or overdue and who holds
them, how the numbers reported compare with the plan, who has not reported, and what
changed since the previous period.

Counted once, as in :mod:`civstat.report.sentences`: a commitment the plan lists twice
(see :func:`~civstat.report.scope.repeats`) is one task in every count, and a sentence
then says how many the plan lists. :func:`standing` marks each repeat with the task it
repeats (``repeat_of``); where both listings were reported, the first listing's report
is the one counted, else whichever was reported.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from civstat.analyse.progress import STATUSES, missing_reports, progress_status
from civstat.analyse.reports import Progress, read_progress
from civstat.read.schedule import Period, parse_period
from civstat.report.scope import _repeat_note, repeats
from civstat.report.sentences import LIST_AT_MOST, Sentence, Sum, _listed

NOT_REPORTED = "未报告"
_COLUMNS_ZH = {"seq": "序号", "text": "工作事项", "leader": "分管领导", "lead_division": "牵头处室",
               "status": "状态", "target": "目标", "value": "报告完成", "share": "完成比例",
               "expected": "序时进度", "deadline": "完成时限", "period": "报告期", "division": "处室",
               "due": "报送期限", "before": "上期状态", "after": "本期状态", "kind": "类型",
               "message": "说明", "file": "文件", "line": "行"}


def reports_folder(reports: str = "", data_dir: str = "") -> str:
    """Return the folder of filled reports: ``reports``, else ``<data folder>/progress``."""
    from civstat import paths

    return reports or str(paths.data_dir(data_dir or None) / "progress")


def load_reports(plans, *, issuer: str, year: int, reports: str = "", data_dir: str = "") -> Progress:
    """Read every filled report in the folder (all periods), keeping the rows of one plan."""
    result = read_progress(reports_folder(reports, data_dir), plans=plans)
    tasks = plans.tasks[(plans.tasks["issuer"] == issuer) & (plans.tasks["year"] == int(year))]
    keep = result.progress["task_id"].isin(tasks["task_id"])
    return Progress(result.progress[keep].reset_index(drop=True), result.problems, result.files)


def _upto(progress: Progress, period: Period) -> pd.DataFrame:
    """Return the progress rows of ``period`` and the periods before it."""
    df = progress.progress
    if df.empty:
        return df
    keys = df["period"].map(lambda c: (parse_period(c).year, parse_period(c).quarter or 5))
    return df[keys <= (period.year, period.quarter or 5)]


def previous(period: Period) -> Period | None:
    """Return the period before (2023Q2 → 2023Q1; 2023Y → 2023Q3), or ``None`` for a first quarter."""
    if period.quarter == 1:
        return None
    return Period(period.year, (period.quarter or 4) - 1)


def standing(plans, progress: Progress, *, issuer: str, year: int, period: str, as_of: str = "") -> pd.DataFrame:
    """Return :func:`~civstat.analyse.progress.progress_status` of one plan as of a period (a row per target).

    A column ``repeat_of`` names, for a task that repeats another of the plan, the task
    it repeats (empty otherwise); the table's ``attrs["repeats"]`` says which is which
    (第9项即第3项), for the sentences.
    """
    when = parse_period(period)
    rows = _upto(progress, when)
    out = progress_status(plans, rows, as_of=as_of or dt.date.today(), issuer=issuer, year=int(year))
    reps = repeats(plans, issuer=issuer, year=int(year))
    out = out.assign(repeat_of=out["task_id"].map(reps).fillna("").astype(str))
    out.attrs["repeats"] = _repeat_note(plans, reps) if reps else ""
    return out


def _root(table: pd.DataFrame) -> pd.Series:
    """Name the commitment of each row: the task it repeats, else its own task."""
    if "repeat_of" not in table.columns:
        return table["task_id"]
    return table["repeat_of"].where(table["repeat_of"] != "", table["task_id"])


def _once(table: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Keep one row per commitment and ``keys``: the first listing's if reported, else the one reported."""
    if "repeat_of" not in table.columns or not (table["repeat_of"] != "").any():
        return table
    ranked = table.assign(_root=_root(table), _unreported=~table["reported"].astype(bool),
                          _repeat=table["repeat_of"] != "", _order=range(len(table)))
    kept = (ranked.sort_values(["_unreported", "_repeat", "_order"], kind="stable")
            .drop_duplicates(["_root", *keys]).sort_values("_order"))
    return kept.drop(columns=["_root", "_unreported", "_repeat", "_order"])


def per_commitment(status: pd.DataFrame) -> pd.DataFrame:
    """:func:`per_task`, with a task the plan lists twice counted once (see the module's docstring)."""
    return _once(per_task(status), [])


def per_task(status: pd.DataFrame) -> pd.DataFrame:
    """One row per task: its status (未报告 where none), whether behind or overdue."""
    if status.empty:
        return status
    g = status.groupby("task_id", sort=False)
    out = g.first()
    out["behind"] = g["behind"].any()
    out["overdue"] = g["overdue"].any()
    out["reported"] = g["reported"].any()
    out["status"] = out["status"].where(out["reported"], NOT_REPORTED).replace("", "未填状态")
    return out.reset_index().sort_values(["doc_id", "seq"], kind="stable").reset_index(drop=True)


def overview(status: pd.DataFrame, *, period: str) -> Sentence:
    """Say how many tasks have been reported and where they stand, each commitment once.

    Examples
    --------
    >>> s = pd.DataFrame({"task_id": ["a", "b", "c"], "doc_id": "d", "seq": [1, 2, 3], "status": ["已完成", "", ""],
    ...                   "reported": [True, True, False], "behind": False, "overdue": False})
    >>> str(overview(s, period="2023Q1"))
    '2023年第一季度，3项任务中已报告2项：已完成1项，未填状态1项；1项尚未报告。'
    """
    when = parse_period(period)
    listed = per_task(status)
    tasks = per_commitment(status)
    if tasks.empty:
        return Sentence(f"{when.year}年{when.label}没有可汇总的任务。")
    counts = tasks["status"].value_counts()
    done = int(tasks["reported"].sum())
    order = [s for s in (*STATUSES, "未填状态") if counts.get(s)]
    parts = "，".join(f"{s}{int(counts[s])}项" for s in order)
    missing = len(tasks) - done
    sums = [Sum(len(tasks), (done, missing))]
    if done == 0:
        text = f"{when.year}年{when.label}，{len(tasks)}项任务都还没有报告进展。"
    else:
        tail = f"；{missing}项尚未报告。" if missing else "；全部已报告。"
        text = f"{when.year}年{when.label}，{len(tasks)}项任务中已报告{done}项：{parts}{tail}"
        sums.append(Sum(done, tuple(int(counts[s]) for s in order)))
    if len(listed) > len(tasks):
        twice = len(listed) - len(tasks)
        text += _listed(len(listed), twice, which=status.attrs.get("repeats", ""))
        sums.append(Sum(len(listed), (len(tasks), twice)))
    return Sentence(text, sums=sums)


def counts_by(status: pd.DataFrame, *, by: str = "leader") -> pd.DataFrame:
    """Count the tasks per status for each deputy leader (``by="leader"``) or lead division, each commitment once."""
    tasks = per_commitment(status)
    columns = [*STATUSES, "未填状态", NOT_REPORTED]
    if tasks.empty:
        return pd.DataFrame(columns=columns)
    out = pd.crosstab(tasks[by].replace("", "（未注明）"), tasks["status"])
    out = out.reindex(columns=[c for c in columns if c in out.columns])
    out["合计"] = out.sum(axis=1)
    out.index.name = _COLUMNS_ZH[by]
    out.columns.name = None
    return out


def lagging(status: pd.DataFrame) -> pd.DataFrame:
    """List the tasks behind schedule (欠进度, or less done than the time elapsed) or overdue."""
    tasks = per_task(status)
    if tasks.empty:
        return tasks
    rows = tasks[tasks["behind"] | tasks["overdue"]].copy()
    rows["why"] = [("已过完成时限、尚未完成" if o else "") + ("；" if o and b else "") + ("进度落后" if b else "")
                   for o, b in zip(rows["overdue"], rows["behind"], strict=True)]
    out = rows[["seq", "text", "leader", "lead_division", "status", "why"]]
    return out.rename(columns={**_COLUMNS_ZH, "why": "原因"}).set_index("序号")


def lagging_summary(status: pd.DataFrame) -> Sentence:
    """Say how many tasks are behind or overdue, and who holds them, each commitment once.

    A commitment listed twice is named by its first listing.
    """
    tasks = per_commitment(status)
    if tasks.empty:
        return Sentence("没有任务。")
    rows = tasks[tasks["behind"] | tasks["overdue"]]
    if rows.empty:
        return Sentence("已报告的任务中，没有进度落后或超过时限的。")
    who = rows.groupby("leader")["seq"].agg(lambda s: "、".join(f"第{int(x)}项" for x in s))
    holders = "；".join(f"{name or '未注明分管领导'}分管的{items}" for name, items in who.items())
    overdue = int(rows["overdue"].sum())
    extra = f"，其中{overdue}项已过完成时限" if overdue else ""
    return Sentence(f"{len(rows)}项任务进度落后或超过时限{extra}：{holders}。",
                    sums=[Sum(len(rows), (overdue,), whole=False)] if overdue else [])


def targets_reported(status: pd.DataFrame) -> pd.DataFrame:
    """Show the numeric targets with the value reported against what the plan sets."""
    rows = status[status["target_no"] > 0].copy()
    if rows.empty:
        return rows
    rows["plan"] = [f"{v:g}{u}" for v, u in zip(rows["target_value"], rows["unit"], strict=True)]
    rows["done"] = [f"{v:g}{u}" if v == v else "未报" for v, u in zip(rows["value"], rows["unit"], strict=True)]
    rows["share_zh"] = [f"{s:.0%}" if s == s else "" for s in rows["share"]]
    rows["expected_zh"] = [f"{e:.0%}" if e == e else "" for e in rows["expected"]]
    out = rows[["seq", "target", "lead_division", "plan", "done", "share_zh", "expected_zh"]]
    return out.rename(columns={"seq": "序号", "target": "目标", "lead_division": "牵头处室", "plan": "计划",
                               "done": "报告完成", "share_zh": "完成比例", "expected_zh": "序时进度"}).set_index("序号")


def targets_summary(status: pd.DataFrame) -> Sentence:
    """Say how many numeric targets were reported, and how many are below the time elapsed.

    A target a repeated task sets again (the same value and unit, in the same order) is
    counted once, with the value reported on either listing.
    """
    listed = status[status["target_no"] > 0]
    if listed.empty:
        return Sentence("这份计划没有数量目标。")
    listed = listed.assign(reported=listed["value"].notna(),
                           _k=listed.groupby(["task_id", "target_value", "unit"]).cumcount())
    rows = _once(listed, ["target_value", "unit", "_k"])
    twice = len(listed) - len(rows)
    told = rows[rows["value"].notna()]
    if told.empty:
        text, sums = f"{len(rows)}个数量目标都还没有报告完成数值。", []
    else:
        below = told[told["share"] < told["expected"]]
        tail = (f"，其中{len(below)}个低于序时进度（" + "、".join(below["target"].head(LIST_AT_MOST))
                + ("等" if len(below) > LIST_AT_MOST else "") + "）") if len(below) else "，都不低于序时进度"
        text = f"{len(rows)}个数量目标中，{len(told)}个报告了完成数值{tail}。"
        sums = [Sum(len(rows), (len(told),), whole=False, unit="个"), Sum(len(told), (len(below),), whole=False, unit="个")]
    if twice:
        text += _listed(len(listed), twice, unit="个")
        sums.append(Sum(len(listed), (len(rows), twice), unit="个"))
    return Sentence(text, sums=sums)


def not_reported(plans, progress: Progress, *, period: str, as_of: str = "") -> pd.DataFrame:
    """Return the lead divisions that have not reported for ``period`` although it is due."""
    missing = missing_reports(plans, progress, as_of=as_of or dt.date.today())
    missing = missing[missing["period"] == parse_period(period).code]
    return missing


def not_reported_summary(missing: pd.DataFrame, *, period: str, as_of: str = "") -> Sentence:
    """Say which divisions have not reported for a period that is due."""
    when = parse_period(period)
    day = dt.date.fromisoformat(as_of) if as_of else dt.date.today()
    if missing.empty:
        return Sentence(f"截至{day.month}月{day.day}日，{when.label}的报表没有逾期未交的处室"
                    "（计划未写明报送期限的，无从判断）。")
    names = "、".join(f"{r.division}（{r.leader}分管）" for r in missing.itertuples())
    due = missing["due"].iloc[0]
    return Sentence(f"{when.label}报表应于{due.month}月{due.day}日前报送，截至{day.month}月{day.day}日仍未报送的有"
                f"{len(missing)}个处室：{names}。")


def changes(plans, progress: Progress, *, issuer: str, year: int, period: str, as_of: str = "") -> pd.DataFrame:
    """Show the tasks whose status changed since the previous period, each commitment once."""
    when = parse_period(period)
    before = previous(when)
    if before is None:
        return pd.DataFrame(columns=["序号", "工作事项", "上期状态", "本期状态"]).set_index("序号")
    now = per_commitment(standing(plans, progress, issuer=issuer, year=year, period=when.code, as_of=as_of))
    then = per_commitment(standing(plans, progress, issuer=issuer, year=year, period=before.code, as_of=as_of))
    merged = (now.assign(_root=_root(now))
              .merge(then.assign(_root=_root(then))[["_root", "status"]], on="_root", suffixes=("", "_before")))
    moved = merged[merged["status"] != merged["status_before"]]
    out = moved[["seq", "text", "status_before", "status"]]
    return out.rename(columns={"seq": "序号", "text": "工作事项", "status_before": "上期状态",
                               "status": "本期状态"}).set_index("序号")


def changes_summary(moved: pd.DataFrame, *, period: str) -> Sentence:
    """Say how many tasks changed status since the previous period."""
    when = parse_period(period)
    before = previous(when)
    if before is None:
        return Sentence(f"{when.label}是本年度第一次报告，没有上期可比。")
    if moved.empty:
        return Sentence(f"与{before.label}相比，各任务的状态没有变化。")
    done = int((moved["本期状态"] == "已完成").sum())
    extra = f"，其中{done}项本期完成" if done else ""
    return Sentence(f"与{before.label}相比，{len(moved)}项任务的状态有变化{extra}。")


def problems_table(progress: Progress) -> pd.DataFrame:
    """Show the problems found in the reports, for whoever collects them (file, row, what to check)."""
    p = progress.problems
    if p.empty:
        return p
    out = p.assign(file=p["file"].map(lambda f: f.rsplit("/", 1)[-1]))[["file", "sheet", "line", "message"]]
    return out.rename(columns={"file": "文件", "sheet": "工作表", "line": "行", "message": "说明"}).reset_index(drop=True)


def problems_summary(progress: Progress) -> Sentence:
    """Say how many places in the reports need checking."""
    n = len(progress.problems)
    files = progress.files["file"].nunique()
    if files == 0:
        return Sentence("还没有收到任何报表。")
    return Sentence(f"共读取{files}个报表文件；" + (f"有{n}处需要核对，列在文末。" if n else "没有需要核对的地方。"))
