"""themes, keywords and continuity at scale on distinct texts, against baselines of the same run.

Issue 15 (point 3, measurement only). The corpus is ``corpus.generate`` (``benchmarks/corpus.py``):
``--tasks`` tasks (300,000 by default; ``--quick`` 20,000) in plans of 30 tasks over 5
years, so 2,000 issuers at 300,000, every task text distinct. Unlike ``bench_themes.py`` and
``bench_continuity.py``, which run on ``synthetic.py``'s corpus of repeated texts, nothing
here can be answered from a cache of repeats (the jieba blocks, the clauses between
punctuation, do repeat: a plan says 持续推进 … 建设 often; the script prints how much).

Each step runs in its own fresh Python process that loads the task table from Parquet,
so that its peak resident memory (``VmHWM``) is its own; the clock starts after the
table is loaded and the step's libraries are imported (civstat's jieba dictionary and
plain jieba's are loaded inside the clock, each where it is first used). Steps:

- baseline ``plain pass``: one pass over every task's text (title, text and goal as the
  analyses join them), counting its characters of Chinese: the floor of touching the text;
- baseline ``jieba.lcut``: jieba's global tokenizer (its own dictionary, no user dictionary)
  over every text, the cost segmentation sets;
- baseline ``tfidf char 1-2``: ``TfidfVectorizer(analyzer="char", ngram_range=(1, 2))``
  fitted on every text, the fit continuity cannot do without;
- ``themes(tasks)``, ``keywords(tasks)`` (by issuer and year, top 20) and
  ``continuity_all(tasks)`` (each issuer's consecutive plans), at the library's defaults.

For continuity the step also scores the links against the generator's record (after the
clock): precision (links made that are true) and recall (true links between consecutive
plans found), overall and by kind of change; and, untimed, on a sample of the plans a
commitment skipped (kind ``gap``), ``continuity(issuer, base_year, compare_year)`` between
the non-adjacent plans, its recall of the gap links and its precision against every
chain of true links between the two plans.

Seconds, peak GB (the step's process and its worker processes, each one's peak added
up) and the ratio of each analysis to each baseline are printed, with the goal of issue 15 (each analysis under 2 minutes and 4 GB on the 2-core machine). A step
that runs past ``--timeout`` seconds is killed and reported as such; ``--sizes
10000,30000,100000`` runs every step at each size, fits the growth exponent of seconds
(least squares on log-log) and extrapolates to ``--tasks``, saying so.

Run ``python benchmarks/bench_scale.py [--tasks 300000 | --quick] [--only themes,keywords]
[--sizes 10000,30000,100000] [--timeout 1800] [--seed 0]``.

Figures of 2026-12-02 on the 2-core machine (shared; ``python benchmarks/bench_scale.py``,
300,000 tasks, distinct-text ratio 1.0, 838,193 distinct jieba blocks of 1,043,435):
themes 3.9 s and 0.65 GB (0.13x jieba.lcut's 30.9 s), keywords 34.7 s and 1.15 GB (1.12x),
continuity_all 142.5 s and 1.93 GB (4.61x; over the 2-minute goal), plain pass 0.9 s and
0.53 GB, char TF-IDF fit 9.7 s and 1.00 GB. A first run under load gave jieba.lcut 51.5 s,
keywords 70.9 s, continuity 145.1 s. continuity_all at the default threshold: precision
0.806, recall 0.872 (reworded 0.906, split 0.778, renamed 0.771, merged 0.791); across
gaps, continuity() between the non-adjacent plans recalls 0.920 of the gap links.
``--sizes 10000,30000,100000``: growth exponent of seconds 0.82 for jieba.lcut, 0.86 for
keywords, 1.08 for continuity_all (3.3, 8.7, 38.4 s; 118 s extrapolated to 300,000, where
142.5 s was measured: 1.19 from 100,000 to 300,000). After 4b5cf23 (continuity compares the
two years asked for): continuity_all 134.7 s and 1.92 GB (4.16x jieba.lcut's 32.4 s), the
same links; the 295 untimed continuity() calls across gaps took 85 s instead of 19 s.

Figures of 2026-12-03 (``--only "continuity,tfidf char 1-2"``; peak GB from here on adds the
workers' peaks to the step process', an upper bound, where the figures above count the
step process alone): after the check on themes (a1e534a), continuity_all 132.0 s and 2.45
GB, precision 0.842 (from 0.806), recall 0.872, gap precision 0.700; after one repeats
product per issuer and the character counts in arrays (acff463 and the chunked counts
after it), 81.1 s and 3.63 GB, the same 181,312 links, 4.41x the char TF-IDF fit of the
same run (18.4 s, on a machine shared with another job's tests; 14.7x on 2026-12-02).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

YEARS = 5
PER_PLAN = 30
GOAL_SECONDS = 120
GOAL_GB = 4.0
BASELINES = ("plain pass", "jieba.lcut", "tfidf char 1-2")
ANALYSES = ("themes", "keywords", "continuity")
GAP_SAMPLE = 300  # gap links whose two plans are compared untimed


# -- the steps, each run in a child process ----------------------------------------------------


def _peak_gb() -> float:
    """Peak resident memory of this process and of the worker processes it started.

    Each process' VmHWM (its peak, which starts again at exec; ``ru_maxrss`` does not:
    Linux keeps it across ``execve``, so a child started from a parent holding the corpus
    would report the parent's peak), added up over this process and its descendants
    still running, such as joblib's workers, which stay for the next call. The sum of the
    peaks is an upper bound of the memory in use at any one time.
    """
    total = 0
    for pid in (os.getpid(), *_descendants(os.getpid())):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:     # not Linux, or the process has just ended
            continue
        total += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")), 0)
    if total == 0:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2  # not Linux: KiB
    return total / 1024**2  # kB


def _descendants(root: int) -> list[int]:
    """The processes started by ``root``, at any depth (read from /proc)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _step(name: str, folder: Path) -> dict:
    from civstat.analyse.similarity import _document

    tasks = pd.read_parquet(folder / "tasks.parquet")
    out: dict = {}
    if name == "plain pass":
        han = re.compile(r"[\u4e00-\u9fff]")
        docs = _document(tasks).tolist()
        start = time.perf_counter()
        out["result"] = sum(len(han.findall(d)) for d in docs)
    elif name == "jieba.lcut":
        import jieba

        jieba.setLogLevel(60)
        docs = _document(tasks).tolist()
        start = time.perf_counter()
        out["result"] = sum(len(jieba.lcut(d)) for d in docs)
    elif name == "tfidf char 1-2":
        import numpy as np
        from sklearn.feature_extraction.text import TfidfVectorizer

        docs = _document(tasks).tolist()
        start = time.perf_counter()
        m = TfidfVectorizer(analyzer="char", ngram_range=(1, 2), dtype=np.float32).fit_transform(docs)
        out["result"] = int(m.nnz)
    elif name == "themes":
        from civstat import themes

        start = time.perf_counter()
        out["result"] = len(themes(tasks))
    elif name == "keywords":
        import sklearn.feature_extraction.text  # noqa: F401  (imported before the clock)

        from civstat import keywords

        start = time.perf_counter()
        out["result"] = len(keywords(tasks, top=20))
    elif name == "continuity":
        import sklearn.feature_extraction.text  # noqa: F401

        from civstat import continuity_all

        start = time.perf_counter()
        links = continuity_all(tasks)
        out["seconds"] = time.perf_counter() - start
        out["peak_gb"] = _peak_gb()
        out["result"] = len(links)
        out.update(_score(tasks, links, pd.read_parquet(folder / "links.parquet")))
        return out
    else:
        raise ValueError(f"unknown step {name!r}")
    out["seconds"] = time.perf_counter() - start
    out["peak_gb"] = _peak_gb()
    return out


def _score(tasks: pd.DataFrame, found: pd.DataFrame, truth: pd.DataFrame) -> dict:
    """Precision and recall of continuity_all's links, and of continuity() across gaps."""
    made = set(zip(*(found.loc[found["status"] == "continued", c] for c in ("base_task", "compare_task")),
                   strict=True))
    pairs = dict(zip(zip(truth["task_id_old"], truth["task_id_new"], strict=True), truth["kind"], strict=True))
    adjacent = {p: k for p, k in pairs.items() if k != "gap"}
    hit = made & set(adjacent)
    by_kind = {}
    for kind in sorted(set(adjacent.values())):
        want = {p for p, k in adjacent.items() if k == kind}
        by_kind[kind] = [len(want & made), len(want)]
    component = _components(pairs)  # tasks joined by any chain of true links, either way
    related = sum(component.get(a, a) == component.get(b, b) for a, b in made)
    out = {"links_made": len(made), "related": related / max(len(made), 1), "links_true": len(adjacent), "links_right": len(hit),
           "precision": len(hit) / max(len(made), 1), "recall": len(hit) / max(len(adjacent), 1),
           "recall_by_kind": by_kind}

    # untimed: the plans a commitment skipped, compared directly
    from civstat import continuity
    from civstat.analyse.similarity import generic_words

    year = tasks.set_index("task_id")["year"].astype(int).to_dict()
    issuer = tasks.set_index("task_id")["issuer"].to_dict()
    gaps = sorted(p for p, k in pairs.items() if k == "gap")
    comparisons = sorted({(issuer[a], year[a], year[b]) for a, b in random.Random(0).sample(
        gaps, min(GAP_SAMPLE, len(gaps)))})
    children: dict[str, list[str]] = {}
    for a, b in pairs:
        children.setdefault(a, []).append(b)

    def descendants(task: str) -> set[str]:
        seen, todo = set(), [task]
        while todo:
            for child in children.get(todo.pop(), ()):
                if child not in seen:
                    seen.add(child)
                    todo.append(child)
        return seen

    generic = generic_words(tasks)
    gap_want = gap_found = right = made_n = 0
    start = time.perf_counter()
    for who, base, compare in comparisons:
        links = continuity(tasks, issuer=who, base_year=base, compare_year=compare, generic=generic)
        got = set(zip(*(links.loc[links["status"] == "continued", c] for c in ("base_task", "compare_task")),
                      strict=True))
        want = {(a, b) for a, b in gaps if issuer[a] == who and year[a] == base and year[b] == compare}
        gap_want += len(want)
        gap_found += len(want & got)
        made_n += len(got)
        right += sum(b in descendants(a) for a, b in got)
    out.update({"gap_comparisons": len(comparisons), "gap_links": gap_want, "gap_found": gap_found,
                "gap_precision": right / max(made_n, 1), "gap_recall": gap_found / max(gap_want, 1),
                "gap_seconds": time.perf_counter() - start})
    return out


def _components(pairs) -> dict[str, str]:
    """Each linked task's component (union-find over the true links, undirected)."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        parent[root(a)] = root(b)
    return {x: root(x) for x in parent}


# -- the parent ----------------------------------------------------------------------------------


def _run_child(name: str, folder: Path, timeout: float) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", name, str(folder)]
    start = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"timeout": True, "seconds": time.perf_counter() - start}
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else str(done.returncode),
                "peak_gb": math.nan, "seconds": math.nan}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _corpus(n_tasks: int, seed: int, folder: Path) -> dict:
    import corpus  # benchmarks/ is on sys.path when this script runs

    issuers = max(1, math.ceil(n_tasks / (YEARS * PER_PLAN)))
    start = time.perf_counter()
    made = corpus.generate(issuers, YEARS, PER_PLAN, seed)
    seconds = time.perf_counter() - start
    made.plans.tasks.to_parquet(folder / "tasks.parquet")
    made.links.to_parquet(folder / "links.parquet")
    texts = made.plans.tasks["text"]
    import jieba

    blocks = [b for t in texts.tolist() for b in jieba.re_han_default.findall(t)]
    return {"issuers": issuers, "tasks": len(texts), "seconds": seconds, "chars": int(texts.str.len().sum()),
            "distinct": made.distinct_ratio(), "blocks": len(blocks), "distinct_blocks": len(set(blocks)),
            "links": made.links.value_counts("kind").to_dict()}


def _measure(n_tasks: int, steps: list[str], seed: int, timeout: float) -> tuple[dict, dict]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        info = _corpus(n_tasks, seed, folder)
        print(f"\ncorpus: {info['issuers']:,} issuers x {YEARS} years x {PER_PLAN} tasks = {info['tasks']:,} "
              f"tasks, {info['chars'] / 1e6:.1f} M characters, generated in {info['seconds']:.1f} s; "
              f"distinct-text ratio {info['distinct']:.4f}; jieba blocks {info['distinct_blocks']:,} "
              f"distinct of {info['blocks']:,}; true links {info['links']}", flush=True)
        results = {}
        for name in steps:
            results[name] = r = _run_child(name, folder, timeout)
            if r.get("timeout"):
                print(f"  {name:<16} killed after {r['seconds']:.0f} s (--timeout)", flush=True)
            elif "error" in r:
                print(f"  {name:<16} failed: {r['error']}", flush=True)
            else:
                print(f"  {name:<16} {r['seconds']:9.1f} s  peak {r['peak_gb']:5.2f} GB", flush=True)
    return info, results


def _report(info: dict, results: dict) -> None:
    print(f"\n{'analysis':<12}{'seconds':>9}{'peak GB':>9}" + "".join(f"{'/ ' + b:>17}" for b in BASELINES)
          + "   goal (<120 s, <4 GB)")
    for name in ANALYSES:
        r = results.get(name)
        if r is None:
            continue
        if r.get("timeout") or "error" in r:
            print(f"{name:<12}{'killed' if r.get('timeout') else 'failed':>9}")
            continue
        ratios = "".join(f"{r['seconds'] / results[b]['seconds']:>17.2f}" if b in results
                         and "seconds" in results[b] and results[b]["seconds"] > 0 else f"{'':>17}"
                         for b in BASELINES)
        met = r["seconds"] < GOAL_SECONDS and r["peak_gb"] < GOAL_GB
        print(f"{name:<12}{r['seconds']:>9.1f}{r['peak_gb']:>9.2f}{ratios}   {'met' if met else 'MISSED'}")
    for b in BASELINES:
        r = results.get(b)
        if r and "peak_gb" in r and not r.get("timeout"):
            print(f"  baseline {b:<16}{r['seconds']:>8.1f} s  peak {r['peak_gb']:.2f} GB")
    c = results.get("continuity")
    if c and "precision" in c:
        kinds = ", ".join(f"{k} {a}/{n} ({a / max(n, 1):.3f})" for k, (a, n) in c["recall_by_kind"].items())
        print(f"\ncontinuity_all at the default threshold: {c['links_made']:,} links made, "
              f"{c['links_right']:,} true of {c['links_true']:,} true links between consecutive plans: "
              f"precision {c['precision']:.3f}, recall {c['recall']:.3f}")
        print(f"  lenient precision, links within one lineage (a direct restatement, or one reached "
              f"through other years, such as a split sibling's successor): {c['related']:.3f}")
        print(f"  recall by kind: {kinds}")
        print(f"  gap links (non-adjacent plans; continuity_all never compares them): continuity() on "
              f"{c['gap_comparisons']} issuer-year pairs ({c['gap_seconds']:.0f} s, untimed above): "
              f"recall {c['gap_found']}/{c['gap_links']} ({c['gap_recall']:.3f}), precision against "
              f"chains of true links {c['gap_precision']:.3f}")


def _fit(sizes: list[int], table: dict[int, dict], target: int) -> None:
    import numpy as np

    print(f"\ngrowth of seconds with tasks (least squares on log-log, sizes {sizes}), "
          f"extrapolated to {target:,} tasks (an extrapolation, not a measurement):")
    for name in (*BASELINES, *ANALYSES):
        points = [(n, table[n][1][name]) for n in sizes if name in table[n][1]]
        points = [(table[n][0]["tasks"], r["seconds"], r["peak_gb"]) for n, r in points
                  if "peak_gb" in r and not r.get("timeout") and r["seconds"] > 0]
        if len(points) < 2:
            continue
        x, t, m = (np.log(np.array(v, dtype=float)) for v in zip(*points, strict=True))
        slope, icept = np.polyfit(x, t, 1)
        mslope, micept = np.polyfit(x, m, 1)
        print(f"  {name:<16} exponent {slope:4.2f}  -> {math.exp(icept + slope * math.log(target)):8.0f} s; "
              f"memory exponent {mslope:4.2f} -> {math.exp(micept + mslope * math.log(target)):5.1f} GB")


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        print(json.dumps(_step(sys.argv[2], Path(sys.argv[3]))))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=300_000)
    parser.add_argument("--quick", action="store_true", help="20,000 tasks")
    parser.add_argument("--sizes", help="comma-separated sizes: measure each, fit and extrapolate to --tasks")
    parser.add_argument("--only", help=f"comma-separated steps of {', '.join(BASELINES + ANALYSES)}")
    parser.add_argument("--timeout", type=float, default=1800, help="seconds before a step is killed")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    steps = [s.strip() for s in args.only.split(",")] if args.only else [*BASELINES, *ANALYSES]
    unknown = set(steps) - set(BASELINES + ANALYSES)
    if unknown:
        parser.error(f"unknown steps {sorted(unknown)}")
    n = 20_000 if args.quick else args.tasks
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}, "
          f"Python {sys.version.split()[0]}; steps {steps}")
    if args.sizes:
        sizes = [int(s) for s in args.sizes.split(",")]
        table = {size: _measure(size, steps, args.seed, args.timeout) for size in sizes}
        for size in sizes:
            print(f"\n== {table[size][0]['tasks']:,} tasks ==")
            _report(*table[size])
        _fit(sizes, table, n)
    else:
        _report(*_measure(n, steps, args.seed, args.timeout))


if __name__ == "__main__":
    main()
