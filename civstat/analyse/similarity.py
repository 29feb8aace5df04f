"""How alike two tasks are: character TF-IDF vectors, the subject they share, generic words.

Part of the analyse layer, under :mod:`civstat.analyse.continuity`: one engine
vectorizes a table of tasks once and compares them issuer by issuer (links across
years, repeats within a plan); the words a corpus uses everywhere are learned here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from civstat.plans import task_table

#: Cosine similarity from which two tasks of different years are the same commitment
#: (digits masked, and with more than generic words in common: :data:`MIN_SHARED`).
#: Chosen by measurement: the best F1 on the hand-labelled pairs of the three Wuhan plans,
#: precision 1.0 and recall 0.941 (16 of 17 links found, none wrong; one of them through
#: the plan between, under the threshold: :func:`civstat.analyse.continuity.continuity`); see
#: ``tests/test_continuity.py::test_precision_and_recall_on_the_labelled_pairs``. With the
#: check near the threshold (:data:`NEAR_MARGIN`), 0.15 to 0.20 give the same links there;
#: 0.20, chosen before that check, stays: the fewest links for the same F1.
CONTINUITY_THRESHOLD = 0.20


#: Score from which two tasks of one plan are the same commitment listed twice. The
#: score is the lower of the cosine similarity and the share of the shorter task's
#: character bigrams found in the longer one, so that a task and its repeat with an
#: extra clause agree, but two parallel tasks on one template (养老服务工作争取省政府督查激励
#: and 社会救助工作争取省政府督查激励) do not. Measured on the bundled plans: the four
#: repeats score 0.77 to 0.90, the closest pair that is not a repeat 0.71 (those two);
#: the threshold is halfway. See
#: ``tests/test_continuity.py::test_duplicates_threshold_separates_the_bundled_pairs``.
DUPLICATE_THRESHOLD = 0.74


#: How many links a task keeps at most, its best ones: a link must be among the ``TOP``
#: best of its earlier task or of its later one. With 1 a link is the best of at least
#: one of its two tasks: links are one to one unless a task really splits (its parts
#: each have it as their best) or merges.
TOP = 1


#: A word found in at least this share of the corpus' tasks is generic (养老, 老年人,
#: 社区, 经济 … on the bundled plans): it says what field a task is in, not which
#: commitment it is, and a link needs more than generic words in common. Learned from
#: the tasks given (all of ``plans``, not just the two plans compared); the stop words
#: of ``civstat/data/stopwords.txt`` (服务, 工作, 建设 …) are never words at all.
GENERIC_SHARE = 0.06


#: ... and in at least this many tasks: in a small corpus a share is too few tasks to tell.
GENERIC_MIN_TASKS = 3


#: Character pairs of non-generic words two tasks must share to be linked: two words of
#: two characters, or one longer word (适老化改造).
MIN_SHARED = 2


#: A link scoring less than :data:`NEAR_MARGIN` above the threshold holds on little text in
#: common, and needs more of a subject: at least :data:`NEAR_SHARED` character pairs of
#: non-generic words (a word of five characters, or two words), not one short name that two
#: different tasks of a field both mention (社会组织 in a task on volunteers and in one on
#: party building). Measured on generated corpora of two plans (``corpus.generate(1, 2, n,
#: seed)``, 30 / 100 / 300 tasks, seeds 11 and 12, not used before): precision rose by 0.004
#: to 0.09 and recall stayed the same in every corpus; a margin of 0.08 began to cost
#: recall. On the labelled pairs it removes the two wrong Xuanzhou links and keeps every
#: right one (see ``tests/test_continuity.py``).
NEAR_MARGIN = 0.05
NEAR_SHARED = 4


#: Digits are masked before texts are compared (``80个`` and ``70个`` are the same
#: clause): numbers are compared separately, as targets (:func:`civstat.target_changes`).
_DIGITS = re.compile(r"[0-9]+(?:[.,][0-9]+)*")


#: How many shared words explain a link at most.
MAX_TERMS = 8


_LINK_COLUMNS = [
    "issuer", "base_year", "compare_year", "base_task", "compare_task", "score", "status",
    "shared_terms", "base_text", "compare_text", "base_duplicate_of", "compare_duplicate_of",
    "counted", "via",
]


_DUPLICATE_COLUMNS = ["issuer", "year", "task_a", "task_b", "score", "text_a", "text_b"]


# jieba segments each run of these characters on its own (its ``re_han_default``), so a
# text's words are the words of its runs; plans repeat their clauses, and runs are cached.
_JIEBA_BLOCK = re.compile(r"[^\u4E00-\u9FD5a-zA-Z0-9+#&._%\-]+")


def generic_words(plans, *, share: float = GENERIC_SHARE) -> frozenset[str]:
    """Learn the generic words of a corpus: those found in many of its tasks.

    A word (civstat's jieba words of two characters or more) found in at least ``share``
    of the tasks, and in at least :data:`GENERIC_MIN_TASKS` of them, names a field of work
    (养老, 社区, 经济), not a commitment: two tasks that share only such words are not the
    same work. The few words of ``civstat/data/generic_words.txt`` (体系, 中心 …) are
    generic in any corpus.

    Parameters
    ----------
    plans : Plans or pandas.DataFrame
        The corpus: plans, or a table of tasks.
    share : float, default GENERIC_SHARE
        The share of tasks from which a word is generic.

    Returns
    -------
    frozenset of str

    Examples
    --------
    >>> import civstat
    >>> words = generic_words(civstat.load_plans(errors="ignore"))
    >>> sorted(w for w in ("养老", "老年人", "社区", "经济", "家政", "适老化改造") if w in words)
    ['养老', '社区', '经济', '老年人']
    """
    return _generic(_document(task_table(plans)), share=share)[0]


def _generic(documents: pd.Series, *, share=GENERIC_SHARE, jobs: int | None = None):
    """Return the generic words of the tasks' documents, and the words of each distinct document.

    The documents are segmented once, through :func:`~civstat.analyse.tokenize.tokenize_all`
    (in parallel processes for a large corpus), so that the caller can compare them with
    the same words (:class:`_Engine`'s ``words``) without segmenting them again.
    """
    share = _fraction(share, GENERIC_SHARE, "share")
    if documents.empty:
        return frozenset(), {}
    frequency = documents.value_counts(sort=False)
    words = _words_of(frequency.index.tolist(), jobs=jobs)
    counts: dict[str, int] = {}
    for text, n in frequency.items():
        for word in words[text]:
            counts[word] = counts.get(word, 0) + int(n)
    least = max(share * len(documents), GENERIC_MIN_TASKS)
    return frozenset(w for w, n in counts.items() if n >= least) | listed_generic_words(), words


def _words_of(texts: list[str], *, jobs: int | None = None) -> dict[str, tuple[str, ...]]:
    """Return the words of each distinct text, as :func:`_words` gives them, segmented all at once."""
    from civstat.analyse.tokenize import tokenize_all

    distinct = list(dict.fromkeys(texts))
    segmented = tokenize_all(distinct, min_length=2, jobs=jobs)
    return {text: tuple(dict.fromkeys(found)) for text, found in zip(distinct, segmented, strict=True)}


@lru_cache(maxsize=1)
def listed_generic_words() -> frozenset[str]:
    """Return the generic words listed in ``civstat/data/generic_words.txt`` (the exceptions)."""
    from importlib.resources import files

    text = files("civstat.data").joinpath("generic_words.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


@dataclass
class _Block:
    """One issuer's tasks: their rows in the engine, sorted by year then task.

    Similarities are computed when asked for and only where they are used: between the
    two years compared (:meth:`_Engine.cosine`) and, for repeats, within one year
    (:meth:`_Engine.repeats`), never as one dense matrix over all the issuer's years.
    """

    rows: np.ndarray          # positions in the engine's task table
    years: np.ndarray         # the year of each row

    def year(self, year: int) -> np.ndarray:
        """Return the block positions of one year's tasks."""
        return np.flatnonzero(self.years == year)


class _Engine:
    """Vectorize a table of tasks once, then compare them issuer by issuer."""

    def __init__(self, tasks: pd.DataFrame, *, threshold=None, top=TOP, duplicate_threshold=None,
                 min_shared: int = MIN_SHARED, generic: frozenset[str] = frozenset(),
                 words: dict[str, tuple[str, ...]] | None = None):
        self.threshold = _fraction(threshold, CONTINUITY_THRESHOLD, "threshold")
        self.duplicate_threshold = _fraction(duplicate_threshold, DUPLICATE_THRESHOLD, "threshold")
        if top is not None and (not isinstance(top, int | np.integer) or top < 1):
            raise ValueError(f"top must be a positive integer or None, not {top!r}")
        self.top = top
        self.min_shared = int(min_shared)
        self.generic = generic
        self.tasks = (tasks.assign(year=tasks["year"].astype("int64"))
                      .sort_values(["issuer", "year", "task_id"], kind="stable")
                      .reset_index(drop=True))
        self.texts = _document(self.tasks).tolist()
        self.masked = [_DIGITS.sub("#", t) for t in self.texts]    # what is compared
        # each text's words (:func:`_words`), when the caller segmented them already
        self.words = None if words is None else [words[t] if t in words else _words(t) for t in self.texts]
        self._rarities: dict[str, float] = {}
        self.ids = self.tasks["task_id"].to_numpy(dtype=object)
        self._fit()

    def _fit(self) -> None:
        """Vectorize the texts: TF-IDF over character unigrams and bigrams.

        The same as ``TfidfVectorizer(analyzer="char", ngram_range=(1, 2))``, but each
        distinct text is cut into n-grams once (plans repeat their texts: a synthetic
        corpus of 300,000 tasks has 41,000 distinct ones); the IDF still counts every task.
        Links compare the texts with digits masked (``matrix``); repeats within a plan
        compare them as printed (``raw``): the same figure twice in one plan is part of
        what makes a repeat (居家适老化改造2000户以上, listed under two reports).
        """
        self.matrix = self.raw = None
        self.idf = {}
        if not self.texts:
            return
        self.matrix, grams, idf = _tfidf(self.masked)
        self.idf = dict(zip(grams, idf, strict=True))
        self.raw, grams, _ = _tfidf(self.texts) if self.masked != self.texts else (self.matrix, grams, idf)
        is_bigram = np.array([len(g) == 2 for g in grams])
        bigrams = self.raw.copy()
        bigrams.data = is_bigram[bigrams.indices].astype(np.float32)
        bigrams.eliminate_zeros()
        self.bigrams = bigrams
        self.n_bigrams = np.asarray(bigrams.sum(axis=1), dtype=np.float32).ravel()

    def parts(self, n: int) -> list[_Engine]:
        """Cut the engine into at most ``n`` engines of whole issuers, of about equal size, in order.

        Each part holds its issuers' rows of the fitted matrices (the IDF of the whole
        table), so that its links are the ones this engine gives for those issuers.
        """
        bounds = self.tasks.groupby("issuer", sort=True).indices
        ends = np.array([rows.max() + 1 for rows in bounds.values()])
        cuts = sorted({int(ends[min(np.searchsorted(ends, len(self.ids) * k / n), len(ends) - 1)])
                       for k in range(1, n + 1)})
        parts, start = [], 0
        for stop in cuts:
            if stop > start:
                parts.append(self._slice(start, stop))
                start = stop
        return parts

    def _slice(self, start: int, stop: int) -> _Engine:
        part = object.__new__(_Engine)
        part.__dict__.update(self.__dict__)
        part.tasks = self.tasks.iloc[start:stop].reset_index(drop=True)
        part.texts, part.masked = self.texts[start:stop], self.masked[start:stop]
        part.ids = self.ids[start:stop]
        part.words = None if self.words is None else self.words[start:stop]
        part._rarities = {}
        for name in ("matrix", "raw", "bigrams", "n_bigrams"):
            value = getattr(self, name)
            setattr(part, name, None if value is None else value[start:stop])
        return part

    def blocks(self):
        """Yield each issuer and its :class:`_Block`."""
        bounds = self.tasks.groupby("issuer", sort=True).indices
        years = self.tasks["year"].to_numpy()
        for issuer, rows in bounds.items():
            start, stop = rows.min(), rows.max() + 1     # contiguous: the table is sorted
            yield issuer, _Block(np.arange(start, stop), years[start:stop])

    def cosine(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Cosine similarity (digits masked) of the engine rows ``a`` against the rows ``b``."""
        return (self.matrix[a] @ self.matrix[b].T).toarray()

    def repeats(self, rows: np.ndarray, plans: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return the pairs ``i < j`` of ``rows`` that repeat each other, and their scores.

        The score is the lower of the cosine similarity (as printed) and the share of the
        shorter task's character bigrams found in the longer one. A pair reaching the
        threshold shares that share of bigrams, so only pairs with enough bigrams in
        common (a sparse product) get a cosine; positions are into ``rows``. ``plans``
        (one label per row, e.g. the year) keeps only pairs within one plan, before any
        cosine is computed; without it, ``rows`` are one plan.
        """
        from scipy.sparse import triu

        b = self.bigrams[rows]
        shared = triu(b @ b.T, k=1).tocoo()
        i, j, data = shared.row, shared.col, shared.data
        if plans is not None:
            same = plans[i] == plans[j]
            i, j, data = i[same], j[same], data[same]
        n = self.n_bigrams[rows]
        shorter = np.minimum(n[i], n[j])
        containment = np.divide(data, shorter, out=np.zeros_like(data), where=shorter > 0)
        near = containment >= self.duplicate_threshold
        i, j, containment = i[near], j[near], containment[near]
        r = self.raw[rows]
        cosine = np.asarray(r[i].multiply(r[j]).sum(axis=1), dtype=np.float32).ravel()
        score = np.minimum(cosine, containment)
        keep = score >= self.duplicate_threshold
        order = np.lexsort((j[keep], i[keep]))
        return i[keep][order], j[keep][order], score[keep][order]

    # -- duplicates --------------------------------------------------------------------------

    def duplicates(self) -> pd.DataFrame:
        records = []
        if self.matrix is not None:
            for issuer, block in self.blocks():
                for year in np.unique(block.years):
                    rows = block.rows[block.year(year)]
                    for i, j, score in zip(*self.repeats(rows), strict=True):
                        ri, rj = rows[i], rows[j]
                        records.append({
                            "issuer": issuer, "year": int(year),
                            "task_a": self.ids[ri], "task_b": self.ids[rj], "score": float(score),
                            "text_a": self.texts[ri], "text_b": self.texts[rj],
                        })
        out = pd.DataFrame.from_records(records, columns=_DUPLICATE_COLUMNS)
        out = out.astype({"year": "int64", "score": "float64"})
        return out.sort_values(["issuer", "year", "task_a", "task_b"]).reset_index(drop=True)

    # -- links -------------------------------------------------------------------------------

    def links(self, pairs: dict[str, list[tuple[int, int]]],
              via: dict[tuple[str, str], str] | None = None) -> pd.DataFrame:
        """Link each issuer's plans for the year pairs given.

        ``via`` maps pairs of task ids to the tasks of the plans in between through
        which they are linked (a chain: see :func:`civstat.analyse.continuity.continuity`);
        such a pair is a link when its two tasks share a subject (:meth:`related`), whatever
        its score.
        """
        records = []
        if self.matrix is not None:
            for issuer, block in self.blocks():
                years = pairs.get(issuer, [])
                if years:
                    groups = self._year_groups(block)
                    for base_year, compare_year in years:
                        records += self._link_years(issuer, block, base_year, compare_year, groups,
                                                    via or {})
        out = pd.DataFrame.from_records(records, columns=_LINK_COLUMNS)
        out = out.astype({"base_year": "int64", "compare_year": "int64", "score": "float64",
                          "counted": "bool"})
        # base tasks in plan order, each with its best links first; then the new tasks
        new = out["status"] == "new"
        out["_new"] = new
        out["_minus"] = np.where(new, 0.0, -out["score"])
        out = out.sort_values(["issuer", "base_year", "compare_year", "_new", "base_task",
                               "_minus", "compare_task"], kind="stable")
        return out.drop(columns=["_new", "_minus"]).reset_index(drop=True)

    def _link_years(self, issuer, block: _Block, base_year, compare_year, groups, via) -> list[dict]:
        base, compare = block.year(base_year), block.year(compare_year)
        base_rows, compare_rows = block.rows[base], block.rows[compare]
        base_groups, compare_groups = groups[base_year], groups[compare_year]
        # similarity of two commitments: the best over their repeats
        score = self.cosine(base_rows, compare_rows)
        score = _group_max(score, base_groups, axis=0)
        score = _group_max(score, compare_groups, axis=1)
        keep = self._keep(score, base_rows, compare_rows)
        chained = self._chained(keep, score, base_rows, compare_rows, via) if via else {}
        base_of = [self.ids[base_rows[g]] if g != i else "" for i, g in enumerate(base_groups)]
        compare_of = [self.ids[compare_rows[g]] if g != j else "" for j, g in enumerate(compare_groups)]

        def record(i, j, value, status, counted):
            """One row: a link (i and j), a dropped task (j None) or a new one (i None)."""
            ri = base_rows[i] if i is not None else None
            rj = compare_rows[j] if j is not None else None
            return {
                "issuer": issuer, "base_year": base_year, "compare_year": compare_year,
                "base_task": self.ids[ri] if i is not None else "",
                "compare_task": self.ids[rj] if j is not None else "",
                "score": value, "status": status,
                "shared_terms": self._shared_terms(ri, rj) if status == "continued" else "",
                "base_text": self.texts[ri] if i is not None else "",
                "compare_text": self.texts[rj] if j is not None else "",
                "base_duplicate_of": base_of[i] if i is not None else "",
                "compare_duplicate_of": compare_of[j] if j is not None else "",
                "counted": counted,
                "via": chained.get((i, j), ""),
            }

        records = []
        linked_base = keep.any(axis=1)
        linked_compare = keep.any(axis=0)
        best_base = score.max(axis=1, initial=0.0)
        best_compare = score.max(axis=0, initial=0.0)
        for i, j in zip(*np.nonzero(keep), strict=True):
            counted = bool(base_groups[i] == i and compare_groups[j] == j)
            records.append(record(i, j, float(score[i, j]), "continued", counted))
        for i in np.flatnonzero(~linked_base):
            records.append(record(i, None, float(best_base[i]), "dropped", bool(base_groups[i] == i)))
        for j in np.flatnonzero(~linked_compare):
            records.append(record(None, j, float(best_compare[j]), "new", bool(compare_groups[j] == j)))
        return records

    def _chained(self, keep: np.ndarray, score: np.ndarray, base_rows: np.ndarray, compare_rows: np.ndarray,
                 via: dict[tuple[str, str], str]) -> dict[tuple[int, int], str]:
        """Mark the chained pairs of ``via`` as links too, where they hold; return them by position.

        A chained pair holds when its two tasks share a subject (:meth:`related`) and it
        is the best pair of one of them by their own score (``score``), as a direct link
        with ``top=1`` must be. The check on a subject stops a chain from drifting (a
        broad task in the plan between may carry two others that have nothing in common);
        the best-pair rule keeps chains one to one. On generated corpora of three plans
        (``benchmarks/bench_continuity_chains.py``: 30 to 300 tasks a plan, first plan to last), chains
        against their record of which tasks carry on, chains without the best-pair rule
        raised recall by 0.02 to 0.04 and lowered precision by 0.04 to 0.06; with it (and
        the check near the threshold, :data:`NEAR_MARGIN`), one of six corpora gains one
        wrong link and two gain one right link each, while on the Wuhan plans the one
        chained link is right.
        """
        at_base = {self.ids[r]: i for i, r in enumerate(base_rows)}
        at_compare = {self.ids[r]: j for j, r in enumerate(compare_rows)}
        out = {}
        for (a, c), through in via.items():
            i, j = at_base.get(a), at_compare.get(c)
            if i is None or j is None or keep[i, j]:
                continue
            if score[i, j] < min(score[i].max(), score[:, j].max()):
                continue
            if self.min_shared <= 0 or self.related(base_rows[i], compare_rows[j]):
                keep[i, j] = True
                out[(i, j)] = through
        return out

    def _keep(self, score: np.ndarray, base_rows: np.ndarray, compare_rows: np.ndarray) -> np.ndarray:
        """Mark the links: pairs at the threshold, with a subject in common, among the best of a side.

        A pair is kept when it reaches :attr:`threshold`, has a subject in common
        (:meth:`holds`, unless ``min_shared`` is 0) and is among the ``top`` best such
        pairs of its row or of its column (ties go to the earlier task). Each row and
        column is walked from its best pair down only until ``top`` pairs have passed, so
        the word check runs on a few pairs per task, not on every pair at the threshold.
        A repeat has its twin's scores, so both count once: commitments are ranked, not
        their copies.
        """
        keep = np.zeros(score.shape, dtype=bool)
        if score.size == 0:
            return keep
        above = score >= self.threshold
        if self.top is None and self.min_shared <= 0:
            return above
        checked: dict[tuple[int, int], bool] = {}

        def passes(i: int, j: int) -> bool:
            if self.min_shared <= 0:
                return True
            found = checked.get((i, j))
            if found is None:
                found = checked[(i, j)] = self.holds(base_rows[i], compare_rows[j], score[i, j])
            return found

        if self.top is None:
            for i, j in zip(*np.nonzero(above), strict=True):
                keep[i, j] = passes(int(i), int(j))
            return keep
        for axis in (1, 0):
            lines = score if axis == 1 else score.T
            for k, line in enumerate(lines):
                candidates = np.flatnonzero(line >= self.threshold)
                if not len(candidates):
                    continue
                taken = 0
                for m in candidates[np.argsort(-line[candidates], kind="stable")]:
                    i, j = (k, int(m)) if axis == 1 else (int(m), k)
                    if passes(i, j):
                        keep[i, j] = True
                        taken += 1
                        if taken == self.top:
                            break
        return keep

    def _year_groups(self, block: _Block) -> dict[int, np.ndarray]:
        """For each plan of an issuer, the position among its tasks of the first task each task repeats (or its own).

        The repeats of all the issuer's plans come from one product over its rows (the
        pairs of different years left out), not one per plan and year pair: a plan
        between two others is compared twice, and each product costs more to start than
        to run.
        """
        i, j, _ = self.repeats(block.rows, block.years)
        out = {}
        for year in np.unique(block.years):
            members = block.year(year)              # ascending block positions of the plan
            mine = block.years[i] == year
            out[int(year)] = _union(len(members), np.searchsorted(members, i[mine]),
                                    np.searchsorted(members, j[mine]))
        return out

    def _shared_words(self, i: int, j: int) -> list[str]:
        """Return the words of either text found in the other, none part of a longer one."""
        a, b = self.texts[i], self.texts[j]
        words = {w for w in self._words(i) if w in b} | {w for w in self._words(j) if w in a}
        joined = "\0".join(words)
        return [w for w in words if joined.count(w) == 1]

    def related(self, i: int, j: int) -> bool:
        """Whether two tasks (engine rows) have a subject in common, as a link needs.

        They must share more than generic words (:meth:`_specific` reaches ``min_shared``)
        and, when the theme lexicon finds themes in both, at least one theme: two tasks
        written on one template about different fields (养老服务工作争取省政府督查激励,
        社会救助工作争取省政府督查激励) share their frame, not their subject.
        """
        return self._subject(i, j, self.min_shared)

    def _subject(self, i: int, j: int, need: int) -> bool:
        """Whether two tasks share ``need`` character pairs of non-generic words, and a theme where both have one."""
        if self._specific(i, j) < need:
            return False
        a, b = self._themes(i), self._themes(j)
        return not (a and b) or bool(a & b)

    def holds(self, i: int, j: int, score: float) -> bool:
        """Whether a pair of tasks (engine rows) scoring ``score`` has what a direct link needs in common.

        A subject (:meth:`related`) and, when the score is less than :data:`NEAR_MARGIN`
        above the threshold, at least :data:`NEAR_SHARED` character pairs of non-generic
        shared words.
        """
        near = score < self.threshold + NEAR_MARGIN
        return self._subject(i, j, max(NEAR_SHARED, self.min_shared) if near else self.min_shared)

    def _themes(self, i: int) -> frozenset[str]:
        from civstat.analyse.themes import theme_set

        return theme_set(self.texts[i])

    def _words(self, i: int) -> tuple[str, ...]:
        return self.words[i] if self.words is not None else _words(self.texts[i])

    def _specific(self, i: int, j: int) -> int:
        """Count the character pairs of the non-generic words two tasks share."""
        return sum(len(w) - 1 for w in self._shared_words(i, j) if w not in self.generic)

    def _shared_terms(self, i: int, j: int) -> str:
        """Return the shared words, the subject first: non-generic words, most telling first.

        A word tells as much as the IDF of its character pairs adds up to, so that a
        long rare name (社区老年人服务中心) comes before a short one (互助).
        """
        a = self.texts[i]
        words = self._shared_words(i, j)
        words.sort(key=lambda w: (w in self.generic, -self._rarity(w) * max(len(w) - 1, 1),
                                  a.find(w) if w in a else len(a), w))
        specific = [w for w in words if w not in self.generic]
        return "、".join((specific or words)[:MAX_TERMS])

    def _rarity(self, word: str) -> float:
        """Mean IDF of a word's character bigrams."""
        found = self._rarities.get(word)
        if found is None:
            grams = [word[k:k + 2] for k in range(len(word) - 1)]
            found = self._rarities[word] = sum(self.idf.get(g, 0.0) for g in grams) / len(grams)
        return found


@lru_cache(maxsize=2**16)
def _words(text: str) -> tuple[str, ...]:
    """Return the jieba words of a text, two characters or longer, each once."""
    return tuple(dict.fromkeys(w for piece in _JIEBA_BLOCK.split(text) for w in _piece_words(piece)))


@lru_cache(maxsize=2**17)
def _piece_words(piece: str) -> tuple[str, ...]:
    """Return the words of one run of characters that jieba segments on its own."""
    from civstat.analyse.tokenize import tokens

    return tuple(w for w in tokens(piece) if len(w) > 1) if piece else ()


def _tfidf(texts: list[str]):
    """Return the TF-IDF matrix of texts over character 1- and 2-grams, its grams and IDF."""
    from sklearn.feature_extraction.text import TfidfTransformer

    codes, distinct = pd.factorize(pd.Series(texts, dtype=object))
    counts, grams = _char_counts(distinct.tolist())
    if not len(grams):       # no text at all: nothing is alike
        return counts[codes], grams, np.zeros(0)
    tfidf = TfidfTransformer()
    matrix = tfidf.fit_transform(counts[codes]).astype(np.float32)
    return matrix, grams, tfidf.idf_


#: Runs of white space, which scikit-learn's character analyzer makes one space.
_WHITE_SPACES = re.compile(r"\s\s+")


def _char_counts(texts: list[str]):
    """Count the character unigrams and bigrams of each text, in arrays rather than per gram.

    The matrix and the grams of ``CountVectorizer(analyzer="char", ngram_range=(1, 2))``
    (lower case, runs of white space made one space, grams in sorted order), from the
    texts' code points: a gram is a number (its first character's code point, shifted,
    plus its second one's and one; a unigram adds nothing), hashed into columns at
    once. scikit-learn builds each gram as a string in Python, about five times as long
    on a large corpus. The texts are counted :data:`_CHUNK` at a time, so that the arrays
    of one chunk's grams are all that is held besides the counts.
    """
    from scipy.sparse import csr_matrix, vstack

    column_of: dict[int, int] = {}
    parts = []
    for start in range(0, max(len(texts), 1), _CHUNK):
        docs = [_WHITE_SPACES.sub(" ", t.lower()) for t in texts[start:start + _CHUNK]]
        lengths = np.fromiter(map(len, docs), dtype=np.int64, count=len(docs))
        chars = np.frombuffer("".join(docs).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        doc = np.repeat(np.arange(len(docs), dtype=np.int32), lengths)
        follows = doc[1:] == doc[:-1]             # a bigram: two characters of one text
        keys = np.concatenate([chars << 22, ((chars[:-1] << 22) | (chars[1:] + 1))[follows]])
        rows = np.concatenate([doc, doc[:-1][follows]])
        found, distinct = pd.factorize(keys)
        columns = np.fromiter((column_of.setdefault(k, len(column_of)) for k in distinct.tolist()),
                              dtype=np.int64, count=len(distinct))
        part = csr_matrix((np.ones(len(keys), dtype=np.float32), (rows, columns[found])),
                          shape=(len(docs), len(column_of)), dtype=np.float32)
        part.sum_duplicates()
        parts.append(part)
    vocabulary = np.fromiter(column_of, dtype=np.int64, count=len(column_of))
    order = np.argsort(vocabulary)            # the grams in string order
    rank = np.empty(len(order), dtype=np.int32)
    rank[order] = np.arange(len(order), dtype=np.int32)
    for part in parts:
        part.indices = rank[part.indices]
        part.has_sorted_indices = False
        part.sort_indices()
        part.resize((part.shape[0], len(column_of)))
    counts = vstack(parts, format="csr", dtype=np.float32)
    vocabulary = vocabulary[order]
    first, second = vocabulary >> 22, (vocabulary & ((1 << 22) - 1)) - 1
    grams = np.array([chr(a) + (chr(b) if b >= 0 else "") for a, b in zip(first.tolist(), second.tolist(), strict=True)],
                     dtype=object)
    return counts, grams


#: Texts counted at a time by :func:`_char_counts`.
_CHUNK = 20_000


def _union(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """For each of ``n`` items joined in pairs ``a[k] < b[k]``, the first item of its group (union-find)."""
    first = np.arange(n)
    for x, y in zip(a.tolist(), b.tolist(), strict=True):
        rx, ry = _root(first, x), _root(first, y)
        first[max(rx, ry)] = min(rx, ry)
    return np.array([_root(first, k) for k in range(n)], dtype=np.intp)


def _root(first: np.ndarray, k: int) -> int:
    while first[k] != k:
        k = first[k]
    return int(k)


def _group_max(score: np.ndarray, groups: np.ndarray, *, axis: int) -> np.ndarray:
    """Give every repeat along ``axis`` the best score of its group (its twin's, if higher)."""
    if score.size == 0 or (groups == np.arange(len(groups))).all():
        return score
    out = score.copy()
    for g in np.unique(groups):
        members = np.flatnonzero(groups == g)
        if len(members) > 1:
            best = score.take(members, axis=axis).max(axis=axis, keepdims=True)
            if axis == 0:
                out[members] = best
            else:
                out[:, members] = best
    return out


def _document(tasks: pd.DataFrame) -> pd.Series:
    """Each task as one string: its title, text and goal, each once, by newlines."""
    title, text, goal = (tasks[c].fillna("").astype(str).str.strip() for c in ("title", "text", "goal"))
    doc = text.where((title == "") | (title == text), title + "\n" + text)
    doc = doc.where((goal == "") | (goal == text) | (goal == title), doc + "\n" + goal)
    return doc.str.strip()


def _fraction(value, default: float, name: str) -> float:
    if value is None:
        return default
    if not isinstance(value, int | float | np.number) or not 0 <= value <= 1:
        raise ValueError(f"{name} must be a number from 0 to 1, not {value!r}")
    return float(value)
