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

import bisect
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
    _check_spans(path)
    try:
        with path.open("rb") as handle:  # closed whatever python-docx does on a damaged file
            document = docx.Document(handle)
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


_GRID_SPAN = re.compile(rb'<w:gridSpan\s+w:val="(\d{1,12})"')
_VMERGE = re.compile(rb"<w:vMerge(?:\s*/>|\s+w:val=\"continue\")")


def _check_spans(path: Path) -> None:
    """Refuse a Word file whose cells claim spans no plan has, before python-docx builds them.

    A document part that declares entities is refused too (see below).

    python-docx lays out every grid column a span claims (``gridSpan="2000000000"`` would
    take all the memory there is) and follows vertical merges up their whole chain.
    """
    with zipfile.ZipFile(path) as archive:
        try:
            xml = archive.read("word/document.xml")
        except KeyError:
            return
    if b"<!DOCTYPE" in xml:
        # Word never writes one; python-docx leaves declared entities unexpanded, and the
        # text of a run after one would be dropped without a word
        raise ReadError(path, "the document declares its own XML entities (a DOCTYPE), which Word never "
                              "writes; text using them cannot be read faithfully. Open it in Word and "
                              "save it again as .docx.")
    widest = max((int(m.group(1)) for m in _GRID_SPAN.finditer(xml)), default=1)
    if widest > 1000:
        raise ReadError(path, f"a table cell claims to span {widest} columns; no plan has such a table. "
                              "Open it in Word and save it again.")
    merges = sum(1 for _ in _VMERGE.finditer(xml))
    if merges > 20_000:
        raise ReadError(path, f"its tables hold {merges} vertically merged cells, far more than a plan; "
                              "it is refused. Open it in Word, unmerge the cells and save it again.")


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_rows(table) -> list[list[str]]:
    """Read a Word table's rows from its XML, one pass, as python-docx's ``row.cells`` would give them.

    A cell spanning columns gives its text once, then empty cells, so that every cell
    stays under its column (a header spanning two columns); a cell continuing a
    vertical merge gives the text of the cell that starts it. python-docx finds that
    cell by walking up the chain, recursively, for every cell (quadratic, and a
    RecursionError on a chain of a thousand); here each column remembers it.
    """
    from docx.text.paragraph import Paragraph

    rows = []
    above: dict[int, str] = {}  # grid column -> text of the vertical merge open there
    for tr in table._tbl.iterchildren(f"{_W}tr"):
        cells: list[str] = []
        for tc in tr.iterchildren(f"{_W}tc"):
            column = len(cells)
            properties = tc.find(f"{_W}tcPr")
            span_node = properties.find(f"{_W}gridSpan") if properties is not None else None
            merge = properties.find(f"{_W}vMerge") if properties is not None else None
            span = _word_span(span_node.get(f"{_W}val") if span_node is not None else None)
            if merge is not None and merge.get(f"{_W}val", "continue") == "continue":
                text = above.get(column, "")
            else:
                text = "\n".join(Paragraph(p, None).text for p in tc.iterchildren(f"{_W}p"))
                if merge is not None:
                    above[column] = text
                else:
                    above.pop(column, None)
            cells.append(text)
            cells.extend([""] * (span - 1))
        rows.append(cells)
    return rows


def _word_span(value: str | None) -> int:
    """Return a cell's column span; a value that is no number (``gridSpan="abc"``) counts as 1."""
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1


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


def _sheet_rows(sheet, path: Path) -> list[list[str]]:
    """Build a sheet's rows from the cells it holds, never from the size it claims.

    A cell at ``XFD1048576`` or a merge over a million rows costs what the cells that
    exist cost: empty rows and columns are left out (the others keep their order), and
    a merged cell is filled only into the rows that hold something.
    """
    cells = {key: cell.value for key, cell in sheet._cells.items() if cell.value is not None}
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
    return [_trim(row) for row in grid]


def _trim(row: list[str]) -> list[str]:
    while row and not row[-1].strip():
        row = row[:-1]
    return row


def read_html(path: Path, limit: int) -> list[Block]:
    """Read a saved web page: table rows (``rowspan``/``colspan`` honoured) and text blocks.

    A page nested deeper than libxml2 builds (2,048 levels even with its "huge" option;
    generated pages wrap cells in hundreds of ``<div>``) is read again with its wrappers
    flattened (block tags become line breaks, inline tags go), so nothing below that
    depth is dropped unseen; only tables nested inside each other that deep are refused.
    """
    text = _XML_DECLARATION.sub("", decode(path.read_bytes(), path)[0])
    root = _parse_html(path, text)
    if root is None:
        root = _parse_html(path, _FLAT_TAG.sub(_flatten_tag, text))
    if root is None:
        raise ReadError(path, "the page nests tables inside tables more than 2,048 levels deep, which no "
                              "plan does; open it in a browser and save the table again, or as .xlsx.")
    for junk in root.xpath("//script|//style|//noscript|//template|//head"):
        junk.drop_tree()
    blocks: list[Block] = []
    _html_walk(root, blocks)
    return blocks


def _parse_html(path: Path, text: str):
    """Parse a page, or return None where libxml2 stopped at its depth limit (it says so only in its log)."""
    import lxml.html

    parser = lxml.html.HTMLParser(huge_tree=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except Exception as exc:  # lxml raises ParserError or ValueError on junk
        raise ReadError(path, f"the page could not be parsed as HTML ({exc}).") from None
    if any("Excessive depth" in str(entry.message) for entry in parser.error_log):
        return None
    return root


_HTML_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article", "header",
               "footer", "main", "pre", "blockquote", "caption", "dd", "dt", "body", "center"}
_TABLE_TAGS = {"table", "thead", "tbody", "tfoot", "tr", "td", "th", "br", "html", "body", "head",
               "script", "style"}
# any start or end tag, with a bounded attribute run so that a "<" with no ">" costs one short scan
_FLAT_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]{0,30})(?=[\s/>])[^<>]{0,4000}>")


def _flatten_tag(match: re.Match) -> str:
    name = match.group(2).lower()
    if name in _TABLE_TAGS:
        return match.group(0)
    return "<br>" if name in _HTML_BLOCK else ""


_HAS_TABLE = "data-civstat-has-table"


def _html_walk(root, blocks: list[Block]) -> None:
    """Append the page's text blocks and table rows in reading order.

    The walk keeps its own stack (a page may nest 2,048 levels, past Python's recursion
    limit), and an element's having a table inside is marked once per table, not
    searched for at every level.
    """
    if root.tag == "table":
        blocks.extend(_html_rows(root))
        return
    for table in root.iter("table"):
        for ancestor in table.iterancestors():
            if ancestor.get(_HAS_TABLE):
                break
            ancestor.set(_HAS_TABLE, "1")
    stack = [(root, iter(root), [root.text or ""])]
    while stack:
        element, children, text = stack[-1]
        child = next(children, None)
        if child is None:
            _flush_text(text, blocks)
            stack.pop()
            if stack:
                stack[-1][2].append(element.tail or "")
            continue
        if not isinstance(child.tag, str):  # comments, processing instructions
            text.append(child.tail or "")
        elif child.tag == "br":
            text.append("\n")
            text.append(child.tail or "")
        elif child.tag == "table":
            _flush_text(text, blocks)
            blocks.extend(_html_rows(child))
            text.append(child.tail or "")
        elif child.tag in _HTML_BLOCK or child.get(_HAS_TABLE):
            _flush_text(text, blocks)
            stack.append((child, iter(child), [child.text or ""]))
        else:
            text.append(child.text_content())
            text.append(child.tail or "")


def _flush_text(parts: list[str], blocks: list[Block]) -> None:
    for line in "".join(parts).split("\n"):
        if line.strip():
            blocks.append(line)
    parts.clear()


MAX_COLUMNS = 200  # a table row wider than this is no plan's


def _html_rows(table) -> list[list[str]]:
    """Read a table's rows, with spans clipped to what the table holds.

    A span never costs more than the rows left and :data:`MAX_COLUMNS` columns, and rows
    never grow much wider than the first one.
    """
    rows: list[list[str]] = []
    carried: dict[int, tuple[int, str]] = {}  # column -> (rows it still spans, text)
    trs = table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
    width = MAX_COLUMNS
    for index, tr in enumerate(trs):
        row: list[str] = []
        for cell in tr.xpath("./td|./th"):
            _fill_carried(row, carried)
            if len(row) >= width:
                break
            text = "\n".join(x.strip() for x in cell.itertext() if x.strip())
            span_rows = min(_span(cell.get("rowspan")), len(trs) - index)
            span_cols = min(_span(cell.get("colspan")), width - len(row))
            for k in range(span_cols):  # text in the first column only, never repeated across
                if span_rows > 1:
                    carried[len(row)] = (span_rows - 1, text if k == 0 else "")
                row.append(text if k == 0 else "")
        _fill_carried(row, carried)
        del row[width:]
        for column in [c for c in carried if c >= width]:
            del carried[column]
        rows.append(_trim(row))
        if index == 0:  # spans piling up can never make a row much wider than the first one
            width = min(MAX_COLUMNS, max(20, 2 * len(row)))
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
