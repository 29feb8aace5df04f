"""From rows and lines to task records: headers, numbering levels, alignment, sections.

Read layer, after layouts: blocks in, task records and problems out, for the reader to assemble.

The interpreter walks the blocks a layout produced. A row whose cells read as
column headers (:mod:`civstat.read.headers`) starts a table and fixes what each
column means. Below it, each row is aligned to the columns by position, or by
content where positions say nothing (:mod:`civstat.read.align`); its item number
comes from the 序号 column or from the start of its text. Numbering levels are
told apart by what their items carry: the level whose items carry responsibility
(cells, labels, parentheses) holds the tasks, the levels above it are sections,
and the levels below it are parts of their task. A row with no text of its own
but units or a leader (a group printed once over merged cells) passes them on to
the tasks below it. Every such inference is a problem row of kind ``inferred``.
Whatever else sits between the first and the last task becomes a problem too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from civstat.read.align import SKIP, align, fit
from civstat.read.clean import HEADING, is_total, squeeze_spaces, strip_ordinal
from civstat.read.content import ADMIN_PREFIX, closing_deadline, is_date, is_unit, kind_of
from civstat.read.headers import (
    drop_text_label,
    field_label_of,
    is_label_word,
    label_of,
    label_role,
    parse_header,
    period_end,
    period_of,
    unit_rank,
)
from civstat.read.labels import (
    drop_first_leads_note,
    heading_units,
    heading_without_units,
    label_pairs,
    parse_note,
    source_of_heading,
    split_inline_labels,
    split_unit_parenthesis,
)
from civstat.read.layouts import (
    ATTACHMENT,
    NOTE,
    SIGNED,
    Line,
    Row,
    parse_seq,
    responsibility_sentence,
)
from civstat.read.levels import (
    STYLE_DEPTH,
    _is_header,
    _joined,
    _raw,
    bare_styles,
    item_style,
    list_levels,
    style_name,
)
from civstat.read.names import split_top_level
from civstat.read.numbering import LONG, Number, parse_number, seq_cell
from civstat.roles import AT_DIVISION_LEVEL, CO_ROLES, LEAD_ROLES, ROLES

_TEXT_FIELDS = ("text", "title", "goal")
_OWN_COLUMNS = (*_TEXT_FIELDS, "deadline", "progress", "seq")
# Columns that group rows, and so are printed once over a merged block: a co-unit or a deadline
# left out of a row is empty, not merged.
_INHERITED = {"section", "leader", "lead_division", "city_lead"}
SKIP_GROUPING = 0.25
MAX_ALIGNED = 200  # cells of one row aligned by content; the rest run on as text
# Lines that close a circular or a plan: a signature, a date, distribution notes.
CLOSING = re.compile(
    r"^\S{2,30}(?:局|厅|委|委员会|人民政府|政府|办公室|办)$"
    r"|^(?:19|20)\d\d\s*年\s*\d{0,2}\s*月\s*\d{0,2}\s*日$"
    r"|^[（(]?(?:此件|本件)\S{0,6}[)）]?$|^(?:抄送|印发|联系人|联系电话)\s*[:：]"
)
# a line that looks like an item: 1.… / 1、… or a table row opening with its number (1 | …)
_ITEM_LIKE = re.compile(r"^\s*[*＊★]?\s*\d{1,3}\s*[*＊★]?\s*(?:[.．、](?![\d.])|\|\s*)\S")
_TOC_ENTRY = re.compile(r"^\s*(\d{1,7})\s*[.．、]\s*(.+)$")
# a deadline in brackets closing a task's text: …（2024年6月底前完成）
_DEADLINE_PAREN = re.compile(r"[（(]\s*(?:完成时限[:：]?\s*)?([^（()）]{2,30}?)\s*[）)]\s*[。.；;]?\s*$")


@dataclass
class TaskRecord:
    """A task as read, before names are split and canonicalised."""

    line: int
    last_line: int
    seq: int
    lead: bool
    section: str | None  # None: unknown, after a cut
    section_source: str
    title: str = ""
    text: str = ""
    goal: str = ""
    deadline: str = ""
    progress: str = ""
    progress_period: str = ""
    sections: str = ""
    cells: list[tuple[str, str, int]] = field(default_factory=list)  # (role, printed text, line)
    extra: list[tuple[str, str, str]] = field(default_factory=list)  # (field, header, value)


@dataclass
class Reading:
    """What the interpreter made of a document."""

    tasks: list[TaskRecord] = field(default_factory=list)
    problems: list[dict] = field(default_factory=list)
    sources_by_seq: dict[int, list[str]] = field(default_factory=dict)
    default_source: str = ""
    explanation: list[str] = field(default_factory=list)  # how the columns and levels were read

    def problem(self, line: int, kind: str, text: str, message: str) -> None:
        """Record a problem."""
        self.problems.append({"line": line, "kind": kind, "text": text, "message": message})


@dataclass
class _Table:
    """A table being read: what its columns mean and what its rows have printed so far."""

    fields: list[str | None]
    headers: list[str]
    implied: bool
    line: int
    seq_col: int | None = None
    text_col: int | None = None
    styles: list[str] = field(default_factory=list)  # numbering styles, in order of appearance
    task_style: str | None = None
    printed: dict[int, tuple[str, int]] = field(default_factory=dict)  # column -> last value, line
    current: TaskRecord | None = None
    earlier_progress: dict[int, int | None] = field(default_factory=dict)  # column -> end of its period

    @classmethod
    def of(cls, texts: list[str], line: int, implied: bool) -> _Table:
        resolved = _resolve_columns([parse_header(t)[0] if t else None for t in texts], texts)
        if not {"text", "title", "goal"} & set(resolved) and resolved.count("measures") == 1:
            # the only column of what is to be done is headed 工作举措 / 具体措施: it holds the tasks
            resolved = ["text" if f == "measures" else f for f in resolved]
        fields = _latest_progress(resolved, texts)
        # the progress columns set aside, with the month each period ends in (None: it names none)
        earlier = {i: period_end(period_of(texts[i])) for i, (a, b) in enumerate(zip(resolved, fields, strict=True))
                   if a != b}
        deadlines = [i for i, f in enumerate(fields) if f == "deadline"]
        if len(deadlines) > 1:   # 启动时间 | 完成时间: the last is when it is to be done; the others fields
            fields = [None if i in deadlines[:-1] else f for i, f in enumerate(fields)]
        table = cls(fields, texts, implied, line)
        table.earlier_progress = earlier
        table.seq_col = next((i for i, f in enumerate(fields) if f == "seq"), None)
        table.text_col = next((i for i, f in enumerate(fields) if f in ("text", "title")), None)
        if table.text_col is None:
            table.text_col = next((i for i, f in enumerate(fields) if f == "goal"), None)
        return table

    @classmethod
    def stacked(cls, upper: _Table, lower: _Table) -> _Table:
        """Stack a header of two rows (责任单位 over 牵头单位 | 配合单位): the lower row refines the upper."""
        n = max(len(upper.headers), len(lower.headers))
        headers = []
        spanning = ""   # the upper header an empty upper cell belongs to: the one to its left
        for i in range(n):
            top = upper.headers[i] if i < len(upper.headers) else ""
            bottom = lower.headers[i] if i < len(lower.headers) else ""
            spanning = top or spanning
            if bottom and not parse_header(bottom)[0] and spanning and parse_header(bottom + spanning)[0]:
                bottom += spanning   # 牵头 | 配合 under 责任单位: 牵头责任单位, 配合责任单位
            headers.append(bottom if bottom and parse_header(bottom)[0] else top or bottom)
        return cls.of(headers, upper.line, implied=False)

    def explain(self) -> str:
        parts = []
        for header, f in zip(self.headers, self.fields, strict=True):
            reason = parse_header(header)[1] if header else ""
            parts.append(f"{header or '（空）'}→{f or '另存'}" + (f"（{'词表' if reason == 'word' else '词素'}）"
                                                                 if reason else ""))
        return "，".join(parts)


def _resolve_columns(fields: list[str | None], headers: list[str]) -> list[str | None]:
    """Fix column meanings where no column says it holds the leads.

    A plan with one responsibility column has it as the lead; one with columns of
    responsible units and of units that help (责任单位 | 配合单位) has the responsible
    ones as the leads (:func:`~civstat.read.headers.unit_rank`).
    """
    present = set(fields)
    if "lead_division" in present:
        return fields
    if "division" in present and fields.count("division") == 1:
        return ["lead_division" if f == "division" else f for f in fields]
    ranks = [unit_rank(h) if f == "division" and h else None for f, h in zip(fields, headers, strict=True)]
    if "duty" in ranks and "co" in ranks:
        return ["lead_division" if r == "duty" else f for f, r in zip(fields, ranks, strict=True)]
    return fields


def _heading_text(texts: list[str]) -> str:
    """Return what a heading row says: its first cell, or the cell after a bare numeral (一 | 扩大有效需求)."""
    first = _joined([texts[0]])
    number = parse_number(first) or seq_cell(first)
    if number is not None and not number.rest:
        rest = next((_joined([t]) for t in texts[1:] if t.strip()), "")
        return f"{first}、{rest}" if rest else first
    return first


def _text_values(values, fields):
    """Return the ``(column, (value, line))`` of a row's values that are in its text columns."""
    return [(c, v) for c, v in values if fields[c] in _TEXT_FIELDS]


def _latest_progress(fields: list[str | None], headers: list[str]) -> list[str | None]:
    """Keep the latest of several progress columns (1-6月进展 | 1-10月进展) as the progress.

    The earlier ones, and any that names no period (完成情况 beside 1-3月进展 | 1-6月进展),
    are kept among the task's other fields, under their headers.
    """
    ends = {i: period_end(period_of(h)) for i, (f, h) in enumerate(zip(fields, headers, strict=True))
            if f == "progress"}
    dated = {i: e for i, e in ends.items() if e is not None}
    if len(set(dated.values())) < 2:
        return fields   # one period (1-9月份完成情况 | 1-9月份取得成效): the first is the progress
    latest = max(dated.values())
    keep = min(i for i, e in dated.items() if e == latest)
    return [None if i in ends and i != keep else f for i, f in enumerate(fields)]


class _Interpreter:
    def __init__(self, cuts: tuple[int, ...]) -> None:
        self.reading = Reading()
        self.table: _Table | None = None
        self.section: str | None = ""
        self.section_source = ""
        self.stack: list[tuple[int, str]] = []  # (depth, heading) of the open sections
        self.section_units: list[tuple[str, str, int]] = []  # from a heading: (role, names, line)
        self.part = 0
        self.explicit_parts: set[int] = set()
        self.loose: list[tuple[int, int, str, str]] = []
        self.markers: list[int] = []
        self.pending_cuts = sorted(cuts)
        self.toc = _Toc()
        self.records: list[tuple[int, TaskRecord]] = []
        self.list_style: str | None = None
        self.list_order: list[str] = []
        self.bare_styles: dict[int, set[str]] = {}
        self._last_was_header = False

    # --- sections ------------------------------------------------------------------------
    def heading(self, text: str, line: int, depth: int | None = None) -> None:
        self.markers.append(line)
        number = parse_number(text)
        if depth is None:
            depth = STYLE_DEPTH.get(number.style, 0) if number else 0
        name = strip_ordinal(squeeze_spaces(text)) if HEADING.match(text) else \
            squeeze_spaces(number.rest if number else text)
        units = heading_units(text)
        if units:
            name = heading_without_units(name)[0] or name   # the section is named without them
        self.stack = [(d, h) for d, h in self.stack if d < depth] + [(depth, name)]
        self.section = name
        self.section_source = source_of_heading(squeeze_spaces(text))
        self.section_units = [(r, n, line) for r, n in units] or \
            [u for u in self.section_units if any(d < depth for d, _ in self.stack[:-1])]
        if self.table is not None:
            self.table.current = None

    def reset_sections(self) -> None:
        self.section, self.section_source, self.stack, self.section_units = "", "", [], []

    # --- the walk ------------------------------------------------------------------------
    def run(self, blocks: list[Row | Line]) -> Reading:
        self.list_style, self.list_order = list_levels(blocks)
        self.bare_styles = bare_styles(blocks)
        for block in blocks:
            while self.pending_cuts and block.line > self.pending_cuts[0]:
                self.pending_cuts.pop(0)
                self.section, self.section_source, self.stack = None, "", []
            if isinstance(block, Row) and not block.stream and block.cells:
                first = squeeze_spaces("".join(block.cells[0].lines))
                if first and not block.implied and block.number is None \
                        and not any(squeeze_spaces("".join(c.lines)) for c in block.cells[1:]) \
                        and parse_seq(first) is None and not self._continues(first):
                    block = Line(block.line, first)  # a one-cell row is a line: a title, a heading, a note
            if isinstance(block, Line):
                self.line(block)
            else:
                self.row(block)
        return self.finish()

    def _continues(self, text: str) -> bool:
        """Tell whether a one-cell row under a task, no heading, note or title, continues it."""
        table = self.table
        return (table is not None and not table.implied and table.current is not None and len(text) <= 40
                and not (HEADING.match(text) or parse_number(text) or NOTE.match(text) or CLOSING.match(text)
                         or ATTACHMENT.match(text) or parse_header(text)[0] or text.startswith(("（", "("))))

    def line(self, block: Line) -> None:
        text = squeeze_spaces(block.text)
        if block.kind == "toc":
            self.toc.add(text)
        elif SIGNED.match(text) and any(p == self.part for p, _ in self.records):
            # the date a circular is signed on closes it: its numbered paragraphs are no tasks
            # when the items after it name units and they do not
            self.reset_sections()
            self.part += 1
        elif not text or CLOSING.match(text):
            return
        elif HEADING.match(text) and not _ITEM_LIKE.match(text):
            self.heading(text, block.line)
        elif ATTACHMENT.match(text):
            self.table = None
            self.reset_sections()
            self.part += 1
            self.markers.append(block.line)

        elif seq_cell(text):  # an item number on its own (``*2``), not a note's mark
            self.loose.append((self.part, block.line, "numbered_line", text))
        elif NOTE.match(text) or text.startswith(("*", "＊", "※")):
            by_seq, default = parse_note(text)
            self.reading.sources_by_seq.update(by_seq)
            self.reading.default_source = default or self.reading.default_source
        else:
            kind = "numbered_line" if _ITEM_LIKE.match(text) else "unplaced_line"
            self.loose.append((self.part, block.line, kind, text))

    def row(self, block: Row) -> None:
        texts = [_joined(c.lines) for c in block.cells]
        if block.implied:
            self.table = _Table.of(texts, block.line, implied=True)
            return
        if self.table is None or not self.table.implied:
            if _is_header(block, texts) or (self._last_was_header and _refines_header(texts)):
                for t in texts:
                    if parse_seq(t):
                        self.reading.problem(block.line, "numbered_row", " | ".join(texts),
                                             f"item number {t} stands in a table header row; it was not "
                                             "read as a task")
                self._explain_levels()
                upper = self.table if self._last_was_header else None
                self.table = _Table.of(texts, block.line, implied=False)
                if upper is not None and not upper.implied:
                    self.table = _Table.stacked(upper, self.table)
                self._last_was_header = True
                self.explicit_parts.add(self.part)
                self.reset_sections()
                self.reading.explanation.append(f"第{block.line}行表头：{self.table.explain()}")
                return
        self._last_was_header = False
        if not any(texts):
            return
        if self.table is None:
            numbered = bool(texts and (seq_cell(texts[0]) or block.number))
            self.loose.append((self.part, block.line, "numbered_row" if numbered else "unplaced_row",
                               " | ".join(t for t in texts if t)))
            return
        if self.table.implied:
            self.list_row(block, texts)
        else:
            self.table_row(block, [_raw(c.lines) for c in block.cells])

    # --- numbered lists ------------------------------------------------------------------
    def list_row(self, block: Row, texts: list[str]) -> None:
        number = block.number
        text = _joined(block.cells[1].lines) if len(block.cells) > 1 else ""
        style = number.style if number else None
        order = self.list_order
        if number is not None and style != self.list_style:
            if self.list_style in order and style in order and order.index(style) > order.index(self.list_style):
                current = self.table.current if self.table else None
                if current is not None:  # a sub-point of the task above: its units are the task's
                    text, pairs, _ = split_unit_parenthesis(text)
                    before, inline, rest = split_inline_labels(text)
                    if inline:
                        text, pairs = before, pairs + inline
                    self._add_text(current, text, "text", sub=True)
                    for role, names in pairs:
                        current.cells.append((role, names, block.line))
                    self._responsibility(current, block)
                    current.last_line = block.last_line or block.line
                    self.reading.problem(block.line, "inferred", text[:40],
                                         f"item {number.value} of a lower level under item {current.seq} "
                                         "was read as part of it")
                    return
                self.loose.append((self.part, block.line, "numbered_line", f"{number.value} {text}"))
                return
            self.heading(text, block.line, depth=order.index(style) if style in order else 0)
            return
        if number is None:
            previous = self.records[-1][1].seq if self.records else 0
            record = self._new_record(block, previous + 1, False)
            why = "lines of its units follow it" if block.by_place else "it closes with its units"
            self.reading.problem(block.line, "inferred", text[:40],
                                 f"a task without a readable item number ({why}); "
                                 f"numbered {previous + 1}, after the item before it")
        else:
            record = self._new_record(block, number.value, number.mark)
        record.text = text
        self._responsibility(record, block)
        self._finish_record(record)

    # --- tables --------------------------------------------------------------------------
    def table_row(self, block: Row, texts: list[str]) -> None:
        table = self.table
        fields = table.fields
        self._pending: list[str] = []
        number, cells = self._number_and_cells(block, texts)
        values, number, inferred = self._align(block, cells, number)
        inferred[:0] = self._pending
        for stray in block.stray_numbers:
            self.reading.problem(stray.line, "inferred", stray.text,
                                 f"a cell holding only the number {stray.text} does not continue the "
                                 "numbering and was read as a cell of the row above; check whether a row "
                                 "is missing or out of order")
        text_values = [v for c, v in values if fields[c] in _TEXT_FIELDS]
        has_text = any(v for v, _ in text_values)
        others = [(c, v) for c, v in values if fields[c] not in _TEXT_FIELDS and v[0]]
        style = None
        if number is not None:
            style = item_style(block, number, table.seq_col)
            if style not in table.styles:
                table.styles.append(style)
        first = next((t for t in texts if t.strip()), "")
        if number is None and is_total(first):   # 合计 | 6项: the table's totals, no line of a task
            self.loose.append((self.part, block.line, "unplaced_row", " | ".join(t for t in texts if t)))
            return
        if number is None and parse_header(_joined([first]))[0] in ("note", "section", None) and \
                parse_header(_joined([first]))[1] and len(_joined([first])) <= 6:
            self.loose.append((self.part, block.line, "unplaced_row", " | ".join(t for t in texts if t)))
            return  # 说明 | …: a labelled note inside the table, not a line of any task
        pairs = _labelled_pairs(texts) if number is None and table.current is not None else None
        if pairs:  # 牵头单位： | 区财政局 | 配合单位： | 区医保局 under a task: its labels say the roles
            for role, value in pairs:
                table.current.cells.append((role, value, block.line))
            table.current.last_line = block.last_line or block.line
            return
        if number is None and _is_form_row(texts):
            self.loose.append((self.part, block.line, "unplaced_row", " | ".join(t for t in texts if t)))
            return  # 索引号： | … | 成文日期： | …: key-value pairs of something else, not a line of a task
        if number is None:
            if table.current is not None and (has_text or others):
                self._merge_sub_row(table.current, values, block, "a row without an item number")
                return
            if has_text or others:
                self.loose.append((self.part, block.line, "unplaced_row", " | ".join(t for t in texts if t)))
            return
        if not has_text:
            if not others:
                if style in self.bare_styles.get(id(block), ((), ()))[1]:
                    self.loose.append((self.part, block.line, "numbered_row", " | ".join(t for t in texts if t)))
                return  # a numbered row with nothing in it: in a table of such rows, a report template
            if style not in self.bare_styles.get(id(block), ((), ()))[1]:
                self._group_row(block, values, number)
                return
        if table.task_style is None:
            if not others and style in self.bare_styles.get(id(block), ((), ()))[0]:
                self.heading(_heading_text(texts), block.line)
                return
            table.task_style = style
        if style != table.task_style:
            earlier = table.styles.index(style) < table.styles.index(table.task_style)
            if earlier:
                if others:
                    self._group_row(block, values, number)
                else:
                    self.heading(_heading_text(texts), block.line)
                return
            if table.current is not None:
                self._merge_sub_row(table.current, values, block, f"item {number.value} of a lower level")
                return
        current = table.current
        if current is not None and number.value == current.seq and has_text and all(
                table.printed.get(c, ("",))[0] == v for c, (v, _) in _text_values(values, fields) if v):
            # 序号 and 重点任务 merged over the rows of its measures, filled into each: one task
            rest = [(c, (v, ln)) for c, (v, ln) in values if not (v and table.printed.get(c, ("",))[0] == v)]
            self._merge_sub_row(current, rest, block, "a row repeating its number and task (cells merged "
                                                      "over the task's rows)")
            return
        record = self._new_record(block, number.value, number.mark)
        for c, (value, line) in values:
            self._put(record, c, value, line)
        self._earlier_progress(record, values, block.line)
        if block.by_place:
            inferred.insert(0, "its 序号 cell is empty (a copy of a table Word numbered loses the numbers): "
                               "it is numbered by its place in the table")
        shown = texts[1] if block.by_place and len(texts) > 1 else texts[0]   # not the number it was given
        for message in inferred:
            self.reading.problem(block.line, "inferred", shown[:40], f"item {number.value}: {message}")
        self._inherit(record, values, block)
        self._finish_record(record)
        for c, (value, line) in values:
            if value:
                table.printed[c] = (value, line)

    def _number_and_cells(self, block: Row, texts: list[str]):
        """Return the row's item number and its other cells as ``(column or None, text, line)``."""
        table = self.table
        lines = [c.line for c in block.cells]
        if block.stream:
            first = _joined([texts[0]])
            number = block.number or seq_cell(first) or parse_number(first)
            cells = [(None, t, ln) for t, ln in zip(texts[1:], lines[1:], strict=True) if t]
            # a row with a line for each column has no name wrapped over two: 现场抽查 / 养老服务股
            # are two cells; a row with more lines than columns may have one (市生态 / 环境局)
            width = sum(f != "seq" for f in table.fields) - bool(number is not None and number.rest)
            if len(cells) > width:
                cells = self._rejoin(cells)
            if number is not None and number.rest:
                cells.insert(0, ("text", number.rest, lines[0]))
            return number, cells
        while texts and not texts[-1]:
            texts = texts[:-1]
        number = None
        if table.seq_col is not None and table.seq_col < len(texts):
            # 1000 is an item number after 999, never on its own (a year, an amount)
            follows = {"ar": self.records[-1][1].seq} if self.records else None
            number = seq_cell(texts[table.seq_col], follows=follows)
        blank_seq = table.seq_col is not None and table.seq_col < len(texts) and not texts[table.seq_col].strip()
        if number is not None or blank_seq:   # a row whose number cell is empty (merged above) keeps its places
            cells = [(i, t, lines[i]) for i, t in enumerate(texts) if i != table.seq_col]
        else:
            cells = [(i if i != table.seq_col else None, t, lines[i]) for i, t in enumerate(texts)]
        return number, cells

    def _join_wrapped_names(self, record: TaskRecord, value: str, line: int) -> str:
        """Join a unit's name a narrow cell wrapped over two lines (区供电 / 公司, 团 / 市委)."""
        if "\n" not in value:
            return value
        lines = value.split("\n")
        out = [lines[0]]
        for nxt in lines[1:]:
            last = re.split(r"[、，,；;\s]", out[-1])[-1]
            first = re.split(r"[、，,；;\s]", nxt.strip())[0]
            if last and first and len(last) <= 8 and not is_unit(last) and is_unit(last + first) \
                    and kind_of(last) != "person" and (len(last) == 1 or not first.startswith(ADMIN_PREFIX)):
                out[-1] += nxt.strip()
                self.reading.problem(line, "inferred", last + first,
                                     f"item {record.seq}: the name {last}{first} was printed over two lines "
                                     "and is joined")
            else:
                out.append(nxt)
        return "\n".join(out)

    def _rejoin(self, cells):
        """Join a unit name that a narrow cell wrapped over two lines: 市生态 / 环境局."""
        out = []
        for cell in cells:
            if out and _wrapped(out[-1][1], cell[1]):
                joined = out[-1][1] + cell[1]
                self._pending.append(f"the name {joined} was printed over two lines and is joined")
                out[-1] = (None, joined, out[-1][2])
            else:
                out.append(cell)
        return out

    def _align(self, block: Row, cells, number):
        """Place cells in columns; return ``[(column, (value, line))]``, the number, what was inferred."""
        table = self.table
        fields = table.fields
        columns = [i for i, f in enumerate(fields) if f != "seq"]
        inferred: list[str] = []
        if not block.stream:
            if table.seq_col is None and number is None:  # 14.改扩建…: the number opens the text cell
                for c, t, _ in cells:
                    n = parse_number(t)
                    if c is not None and n is not None and n.rest and fields[c] in _TEXT_FIELDS:
                        number = n
                        break
            kinds = [kind_of(t) for _, t, _ in cells]
            if cells and all(c is not None and c < len(fields) for c, _, _ in cells) \
                    and _consistent(kinds, cells, fields):
                placed = []
                for c, t, ln in cells:
                    if number is not None and fields[c] in _TEXT_FIELDS and number.rest and \
                            parse_number(t) == number:
                        t = number.rest
                    placed.append((c, (t, ln)))
                return placed, number, inferred
            odd = next(((t, table.headers[c]) for k, (c, t, _) in zip(kinds, cells, strict=True)
                        if t and c is not None and c < len(fields) and fit(k, fields[c]) < 0.2), None)
            cells = [(None, t, ln) for _, t, ln in cells]  # empty cells keep their places
            while cells and not cells[0][1] and table.seq_col is None:
                cells.pop(0)
            if table.seq_col is None or number is None:
                for k, (_, t, ln) in enumerate(cells):
                    n = parse_number(t)
                    if n is not None and n.rest and (number is None or n == number):
                        number = n
                        cells[k] = ("text", n.rest, ln)
                        break
            if number is not None and len(cells) == len(columns) and odd is not None:
                inferred.append(f"its cell {odd[0][:20]!r} does not hold what its column {odd[1]!r} does: "
                                "its cells were placed by what they hold")
            elif number is not None:
                inferred.append(f"the row has {len(cells)} cells for {len(columns)} columns: its cells "
                                "were placed by what they hold")
        if block.stream and len(cells) == len(columns) and not any(c == "text" for c, _, _ in cells[1:]):
            kinds = [kind_of(t) for _, t, _ in cells]
            if all(fit(k, fields[c]) >= 0.2 for k, c in zip(kinds, columns, strict=True)):
                return [(c, (t, ln)) for c, (_, t, ln) in zip(columns, cells, strict=True)], number, inferred
        return self._content_align(cells, columns, inferred, merge=block.stream), number, inferred

    def _content_align(self, cells, columns, inferred, *, merge: bool = True):
        table = self.table
        fields = table.fields
        if len(cells) > MAX_ALIGNED and table.text_col is not None:  # no real row is this long
            extra = cells[MAX_ALIGNED:]
            cells = cells[:MAX_ALIGNED]
            inferred.append(f"the row has {len(extra) + MAX_ALIGNED} cells; those after the first "
                            f"{MAX_ALIGNED} were read as text")
        else:
            extra = []
        pinned = next((k for k, (c, _, _) in enumerate(cells) if c == "text"), None)
        placed = []
        if pinned is not None and table.text_col is not None:
            before = [col for col in columns if col < table.text_col]
            after = [col for col in columns if col > table.text_col]
            for part, cols in ((cells[:pinned], before), (cells[pinned + 1:], after)):
                if not cols:  # nothing printed there but the text: it runs on
                    placed.extend((table.text_col, (t, ln)) for _, t, ln in part)
                    continue
                kinds = [kind_of(t) for _, t, _ in part]
                a = align(kinds, [fields[c] for c in cols], merge=merge, skips=_skips(fields, cols))
                placed.extend((cols[j], (t, ln)) for j, (_, t, ln) in zip(a.columns, part, strict=True))
                if a.restarts:
                    inferred.append("a second line of work in the same row was joined to it")
            placed.append((table.text_col, (cells[pinned][1], cells[pinned][2])))
        else:
            kinds = [kind_of(t) for _, t, _ in cells]
            a = align(kinds, [fields[c] for c in columns], merge=merge, skips=_skips(fields, columns))
            placed = [(columns[j], (t, ln)) for j, (_, t, ln) in zip(a.columns, cells, strict=True)]
            if a.restarts:
                inferred.append("a second line of work in the same row (without its own number) was "
                                "joined to it")
        placed = [p for p in placed if p[1][0] or not merge]
        placed.extend((table.text_col, (t, ln)) for _, t, ln in extra)
        placed.sort(key=lambda x: (x[0], x[1][1]))
        return _join_same_column(placed, fields, inferred)

    def _group_row(self, block: Row, values, number: Number) -> None:
        """Read a numbered row with units or a leader but no task text: a group over the rows below."""
        table = self.table
        label = " ".join(v for c, (v, _) in values if v)
        self.heading(f"{number.value} {label}".strip(), block.line, depth=0)
        self.section = label or str(number.value)
        self.stack = [(0, self.section)]
        for c, (value, line) in values:
            if value:
                table.printed[c] = (value, line)
        table.current = None

    def _inherit(self, record: TaskRecord, values, block: Row) -> None:
        """Fill columns this row has no cell for (a merged cell left out) from the row that printed them.

        Only a column left out inside the row counts (a cell printed empty is empty), and
        only one that holds a section, a leader, units or a deadline.
        """
        table = self.table
        present = {c for c, _ in values}
        if not present:
            return
        last = max(present)
        for c, f in enumerate(table.fields):
            if c in present or f not in _INHERITED or c > last or c not in table.printed:
                continue
            value, line = table.printed[c]
            self._put(record, c, value, block.line)
            self.reading.problem(block.line, "inferred", value[:40],
                                 f"item {record.seq}: {table.headers[c] or f} is not printed in this row "
                                 f"(a merged cell); taken from line {line}: {value}")

    def _merge_sub_row(self, record: TaskRecord, values, block: Row, what: str) -> None:
        for c, (value, line) in values:
            self._put(record, c, value, line, sub=True)
        record.last_line = block.last_line or block.line
        self.reading.problem(block.line, "inferred", " ".join(v for _, (v, _) in values)[:40],
                             f"{what} under item {record.seq} was read as part of it")

    def _put(self, record: TaskRecord, column: int, value: str, line: int, *, sub: bool = False) -> None:
        table = self.table
        f = table.fields[column]
        header = table.headers[column]
        if not value:
            return
        if f in _TEXT_FIELDS:
            self._add_text(record, _joined(value.split("\n")), f, sub=sub)
        elif f in ROLES:
            record.cells.append((f, value, line))
        elif f == "section":
            name = strip_ordinal(value) if HEADING.match(value) else value
            record.section = name
            if not record.sections:
                record.sections = name
        elif f in ("deadline", "progress") and not (getattr(record, f) and not sub):
            value = _joined(value.split("\n"))
            current = getattr(record, f)
            setattr(record, f, f"{current}；{value}" if current else value)
            if f == "progress" and not record.progress_period:
                # the period its header names, else the one the table's other headers name (一季度目标)
                record.progress_period = period_of(header) or next(
                    (p for p in map(period_of, table.headers) if p), "")
        else:
            record.extra.append((f or "", header, value))

    def _earlier_progress(self, record: TaskRecord, values, line: int) -> None:
        """Where the latest period's progress cell is empty, take the latest period's that is not."""
        table = self.table
        if record.progress or not table.earlier_progress:
            return
        ends = table.earlier_progress
        filled = [(ends[c], c, value) for c, (value, _) in values if value and ends.get(c) is not None]
        if not filled:
            return
        _, column, value = max(filled)
        header = table.headers[column]
        record.progress = _joined(value.split("\n"))
        record.progress_period = period_of(header)
        record.extra = [x for x in record.extra if not (x[1] == header and x[2] == value)]
        self.reading.problem(line, "inferred", record.progress[:40],
                             f"item {record.seq}: its cell of the latest period is empty: the progress "
                             f"of {record.progress_period} ({header}) is used")

    @staticmethod
    def _add_text(record: TaskRecord, value: str, f: str, *, sub: bool = False) -> None:
        current = getattr(record, f)
        if current and sub and not current.endswith(("。", "；", "，", "：", ";")):
            current += "；"
        setattr(record, f, current + value if current else value)

    # --- records -------------------------------------------------------------------------
    def _new_record(self, block: Row, seq: int, lead: bool) -> TaskRecord:
        record = TaskRecord(block.line, block.last_line or block.line, seq, lead, self.section,
                            self.section_source)
        record.sections = " / ".join(h for _, h in self.stack)
        return record

    def _responsibility(self, record: TaskRecord, block: Row) -> None:
        """Add the labelled lines under a list item (and a units line of its own) to its task."""
        for role, cell in block.labels:
            if role == "field":  # 完成时限：… / 工作措施：… : a field of the task, not a role
                found = field_label_of("".join(cell.lines))
                if found:
                    self._field(record, *found)
                elif (content := drop_text_label(_joined(cell.lines))) != _joined(cell.lines):
                    # 主要内容：… under a project's name: the name is its title, this its text
                    record.title = record.title or record.text
                    record.text = content
                continue
            if role == "units_line":   # a line of names only under the item: its units, unlabelled
                record.cells.append(("city_unit", cell.text.rstrip("。；;"), cell.line))
                self.reading.problem(cell.line, "inferred", cell.text[:40],
                                     f"item {record.seq}: the line under it names only units and no role: "
                                     "they are read as its responsible units")
                continue
            if role == "parenthesis":  # a line of its own: （责任单位：…） after the item's sub-points
                _, pairs, _ = split_unit_parenthesis(cell.text)
                record.cells.extend((r, names, cell.line) for r, names in pairs)
            else:
                # two labels on one line: 牵头单位：办公室　责任单位：财务科
                start, segments = label_pairs(cell.text)
                if start > 0 and cell.text[:start].strip():
                    record.cells.append((role, cell.text[:start].strip(" ，,；;"), cell.line))
                    record.cells.extend((r, value, cell.line) for r, value, _, _ in segments if value)
                else:
                    record.cells.append((role, cell.text, cell.line))

    def _units_mid_text(self, record: TaskRecord) -> None:
        """Read a unit parenthesis with text after it (…720个。（责任单位：县教育局）9月已开园招生。).

        The text after it is no part of the task: a deadline, a field, or else a note (reported).
        """
        m = next(reversed(list(_LABELLED_PAREN.finditer(record.text))), None)   # the last
        if m is None or not record.text[m.end():].strip(" ，,。；;"):
            return
        before, pairs, _ = split_unit_parenthesis(record.text[:m.end()])
        if not pairs or not before.strip():
            return
        rest = record.text[m.end():].strip(" ，,。；;")
        record.text = before
        record.cells.extend((role, names, record.line) for role, names in pairs)
        found = field_label_of(rest)
        if found:
            self._field(record, *found)
        elif _is_deadline(rest):
            record.deadline = record.deadline or rest
        else:
            record.extra.append(("note", "", rest))
            self.reading.problem(record.line, "inferred", rest[:40], f"item {record.seq}: the text after its "
                                 "units' parenthesis is no part of the task; kept as a note")

    def _units_sentence(self, record: TaskRecord) -> None:
        """Read responsibility written as a clause of the task (…，由县民政局牵头，县财政局配合，11月底前完成).

        The clause of its deadline after them is its deadline.
        """
        clauses = re.split(r"(?<=[，,；;。])", record.text)
        for i, clause in enumerate(clauses):
            if "牵头" not in clause:
                continue
            start = next((k for k in range(max(0, i - 1), i + 1)
                          if clauses[k].strip().startswith("由") or k == i), i)
            for j in range(min(len(clauses), i + 3), i, -1):
                candidate = "".join(clauses[start:j]).strip(" ，,；;。").removeprefix("由")
                pairs = responsibility_sentence(candidate)
                if pairs and any(role in LEAD_ROLES for role, _ in pairs) and "".join(clauses[:start]).strip():
                    stop = "。" if record.text.rstrip().endswith("。") else ""
                    record.text = "".join(clauses[:start]).rstrip(" ，,；;") + stop
                    record.cells.extend((role, names, record.line) for role, names in pairs)
                    rest = "".join(clauses[j:]).strip(" ，,；;。")
                    if rest and _is_deadline(rest) and not record.deadline:
                        record.deadline = rest
                    elif rest:
                        record.text = record.text.rstrip("。") + "，" + rest + stop
                    return
            return

    def _trailing_fields(self, record: TaskRecord) -> str:
        """Take the fields printed after a task's closing unit parenthesis off its text.

        ``…。（牵头单位：办公室）完成时限：12月`` and ``…（牵头单位：法规科）（完成时限：6月）``:
        the deadline is the task's, and the parenthesis before it closes the text.
        """
        text = record.text
        while True:
            m = _TRAILING_FIELD.match(text)
            found = field_label_of((m.group("field") or m.group("field2")).strip(" ，,；;。")) if m else None
            if not found:
                return text
            self._field(record, *found)
            text = m.group("text")

    @staticmethod
    def _field(record: TaskRecord, name: str, label: str, value: str) -> None:
        """Give a task the value of a labelled line of one of its fields (``完成时限：12月底前``)."""
        if name in ("deadline", "goal", "progress"):
            current = getattr(record, name)
            setattr(record, name, f"{current}；{value}" if current else value)
        else:
            record.extra.append((name, label, value))

    def _finish_record(self, record: TaskRecord) -> None:
        if not record.text:
            record.text = record.title
        record.text = drop_text_label(record.text)
        record.text = self._trailing_fields(record)
        text, pairs, unclosed = split_unit_parenthesis(record.text)
        record.text = text
        for role, names in pairs:
            record.cells.append((role, names, record.line))
        if unclosed:
            self.reading.problem(record.last_line, "unclosed_units", record.text[-30:],
                                 f"item {record.seq}: the closing unit parenthesis is not closed; the text "
                                 "may be cut off")
        before, pairs, rest = split_inline_labels(record.text)
        if pairs:
            record.text = before
            for role, names in pairs:
                record.cells.append((role, names, record.line))
            note = []
            for sentence in re.split(r"(?<=[。；;])", rest):
                found = field_label_of(sentence.strip().rstrip("。；;"))   # …。完成时限：6月底前。
                if found:
                    self._field(record, *found)
                else:
                    note.append(sentence)
            if "".join(note).strip():
                record.extra.append(("note", "", "".join(note).strip()))
        if not record.cells:
            self._units_mid_text(record)
        if not record.cells and "牵头" in record.text:
            self._units_sentence(record)
        m = _DEADLINE_PAREN.search(record.text) if record.text.endswith(("）", ")", "）。", ")。")) else None
        if m and not record.deadline and is_date(m.group(1)) and record.text[:m.start()].strip():
            record.deadline = m.group(1)
            record.text = record.text[:m.start()].rstrip()
        if not record.deadline:
            record.text, record.deadline = closing_deadline(record.text)
        if record.title:
            title, pairs, _ = split_unit_parenthesis(record.title)
            record.title = title if record.title != text or not pairs else record.text
        for role, names, line in self.section_units:
            # what the heading names, where the item names none of its own
            what, group = next(((w, g) for w, g in _HEADING_GROUPS if role in g), (role, (role,)))
            if any(r in group for r, _, _ in record.cells):
                continue
            record.cells.append((role, names, line))
            self.reading.problem(record.line, "inferred", names,
                                 f"item {record.seq}: its {what} is named by its section's heading "
                                 f"(line {line}), not by the item")
        self._finish_units(record)
        if self.table is not None:
            self.table.current = record
        self.records.append((self.part, record))

    def _finish_units(self, record: TaskRecord) -> None:
        """Keep names only among a task's responsibility values.

        A value ends at its full stop (…。以下任务均需…), and a date among the names
        (``6月底完成``) is the task's deadline.
        """
        cells = []
        for role, value, line in record.cells:
            if role == "leader" and value and ("：" in value or ":" in value):
                # 分管领导：刘振宇；完成时限：6月底前 in one parenthesis: the deadline is no leader
                parts = split_top_level(value, "；;，,")
                fielded = [(p, found) for p in parts if (found := field_label_of(p))]
                for _, found in fielded:
                    self._field(record, *found)
                value = "；".join(p for p in parts if p not in {q for q, _ in fielded})
            if role == "leader" or not value:
                cells.append((role, value, line))
                continue
            value = drop_first_leads_note(value)   # the plan's rule, applied when it is assembled
            start, segments = label_pairs(value) if "：" in value or ":" in value else (-1, [])
            if start == 0 and segments:            # a cell of labels: 牵头：农业服务中心；配合：财政所、各村
                level = _LEVEL_OF.get(role, {})
                cells += [(level.get(r, r), names, line) for r, names, _, _ in segments if names]
                continue
            if "牵头" in value:                     # a cell saying who leads: 市民政局牵头，市财政局配合
                pairs = responsibility_sentence(value)
                if pairs and len(pairs) > 1:
                    level = _LEVEL_OF.get(role, {})
                    cells += [(level.get(r, r), names, line) for r, names in pairs]
                    continue
            head, stop, tail = value.partition("。")
            if stop and tail.strip():
                record.extra.append(("note", "", tail.strip()))
                self.reading.problem(line, "inferred", tail.strip()[:40], f"item {record.seq}: the text after "
                                     "the names' full stop is not a name; kept as a note")
                value = head
            value = self._join_wrapped_names(record, value, line)
            parts = split_top_level(value, "、，,；;\n ")
            labelled = [(p, found) for p in parts if (found := field_label_of(p))]   # 县民政局，完成时限：10月底前
            for _, found in labelled:
                self._field(record, *found)
            fielded = [p for p, _ in labelled]
            dates = [p for p in parts if is_date(p)]
            if dates:
                record.deadline = record.deadline or "；".join(dates)
            if dates or fielded:
                value = "、".join(p for p in parts if p not in dates and p not in fielded)
            if value:
                cells.append((role, value, line))
        record.cells = cells

    def _explain_levels(self) -> None:
        table = self.table
        if table is not None and not table.implied and table.task_style:
            self.reading.explanation.append(
                f"第{table.line}行起的表：编号层级 {' > '.join(map(style_name, table.styles))}；"
                f"任务所在层级：{style_name(table.task_style)}")

    def finish(self) -> Reading:
        self._explain_levels()
        reading = self.reading
        plan_parts = self.explicit_parts | {p for p, r in self.records if r.cells}
        first_plan = min(plan_parts, default=0)
        for p, record in self.records:
            if p < first_plan:
                reading.problem(record.line, "circular_item", f"{record.seq}. {record.text}",
                                "a numbered paragraph of the cover circular (before the attachment "
                                "or the date that closes the circular), not read as a task")
            else:
                reading.tasks.append(record)
        _place_loose(reading, self.loose, self.markers)
        _place_sections_after_cuts(reading, self.toc)
        if self.list_style and any(t.line for _, t in self.records):
            reading.explanation.append(f"编号层级：{' > '.join(map(style_name, self.list_order))}；"
                                       f"任务所在层级：{style_name(self.list_style)}")
        return reading


def _is_deadline(text: str) -> bool:
    """Tell whether a clause is a deadline (``2024年11月底前完成``), not a report (``9月已开园招生``)."""
    return is_date(text) and len(text) <= 16 and re.search(r"(?:前|底|内|止|完成|完工|建成|全年|年|月|日)$", text) is not None


#: A bracket holding a labelled value: （责任单位：县教育局）
_LABELLED_PAREN = re.compile(r"[（(][^（）()]{0,60}[:：][^（）()]{1,120}[）)]")


# A task's text closing with a bracket, then a field: …）完成时限：12月 / …）（完成时限：6月）
_TRAILING_FIELD = re.compile(r"^(?P<text>.*[)）】\]])\s*[，,；;]?\s*(?:[（(【\[](?P<field>[^（()）【】]{2,10}[:：][^（()）【】]+)[)）】\]]"
                             r"|(?P<field2>[^（()）【】:：]{2,10}[:：][^（()）【】]+))\s*$", re.DOTALL)
_BARE_LABEL = re.compile(r"^\s*([^\s：:，,。；;（）()]{2,10})\s*[:：]\s*$")


#: A cell's level: the roles of a responsibility sentence (city_lead, city_unit) at the level of
#: the column it was printed in (a division's column keeps division roles).
_LEVEL_OF = {"lead_division": AT_DIVISION_LEVEL, "division": AT_DIVISION_LEVEL}


#: The roles a section heading may name for its items, by what they are called in a problem.
_HEADING_GROUPS = (("leader", ("leader",)), ("lead unit", LEAD_ROLES), ("co-units", CO_ROLES))


def _is_form_row(texts: list[str]) -> bool:
    """Tell whether a row is key-value pairs of other data, not a line of a task.

    Two or more of its cells are bare labels (``索引号：``, ``成文日期：``, the value in the
    next cell), none a label of a plan's fields. A task's own labelled cells (``责任单位：`` | ``市民政局``) name its fields and stay with it.

    Examples
    --------
    >>> _is_form_row(["索引号：", "1137/2022-04772", "成文日期：", "2022-10-08"])
    True
    >>> _is_form_row(["牵头单位：", "市民政局", "配合单位：", "市财政局"]), _is_form_row(["其中：", "新建10个"])
    (False, False)
    """
    labels = [m.group(1) for m in map(_BARE_LABEL.match, texts) if m]
    return len(labels) >= 2 and not any(is_label_word(label) for label in labels)


def _labelled_pairs(texts: list[str]) -> list[tuple[str, str]] | None:
    """Read a row made only of role labels and their names; ``None`` for any other row.

    Each label is a cell of its own (``牵头单位：`` | ``区财政局``) or with its names
    (``牵头单位：区财政局``).

    Examples
    --------
    >>> _labelled_pairs(["牵头单位：", "区财政局", "", "配合单位：区医保局"])
    [('city_lead', '区财政局'), ('city_unit', '区医保局')]
    >>> _labelled_pairs(["牵头单位：", "区财政局", "完成改造"]) is None
    True
    """
    cells = [t.strip() for t in texts if t.strip()]
    pairs, k = [], 0
    while k < len(cells):
        bare = _BARE_LABEL.match(cells[k])
        if bare and k + 1 < len(cells) and not _BARE_LABEL.match(cells[k + 1]) \
                and is_label_word(bare.group(1)) and label_role(bare.group(1)):
            pairs.append((label_role(bare.group(1)), cells[k + 1]))
            k += 2
            continue
        inline = label_of(cells[k])
        if inline is None or not inline[1]:
            return None
        pairs.append(inline)
        k += 1
    return pairs or None


def _refines_header(texts: list[str]) -> bool:
    """Tell whether a row of bare modifiers (牵头 | 配合) is the lower row of a two-row header."""
    words = [t for t in texts if t]
    return bool(words) and all(len(t) <= 4 and unit_rank(f"{t}单位") is not None for t in words)


def _consistent(kinds, cells, fields) -> bool:
    return all(fit(k, fields[c]) >= 0.2 or not t for k, (c, t, _) in zip(kinds, cells, strict=True))


def _skips(fields, columns) -> list[float]:
    """Return the cost of leaving each column out of a row: more for one that groups rows."""
    return [SKIP_GROUPING if fields[c] in _INHERITED else SKIP for c in columns]


def _wrapped(first: str, second: str) -> bool:
    """Tell whether two lines are one unit name wrapped in a narrow cell (市生态 / 环境局)."""
    return (len(first) <= 6 and len(first + second) <= 16 and "\n" not in first
            and kind_of(first) == "short" and not is_unit(first) and not parse_number(first)
            and is_unit(second) and not second.startswith(ADMIN_PREFIX) and kind_of(second) == "unit")


def _join_same_column(placed, fields, inferred):
    """Join cells that landed in one column: text runs on, a wrapped unit name is glued back."""
    out: list[tuple[int, tuple[str, int]]] = []
    for column, (text, line) in placed:
        if out and out[-1][0] == column:
            previous, first_line = out[-1][1]
            f = fields[column]
            if f in ROLES:
                last = previous.split("\n")[-1]
                if not is_unit(last) and not text.startswith(ADMIN_PREFIX) and kind_of(last) != "person" \
                        and len(last) <= 8:
                    joined = previous + text
                    inferred.append(f"the name {last}{text} was printed over two lines and is joined")
                else:
                    joined = previous + "\n" + text
            elif f in _TEXT_FIELDS or f is None:
                joined = previous + text
            else:
                joined = previous + "；" + text
            out[-1] = (column, (joined, first_line))
        else:
            out.append((column, (text, line)))
    return out


def max_tasks(blocks: list[Row | Line]) -> int:
    """Return an upper bound on the tasks :func:`interpret` can read from a layout's blocks.

    A task opens only at a row (a line never opens one) and a row opens at most one;
    a row that only announces an implied table (a numbered list's) opens none. A reader
    comparing layouts skips interpreting blocks whose bound cannot beat a reading in hand.

    Examples
    --------
    >>> from civstat.read.layouts import Cell
    >>> max_tasks([Line(1, "一、养老服务"), Row(2, [Cell(2, ["1"]), Cell(2, ["推进"])]), Line(3, "")])
    1
    """
    return sum(isinstance(block, Row) and not block.implied for block in blocks)


def interpret(blocks: list[Row | Line], *, cuts: tuple[int, ...] = ()) -> Reading:
    """Turn a layout's blocks into task records and problems.

    A document falls into parts at its attachment markers (``附件1``): a cover
    circular, the plan, a report template. Numbered items of a part that shows
    no responsibilities, ahead of a part that does, are the circular's
    paragraphs: they become problems of kind ``circular_item``, not tasks.

    ``cuts`` are the lines where the text was cut off: after one, the section is
    unknown until the next heading (the heading may have been in the lost part);
    a table of contents, when the document has one, may still tell it.
    """
    return _Interpreter(cuts).run(blocks)


def _place_loose(reading: Reading, loose: list[tuple[int, int, str, str]], markers: list[int]) -> None:
    """Report the lines that belong to no task.

    Inside the task region (from the first task to the heading or attachment marker
    after the last one, or the end) every such line is a problem; outside it,
    preamble, closing sections (保障措施) and annexes are expected, so only lines that
    look like numbered items are.
    """
    if not reading.tasks:
        return
    first = reading.tasks[0].line
    last = reading.tasks[-1].last_line
    end = min((m for m in markers if m > last), default=float("inf"))
    for _, line, kind, text in loose:
        inside = first < line < end
        if inside:
            reading.problem(line, kind, text, "a line inside the task table that belongs to no task; "
                                              "check the source")
        elif kind == "template_row":
            reading.problem(line, kind, text, "a filled-in row of a report template (a table with a "
                                              "完成情况 column, or none for the task), not read as a task")
        elif kind.startswith("numbered"):
            reading.problem(line, kind, text, "a numbered line outside the task table was not read as a task")


class _Toc:
    """A table of contents: which section each numbered entry sits under."""

    def __init__(self) -> None:
        self.heading = ""
        self.entries: dict[int, tuple[str, str]] = {}  # item number -> (entry text, heading)
        self.last = 0  # the last entry's number: 1000 is an entry only after 999

    def add(self, text: str) -> None:
        if HEADING.match(text) and not _ITEM_LIKE.match(text):
            self.heading = text
            return
        m = _TOC_ENTRY.match(text)
        if m and self.heading:
            value = int(m.group(1))
            if len(m.group(1)) <= LONG or value == self.last + 1:
                self.entries[value] = (m.group(2), self.heading)
                self.last = value

    def heading_of(self, record: TaskRecord) -> str | None:
        entry = self.entries.get(record.seq)
        if entry and record.text.startswith(entry[0][:6]):
            return entry[1]
        return None


def _place_sections_after_cuts(reading: Reading, toc: _Toc) -> None:
    """Give tasks read after a cut the section the table of contents puts them in."""
    runs: list[list[TaskRecord]] = []
    for k, record in enumerate(reading.tasks):
        if record.section is None:
            if runs and k and runs[-1][-1] is reading.tasks[k - 1]:
                runs[-1].append(record)
            else:
                runs.append([record])
    for run in runs:
        found = next((h for h in map(toc.heading_of, run) if h), None)
        for record in run:
            record.section = strip_ordinal(found) if found else ""
            record.section_source = source_of_heading(found) if found else ""
        if not found:
            reading.problem(run[0].line, "section", str(run[0].seq),
                            f"items {run[0].seq}–{run[-1].seq} follow a cut: their section heading "
                            "may be in the lost part, so their section is left empty")


