"""themes() and keywords() over a synthetic corpus (300,000 tasks), against plain baselines.

The corpus comes from ``synthetic.synthetic_plans`` (2,000 issuers x 5 years x 30 tasks,
seeded). The baselines are measured in the same run, on the same texts (title, text and
goal of each task):

- for ``themes()``: plain pandas, one ``Series.str.contains(term, regex=False)`` per lexicon
  term, which is what one writes without civstat (and it only says whether, not which);
- for ``keywords()``: tokenizing every task once with ``civstat.analyse.tokenize.tokens``, the bulk
  of the work TF-IDF needs.

Each step runs in a forked child process, so that its peak memory is its own: the script
prints seconds, how far the step's peak resident memory rose above the process already
holding the corpus, and the ratio of each function to its baseline. Target: themes and
keywords each under 2 minutes on 2 cores.

Run with ``python benchmarks/bench_themes.py [--issuers 2000] [--years 5] [--tasks 30]``.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
import sys
import time
from pathlib import Path

from synthetic import (  # benchmarks/ is on sys.path when this script runs
    corpus_parser,
    synthetic_plans,
)

from civstat.analyse.keywords import keywords
from civstat.analyse.themes import theme_lexicon, themes
from civstat.analyse.tokenize import tokens

TARGET = 120.0  # seconds


def rss_mb() -> float:
    """Current resident memory of this process (Linux)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def _child(fn, conn) -> None:
    before = rss_mb()
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3  # kB -> MB
    conn.send((seconds, max(peak - before, 0.0), result))  # statm and maxrss differ by a few MB
    conn.close()


def measure(fn):
    """Run ``fn()`` in a forked child: seconds, MB its peak memory grew by, fn's (small) result."""
    parent, child = mp.Pipe(duplex=False)
    process = mp.get_context("fork").Process(target=_child, args=(fn, child))
    process.start()
    out = parent.recv()
    process.join()
    return out


def main() -> None:
    parser = corpus_parser(__doc__.splitlines()[0])
    args = parser.parse_args()

    start = time.perf_counter()
    plans = synthetic_plans(args.issuers, args.years, args.tasks, seed=args.seed)
    tasks = plans.tasks
    docs = tasks["title"] + "\n" + tasks["text"] + "\n" + tasks["goal"]
    terms = theme_lexicon()["term"].unique().tolist()
    print(f"corpus: {args.issuers} issuers x {args.years} years x {args.tasks} tasks = "
          f"{len(tasks):,} tasks, {docs.str.len().sum() / 1e6:.1f} M characters "
          f"(generated in {time.perf_counter() - start:.1f} s; process at {rss_mb():.0f} MB)")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")

    def contains_each_term():
        return int(sum(docs.str.contains(term, regex=False).sum() for term in terms))

    def tokenize_each_task():
        return sum(len(tokens(doc)) for doc in docs.tolist())

    steps = [
        (f"baseline: str.contains per lexicon term ({len(terms)} terms)", contains_each_term),
        ("themes(plans)", lambda: len(themes(plans))),
        ("baseline: tokens() on every task", tokenize_each_task),
        ("keywords(plans, top=20)", lambda: len(keywords(plans, top=20))),
    ]
    results = {}
    print(f"\n{'step':<55}{'seconds':>9}{'peak +MB':>10}  result")
    for name, fn in steps:
        seconds, grown, result = measure(fn)
        results[name] = seconds
        print(f"{name:<55}{seconds:>9.1f}{grown:>10.0f}  {result:,}")
    print("(peak +MB: how far the step's peak resident memory rose above the process holding the corpus)")

    names = list(results)
    t_themes, t_keywords = results[names[1]], results[names[3]]
    print(f"\nratio themes / str.contains baseline:  {t_themes / results[names[0]]:.2f}")
    print(f"ratio keywords / tokenize baseline:     {t_keywords / results[names[2]]:.2f}")
    verdict = "met" if max(t_themes, t_keywords) < TARGET else "MISSED"
    import jieba

    blocks = [b for doc in docs.tolist() for b in jieba.re_han_default.split(doc) if b]
    print(f"keywords segments each distinct jieba block once: {len(set(blocks)):,} distinct of "
          f"{len(blocks):,} blocks in this corpus")
    print(f"target (themes and keywords each under {TARGET:.0f} s): {verdict}")


if __name__ == "__main__":
    main()
