"""The attacks of issue 11 (hostile and careless inputs), each run for real, with result and time.

Every input named in the issue's "Why" (and a few more) is built in a temporary folder
and given to civstat as a user would: ``read_plan``, ``load_plans``, ``civstat check``,
``civstat build`` or ``civstat brief``. The script prints a Markdown table: the attack,
what civstat did, and the seconds it took. It asserts nothing; the tests do
(``tests/test_hostile.py``, ``test_broken_files.py``, ``test_linear_time.py``,
``test_writes.py``, ``test_reader_errors.py``).

    python benchmarks/attacks.py            # everything, about two minutes (two brief runs)
    python benchmarks/attacks.py --quick    # without the brief runs
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import docx  # noqa: E402
import openpyxl  # noqa: E402

import civstat  # noqa: E402
from tests.test_broken_files import ROWS, _docx, _rezip  # noqa: E402

ATTACKS = []


def attack(name):
    def register(fn):
        ATTACKS.append((name, fn))
        return fn
    return register


def outcome(call) -> str:
    """Run a read; say what came of it in a few words."""
    try:
        plans = call()
    except civstat.ReadError as exc:
        return f"ReadError: {exc.message[:70]}"
    except Exception as exc:  # what the issue says must never happen: shown, not hidden
        return f"**{type(exc).__name__}**: {str(exc)[:70]}"
    kinds = plans.problems["kind"].value_counts().to_dict()
    return f"read: {len(plans.tasks)} tasks" + (f", problems {kinds}" if kinds else "")


def txt(d: Path, text: str, name="plan.txt") -> Path:
    path = d / name
    path.write_text(text, encoding="utf-8")
    return path


def read(path):
    return lambda: civstat.read_plan(path, issuer="X", year=2024)


def workbook(d: Path, extra=None, name="plan.xlsx") -> Path:
    book = openpyxl.Workbook()
    for row in ROWS:
        book.active.append(row)
    if extra:
        extra(book.active)
    path = d / name
    book.save(path)
    return path


# -- regular expressions -----------------------------------------------------------------------

@attack("4 KB plan with runs of toned pinyin (ā × 1000)")
def _(d):
    return outcome(read(txt(d, "".join(f"{i}.加强养老{'ā' * 1000}（责任单位：市民政局）\n" for i in range(1, 4)))))


for _kind, _run in [("spaces", " "), ("tabs", "\t"), ("blank lines", "\n")]:
    @attack(f"a line of 200,000 {_kind} inside a plan")
    def _(d, run=_run):
        return outcome(read(txt(d, f"1.加强养老{run * 200_000}服务。（责任单位：市民政局）\n2.推进救助。（责任单位：市民政局）\n")))


@attack("牵头单位： followed by 50,000 （")
def _(d):
    return outcome(read(txt(d, "1.加强养老。（牵头单位：" + "（" * 50_000 + "\n")))


@attack("a task with 200,000 （")
def _(d):
    return outcome(read(txt(d, "1.加强养老" + "（" * 200_000 + "。（责任单位：市民政局）\n")))


@attack("a 100,000-character name given to the known-name splitter")
def _(d):
    from civstat.read.names import segment_known

    pieces = segment_known("养老服务处" * 20_000, {"养老服务处", "社会事务处"})
    return f"split into {len(pieces)} names"


@attack("20,000 items after a paywall-cut notice")
def _(d):
    items = "".join(f"{i}.推进第{i}项养老服务。（责任单位：市民政局）\n" for i in range(2, 20_001))
    return outcome(read(txt(d, "1.加强养老……（未完，全文共3245字，当前仅显示1639字\n" + items)))


# -- small files that claim huge sizes -----------------------------------------------------------

@attack("5 KB .xlsx with one cell at XFD1048576")
def _(d):
    return outcome(read(workbook(d, lambda s: s.cell(row=1_048_576, column=16_384, value="x"))))


for _ref in ["A20:XFD1048576", "A20:Z100000"]:
    @attack(f".xlsx with a merge {_ref}")
    def _(d, ref=_ref):
        path = workbook(d, lambda s: s.merge_cells("A20:B21"))
        _rezip(path, "xl/worksheets/sheet1.xml", b'ref="A20:B21"', f'ref="{ref}"'.encode())
        return outcome(read(path))


@attack(".xlsx with a far row: tasks down to row 50,000, one row in 50")
def _(d):
    def fill(sheet):
        for i in range(6, 1000):
            sheet.cell(row=50 * i, column=1, value=i)
            sheet.cell(row=50 * i, column=2, value=f"推进第{i}项养老服务。")
    return outcome(read(workbook(d, fill)))


@attack(".xlsx with 5,000 rows of tasks (numbers past 999 are no item numbers)")
def _(d):
    def fill(sheet):
        for i in range(6, 5001):
            sheet.append([i, f"推进第{i}项养老服务。", "李超", "养老服务处"])
    return outcome(read(workbook(d, fill)))


@attack('.docx with gridSpan="2000000000"')
def _(d):
    path = d / "plan.docx"
    _docx(path)
    _rezip(path, "word/document.xml", b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="2000000000"/>')
    return outcome(read(path))


@attack(".docx with a chain of 3,000 vertical merges")
def _(d):
    path = d / "plan.docx"
    _docx(path)
    row = '<w:tr><w:tc><w:tcPr><w:vMerge{}/></w:tcPr><w:p/></w:tc></w:tr>'
    chain = row.format(' w:val="restart"') + row.format("") * 3000
    _rezip(path, "word/document.xml", b"</w:tbl>", chain.encode() + b"</w:tbl>")
    return outcome(read(path))


for _name, _bad in [('gridSpan="abc"', '<w:gridSpan w:val="abc"/>'), ("a vMerge in the first row", "<w:vMerge/>")]:
    @attack(f".docx with {_name}")
    def _(d, bad=_bad):
        path = d / "plan.docx"
        _docx(path)
        _rezip(path, "word/document.xml", b"<w:tcPr>", f"<w:tcPr>{bad}".encode())
        return outcome(read(path))


@attack("HTML page with colspan=1000 cells (1,000 of them)")
def _(d):
    head = "".join("<tr>" + "".join(f"<td>{v}</td>" for v in r) + "</tr>" for r in ROWS)
    page = f"<table>{head}<tr>" + "<td colspan=1000>x</td>" * 1000 + "</tr></table>"
    return outcome(read(txt(d, page, "plan.html")))


@attack("HTML page with 20,000 rows of rowspan=1000")
def _(d):
    head = "".join("<tr>" + "".join(f"<td>{v}</td>" for v in r) + "</tr>" for r in ROWS)
    body = "".join(f"<tr><td>{i}</td><td rowspan=1000>推进第{i}项。</td><td>李超</td></tr>" for i in range(6, 20_006))
    return outcome(read(txt(d, f"<table>{head}{body}</table>", "plan.html")))


@attack("HTML page nested 3,000 <div> deep around its table")
def _(d):
    head = "".join("<tr>" + "".join(f"<td>{v}</td>" for v in r) + "</tr>" for r in ROWS)
    return outcome(read(txt(d, "<div>" * 3000 + f"<table>{head}</table>" + "</div>" * 3000, "plan.html")))


@attack("xlsx whose XML declares entities (billion laughs)")
def _(d):
    path = workbook(d)
    lol = ('<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
           '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>')
    _rezip(path, "xl/worksheets/sheet1.xml", b"<worksheet", lol.encode() + b"<worksheet")
    return outcome(read(path))


@attack("zip bomb: a 1 GB part of zeros in a .docx")
def _(d):
    path = d / "plan.docx"
    _docx(path)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("word/bomb.xml", "w", force_zip64=True) as member:
            block = b"\0" * (1 << 24)
            for _ in range(64):
                member.write(block)
    return outcome(read(path))


# -- foreign exceptions -------------------------------------------------------------------------

@attack("CSV with a field over 131,072 characters")
def _(d):
    return outcome(read(txt(d, "序号,工作任务,分管领导\n1,推进养老" + "养" * 200_000 + "服务。,李超\n", "plan.csv")))


@attack("CSV with an unclosed quote before 100 rows")
def _(d):
    rows = "".join(f"{i},推进第{i}项养老服务。,李超\n" for i in range(2, 101))
    return outcome(read(txt(d, '序号,工作任务,分管领导\n1,"推进养老服务。,李超\n' + rows, "plan.csv")))


def _folder_with(d: Path, manifest: bytes) -> str:
    folder = d / "plans"
    folder.mkdir()
    txt(folder, "1.推进养老服务。（责任单位：市民政局）\n", "a.txt")
    (folder / "manifest.csv").write_bytes(manifest)
    return outcome(lambda: civstat.load_plans(folder, errors="ignore"))


for _name, _bytes in [
        ("manifest.csv saved by Excel on Chinese Windows (GB18030)", "文件,单位,年份\na.txt,某市民政局,2023\n".encode("gb18030")),
        ("a binary manifest.csv", os.urandom(2000)),
        ("manifest.csv without a file column", b"issuer,year\nX,2023\n"),
        ("manifest.csv with a short row, a year written ①, a duplicate", "file,issuer,year\na.txt\na.txt,X,①\na.txt,Y,2020\n".encode()),
        ("manifest.csv with a 200,000-character field", b"file,issuer,year\na.txt," + b"x" * 200_000 + b",2023\n")]:
    @attack(_name)
    def _(d, data=_bytes):
        return _folder_with(d, data)


@attack("CIVSTAT_MAX_BYTES=20MB at import")
def _(d):
    run = subprocess.run([sys.executable, "-c", "import civstat; civstat.load_plans(errors='ignore')"],
                         env={**os.environ, "CIVSTAT_MAX_BYTES": "20MB"}, capture_output=True, text=True)
    said = [line for line in run.stderr.splitlines() if "CIVSTAT_MAX_BYTES" in line]
    return f"exit {run.returncode}; {said[0].strip()[:110] if said else 'silent'}"


# -- folders ----------------------------------------------------------------------------------

@attack("a folder with a dangling link, a link loop, a FIFO *.txt and a link outside")
def _(d):
    folder = d / "plans"
    folder.mkdir()
    txt(folder, "1.推进养老服务。（责任单位：市民政局）\n", "good.txt")
    (folder / "dangling.txt").symlink_to(folder / "missing.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    os.mkfifo(folder / "fifo.txt")
    (folder / "outside.txt").symlink_to(txt(d, "1.推进救助。（责任单位：市民政局）\n", "outside.txt"))
    return outcome(lambda: civstat.load_plans(folder, errors="ignore"))


# -- writing results --------------------------------------------------------------------------

def _cli(*args, env=None):
    return subprocess.run([sys.executable, "-m", "civstat", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=600)


def _data(d: Path, text: str, issuer="某市民政局") -> Path:
    raw = d / "data" / "raw"
    raw.mkdir(parents=True)
    txt(raw, text, "plan.txt")
    (raw / "manifest.csv").write_text(f"file,issuer,year\nplan.txt,{issuer},2024\n", encoding="utf-8")
    return d / "data"


@attack("a control character and ＝＋－＠ formulas through civstat build")
def _(d):
    data = _data(d, "1.＝SUM(1,1)推进养老\x07服务。（责任单位：市民政局）\n2.＋1 推进救助。（责任单位：市民政局）\n")
    run = _cli("build", "--data-dir", str(data))
    out = data / "processed"
    book = openpyxl.load_workbook(out / "civstat.xlsx")
    cells = [c.value for row in book["任务清单"].iter_rows() for c in row]
    texts = [c for c in cells if isinstance(c, str) and "推进" in c]
    csv = (out / "tasks.csv").read_text(encoding="utf-8-sig")
    return (f"exit {run.returncode}; sheets {len(book.sheetnames)}; workbook cells {texts}; "
            f"CSV control character kept: {chr(7) in csv}")


@attack("terminal escape sequences in a document, through civstat check")
def _(d):
    path = txt(d, "1.推进养老\x1b[2J\x1b]0;pwned\x07服务。（责任单位：市民政局\x1b[31m）\n")
    run = _cli("check", str(path))
    return f"exit {run.returncode}; ESC reached the terminal: {chr(27) in run.stdout}"


@attack("civstat build into an unwritable --out")
def _(d):
    blocker = txt(d, "x", "a-file")
    run = _cli("build", "--out", str(blocker / "processed"))
    return f"exit {run.returncode}; {run.stderr.strip().splitlines()[0][:80]}"


@attack("two civstat build runs into one --out at once")
def _(d):
    data = _data(d, "".join(f"{i}.推进第{i}项养老服务。（责任单位：市民政局）\n" for i in range(1, 300)))
    runs = []
    threads = [threading.Thread(target=lambda: runs.append(_cli("build", "--data-dir", str(data)))) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    left = [p.name for p in (data / "processed").iterdir() if p.name.startswith(".")]
    return f"exits {[r.returncode for r in runs]}; temporary files left: {left}"


@attack("civstat brief with a 91-character issuer")
def _(d):
    issuer = "某某省某某市某某区" * 9 + "民政局局长办公室会议纪要"
    data = _data(d, "".join(f"{i}.推进第{i}项养老服务。（责任单位：市民政局）\n" for i in range(1, 6)), issuer[:91])
    run = _cli("brief", "--notebook", "briefing", "--data-dir", str(data), "--out", str(d / "out"))
    pages = [p.relative_to(d / "out").as_posix() for p in (d / "out").rglob("*.html")]
    return f"exit {run.returncode}; pages: {len(pages)}, longest name {max(len(p.split('/')[0].encode()) for p in pages)} bytes"


@attack("two civstat brief runs into one --out at once")
def _(d):
    data = _data(d, "".join(f"{i}.推进第{i}项养老服务。（责任单位：市民政局）\n" for i in range(1, 6)))
    runs = []
    args = ("brief", "--notebook", "briefing", "--data-dir", str(data), "--out", str(d / "out"))
    threads = [threading.Thread(target=lambda: runs.append(_cli(*args))) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    left = [p.name for p in (d / "out").rglob(".*")]
    return f"exits {[r.returncode for r in runs]}; temporary files left: {left}"


# -- silent losses -------------------------------------------------------------------------------

@attack("a .docx whose text uses a declared entity")
def _(d):
    path = d / "plan.docx"
    _docx(path)
    _rezip(path, "word/document.xml", "新增床位10张".encode(), "新增床位&x;10张".encode())
    _rezip(path, "word/document.xml", b"?>", b'?><!DOCTYPE w:document [<!ENTITY x "A">]>')
    return outcome(read(path))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="leave out the civstat brief runs")
    args = parser.parse_args()
    print("| attack | result | seconds |\n|---|---|---:|")
    for name, fn in ATTACKS:
        if args.quick and "brief" in name:
            continue
        with tempfile.TemporaryDirectory() as folder:
            start = time.perf_counter()
            try:
                result = fn(Path(folder))
            except Exception as exc:  # the script reports; it does not stop
                result = f"**{type(exc).__name__}** {str(exc)[:80]}"
            seconds = time.perf_counter() - start
        result = result.replace("|", "/").replace("\n", " ")
        print(f"| {name} | {result} | {seconds:.2f} |", flush=True)
    return 0


if __name__ == "__main__":
    _ = docx  # python-docx is imported for the helpers that build Word files
    sys.exit(main())
