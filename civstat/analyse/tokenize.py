"""Chinese word segmentation for the analyses: one private jieba tokenizer, built once.

Analyse layer, under themes, keywords and continuity: text into words.

The tokenizer loads civstat's civil-affairs user dictionary
(``civstat/data/userdict.txt``: 适老化, 低保边缘, 五社联动 …) so that domain terms come
out whole. jieba's global tokenizer is never touched, and jieba is imported only
when text is first tokenized, never by ``import civstat``.

Where jieba-next is installed (``pip install civstat[fast]``: jieba's algorithm and
dictionary in Rust), it does the segmenting: measured on the bundled plans and 20,000
generated task texts, it gives exactly jieba's words (a test checks the bundled ones) in
0.23× jieba's time. ``CIVSTAT_SEGMENTER=jieba`` keeps plain jieba.
"""

from __future__ import annotations

import io
import logging
import re
from functools import cache
from importlib.resources import files

_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z0-9%％]")
_NUMBERISH = re.compile(r"^[\d.%％]+$")


#: jieba's own split of a text into the runs it segments one by one (``jieba.re_han_default``).
_BLOCK = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+)", re.UNICODE)

#: The environment variable that picks the segmenter: ``jieba`` for plain jieba.
SEGMENTER_VAR = "CIVSTAT_SEGMENTER"


def segmenter() -> str:
    """Name the module that segments: ``jieba_next`` where it is installed, else ``jieba``."""
    import importlib.util
    import os

    if os.environ.get(SEGMENTER_VAR, "").strip().lower() != "jieba" and importlib.util.find_spec("jieba_next"):
        return "jieba_next"
    return "jieba"


@cache
def tokenizer():
    """Return civstat's private tokenizer with the user dictionary loaded (cached).

    A ``jieba_next.Tokenizer`` where jieba-next is installed, else a ``jieba.Tokenizer``
    (see :func:`segmenter`); both segment alike.
    """
    import importlib

    name = segmenter()
    module = importlib.import_module(name)
    logging.getLogger(name).setLevel(logging.WARNING)
    tk = _read_cache_whole(module.Tokenizer)()
    words = files("civstat.data").joinpath("userdict.txt").read_bytes()
    # jieba reads the dictionary as bytes, jieba-next as text
    tk.load_userdict(io.StringIO(words.decode("utf-8")) if name == "jieba_next" else io.BytesIO(words))
    return tk


def _read_cache_whole(base: type) -> type:
    """Return ``base``, a jieba-next tokenizer class, loading its dictionary cache in one read.

    jieba-next loads its dictionary's cache (a 9 MB marshal file of some 500,000 words)
    with ``marshal.load`` on the open file, which reads it a few bytes at a time: 0.9 s,
    against 0.25 s for ``marshal.loads`` of the whole file read at once, the same
    objects. That is most of what building the tokenizer costs, in every kernel of
    ``civstat brief`` and every command that segments. The default dictionary's cache is
    read whole here; anything else (no cache yet, another dictionary, an unreadable
    cache) goes to jieba-next's own loading, as does a class without that hook (plain
    jieba, another jieba-next).
    """
    if not hasattr(base, "_load_from_cache"):
        return base

    class Tokenizer(base):
        def _load_from_cache(self, cache_file, abs_path) -> bool:
            import marshal
            from pathlib import Path

            if abs_path is None:  # jieba-next's default dictionary, whose cache it never checks for age
                try:
                    self.FREQ, self.total = marshal.loads(Path(cache_file).read_bytes())
                    return True
                except (OSError, ValueError, EOFError, TypeError):
                    pass
            return super()._load_from_cache(cache_file, abs_path)

    return Tokenizer


@cache
def _magnitude_unit() -> re.Pattern:
    """Match a token that is only a magnitude and a unit (万套, 万人): the rest of a number."""
    from civstat.read import reference

    units = sorted({r["unit"] for r in reference.table("units.csv") if r["unit"][0] >= "\u4e00"},
                   key=len, reverse=True)
    return re.compile(f"^[十百千万亿]+(?:{'|'.join(map(re.escape, units))})?$")


@cache
def stopwords() -> frozenset[str]:
    """Return the stop words of ``civstat/data/stopwords.txt`` (one per line)."""
    text = files("civstat.data").joinpath("stopwords.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def tokens(text: str) -> list[str]:
    """Split text into words: no punctuation, no bare numbers or their magnitudes, no stop words.

    Examples
    --------
    >>> tokens("推进特殊困难老年人家庭居家适老化改造2000户")
    ['特殊', '困难', '老年人', '家庭', '居家适老化改造', '户']
    >>> tokens("建设筹集保障性租赁住房10万套")
    ['筹集', '保障性', '租赁', '住房']
    """
    stop = stopwords()
    rest = _magnitude_unit()
    return [
        w for w in tokenizer().lcut(text)
        if _WORD.search(w) and not _NUMBERISH.match(w) and w not in stop and not rest.match(w)
    ]


#: Distinct blocks (see :func:`tokenize_all`) from which :func:`tokenize_all` segments them
#: in parallel processes by default: each process builds its own tokenizer (about 1 s with
#: its imports), which pays off from some tens of thousands of blocks (a few seconds of
#: segmenting).
PARALLEL_MIN_BLOCKS = 40_000


def tokenize_all(texts, *, min_length: int = 1, jobs: int | None = None) -> list[list[str]]:
    """Return the tokens of each text (:func:`tokens`), each distinct block segmented once.

    jieba cuts a text into blocks of Chinese, letters and digits at every other
    character and segments each block on its own, so tokenizing a text block by block
    gives exactly its tokens. Plans repeat their phrases, and each distinct block is
    segmented once. Words shorter than ``min_length`` characters are left out. From
    :data:`PARALLEL_MIN_BLOCKS` distinct blocks, or as ``jobs`` or an active
    ``joblib.parallel_config`` says (see :func:`civstat.parallel.spread`), the blocks are
    shared out among processes through joblib; the tokens are the same either way.

    Examples
    --------
    >>> tokenize_all(["特殊困难老年人家庭居家适老化改造2000户", "改造"], min_length=2)
    [['特殊', '困难', '老年人', '家庭', '居家适老化改造'], ['改造']]
    """
    from itertools import chain

    from civstat import parallel

    split = _BLOCK.split
    pieces = [[p for p in split(text) if p] for text in texts]
    distinct = list(dict.fromkeys(chain.from_iterable(pieces)))
    if parallel.spread(jobs, items=len(distinct), worth=len(distinct) >= PARALLEL_MIN_BLOCKS):
        from joblib import Parallel, delayed  # here, not at the top: `import civstat` stays light

        n = parallel.n_jobs(jobs)
        size = -(-len(distinct) // (n * 4))  # a few chunks a process, so that none waits on one
        chunks = [distinct[k:k + size] for k in range(0, len(distinct), size)]
        segmented = chain.from_iterable(Parallel(n_jobs=n)(delayed(_segment)(c, min_length) for c in chunks))
    else:
        segmented = _segment(distinct, min_length)
    words = dict(zip(distinct, segmented, strict=True))
    return [list(chain.from_iterable(words[p] for p in ps)) for ps in pieces]


def _segment(blocks: list[str], min_length: int) -> list[list[str]]:
    """Return the tokens of each block of at least ``min_length`` characters (in a worker process)."""
    return [[w for w in tokens(b) if len(w) >= min_length] for b in blocks]

