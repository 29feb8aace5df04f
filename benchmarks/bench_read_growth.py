"""Does reading a plan take time linear in its number of items, in every numbering style?

    python benchmarks/bench_read_growth.py [--sizes 100 1000 10000 100000] [--runs 3]

Writes one plan of each size in each numbering style ``tests/plangen.py`` writes lists in
that goes on past a hundred items (``1.``, ``1、``, ``（1）``; ``（一）`` and ``①`` stop at
``（十）`` and ``⑳``, after which plangen goes on in another style, another level of the
outline) and as a table in each text flattening plangen writes (pipe-separated, tab-led,
one cell per line) and as .xlsx, the item number in a 序号 column; task texts, leaders
and units are drawn by a seeded generator, no two texts alike. Then it times ``read_plan`` on each (the best of
``--runs`` plans drawn with different seeds, one at the largest size: reading the same file
again would find its cells in the reader's caches) and, in the same run and on the same
files, the plain floor: ``Path.read_bytes`` and ``splitlines`` (best of three).

It prints, per style, the seconds and the ratio to the floor at each size, whether every
item was read as a task, and the growth exponent: the slope of log(time) over log(items)
fitted by least squares (1 is linear, 2 quadratic). The issue's goal is an exponent of at
most 1.1 from 100 to 100,000 items.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("CIVSTAT_MAX_BYTES", "200000000")  # a list of 100,000 items is over 20 MB
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import plangen  # noqa: E402

from civstat.read.reader import read_plan  # noqa: E402

#: Styles that stop early (（十）, ⑳): plangen goes on in another style past them, which reads as another level.
BOUNDED = ("pcn", "circ")
#: (name, layout, format, numbering style of a list)
STYLES = [
    *[(f"list/{n}", "list", "list", n) for n in plangen.NUMBERS if n not in BOUNDED],
    *[(f"table/{f}", "table", f, "ar_dot") for f in ("pipe", "tabs", "cells")],
    ("table/xlsx", "table", "xlsx", "ar_dot"),
]


def make(n: int, layout: str, fmt: str, number: str, seed: int) -> plangen.Plan:
    """Draw a plan of ``n`` items, each with its own text, leader and units."""
    rng = random.Random(seed)
    leaders = [plangen._person(rng) for _ in range(max(4, n // 50))]
    tasks = []
    for k in range(n):
        lead = [plangen._unit(rng, True)]
        cos = sorted({plangen._unit(rng, True) for _ in range(rng.choice([0, 1, 2]))} - set(lead))
        text = plangen._text(rng).rstrip("。") + f"，覆盖第{k + 1}片区。"  # no two texts alike
        tasks.append(plangen.Task(text, [rng.choice(leaders)], lead, cos))
    options = {
        "sections": False, "unit_sep": "、", "number": number,
        "headers": {"seq": "序号", "text": "工作任务", "leader": "分管领导", "lead": "牵头单位",
                    "co": "配合单位", "deadline": "完成时限", "progress": "进展情况", "note": "备注"},
    }
    if layout == "table":
        options.update(columns=["leader", "lead", "co"], merged_leader=False)
    else:
        options.update(columns=[], list_style="lines", label_sep="；",
                       labels={"leader": "分管领导", "lead": "牵头单位", "co": "配合单位"})
    return plangen.Plan(tasks, layout, fmt, options)


def best_of(fn, runs: int) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - start)
    return best, out


def floor(path: Path) -> None:
    """The baseline: what any reader does at least, read the bytes and split them into lines."""
    path.read_bytes().splitlines()


def exponent(sizes: list[int], seconds: list[float]) -> float:
    """Least-squares slope of log(seconds) over log(size)."""
    xs, ys = [math.log(n) for n in sizes], [math.log(max(s, 1e-9)) for s in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1_000, 10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3, help="best of this many plans (one at the largest size)")
    parser.add_argument("--styles", nargs="*", default=[s[0] for s in STYLES])
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    print(f"{'style':<14} " + " ".join(f"{'s@' + format(n, ','):>12}" for n in args.sizes)
          + " " + " ".join(f"{'x floor@' + format(n, ','):>15}" for n in args.sizes)
          + f" {'exponent':>9} {'floor exp':>9}  all items read")
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for name, layout, fmt, number in STYLES:
            if name not in args.styles:
                continue
            seconds, floors, complete = [], [], True
            for n in args.sizes:
                took = base = float("inf")
                for run in range(args.runs if n < max(args.sizes) else 1):
                    # a plan of its own for every run: a second read of the same file would find its
                    # cells in the reader's caches (kind_of, parse_header), which a small plan fits in
                    plan = make(n, layout, fmt, number, args.seed + run)
                    path = plangen.write(plan, Path(tmp), f"{name.replace('/', '_')}_{n}_{run}")
                    base = min(base, best_of(lambda p=path: floor(p), 3)[0])
                    seconds_run, plans = best_of(lambda p=path: read_plan(p), 1)
                    took = min(took, seconds_run)
                    tasks = plans.tasks
                    complete &= len(tasks) == n and tasks["seq"].tolist() == list(range(1, n + 1))
                    path.unlink()
                seconds.append(took)
                floors.append(base)
            e, fe = exponent(args.sizes, seconds), exponent(args.sizes, floors)
            worst = max(worst, e)
            print(f"{name:<14} " + " ".join(f"{s:>12.3f}" for s in seconds) + " "
                  + " ".join(f"{s / max(b, 1e-9):>15.0f}" for s, b in zip(seconds, floors, strict=True))
                  + f" {e:>9.2f} {fe:>9.2f}  {'yes' if complete else 'NO'}", flush=True)
    print(f"\nworst growth exponent over {args.sizes[0]:,} -> {args.sizes[-1]:,} items: {worst:.2f} (goal <= 1.1)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
