"""Saved web pages (.html): paragraphs and table rows, spans filled, scripts dropped unread.

Part of the read layer: a format reader (see :mod:`civstat.read.formats` for the registry).
"""

from __future__ import annotations

import re
from pathlib import Path

from civstat.errors import ReadError
from civstat.read.blocks import Block, trim_row
from civstat.read.decode import decode


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
        elif child.tag == "table" and child.get(_HAS_TABLE):
            # a table laid out around the page's content (older sites): its cells are blocks,
            # the tables inside them the content
            _flush_text(text, blocks)
            stack.append((child, iter(child), [child.text or ""]))
        elif child.tag in ("tr", "td", "th", "tbody", "thead") and not child.get(_HAS_TABLE):
            _flush_text(text, blocks)   # a cell of a layout table: text of its own
            text.append(child.text_content())
            _flush_text(text, blocks)
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
        rows.append(trim_row(row))
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


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
