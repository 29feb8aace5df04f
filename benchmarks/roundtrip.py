"""Round-trip accuracy of the reader: plans written from a known table, read back, compared.

    python benchmarks/roundtrip.py [--n 5000] [--seed 0] [--show 10]

Prints the share of fields read right (text, leaders, lead units, co-units, deadline,
progress per task), per layout and format, and the most common failures. The plans
come from ``tests/plangen.py`` (seeded, reproducible).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import plangen  # noqa: E402

import civstat  # noqa: E402


def run(n: int, seed: int) -> tuple[dict, Counter, list]:
    rng = random.Random(seed)
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    failures: Counter = Counter()
    examples = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(n):
            plan = plangen.make_plan(rng)
            path = plangen.write(plan, Path(tmp), f"p{k}")
            kind = plangen.describe(plan)
            try:
                plans = civstat.read_plan(path, issuer="某区民政局", year=2024)
                right, total, wrong = plangen.score(plan, plans)
            except civstat.ReadError as exc:
                right, total, wrong = 0, len(plan.tasks) * len(plangen.FIELDS), [f"ReadError {exc.message[:40]}"]
            stats = by_kind[kind]
            stats[0] += right
            stats[1] += total
            stats[2] += 1
            for w in wrong:
                failures[(kind, w.split(" ", 2)[-1] if w.startswith("task") else w)] += 1
            if wrong and len(examples) < 50:
                examples.append((k, kind, wrong[:4]))
            path.unlink()
    return by_kind, failures, examples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--show", type=int, default=15)
    args = parser.parse_args()
    start = time.perf_counter()
    by_kind, failures, examples = run(args.n, args.seed)
    right = sum(v[0] for v in by_kind.values())
    total = sum(v[1] for v in by_kind.values())
    print(f"{args.n} documents in {time.perf_counter() - start:.0f} s: {right}/{total} fields right "
          f"({right / total:.2%})")
    for kind, (r, t, docs) in sorted(by_kind.items()):
        print(f"  {kind:28s} {docs:5d} documents  {r / t:7.2%}")
    print("most common failures:")
    for (kind, what), count in failures.most_common(args.show):
        print(f"  {count:5d}  {kind:28s} {what}")
    for k, kind, wrong in examples[: args.show]:
        print(f"  example p{k} ({kind}): {wrong}")


if __name__ == "__main__":
    main()
