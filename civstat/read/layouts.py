"""Layouts: from the cleaned lines of a text document to rows of cells.

Read layer, after cleaning: lines of a text document into rows, for the interpreter.

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
:class:`Line` (a line outside any row). :mod:`civstat.read.interpret` turns them
into tasks; formats with real tables (Word, Excel, HTML) yield rows directly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from civstat.read.clean import HEADING
from civstat.read.content import ADMIN_PREFIX, is_unit, kind_of
from civstat.read.headers import (
    drop_text_label,
    field_label_of,
    field_of,
    is_label_word,
    label_of,
    label_role,
    unit_rank,
)
from civstat.read.names import split_top_level
from civstat.read.numbering import LONG, Number, parse_number, seq_cell

SEQ = re.compile(r"^\s*([*＊★※]?)\s*(\d{1,7})\s*([*＊★※]?)\s*$")
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
    number: Number | None = None  # the item number of a numbered list's item, in any style
    stream: bool = False  # cells of a table flattened one per line: positions say nothing
    stray_numbers: list[Cell] = field(default_factory=list)  # number-only cells out of sequence, kept as cells
    by_place: bool = False  # its 序号 cell was empty: the layout numbered it by its place in the table


@dataclass
class Line:
    """A line outside any row; ``kind`` says what the layout knows of it ("" or "toc")."""

    line: int
    text: str
    kind: str = ""


def parse_seq(text: str, *, follows: int | None = None) -> tuple[int, bool] | None:
    """Read an item number with an optional lead mark (``*1``, ``1*``); ``None`` if not one.

    A number of more than three digits is one only after the number before it (``follows``).

    Examples
    --------
    >>> parse_seq("*3"), parse_seq("12*"), parse_seq("7"), parse_seq("序号")
    ((3, True), (12, True), (7, False), None)
    >>> parse_seq("1000"), parse_seq("1000", follows=999), parse_seq("2023", follows=999)
    (None, (1000, False), None)
    """
    m = SEQ.match(text)
    if not m:
        return None
    value = int(m.group(2))
    if len(m.group(2)) > LONG and follows != value - 1:
        return None
    return value, bool(m.group(1) or m.group(3))


def starts_row(text: str, *, follows: int | None = None) -> bool:
    """Tell whether a cell begins a new row: an item number, a heading or the 序号 header."""
    stripped = text.strip()
    return bool(
        parse_seq(stripped, follows=follows)
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
    last: int | None = None  # the last item number that started a row (1000 only follows 999)
    numbered: Cell | None = None  # the last cell read as an item number
    whole_rows = False  # the table prints a row a line, its cells between tabs (序号\t项目\t…)
    width = 0  # cells of the first whole row (its header)
    for no, raw in enumerate(lines, 1):
        if not raw.strip():
            blanks += 1
            continue
        if "\t" in raw:
            pieces = raw.lstrip(" \u3000").split("\t")
            tab_led = bool(_TAB_CELL.match(raw))
            whole_rows = whole_rows or (not tab_led and len(pieces) >= 3)
            if tab_led and not whole_rows:
                pieces = pieces[1:]  # Word's flattening puts a tab before every cell
            # a whole row whose first cells are empty: merged with the row above, but a row of its own
            merged_row = whole_rows and len(pieces) >= 3 and not pieces[0].strip()
            # a whole row a line: the row above has all its cells, so this line is a row of its
            # own (一\t扩大有效需求); else a line break inside a cell ran its last cell on to here
            full = whole_rows and not tab_led and row is not None and len(row.cells) >= width
            if whole_rows and not tab_led and row is not None and not full and cell is not None \
                    and not starts_row(pieces[0], follows=last) and not merged_row \
                    and seq_cell(pieces[0].strip()) is None:
                cell.lines.append(pieces[0].strip())
                pieces = pieces[1:]
            for i, content in enumerate(pieces):
                seq = parse_seq(content.strip(), follows=last)
                if row is None or (i == 0 and (merged_row or full)) or (starts_row(content, follows=last)
                                                                        and (i == 0 or row.cells)):
                    row = Row(no, [])
                    blocks.append(row)
                    last = seq[0] if seq else last
                cell = Cell(no, [content.strip()])
                numbered = cell if seq else numbered
                row.cells.append(cell)
                row.last_line = no
            if whole_rows and not width and row is not None:
                width = len(row.cells)   # the first whole row: the header
        elif cell is not None and blanks <= 1 and not _ends_table(raw) and cell is not numbered \
                and not SIGNED.match(raw.strip()) and not (_units_line(raw) and _signature(lines, no, last_line=False)):
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
    markdown: bool | None = None  # whether the header opens with a pipe; None before a header
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
        if stripped.startswith("|") and markdown is not False:
            parts = parts[1:]  # Markdown style: a pipe before the first cell too
        # (in a table whose header opens with a cell, a leading pipe opens an empty first cell)
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
                markdown = stripped.startswith("|")
        open_cell = not closed
    return blocks


# --- numbered_list ---------------------------------------------------------------------------


def numbered_list(lines: list[str]) -> list[Row | Line]:
    """Read numbered items of every style (``一、`` ``（一）`` ``1.`` ``（1）`` ``①`` …) as rows.

    Every numbered line becomes a row carrying its :class:`~civstat.read.numbering.Number`;
    which numbering level holds the tasks and which are headings is left to the
    interpreter, which judges it from what the items carry. An item's text runs on
    over the following lines until a blank line, another item, a labelled line or its
    closing unit parenthesis; labelled lines (``分管领导：…``) belong to the item above
    them even across blank lines. A line that closes with a unit parenthesis but lost
    its number (damaged text) is a row without a number. A line listing several
    numbered entries (``1、金寨县；2、裕安区``) is a list, not an item.
    """
    implied_header = [Cell(0, ["序号"]), Cell(0, ["工作事项"])]
    blocks: list[Row | Line] = [Row(0, list(implied_header), implied=True)]
    row: Row | None = None
    open_text = False  # the current item's text may still continue
    last: dict[str, int] = {}  # the last value of each numbering style
    toc = _toc_lines(lines)
    attachments = attachment_list(lines) if "附" in "".join(lines[:200]) else set()
    for no, raw in enumerate(lines, 1):
        text = raw.strip()
        if no in toc:
            if text:
                blocks.append(Line(no, raw, "toc"))
            continue
        if no in attachments:   # 附件：1.… / 2.…: the names of the circular's attachments
            blocks.append(Line(no, raw))
            row, open_text = None, False
            continue
        if not text:
            open_text = False
            continue
        if row is not None and _closes_circular(lines, no):
            # 某县民政局 / 2024年3月8日 under the circular's last paragraph: its signature and
            # date, not the paragraph's rest
            if row.last_line == no - 1 and len(row.cells[1].lines) > 1 and is_unit(row.cells[1].lines[-1].strip()):
                blocks.append(Line(no - 1, row.cells[1].lines.pop()))
                row.last_line -= 1
            blocks.append(Line(no, raw))
            row, open_text = None, False
            continue
        number = parse_number(text, follows=last)
        if number is not None and (not number.rest or is_list_line(number)
                                   or (number.ambiguous and last.get(number.style) != number.value - 1)):
            number = None
        if number is not None and row is not None and open_text and number.rest[:1].isdigit() \
                and number.style == "ar" and not "".join(row.cells[1].lines).rstrip().endswith(_CLOSED):
            number = None   # 全年培训 / 2.5万人次: a line wrapped before a decimal, not item 2
        label = label_of(text)
        if label and row is not None and not row.labels and _open_brackets("".join(row.cells[1].lines)) > 0 \
                and _open_brackets(text) < 0:
            label = None   # 责任单位：…） closes the parenthesis the item's last line opened: its rest
            open_text = True
        if number is not None:
            last[number.style] = number.value
            row = Row(no, [Cell(no, [f"{number.value}"]), Cell(no, [number.rest])], last_line=no,
                      number=number)
            blocks.append(row)
            open_text = not unit_parenthesis(number.rest)[1] and not _heading_like(number)
        elif label and (row is not None or (row := _unnumbered_item(blocks)) is not None):
            row.labels.append((label[0], Cell(no, [label[1]])))
            row.last_line = no
            open_text = False
        elif row is not None and ((fielded := field_label_of(text)) or drop_text_label(text) != text):
            # 完成时限：… / 工作措施：… / 主要内容：… under the item: a field of its task
            row.labels.append(("field", Cell(no, [text])))
            row.last_line = no
            open_text = not fielded or fielded[0] not in ("deadline", "status")   # a measure may run on, a date does not
        elif row is not None and open_text and row.labels and row.labels[-1][0] == "field" \
                and not (_units_line(text) and _signature(lines, no, last_line=False)):
            row.labels[-1][1].lines.append(text)   # the field's value runs on
            row.last_line = no
        elif row is not None and open_text and _units_line(text) and not _signature(lines, no) \
                and "".join(row.cells[1].lines).rstrip().endswith(("。", "；", ";")) \
                and not re.search("[:：]", "".join(row.cells[1].lines)):   # 牵头单位:… in the text names them
            row.labels.append(("units_line", Cell(no, [text])))   # 新增城镇就业6万人。/ 市人社局
            row.last_line = no
            open_text = False
        elif row is not None and open_text:
            row.cells[1].lines.append(text)
            row.last_line = no
            open_text = not unit_parenthesis("".join(row.cells[1].lines[-8:]))[1]  # a clause is short
        elif row is not None and text[0] in "（(【[" and unit_parenthesis(text) == (0, True):
            row.labels.append(("parenthesis", Cell(no, [text])))  # the units of the item above
            row.last_line = no
            open_text = False
        elif row is not None and unit_parenthesis(text)[1]:
            row = Row(no, [Cell(no, [""]), Cell(no, [text])], last_line=no)  # its number was lost
            blocks.append(row)
            open_text = False
        else:
            row, open_text = None, False
            blocks.append(Line(no, raw))
            if ATTACHMENT.match(text):  # a new part: its list has the same implied columns
                blocks.append(Row(no, list(implied_header), implied=True))
                last.clear()
    return blocks


#: A date alone on its line, as a circular is signed: 2024年3月8日 (groups: its year and month)
SIGNED = re.compile(r"^[（(]?((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*\d{1,2}\s*日[）)]?$")


def _closes_circular(lines: list[str], no: int) -> bool:
    """Tell whether line ``no`` (1-based) is the date a circular closes with.

    A date alone, followed by no item and no labelled line (the plan's title, an attachment,
    or nothing: the end of the document).
    """
    if not SIGNED.match(lines[no - 1].strip()):
        return False
    after = next((t.strip() for t in lines[no:no + 5] if t.strip()), "")
    return not after or (parse_number(after) is None and label_of(after) is None
                         and field_label_of(after) is None)


#: How the text of an item may end: a wrapped line after anything else runs on.
_CLOSED = ("。", "；", ";", "！", "？", "!", "?", "）", ")", "：", ":")


def _units_line(text: str) -> bool:
    """Tell whether a line is only the names of units (``市工信局、市发改委、各区县政府``).

    >>> _units_line("市工信局、市发改委、各区县政府"), _units_line("市人社局"), _units_line("完成改造任务。")
    (True, True, False)
    """
    names = [n for n in re.split(r"[、，,\s]+", text.strip().rstrip("。；;")) if n]
    return bool(names) and len(text) <= 80 and all(is_unit(n.removesuffix("等")) for n in names)


def _signature(lines: list[str], no: int, *, last_line: bool = True) -> bool:
    """Tell whether line ``no`` (1-based), one name, signs the document.

    It does above the document's date, or (``last_line``) as the document's last line.
    """
    if re.search(r"[、，,\s]", lines[no - 1].strip()):
        return False
    after = next((t.strip() for t in lines[no:no + 3] if t.strip()), "")
    return (last_line and not after) or SIGNED.match(after) is not None


def _open_brackets(text: str) -> int:
    """How many round brackets a text leaves open (negative: how many it closes that it did not open).

    >>> _open_brackets("加强养老服务。（牵头单位：市民政局；"), _open_brackets("责任单位：各县（市、区）卫健委）")
    (1, -1)
    """
    return sum(text.count(c) for c in "（(") - sum(text.count(c) for c in "）)")


def _unnumbered_item(blocks: list[Row | Line]) -> Row | None:
    """Make the line before a labelled line an item, in a list whose items have no numbers.

    ``新建幼儿园84所。`` then ``主管领导：…`` / ``责任单位：…``: the labels say the line
    above is a task. Only in a list that has numbered no item yet, and only a line that
    is no heading, attachment label or labelled line itself. Returns the new row, which
    replaces the line in ``blocks`` (the interpreter numbers it and says so), or ``None``.
    """
    last = blocks[-1] if blocks else None
    if not isinstance(last, Line) or last.kind or any(isinstance(b, Row) and b.number for b in blocks):
        return None
    text = last.text.strip()
    if len(text) < 4 or HEADING.match(text) or ATTACHMENT.match(text) or NOTE.match(text) \
            or opens_with_label(text) or field_label_of(text):
        return None
    row = Row(last.line, [Cell(last.line, [""]), Cell(last.line, [text])], last_line=last.line, by_place=True)
    blocks[-1] = row
    return row


def _heading_like(number: Number) -> bool:
    """Tell whether a heading-style item (``一、`` ``（一）``) is short and no sentence: it does not run on."""
    return number.style in {"cn", "pcn", "di"} and len(number.rest) <= 40 and \
        not number.rest.endswith(("。", "；", "，", "、"))


def is_list_line(number: Number) -> bool:
    """Tell whether a numbered line lists several entries (``1、金寨县；2、裕安区；…``).

    Examples
    --------
    >>> is_list_line(parse_number("1、金寨县；2、裕安区；3、霍山县。"))
    True
    >>> is_list_line(parse_number("1.完成改造2000户，新建站点30个。"))
    False
    """
    if number.style != "ar":
        return False
    following = str(number.value + 1)
    return any(m.group(1) == following for m in _LIST_ENTRY.finditer(number.rest))


# A numbered entry inside a line: ``；2、``. One pattern for every number (a pattern per number
# compiled 0.5 ms each once past re's cache of 512); the digits it holds are always a whole run.
# Bounded gaps: an unbounded \s* after a class holding \s is quadratic on a run of spaces.
_LIST_ENTRY = re.compile(r"[；;，,。\s]\s{0,8}([0-9]+)\s{0,3}[、.．]")


# --- cell_lines ------------------------------------------------------------------------------

_QUALIFIER_ONLY = re.compile(r"^[（(][^（()）]{1,10}[）)]$")


def cell_lines(lines: list[str]) -> list[Row | Line]:
    """Rebuild a table flattened one cell per line (no tabs; cells may end with `` |``).

    The header is the first run of lines that read as column headers (a header cell
    wrapped over two lines, ``牵头责任`` / ``单位``, is joined back). Below it, rows are
    anchored on item numbers: a cell holding only a number (``1``, ``一``) or, in a
    table without such cells, a cell that starts with one (``14.改扩建…``). The cells
    of a row are aligned to the columns by content later, by the interpreter.
    """
    cells: list[tuple[int, str]] = []
    for no, raw in enumerate(lines, 1):
        text = raw.strip()
        if text.endswith("|"):  # cells closed by " |" (a plain strip: a pattern would be quadratic)
            text = text.rstrip(" \t|")
        if text and "|" not in text:
            cells.append((no, text))
        elif text:
            cells.append((no, text.replace("|", " ").strip()))
    blocks: list[Row | Line] = []
    i = 0
    while i < len(cells):
        header, j = _header_run(cells, i)
        if header is None:
            blocks.append(Line(cells[i][0], cells[i][1]))
            i += 1
            continue
        blocks.append(Row(header[0].line, header, last_line=header[-1].line))
        end = _rows_by_place(cells, j, blocks, [field_of(c.text) for c in header])
        i = end if end is not None else _table_rows(cells, j, blocks, width=len(header))
    return blocks


def _rows_by_place(cells: list[tuple[int, str]], j: int, blocks: list[Row | Line], fields) -> int | None:
    """Group the cells of a table whose 序号 cells are all empty into rows; ``None`` if it has numbers.

    Word numbers a 序号 column by itself, and a copy of the table loses the numbers: the
    cells after the header hold no item number at all. Where the task's column comes
    first after 序号, a row begins with a sentence after cells that are none (the units,
    the deadline of the row before), or once the row has a cell for every column. The
    rows are numbered by their place (each is reported by the interpreter); a heading
    cell (``一、…``) among them is a heading.
    """
    if len(fields) < 3 or fields[0] != "seq" or fields[1] not in ("text", "title", "goal"):
        return None
    for _, text in cells[j:j + 4 * len(fields)]:
        number = seq_cell(text) or parse_number(text)
        if number is not None and (not number.rest or not _heading_like(number)):
            return None   # numbered rows: anchored on their numbers
    row: Row | None = None
    previous = ""
    count = 0
    while j < len(cells):
        no, text = cells[j]
        if ATTACHMENT.match(text) or NOTE.match(text):
            return j
        number = parse_number(text)
        kind = kind_of(text)
        if number is not None and number.rest and _heading_like(number):
            blocks.append(Line(no, text))
            row, kind = None, ""
        elif row is None or (kind == "text" and previous != "text") or len(row.cells) >= len(fields):
            count += 1
            row = Row(no, [Cell(no, [str(count)]), Cell(no, [text])], last_line=no,
                      number=Number("ar", count, ""), stream=True, by_place=True)
            blocks.append(row)
        else:
            row.cells.append(Cell(no, [text]))
            row.last_line = no
        previous = kind
        j += 1
    return j


def _header_run(cells: list[tuple[int, str]], i: int) -> tuple[list[Cell] | None, int]:
    """Find the header starting at cell ``i`` and the index after it, or ``(None, i)``."""
    header: list[Cell] = []
    unknown = 0
    j = i
    while j < len(cells):
        no, text = cells[j]
        if seq_cell(text) or len(text) > 24:
            break
        if header and _QUALIFIER_ONLY.match(text):
            header[-1].lines.append(text)
            j += 1
            continue
        joined = field_of(text + cells[j + 1][1]) if field_of(text) is None and j + 1 < len(cells) else None
        # a header wrapped over two lines (牵头责任 / 单位, 牵头 / 责任单位): joined, it means more
        # than its second line does; 监督方式 / 实施部门 are two headers, the second one alone
        if joined is not None and field_of(cells[j + 1][1]) in (None, "lead_division", "division") \
                and joined != field_of(cells[j + 1][1]):
            header.append(Cell(no, [text + cells[j + 1][1]]))
            j += 2
            continue
        if field_of(text) is None:
            if not header or unknown >= 2 or len(text) > 10:
                break
            unknown += 1
        header.append(Cell(no, [text]))
        j += 1
    fields = [field_of(c.text) for c in header]
    known = [f for f in fields if f is not None]
    if len(known) < 3 or not ({"text", "title", "goal"} & set(known)) or fields[0] is None:
        return None, i
    for k in range(len(header) - 2):
        # 责任单位 over 牵头单位 | 配合单位, printed one cell a line: the upper header has no column
        ranks = [unit_rank(c.text) if field_of(c.text) in ("lead_division", "division") else "-"
                 for c in header[k:k + 3]]
        if ranks[0] in ("duty", None) and ranks[1] == "lead" and ranks[2] == "co":
            del header[k]
            fields.pop(k)
            break
    while header and fields[-1] is None:  # unknown cells at the end belong to the body
        header.pop()
        fields.pop()
        j -= 1
    return header, j


def _table_rows(cells: list[tuple[int, str]], j: int, blocks: list[Row | Line], *, width: int) -> int:
    """Group the cells after a header into rows anchored on item numbers; return where it ended.

    A number continues its sequence, or starts it again at 1. A cell holding only a
    number that skips ahead (a row lost: 1, 3) anchors a row too once the row before
    holds a cell for every column, since a full row cannot take another cell; the
    interpreter reports the gap in the numbering.
    """
    has_seq = any(seq_cell(text) for _, text in cells[j:j + 40])
    last: dict[str, int] = {}
    row: Row | None = None
    while j < len(cells):
        no, text = cells[j]
        if ATTACHMENT.match(text) or NOTE.match(text):
            return j
        number = seq_cell(text, follows={"ar": last["ar-cell"]} if "ar-cell" in last else None)
        style = f"{number.style}-cell" if number else ""
        if number is None:
            number = parse_number(text, follows=last)
            if number is not None and (not number.rest or (has_seq and len(number.rest) > 60)
                                       or is_list_line(number)):
                number = None
            style = number.style if number else ""
        if number is not None and not _in_sequence(number, style, last) \
                and not (style.endswith("-cell") and row is not None and len(row.cells) >= width
                         and last.get(style, 0) < number.value <= last.get(style, 0) + 20):
            number = None
        if number is not None:
            for deeper in [s for s in last if _depth(s, last) > _depth(style, last)]:
                del last[deeper]
            last[style] = number.value
            row = Row(no, [Cell(no, [text])], last_line=no, number=number, stream=True)
            blocks.append(row)
        elif row is None:
            blocks.append(Line(no, text))
        else:
            row.cells.append(Cell(no, [text]))
            row.last_line = no
            if seq_cell(text):  # a number that does not continue the numbering: the row may hide another
                row.stray_numbers.append(row.cells[-1])
        j += 1
    return j


def _depth(style: str, last: dict[str, int]) -> int:
    order = list(last)
    return order.index(style) if style in order else len(order)


def _in_sequence(number: Number, style: str, last: dict[str, int]) -> bool:
    """Tell whether an item number continues its style's numbering, or starts it (again)."""
    if style not in last:
        return number.value == 1 or not last
    return number.value == last[style] + 1 or number.value == 1


_CLOSER = {"（": "）", "(": ")", "【": "】", "[": "]"}
_OPENER = re.compile("[" + re.escape("".join(_CLOSER)) + "]")
_BRACKET = re.compile("[" + re.escape("".join(_CLOSER) + "".join(_CLOSER.values())) + "]")
_TRAILING_PUNCT = re.compile(r"[。.；;，,\s]*")
_LABEL_START = re.compile(r"^\s*([^\s：:，,。；;、（）()【】\[\]]{2,10})\s*[:：]")
_NAME_CHARS = r"(?:[^，,；;。（）()]|[（(][^（）()]{0,20}[）)])"
_RESPONSIBLE = re.compile(
    rf"^(?:(?P<lead>{_NAME_CHARS}{{2,60}}?)牵头(?:负责|落实|实施)?)?\s*[，,；;、]?\s*"
    r"(?:(?P<co>(?:[^。（）()]|[（(][^（）()]{0,20}[）)]){2,200}?)(?:按职责分工|按照职责分工|按职责)?"
    r"(?:负责落实|负责|配合|参与|协助|落实))?\s*[。.]?$"
)


def opens_with_label(text: str) -> bool:
    """Tell whether a text starts with a role label and a colon (``牵头单位：``).

    Examples
    --------
    >>> opens_with_label("牵头单位：市民政局"), opens_with_label("敬老院")
    (True, False)
    """
    m = _LABEL_START.match(text)
    return bool(m) and is_label_word(m.group(1)) and label_role(m.group(1)) is not None


def responsibility_sentence(inner: str) -> list[tuple[str, str]] | None:
    """Read ``市民政局牵头，各区政府负责落实`` or ``X负责`` into ``(role, names)`` pairs.

    Only a sentence whose names are all units counts, so ``（含开发区）`` or a remark is none.

    Examples
    --------
    >>> responsibility_sentence("市民政局牵头，各区人民政府负责落实")
    [('city_lead', '市民政局'), ('city_unit', '各区人民政府')]
    >>> responsibility_sentence("市财政局负责"), responsibility_sentence("老旧小区")
    ([('city_unit', '市财政局')], None)
    >>> responsibility_sentence("市民政局、市财政局")
    [('city_unit', '市民政局、市财政局')]
    >>> responsibility_sentence("县民政局牵头负责，县乡村振兴局参与")
    [('city_lead', '县民政局'), ('city_unit', '县乡村振兴局')]
    >>> responsibility_sentence("市民政局牵头，市人力资源和社会保障局配合")
    [('city_lead', '市民政局'), ('city_unit', '市人力资源和社会保障局')]
    """
    bare = [p for p in split_top_level(inner.strip().rstrip("。."), "、，,；; ") if p]
    # （市民政局、市财政局）: offices named by their level, with no label: the responsible units
    # (a facility in brackets, 供养服务设施（敬老院）, names no level and is none)
    if bare and "牵头" not in inner and all(is_unit(p.removesuffix("等")) and p.startswith(ADMIN_PREFIX)
                                           for p in bare):
        return [("city_unit", inner.strip().rstrip("。."))]
    m = _RESPONSIBLE.match(inner.strip())
    if not m or not (m.group("lead") or m.group("co")):
        return None
    pairs = []
    for role, group in (("city_lead", "lead"), ("city_unit", "co")):
        names = (m.group(group) or "").strip()
        if not names:
            continue
        # 和 / 及 may join two units or sit inside one (市人力资源和社会保障局): names split at them later
        parts = [p for p in split_top_level(names, "、，,；; ") if p]
        if not parts or not all(is_unit(p.removesuffix("等")) for p in parts):
            return None
        pairs.append((role, names))
    return pairs


def unit_parenthesis(text: str) -> tuple[int, bool]:
    """Find a task's closing ``（牵头单位：…；责任单位：…）``: its start and whether it is closed.

    Returns ``(-1, False)`` when the text has none. The parenthesis (or ``[…]``,
    ``【…】``) must open with a role label, or be a sentence such as ``（市民政局牵头，
    各区政府负责落实）``, and run to the end of the text: a closed one is followed by
    nothing but punctuation.

    Examples
    --------
    >>> unit_parenthesis("发展公益慈善事业。（责任单位：市民政局）")
    (9, True)
    >>> unit_parenthesis("提升供养服务设施（敬老院）")
    (-1, False)
    >>> unit_parenthesis("保障供应。（责任单位：市商务局、各区人民政府")
    (5, False)
    >>> unit_parenthesis("推进改造。【市住建局牵头，各区政府负责】")
    (5, True)
    """
    openers = [m.start() for m in _OPENER.finditer(text, max(0, len(text) - 599))]  # a clause is never longer
    for start in reversed(openers):
        labelled = opens_with_label(text[start + 1:])
        depth, end = 0, -1
        for m in _BRACKET.finditer(text, start):
            if m.group() in _CLOSER:
                depth += 1
            else:
                depth -= 1
                if depth == 0:
                    end = m.start()
                    break
        if end < 0:
            if labelled:
                return start, False
            continue
        if not _TRAILING_PUNCT.fullmatch(text, end + 1):
            continue
        if labelled or responsibility_sentence(text[start + 1:end]) is not None:
            return start, True
    return -1, False


_ATTACHMENT_LIST = re.compile(r"^\s*附\s*件\s*[:：]\s*1\s*[.．、]\s*\S")
_SENTENCE_END = re.compile(r"[。；;！？!?]")


def attachment_list(lines: list[str]) -> set[int]:
    """Return the line numbers of a circular's list of its attachments (``附件：1.…`` / ``2.…``).

    The list opens with ``附件：1.`` and runs on over the lines numbered 2, 3 … in turn that
    are names of documents (short, no sentence): they are no items of the plan.

    >>> sorted(attachment_list(["附件：1.2024年重点工作责任分解", "2.民生实事责任分解", "某市人民政府", "2.加强养老服务。"]))
    [1, 2]
    """
    out: set[int] = set()
    expect = None
    for no, raw in enumerate(lines, 1):
        text = raw.strip()
        if _ATTACHMENT_LIST.match(text):
            out.add(no)
            expect = 2
            continue
        if expect is None or not text:
            continue
        number = parse_number(text)
        if number is not None and number.style == "ar" and number.value == expect and len(number.rest) <= 60 \
                and not _SENTENCE_END.search(number.rest):
            out.add(no)
            expect += 1
        else:
            expect = None
    return out


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


LAYOUTS = {"word_table": word_table, "pipe_table": pipe_table, "cell_lines": cell_lines,
           "numbered_list": numbered_list}
