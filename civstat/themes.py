"""What plans are about: lexicon themes, their share over the years, keywords, keyword in context.

A task's themes come from a lexicon of terms (``civstat/data/themes.csv``, editable, or
your own): the terms are searched in the task's title, text and goal with one compiled
regular expression, scanned left to right, the longest term winning at each place and
matches never overlapping, so that 低收入 (social assistance) is not also 收入 (income)
and 家庭经济困难 is not 经济 (economy). Keywords compare groups of tasks (years, issuers)
by the weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and
Quinn 2008) over civstat's jieba tokens (:func:`civstat.tokenize.tokens`), the prior
learned from the plans given; TF-IDF stays as an option.

jieba and scikit-learn are imported inside the functions that use them, so that
``import civstat`` stays light.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Mapping, Sequence
from functools import cache
from importlib.resources import files
from itertools import chain
from pathlib import Path

import numpy as np
import pandas as pd

from civstat.errors import ReadError
from civstat.plans import task_table
from civstat.tokenize import tokens

#: The task fields searched, in the order their text is joined.
FIELDS = ("title", "text", "goal")
#: Lexicon columns.
LEXICON_COLUMNS = ("theme", "label", "term")

_TO_FULL_WIDTH = str.maketrans("()", "（）")
_BRACKET_CLASS = {"（": "[（(]", "）": "[）)]"}

Rows = tuple[tuple[str, str, str], ...]


def theme_lexicon(lexicon=None) -> pd.DataFrame:
    """Return a theme lexicon as a table, one row per term.

    Parameters
    ----------
    lexicon : None, str, PathLike, dict or DataFrame
        ``None`` for civstat's own (``civstat/data/themes.csv``); a path to a CSV file
        with columns ``theme, label, term`` (lines starting with ``#`` are comments;
        ``label`` may be left out, the theme id then serves as label);
        a dict ``{theme: (label, [terms])}``; or a DataFrame like the one returned.
        A term under the empty theme ``""`` is matched but counts for no theme: it
        hides the shorter terms inside it (``养老保险`` hides ``养老``).

    Returns
    -------
    pandas.DataFrame
        Columns ``theme, label, term``, in lexicon order.

    Raises
    ------
    civstat.ReadError
        If a lexicon file lacks a column or has a row without a term.

    Examples
    --------
    >>> lex = theme_lexicon()
    >>> lex.drop_duplicates("theme").query("theme != ''")["label"].tolist()[:3]
    ['养老服务', '社会救助', '儿童福利']
    >>> theme_lexicon({"housing": ("住房保障", ["保障性住房", "棚户区"])})
         theme label   term
    0  housing  住房保障  保障性住房
    1  housing  住房保障    棚户区
    """
    return pd.DataFrame(list(_rows(lexicon)), columns=list(LEXICON_COLUMNS))


def themes(plans, *, lexicon=None) -> pd.DataFrame:
    """Find the themes of each task from the lexicon terms in its title, text and goal.

    Parameters
    ----------
    plans : Plans or pandas.DataFrame
        The plans, or a table of tasks (``plans.tasks`` or a selection of it).
    lexicon : None, str, PathLike, dict or DataFrame
        The theme lexicon; see :func:`theme_lexicon`. By default civstat's own.

    Returns
    -------
    pandas.DataFrame
        One row per task and theme: ``task_id, theme, label, terms``, where ``terms``
        are the lexicon terms found, sorted and joined by ``、``. A task may have
        several themes; a task with none has no row. Sorted by task, then themes in
        lexicon order.

    Examples
    --------
    >>> import civstat
    >>> found = themes(civstat.load_plans(errors="ignore"))
    >>> found[found.task_id == "wuhan-2022-breakdown-004"].iloc[0].tolist()
    ['wuhan-2022-breakdown-004', 'elderly_care', '养老服务', '家庭养老床位、居家养老上门服务、居家适老化改造、老年人']

    居民收入增长与经济增长基本同步 has two themes:

    >>> found[found.task_id == "wuhan-2023-breakdown-005"][["theme", "terms"]].reset_index(drop=True)
                   theme terms
    0  income_employment    收入
    1   economy_services    经济

    A lexicon of your own, as a dict (or a CSV file):

    >>> housing = {"housing": ("住房保障", ["保障性住房", "棚户区", "老旧小区"])}
    >>> themes(civstat.load_plans(errors="ignore"), lexicon=housing)["task_id"].tolist()
    ['masked-city-2020-minsheng100-011', 'wuhan-2023-breakdown-019']
    """
    tasks = task_table(plans)
    rows = _rows(lexicon)
    pattern, lookup = _matcher(rows)
    found = [pattern.findall(doc) for doc in _document(tasks).tolist()]
    counts = np.fromiter(map(len, found), dtype=np.int64, count=len(found))
    codes, matched = pd.factorize(np.fromiter(chain.from_iterable(found), dtype=object,
                                              count=int(counts.sum())))
    # what each distinct match stands for (its brackets may be ASCII in the text)
    meaning = pd.DataFrame({"code": np.arange(len(matched)),
                            "term": [m.translate(_TO_FULL_WIDTH) for m in matched]}).merge(lookup)
    hits = pd.DataFrame({"task": np.repeat(np.arange(len(tasks)), counts), "code": codes})
    hits = hits.drop_duplicates().merge(meaning, on="code")
    by_id = np.argsort(np.argsort(tasks["task_id"].to_numpy(dtype=object), kind="stable"))
    hits = hits.iloc[np.lexsort((hits["rank"], hits["order"], by_id[hits["task"]]))]

    # one row per run of (task, theme), its terms joined
    task, order, term = (hits[c].to_numpy() for c in ("task", "order", "term"))
    start = np.flatnonzero(np.r_[True, (task[1:] != task[:-1]) | (order[1:] != order[:-1])])
    start = start[start < len(task)]
    bounds = np.r_[start, len(task)].tolist()
    term = term.tolist()
    theme_ids, labels = _theme_table(rows)[["theme", "label"]].T.to_numpy(dtype=object)
    return pd.DataFrame({
        "task_id": pd.array(tasks["task_id"].to_numpy(dtype=object)[task[start]], dtype="str"),
        "theme": pd.array(theme_ids[order[start]], dtype="str"),
        "label": pd.array(labels[order[start]], dtype="str"),
        "terms": pd.array(["、".join(term[a:b]) for a, b in zip(bounds[:-1], bounds[1:], strict=True)],
                          dtype="str"),
    })


def theme_share(plans, *, by="year", lexicon=None) -> pd.DataFrame:
    """Count the tasks of each theme and their share of the tasks, per group.

    Parameters
    ----------
    plans : Plans or pandas.DataFrame
        The plans, or a table of tasks.
    by : str or list of str
        ``"year"`` (the default) groups by issuer and year; any other task column
        (``"doc_id"``, ``"issuer"``, ``"section"``) or a list of them groups by those.
    lexicon : None, str, PathLike, dict or DataFrame
        The theme lexicon; see :func:`theme_lexicon`.

    Returns
    -------
    pandas.DataFrame
        One row per group and theme, every theme of the lexicon present (zero when a
        group has no task of it): the group columns, ``theme, label, tasks`` (tasks of
        that theme), ``n_tasks`` (tasks in the group) and ``share`` (``tasks /
        n_tasks``). A task with several themes counts once for each, so shares may sum
        to more than 1. Sorted by group, then themes in lexicon order.

    Examples
    --------
    >>> import civstat
    >>> share = theme_share(civstat.load_plans(errors="ignore"))
    >>> wuhan = share.query("theme == 'elderly_care' and issuer == '武汉市民政局'")
    >>> wuhan[["year", "tasks", "n_tasks", "share"]].reset_index(drop=True)
       year  tasks  n_tasks     share
    0  2020      5       19  0.263158
    1  2022      2       17  0.117647
    2  2023     10       21  0.476190
    """
    tasks = task_table(plans)
    keys = _group_keys(by, tasks)
    found = themes(tasks, lexicon=lexicon)
    lex = _theme_table(_rows(lexicon))
    groups = tasks.groupby(keys, dropna=False, sort=True).size().rename("n_tasks").reset_index()
    counts = (found[["task_id", "theme"]].merge(tasks[["task_id", *keys]], on="task_id")
              .groupby([*keys, "theme"], dropna=False).size().rename("tasks").reset_index())
    out = groups.merge(lex, how="cross").merge(counts, on=[*keys, "theme"], how="left")
    out["tasks"] = out["tasks"].fillna(0).astype("int64")
    out["share"] = out["tasks"] / out["n_tasks"]
    out = out.sort_values([*keys, "order"], kind="stable")
    return out[[*keys, "theme", "label", "tasks", "n_tasks", "share"]].reset_index(drop=True)


#: Keyword methods: ``log_odds`` (the default) and ``tfidf``.
KEYWORD_METHODS = ("log_odds", "tfidf")


def keywords(plans, *, by="year", top=20, method: str = "log_odds", prior: float = 1.0,
             generic: float | None = None) -> pd.DataFrame:
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
    :data:`civstat.continuity.GENERIC_MIN_TASKS`) are the generic words of plans, learned
    from the corpus as :func:`civstat.continuity.generic_words` does (养老, 社区, 保障 …
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
        :data:`civstat.continuity.GENERIC_SHARE`; ``1.0`` keeps every word but those in
        all tasks.

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
    from civstat.continuity import GENERIC_MIN_TASKS, GENERIC_SHARE, listed_generic_words

    generic = GENERIC_SHARE if generic is None else generic
    if not isinstance(generic, int | float) or not 0 < generic <= 1:
        raise ValueError(f"generic must be a share above 0 and at most 1, not {generic!r}")
    columns = [*keys, "rank", "term", "score", "count", "count_other", "tasks"]
    docs = _document(tasks).tolist()
    tokenizer = _memo_tokenizer(min_length=2)
    counter = CountVectorizer(tokenizer=tokenizer, token_pattern=None, lowercase=False)
    try:
        counts = counter.fit_transform(docs).tocsr().astype(np.float64)
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
        weights = TfidfVectorizer(tokenizer=tokenizer, token_pattern=None, lowercase=False,
                                  vocabulary=counter.vocabulary_).fit_transform(docs)
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


# -- lexicon ---------------------------------------------------------------------------------


@cache
def _package_rows() -> Rows:
    """Read civstat's own lexicon, ``civstat/data/themes.csv``, once."""
    text = files("civstat.data").joinpath("themes.csv").read_text(encoding="utf-8")
    return _csv_rows(text, "civstat/data/themes.csv")


def _rows(lexicon) -> Rows:
    """Turn any accepted lexicon into a tuple of ``(theme, label, term)`` rows."""
    if lexicon is None:
        return _package_rows()
    if isinstance(lexicon, str | os.PathLike):
        path = Path(lexicon)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise ReadError(path, f"cannot read the theme lexicon ({exc}); pass a UTF-8 CSV "
                                  f"file with columns theme, label, term") from exc
        return _csv_rows(text, path)
    if isinstance(lexicon, pd.DataFrame):
        missing = {"theme", "term"} - set(lexicon.columns)
        if missing:
            raise ValueError(f"the lexicon table lacks the columns {sorted(missing)}; "
                             f"it needs theme, label and term")
        frame = lexicon.assign(label=lexicon.get("label", lexicon["theme"]))
        return _clean(frame[list(LEXICON_COLUMNS)].itertuples(index=False), "the lexicon table")
    if isinstance(lexicon, Mapping):
        rows = []
        for theme, entry in lexicon.items():
            if (not isinstance(entry, Sequence) or len(entry) != 2 or isinstance(entry[1], str)
                    or not isinstance(entry[1], Sequence)):
                raise TypeError(f"lexicon[{theme!r}] must be a pair (label, [terms]), not {entry!r}")
            label, terms = entry
            rows += [(theme, label, term) for term in terms]
        return _clean(rows, "the lexicon dict")
    raise TypeError(f"lexicon must be None, a path, a dict or a DataFrame, not {type(lexicon).__name__}")


def _csv_rows(text: str, path) -> Rows:
    """Parse lexicon CSV text; comment lines start with ``#``."""
    numbered = [(i, line) for i, line in enumerate(text.splitlines(), 1)
                if line.strip() and not line.lstrip().startswith("#")]
    if not numbered:
        raise ReadError(path, "the theme lexicon is empty; write the header theme,label,term "
                              "and one row per term")
    frame = pd.read_csv(io.StringIO("\n".join(line for _, line in numbered)), dtype=str,
                        keep_default_na=False)
    missing = {"theme", "term"} - set(frame.columns)
    if missing:
        raise ReadError(path, f"the theme lexicon lacks the columns {sorted(missing)}: its "
                              f"first line must be the header theme,label,term", line=numbered[0][0])
    if "label" not in frame.columns:
        frame["label"] = frame["theme"]
    empty = np.flatnonzero((frame["term"].str.strip() == "").to_numpy())
    if len(empty):
        raise ReadError(path, "a lexicon row has no term; give each row a term or delete it",
                        line=numbered[1 + int(empty[0])][0])
    return _clean(frame[list(LEXICON_COLUMNS)].itertuples(index=False), path)


def _clean(rows, where) -> Rows:
    """Strip the cells, check every row has a term, drop repeated rows (keeping order)."""
    out = []
    for theme, label, term in rows:
        theme, label, term = str(theme).strip(), str(label).strip(), str(term).strip()
        if not term:
            raise ValueError(f"{where}: theme {theme!r} has an empty term")
        out.append((theme, label or theme, term.translate(_TO_FULL_WIDTH)))
    if not any(theme for theme, _, _ in out):
        raise ValueError(f"{where}: the lexicon has no theme with a term")
    return tuple(dict.fromkeys(out))


def _theme_table(rows: Rows) -> pd.DataFrame:
    """Return the themes of a lexicon (the empty theme left out): ``theme, label, order``."""
    first = {}
    for theme, label, _ in rows:
        if theme:
            first.setdefault(theme, label)
    return pd.DataFrame({"theme": list(first), "label": list(first.values()),
                         "order": np.arange(len(first), dtype="int64")})


@cache
def _matcher(rows: Rows) -> tuple[re.Pattern, pd.DataFrame]:
    """Compile all terms into one regular expression and say what each term means.

    The expression is a trie of the terms (共同缔造 and 共同富裕 share 共同), each step
    optional and greedy, so at each place it matches the longest term, and it runs much
    faster than a flat alternation of the terms.

    Returns
    -------
    pattern : re.Pattern
    lookup : pandas.DataFrame
        ``term, theme, label, order`` (of the theme in the lexicon) and ``rank`` (of the
        term in sorted order), for the terms that have a theme.
    """
    trie: dict = {}
    for _, _, term in rows:
        node = trie
        for ch in term:
            node = node.setdefault(ch, {})
        node[""] = {}

    def expression(node: dict) -> str:
        branches = [(_BRACKET_CLASS.get(ch) or re.escape(ch)) + expression(child)
                    for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = "|".join(branches)
        if "" in node:
            return f"(?:{body})?"
        return body if len(branches) == 1 else f"(?:{body})"

    table = _theme_table(rows)
    order = dict(zip(table["theme"], table["order"], strict=True))
    label = dict(zip(table["theme"], table["label"], strict=True))
    rank = {term: i for i, term in enumerate(sorted({term for _, _, term in rows}))}
    lookup = pd.DataFrame(
        [(term, theme, label[theme], order[theme], rank[term]) for theme, _, term in rows if theme],
        columns=["term", "theme", "label", "order", "rank"],
    ).drop_duplicates(["term", "theme"])
    return re.compile(expression(trie)), lookup


# -- tasks as text ---------------------------------------------------------------------------


def _group_keys(by, tasks: pd.DataFrame) -> list[str]:
    keys = ["issuer", "year"] if by == "year" else [by] if isinstance(by, str) else list(by)
    missing = [k for k in keys if k not in tasks.columns]
    if missing or not keys:
        raise ValueError(f"by={by!r}: no task column {missing}; use 'year' (issuer and year), "
                         f"'doc_id' or a list of the columns {list(tasks.columns)}")
    return keys


def _fields(tasks: pd.DataFrame) -> dict[str, pd.Series]:
    """Title, text and goal of each task, a field blanked when it repeats an earlier one."""
    title, text, goal = (tasks[f].fillna("").astype(str) for f in FIELDS)
    return {
        "title": title.where(title != text, ""),
        "text": text,
        "goal": goal.where((goal != text) & (goal != title), ""),
    }


def _document(tasks: pd.DataFrame) -> pd.Series:
    """Each task as one string: its distinct fields joined by newlines (no term spans one)."""
    fields = _fields(tasks)
    return fields["title"] + "\n" + fields["text"] + "\n" + fields["goal"]


def _memo_tokenizer(*, min_length: int = 1):
    """Return :func:`civstat.tokenize.tokens`, memoised piece by piece.

    jieba cuts a text into blocks of Chinese, letters and digits at every other
    character and segments each block on its own, so tokenizing a text block by block
    gives exactly its tokens. Plans repeat their phrases, and each distinct block is
    segmented once. Words shorter than ``min_length`` characters are left out.
    """
    import jieba

    split = jieba.re_han_default.split
    memo: dict[str, list[str]] = {}

    def tokenize(text: str) -> list[str]:
        out = []
        for piece in split(text):
            if piece:
                words = memo.get(piece)
                if words is None:
                    words = memo[piece] = [w for w in tokens(piece) if len(w) >= min_length]
                out.extend(words)
        return out

    return tokenize


def _empty(tasks: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    dtypes = {c: tasks[c].dtype for c in columns if c in tasks.columns}
    dtypes.update({"rank": "int64", "term": "str", "score": "float64", "count": "int64",
                   "count_other": "int64", "tasks": "int64"})
    return pd.DataFrame({c: pd.Series(dtype=dtypes[c]) for c in columns})
