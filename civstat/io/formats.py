"""File formats: Word, Excel, saved web pages and CSV, as paragraphs and table rows.

Each reader turns a file into a list of raw blocks in reading order: a ``str`` is a
paragraph (or a line of text), a ``list[str]`` is a table row, one string per cell
(a cell's paragraphs joined by line breaks). A cell merged over several rows is
filled into every row it spans; a cell merged across columns appears once, in its
first column, with empty cells after it. ``line`` numbers of these formats count the blocks in reading order.

Files from other offices are untrusted: Office files are zip archives whose members
are checked against a size budget before any XML is parsed (a "zip bomb" guard);
XML goes through defusedxml where the library supports it (openpyxl does); formulas
are never evaluated (only cached values are read) and macros never run; scripts
and styles of web pages are dropped unread.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

from civstat.errors import ReadError
from civstat.io.convert import convert_and_read, is_ole
from civstat.io.decode import decode

Block = str | list[str]

#: Expansion allowed for an Office file: total uncompressed size / file size.
MAX_RATIO = 100
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def check_zip(path: Path, limit: int) -> None:
    """Refuse an Office file whose members would expand far beyond its size."""
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise ReadError(path, "the file is not a valid Office document (not a zip archive). "
                              "Open it in Word or Excel and save it again.") from None
    if total > max(limit, 1) * 10 or total > path.stat().st_size * MAX_RATIO + 1_000_000:
        raise ReadError(path, f"the file would expand to {total / 1e6:.0f} MB when opened, far beyond "
                              "its size; it is refused as a possible zip bomb. Re-save it if it is genuine.")


def read_docx(path: Path, limit: int) -> list[Block]:
    """Read a Word document: body paragraphs and table rows, in order."""
    import docx
    from docx.table import Table

    if is_ole(path):  # a Word 97 file saved under .docx: LibreOffice converts it
        return convert_and_read(path, "docx", read_docx, limit)
    check_zip(path, limit)
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many kinds on a damaged package
        raise ReadError(path, f"Word could not be read ({type(exc).__name__}: {exc}). "
                              "Open it in Word and save it again as .docx.") from None
    blocks: list[Block] = []
    for item in document.iter_inner_content():
        if isinstance(item, Table):
            blocks.extend(_docx_rows(item))
        else:
            blocks.append(item.text)
    return blocks


def _docx_rows(table) -> list[list[str]]:
    rows = []
    for row in table.rows:
        cells, previous = [], None
        for cell in row.cells:  # python-docx repeats a horizontally merged cell: its text once,
            if previous is not None and cell._tc is previous:  # then empty cells, so that every
                cells.append("")  # cell stays under its column (a header spanning two columns)
                continue
            previous = cell._tc
            cells.append("\n".join(p.text for p in cell.paragraphs))
        rows.append(cells)
    return rows


def read_xlsx(path: Path, limit: int) -> list[Block]:
    """Read every sheet of an Excel workbook; each sheet starts with its name as a paragraph."""
    import openpyxl

    if is_ole(path):  # an Excel 97 file saved under .xlsx
        return convert_and_read(path, "xlsx", read_xlsx, limit)
    check_zip(path, limit)
    try:
        workbook = openpyxl.load_workbook(path, data_only=True, keep_vba=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged package
        raise ReadError(path, f"Excel could not read it ({type(exc).__name__}: {exc}). "
                              "Open it in Excel and save it again as .xlsx.") from None
    blocks: list[Block] = []
    for sheet in workbook.worksheets:
        if len(workbook.worksheets) > 1:
            blocks.append(sheet.title)
        grid = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        for merged in sheet.merged_cells.ranges:
            value = grid[merged.min_row - 1][merged.min_col - 1]
            for r in range(merged.min_row - 1, min(merged.max_row, len(grid))):
                grid[r][merged.min_col - 1] = value
        blocks.extend(_trim(row) for row in grid)
    workbook.close()
    return blocks


def _trim(row: list[str]) -> list[str]:
    while row and not row[-1].strip():
        row = row[:-1]
    return row


def read_html(path: Path, limit: int) -> list[Block]:
    """Read a saved web page: table rows (``rowspan``/``colspan`` honoured) and text blocks."""
    import lxml.html

    text = _XML_DECLARATION.sub("", decode(path.read_bytes(), path)[0])
    try:
        root = lxml.html.document_fromstring(text)
    except Exception as exc:  # lxml raises ParserError or ValueError on junk
        raise ReadError(path, f"the page could not be parsed as HTML ({exc}).") from None
    for junk in root.xpath("//script|//style|//noscript|//template|//head"):
        junk.drop_tree()
    blocks: list[Block] = []
    _html_walk(root, blocks)
    return blocks


_HTML_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article", "header",
               "footer", "main", "pre", "blockquote", "caption", "dd", "dt", "body", "center"}


def _html_walk(element, blocks: list[Block]) -> None:
    """Append an element's text blocks and table rows in reading order."""
    if element.tag == "table":
        blocks.extend(_html_rows(element))
        return
    text = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str):  # comments, processing instructions
            text.append(child.tail or "")
            continue
        if child.tag == "br":
            text.append("\n")
        elif child.tag in _HTML_BLOCK or child.tag == "table" or child.xpath(".//table"):
            _flush_text(text, blocks)
            _html_walk(child, blocks)
        else:
            text.append(child.text_content())
        text.append(child.tail or "")
    _flush_text(text, blocks)


def _flush_text(parts: list[str], blocks: list[Block]) -> None:
    for line in "".join(parts).split("\n"):
        if line.strip():
            blocks.append(line)
    parts.clear()


def _html_rows(table) -> list[list[str]]:
    rows: list[list[str]] = []
    carried: dict[int, tuple[int, str]] = {}  # column -> (rows it still spans, text)
    for tr in table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr"):
        row: list[str] = []
        for cell in tr.xpath("./td|./th"):
            _fill_carried(row, carried)
            text = "\n".join(x.strip() for x in cell.itertext() if x.strip())
            span_rows, span_cols = _span(cell.get("rowspan")), _span(cell.get("colspan"))
            for k in range(span_cols):  # text in the first column only, never repeated across
                if span_rows > 1:
                    carried[len(row)] = (span_rows - 1, text if k == 0 else "")
                row.append(text if k == 0 else "")
        _fill_carried(row, carried)
        rows.append(_trim(row))
    return rows


def _fill_carried(row: list[str], carried: dict[int, tuple[int, str]]) -> None:
    """Put the cells that rows above span into this row, at their columns."""
    while len(row) in carried:
        left, text = carried.pop(len(row))
        if left > 1:
            carried[len(row)] = (left - 1, text)
        row.append(text)


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1


def read_csv(path: Path, limit: int) -> list[Block]:
    """Read a CSV table (any supported encoding; comma, tab or semicolon separated)."""
    text = decode(path.read_bytes(), path)[0]
    sample = text[:5000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    csv.field_size_limit(max(csv.field_size_limit(), 10_000_000))
    rows = [_trim(row) for row in csv.reader(io.StringIO(text), dialect)]
    lines = text.count("\n") + 1
    if lines > 20 and len(rows) * 4 < lines and any(cell.count("\n") > lines // 4 for row in rows for cell in row):
        # an unclosed quote swallowed the rest of the file into one cell: read it unquoted
        rows = [_trim(row) for row in csv.reader(io.StringIO(text), dialect, quoting=csv.QUOTE_NONE)]
    return rows


def read_pdf(path: Path, limit: int) -> list[Block]:
    """Read a PDF with a text layer (see :mod:`civstat.io.pdf`); the blocks know their pages."""
    from civstat.io.pdf import read_pdf as read

    blocks, pages = read(path, limit)
    return PagedBlocks(blocks, pages)


class PagedBlocks(list):
    """Blocks that know the page each one is on (a PDF's)."""

    def __init__(self, blocks: list[Block], pages: list[int]) -> None:
        super().__init__(blocks)
        self.pages = pages


def read_doc(path: Path, limit: int) -> list[Block]:
    """Read a legacy Word (.doc) or WPS (.wps) document, converted with LibreOffice."""
    return convert_and_read(path, "docx", read_docx, limit)


def read_xls(path: Path, limit: int) -> list[Block]:
    """Read a legacy Excel (.xls) or WPS Spreadsheets (.et) workbook, converted with LibreOffice."""
    return convert_and_read(path, "xlsx", read_xlsx, limit)


#: File suffix -> (reader, name of the layout it yields).
READERS = {
    ".docx": (read_docx, "docx_table"),
    ".xlsx": (read_xlsx, "xlsx_table"),
    ".html": (read_html, "html_table"),
    ".htm": (read_html, "html_table"),
    ".csv": (read_csv, "csv_table"),
    ".pdf": (read_pdf, "pdf_table"),
    ".doc": (read_doc, "doc_table"),
    ".wps": (read_doc, "wps_table"),
    ".xls": (read_xls, "xls_table"),
    ".et": (read_xls, "et_table"),
}
#: How each format is read, as ``civstat check`` tells it.
READ_BY = {".pdf": "pdfplumber（PDF 文字层）", ".doc": "LibreOffice 转换为 .docx", ".wps": "LibreOffice 转换为 .docx",
           ".xls": "LibreOffice 转换为 .xlsx", ".et": "LibreOffice 转换为 .xlsx"}
