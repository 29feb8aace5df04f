"""Read one plan: ``read_plan`` for one document (``load_plans`` for a folder is in :mod:`~civstat.read.folder`).

Read layer, its entry point for one file: decode → format → layout → interpret → tables.

The steps, each in its own module::

    bytes --decode--> text --clean (civstat.read.clean)--> lines --layouts--> rows
          --interpret--> task records --names, sources, checks (here)--> Plans
"""

from __future__ import annotations

import os
import re
import warnings
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from civstat.errors import CivstatWarning, ReadError
from civstat.read import reference
from civstat.read.clean import (
    HEADING,
    find_cut,
    find_damage,
    is_boilerplate,
    normalize_width,
    remove_pinyin_glosses,
    remove_word_artifacts,
    squeeze_spaces,
    to_simplified,
    traditional_share,
)
from civstat.read.content import is_unit
from civstat.read.decode import decode
from civstat.read.formats import READERS
from civstat.read.headers import field_of, period_of, unit_rank
from civstat.read.interpret import Reading, interpret, max_tasks
from civstat.read.labels import (
    label_before,
    lead_mark,
    says_first_listed_leads,
    says_it_leads,
    source_of_title,
    split_mark,
)
from civstat.read.layouts import ATTACHMENT, LAYOUTS, SIGNED, Cell, Line, Row, detect
from civstat.read.names import (
    canonical,
    drop_remark,
    leader_names,
    printed_names,
    segment_all,
    split_at_levels,
    split_top_level,
)
from civstat.read.numbering import parse_number
from civstat.roles import LEAD_OF, UNIT_OF

if TYPE_CHECKING:
    from civstat.plans import Plans

SUPPORTED = (".txt", *READERS)
def _max_bytes() -> int:
    value = os.environ.get("CIVSTAT_MAX_BYTES", "20000000").strip()
    try:
        return int(float(value))
    except ValueError:
        warnings.warn(f"CIVSTAT_MAX_BYTES={value!r} is not a number of bytes (such as 20000000); "
                      "the default of 20 MB is used.", CivstatWarning, stacklevel=2)
        return 20_000_000


MAX_BYTES = _max_bytes()

_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
_TITLE_END = re.compile(r"(方案|清单|责任分解|任务分解|计划|台账|要点|安排|任务表|分解表|一览表|进度表|汇总表|责任表|进展情况|落实情况|推进情况|完成情况|执行情况|办理情况)$")
_SIGNATURE = re.compile(r"^\s*(\S{2,24}?(?:局|厅|委员会|委|人民政府|政府|办公室|办))\s*$")
_DATE_LINE = re.compile(r"^\s*(?:19|20)\d\d\s*年")
_SENTENCE_MARK = re.compile(r"[。；;，,：:！？!?]")
_ONLY_DATE = re.compile(r"^[（(]?\s*(?:19|20)\d\d\s*年(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?\s*[）)]?$")
_NAVIGATION = re.compile(r"(?:[>＞»›].*){2}|当前位置[:：]")
_CIRCULAR_TITLE = re.compile(r"《([^》]+)》的(?:通知|函)$")
_META_KEY = re.compile(r"^\s*(\S{2,6})\s*[:：]\s*$")
_COUNT_CLAIM = re.compile(r"(\d+)\s*项\s*(牵头|配合)任务")


@dataclass
class Prepared:
    """A document's cleaned lines and what cleaning noticed on the way."""

    lines: list[str]
    metadata: dict[str, str] = field(default_factory=dict)
    cuts: list[tuple[int, str]] = field(default_factory=list)
    damaged: list[tuple[int, str, list[str]]] = field(default_factory=list)
    traditional: bool = False
    pages: list[int] = field(default_factory=list)  # the page of each line (a PDF's), else empty

    @property
    def cut_lines(self) -> tuple[int, ...]:
        """The line numbers where the text was cut off."""
        return tuple(no for no, _ in self.cuts)


def clean(text: str, *, traditional: bool) -> str:
    """Apply the cleaning chain: Word artefacts, pinyin glosses, OpenCC, widths."""
    text = remove_pinyin_glosses(remove_word_artifacts(text))
    if traditional:
        text = to_simplified(text)
    return normalize_width(text)


def _is_traditional(text: str) -> bool:
    return traditional_share(remove_pinyin_glosses(text)) > 0.05


def prepare(text: str) -> Prepared:
    """Clean a text document line by line, keeping line numbers.

    Word artefacts and pinyin glosses go first, then traditional characters are
    converted (when the document is written in them), then widths are normalised.
    Web metadata is kept aside, paywall notices are cut out and recorded, and
    boilerplate lines are blanked.
    """
    traditional = _is_traditional(text)
    prepared = Prepared(clean(text, traditional=traditional).split("\n"), traditional=traditional)
    for no, line in enumerate(prepared.lines, 1):
        prepared.lines[no - 1] = _notice(no, line, prepared)
    return prepared


def prepare_blocks(raw: list[str | list[str]]) -> tuple[Prepared, list[Row | Line]]:
    """Clean the paragraphs and table rows of a Word, Excel, web or CSV document.

    Returns the prepared lines (a paragraph, or a row's cells joined by ``|``, per
    block) and the blocks for :func:`~civstat.read.interpret.interpret`.
    """
    traditional = _is_traditional("\n".join(x if isinstance(x, str) else "\n".join(x) for x in raw))
    prepared = Prepared([], traditional=traditional)
    blocks: list[Row | Line] = []
    for no, item in enumerate(raw, 1):
        if isinstance(item, str):
            text = _notice(no, clean(item, traditional=traditional), prepared)
            blocks.append(Line(no, text))
        else:
            cells = [_notice(no, clean(c, traditional=traditional), prepared, whole=False) for c in item]
            text = " | ".join(c.replace("\n", " ") for c in cells)
            blocks.append(Row(no, [Cell(no, c.split("\n")) for c in cells], last_line=no))
        prepared.lines.append(text)
    return prepared, blocks


def _notice(no: int, line: str, prepared: Prepared, *, whole: bool = True) -> str:
    """Record what a line holds besides plan text (cuts, boilerplate, damage); return the rest."""
    cut = find_cut(line)
    if cut is not None:
        prepared.cuts.append((no, squeeze_spaces(line[cut[0]:])))
        line = line[: cut[0]]
    if whole and is_boilerplate(line):
        _read_metadata(line, prepared.metadata)
        line = ""
    spots = find_damage(line)
    if spots:
        prepared.damaged.append((no, squeeze_spaces(line), spots))
    return line


def _read_metadata(line: str, into: dict[str, str]) -> None:
    """Collect ``key: | value |`` pairs of a web page's metadata block."""
    cells = [c.strip() for c in line.split("|")]
    for key, value in zip(cells, [*cells[1:], ""], strict=False):
        m = _META_KEY.match(key)
        if m and value and not _META_KEY.match(value):
            into.setdefault(m.group(1), value)


def _title(lines: list[str], before: int, metadata: dict[str, str]) -> str:
    """Find the plan's title: the closest title-like line(s) above the first task.

    Where no line ends as titles usually do (…目标任务分解), the closest short line above
    the first task that names a year and is no sentence or bare date.
    """
    fallback = ""
    for i in range(min(before, len(lines)) - 1, -1, -1):
        # a table row's first cell that holds anything: | 2025年度…任务分解 | opens with an empty one
        text = squeeze_spaces(next((c for c in lines[i].split("|") if c.strip()), ""))
        if _NAVIGATION.search(lines[i]) or (len(text) <= 12 and field_of(text)):
            continue   # a site's breadcrumb (首页 > 信息公开 > 规划计划), a column's header (推进情况)
        circular = _CIRCULAR_TITLE.search(text)   # 关于印发《2024年…方案》的通知
        if circular and _TITLE_END.search(circular.group(1)) and len(text) <= 80:
            return text
        if not _TITLE_END.search(text) or len(text) > 80:
            if (not fallback and _YEAR.search(text) and len(text) <= 60 and not _SENTENCE_MARK.search(text)
                    and not _ONLY_DATE.match(text) and not HEADING.match(text)
                    and not re.match(r"^[（(].*[)）]$", text)):   # 一、2021年…目标 is a section, （截至…） a subtitle
                fallback = text
            continue
        parts = [text]
        j = i - 1
        # a title broken over lines (…2023年重点工作 / 任务分解和责任分工方案), perhaps with a
        # blank line between its halves where each was printed as a paragraph of its own
        while not _YEAR.search(parts[0]) and j >= 0 and i - j <= 4 and len(parts) < 3:
            before = squeeze_spaces(lines[j])
            j -= 1
            if not before:
                continue
            if len(before) > 40 or _SENTENCE_MARK.search(before) or ATTACHMENT.match(before) \
                    or _ONLY_DATE.match(before) or field_of(before):   # no sentence, date or column header
                break
            parts.insert(0, before)
        above = next((squeeze_spaces(x) for x in reversed(lines[max(0, j - 1):j + 1]) if x.strip()), "") \
            if j >= 0 else ""
        if len(parts) == 1 and 4 <= len(above) <= 20 and is_unit(above) and not is_unit(parts[0][:len(above)]):
            parts.insert(0, above)   # 某县民政局 / 2024年重点工作推进情况: the office on a line of its own
        return "".join(parts)
    return fallback or metadata.get("名称", "")


def _dated_year(lines: list[str], before: int) -> tuple[int, int] | None:
    """Return the year of the date line closest above the first task, and its line number.

    A circular is dated on a line of its own (``2019 年 4 月 16 日``) under its signature.
    A plan dated in November or December is often next year's, so such a date gives none.

    >>> _dated_year(["某区人民政府", "2019 年 4 月 16 日", "任务分解方案", "1.加强养老服务。"], 4)
    (2019, 2)
    >>> _dated_year(["2023年12月28日", "1.加强养老服务。"], 1) is None
    True
    """
    for i in range(min(before, len(lines)) - 1, -1, -1):
        found = SIGNED.match(lines[i].strip())
        if found:
            return (int(found[1]), i + 1) if int(found[2]) <= 10 else None
    return None


def _issuer(lines: list[str], before: int, metadata: dict[str, str]) -> str:
    """Find who issued the plan: web metadata, or a signature line above a date."""
    if metadata.get("发布机构"):
        return metadata["发布机构"]
    return _signer(lines, range(min(before, len(lines)) - 1),
                   lambda line: (m := _SIGNATURE.match(line)) and m.group(1))


def _signed_below(lines: list[str], after: int) -> str:
    """Find a signature above a date below the plan (a plan signed at its end), or "".

    Any office signs there (某县人民政府督查室), not only a government or a bureau.
    """
    def office(line: str) -> str | None:
        name = squeeze_spaces(line).strip()
        return name if 4 <= len(name) <= 24 and " " not in name and is_unit(name) else None

    return _signer(lines, range(max(after, 0), len(lines) - 1), office)


def _signer(lines: list[str], indices: range, name_of) -> str:
    """Return the first name ``name_of`` finds on one of ``indices`` with a date right under it."""
    for i in indices:
        name = name_of(lines[i])
        if name and any(_DATE_LINE.match(x) for x in lines[i + 1 : i + 3]):
            return re.sub(r"办公室$", "", name)
    return ""


def _issuer_of_title(title: str) -> str:
    """Return the office a title opens with, after its year (``2024年江北区民政局重点工作…``), or "".

    >>> _issuer_of_title("2024年青峰市民政局重点工作任务分解方案"), _issuer_of_title("某区民政局2024年度重点工作")
    ('青峰市民政局', '某区民政局')
    >>> _issuer_of_title("关于印发2024年重点工作的通知"), _issuer_of_title("县《政府工作报告》重点工作责任分解")
    ('', '')
    >>> _issuer_of_title("【重点工作】某市人民政府关于2020年重点工作及责任分解的通知"), _issuer_of_title("2024年上半年市政府重点工作")
    ('某市人民政府', '')
    """
    text = re.sub(r"^(?:【[^】]*】)?(?:(?:19|20)\d\d\s*年度?)?", "", squeeze_spaces(title).replace(" ", ""))
    text = re.sub(r"^(?:[上下]半年|第?[一二三四1-4]季度|\d{1,2}\s*[-—~～至到]\s*\d{1,2}\s*月份?)", "", text)
    if "关于" in text:   # 某市人民政府关于印发…的通知: the office before 关于, or none
        head = text.split("关于", 1)[0]
        return head if 4 <= len(head) <= 30 and is_unit(head) and not _NO_ISSUER.search(head) else ""
    for k in range(min(len(text), 30), 3, -1):
        head = text[:k]
        if is_unit(head) and not _YEAR.search(head) and not _NO_ISSUER.search(head) and not field_of(head):
            return head
    return ""


def _title_period(title: str) -> str:
    """Return the part of a year a report's title names (``第三季度``, ``1-9月``), or "".

    >>> _title_period("2024年某市民政局第三季度重点工作进展情况"), _title_period("2024年重点工作")
    ('第三季度', '')
    """
    rest = squeeze_spaces(title).replace(" ", "")
    while period := period_of(rest):
        if re.search("月|季度|半年", period):
            return period
        rest = rest.split(period, 1)[1]
    return ""


_NO_ISSUER = re.compile(r"[《》“”\"（()）、，,|【】\[\]:：]")


def _check_size(path: Path) -> None:
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ReadError(path, f"the file is {size / 1e6:.1f} MB, above the {MAX_BYTES / 1e6:.0f} MB "
                              "limit for a plan. Set CIVSTAT_MAX_BYTES to read larger files.")


def read_plan(path, *, issuer: str | None = None, year: int | None = None,
              title: str | None = None, doc_id: str | None = None) -> Plans:
    """Read one plan document into :class:`~civstat.Plans`.

    Parameters
    ----------
    path : str or PathLike
        The document: ``.docx`` (Word), ``.xlsx`` (Excel), ``.html``/``.htm`` (a saved
        web page), ``.csv``, ``.txt`` (text in UTF-8, UTF-16, GB18030 or Big5), ``.pdf``
        with a text layer, or ``.doc``, ``.wps``, ``.xls``, ``.et`` (converted with
        LibreOffice, which must then be installed).
    issuer, year, title : optional
        Used where the document does not state them itself.
    doc_id : str, optional
        Identifier of the document; defaults to the file name without extension.

    Returns
    -------
    Plans

    Raises
    ------
    FileNotFoundError
        If there is no such file.
    ReadError
        If the file cannot be decoded, is empty, is of an unsupported format or holds
        no recognisable task table.

    Examples
    --------
    >>> from civstat import paths
    >>> plans = read_plan(paths.bundled_raw_dir() / "wuhan-2023-breakdown.txt")
    >>> len(plans.tasks), plans.documents.loc[0, "issuer"]
    (21, '武汉市民政局')
    """
    from civstat.plans import Plans  # here: reading a file's records needs no pandas

    return Plans.from_records(_read_records(path, issuer=issuer, year=year, title=title,
                                            doc_id=doc_id or Path(path).stem))


def _read_records(path, *, issuer, year, title, doc_id) -> dict[str, list[dict]]:
    """Read one document into records of the tables (see :func:`read_plan`)."""
    path = Path(path)
    prepared, layout, reading = _reading(path)
    if not reading.tasks:
        raise ReadError(path, "no task table found: expected a table with a 序号 column and a task "
                              "column (工作事项, 重点工作事项 …), or numbered items such as '1.…'. "
                              "Run `civstat check` on it to see what looked closest.")
    return _assemble(path, prepared, layout, reading, issuer=issuer, year=year, title=title, doc_id=doc_id)


def _reading(path: Path) -> tuple[Prepared, str, Reading]:
    """Decode, clean and interpret a document: its lines, the layout chosen and the reading."""
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file. Check the path, or pass a folder to load_plans().")
    if path.is_dir():
        raise ReadError(path, "this is a folder; use civstat.load_plans(folder) to read every plan in it.")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise ReadError(path, f"unsupported format {path.suffix or '(no extension)'!r}. civstat reads "
                              f"{', '.join(SUPPORTED)} files: save the plan from Word or WPS as .docx, "
                              "from Excel as .xlsx, or as UTF-8 text (.txt); an image needs text "
                              "recognition first.")
    _check_size(path)
    reading = None
    if suffix == ".txt":
        prepared = prepare(decode(path.read_bytes(), path)[0])
    else:
        reader, layout = READERS[suffix]
        try:
            raw = reader(path, MAX_BYTES)
        except (ReadError, FileNotFoundError):
            raise
        except Exception as exc:  # whatever a library raises on a broken file: one error family
            raise ReadError(path, f"the file could not be read ({type(exc).__name__}: {str(exc)[:120]}). "
                                  "Open it in the program that made it and save it again.") from None
        prepared, blocks = prepare_blocks(raw)
        prepared.pages = list(getattr(raw, "pages", []))
        reading = interpret(blocks, cuts=prepared.cut_lines)
    if reading is None or not reading.tasks:  # text, or paragraphs with no task table in them
        layout, reading = _best_reading(prepared.lines, prepared.cut_lines)
    return prepared, layout, reading


def explain(path) -> list[str]:
    """Say how a document is read: layout, columns and why, numbering levels.

    For a document with no task table, list the lines that came closest (that looked
    like a header or like items) instead.

    Examples
    --------
    >>> from civstat import paths
    >>> explain(paths.bundled_raw_dir() / "xuanzhou-2023-key-tasks.txt")[0]
    '版式：pipe_table，读出 32 项任务'
    """
    path = Path(path)
    prepared, layout, reading = _reading(path)
    out = [f"版式：{layout}，读出 {len(reading.tasks)} 项任务"] + reading.explanation
    if reading.tasks:
        return out
    out.append("没有找到任务表。要找的是：含“序号”和任务列（如 工作事项、重点工作、民生实事）的表头，"
               "或带编号的条目（如 1. 、（一）），条目后附责任单位。最接近的几行：")
    seen = 0
    for no, line in enumerate(prepared.lines, 1):
        text = squeeze_spaces(line)
        cells = [c for c in re.split(r"[|\t]", text) if c.strip()] or [text]
        fields = [f for f in (field_of(c) for c in cells) if f]
        number = parse_number(text)
        if fields or (number and number.rest):
            what = f"像表头（{'、'.join(fields)}）" if fields else f"像条目（编号 {number.value}）"
            out.append(f"  第{no}行 {what}：{text[:60]}")
            seen += 1
            if seen >= 8:
                break
    if not seen:
        out.append("  （没有一行像表头或条目：这可能不是任务分解表，或文字已损坏）")
    return out


def layout_order(lines: list[str]) -> list[str]:
    """Return the layouts a document is read with, the one its markers suggest first (ties go to it).

    The tab and pipe layouts are left out where no line has a tab or two pipes.
    """
    first = detect(lines)
    tabs = any("\t" in x for x in lines)
    pipes = any(x.count("|") >= 2 for x in lines)
    return [first] + [name for name in LAYOUTS if name != first and not (
        (name == "word_table" and not tabs) or (name == "pipe_table" and not pipes))]


def _best_reading(lines: list[str], cuts: tuple[int, ...]) -> tuple[str, Reading]:
    """Read with every layout and keep the reading that explains the document best.

    A reading scores by the tasks it found that carry responsibility, then by the
    tasks it found; ties go to the layout the document's markers suggest
    (:func:`~civstat.read.layouts.detect`).
    """
    order = layout_order(lines)
    # Every layout's blocks are cheap; interpreting them is not. A layout can give no more tasks
    # than it has rows (max_tasks), so its score is at most (rows, rows, -rank): layouts are
    # interpreted from the most rows down, and one whose bound cannot beat the reading in hand is
    # skipped. The winner is the one the full comparison picks, ties to the better rank included.
    candidates = []
    for rank, name in enumerate(order):
        blocks = LAYOUTS[name](lines)
        candidates.append((max_tasks(blocks), rank, name, blocks))
    candidates.sort(key=lambda c: (-c[0], c[1]))
    best, best_score = None, None
    for bound, rank, name, blocks in candidates:
        if best_score is not None and (bound, bound, -rank) < best_score:
            continue
        reading = interpret(blocks, cuts=cuts)
        score = (sum(bool(r.cells) for r in reading.tasks), len(reading.tasks), -rank)
        if best_score is None or score > best_score:
            best, best_score = (name, reading), score
    return best


def _assemble(path: Path, prepared: Prepared, layout: str, reading: Reading, *, issuer, year,
              title, doc_id) -> Plans:
    lines = prepared.lines
    problems = [dict(p, doc_id=doc_id) for p in reading.problems]

    def problem(line: int, kind: str, text: str, message: str) -> None:
        problems.append({"doc_id": doc_id, "line": line, "kind": kind, "text": text, "message": message})

    first_task = reading.tasks[0].line
    last_task = max(r.last_line for r in reading.tasks)
    doc_title = _title(lines, first_task, prepared.metadata)
    doc_issuer = _issuer(lines, first_task, prepared.metadata) or _signed_below(lines, last_task)
    year_match = _YEAR.search(doc_title) or _YEAR.search(prepared.metadata.get("名称", ""))
    doc_year = int(year_match.group(1)) if year_match else None
    for what, stated, given in (("issuer", doc_issuer, issuer), ("year", doc_year, year)):
        if stated and given and str(stated) != str(given):
            problem(0, "metadata", str(stated), f"the document states {what} {stated}; "
                                                  f"{given} was given and is not used")
    if not (issuer or doc_issuer) and (named := _issuer_of_title(doc_title)):
        doc_issuer = named   # 2024年某市民政局重点工作…: the office the title opens with
        problem(0, "inferred", named, f"the document is signed by no one: the issuer {named} is read from "
                                      "its title; pass issuer= or add it to manifest.csv if it is another")
    issuer = issuer or doc_issuer or ""  # the user's word wins over what the reader infers
    dated = _dated_year(lines, first_task) if not (year or doc_year) else None
    if dated is not None:   # no year in the title: the year the plan is dated
        doc_year, no = dated
        problem(no, "inferred", squeeze_spaces(lines[no - 1]),
                f"the title states no year: the year the document is dated, {doc_year}, is used; "
                "pass year= or add it to manifest.csv if the plan is for another year")
    year = year or doc_year
    title = title or doc_title or ""
    if year is None:
        problem(0, "metadata", "", "the document states no year; pass year= or add it to manifest.csv")
    # a report whose columns name no period (进展情况) reports on the one its title names
    title_period = _title_period(title)
    if title_period and any(r.progress and not r.progress_period for r in reading.tasks):
        problem(0, "inferred", title_period, f"no column names the period of the progress: the title's, "
                                             f"{title_period}, is used")
    else:
        title_period = ""

    # names: split cells, learning the names this document prints separately first
    printed = [[printed_names(text) for _, text, _ in record.cells] for record in reading.tasks]
    known = set(reference.known_names(issuer))
    for cells in printed:
        for names in cells:
            known.update(names)
    title_source = source_of_title(title)
    # what the plan says of its own lists of units: 列第一位者为牵头单位, 注：带*的为牵头单位
    first_leads, marked = None, ""
    for no, line in enumerate(lines, 1):
        if "牵头" in line:
            if first_leads is None and says_first_listed_leads(line):
                first_leads = no
            marked = marked or lead_mark(line)
    # a note under the table (注：…排在第一位的为牵头单位) holds for every task above it
    applies_from = 0 if first_leads is not None and first_leads > last_task else first_leads
    _duty_leads(reading.tasks, lines, problem)
    tasks, assignments, extra = [], [], []
    for n, record in enumerate(reading.tasks, 1):
        task_id = f"{doc_id}-{n:03d}"
        sources = (reading.sources_by_seq.get(record.seq)
                   or [s for s in [record.section_source or reading.default_source or title_source] if s])
        tasks.append({
            "task_id": task_id, "doc_id": doc_id, "issuer": issuer, "year": year,
            "section": record.section, "seq": record.seq, "lead": record.lead,
            "title": record.title, "text": record.text, "goal": record.goal,
            "source": "、".join(dict.fromkeys(sources)), "line": record.line,
            "sections": record.sections or (record.section or ""), "deadline": record.deadline,
            "progress": record.progress, "progress_period": record.progress_period or title_period,
            "page": prepared.pages[record.line - 1] if 0 < record.line <= len(prepared.pages) else None,
        })
        for f, header, value in record.extra:
            extra.append({"task_id": task_id, "doc_id": doc_id, "field": f, "header": header,
                          "value": squeeze_spaces(value)})
        seen, start, cell_of, said = set(), len(assignments), [], []
        for k, ((role, _, _), names) in enumerate(zip(record.cells, printed[n - 1], strict=True)):
            found = segment_all(names, known)
            if role != "leader":   # 县医保局县人社局: two offices with no separator between them
                pieces = [(name, split_at_levels(name)) for name in found]
                for name, parts in pieces:
                    if len(parts) > 1:
                        problem(record.cells[k][2], "inferred", name,
                                f"item {record.seq}: {name} names offices printed with no separator "
                                f"between them; read as {'、'.join(parts)}")
                found = [part for _, parts in pieces for part in parts]
            # a leader's cell: the people, without the titles printed beside them
            people = ([(role, person, raw) for person, raw in leader_names(found)] if role == "leader"
                      else [item for raw in found for item in _together(role, raw)])
            for role_here, person, raw in people:
                if (role_here, raw) in seen:
                    continue
                if person is None and len(raw) < 2:   # no office is named in one character: 责任单位：区
                    problem(record.cells[k][2], "unplaced_name", raw,
                            f"item {record.seq}: {raw!r} among its units names no unit; the text may be cut off")
                    continue
                seen.add((role_here, raw))
                cell_of.append(k)
                if person is None:
                    name, leads, mark = _printed_unit(raw, issuer)
                    # a unit the cell itself says leads: 市民政局（牵头）, or marked as the plan explains
                    said.append(leads or bool(mark and mark == marked))
                else:
                    name = canonical(person, issuer)
                    said.append(False)
                assignments.append({"task_id": task_id, "doc_id": doc_id, "issuer": issuer, "year": year,
                                    "role": role_here, "name": name, "name_raw": raw})
        if any(said):
            _said_leads(assignments[start:], cell_of, said)
        if first_leads is not None and record.last_line >= applies_from:
            _first_listed_leads(record, assignments[start:], cell_of, first_leads, problem)

    _check_numbering(reading, problem)
    _check_claims(lines, first_task, reading, problem)
    _check_run_together(lines, problem)
    for no, text, spots in prepared.damaged:
        problem(no, "damaged", text, f"damaged characters ({' '.join(spots)}): the text was read as printed")
    for no, notice in prepared.cuts:
        before = [r.seq for r in reading.tasks if r.line <= no]
        after = [r.seq for r in reading.tasks if r.line > no]
        where = (f"after item {before[-1]}" if before else "before the first item") + (
            f", before item {after[0]}" if after else ", at the end of the document")
        problem(no, "cut", notice, f"the text is cut off here ({where}); what it omitted is missing")
    problems.sort(key=lambda p: (p["line"], p["kind"]))

    document = {"doc_id": doc_id, "issuer": issuer, "year": year, "title": title, "layout": layout,
                "path": str(path), "n_tasks": len(tasks), "complete": not prepared.cuts}
    return {"documents": [document], "tasks": tasks, "assignments": assignments, "problems": problems,
            "fields": extra}


# a unit named with those it works with: 市民政局（会同市财政局、市人社局）
_TOGETHER = re.compile(r"^(?P<name>[^（()）]+?)\s*[（(]\s*(?:会同|联合|协同|配合|协助)(?P<others>[^（()）]+)[）)]$")


# … and without brackets: 县住建局会同县城管局
_TOGETHER_BARE = re.compile(r"^(?P<name>[^（()）]{2,30}?)(?:会同|联合)(?P<others>[^（()）]{2,})$")


def _together(role: str, raw: str) -> list[tuple[str, None, str]]:
    """Return ``(role, None, name)`` for a printed unit, and for the units it is said to work with.

    ``市民政局（会同市财政局）`` (or ``市民政局会同市财政局``) as a lead is the lead 市民政局 and
    the co-unit 市财政局.
    """
    m = _TOGETHER.match(raw) if "（" in raw or "(" in raw else _TOGETHER_BARE.match(raw) if "同" in raw or "合" in raw \
        else None
    if m and is_unit(m.group("name")):
        others = split_top_level(m.group("others"), "、，,和及与")
        if others and all(is_unit(o.removesuffix("等")) for o in others):
            co = UNIT_OF.get(role, role)
            return [(role, None, m.group("name"))] + [(co, None, o) for o in others]
    return [(role, None, raw)]


@lru_cache(maxsize=8192)
def _printed_unit(raw: str, issuer: str) -> tuple[str, bool, str]:
    """Return a unit's name as printed read: its canonical name, whether it says it leads, its mark."""
    bare, mark = split_mark(raw)
    return canonical(drop_remark(bare), issuer), says_it_leads(bare), mark




def _duty_leads(records, lines: list[str], problem) -> None:
    """Make the units a plan labels 责任单位 its leads, where it names no lead and 配合单位 beside them.

    A plan that labels units only as responsible (责任单位, 责任处室) and as helping
    (配合单位, 协办单位) ranks them: the responsible ones lead. The labels are read where
    they are printed, before each cell's value (a table's columns are ranked by their
    headers when the table is read). Reported once for the plan, at the first such label.
    """
    if any(role in UNIT_OF for record in records for role, _, _ in record.cells):
        return   # the plan names leads: 责任单位 are co-units beside them
    ranked = []
    for record in records:
        for k, (role, value, line) in enumerate(record.cells):
            if role in LEAD_OF and 0 < line <= len(lines):
                label = label_before(lines[line - 1], value)
                ranked.append((record, k, unit_rank(label) if label else None, label, line))
    ranks = {rank for _, _, rank, _, _ in ranked}
    if not {"duty", "co"} <= ranks:
        return
    duty = [(record, k, label, line) for record, k, rank, label, line in ranked if rank == "duty"]
    for record, k, _, _ in duty:
        role, value, line = record.cells[k]
        record.cells[k] = (LEAD_OF[role], value, line)
    _, _, label, line = duty[0]
    helping = next(lb for _, _, rank, lb, _ in ranked if rank == "co")
    problem(line, "inferred", label,
            f"the plan names no lead units and labels units {label} and {helping}: the {label} of "
            f"{len({id(r) for r, _, _, _ in duty})} tasks are read as their leads")


def _said_leads(rows: list[dict], cell_of: list[int], said: list[bool]) -> None:
    """Give the lead role to the units a cell marks as leading; the others of that cell are co-units.

    ``said`` flags the rows whose name says it leads (``市民政局（牵头）``, or a mark the plan
    explains: ``市民政局*`` with ``注：带*的为牵头单位``); a cell read as leads (a plan's one
    column of units) then keeps only those as leads.
    """
    cells = {cell_of[k] for k, flag in enumerate(said) if flag}
    for k, row in enumerate(rows):
        if said[k]:
            row["role"] = LEAD_OF.get(row["role"], row["role"])
        elif cell_of[k] in cells:
            row["role"] = UNIT_OF.get(row["role"], row["role"])


def _first_listed_leads(record, rows: list[dict], cell_of: list[int], stated_at: int, problem) -> None:
    """Make a task's first-listed unit its lead, as the plan says at line ``stated_at``.

    The rule holds from where the plan states it on (a preamble, a column's header, or a
    note among the first task's units: 列第一位者为牵头单位，下同). A task that names
    no lead gets its first unit as the lead; a task whose only responsibility cell was
    read as its leads (a plan's one column of units) keeps the first as the lead and the
    others as co-units. ``cell_of`` gives the cell each row comes from. Each change is
    reported, naming the unit.
    """
    lead_rows = [k for k, r in enumerate(rows) if r["role"] in UNIT_OF]    # keys: the lead roles
    unit_rows = [k for k, r in enumerate(rows) if r["role"] in LEAD_OF]    # keys: the co-unit roles
    if not lead_rows and unit_rows:
        first = rows[unit_rows[0]]
        first["role"] = LEAD_OF[first["role"]]
    elif len(lead_rows) > 1 and not unit_rows and len({cell_of[k] for k in lead_rows}) == 1:
        first = rows[lead_rows[0]]
        for k in lead_rows[1:]:
            rows[k]["role"] = UNIT_OF[rows[k]["role"]]
    else:
        return
    others = " and the units after it as co-units" if len(lead_rows) + len(unit_rows) > 1 else ""
    problem(record.line, "inferred", first["name_raw"],
            f"item {record.seq}: {first['name_raw']} is read as the lead unit{others}: it is listed "
            f"first, and line {stated_at} says the unit listed first leads")


def _check_numbering(reading: Reading, problem) -> None:
    """Report gaps and repeats in item numbers.

    Within a section every number follows the one before; across a section
    boundary numbering may restart at 1 or run on, and a jump is a gap either way.
    """
    before = None
    for record in reading.tasks:
        last = before.seq if before is not None else None
        same_section = before is not None and before.section == record.section
        if last is not None and same_section and record.seq == last:
            problem(record.line, "numbering", str(record.seq), f"item {record.seq} is numbered twice")
        elif last is not None and record.seq > last + 1 and (same_section or record.seq != 1):
            missing = f"{last + 1}" if record.seq == last + 2 else f"{last + 1}–{record.seq - 1}"
            problem(record.line, "numbering", str(record.seq),
                    f"numbering jumps from {last} to {record.seq}: item {missing} is not in the document")
        before = record


@lru_cache(maxsize=1)
def _header_words() -> re.Pattern:
    words = sorted(reference.field_words(), key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words))


def run_together_header(line: str) -> str:
    """Return a table header whose cells ran together (``牵头单位配合单位完成时限``), or ``""``.

    A text extracted from a table without its cell boundaries prints the header's cells
    back to back: three or more header words of ``civstat/data/fields.csv``, for at least
    two different columns, with nothing between them. Prose puts words between them.

    >>> run_together_header("1、分解表序号项目名称主要内容区政府分管领导牵头单位配合单位1增加教育资源供给")
    '分管领导牵头单位配合单位'
    >>> run_together_header("序号 | 工作任务 | 牵头单位 | 配合单位"), run_together_header("牵头单位要加强协调")
    ('', '')
    >>> run_together_header("请于年底前报送工作目标完成情况经分管局领导审定")
    ''
    """
    if len(line) < 8:
        return ""
    columns = reference.field_words()
    best, run = "", []
    for m in _header_words().finditer(line):
        if run and m.start() != run[-1].end():
            run = []
        run.append(m)
        if len(run) >= 3 and len({columns[r.group()][0] for r in run}) >= 2:
            found = line[run[0].start():m.end()]
            best = found if len(found) > len(best) else best
    return best


def _check_run_together(lines: list[str], problem) -> None:
    """Report the lines holding a table header whose cells ran together: its rows cannot be told apart."""
    for no, line in enumerate(lines, 1):
        if "牵头" not in line and "责任" not in line and "序号" not in line:
            continue
        header = run_together_header(line)
        if header:
            problem(no, "run_together", header[:40],
                    "a table header whose cells ran together (no separator between them): the rows "
                    "after it cannot be split into their cells, so tasks here may be merged or cut; "
                    "read the original file (.docx, .xlsx) or a copy that keeps the table")


def _check_claims(lines: list[str], before: int, reading: Reading, problem) -> None:
    """Compare counts a cover circular states (``10项牵头任务``) with what was read."""
    counts = Counter(r.lead for r in reading.tasks)
    for no, line in enumerate(lines[: before - 1], 1):
        for m in _COUNT_CLAIM.finditer(line):
            claimed, lead = int(m.group(1)), m.group(2) == "牵头"
            if counts[lead] != claimed:
                problem(no, "count", m.group(), f"the circular states {claimed} {m.group(2)} tasks; "
                                                f"{counts[lead]} were read")


