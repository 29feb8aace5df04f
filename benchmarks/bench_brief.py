"""``civstat brief`` for one issuer-year against the same number of empty notebooks, side by side.

The candidate is the command a user runs, ``civstat brief --issuer 武汉市民政局 --year 2023``
(four notebooks: the annual briefing, workload, continuity, themes and targets), in a
fresh interpreter. The baseline, also in a fresh interpreter, is what running notebooks
costs before they do anything: as many empty notebooks (one empty code cell), each
executed with ``papermill.execute_notebook`` in the same kernelspec and exported with
nbconvert's ``HTMLExporter``. The two alternate, so that machine noise hits both alike;
the script prints the median of each and their ratio (target: at most 1.2, issue 15
point 6). It also times the same command with ``--jobs 1`` (every notebook in one
kernel, one after another), to show what running a kernel per core brings.

``civstat brief`` runs the notebooks of a run in one kernel, reset between notebooks,
and starts that kernel while it checks the parameters and reads the plans; the
baseline uses papermill the ordinary way, one kernel per notebook.

With ``--bundled``, it also times ``civstat brief`` with no options (every issuer-year of
the bundled plans; target: under 15 s) and prints that against the same floor, scaled to
as many notebooks. With ``--compare DIR`` (a folder a ``civstat brief`` of another commit
wrote, all issuer-years), it checks that every page of the bundled run is the same as
there, once the generation time and plotly's random div ids are masked (:func:`same_pages`);
it exits with status 1 if one differs.

Run with ``python benchmarks/bench_brief.py [--runs N] [--issuer …] [--year …] [--bundled]
[--compare DIR]``.
"""

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASELINE = """
import sys, nbformat, papermill
from nbconvert import HTMLExporter
from nbformat.v4 import new_code_cell, new_notebook
from civstat.report.kernel import ensure_kernel
out, n = sys.argv[1], int(sys.argv[2])
kernel = ensure_kernel()
nb = new_notebook(cells=[new_code_cell("")], metadata={"kernelspec": {"name": kernel, "display_name": kernel, "language": "python"}})
nbformat.write(nb, f"{out}/empty.ipynb")
exporter = HTMLExporter(exclude_input=True)
for i in range(n):
    done = papermill.execute_notebook(f"{out}/empty.ipynb", f"{out}/empty-{i}.ipynb", kernel_name=kernel, progress_bar=False)
    with open(f"{out}/empty-{i}.html", "w", encoding="utf-8") as f:
        f.write(exporter.from_notebook_node(done)[0])
"""


def timed(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


#: What differs between two runs of the same commit: the time a page was generated, plotly's
#: random div ids (uuid4), and the notebook's run times and dates in the .ipynb metadata.
VOLATILE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}"
                      r"|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def same_pages(before: Path, after: Path) -> list[str]:
    """Compare the HTML pages of two ``civstat brief`` outputs; return what differs (empty: none)."""
    names = sorted({p.relative_to(d).as_posix() for d in (before, after) for p in d.rglob("*.html")})
    differ = []
    for name in names:
        a, b = before / name, after / name
        if not (a.exists() and b.exists()):
            differ.append(f"{name}: only in {before if a.exists() else after}")
        elif VOLATILE.sub("*", a.read_text(encoding="utf-8")) != VOLATILE.sub("*", b.read_text(encoding="utf-8")):
            differ.append(f"{name}: differs")
    return differ


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--issuer", default="武汉市民政局")
    parser.add_argument("--year", default="2023")
    parser.add_argument("--bundled", action="store_true", help="also time `civstat brief` of every issuer-year")
    parser.add_argument("--compare", type=Path, help="a folder of pages to compare the bundled run with")
    options = parser.parse_args()
    civstat = str(Path(sys.executable).with_name("civstat"))
    with tempfile.TemporaryDirectory() as tmp:
        reports = Path(tmp) / "reports"
        command = [civstat, "brief", "--issuer", options.issuer, "--year", options.year, "--out", str(reports)]
        timed(command)  # warm the file cache, and learn how many notebooks one issuer-year has
        n = len(list(reports.glob("*/*.html")))
        baseline = [sys.executable, "-c", BASELINE, tmp, str(n)]
        timed(baseline)
        bundled = [civstat, "brief", "--out", str(Path(tmp) / "all")]
        if options.bundled or options.compare:
            timed(bundled)
            n_all = len(list((Path(tmp) / "all").glob("*/*.html")))
        base, cand, serial, every = [], [], [], []
        for _ in range(options.runs):
            base.append(timed(baseline))
            cand.append(timed(command))
            serial.append(timed([*command, "--jobs", "1"]))
            if options.bundled:
                every.append(timed(bundled))
        differ = same_pages(options.compare, Path(tmp) / "all") if options.compare else []
    b, c = statistics.median(base), statistics.median(cand)
    print(f"floor: {n} empty notebooks through papermill + nbconvert: median {b:.2f} s over {options.runs} runs"
          f" ({b / n:.2f} s a notebook)")
    print(f"`civstat brief --issuer {options.issuer} --year {options.year}` ({n} notebooks): median {c:.2f} s")
    print(f"ratio: {c / b:.2f} (target <= 1.2)")
    s = statistics.median(serial)
    print(f"the same with --jobs 1 (one kernel): median {s:.2f} s, ratio {s / b:.2f}")
    if every:
        e = statistics.median(every)
        print(f"`civstat brief` ({n_all} notebooks): median {e:.2f} s (target < 15 s); "
              f"ratio to the floor of {n_all} notebooks ({b / n * n_all:.2f} s): {e / (b / n * n_all):.2f}")
    if options.compare:
        print(f"pages compared with {options.compare}: "
              + ("all the same" if not differ else f"{len(differ)} differ:\n  " + "\n  ".join(differ)))
        if differ:
            sys.exit(1)


if __name__ == "__main__":
    main()
