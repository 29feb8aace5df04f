"""Faster segmenters with the civil-affairs user dictionary, and jieba across processes.

Issue 15 (point 3): segmenting is the main cost of themes, keywords and continuity at
scale. This script measures, in one run and on the same texts:

1. every candidate segmenter that is installed (``rjieba``, ``jieba_fast``,
   ``jieba_fast_dat``, ``jieba_next``), each loaded with civstat's user dictionary
   (``civstat/data/userdict.txt``), against civstat's own jieba tokenizer,
   ``tokenizer().lcut(text)`` (jieba's default ``HMM=True``, as civstat calls it):

   - the share of texts whose tokens are identical to jieba's, as ``lcut`` gives them
     ("raw") and after civstat's filter of :func:`tokens` (punctuation, bare numbers,
     stop words and magnitudes dropped: "tokens()"), on every bundled text and on the
     scale set;
   - seconds on the scale set and the ratio to jieba's seconds;
   - the seconds to import and load it with the user dictionary in a fresh process
     (what each worker of a spawned pool pays);

2. jieba across ``--workers`` processes (chunks of ``--chunksize`` texts, results in
   order, tokens pickled back) against jieba serial: a forked pool that inherits the
   parent's loaded tokenizer, a spawned pool whose workers each load jieba and the user
   dictionary, and joblib's default (loky) backend, which spawns too. Each timing
   includes starting the pool. The parallel tokens are checked against the serial ones.

Texts: the bundled plans (``civstat.load_plans("data/raw")``: every distinct non-empty
title, text and goal of ``.tasks``) and a scale set of ``--n`` distinct texts (300,000
by default) composed from the bundled texts' clauses, recombined 2 to 5 at a time with
fresh numbers, seeded by ``--seed``. (``synthetic.py``'s corpus repeats its texts –
41,000 distinct in 300,000 tasks – so it is not used here: every text must be new.)

Run with ``python benchmarks/bench_segment.py [--n 300000] [--workers 2]
[--chunksize 5000] [--only jieba,rjieba]``. A candidate that is not installed is
reported and skipped (``pip install rjieba jieba_fast jieba-fast-dat jieba-next``).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import logging
import multiprocessing as mp
import os
import random
import re
import sys
import time
import warnings
from importlib.resources import files
from pathlib import Path

import civstat

try:  # after the restructure of civstat into subpackages
    from civstat.analyse import tokenize as _tokenize_module
    from civstat.analyse.tokenize import tokenizer, tokens
except ImportError:
    from civstat.tokenize import tokenizer, tokens

    from civstat import tokenize as _tokenize_module

REPO = Path(__file__).resolve().parent.parent
_CLAUSE = re.compile(r"[^，。；]+")
_NUMBER = re.compile(r"\d+")


# -- segmenters: each builder returns a function text -> list of str, user dictionary loaded --

def _userdict_bytes() -> bytes:
    return files("civstat.data").joinpath("userdict.txt").read_bytes()


def _make_jieba():
    return tokenizer().lcut  # civstat's own: private jieba.Tokenizer + user dictionary


def _make_rjieba():
    import rjieba

    seg = rjieba.Jieba()
    for line in _userdict_bytes().decode("utf-8").splitlines():
        parts = line.split()
        if parts:  # word [freq [tag]], as jieba reads it
            freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
            tag = parts[-1] if len(parts) > 1 and not parts[-1].isdigit() else None
            seg.add_word(parts[0], freq, tag)
    return lambda text: seg.cut(text, True)


def _make_jieba_fast():
    import jieba_fast

    logging.getLogger("jieba_fast").setLevel(logging.WARNING)
    tk = jieba_fast.Tokenizer()
    tk.load_userdict(io.BytesIO(_userdict_bytes()))
    return tk.lcut


def _make_jieba_fast_dat():
    import jieba_fast_dat

    logging.getLogger("jieba_fast_dat").setLevel(logging.WARNING)
    tk = jieba_fast_dat.Tokenizer()
    tk.load_userdict(str(files("civstat.data").joinpath("userdict.txt")))  # a path only
    return tk.lcut


def _make_jieba_next():
    import jieba_next

    logging.getLogger("jieba_next").setLevel(logging.WARNING)
    tk = jieba_next.Tokenizer()
    tk.load_userdict(io.StringIO(_userdict_bytes().decode("utf-8")))
    return tk.lcut


BUILDERS = {
    "jieba": _make_jieba,
    "rjieba": _make_rjieba,
    "jieba_fast": _make_jieba_fast,
    "jieba_fast_dat": _make_jieba_fast_dat,
    "jieba_next": _make_jieba_next,
}
_SEGMENTERS: dict = {}  # name -> built function, per process (a forked worker inherits it)


def segmenter(name: str):
    """The segmenter ``name``, built once per process."""
    if name not in _SEGMENTERS:
        _SEGMENTERS[name] = BUILDERS[name]()
        _SEGMENTERS[name]("预热")  # jieba and its kin load their dictionary on first use
    return _SEGMENTERS[name]


def _load_seconds(name: str) -> float:
    """Seconds to import and build ``name`` (run in a fresh spawned process)."""
    start = time.perf_counter()
    segmenter(name)
    return time.perf_counter() - start


def _cut_chunk(name: str, chunk: list[str]) -> list[list[str]]:
    seg = segmenter(name)
    return [seg(text) for text in chunk]


def _cut_chunk_jieba(chunk: list[str]) -> list[list[str]]:
    return _cut_chunk("jieba", chunk)


# -- texts --

#: Strings where segmenters are known to part: hyphens (jieba 0.42 keeps ``-`` inside a block),
#: percentages, Latin letters, full-width digits, decimals, newlines and spaces, user-dictionary
#: words next to unknown characters.
EDGE = [
    "打造2-3个村（社区）养老服务基地", "覆盖率达到100%，COVID-19防控", "老-人", "甲乙-丙丁服务",
    "新增床位１２００张，完成率95.5％", "推进\n适老化改造\r\n低保边缘家庭 五社联动",
    "A级景区、5G网络和e-政务", "“一老一小”整体解决方案", "第十四个五年规划2021—2025年",
]


def bundled_texts() -> list[str]:
    """The bundled plans' tasks: each distinct non-empty title, text and goal, each task's
    ``title\ntext\ngoal`` as themes and keywords segment it, and :data:`EDGE`."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the bundled plans' known problems
        tasks = civstat.load_plans(REPO / "data" / "raw").tasks.fillna({"title": "", "goal": ""})
    fields = {t for col in ("title", "text", "goal") for t in tasks[col] if t.strip()}
    joined = set(tasks["title"] + "\n" + tasks["text"] + "\n" + tasks["goal"])
    return sorted(fields | joined | set(EDGE))


def scale_texts(seeds: list[str], n: int, seed: int) -> list[str]:
    """``n`` distinct texts: 2-5 clauses of the seed texts, each number redrawn (seeded)."""
    clauses = sorted({c.strip() for text in seeds for c in _CLAUSE.findall(text) if len(c.strip()) > 1})
    rng = random.Random(seed)

    def renumber(match: re.Match) -> str:
        return str(rng.randint(1, 10 ** len(match.group())))

    out: dict[str, None] = {}
    while len(out) < n:
        parts = [_NUMBER.sub(renumber, rng.choice(clauses)) for _ in range(rng.randint(2, 5))]
        out.setdefault("，".join(parts) + rng.choice("。；"))
    return list(out)


# -- comparing --

def _keep():
    """civstat's filter of :func:`tokens`, applied to a raw cut."""
    m = _tokenize_module
    stop, rest = m.stopwords(), m._magnitude_unit()
    return lambda w: bool(m._WORD.search(w)) and not m._NUMBERISH.match(w) and w not in stop \
        and not rest.match(w)


def digests(cuts: list[list[str]], keep=None) -> list[bytes]:
    """A short digest per text of its tokens (optionally filtered), to compare runs cheaply."""
    out = []
    for words in cuts:
        if keep is not None:
            words = [w for w in words if keep(w)]
        out.append(hashlib.blake2b("\x1f".join(words).encode(), digest_size=8).digest())
    return out


def same_share(a: list[bytes], b: list[bytes]) -> float:
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def chunks(texts: list[str], size: int) -> list[list[str]]:
    return [texts[i:i + size] for i in range(0, len(texts), size)]


def pool_cut(texts, name, workers, size, method):
    """Cut ``texts`` with ``name`` across a ``method`` pool of ``workers`` (started here)."""
    with mp.get_context(method).Pool(workers) as pool:
        parts = pool.starmap(_cut_chunk, [(name, c) for c in chunks(texts, size)], chunksize=1)
    return [words for part in parts for words in part]


def joblib_cut(texts, workers, size):
    from bench_segment import (
        _cut_chunk_jieba as cut,  # by reference: loky pickles __main__'s by value
    )
    from joblib import Parallel, delayed

    parts = Parallel(n_jobs=workers)(delayed(cut)(c) for c in chunks(texts, size))
    return [words for part in parts for words in part]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300_000, help="distinct texts in the scale set")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--chunksize", type=int, default=5000, help="texts per task sent to a worker")
    parser.add_argument("--only", default=",".join(BUILDERS),
                        help="comma-separated segmenters to try (jieba is always run)")
    parser.add_argument("--no-parallel", action="store_true", help="skip the process-pool timings")
    args = parser.parse_args()
    logging.getLogger("jieba").setLevel(logging.WARNING)

    bundled = bundled_texts()
    start = time.perf_counter()
    scale = scale_texts([t for t in bundled if t not in EDGE], args.n, args.seed)
    chars = sum(map(len, scale))
    print(f"bundled plans: {len(bundled)} distinct texts (fields, joined tasks, edge cases); scale set: {len(scale):,} "
          f"distinct texts, {chars / 1e6:.1f} M characters, {chars / len(scale):.0f} per text "
          f"(composed in {time.perf_counter() - start:.1f} s)")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    keep = _keep()
    assert [w for w in tokenizer().lcut(bundled[0]) if keep(w)] == tokens(bundled[0])

    # reference: civstat's jieba, serial
    spawn = mp.get_context("spawn")
    with spawn.Pool(1) as p:
        jieba_load = p.apply(_load_seconds, ("jieba",))
    segmenter("jieba")
    ref_bundled = [tokenizer().lcut(t) for t in bundled]
    ref_raw_b, ref_tok_b = digests(ref_bundled), digests(ref_bundled, keep)
    jieba_s, cuts = timed(lambda: [tokenizer().lcut(t) for t in scale])
    ref_raw, ref_tok = digests(cuts), digests(cuts, keep)
    del cuts

    print(f"\n{'segmenter':<16}{'version':>10}{'load s':>8}{'seconds':>9}{'x jieba':>9}{'texts/s':>9}"
          f"  identical raw / tokens(): bundled, scale set")
    print(f"{'jieba (civstat)':<16}{_version('jieba'):>10}{jieba_load:>8.2f}{jieba_s:>9.1f}{1:>9.2f}"
          f"{len(scale) / jieba_s:>9.0f}  (reference)")
    results = {}
    for name in [n for n in args.only.split(",") if n and n != "jieba"]:
        try:
            with spawn.Pool(1) as p:
                load = p.apply(_load_seconds, (name,))
            seg = segmenter(name)
        except Exception as exc:  # not installed, or broken on this Python
            print(f"{name:<16}{'-':>10}  not usable here: {type(exc).__name__}: {exc}")
            continue
        out_b = [seg(t) for t in bundled]
        same_b = same_share(digests(out_b), ref_raw_b), same_share(digests(out_b, keep), ref_tok_b)
        seconds, cuts = timed(lambda seg=seg: [seg(t) for t in scale])
        same_s = same_share(digests(cuts), ref_raw), same_share(digests(cuts, keep), ref_tok)
        del cuts
        results[name] = (seconds, same_b, same_s)
        print(f"{name:<16}{_version(name):>10}{load:>8.2f}{seconds:>9.1f}{seconds / jieba_s:>9.2f}"
              f"{len(scale) / seconds:>9.0f}  {same_b[0]:7.2%} / {same_b[1]:7.2%}, "
              f"{same_s[0]:7.2%} / {same_s[1]:7.2%}")
        diff = next(((t, a, b) for t, a, b in zip(bundled, out_b, ref_bundled, strict=True) if a != b), None)
        if diff:
            print(f"{'':<16}first bundled difference: {_first_difference(diff[2], diff[1])}")

    if not args.no_parallel:
        print(f"\njieba (and each fully identical candidate) across {args.workers} processes, chunks of {args.chunksize:,} texts "
              f"(pool start, dictionary loads and pickling included):")
        runs = [
            ("jieba fork pool (inherits the loaded tokenizer)", jieba_s,
             lambda: pool_cut(scale, "jieba", args.workers, args.chunksize, "fork")),
            ("jieba spawn pool (each worker loads its dict)", jieba_s,
             lambda: pool_cut(scale, "jieba", args.workers, args.chunksize, "spawn")),
            ("jieba joblib Parallel (loky, spawns)", jieba_s,
             lambda: joblib_cut(scale, args.workers, args.chunksize)),
        ]
        runs += [(f"{name} fork pool", own, lambda name=name: pool_cut(scale, name, args.workers,
                                                                       args.chunksize, "fork"))
                 for name, (own, same_b, same_s) in results.items() if min(same_b + same_s) == 1]
        print(f"{'run':<50}{'seconds':>9}{'x jieba':>9}{'x own serial':>14}  identical to jieba")
        for label, own, run in runs:
            try:
                seconds, cuts = timed(run)
            except Exception as exc:
                print(f"{label:<50}  failed: {type(exc).__name__}: {exc}")
                continue
            same = same_share(digests(cuts), ref_raw)
            print(f"{label:<50}{seconds:>9.1f}{seconds / jieba_s:>9.2f}{seconds / own:>14.2f}  {same:.2%}")
            del cuts
    print(f"\njieba load per fresh worker (import + dictionary cache + userdict): {jieba_load:.2f} s")


def _version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name.replace("_", "-"))
    except PackageNotFoundError:
        return "?"


def _first_difference(ref: list[str], got: list[str]) -> str:
    i = next(i for i, (a, b) in enumerate(zip(ref, got, strict=False)) if a != b) if ref[:len(got)] != got[:len(ref)] \
        else min(len(ref), len(got))
    return f"jieba {ref[i:i + 4]} vs {got[i:i + 4]}"


if __name__ == "__main__":
    main()
