"""Continuity at scale: ``continuity_all`` over a synthetic corpus against fitting the TF-IDF alone.

The corpus is ``synthetic_plans(n_issuers, years, tasks, seed)`` (by default 2,000
issuers x 5 years x 30 tasks = 300,000 tasks). Each step runs in a fresh process that
loads the task table from a Parquet file, so that its peak memory is its own:

- baseline: ``TfidfVectorizer(analyzer="char", ngram_range=(1, 2)).fit_transform`` over
  every task text, the textbook fit that continuity cannot do without;
- candidate: ``civstat.analyse.continuity.continuity_all(tasks)``: one fit, then every issuer
  and every pair of consecutive years, sparse 30 x 30 blocks, shared terms and all.

Prints seconds, peak resident memory and the ratio candidate / baseline, and how well
the links agree with the generator's record: the share of the tasks it carried over
that are linked (recall), and the share of links that join two tasks grown from the
same seed task (a lower bound on precision: a task may also split, and some seeds are
themselves the same commitment in two Wuhan plans, 2022 item 3 and 2023 item 3).
Target: under 2 minutes and 4 GB on a 2-core machine.

Run ``python benchmarks/bench_continuity.py [--issuers N] [--runs N]``.
"""

import multiprocessing
import os
import resource
import statistics
import tempfile
import time
import warnings
from pathlib import Path

import pandas as pd
from synthetic import corpus_parser, synthetic_plans

TARGET_SECONDS = 120
TARGET_MB = 4096


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def baseline(folder: str) -> dict:
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    from civstat.analyse.similarity import _document

    tasks = pd.read_parquet(Path(folder) / "tasks.parquet")
    loaded = peak_mb()
    start = time.perf_counter()
    texts = _document(tasks).tolist()
    TfidfVectorizer(analyzer="char", ngram_range=(1, 2), dtype=np.float32).fit_transform(texts)
    return {"seconds": time.perf_counter() - start, "peak_mb": peak_mb(), "loaded_mb": loaded}


def candidate(folder: str) -> dict:
    import sklearn.feature_extraction.text  # noqa: F401  (imported before the clock starts, as in baseline)

    from civstat.analyse.continuity import continuity_all

    tasks = pd.read_parquet(Path(folder) / "tasks.parquet")
    loaded = peak_mb()
    start = time.perf_counter()
    links = continuity_all(tasks)
    seconds = time.perf_counter() - start
    truth = pd.read_parquet(Path(folder) / "truth.parquet")
    carried = {(a, b) for a, b in zip(truth["previous"], truth["task_id"], strict=True) if a}
    seed = dict(zip(truth["task_id"], truth["seed_task"], strict=True))
    found = links[links["status"] == "continued"]
    made = list(zip(found["base_task"], found["compare_task"], strict=True))
    return {"seconds": seconds, "peak_mb": peak_mb(), "loaded_mb": loaded, "rows": len(links),
            "counted": links[links["counted"]].value_counts("status").to_dict(),
            "carried": len(carried & set(made)) / max(len(carried), 1),
            "same_seed": sum(seed[a] == seed[b] for a, b in made) / max(len(made), 1)}


def in_fresh_process(step, folder: str) -> dict:
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(step, (folder,))


def main() -> None:
    parser = corpus_parser(__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    warnings.simplefilter("ignore")

    start = time.perf_counter()
    plans, truth = synthetic_plans(args.issuers, args.years, args.tasks, args.seed, return_links=True)
    made = time.perf_counter() - start
    n_texts = len(plans.tasks)
    with tempfile.TemporaryDirectory() as folder:
        plans.tasks.to_parquet(Path(folder) / "tasks.parquet")
        truth.to_parquet(Path(folder) / "truth.parquet")
        del plans
        base, cand = [], []
        for _ in range(args.runs):  # alternate, so that machine noise hits both alike
            base.append(in_fresh_process(baseline, folder))
            cand.append(in_fresh_process(candidate, folder))

    b = statistics.median(r["seconds"] for r in base)
    c = statistics.median(r["seconds"] for r in cand)
    last = cand[-1]
    print(f"corpus: {args.issuers} issuers x {args.years} years x {args.tasks} tasks = {n_texts:,} tasks "
          f"(generated in {made:.1f} s); {os.cpu_count()} cores")
    print(f"baseline, TfidfVectorizer(char 1-2).fit_transform alone: {b:.1f} s, "
          f"peak {max(r['peak_mb'] for r in base):,.0f} MB (task table loaded: {base[-1]['loaded_mb']:,.0f} MB)")
    print(f"continuity_all, every issuer and pair of consecutive years: {c:.1f} s, "
          f"peak {max(r['peak_mb'] for r in cand):,.0f} MB (task table loaded: {last['loaded_mb']:,.0f} MB)")
    print(f"ratio continuity_all / baseline: {c / b:.2f}  (median of {args.runs} run(s) each)")
    print(f"target: under {TARGET_SECONDS} s and {TARGET_MB:,} MB -> "
          f"{'met' if c < TARGET_SECONDS and max(r['peak_mb'] for r in cand) < TARGET_MB else 'MISSED'}")
    print(f"rows: {last['rows']:,}; counted by status: {last['counted']}")
    print(f"links against the generator's record: {last['carried']:.3f} of the tasks it carried over "
          f"are linked; {last['same_seed']:.3f} of the links join two tasks grown from the same seed")


if __name__ == "__main__":
    main()
