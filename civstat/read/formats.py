"""File formats: Word, Excel, saved web pages and CSV, as paragraphs and table rows.

Read layer, after decoding: the registry of format readers; each yields blocks for the layouts.

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
from pathlib import Path

from civstat.read.blocks import Block, PagedBlocks, trim_row
from civstat.read.decode import decode
from civstat.read.docx import read_docx
from civstat.read.html import read_html
from civstat.read.libreoffice import convert_and_read
from civstat.read.xlsx import read_xlsx


def read_csv(path: Path, limit: int) -> list[Block]:
    """Read a CSV table (any supported encoding; comma, tab or semicolon separated)."""
    text = decode(path.read_bytes(), path)[0]
    sample = text[:5000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    csv.field_size_limit(max(csv.field_size_limit(), 10_000_000))
    rows = [trim_row(row) for row in csv.reader(io.StringIO(text), dialect)]
    lines = text.count("\n") + 1
    if lines > 20 and len(rows) * 4 < lines and any(cell.count("\n") > lines // 4 for row in rows for cell in row):
        # an unclosed quote swallowed the rest of the file into one cell: read it unquoted
        rows = [trim_row(row) for row in csv.reader(io.StringIO(text), dialect, quoting=csv.QUOTE_NONE)]
    return rows


def read_pdf(path: Path, limit: int) -> list[Block]:
    """Read a PDF with a text layer (see :mod:`civstat.read.pdf`); the blocks know their pages."""
    from civstat.read.pdf import read_pdf as read

    blocks, pages = read(path, limit)
    return PagedBlocks(blocks, pages)


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
