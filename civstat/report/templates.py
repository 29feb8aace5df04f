"""Quarterly report templates: one Excel workbook per lead division (or deputy leader).

Report layer, the quarterly loop's first output: the workbooks divisions fill in.

The layout follows the 附件2 template of the Wuhan circulars (序号, 责任事项, 完成情况),
with the columns a clerk needs to fill it once and the office needs to read it back:

* a title naming bureau, division, year and quarter, and a line saying what to fill;
* 序号, 责任事项 (the task's text), 分管领导 (牵头处室 in a leader's workbook), 完成时限,
  目标 (one row per numeric target of the task, the target printed), 状态 (a drop-down of
  :data:`STATUSES`), 完成情况 (free text) and 完成数值 (only where there is a target);
* hidden, protected columns 任务编号 and 指标编号 so that the sheet can be read back by
  :func:`civstat.read_progress` whatever the clerk does to the visible columns;
* only the cells to fill are unlocked; the sheet is protected without a password, which
  guards against slips, not against people;
* tasks the division shares without leading them go to a second sheet, 配合任务;
* A4 landscape, the header row repeated on every printed page, columns wide enough and
  text wrapped.

The workbook also records issuer, year, period and division as custom document
properties, read back before the title is.
"""

from __future__ import annotations

import os
from pathlib import Path

from civstat.analyse.progress import STATUSES
from civstat.analyse.targets import task_targets
from civstat.read.schedule import Period, parse_period

#: Visible columns of a template, in order: (header, width in characters).
COLUMNS = (("序号", 6), ("责任事项", 48), ("分管领导", 10), ("完成时限", 10), ("目标", 24),
           ("状态", 10), ("完成情况", 44), ("完成数值", 11))
#: Hidden columns that carry the identity of each row.
HIDDEN = ("任务编号", "指标编号")
#: The columns a clerk fills.
FILL = ("状态", "完成情况", "完成数值")
LEAD_SHEET, SUPPORT_SHEET = "牵头任务", "配合任务"
HEADER_ROW = 3
#: Custom document properties a template carries.
PROPERTIES = ("civstat_issuer", "civstat_year", "civstat_period", "civstat_division", "civstat_by")


def template_rows(plans, *, issuer: str, year: int, by: str = "lead_division"):
    """Return the rows templates are written from, one per task and target.

    Parameters
    ----------
    plans : Plans
    issuer : str
    year : int
    by : {"lead_division", "leader"}
        Whose workbooks: one per lead division (tasks it leads on the 牵头任务 sheet,
        tasks it shares as a co-responsible division on 配合任务), or one per deputy
        leader (the tasks in their charge).

    Returns
    -------
    pandas.DataFrame
        ``holder, sheet, task_id, seq, text, leader, lead_division, deadline, target_no,
        target, target_value, unit``; ``target_no`` is 0 for a task without a numeric
        target. Sorted by holder, sheet and the task's order in the plan.

    Raises
    ------
    civstat.DataError
        If the plans hold no tasks of that issuer and year.
    """
    import pandas as pd

    from civstat.errors import DataError

    if by not in ("lead_division", "leader"):
        raise ValueError(f"by must be 'lead_division' or 'leader', not {by!r}")
    tasks = plans.tasks[(plans.tasks["issuer"] == issuer) & (plans.tasks["year"] == int(year))]
    if tasks.empty:
        have = sorted({f"{i} {y}" for i, y in zip(plans.documents["issuer"], plans.documents["year"],
                                                    strict=True)})
        raise DataError(f"没有 {issuer} {year} 年的计划，无法生成报表模板；现有：{'、'.join(have)}。\n"
                        f"No plan of {issuer} for {year}.")
    a = plans.assignments[plans.assignments["task_id"].isin(tasks["task_id"])]
    names = {role: a[a["role"] == role].groupby("task_id")["name"].agg("、".join)
             for role in ("leader", "lead_division")}
    t = task_targets(plans, tasks)
    records = []
    holders = [("leader", LEAD_SHEET)] if by == "leader" else [("lead_division", LEAD_SHEET),
                                                                ("division", SUPPORT_SHEET)]
    for order, task in enumerate(tasks.itertuples(index=False)):
        mine = t[t["task_id"] == task.task_id]
        targets_of = [(r.target_no, r.target, r.target_value, r.unit) for r in mine.itertuples()] or [
            (0, "", float("nan"), "")]
        for role, sheet in holders:
            for holder in a[(a["task_id"] == task.task_id) & (a["role"] == role)]["name"].drop_duplicates():
                for no, label, value, unit in targets_of:
                    records.append({
                        "holder": holder, "sheet": sheet, "task_id": task.task_id, "seq": int(task.seq),
                        "text": task.text, "leader": names["leader"].get(task.task_id, ""),
                        "lead_division": names["lead_division"].get(task.task_id, ""),
                        "deadline": task.deadline or "", "target_no": no, "target": label,
                        "target_value": value, "unit": unit, "_order": order})
    df = pd.DataFrame.from_records(records, columns=[
        "holder", "sheet", "task_id", "seq", "text", "leader", "lead_division", "deadline",
        "target_no", "target", "target_value", "unit", "_order"])
    sheet_order = df["sheet"].map({LEAD_SHEET: 0, SUPPORT_SHEET: 1})
    return (df.assign(_sheet=sheet_order).sort_values(["holder", "_sheet", "_order", "target_no"], kind="stable")
              .drop(columns=["_order", "_sheet"]).reset_index(drop=True))


def write_templates(plans, *, issuer: str, year: int, period: str, out: str | os.PathLike,
                    by: str = "lead_division") -> list[Path]:
    """Write one report template per lead division (or per deputy leader) for one period.

    Parameters
    ----------
    plans : Plans
    issuer : str
        The bureau, as in ``plans.documents`` (武汉市民政局).
    year : int
        The plan's year.
    period : str
        ``2023Q1`` … ``2023Q4`` or ``2023Y`` (全年); its year must be ``year``.
    out : str or PathLike
        The folder to write to; created if needed.
    by : {"lead_division", "leader"}
        One workbook per lead division (default), or per deputy leader.

    Returns
    -------
    list of pathlib.Path
        The workbooks written, named ``<period>_<division>.xlsx``, sorted.

    Examples
    --------
    >>> import tempfile, civstat
    >>> plans = civstat.load_plans(errors="ignore")
    >>> files = write_templates(plans, issuer="武汉市民政局", year=2023, period="2023Q1",
    ...                         out=tempfile.mkdtemp())
    >>> [f.name for f in files][:2]
    ['2023Q1_儿童福利处.xlsx', '2023Q1_养老服务处.xlsx']
    """
    from civstat.paths import safe_name, writable_folder, writing

    when = parse_period(period)
    if when.year != int(year):
        raise ValueError(f"报告期 {period} 不属于 {year} 年。\nPeriod {period} is not in {year}.")
    rows = template_rows(plans, issuer=issuer, year=int(year), by=by)
    folder = writable_folder(out)
    written = []
    for holder, group in rows.groupby("holder", sort=True):
        path = folder / f"{safe_name(f'{when.code}_{holder}')}.xlsx"
        book = _workbook(group, issuer=issuer, when=when, holder=holder, by=by)
        with writing(path) as tmp:
            book.save(tmp)
        written.append(path)
    return sorted(written)


def title(issuer: str, when: Period, holder: str, sheet: str = LEAD_SHEET) -> str:
    """Return a template's title, as 附件2 writes it.

    Examples
    --------
    >>> from civstat.read.schedule import parse_period
    >>> title("武汉市民政局", parse_period("2023Q1"), "养老服务处")
    '2023年武汉市民政局养老服务处第一季度工作目标完成情况'
    """
    kind = "（配合任务）" if sheet == SUPPORT_SHEET else ""
    return f"{when.year}年{issuer}{holder}{when.label}工作目标完成情况{kind}"


def _workbook(rows, *, issuer: str, when: Period, holder: str, by: str):
    """Build the workbook of one holder: a sheet of led tasks and, if any, one of shared tasks."""
    from openpyxl import Workbook
    from openpyxl.packaging.custom import StringProperty

    book = Workbook()
    book.remove(book.active)
    for sheet in (LEAD_SHEET, SUPPORT_SHEET):
        part = rows[rows["sheet"] == sheet]
        if len(part):
            _sheet(book.create_sheet(sheet), part, issuer=issuer, when=when, holder=holder, sheet=sheet, by=by)
    values = (issuer, str(when.year), when.code, holder, by)
    for name, value in zip(PROPERTIES, values, strict=True):
        book.custom_doc_props.append(StringProperty(name=name, value=value))
    book.properties.title = title(issuer, when, holder)
    book.properties.creator = "civstat"
    return book


def _sheet(ws, rows, *, issuer: str, when: Period, holder: str, sheet: str, by: str) -> None:
    """Fill one sheet: title, note, header, rows, drop-down, protection and page setup."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    headers = [h for h, _ in COLUMNS] + list(HIDDEN)
    if by == "leader":
        headers[2] = "牵头处室"
    last = len(COLUMNS)
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    centred = Alignment(horizontal="center", vertical="top")
    fill = PatternFill("solid", fgColor="FFF2CC")  # light yellow: the cells to fill
    grey = PatternFill("solid", fgColor="EDEDED")

    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
    ws.cell(1, 1, title(issuer, when, holder, sheet)).font = Font(bold=True, size=14)
    ws.cell(1, 1).alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 30
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=last)
    ws.cell(2, 1, "请在浅黄色单元格中填写：状态从下拉列表中选择，完成情况写文字，完成数值只填数字（单位见目标）。"
                  "请勿删除或调换行列；填好后经分管局领导审定，交局办公室。")
    ws.cell(2, 1).alignment = Alignment(wrap_text=True, vertical="center")
    ws.row_dimensions[2].height = 32
    for col, header in enumerate(headers, 1):
        cell = ws.cell(HEADER_ROW, col, header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
    for col, (_, width) in enumerate(COLUMNS, 1):
        ws.column_dimensions[get_column_letter(col)].width = width
    for col in range(last + 1, last + len(HIDDEN) + 1):
        ws.column_dimensions[get_column_letter(col)].hidden = True

    status_col = headers.index("状态") + 1
    drop_down = DataValidation(type="list", formula1='"' + ",".join(STATUSES) + '"', allow_blank=True,
                               showDropDown=False, showErrorMessage=True, errorTitle="状态",
                               error="请从列表中选择：" + "、".join(STATUSES), promptTitle="状态",
                               prompt="请选择：" + "、".join(STATUSES), showInputMessage=True)
    ws.add_data_validation(drop_down)
    second = "lead_division" if by == "leader" else "leader"
    for r, row in enumerate(rows.itertuples(index=False), HEADER_ROW + 1):
        has_target = row.target_no > 0
        values = [row.seq, row.text, getattr(row, second), row.deadline or "", row.target or "—",
                  None, None, None, row.task_id, row.target_no or None]
        for col, value in enumerate(values, 1):
            cell = ws.cell(r, col, value)
            cell.alignment = centred if col == 1 else wrap
            cell.border = border
            name = headers[col - 1]
            if name in FILL and (name != "完成数值" or has_target):
                cell.protection = Protection(locked=False)
                cell.fill = fill
            elif name == "完成数值":
                cell.fill = grey
        ws.row_dimensions[r].height = _row_height(values)
    if len(rows):
        letter = get_column_letter(status_col)
        drop_down.add(f"{letter}{HEADER_ROW + 1}:{letter}{HEADER_ROW + len(rows)}")
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1)
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_area = f"A1:{get_column_letter(last)}{max(HEADER_ROW, HEADER_ROW + len(rows))}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.protection.sheet = True  # no password: guards against slips
    ws.protection.formatColumns = False  # widths may still be changed
    ws.protection.formatRows = False


def _row_height(values) -> float:
    """Return a row height in points that shows the row's wrapped text whole.

    Spreadsheets do not grow a row for text written by a program, so the height is set
    from the longest cell: a Chinese character takes about two units of column width.
    """
    import math

    lines = 1
    for (_, width), value in zip(COLUMNS, values, strict=False):
        if isinstance(value, str) and value:
            units = sum(2 if ord(c) > 0x2E80 else 1 for c in value)
            lines = max(lines, math.ceil(units / max(1.0, width - 1)))
    return 15.0 * lines + 4
