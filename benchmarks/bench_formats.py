"""Reading a plan as PDF and as .doc, against the same plan as .docx; a folder of .doc files.

    python benchmarks/bench_formats.py [--pages 20] [--docs 12] [--runs 3]

Builds a plan of about ``--pages`` pages in Word (python-docx), converts it with
LibreOffice to .pdf and .doc (not timed), then times ``read_plan`` on each (median of
``--runs``) and prints the ratios to .docx. Then a folder of ``--docs`` copies of the
.doc is read with ``load_plans`` (one LibreOffice process per core, converting its share
of the files at once) against converting and reading them one by one.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import civstat
from civstat.read import libreoffice as convert


def build(folder: Path, pages: int) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("2024年某区民政局重点工作任务分解表")
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for c, h in enumerate(["序号", "工作任务", "分管领导", "牵头科室"]):
        table.cell(0, c).text = h
    for k in range(1, pages * 10 + 1):
        cells = table.add_row().cells
        cells[0].text = str(k)
        cells[1].text = f"推进第{k}个社区养老服务站建设，新增床位{k * 10}张，完善居家养老服务网络。"
        cells[2].text, cells[3].text = ["李超", "王芳", "邓永付"][k % 3], "养老服务科"
    path = folder / "plan.docx"
    document.save(path)
    return path


def to(path: Path, target: str) -> Path:
    out = path.parent
    subprocess.run([convert.soffice(), f"-env:UserInstallation={(out / 'profile').as_uri()}", "--headless",
                    "--convert-to", target, "--outdir", str(out), str(path)], check=True, capture_output=True)
    return out / f"{path.stem}.{target}"


def timed(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--docs", type=int, default=12)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if convert.soffice() is None:
        raise SystemExit("LibreOffice is needed: apt-get install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        docx_path = build(folder, args.pages)
        # LibreOffice's own .docx -> .doc export drops a table this long: go through .odt
        pdf, doc = to(docx_path, "pdf"), to(to(docx_path, "odt"), "doc")
        base = timed(lambda: civstat.read_plan(docx_path, issuer="x", year=2024), args.runs)
        print(f".docx: {base:.2f} s for {args.pages * 10} tasks")
        for path in (pdf, doc):
            t = timed(lambda p=path: civstat.read_plan(p, issuer="x", year=2024), args.runs)
            print(f"{path.suffix}: {t:.2f} s, ratio to .docx {t / base:.1f}")
        plans_dir = folder / "docs"
        plans_dir.mkdir()
        for k in range(args.docs):
            shutil.copyfile(doc, plans_dir / f"plan{k}.doc")
        files = sorted(plans_dir.iterdir())
        one = timed(lambda: [civstat.read_plan(f, issuer="x", year=2024) for f in files], 1)
        batch = timed(lambda: civstat.load_plans(plans_dir, errors="ignore"), 1)
        print(f"{args.docs} .doc files: one by one {one:.1f} s, as a folder {batch:.1f} s "
              f"(ratio {batch / one:.2f})")


if __name__ == "__main__":
    main()
