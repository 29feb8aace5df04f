"""Reading a folder on every core: ``load_plans(jobs=1)`` against ``jobs=<all cores>``.

    python benchmarks/bench_read_parallel.py [--n 2000] [--seed 0] [--text-only] [--sweep 50,100,200,400 --repeat 3]

Writes ``--n`` small plans of mixed formats (text tables and lists, .csv, .xlsx, .docx,
.html, drawn by ``tests/plangen.py``, seeded) into a temporary folder, then times in
the same run: a plain read of the same bytes (``Path.read_bytes`` of every file, and
with ``splitlines``: reading and splitting the bytes, the floor of issue 15), the
folder read in this process (``jobs=1``) and in one process per core (the worker
start-up included, as a user's first call pays it). Prints documents/s, MB/s and the
ratios, and checks that both readings give the same tables.

``--sweep`` times, for each number of files given, a cold ``jobs=1`` and a cold
``jobs=<all cores>`` read each in a fresh interpreter: where they cross is where
``load_plans`` starts using processes by itself (``PARALLEL_MIN_FILES`` in
``civstat/read/folder.py``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import pandas as pd  # noqa: E402
import plangen  # noqa: E402

import civstat  # noqa: E402
from civstat.parallel import cores as core_count  # noqa: E402
from civstat.plans import COLUMNS  # noqa: E402


def write_folder(folder: Path, n: int, seed: int, text_only: bool = False) -> list[Path]:
    """Write ``n`` generated plans of mixed formats (or text plans only) into ``folder``."""
    rng = random.Random(seed)
    files: list[Path] = []
    while len(files) < n:
        plan = plangen.make_plan(rng)
        if text_only and plan.suffix != ".txt":
            continue
        files.append(plangen.write(plan, folder, f"p{len(files):05d}"))
    return files


# The least any reader of a numbered plan does, as a second floor: decode, normalise widths,
# match an item number and a closing bracket of units on each line, and keep a record per item.
# It reads no table, level, label, deadline or name; it only shows what Python's per-line
# cost is before any of the reader's inference.
_SKELETON_NUMBER = re.compile(r"^\s*(?:(\d+)[.、．]|[（(]([一二三四五六七八九十]+)[)）]|([一二三四五六七八九十]+)、)")
_SKELETON_UNITS = re.compile(r"[（(]([^（）()]*(?:局|委|办|部|院|会|处|室|中心)[^（）()]*)[）)]\s*$")


def skeleton(files: list[Path]) -> list[dict]:
    """Read ``files`` with the least a reader does (see above): one record per numbered line."""
    out = []
    for f in files:
        text = unicodedata.normalize("NFKC", f.read_bytes().decode("utf-8"))
        for no, line in enumerate(text.split("\n"), 1):
            m = _SKELETON_NUMBER.match(line)
            if m:
                units = _SKELETON_UNITS.search(line)
                out.append({"line": no, "seq": m.group(0), "text": line[m.end():],
                            "units": units.group(1).split("、") if units else []})
    return out


def timed(fn):
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


_COLD = """
import json, sys, time
start = time.perf_counter()
import civstat
plans = civstat.load_plans(sys.argv[1], errors="ignore", jobs=int(sys.argv[2]))
print(json.dumps({"seconds": time.perf_counter() - start, "documents": len(plans.documents)}))
"""


def cold(folder: Path, jobs: int) -> float:
    """Seconds for a fresh interpreter to import civstat and read the folder with ``jobs``."""
    out = subprocess.run([sys.executable, "-c", _COLD, str(folder), str(jobs)], capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout)["seconds"]


def sweep(root: Path, sizes: list[int], seed: int, cores: int, repeat: int) -> None:
    print(f"\ncold runs (fresh interpreter: import civstat + load_plans, best of {repeat}), {cores} cores")
    print(f"{'files':>6} {'kB':>7} {'jobs=1 s':>9} {f'jobs={cores} s':>9} {'parallel/serial':>16}")
    for k, n in enumerate(sizes):
        folder = root / f"sweep-{k}-{n}"
        folder.mkdir()
        files = write_folder(folder, n, seed)
        kb = sum(f.stat().st_size for f in files) / 1e3
        serial = min(cold(folder, 1) for _ in range(repeat))
        parallel = min(cold(folder, cores) for _ in range(repeat))
        print(f"{n:>6} {kb:>7.0f} {serial:>9.2f} {parallel:>9.2f} {parallel / serial:>15.2f}×")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="number of plans (default 2000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=None, help="processes of the parallel read (default: all cores)")
    parser.add_argument("--sweep", default="", help="comma-separated folder sizes for cold serial/parallel runs")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each cold read in --sweep (the best is kept)")
    parser.add_argument("--text-only", action="store_true", help="text plans only (lists and flattened tables)")
    args = parser.parse_args()
    cores = args.jobs or core_count()
    with tempfile.TemporaryDirectory(prefix="civstat-bench-read-") as root:
        root = Path(root)
        folder = root / "plans"
        folder.mkdir()
        seconds, files = timed(lambda: write_folder(folder, args.n, args.seed, args.text_only))
        size = sum(f.stat().st_size for f in files)
        formats = pd.Series([f.suffix for f in files]).value_counts().to_dict()
        print(f"{args.n} plans written in {seconds:.1f} s: {size / 1e6:.1f} MB, {formats}")

        load = f"{os.getloadavg()[0]:.2f}"
        plain, _ = timed(lambda: [f.read_bytes() for f in files])
        split, _ = timed(lambda: [f.read_bytes().splitlines() for f in files])
        least = timed(lambda: skeleton(files))[0] if args.text_only else None
        serial, a = timed(lambda: civstat.load_plans(folder, errors="ignore", jobs=1))
        parallel, b = timed(lambda: civstat.load_plans(folder, errors="ignore", jobs=cores))
        warm, _ = timed(lambda: civstat.load_plans(folder, errors="ignore", jobs=cores))
        for name in COLUMNS:
            pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))
        print(f"same tables from jobs=1 and jobs={cores}: {len(a.documents)} documents, {len(a.tasks)} tasks, "
              f"{len(a.assignments)} assignments, {len(a.problems)} problems")

        print(f"\n{'':<28} {'seconds':>8} {'docs/s':>8} {'MB/s':>8} {'× plain':>8} {'× split':>8} {'× jobs=1':>9}")
        rows = [("plain read_bytes", plain), ("read_bytes + splitlines", split)]
        rows += [("least reader (see skeleton)", least)] if least is not None else []
        for label, t in [*rows, ("load_plans jobs=1", serial),
                         (f"load_plans jobs={cores} (cold)", parallel), (f"load_plans jobs={cores} (warm)", warm)]:
            print(f"{label:<28} {t:>8.2f} {args.n / t:>8.0f} {size / 1e6 / t:>8.2f} {t / plain:>8.0f} "
                  f"{t / split:>8.0f} {t / serial:>9.2f}")
        print(f"load average before and after: {load} -> {os.getloadavg()[0]:.2f} (other processes "
              "on the machine take cores from the parallel read)")
        print(f"\nspeed-up on {cores} cores: {serial / parallel:.2f}× cold, {serial / warm:.2f}× warm; "
              f"per core, jobs={cores} is {parallel * cores / plain:.0f}× the plain read; jobs=1 is "
              f"{serial / split:.0f}× reading and splitting the same bytes (the issue's goal: 20×)")
        if least is not None:
            print(f"the least reader (skeleton) is {least / split:.1f}× reading and splitting; load_plans "
                  f"jobs=1 is {serial / least:.0f}× the least reader")
        if args.sweep:
            sweep(root, [int(x) for x in args.sweep.split(",")], args.seed, cores, args.repeat)


if __name__ == "__main__":
    main()
