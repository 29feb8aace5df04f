"""Layouts: from the cleaned lines of a text document to rows of cells.

A plan's table reaches us in one of three shapes, recognised by content:

``word_table``
    A Word table flattened to text: each cell starts a line with a tab, a cell may
    run over several lines (without a tab), and a row may be glued onto the
    previous cell's line ending. A table copied from Excel (tab-separated cells on
    one line) is read the same way.
``pipe_table``
    A web page's table with cells separated by ``|``; a row may break over lines.
``numbered_list``
    Items ``1.`` / ``1、`` / ``（1）`` in running text, each ending with a
    parenthesis naming the responsible units, perhaps followed by labelled lines
    such as ``牵头单位：…``.

Every layout yields the same blocks: :class:`Row` (cells, as printed) and
:class:`Line` (a line outside any row). :mod:`civstat.io.interpret` turns them
into tasks; formats with real tables (Word, Excel, HTML) yield rows directly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from civstat import reference
from civstat.text import HEADING, squeeze_spaces

SEQ = re.compile(r"^\s*([*＊★※]?)\s*(\d{1,3})\s*([*＊★※]?)\s*$")
_ITEM = re.compile(
    r"^\s*([*＊★]?)\s*(?:(\d{1,3})\s*([*＊★]?)\s*[.．、](?![\d.])|[（(](\d{1,3})[）)]\s*([*＊★]?))\s*(\S.*)$"
)
_TAB_CELL = re.compile(r"^[ \u3000]*\t")
ATTACHMENT = re.compile(r"^\s*附\s*件\s*\d*\s*[:：]?\s*$")
NOTE = re.compile(r"^\s*(?:注\s*[:：]|[*＊※]\s*(?:为|是|表示|系))")
_TOC = re.compile(r"^\s*(目\s*录|提\s*纲|目\s*次)")
_PIPE_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")
_ELLIPSIS_ONLY = re.compile(r"^\s*[.…。·]{2,}\s*$")


@dataclass
class Cell:
    """One cell of a table as printed: its first line number and its text lines."""

    line: int
    lines: list[str]

    @property
    def text(self) -> str:
        """The cell's lines joined by line breaks."""
        return "\n".join(x for x in self.lines if x.strip())


@dataclass
class Row:
    """A table row: cells in printed order, plus labelled lines that belong to it."""

    line: int
    cells: list[Cell]
    labels: list[tuple[str, Cell]] = field(default_factory=list)
    last_line: int = 0
    implied: bool = False  # a header the layout supplies (a numbered list has none printed)


@dataclass
class Line:
    """A line outside any row; ``kind`` says what the layout knows of it ("" or "toc")."""

    line: int
    text: str
    kind: str = ""


def parse_seq(text: str) -> tuple[int, bool] | None:
    """Read an item number with an optional lead mark (``*1``, ``1*``); ``None`` if not one.

    Examples
    --------
    >>> parse_seq("*3"), parse_seq("12*"), parse_seq("7"), parse_seq("序号")
    ((3, True), (12, True), (7, False), None)
    """
    m = SEQ.match(text)
    if not m:
        return None
    return int(m.group(2)), bool(m.group(1) or m.group(3))


def field_of(header: str) -> str | None:
    """Map a header cell to its field (``分 管 领 导`` → ``leader``), ``None`` if unknown.

    Examples
    --------
    >>> field_of("责任处室（单位）"), field_of("分 管 领 导"), field_of("备注")
    ('division', 'leader', None)
    """
    words = reference.field_words()
    key = squeeze_spaces(header).replace(" ", "")
    if key in words:
        return words[key][0] or None
    key = re.sub(r"[（(][^）)]*[）)]$", "", key)
    return words[key][0] or None if key in words else None


def label_of(text: str) -> tuple[str, str] | None:
    """Split a labelled line (``牵头单位：市民政局``) into its label field and value.

    Examples
    --------
    >>> label_of("分管领导：李超")
    ('leader', '李超')
    >>> label_of("加强养老服务。") is None
    True
    """
    m = re.match(r"^\s*([^\s：:，。]{2,8})\s*[:：]\s*(.*)$", text)
    if not m:
        return None
    entry = reference.field_words().get(m.group(1).replace(" ", ""))
    if not entry or not entry[1]:
        return None
    return entry[1], m.group(2).strip()


def starts_row(text: str) -> bool:
    """Tell whether a cell begins a new row: an item number, a heading or the 序号 header."""
    stripped = text.strip()
    return bool(
        parse_seq(stripped)
        or stripped in {"…", "...", "……"}
        or HEADING.match(stripped)
        or field_of(stripped) == "seq"
    )


def detect(lines: list[str]) -> str:
    """Recognise a document's layout from its content.

    Returns ``"word_table"``, ``"pipe_table"`` or ``"numbered_list"`` (the one whose
    signature covers most lines; ties go to the list, the most forgiving reader).
    """
    tab = sum(1 for x in lines if "\t" in x)
    pipe = sum(1 for x in lines if x.count("|") >= 2)
    items = sum(1 for x in lines if _ITEM.match(x))
    scores = {"word_table": tab, "pipe_table": pipe, "numbered_list": items}
    best = max(scores, key=lambda k: (scores[k], k == "numbered_list"))
    return best if scores[best] else "numbered_list"


# --- word_table ------------------------------------------------------------------------------


def word_table(lines: list[str]) -> list[Row | Line]:
    """Rebuild rows of a Word table flattened to one cell per tab-led line."""
    blocks: list[Row | Line] = []
    row: Row | None = None
    cell: Cell | None = None
    blanks = 0
    for no, raw in enumerate(lines, 1):
        if not raw.strip():
            blanks += 1
            continue
        if "\t" in raw:
            pieces = raw.lstrip(" \u3000").split("\t")
            if _TAB_CELL.match(raw):
                pieces = pieces[1:]  # Word's flattening puts a tab before every cell
            for i, content in enumerate(pieces):
                if row is None or (starts_row(content) and (i == 0 or row.cells)):
                    row = Row(no, [])
                    blocks.append(row)
                cell = Cell(no, [content.strip()])
                row.cells.append(cell)
                row.last_line = no
        elif cell is not None and blanks <= 1 and not _ends_table(raw) and not parse_seq(cell.lines[0]):
            cell.lines.append(raw.strip())  # an item number is a whole cell: it never runs on
            row.last_line = no
        else:
            row = cell = None
            blocks.append(Line(no, raw))
        blanks = 0
    return blocks


def _ends_table(text: str) -> bool:
    return bool(NOTE.match(text) or ATTACHMENT.match(text) or HEADING.match(text))


# --- pipe_table ------------------------------------------------------------------------------


def pipe_table(lines: list[str]) -> list[Row | Line]:
    """Rebuild rows of a ``|``-separated table, joining rows that break over lines."""
    blocks: list[Row | Line] = []
    width = 0  # columns of the current table's header, 0 before a header
    row: Row | None = None
    open_cell = False  # the previous line ended inside a cell
    for no, raw in enumerate(lines, 1):
        if "|" not in raw:
            if not raw.strip():
                continue
            if row is not None and open_cell:
                row.cells[-1].lines.append(raw.strip())
                row.last_line = no
                continue
            row = None
            blocks.append(Line(no, raw))
            continue
        stripped = raw.strip()
        if _PIPE_RULE.match(stripped):
            continue  # a Markdown table's |---|---| line
        parts = stripped.split("|")
        closed = stripped.endswith("|")
        if closed:
            parts = parts[:-1]
        if stripped.startswith("|"):
            parts = parts[1:]  # Markdown style: a pipe before the first cell too
        cells = [Cell(no, [p.strip()]) for p in parts]
        continues = (
            row is not None
            and width
            and len(row.cells) < width
            and not (cells and starts_row(cells[0].text) and not open_cell)
        )
        if continues:
            if open_cell:
                row.cells[-1].lines.append(cells.pop(0).lines[0])
            row.cells.extend(cells)
            row.last_line = no
        else:
            row = Row(no, cells, last_line=no)
            blocks.append(row)
            fields = [field_of(c.text) for c in cells]
            if sum(f is not None for f in fields) >= 2:
                width = len(cells)
        open_cell = not closed
    return blocks


# --- numbered_list ---------------------------------------------------------------------------


def numbered_list(lines: list[str]) -> list[Row | Line]:
    """Read numbered items (``1.``, ``2、``, ``（3）``) with their labelled lines as rows.

    An item's text runs on over the following lines until a blank line, a heading, a
    labelled line or its closing unit parenthesis; labelled lines (``分管领导：…``)
    belong to the item above them even across blank lines.
    """
    implied_header = [Cell(0, ["序号"]), Cell(0, ["工作事项"])]
    blocks: list[Row | Line] = [Row(0, list(implied_header), implied=True)]
    row: Row | None = None
    open_text = False  # the current item's text may still continue
    toc = _toc_lines(lines)
    for no, raw in enumerate(lines, 1):
        text = raw.strip()
        if no in toc:
            if text:
                blocks.append(Line(no, raw, "toc"))
            continue
        if not text:
            open_text = False
            continue
        item = _ITEM.match(text)
        label = label_of(text)
        if item and not HEADING.match(text):
            mark = item.group(1) or item.group(3) or item.group(5)
            number = item.group(2) or item.group(4)
            row = Row(no, [Cell(no, [f"{number}{mark or ''}"]), Cell(no, [item.group(6)])], last_line=no)
            blocks.append(row)
            open_text = not unit_parenthesis(item.group(6))[1]
        elif label and row is not None:
            row.labels.append((label[0], Cell(no, [label[1]])))
            row.last_line = no
            open_text = False
        elif row is not None and open_text and not HEADING.match(text):
            row.cells[1].lines.append(text)
            row.last_line = no
            open_text = not unit_parenthesis("".join(row.cells[1].lines))[1]
        else:
            row, open_text = None, False
            blocks.append(Line(no, raw))
            if ATTACHMENT.match(text):  # a new part: its list has the same implied columns
                blocks.append(Row(no, list(implied_header), implied=True))
    return blocks


def unit_parenthesis(text: str) -> tuple[int, bool]:
    """Find a task's closing ``（牵头单位：…；责任单位：…）``: its start and whether it is closed.

    Returns ``(-1, False)`` when the text has none. Only a parenthesis that opens with
    a unit label (``civstat/data/fields.csv``) and runs to the end of the text counts;
    a closed one is followed by nothing but a full stop.

    Examples
    --------
    >>> unit_parenthesis("发展公益慈善事业。（责任单位：市民政局）")
    (9, True)
    >>> unit_parenthesis("提升供养服务设施（敬老院）")
    (-1, False)
    >>> unit_parenthesis("保障供应。（责任单位：市商务局、各区人民政府")
    (5, False)
    """
    starts = [m.start() for m in _unit_label().finditer(text)]
    if not starts:
        return -1, False
    start = starts[-1]
    depth = 0
    for i, char in enumerate(text[start:], start):
        if char in "（(":
            depth += 1
        elif char in "）)":
            depth -= 1
            if depth == 0:
                return (start, True) if re.fullmatch(r"[。.；;，,\s]*", text[i + 1 :]) else (-1, False)
    return start, False


@cache
def _unit_label() -> re.Pattern:
    labels = [w for w, (_, label) in reference.field_words().items() if label.startswith("city_")]
    return re.compile(r"[（(]\s*(?:" + "|".join(sorted(labels, key=len, reverse=True)) + r")\s*[:：]")


def _toc_lines(lines: list[str]) -> range:
    """Return the line numbers of a table of contents near the top (empty if none).

    It runs from its 目录 / 提纲 line to a line of dots, a blank line, or the line
    before its first entry appears again as the body's heading.
    """
    start = next((i for i, raw in enumerate(lines[:40]) if _TOC.match(raw)), None)
    if start is None:
        return range(0)
    first_entry = None
    for i in range(start + 1, len(lines)):
        text = lines[i].strip()
        if not text or _ELLIPSIS_ONLY.match(text):
            return range(start + 1, i + 2)
        if first_entry is None:
            first_entry = text
        elif text == first_entry:
            return range(start + 1, i + 1)
    return range(start + 1, start + 2)


LAYOUTS = {"word_table": word_table, "pipe_table": pipe_table, "numbered_list": numbered_list}
