"""What plans are about: lexicon themes, their share over the years, keywords, keyword in context.

Analyse layer, on the tasks table: the lexicon themes; :mod:`~civstat.analyse.keywords` beside it.

A task's themes come from a lexicon of terms (``civstat/data/themes.csv``, editable, or
your own): the terms are searched in the task's title, text and goal with one compiled
regular expression, scanned left to right, the longest term winning at each place and
matches never overlapping, so that 低收入 (social assistance) is not also 收入 (income)
and 家庭经济困难 is not 经济 (economy). Keywords compare groups of tasks (years, issuers)
by the weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi and
Quinn 2008) over civstat's jieba tokens (:func:`civstat.analyse.tokenize.tokens`), the prior
learned from the plans given; TF-IDF stays as an option.

jieba and scikit-learn are imported inside the functions that use them, so that
``import civstat`` stays light.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Mapping, Sequence
from functools import cache, lru_cache
from importlib.resources import files
from itertools import chain
from pathlib import Path

import numpy as np
import pandas as pd

from civstat.errors import ReadError
from civstat.plans import task_table

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


# -- lexicon ---------------------------------------------------------------------------------


@lru_cache(maxsize=2**16)
def theme_set(text: str) -> frozenset[str]:
    """Return the themes of civstat's own lexicon found in one text (as :func:`themes` finds them).

    >>> sorted(theme_set("提高城乡低保标准，推进居家适老化改造"))
    ['elderly_care', 'social_assistance']
    """
    pattern, _ = _matcher(_package_rows())
    meaning = _term_themes(_package_rows())
    return frozenset(theme for match in pattern.findall(text)
                     for theme in meaning.get(match.translate(_TO_FULL_WIDTH), ()))


@cache
def _term_themes(rows: Rows) -> dict[str, tuple[str, ...]]:
    """Each term of a lexicon and the themes it stands for (from :func:`_matcher`'s lookup)."""
    lookup = _matcher(rows)[1]
    return lookup.groupby("term", sort=False)["theme"].agg(tuple).to_dict()


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


