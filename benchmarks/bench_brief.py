"""``civstat brief`` for one issuer-year against the same number of empty notebooks, side by side.

The candidate is the command a user runs, ``civstat brief --issuer 武汉市民政局 --year 2023``
(four notebooks: the annual briefing, workload, continuity, themes and targets), in a
fresh interpreter. The baseline, also in a fresh interpreter, is what running notebooks
costs before they do anything: as many empty notebooks (one empty code cell), each
executed with ``papermill.execute_notebook`` in the same kernelspec and exported with
nbconvert's ``HTMLExporter``. The two alternate, so that machine noise hits both alike;
the script prints the median of each and their ratio (target: at most 2).

``civstat brief`` runs the notebooks of a run in one kernel, reset between notebooks,
and starts that kernel while it checks the parameters and reads the plans; the
baseline uses papermill the ordinary way, one kernel per notebook.

Run with ``python benchmarks/bench_brief.py [--runs N] [--issuer …] [--year …]``.
"""

import argparse
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--issuer", default="武汉市民政局")
    parser.add_argument("--year", default="2023")
    options = parser.parse_args()
    civstat = str(Path(sys.executable).with_name("civstat"))
    with tempfile.TemporaryDirectory() as tmp:
        reports = Path(tmp) / "reports"
        command = [civstat, "brief", "--issuer", options.issuer, "--year", options.year, "--out", str(reports)]
        timed(command)  # warm the file cache, and learn how many notebooks one issuer-year has
        n = len(list(reports.glob("*/*.html")))
        baseline = [sys.executable, "-c", BASELINE, tmp, str(n)]
        timed(baseline)
        base, cand = [], []
        for _ in range(options.runs):
            base.append(timed(baseline))
            cand.append(timed(command))
    b, c = statistics.median(base), statistics.median(cand)
    print(f"baseline: {n} empty notebooks through papermill + nbconvert: median {b:.2f} s over {options.runs} runs")
    print(f"`civstat brief --issuer {options.issuer} --year {options.year}` ({n} notebooks): median {c:.2f} s")
    print(f"ratio: {c / b:.2f} (target <= 2)")


if __name__ == "__main__":
    main()
