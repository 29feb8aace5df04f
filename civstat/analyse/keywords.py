"""Distinctive words of groups of plans (years, issuers) and keywords in their context.

Part of the analyse layer: the weighted log-odds ratio with an informative Dirichlet
prior (Monroe, Colaresi and Quinn 2008) over civstat's jieba tokens, TF-IDF as an
option, and :func:`kwic` for reading a word where the plans use it.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from civstat.analyse.themes import FIELDS, _document, _fields, _group_keys
from civstat.analyse.tokenize import tokenize_all
from civstat.plans import task_table

#: Keyword methods: ``log_odds`` (the default) and ``tfidf``.
KEYWORD_METHODS = ("log_odds", "tfidf")


def keywords(plans, *, by="year", top=20, method: str = "log_odds", prior: float = 1.0,
             generic: float | None = None, jobs: int | None = None) -> pd.DataFrame:
    """Find the words that set each group of tasks apart from the others.

    Each task (title, text and goal) is split by civstat's jieba tokenizer with its
    civil-affairs user dictionary, so domain words such as 居家适老化改造 or 五社联动 stay
    whole; words of one character (户, 张, damaged glyphs) are left out.

    ``method="log_odds"`` (the default) is the weighted log-odds ratio with an
    informative Dirichlet prior (Monroe, Colaresi and Quinn 2008, "Fightin' Words"),
    made for comparing groups of texts: for each word, the log-odds of its use in the
    group against its use in all the other tasks given, each smoothed by the word's
    frequency in the whole corpus (the prior, ``prior`` times the corpus' counts), and
    divided by its standard error, so that ``score`` is a z-score. A word common in every
    group (中心, 体系, 推进 …: the generic words of plans, learned from the corpus through
    the prior) scores near 0; a word used a lot in one group and little elsewhere
    scores high, and a word seen once scores low however rare it is.

    Words found in at least a share ``generic`` of all the tasks given (and in at least
    :data:`civstat.analyse.similarity.GENERIC_MIN_TASKS`) are the generic words of plans, learned
    from the corpus as :func:`civstat.analyse.continuity.generic_words` does (养老, 社区, 保障 …
    on the bundled plans): they are left out, since they say what field every plan is
    in rather than what one plan is about.

    ``method="tfidf"`` ranks a group's words by the mean of its tasks' (L2-normalised)
    TF-IDF weights, the IDF fitted on the tasks given: it finds words frequent in a
    group and rare in the corpus, without weighing how sure that is.

    Parameters
    ----------
    plans : Plans or pandas.DataFrame
        The plans, or a table of tasks: the groups are compared with each other, so
        give the tasks to compare (one issuer's plans, to compare its years).
    by : str or list of str
        ``"year"`` (the default) groups by issuer and year; any other task column or
        list of columns groups by those (``["task_id"]`` gives each task's keywords).
    top : int or None
        How many words to keep per group; ``None`` keeps all.
    method : {"log_odds", "tfidf"}
        How words are scored (see above).
    prior : float, default 1.0
        For ``log_odds``: the weight of the prior, in multiples of the corpus' own counts.
    generic : float or None
        The share of tasks from which a word is generic and left out; by default
        :data:`civstat.analyse.similarity.GENERIC_SHARE`; ``1.0`` keeps every word but those in
        all tasks.
    jobs : int, optional
        Processes that segment the texts: by default every core for a large corpus (see
        :func:`civstat.analyse.tokenize.tokenize_all`), else this process; ``1`` never spreads.

    Returns
    -------
    pandas.DataFrame
        The group columns, ``rank`` (from 1), ``term``, ``score`` (z-score or mean
        TF-IDF, rounded to 6 decimals), ``count`` (times the word occurs in the group),
        ``count_other`` (times it occurs in the other tasks) and ``tasks`` (the group's
        tasks that contain it). Sorted by group, then score descending, then term.

    Examples
    --------
    >>> import civstat
    >>> plans = civstat.load_plans(errors="ignore")
    >>> kw = keywords(plans, top=5)
    >>> w23 = kw[(kw["issuer"] == "武汉市民政局") & (kw["year"] == 2023)]
    >>> w23[["rank", "term", "count", "count_other", "tasks"]].reset_index(drop=True)
       rank term  count  count_other  tasks
    0     1   消费      6            3      2
    1     2   高效      3            0      1
    2     3   改造      5            3      3
    3     4   住房      3            1      1
    4     5   供养      3            1      2
    >>> keywords(plans, top=3, method="tfidf").query("issuer == '武汉市民政局' and year == 2023")["term"].tolist()
    ['居家适老化改造', '消费', '互助']
    """
    from scipy import sparse
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

    tasks = task_table(plans)
    keys = _group_keys(by, tasks)
    if top is not None and (not isinstance(top, int) or top < 1):
        raise ValueError(f"top must be a positive integer or None, not {top!r}")
    if method not in KEYWORD_METHODS:
        raise ValueError(f"method must be one of {KEYWORD_METHODS}, not {method!r}")
    if not isinstance(prior, int | float) or not prior > 0:
        raise ValueError(f"prior must be a positive number, not {prior!r}")
    from civstat.analyse.similarity import GENERIC_MIN_TASKS, GENERIC_SHARE, listed_generic_words

    generic = GENERIC_SHARE if generic is None else generic
    if not isinstance(generic, int | float) or not 0 < generic <= 1:
        raise ValueError(f"generic must be a share above 0 and at most 1, not {generic!r}")
    columns = [*keys, "rank", "term", "score", "count", "count_other", "tasks"]
    words = tokenize_all(_document(tasks).tolist(), min_length=2, jobs=jobs)
    counter = CountVectorizer(analyzer=_given, lowercase=False)
    try:
        counts = counter.fit_transform(words).tocsr().astype(np.float64)
    except ValueError:  # no task has a single word
        return _empty(tasks, columns)
    vocabulary = counter.get_feature_names_out()  # sorted, so a smaller index is an earlier term

    grouped = tasks.groupby(keys, dropna=False, sort=True)
    group = grouped.ngroup().to_numpy()
    size = np.bincount(group)
    n = len(tasks)
    member = sparse.csr_matrix((np.ones(n), (group, np.arange(n))), shape=(len(size), n))
    present = counts.copy()
    present.data[:] = 1.0
    in_group = (member @ counts).tocoo()               # occurrences per group and word
    n_tasks = (member @ present).tocsr()
    total = np.asarray(counts.sum(axis=0)).ravel()     # occurrences per word in the corpus
    in_tasks = np.asarray(present.sum(axis=0)).ravel()
    is_generic = in_tasks >= max(generic * n, GENERIC_MIN_TASKS)
    is_generic |= np.isin(vocabulary, list(listed_generic_words()))
    if method == "tfidf":
        weights = TfidfVectorizer(analyzer=_given, lowercase=False,
                                  vocabulary=counter.vocabulary_).fit_transform(words)
        scored = (sparse.diags(1.0 / size) @ member @ weights).tocoo()
        rows, cols, values = scored.row, scored.col, scored.data
    else:
        rows, cols = in_group.row, in_group.col
        values = _log_odds(in_group.data, rows, cols, total, np.asarray(in_group.sum(axis=1)).ravel(),
                           prior=prior)
    specific = ~is_generic[cols]
    rows, cols, score = rows[specific], cols[specific], np.round(values[specific], 6)
    order = np.lexsort((cols, -score, rows))
    row, col, score = rows[order], cols[order], score[order]
    start = np.r_[0, np.flatnonzero(np.diff(row)) + 1] if len(row) else np.array([], dtype=int)
    rank = np.arange(len(row)) - np.repeat(start, np.diff(np.r_[start, len(row)])) + 1
    keep = rank <= top if top is not None else np.ones(len(row), dtype=bool)
    row, col, score, rank = row[keep], col[keep], score[keep], rank[keep]

    mine = in_group.tocsr()
    first = pd.Series(np.arange(n)).groupby(group).first().to_numpy()  # a row of each group
    out = tasks[keys].iloc[first[row]].reset_index(drop=True)
    out["rank"] = rank.astype("int64")
    out["term"] = pd.Series(vocabulary[col], dtype="str")
    out["score"] = score
    count = np.asarray(mine[row, col]).ravel()
    out["count"] = count.astype("int64")
    out["count_other"] = (total[col] - count).astype("int64")
    out["tasks"] = np.asarray(n_tasks[row, col]).ravel().astype("int64")
    return out[columns]


def _given(words: list[str]) -> list[str]:
    """Return words already split (by :func:`~civstat.analyse.tokenize.tokenize_all`): the analyzer."""
    return words


def _log_odds(y, rows, cols, total, n_group, *, prior: float) -> np.ndarray:
    """Return the z-scores of the weighted log-odds ratio with an informative Dirichlet prior.

    Monroe, Colaresi and Quinn (2008), eq. 22: for word w and group g against the rest,
    ``delta = log((y_gw + a_w) / (n_g + a0 - y_gw - a_w)) - log((y_rw + a_w) / (n_r + a0 - y_rw - a_w))``
    and ``var = 1 / (y_gw + a_w) + 1 / (y_rw + a_w)``, where ``a_w`` is ``prior`` times
    the word's count in the corpus and ``a0`` their sum. Only the words a group uses are
    scored (``y``, ``rows``, ``cols``: its non-zero counts).
    """
    n = total.sum()
    alpha = prior * total[cols]
    alpha0 = prior * n
    y_rest = total[cols] - y
    n_g = n_group[rows]
    n_rest = n - n_g
    delta = (np.log((y + alpha) / (n_g + alpha0 - y - alpha))
             - np.log((y_rest + alpha) / (n_rest + alpha0 - y_rest - alpha)))
    return delta / np.sqrt(1.0 / (y + alpha) + 1.0 / (y_rest + alpha))


def kwic(plans, term: str, *, width: int = 15) -> pd.DataFrame:
    """Show every occurrence of a term in its context (keyword in context).

    Parameters
    ----------
    plans : Plans or pandas.DataFrame
        The plans, or a table of tasks.
    term : str
        The text to look for, taken literally.
    width : int
        How many characters of context to show on each side.

    Returns
    -------
    pandas.DataFrame
        One row per occurrence: ``task_id, issuer, year, field`` (``title``, ``text`` or
        ``goal``; a title or goal that repeats the text is not searched twice),
        ``start`` (offset in the field), ``left, term, right``. Sorted by task, field
        and offset.

    Examples
    --------
    >>> import civstat
    >>> plans = civstat.load_plans(errors="ignore")
    >>> kwic(plans, "五社联动", width=6)[["task_id", "left", "term", "right"]]
                        task_id left  term   right
    0  wuhan-2022-breakdown-002  强化“  五社联动  ”，推动社会
    """
    if not isinstance(term, str) or not term:
        raise ValueError(f"term must be a non-empty string, not {term!r}")
    if not isinstance(width, int) or width < 0:
        raise ValueError(f"width must be a non-negative integer, not {width!r}")
    tasks = task_table(plans)
    columns = ["task_id", "issuer", "year", "field", "start", "left", "term", "right"]
    parts = []
    for field, text in _fields(tasks).items():
        has = text.str.contains(term, regex=False)
        parts.append(tasks.loc[has, ["task_id", "issuer", "year"]].assign(field=field, text=text[has]))
    long = pd.concat(parts, ignore_index=True)
    needle = re.compile(re.escape(term))
    records = [
        (row.task_id, row.issuer, row.year, row.field, m.start(),
         row.text[max(m.start() - width, 0):m.start()], term, row.text[m.end():m.end() + width])
        for row in long.itertuples(index=False) for m in needle.finditer(row.text)
    ]
    out = pd.DataFrame.from_records(records, columns=columns)
    out = out.astype({"year": tasks["year"].dtype, "start": "int64"})
    out["field_order"] = out["field"].map({f: i for i, f in enumerate(FIELDS)})
    out = out.sort_values(["task_id", "field_order", "start"], kind="stable")
    return out[columns].reset_index(drop=True)


def _empty(tasks: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    dtypes = {c: tasks[c].dtype for c in columns if c in tasks.columns}
    dtypes.update({"rank": "int64", "term": "str", "score": "float64", "count": "int64",
                   "count_other": "int64", "tasks": "int64"})
    return pd.DataFrame({c: pd.Series(dtype=dtypes[c]) for c in columns})
