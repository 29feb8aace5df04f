"""Reports in: filled templates and published progress tables read into one ``progress`` table.

Analyse layer, first step of the quarterly loop: filled templates in, matched to the plans' tasks.

:func:`read_progress` reads the workbooks :func:`civstat.report.templates.write_templates`
wrote once the divisions have filled them, and progress tables in other layouts (a
sheet with columns of 序号, 工作事项 and 进展情况 / 状态 / 完成数值, or any plan the reader
reads whose table has a progress column). Each row is matched to a task of the plans:

1. by the hidden task id the template carries;
2. where it is gone (the sheet was retyped, sorted, the column deleted), by the item
   number and the similarity of the task's text, or by the text alone; every row matched
   this way is a problem row of kind ``matched_by_text``, and every row not matched at all
   one of kind ``unmatched``.

Nothing is dropped without a problem row saying why: a sheet of another period or
division, a status outside the list, cells merged across rows, a value written with
words or units (``完成120张``), a second file for the same division and period.

:func:`progress_status` then says where each task stands against the time elapsed
(序时进度), and :func:`missing_reports` which lead divisions have not reported for a
period that is due.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from pathlib import Path

from civstat.read.schedule import Period, parse_period, period_in_text

#: Columns of the progress table, in order.
PROGRESS_COLUMNS = {
    "task_id": "str", "target_no": "int64", "period": "str", "division": "str", "role": "str",
    "status": "str", "value": "float64", "text": "str", "file": "str", "sheet": "str", "line": "int64",
}
#: Columns of the problems found while reading reports.
PROBLEM_COLUMNS = {"file": "str", "sheet": "str", "line": "int64", "kind": "str", "text": "str", "message": "str"}
#: Columns of the files read.
FILE_COLUMNS = {"file": "str", "sheet": "str", "period": "str", "division": "str", "rows": "int64", "kept": "bool"}

#: Text similarity a row needs to be matched to the task of the same item number, or to any task.
SAME_ITEM, ANY_ITEM = 0.6, 0.85
_HEADER_SEARCH = 15  # rows searched for a header line
_TEXT_LIMIT = 400  # characters compared when matching by text


@dataclass(frozen=True)
class Progress:
    """Reports read by :func:`read_progress`.

    Attributes
    ----------
    progress : pandas.DataFrame
        One row per task (and numeric target) reported: ``task_id, target_no`` (0 for a
        task without a numeric target), ``period`` (2023Q1 … 2023Y), ``division`` (who
        reported), ``role`` (``lead`` or ``support``, from a 配合 sheet), ``status`` (one of
        已完成, 超进度, 达进度, 欠进度, 未启动, or empty), ``value`` (the number reported,
        where a target exists), ``text`` (完成情况), ``file``, ``sheet``, ``line`` (the row).
    problems : pandas.DataFrame
        ``file, sheet, line, kind, text, message``: every row matched by text or not at
        all, every value or status not taken as written, every sheet or file set aside.
    files : pandas.DataFrame
        ``file, sheet, period, division, rows, kept``: each sheet read and whether its rows
        were kept.
    """

    progress: object
    problems: object
    files: object

    def __repr__(self) -> str:
        return (f"Progress: {len(self.progress)} rows from {self.files['file'].nunique()} files, "
                f"{len(self.problems)} problems")


def read_progress(paths, *, plans=None, period: str | None = None) -> Progress:
    """Read filled report templates and published progress tables into one table.

    Parameters
    ----------
    paths : str, PathLike or iterable of them
        Files, or folders whose ``.xlsx`` files (and other documents civstat reads) are read.
    plans : Plans, optional
        The plans the reports answer; by default :func:`civstat.load_plans` of the data
        folder. Needed to match rows whose task id is gone, and to check divisions.
    period : str, optional
        The period collected (``2023Q1``). A sheet that names another period (or year) is
        set aside with a problem row; without it, each sheet's own period is used.

    Returns
    -------
    Progress
        ``progress``, ``problems`` and ``files`` tables (see :class:`Progress`).

    Examples
    --------
    >>> import tempfile, civstat
    >>> from civstat.report.templates import write_templates
    >>> plans = civstat.load_plans(errors="ignore")
    >>> files = write_templates(plans, issuer="武汉市民政局", year=2023, period="2023Q1", out=tempfile.mkdtemp())
    >>> read_progress(files, plans=plans).progress.empty  # nothing filled in yet
    True
    """
    if plans is None:
        from civstat.read.folder import load_plans

        plans = load_plans(errors="ignore")
    wanted = parse_period(period) if period is not None else None
    context = _Context(plans)
    rows, problems, files = [], [], []
    for path in _files(paths, problems):
        try:
            _read_file(path, context, wanted, rows, problems, files)
        except Exception as exc:  # a report must never stop the collection: say it, go on
            problems.append(_problem(path, "", 0, "unreadable", "",
                                     f"读取这个文件时出错（{type(exc).__name__}: {str(exc)[:120]}），未采用；"
                                     "请在 Excel 或 WPS 中另存为 .xlsx 后重试，仍不行请报告给 civstat 的维护者。"))
    rows = _latest_files(rows, files, problems)
    progress = _frame(rows, PROGRESS_COLUMNS).sort_values(
        ["period", "division", "task_id", "target_no", "file"], kind="stable").reset_index(drop=True)
    problems_df = _frame(problems, PROBLEM_COLUMNS).sort_values(["file", "sheet", "line"], kind="stable")
    files_df = _frame(files, FILE_COLUMNS).sort_values(["file", "sheet"], kind="stable")
    return Progress(progress, problems_df.reset_index(drop=True), files_df.reset_index(drop=True))


def _frame(records: list[dict], columns: dict[str, str]):
    import pandas as pd

    return pd.DataFrame({c: pd.array([r[c] for r in records], dtype=t) for c, t in columns.items()})


def _files(paths, problems: list[dict]) -> list[Path]:
    """Expand the paths given into files, in order; a missing path is a problem row."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            out.extend(sorted(f for f in p.iterdir() if f.is_file() and not f.name.startswith((".", "~$"))
                              and f.name != "manifest.csv"
                              and f.suffix.lower() in (".xlsx", ".xlsm", ".docx", ".csv", ".html", ".htm",
                                                       ".txt", ".pdf", ".xls", ".et", ".doc", ".wps")))
        elif p.is_file():
            out.append(p)
        else:
            problems.append(_problem(p, "", 0, "missing", "", f"没有这个文件：{p}。"))
    return list(dict.fromkeys(out))


def _problem(file, sheet: str, line: int, kind: str, text, message: str) -> dict:
    return {"file": str(file), "sheet": sheet, "line": int(line), "kind": kind,
            "text": "" if text is None else str(text)[:200], "message": message}


# -- what the plans say ------------------------------------------------------------------------

class _Context:
    """The plans' tasks, targets and holders, indexed for matching report rows."""

    def __init__(self, plans):
        from civstat.analyse.targets import task_targets

        self.plans = plans
        self.tasks = plans.tasks.set_index("task_id", drop=False)
        a = plans.assignments
        self.holders: dict[str, dict[str, str]] = {}  # task_id -> {name: role}
        for row in a[a["role"].isin(["lead_division", "division", "leader"])].itertuples(index=False):
            self.holders.setdefault(row.task_id, {})[row.name] = row.role
            self.holders[row.task_id].setdefault(row.name_raw, row.role)
        t = task_targets(plans)
        self.targets: dict[str, list[tuple[int, str, str]]] = {}
        for row in t.itertuples(index=False):
            self.targets.setdefault(row.task_id, []).append((row.target_no, row.target, row.unit))
        self.names = sorted({n for h in self.holders.values() for n in h}, key=len, reverse=True)

    def division_in(self, text: str) -> str:
        """Return the longest division or leader name the text contains, canonical."""
        for name in self.names:
            if name and name in text:
                canonical = self.plans.assignments.loc[self.plans.assignments["name_raw"] == name, "name"]
                return str(canonical.iloc[0]) if len(canonical) else name
        return ""

    def candidates(self, year: int | None, issuer: str):
        t = self.tasks
        if year is not None:  # a plan of unknown year may still be the one reported on
            t = t[(t["year"] == year).fillna(True)]
        if issuer:
            t = t[t["issuer"] == issuer]
        return t


# -- one file ----------------------------------------------------------------------------------

def _read_file(path: Path, context: _Context, wanted: Period | None, rows, problems, files) -> None:
    """Read one file into rows of progress, problems and files; never raises on bad input."""
    from civstat.read.reader import MAX_BYTES

    try:
        size = path.stat().st_size
    except OSError as exc:
        problems.append(_problem(path, "", 0, "unreadable", "", f"无法读取：{exc.strerror or exc}。"))
        return
    if size > MAX_BYTES:
        problems.append(_problem(path, "", 0, "unreadable", "", f"文件过大（{size} 字节），未读取。"))
        return
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from civstat.errors import ReadError
        from civstat.read.blocks import check_zip

        try:
            check_zip(path, MAX_BYTES)
        except ReadError as exc:
            problems.append(_problem(path, "", 0, "unreadable", "",
                                     f"这不是一个完好的 Excel 文件，未读取（{exc.message}）。"))
            return
        try:
            import openpyxl

            book = openpyxl.load_workbook(path, data_only=True)
        except Exception as exc:  # a broken archive: whatever openpyxl raises, one problem row
            problems.append(_problem(path, "", 0, "unreadable", "",
                                     f"无法打开这个 Excel 文件（{type(exc).__name__}），请在 Excel 或 WPS 中另存为 .xlsx 后重试。"))
            return
        props = {p.name: str(p.value) for p in getattr(book, "custom_doc_props", ()) or ()
                 if str(p.name).startswith("civstat_")}
        for ws in book.worksheets:
            _read_sheet(path, ws, props, context, wanted, rows, problems, files)
        return
    _read_document(path, context, wanted, rows, problems, files)


@cache
def _header_parts() -> tuple[tuple[str, str], ...]:
    import csv
    from importlib.resources import files

    text = files("civstat.data").joinpath("progress_headers.csv").read_text(encoding="utf-8")
    parts = [(r["part"], r["field"]) for r in csv.DictReader(text.splitlines())]
    return tuple(sorted(parts, key=lambda p: -len(p[0])))


@cache
def _statuses() -> dict[str, str]:
    import csv
    from importlib.resources import files

    text = files("civstat.data").joinpath("progress_status.csv").read_text(encoding="utf-8")
    return {r["word"]: r["status"] for r in csv.DictReader(text.splitlines())}


def header_field(text) -> str:
    """Return what a report column holds, by the longest known part of its header.

    Examples
    --------
    >>> [header_field(h) for h in ["序号", "责任事项", "目标完成情况", "完成数值", "当前进度", "一季度目标", "备注"]]
    ['seq', 'text', 'report', 'value', 'report', 'target', '']
    """
    text = re.sub(r"\s+", "", str(text or ""))
    for part, field in _header_parts():
        if part in text:
            return field
    return ""


def _find_header(values: list[list]) -> tuple[int, dict[str, int]] | None:
    """Return the header row (0-based) and its columns ``{field: index}``, or ``None``."""
    for r, row in enumerate(values[:_HEADER_SEARCH]):
        columns: dict[str, int] = {}
        for c, value in enumerate(row):
            if value is None or len(str(value)) > 12:
                continue
            field = header_field(value)
            if field and field not in columns:
                columns[field] = c
        if ("text" in columns or "task_id" in columns) and {"report", "status", "value"} & set(columns):
            return r, columns
    return None


def _read_sheet(path: Path, ws, props: dict, context: _Context, wanted, rows, problems, files) -> None:
    """Read one sheet of a workbook (a filled template or a progress table)."""
    sheet = ws.title
    nrows = min(ws.max_row or 0, 5000)
    ncols = min(ws.max_column or 0, 60)
    values = [[ws.cell(r, c).value for c in range(1, ncols + 1)] for r in range(1, nrows + 1)]
    found = _find_header(values)
    if found is None:
        if any(v not in (None, "") for row in values for v in row):
            problems.append(_problem(path, sheet, 0, "no_table", "",
                                     "这张表里没有找到报表的表头（序号、责任事项、状态、完成情况……），未读取。"))
        return
    header, columns = found
    merged = _spread_merged(path, ws, header, values, problems)
    above = " ".join(str(v) for row in values[:header] for v in row if v not in (None, ""))
    issuer = props.get("civstat_issuer", "")
    year = int(props["civstat_year"]) if props.get("civstat_year", "").isdigit() else None
    when = period_in_text(above, year=year) or (parse_period(props["civstat_period"])
                                                if props.get("civstat_period") else None)
    if when is None and wanted is not None:
        when = wanted
        problems.append(_problem(path, sheet, header + 1, "inferred", above,
                                 f"表中没有写明年度和季度，按所收集的 {wanted.code}（{wanted.label}）计。"))
    titled = context.division_in(above)
    division = titled or props.get("civstat_division", "")
    if titled and props.get("civstat_division") and titled != props["civstat_division"]:
        problems.append(_problem(path, sheet, 1, "division", above,
                                 f"标题写的是{titled}，模板是发给{props['civstat_division']}的；按标题计为{titled}的报表。"))
    record = {"file": str(path), "sheet": sheet, "period": when.code if when else "", "division": division,
              "rows": 0, "kept": True}
    files.append(record)
    if when is None:
        record["kept"] = False
        problems.append(_problem(path, sheet, 1, "period", above,
                                 "看不出这张表是哪一年哪个季度的报表（标题中没有“2023年……第一季度”之类），未采用；"
                                 "请在标题中写明，或收集时给出 --period。"))
        return
    if wanted is not None and when != wanted:
        record["kept"] = False
        problems.append(_problem(path, sheet, 1, "period", above,
                                 f"这是 {when.year} 年{when.label}的报表，不是所收集的 {wanted.year} 年{wanted.label}，未采用。"))
        return
    if not division:
        problems.append(_problem(path, sheet, 1, "division", above,
                                 "看不出是哪个处室的报表（标题中没有处室名称）；按各任务的牵头处室计。"))
    role = "support" if "配合" in sheet or "配合" in above else "lead"
    issuer = issuer or _issuer_in(above, context)
    body = [(header + 2 + i, row) for i, row in enumerate(values[header + 1:])]
    kept = _read_rows(body, columns, path=path, sheet=sheet, when=when, division=division, role=role,
                      issuer=issuer, context=context, merged=merged, problems=problems)
    record["rows"] = len(kept)
    rows.extend(kept)


def _issuer_in(text: str, context: _Context) -> str:
    for issuer in sorted(set(context.plans.documents["issuer"].dropna()), key=len, reverse=True):
        if issuer and issuer in text:
            return issuer
    return ""


def _spread_merged(path: Path, ws, header: int, values: list[list], problems) -> set[int]:
    """Copy the value of cells merged below the header to every row they span; one problem each."""
    rows_hit: set[int] = set()
    for rng in list(ws.merged_cells.ranges):
        if rng.min_row <= header + 1:
            continue
        top = values[rng.min_row - 1][rng.min_col - 1] if rng.min_row - 1 < len(values) else None
        for r in range(rng.min_row, min(rng.max_row, len(values)) + 1):
            for c in range(rng.min_col, min(rng.max_col, len(values[r - 1])) + 1):
                values[r - 1][c - 1] = top
            rows_hit.add(r)
        problems.append(_problem(path, ws.title, rng.min_row, "merged", top,
                                 f"单元格 {rng.coord} 被合并后填写；其内容算作第{rng.min_row}—{rng.max_row}行每一行的，请核对。"))
    return rows_hit


def _cell(row: list, columns: dict[str, int], field: str):
    c = columns.get(field)
    return row[c] if c is not None and c < len(row) else None


def _text(value) -> str:
    return "" if value is None else re.sub(r"[ \t\u3000]+", " ", str(value)).strip()


def _read_rows(body, columns, *, path, sheet, when: Period, division, role, issuer, context: _Context,
               merged, problems) -> list[dict]:
    """Match the rows of one sheet to tasks and read their status, value and text."""
    import pandas as pd

    out: list[dict] = []
    empty: list[str] = []
    seen_per_task: dict[str, int] = {}
    for line, row in body:
        task_text = _text(_cell(row, columns, "text"))
        seq_raw = _text(_cell(row, columns, "seq"))
        report = _text(_cell(row, columns, "report"))
        status_raw = _text(_cell(row, columns, "status"))
        value_raw = _cell(row, columns, "value")
        if not (task_text or seq_raw or report or status_raw or _text(value_raw)):
            continue
        if re.fullmatch(r"[…\.·]+", seq_raw) and not task_text:
            continue  # the template's closing "…" row
        if not (report or status_raw or _text(value_raw)):
            empty.append(seq_raw or task_text[:12])
            continue
        task_id = _match(row, columns, line, task_text, seq_raw, path=path, sheet=sheet, when=when,
                         issuer=issuer, division=division, context=context, problems=problems)
        if task_id is None:
            continue
        task = context.tasks.loc[task_id]
        if not pd.isna(task["year"]) and int(task["year"]) != when.year:
            problems.append(_problem(path, sheet, line, "period", task_text,
                                     f"这一行是 {int(task['year'])} 年计划的任务，表是 {when.year} 年的，未采用。"))
            continue
        holders = context.holders.get(task_id, {})
        if division and division not in holders:
            problems.append(_problem(path, sheet, line, "division", task_text,
                                     f"第{int(task['seq'])}项不是{division}牵头或配合的任务，未采用；"
                                     f"请核对是否填错了表（该任务由{'、'.join(n for n, r in holders.items() if r == 'lead_division') or '未注明的处室'}牵头）。"))
            continue
        target_no = _target_no(row, columns, task_id, seen_per_task, context)
        status = _status(status_raw, path=path, sheet=sheet, line=line, problems=problems)
        value = _value(value_raw, task_id, target_no, context, path=path, sheet=sheet, line=line,
                       problems=problems)
        holder = division or next((n for n, r in holders.items() if r == "lead_division"), "")
        out.append({"task_id": task_id, "target_no": target_no, "period": when.code, "division": holder,
                    "role": role, "status": status, "value": value, "text": report, "file": str(path),
                    "sheet": sheet, "line": line})
    if empty:
        empty = list(dict.fromkeys(empty))
        problems.append(_problem(path, sheet, 0, "not_filled", "、".join(empty),
                                 f"{len(empty)} 项没有填写（序号 {'、'.join(empty)}），算作未报告。"))
    _resolve_targets(out, context)
    return _last_of_each(out, path=path, sheet=sheet, problems=problems)


def _last_of_each(out: list[dict], *, path, sheet, problems) -> list[dict]:
    """Keep the last row of a task and target that a sheet reports twice, with a problem row."""
    last: dict[tuple[str, int], dict] = {}
    for row in out:
        key = (row["task_id"], row["target_no"])
        if key in last:
            problems.append(_problem(path, sheet, last[key]["line"], "duplicate", last[key]["text"],
                                     f"同一任务（{key[0]}）在第{last[key]['line']}行和第{row['line']}行各报了一次，采用第{row['line']}行。"))
        last[key] = row
    return list(last.values())


def _seq(text: str) -> int | None:
    m = re.match(r"^\s*(\d{1,4})", text)
    return int(m.group(1)) if m else None


def _match(row, columns, line, task_text, seq_raw, *, path, sheet, when, issuer, division, context: _Context,
           problems) -> str | None:
    """Return the task a row reports on: by its hidden id, else by item number and text."""
    raw_id = _text(_cell(row, columns, "task_id"))
    if raw_id and raw_id in context.tasks.index:
        return raw_id
    if raw_id:
        problems.append(_problem(path, sheet, line, "unknown_id", raw_id,
                                 f"任务编号“{raw_id}”不在计划中，改按序号和事项文字匹配。"))
    seq = _seq(seq_raw)
    candidates = context.candidates(when.year, issuer)
    if division:
        held = [t for t in candidates["task_id"] if division in context.holders.get(t, {})]
        if held:
            candidates = candidates.loc[held]
    if not task_text:
        problems.append(_problem(path, sheet, line, "unmatched", seq_raw,
                                 "这一行既没有任务编号也没有事项文字，无法对应到计划中的任务，未采用。"))
        return None
    scores = [(_likeness(task_text, text), t, s)
              for t, s, text in zip(candidates["task_id"], candidates["seq"], candidates["text"], strict=True)]
    same = [x for x in scores if seq is not None and x[2] == seq]
    best_same = max(same, default=None)
    best_any = max(scores, default=None)
    how = ""
    if best_same and best_same[0] >= SAME_ITEM:
        score, task_id, _ = best_same
        how = f"序号 {seq} 和事项文字（相似度 {score:.2f}）"
    elif best_any and best_any[0] >= ANY_ITEM:
        score, task_id, task_seq = best_any
        how = f"事项文字（相似度 {score:.2f}；表中序号 {seq_raw or '空'}，计划中为第{task_seq}项）"
    else:
        closest = f"，最接近的是第{best_any[2]}项（相似度 {best_any[0]:.2f}）" if best_any else ""
        problems.append(_problem(path, sheet, line, "unmatched", task_text,
                                 f"无法对应到计划中的任务{closest}，未采用；请核对这一行的序号和事项。"))
        return None
    problems.append(_problem(path, sheet, line, "matched_by_text", task_text,
                             f"没有任务编号，按{how}对应到 {task_id}，请核对。"))
    return task_id


def _likeness(a: str, b: str) -> float:
    """Similarity of two task texts in [0, 1], ignoring punctuation and spaces (difflib)."""
    strip = re.compile(r"[\s，。、；：,.;:（）()《》“”\"'*]")
    a, b = strip.sub("", a)[:_TEXT_LIMIT], strip.sub("", str(b))[:_TEXT_LIMIT]
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _target_no(row, columns, task_id, seen_per_task, context: _Context) -> int:
    """Return which numeric target of the task a row reports (0 for none).

    By the hidden 指标编号, else by the target printed in the 目标 column, else by order: the
    k-th row of a task is its k-th target (returned as ``-k``, resolved once the row's value
    is read).
    """
    raw = _cell(row, columns, "target_no")
    seen_per_task[task_id] = seen_per_task.get(task_id, 0) + 1
    if raw not in (None, ""):
        try:
            return int(float(raw))
        except (TypeError, ValueError):
            pass
    label = _text(_cell(row, columns, "target"))
    targets = context.targets.get(task_id, [])
    for no, target, _ in targets:
        if label and target and (label == target or target in label):
            return no
    if not targets:
        return 0
    return -seen_per_task[task_id]


def _status(raw: str, *, path, sheet, line, problems) -> str:
    """Return the status as one of the list, or empty with a problem row."""
    from civstat.analyse.progress import STATUSES

    if not raw:
        return ""
    if raw in STATUSES:
        return raw
    known = _statuses().get(raw.rstrip("。."))
    if known:
        problems.append(_problem(path, sheet, line, "status", raw,
                                 f"状态写的是“{raw}”，不在下拉列表中，读作“{known}”。"))
        return known
    problems.append(_problem(path, sheet, line, "status", raw,
                             f"状态“{raw}”不在列表中（{'、'.join(STATUSES)}），未采用；请从下拉列表中选择。"))
    return ""


_NUMBER = re.compile(r"(\d[\d,]*(?:\.\d+)?\s*[万亿]?|[零〇一二两三四五六七八九十百千万亿]+)")


def _value(raw, task_id, target_no, context: _Context, *, path, sheet, line, problems) -> float:
    """Return the number a row reports against its target, NaN where there is none or it is unclear."""
    from civstat.read.quantities import parse_number

    targets = context.targets.get(task_id, [])
    if target_no < 0:  # no target number in the sheet: the k-th row of a task is its k-th target
        k = -target_no
        target_no = k if k <= len(targets) else 0
    row_target = next((t for t in targets if t[0] == target_no), None)
    nan = float("nan")
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return nan
    if row_target is None:
        problems.append(_problem(path, sheet, line, "value", raw,
                                 "填了完成数值，但这项任务没有数量目标，未采用。"))
        return nan
    if isinstance(raw, bool):
        raw = str(raw)
    if isinstance(raw, (int, float)):
        return float(raw)
    text = str(raw).strip()
    try:
        return parse_number(text.replace(" ", ""))
    except ValueError:
        pass
    numbers = _NUMBER.findall(text)
    unit = row_target[2]
    if len(numbers) == 1:
        try:
            value = parse_number(numbers[0].replace(" ", ""))
        except ValueError:
            value = nan
        after = text[text.find(numbers[0]) + len(numbers[0]):].strip()
        if value == value and (not after or (unit and after.startswith(unit))):
            problems.append(_problem(path, sheet, line, "value", text,
                                     f"完成数值“{text}”带有文字，读作 {value:g}{unit}；完成数值请只填数字。"))
            return value
    problems.append(_problem(path, sheet, line, "value", text,
                             f"完成数值“{text}”读不出一个数（目标单位：{unit or '无'}），未采用；请只填数字。"))
    return nan


def _resolve_targets(rows: list[dict], context: _Context) -> None:
    """Turn the provisional negative target numbers into the target the row's order points at."""
    for row in rows:
        if row["target_no"] < 0:
            k = -row["target_no"]
            row["target_no"] = k if k <= len(context.targets.get(row["task_id"], [])) else 0


def _latest_files(rows: list[dict], files: list[dict], problems: list[dict]) -> list[dict]:
    """Where two files report the same division and period, keep the later one's rows."""
    by_key: dict[tuple[str, str, str], set[str]] = {}
    for row in rows:
        by_key.setdefault((row["division"], row["period"], row["role"]), set()).add(row["file"])
    dropped: set[tuple[str, tuple]] = set()
    for key, names in by_key.items():
        if len(names) < 2:
            continue
        ordered = sorted(names, key=lambda f: (_mtime(f), f))
        keep = ordered[-1]
        for f in ordered[:-1]:
            dropped.add((f, key))
            problems.append(_problem(f, "", 0, "superseded", "",
                                     f"{key[0]} {key[1]} 的报表有 {len(names)} 份；这份较早，采用较晚的 {Path(keep).name}。"))
        for rec in files:
            if rec["file"] in ordered[:-1] and rec["division"] == key[0] and rec["period"] == key[1]:
                rec["kept"] = False
    return [r for r in rows if (r["file"], (r["division"], r["period"], r["role"])) not in dropped]


def _mtime(file: str) -> float:
    try:
        return Path(file).stat().st_mtime
    except OSError:
        return 0.0


# -- progress tables in other layouts, through the reader ----------------------------------------

def _read_document(path: Path, context: _Context, wanted, rows, problems, files) -> None:
    """Read a published progress table (Word, web page, text …) through the plan reader."""
    from civstat.errors import ReadError
    from civstat.read.reader import read_plan

    try:
        doc = read_plan(path)
    except (ReadError, OSError, ValueError) as exc:
        problems.append(_problem(path, "", 0, "unreadable", "", f"无法读取：{exc}"))
        return
    info = doc.documents.iloc[0]
    import pandas as pd

    title = str(info["title"] or "")
    year = None if pd.isna(info["year"]) else int(info["year"])
    if year is None:  # a published table often names its year only in its title (2022年度…进度表)
        found = re.search(r"((?:19|20)\d\d)\s*年", title)
        year = int(found.group(1)) if found else None
    fields = doc.fields
    status_of = fields[fields["header"].isin(_status_headers(fields))].groupby("task_id")["value"].first()
    value_of = fields[fields["header"].map(header_field) == "value"].groupby("task_id")["value"].first()
    reported = doc.tasks[(doc.tasks["progress"].astype(str) != "") | doc.tasks["task_id"].isin(status_of.index)]
    record = {"file": str(path), "sheet": "", "period": "", "division": "", "rows": 0, "kept": True}
    files.append(record)
    if reported.empty:
        record["kept"] = False
        problems.append(_problem(path, "", 0, "no_table", "", "文件中没有进展、状态或完成数值一栏，未读取。"))
        return
    for task in reported.itertuples(index=False):
        when = (period_in_text(str(task.progress_period), year=year) if task.progress_period else None) \
            or period_in_text(title, year=year) or wanted
        if when is None:
            problems.append(_problem(path, "", task.line, "period", task.text,
                                     "看不出这一行的进展属于哪个季度，未采用；收集时请给出 --period。"))
            continue
        if wanted is not None and when != wanted:
            problems.append(_problem(path, "", task.line, "period", task.text,
                                     f"这是 {when.year} 年{when.label}的进展，不是所收集的 {wanted.code}，未采用。"))
            continue
        row = [str(task.seq), task.text]
        task_id = _match(row, {"seq": 0, "text": 1}, task.line, task.text, str(task.seq), path=path, sheet="",
                         when=when, issuer=str(info["issuer"] or ""), division="", context=context,
                         problems=problems)
        if task_id is None:
            continue
        holders = context.holders.get(task_id, {})
        status = _status(_text(status_of.get(task.task_id)), path=path, sheet="", line=task.line, problems=problems)
        value = _value(value_of.get(task.task_id), task_id, -1, context, path=path, sheet="", line=task.line,
                       problems=problems)
        rows.append({"task_id": task_id, "target_no": 1 if context.targets.get(task_id) else 0,
                     "period": when.code,
                     "division": next((n for n, r in holders.items() if r == "lead_division"), ""),
                     "role": "lead", "status": status, "value": value, "text": str(task.progress),
                     "file": str(path), "sheet": "", "line": int(task.line)})
        record["rows"] += 1
        record["period"] = when.code


def _status_headers(fields) -> list[str]:
    """Return the headers of the columns that hold statuses: named 状态, or most cells a known status."""
    from civstat.analyse.progress import STATUSES

    known = set(STATUSES) | set(_statuses())
    out = []
    for header, cells in fields.groupby("header", sort=True)["value"]:
        cells = [c for c in cells.astype(str) if c.strip()]
        if "状态" in str(header) or (cells and sum(c.strip().rstrip("。.") in known for c in cells) >= len(cells) / 2):
            out.append(header)
    return out


# -- where each task stands ----------------------------------------------------------------------


