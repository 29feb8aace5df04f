"""Does each text step of the reader take time linear in its input?

Every step of ``tests/pathological.py`` (cleaning, name splitting, preparing lines,
reading a whole plan) runs on every pathological string (runs of toned pinyin, spaces,
tabs, blank lines, brackets, labels, digits, item marks, cut notices …) at growing
sizes, and is timed against a plain scan of the same string in the same run (encoding
it and splitting it on whitespace). For a linear step the ratio stays about the same
as the size grows tenfold; for a quadratic one it grows tenfold too.

    python benchmarks/bench_linear.py                 # 10^4, 10^5, 10^6 characters
    python benchmarks/bench_linear.py --check         # exit 1 if any step grows faster than linear

The figure printed per step and kind is ``growth``: the ratio at the largest size over
the ratio at the smallest. ``--check`` flags growth above ``--limit`` (default 5 over a
hundredfold size: linear is about 1, n log n about 1.5, quadratic about 100) where the
step takes more than 10 ms at the largest size (below that the ratio is timer noise).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.pathological import KINDS, STEPS  # noqa: E402


def best_of(fn, s, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        fn(s)
        best = min(best, time.perf_counter() - start)
    return best


def scan(s: str) -> None:
    """The baseline: what any reader must do at least, look at every character."""
    s.encode("utf-8")
    s.split()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=3, help="best of this many runs per timing")
    parser.add_argument("--steps", nargs="*", default=sorted(STEPS))
    parser.add_argument("--check", action="store_true", help="exit 1 if any growth exceeds --limit")
    parser.add_argument("--limit", type=float, default=5.0)
    args = parser.parse_args()

    worst, flagged = 0.0, []
    print(f"{'step':<24} {'kind':<18} " + " ".join(f"{'ratio@' + format(n, '.0e'):>11}" for n in args.sizes)
          + f" {'growth':>8} {'s@max':>7}")
    for step in args.steps:
        for kind in sorted(KINDS):
            ratios, last = [], 0.0
            for n in args.sizes:
                s = KINDS[kind](n)
                base = max(best_of(scan, s, args.runs), 1e-7)
                last = best_of(STEPS[step], s, args.runs if n < args.sizes[-1] else 1)
                ratios.append(last / base)
            growth = ratios[-1] / max(ratios[0], 1e-9)
            worst = max(worst, growth)
            mark = ""
            if growth > args.limit and last > 0.01:  # below 10 ms the ratio is noise
                flagged.append((step, kind, growth))
                mark = "  <-- faster than linear"
            print(f"{step:<24} {kind:<18} " + " ".join(f"{r:>11.1f}" for r in ratios)
                  + f" {growth:>8.2f} {last:>7.2f}{mark}", flush=True)
    print(f"\nworst growth over {args.sizes[0]:,} -> {args.sizes[-1]:,} characters: {worst:.2f} "
          f"(limit {args.limit}); {len(flagged)} flagged")
    return 1 if args.check and flagged else 0


if __name__ == "__main__":
    sys.exit(main())
