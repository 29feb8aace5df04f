"""From rows and lines to task records: headers, sections, item numbers, notes.

The interpreter walks the blocks a layout produced. A row whose cells are known
header words (``civstat/data/fields.csv``) starts a table and fixes what each
column means; rows below it that start with an item number are tasks; a row or
line that is a heading (``一、…``) opens a section; a note (``注：*为我局牵头任务``)
may say which report each item comes from. A table whose header has a progress
column (``完成情况``) is a report template, not tasks. Whatever else sits between
the first and the last task becomes a problem with its line number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from civstat import reference
from civstat.io.layouts import ATTACHMENT, NOTE, Line, Row, field_of, parse_seq, unit_parenthesis
from civstat.names import split_top_level
from civstat.text import HEADING, squeeze_spaces, strip_ordinal

ROLES = ("leader", "lead_division", "division", "city_lead", "city_unit")
_TEXT_FIELDS = ("text", "title", "goal")
# Lines that close a circular or a plan: a signature, a date, distribution notes.
CLOSING = re.compile(
    r"^\S{2,30}(?:局|厅|委|委员会|人民政府|政府|办公室|办)$"
    r"|^(?:19|20)\d\d\s*年\s*\d{0,2}\s*月\s*\d{0,2}\s*日$"
    r"|^[（(]?(?:此件|本件)\S{0,6}[)）]?$|^(?:抄送|印发|联系人|联系电话)\s*[:：]"
)
_ITEM_LIKE = re.compile(r"^\s*[*＊★]?\s*\d{1,3}\s*[*＊★]?\s*[.．、](?![\d.])\S")
# A heading names a source when it is a report or a list: 《…》, 实事, 全会, 会议 or a
# closing 任务 / 工作 / 目标 ("区委、区政府重点工作"); the trailing 任务 is the plan's own
# wording and is dropped from the source.
_SOURCE_HEADING = re.compile(r"《[^》]+》|实事|全会|会议|(任务|工作|目标|清单)$")
# "X民政任务", "X目标任务" -> X; "…推进会工作任务" -> …推进会 (工作 after a meeting or an
# office is generic), while "重点工作" and "特色工作" name the list and stay.
_SOURCE_SUFFIX = re.compile(r"(?:民政)?(?:目标)?任务$|(?<=[会局厅委府办])工作任务$")
_TITLE_SOURCE = re.compile(r"(?:[省市区县](?:、[省市区县])*)?(?:政府)?《[^》]+》")
_NOTE_CLAUSE = re.compile(r"第\s*([\d、，,和及至\-—～~\s]+)\s*项\s*(?:为|是|系|属于?)(.+?)(?:的|之)")
_NOTE_REST = re.compile(r"其余(?:各项|任务)?\s*(?:为|是|系|均为)(.+?)(?:的|之)")
_LABELLED = re.compile(r"^\s*([^:：]+?)\s*[:：]\s*(.*)$", re.DOTALL)
_SOURCE_SPLIT = re.compile(r"(?:和|与|及)(?=[省市区县国《])")


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
    cells: list[tuple[str, str, int]] = field(default_factory=list)  # (role, printed text, line)


@dataclass
class Reading:
    """What the interpreter made of a document."""

    tasks: list[TaskRecord] = field(default_factory=list)
    problems: list[dict] = field(default_factory=list)
    sources_by_seq: dict[int, list[str]] = field(default_factory=dict)
    default_source: str = ""

    def problem(self, line: int, kind: str, text: str, message: str) -> None:
        """Record a problem."""
        self.problems.append({"line": line, "kind": kind, "text": text, "message": message})


def split_unit_parenthesis(text: str) -> tuple[str, list[tuple[str, str]], bool]:
    """Split a task's closing ``（牵头单位：…；责任单位：…）`` off its text.

    Returns the text without it, ``(role, names)`` pairs, and whether the parenthesis
    was left unclosed (the text is cut off).

    Examples
    --------
    >>> split_unit_parenthesis("积极发展公益慈善事业。（牵头单位：市民政局；责任单位：市财政局）")
    ('积极发展公益慈善事业。', [('city_lead', '市民政局'), ('city_unit', '市财政局')], False)
    >>> split_unit_parenthesis("新建社区老年人服务中心（站）70个。")
    ('新建社区老年人服务中心（站）70个。', [], False)
    """
    start, closed = unit_parenthesis(text)
    if start < 0:
        return text, [], False
    inner = text[start + 1 :].rstrip().rstrip("。.；;，,")
    if closed:
        inner = inner[:-1]
    pairs = []
    for part in split_top_level(inner, "；;"):
        m = _LABELLED.match(part)
        entry = reference.field_words().get(m.group(1)) if m else None
        if entry and entry[1] and m.group(2).strip():
            pairs.append((entry[1], m.group(2).strip()))
    return text[:start].rstrip(), pairs, not closed


def source_of_heading(heading: str) -> str:
    """Return the source a section heading names, or "" if it is a topic, not a source.

    Examples
    --------
    >>> source_of_heading("一、市《政府工作报告》民政任务")
    '市《政府工作报告》'
    >>> source_of_heading("二、区委、区政府重点工作")
    '区委、区政府重点工作'
    >>> source_of_heading("（一）确保市场稳定运行")
    ''
    """
    text = strip_ordinal(heading)
    if not _SOURCE_HEADING.search(text):
        return ""
    return _SOURCE_SUFFIX.sub("", text) or text


def source_of_title(title: str) -> str:
    """Return the report a plan's title names (``市《政府工作报告》``), or "".

    Examples
    --------
    >>> source_of_title("2020年市《政府工作报告》民政目标任务责任分解方案")
    '市《政府工作报告》'
    """
    m = _TITLE_SOURCE.search(title)
    return m.group() if m else ""


def _split_sources(text: str) -> list[str]:
    return [s.strip() for s in _SOURCE_SPLIT.split(text) if s.strip()]


def _numbers(text: str) -> list[int]:
    out: list[int] = []
    for part in re.split(r"[、，,和及\s]+", text):
        bounds = re.split(r"[\-—～~至]", part)
        if len(bounds) == 2 and all(b.isdigit() for b in bounds):
            out.extend(range(int(bounds[0]), int(bounds[1]) + 1))
        elif part.isdigit():
            out.append(int(part))
    return out


def parse_note(text: str) -> tuple[dict[int, list[str]], str]:
    """Read which items come from which report out of a plan's note.

    Examples
    --------
    >>> parse_note("第3项为市《政府工作报告》和市政府民生实事的双重任务，第4、5项为市政府民生实事的民政任务，其余是市《政府工作报告》的民政工作任务。")
    ({3: ['市《政府工作报告》', '市政府民生实事'], 4: ['市政府民生实事'], 5: ['市政府民生实事']}, '市《政府工作报告》')
    """
    by_seq: dict[int, list[str]] = {}
    for m in _NOTE_CLAUSE.finditer(text):
        for n in _numbers(m.group(1)):
            by_seq[n] = _split_sources(m.group(2))
    rest = _NOTE_REST.search(text)
    return by_seq, (rest.group(1).strip() if rest else "")


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
    reading = Reading()
    columns: list[str | None] | None = None
    template = False
    section: str | None = ""
    section_source = ""
    part = 0
    explicit_parts: set[int] = set()  # parts with a real table header
    loose: list[tuple[int, int, str, str]] = []  # (part, line, kind, text) placed in no task
    markers: list[int] = []  # lines of attachment markers and headings: where a region may end
    pending_cuts = sorted(cuts)
    toc = _Toc()
    records: list[tuple[int, TaskRecord]] = []

    def heading(text: str, line: int) -> None:
        nonlocal section, section_source
        markers.append(line)
        section = strip_ordinal(squeeze_spaces(text))
        section_source = source_of_heading(squeeze_spaces(text))

    for block in blocks:
        while pending_cuts and block.line > pending_cuts[0]:
            pending_cuts.pop(0)
            section, section_source = None, ""
        if isinstance(block, Row):
            texts = [squeeze_spaces("".join(c.lines)) for c in block.cells]
            nonempty = [t for t in texts if t]
            if len(nonempty) == 1 and texts[0] and parse_seq(texts[0]) is None and not block.implied:
                block = Line(block.line, texts[0])  # a one-cell row is a line: a title, a heading, a note
        if isinstance(block, Line):
            text = squeeze_spaces(block.text)
            if block.kind == "toc":
                toc.add(text)
            elif not text or CLOSING.match(text):
                continue
            elif HEADING.match(text) and not _ITEM_LIKE.match(text):
                heading(text, block.line)
            elif ATTACHMENT.match(text):
                columns, template, section, section_source = None, False, "", ""
                part += 1
                markers.append(block.line)
            elif NOTE.match(text) or text.startswith(("*", "＊", "※")):
                by_seq, default = parse_note(text)
                reading.sources_by_seq.update(by_seq)
                reading.default_source = default or reading.default_source
            else:
                kind = "numbered_line" if _ITEM_LIKE.match(text) else "unplaced_line"
                loose.append((part, block.line, kind, text))
            continue

        fields = [field_of(t) if t else None for t in texts]
        known = sum(f is not None for f in fields)
        if known >= 2 and known * 2 >= len(nonempty):  # mostly header words: a header row
            for t in texts:
                if parse_seq(t):
                    reading.problem(block.line, "numbered_row", " | ".join(texts),
                                    f"item number {t} stands in a table header row; it was not read as a task")
            columns = _resolve_columns(fields)
            template = "report" in fields or not ({"text", "title"} & set(fields))
            if not block.implied:
                explicit_parts.add(part)
                section, section_source = "", ""
            continue
        if not nonempty:
            continue
        if template:
            if len(nonempty) > 1:  # a filled-in row of a report template: shown, not read as a task
                loose.append((part, block.line, "template_row", " | ".join(nonempty)))
            continue
        seq = parse_seq(texts[0]) if texts else None
        if seq is None or columns is None:
            kind = "unplaced_row" if seq is None else "numbered_row"
            loose.append((part, block.line, kind, " | ".join(nonempty)))
            continue
        records.append((part, _task(block, columns, seq, section, section_source, reading)))

    plan_parts = explicit_parts | {p for p, r in records if r.cells}
    first_plan = min(plan_parts, default=0)
    for p, record in records:
        if p < first_plan:
            reading.problem(record.line, "circular_item", f"{record.seq}. {record.text}",
                            "a numbered paragraph of the cover circular (before the attachment "
                            "holding the plan), not read as a task")
        else:
            reading.tasks.append(record)
    _place_loose(reading, loose, markers)
    _place_sections_after_cuts(reading, toc)
    return reading


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

    def add(self, text: str) -> None:
        if HEADING.match(text) and not _ITEM_LIKE.match(text):
            self.heading = text
            return
        m = re.match(r"^\s*(\d{1,3})\s*[.．、]\s*(.+)$", text)
        if m and self.heading:
            self.entries[int(m.group(1))] = (m.group(2), self.heading)

    def heading_of(self, record: TaskRecord) -> str | None:
        entry = self.entries.get(record.seq)
        if entry and record.text.startswith(entry[0][:6]):
            return entry[1]
        return None


def _place_sections_after_cuts(reading: Reading, toc: _Toc) -> None:
    """Give tasks read after a cut the section the table of contents puts them in."""
    runs: list[list[TaskRecord]] = []
    for record in reading.tasks:
        if record.section is None:
            if runs and runs[-1][-1] is reading.tasks[reading.tasks.index(record) - 1]:
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


def _resolve_columns(fields: list[str | None]) -> list[str | None]:
    """Fix column meanings: a plan with one responsibility column has it as the lead."""
    present = set(fields)
    if "division" in present and "lead_division" not in present and fields.count("division") == 1:
        return ["lead_division" if f == "division" else f for f in fields]
    return fields


def _task(row: Row, columns: list[str | None], seq: tuple[int, bool], section: str,
          section_source: str, reading: Reading) -> TaskRecord:
    record = TaskRecord(row.line, row.last_line or row.line, seq[0], seq[1], section, section_source)
    for i, cell in enumerate(row.cells[1:], start=1):
        name = columns[i] if i < len(columns) else None
        value = cell.text
        if not value.strip():
            continue
        if name in _TEXT_FIELDS:
            joined = squeeze_spaces("".join(x.strip() for x in cell.lines))
            setattr(record, name, (getattr(record, name) + joined) if getattr(record, name) else joined)
        elif name in ROLES:
            record.cells.append((name, value, cell.line))
        elif name is None and i >= len(columns):
            reading.problem(cell.line, "extra_cell", squeeze_spaces(value),
                            f"item {seq[0]} has more cells than the table header; this one was not read")
    for role, cell in row.labels:
        record.cells.append((role, cell.text, cell.line))
    if not record.text:
        record.text = record.title
    text, pairs, unclosed = split_unit_parenthesis(record.text)
    record.text = text
    for role, names in pairs:
        record.cells.append((role, names, row.line))
    if unclosed:
        reading.problem(row.last_line or row.line, "unclosed_units", record.text[-30:],
                        f"item {seq[0]}: the closing unit parenthesis is not closed; the text may be cut off")
    return record
