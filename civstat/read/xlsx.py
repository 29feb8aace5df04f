"""Excel (.xlsx): each sheet's cells as table rows, merged cells filled.

Part of the read layer: a format reader (see :mod:`civstat.read.formats` for the registry).
"""

from __future__ import annotations

import bisect
import datetime
import re
import zipfile
from pathlib import Path

from civstat.errors import ReadError
from civstat.read.blocks import Block, check_zip, trim_row
from civstat.read.headers import parse_header
from civstat.read.libreoffice import convert_and_read, is_ole


def read_xlsx(path: Path, limit: int) -> list[Block]:
    """Read every sheet of an Excel workbook; each sheet starts with its name as a paragraph."""
    import openpyxl

    if is_ole(path):  # an Excel 97 file saved under .xlsx
        return convert_and_read(path, "xlsx", read_xlsx, limit)
    check_zip(path, limit)
    _check_merges(path)
    # the file is ours to open and close: openpyxl leaves its handle open when it fails
    with path.open("rb") as handle:
        try:
            workbook = openpyxl.load_workbook(handle, data_only=True, keep_vba=False, keep_links=False)
        except Exception as exc:  # openpyxl raises many kinds on a damaged package
            raise ReadError(path, f"Excel could not read it ({type(exc).__name__}: {exc}). "
                                  "Open it in Excel and save it again as .xlsx.") from None
        blocks: list[Block] = []
        for sheet in workbook.worksheets:
            if len(workbook.worksheets) > 1:
                blocks.append(sheet.title)
            blocks.extend(_sheet_rows(sheet, path))
        workbook.close()
    return blocks


MAX_CELLS = 1_000_000  # far beyond any plan: a sheet claiming more is refused


_MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"')


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _check_merges(path: Path) -> None:
    """Refuse a workbook whose merged cells claim more cells than any plan has, before loading it.

    openpyxl makes an object for every cell a merge covers, so ``A3:XFD1048576`` in a
    5 KB file would take all the memory there is; the sheets' XML is scanned first.
    """
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            if not info.filename.startswith("xl/worksheets/") or not info.filename.endswith(".xml"):
                continue
            covered = 0
            for m in _MERGE_REF.finditer(archive.read(info)):
                rows = int(m.group(4)) - int(m.group(2)) + 1
                cols = _column_number(m.group(3)) - _column_number(m.group(1)) + 1
                covered += max(rows, 1) * max(cols, 1)
                if covered > MAX_CELLS:
                    raise ReadError(path, f"its merged cells ({m.group(1).decode()}{m.group(2).decode()}:"
                                          f"{m.group(3).decode()}{m.group(4).decode()} and others) cover more "
                                          "cells than any plan has; it is refused. Unmerge them in Excel "
                                          "and save it again.")


def shown(value, number_format: str = "General") -> str:
    """Return a cell's value as a reader of the sheet sees it, not as Python prints it.

    A date is written as plans write dates, a percentage as a percentage, a whole number
    without its ``.0``.

    Examples
    --------
    >>> import datetime
    >>> shown(datetime.datetime(2025, 6, 30)), shown(0.6, "0%"), shown(0.355, "0.0%"), shown(1, "0%"), shown(3.0)
    ('2025年6月30日', '60%', '35.5%', '100%', '3')
    """
    if isinstance(value, datetime.datetime | datetime.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, int | float) and not isinstance(value, bool):
        if "%" in (number_format or ""):
            return f"{round(value * 100, 6):g}%"
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
            return str(int(value))
    return str(value)


def _sheet_rows(sheet, path: Path) -> list[list[str]]:
    """Build a sheet's rows from the cells it holds, never from the size it claims.

    A cell at ``XFD1048576`` or a merge over a million rows costs what the cells that
    exist cost: empty rows and columns are left out (the others keep their order), and
    a merged cell is filled only into the rows that hold something.
    """
    cells = {key: shown(cell.value, cell.number_format) for key, cell in sheet._cells.items()
             if cell.value is not None}
    if len(cells) > MAX_CELLS:
        raise ReadError(path, f"the sheet {sheet.title!r} holds {len(cells)} cells, far more than a plan; "
                              "save the sheet that holds the plan on its own.")
    rows = sorted({r for r, _ in cells})
    columns = sorted({c for _, c in cells})
    if len(columns) > 1000:
        raise ReadError(path, f"the sheet {sheet.title!r} has {len(columns)} columns, far more than a "
                              "plan; save the table that holds the plan on its own.")
    row_at = {r: i for i, r in enumerate(rows)}
    column_at = {c: i for i, c in enumerate(columns)}
    grid = [[""] * len(columns) for _ in rows]
    for (r, c), value in cells.items():
        grid[row_at[r]][column_at[c]] = str(value)
    for merged in sheet.merged_cells.ranges:
        top = (merged.min_row, merged.min_col)
        if top not in cells or merged.min_col not in column_at:
            continue
        first = bisect.bisect_right(rows, merged.min_row)
        last = bisect.bisect_right(rows, merged.max_row)
        for i in range(first, last):  # only the rows that hold something
            grid[i][column_at[merged.min_col]] = str(cells[top])
        if merged.min_row == merged.max_row and merged.max_col > merged.min_col \
                and parse_header(str(cells[top]))[0] is not None:
            # a header over the columns below it (责任单位 over 牵头 | 配合): each of them has it
            for c in columns[column_at[merged.min_col] + 1:]:
                if c > merged.max_col:
                    break
                grid[row_at[merged.min_row]][column_at[c]] = str(cells[top])
    return [trim_row(row) for row in grid]
