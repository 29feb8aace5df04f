"""How continuity's cost grows with the size of one issuer's plans (issue 15 point 5).

One issuer, two consecutive plans of ``n`` tasks each (``corpus.generate(1, 2, n)``:
distinct texts, with the generator's record of what continues), for ``n`` = 30 … 3,000.
Each size runs in a fresh process, so that its peak memory is its own:

- baseline: the character TF-IDF fit of the same texts (``TfidfVectorizer(analyzer="char",
  ngram_range=(1, 2))``), which continuity cannot do without and which grows linearly;
- candidate: ``civstat.continuity(plans, issuer=…, base_year=…, compare_year=…)``.

Prints seconds, peak resident memory and the ratio candidate / baseline per size, and the
growth exponent of each (the slope of log time against log n between the two largest
sizes, and a least-squares fit over the sizes from 300 up). Goal: exponent ≤ 1.1.

Run ``python benchmarks/bench_continuity_growth.py [--sizes 30 100 300 1000 3000]``.
"""

import argparse
import multiprocessing
import resource
import time

import numpy as np


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _step(which: str, n: int, seed: int, queue) -> None:
    from corpus import generate

    corpus = generate(1, 2, n, seed=seed)
    plans = corpus.plans
    issuer = plans.documents["issuer"].iloc[0]
    y0, y1 = sorted(plans.documents["year"].astype(int))
    if which == "baseline":
        from sklearn.feature_extraction.text import TfidfVectorizer

        texts = plans.tasks["text"].tolist()
        start = time.perf_counter()
        TfidfVectorizer(analyzer="char", ngram_range=(1, 2)).fit_transform(texts)
        seconds = time.perf_counter() - start
        queue.put({"seconds": seconds, "mb": _peak_mb()})
        return
    from civstat import continuity
    from civstat.analyse.tokenize import tokens

    tokens("预热分词词典")  # the jieba dictionary loads once per process, at any size: not growth
    start = time.perf_counter()
    links = continuity(plans, issuer=issuer, base_year=y0, compare_year=y1)
    seconds = time.perf_counter() - start
    truth = corpus.links
    found = set(zip(links.loc[links.status == "continued", "base_task"],
                    links.loc[links.status == "continued", "compare_task"], strict=True))
    true = set(zip(truth["task_id_old"], truth["task_id_new"], strict=True))
    queue.put({"seconds": seconds, "mb": _peak_mb(), "links": len(found),
               "precision": len(found & true) / len(found) if found else float("nan"),
               "recall": len(found & true) / len(true) if true else float("nan")})


def run(which: str, n: int, seed: int) -> dict:
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    process = ctx.Process(target=_step, args=(which, n, seed, queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def exponent(sizes, seconds) -> float:
    return float(np.polyfit(np.log(sizes), np.log(seconds), 1)[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[30, 100, 300, 1000, 3000])
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rows = []
    print(f"{'tasks/year':>10} {'baseline s':>10} {'continuity s':>12} {'ratio':>7} {'peak MB':>8} "
          f"{'precision':>9} {'recall':>7}")
    for n in args.sizes:
        base, cand = run("baseline", n, args.seed), run("candidate", n, args.seed)
        rows.append((n, base["seconds"], cand["seconds"], cand["mb"]))
        print(f"{n:>10} {base['seconds']:>10.3f} {cand['seconds']:>12.3f} {cand['seconds'] / base['seconds']:>7.1f} "
              f"{cand['mb']:>8.0f} {cand['precision']:>9.3f} {cand['recall']:>7.3f}", flush=True)
    sizes = [r[0] for r in rows]
    if len(rows) >= 2:
        big = [r for r in rows if r[0] >= 300] or rows
        for label, col in (("baseline", 1), ("continuity", 2)):
            last = exponent(sizes[-2:], [r[col] for r in rows[-2:]])
            fit = exponent([r[0] for r in big], [r[col] for r in big]) if len(big) >= 2 else last
            print(f"growth exponent of {label}: {last:.2f} between {sizes[-2]} and {sizes[-1]} tasks, "
                  f"{fit:.2f} fitted from {big[0][0]} up")


if __name__ == "__main__":
    main()
