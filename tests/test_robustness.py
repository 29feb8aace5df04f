"""Property tests: mutated and damaged documents give tables or a ReadError, never anything else.

Mutations of the seeds (and of Word and Excel files built from them): lines dropped,
duplicated and swapped, truncation at a random point, random bytes inserted,
punctuation switched between full-width and ASCII. Whatever happens, the reader
returns Plans or raises civstat.ReadError naming the file; it never hangs; and
every line that carries an item number ends up as a task or as a problem.
"""

import os
import re
import signal
from contextlib import contextmanager

import docx
import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import civstat
from civstat.read.reader import prepare

# The seeds, without their report templates (附件2), whose numbered rows are known non-tasks.
SEEDS = {
    "wuhan-2020-breakdown": None, "wuhan-2022-breakdown": "附件2", "wuhan-2023-breakdown": "附件2",
    "xuanzhou-2023-key-tasks": None, "masked-city-2020-minsheng100": None,
}
ITEM_LINE = re.compile(r"^\s*\t\s*[*＊]?\d{1,3}[*＊]?\s*$|^\s*\d{1,3}\s*\||^\s*[*＊]?\d{1,3}[*＊]?\s*[.．、](?![\d.])\S")
SWAP = str.maketrans({"（": "(", "）": ")", "：": ":", "；": ";", "，": ",", "(": "（", ")": "）", ":": "：", ";": "；", ",": "，"})
# CIVSTAT_EXAMPLES=1000 pytest tests/test_robustness.py searches harder than CI does.
SETTINGS = settings(max_examples=int(os.environ.get("CIVSTAT_EXAMPLES", 40)), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def seed_lines(raw_dir, doc):
    text = (raw_dir / f"{doc}.txt").read_text(encoding="utf-8")
    if SEEDS[doc]:
        text = text[: text.index(SEEDS[doc])]
    return text.split("\n")


@contextmanager
def no_hang(seconds=20):
    """Fail instead of hanging: a generous bound for a document of a few kilobytes."""
    def alarm(*_):
        raise TimeoutError(f"the reader took more than {seconds} s")
    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def read(path):
    """Read a file; return Plans, or None after a ReadError that names the file."""
    with no_hang():
        try:
            return civstat.read_plan(path, issuer="X", year=2000)
        except civstat.ReadError as exc:
            error = exc
    assert str(path) in str(error)
    return None


def mutate(lines, data):
    lines = list(lines)
    for _ in range(data.draw(st.integers(0, 6), label="mutations")):
        if not lines:
            break
        i = data.draw(st.integers(0, len(lines) - 1))
        op = data.draw(st.sampled_from(["drop", "duplicate", "swap", "punctuation"]))
        if op == "drop":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = data.draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif isinstance(lines[i], list):  # a table row
            lines[i] = [cell.translate(SWAP) for cell in lines[i]]
        else:
            lines[i] = lines[i].translate(SWAP)
    return lines


def assert_items_accounted_for(plans, lines):
    """Every line carrying an item number is a task's line or a problem's line."""
    cleaned = prepare("\n".join(lines)).lines
    numbered = {no for no, line in enumerate(cleaned, 1) if ITEM_LINE.match(line)}
    placed = set(plans.tasks["line"]) | set(plans.problems["line"])
    assert numbered - placed - toc_lines(cleaned) == set()


def toc_lines(lines):
    """The lines of a table of contents (目录 … up to a line of dots): entries, not items."""
    start = next((i for i, line in enumerate(lines[:40]) if line.startswith("目录")), None)
    if start is None:
        return set()
    end = next((i for i in range(start + 1, len(lines)) if set(lines[i].strip()) <= set("…. ")), len(lines))
    return set(range(start + 1, end + 2))


@SETTINGS
@given(doc=st.sampled_from(list(SEEDS)), data=st.data())
def test_mutated_text_documents(tmp_path, raw_dir, doc, data):
    lines = mutate(seed_lines(raw_dir, doc), data)
    path = tmp_path / "plan.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    plans = read(path)
    if plans is not None:
        assert_items_accounted_for(plans, lines)


@SETTINGS
@given(doc=st.sampled_from(list(SEEDS)), cut=st.floats(0, 1))
def test_truncated_documents(tmp_path, raw_dir, doc, cut):
    data = (raw_dir / f"{doc}.txt").read_bytes()
    path = tmp_path / "plan.txt"
    path.write_bytes(data[: int(len(data) * cut)])  # may cut a character in half
    read(path)


@SETTINGS
@given(doc=st.sampled_from(list(SEEDS)), at=st.floats(0, 1), junk=st.binary(min_size=1, max_size=64))
def test_random_bytes_inserted(tmp_path, raw_dir, doc, at, junk):
    data = (raw_dir / f"{doc}.txt").read_bytes()
    i = int(len(data) * at)
    path = tmp_path / "plan.txt"
    path.write_bytes(data[:i] + junk + data[i:])
    read(path)


@SETTINGS
@given(text=st.text(max_size=300))
def test_arbitrary_text(tmp_path, text):
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    read(path)


def table_rows(raw_dir, doc):
    from civstat.read.layouts import LAYOUTS, Row, detect

    lines = prepare("\n".join(seed_lines(raw_dir, doc))).lines
    return [["\n".join(c.lines) for c in b.cells] for b in LAYOUTS[detect(lines)](lines) if isinstance(b, Row)]


@SETTINGS
@given(doc=st.sampled_from(["wuhan-2020-breakdown", "xuanzhou-2023-key-tasks"]), data=st.data(),
       fmt=st.sampled_from(["docx", "xlsx"]), junk=st.binary(max_size=32), at=st.floats(0, 1))
def test_mutated_office_files(tmp_path, raw_dir, doc, data, fmt, junk, at):
    rows = mutate(table_rows(raw_dir, doc), data)
    path = tmp_path / f"plan.{fmt}"
    if fmt == "docx":
        document = docx.Document()
        width = max((len(r) for r in rows), default=1)
        table = document.add_table(rows=len(rows), cols=width)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
        document.save(path)
    else:
        workbook = openpyxl.Workbook()
        for row in rows:
            workbook.active.append(row)
        workbook.save(path)
    if junk:
        data_bytes = path.read_bytes()
        i = int(len(data_bytes) * at)
        path.write_bytes(data_bytes[:i] + junk + data_bytes[i:])
    read(path)
