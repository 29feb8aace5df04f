"""Where each task stands on a given day: reported, late or not yet due, from the progress table.

Part of the analyse layer, after :mod:`civstat.analyse.reports` (which reads the
reports in): :func:`progress_status` and :func:`missing_reports`.
"""

from __future__ import annotations

import datetime as dt
import re

from civstat.analyse.reports import Progress
from civstat.plans import check_issuer, check_year
from civstat.read.schedule import Period, parse_period

_DEADLINE_MONTH = re.compile(r"(?:((?:19|20)\d\d)\s*年)?\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月")


def deadline_date(text: str, year: int) -> dt.date | None:
    """Read a task's own deadline (``6月底前``, ``2023年9月``, ``年底前``, ``全年``) as a date.

    Returns the last day of the month named, the year's last day for 年底 / 全年, or
    ``None`` when the text names no date.

    Examples
    --------
    >>> deadline_date("6月底前", 2023), deadline_date("年底前", 2023), deadline_date("持续推进", 2023)
    (datetime.date(2023, 6, 30), datetime.date(2023, 12, 31), None)
    """
    from civstat.read.quantities import parse_number

    text = str(text or "")
    m = _DEADLINE_MONTH.search(text)
    if m:
        month = int(parse_number(m.group(2)))
        y = int(m.group(1)) if m.group(1) else year
        if 1 <= month <= 12:
            return Period(y, None).end if month == 12 else (dt.date(y, month % 12 + 1, 1) - dt.timedelta(days=1))
    if re.search(r"年底|年末|全年|年内", text):
        return dt.date(year, 12, 31)
    return None


def _period_key(code: str) -> tuple[int, int]:
    p = parse_period(code)
    return p.year, p.quarter or 5


def progress_status(plans, progress, *, as_of: dt.date | str | None = None, issuer: str | None = None,
                    year: int | None = None):
    """Say where each task stands: its latest status and value against the time elapsed.

    Parameters
    ----------
    plans : Plans
    progress : Progress or pandas.DataFrame
        What :func:`read_progress` returned (or its ``progress`` table).
    as_of : date or str, optional
        The day of the assessment (default: today), for deadlines passed.
    issuer, year : optional
        The plan to assess, reported on or not; by default the plans the reports answer.

    Returns
    -------
    pandas.DataFrame
        One row per task (and numeric target) of the plans the reports answer:
        ``task_id, doc_id, seq, text, leader, lead_division, target_no, target,
        target_value, unit, period`` (the latest reported), ``status``, ``value``,
        ``share`` (value ÷ target), ``expected`` (序时进度 at the end of that period:
        months elapsed ÷ 12, or ÷ the months to the task's own deadline, at most 1),
        ``deadline`` (the task's, else the year's end), ``behind`` (status 欠进度, or a
        share below what is expected), ``overdue`` (deadline passed without 已完成) and
        ``reported``. Sorted by document and item number.
    """
    import pandas as pd

    from civstat.analyse.targets import task_targets

    table = progress.progress if isinstance(progress, Progress) else progress
    today = _as_date(as_of)
    tasks = plans.tasks
    if issuer is not None:
        check_issuer(plans, issuer)
    if year is not None:
        check_year(plans, year, issuer=issuer)
    if issuer is not None or year is not None:
        tasks = tasks[((tasks["issuer"] == issuer) if issuer is not None else True)
                      & ((tasks["year"] == int(year)) if year is not None else True)]
    else:
        tasks = tasks[tasks["doc_id"].isin(set(tasks.loc[tasks["task_id"].isin(table["task_id"]), "doc_id"]))]
    a = plans.assignments[plans.assignments["task_id"].isin(tasks["task_id"])]
    names = {role: a[a["role"] == role].groupby("task_id")["name"].agg("、".join)
             for role in ("leader", "lead_division")}
    targets = task_targets(plans, tasks)
    lead_first = table.assign(_p=table["period"].map(_period_key), _r=(table["role"] == "lead").astype(int))
    latest = (lead_first.sort_values(["_p", "_r", "line"], kind="stable")
              .groupby(["task_id", "target_no"], sort=False).tail(1).set_index(["task_id", "target_no"]))
    # a status reported once for a task (its first target row) stands for the task
    task_status = lead_first[lead_first["status"] != ""].sort_values(["_p", "_r"]).groupby("task_id").tail(1)
    task_status = task_status.set_index("task_id")
    records = []
    for task in tasks.itertuples(index=False):
        mine = targets[targets["task_id"] == task.task_id]
        rows = [(r.target_no, r.target, r.target_value, r.unit) for r in mine.itertuples()] or [(0, "", float("nan"), "")]
        year = int(task.year)
        deadline = deadline_date(task.deadline, year) or dt.date(year, 12, 31)
        for no, label, target_value, unit in rows:
            key = (task.task_id, no)
            hit = latest.loc[key] if key in latest.index else None
            if hit is None and task.task_id in task_status.index:
                hit = task_status.loc[task.task_id]
            period = str(hit["period"]) if hit is not None else ""
            status = str(hit["status"]) if hit is not None else ""
            if not status and task.task_id in task_status.index:
                status = str(task_status.loc[task.task_id, "status"])
            value = float(hit["value"]) if hit is not None and key in latest.index else float("nan")
            share = value / target_value if target_value and target_value == target_value else float("nan")
            expected = float("nan")
            if period:
                p = parse_period(period)
                months_to_deadline = (deadline.year - year) * 12 + deadline.month
                expected = min(1.0, p.months / max(1, months_to_deadline))
            behind = status == "欠进度" or (share == share and expected == expected and share < expected)
            overdue = deadline < today and status != "已完成"
            records.append({
                "task_id": task.task_id, "doc_id": task.doc_id, "seq": int(task.seq), "text": task.text,
                "leader": names["leader"].get(task.task_id, ""),
                "lead_division": names["lead_division"].get(task.task_id, ""),
                "target_no": no, "target": label, "target_value": target_value, "unit": unit,
                "period": period, "status": status, "value": value, "share": share, "expected": expected,
                "deadline": deadline, "behind": bool(behind), "overdue": bool(overdue),
                "reported": hit is not None})
    columns = ["task_id", "doc_id", "seq", "text", "leader", "lead_division", "target_no", "target",
               "target_value", "unit", "period", "status", "value", "share", "expected", "deadline",
               "behind", "overdue", "reported"]
    df = pd.DataFrame.from_records(records, columns=columns)
    return df.sort_values(["doc_id", "seq", "target_no"], kind="stable").reset_index(drop=True)


def _as_date(value) -> dt.date:
    if value is None:
        return dt.date.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def missing_reports(plans, progress, *, as_of: dt.date | str | None = None, schedule=None):
    """List the lead divisions that have not reported for a period that is due.

    Parameters
    ----------
    plans : Plans
    progress : Progress or pandas.DataFrame
    as_of : date or str, optional
        Default today. A period is due once its deadline has passed.
    schedule : pandas.DataFrame, optional
        ``doc_id, period, due``; by default :func:`civstat.read.schedule.schedule` of the
        plans (a plan whose circular states no deadline has no period due).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, period, due, division, leader, tasks`` (how many tasks it leads),
        sorted by period and division.
    """
    import pandas as pd

    from civstat.read.schedule import schedule as read_schedule

    table = progress.progress if isinstance(progress, Progress) else progress
    today = _as_date(as_of)
    due = read_schedule(plans) if schedule is None else schedule
    due = due[pd.to_datetime(due["due"]).dt.date < today]
    a = plans.assignments
    leads = a[a["role"] == "lead_division"]
    leaders = a[a["role"] == "leader"].groupby("task_id")["name"].first()
    records = []
    reported = set(zip(table["division"], table["period"], strict=True))
    for row in due.itertuples(index=False):
        mine = leads[leads["doc_id"] == row.doc_id]
        for division, group in mine.groupby("name", sort=True):
            if (division, row.period) in reported:
                continue
            who = "、".join(sorted({leaders.get(t, "") for t in group["task_id"]} - {""}))
            records.append({"doc_id": row.doc_id, "period": row.period, "due": row.due, "division": division,
                            "leader": who, "tasks": group["task_id"].nunique()})
    df = pd.DataFrame.from_records(records, columns=["doc_id", "period", "due", "division", "leader", "tasks"])
    return df.sort_values(["period", "division"], kind="stable").reset_index(drop=True)


#: The statuses of the drop-down, in its order (``civstat/data/progress_status.csv``).
STATUSES = ("已完成", "超进度", "达进度", "欠进度", "未启动")
