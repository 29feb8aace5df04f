"""Align a row's cells to the table's columns by what the cells hold.

Read layer, inside the interpreter: after a row's meaning is known, before its cells become fields.

A row flattened one cell per line, or left short by a merged or empty cell, no
longer says by position which column a cell belongs to. :func:`align` finds the
assignment of cells to columns, in order, that best fits each cell's kind
(:func:`civstat.read.content.kind_of`) to its column's field: a person's name to the
leader column, a unit to a unit column, a date to the deadline. Columns may be
skipped (a cell merged away), several cells may fill one column (a cell printed
over several lines), and a row may hold a second line of work (a sub-row) that
starts again from the text column. The caller reports every such inference.
"""

from __future__ import annotations

from dataclasses import dataclass, field

_TEXTY = {"text": 1.0, "short": 0.6, "percent": 0.2, "date": 0.1, "unit": 0.1, "person": 0.05}
_UNITS = {"unit": 1.0, "short": 0.5, "person": 0.2, "text": 0.05, "date": 0.0, "percent": 0.0}
FIT: dict[str | None, dict[str, float]] = {
    "text": _TEXTY,
    "title": _TEXTY,
    "goal": {**_TEXTY, "percent": 0.5, "date": 0.2},
    "measures": {**_TEXTY, "date": 0.2},
    "progress": {"text": 0.9, "short": 0.6, "percent": 1.0, "date": 0.4, "unit": 0.1, "person": 0.05},
    "status": {"short": 1.0, "percent": 0.6, "text": 0.3, "date": 0.2, "unit": 0.0, "person": 0.1},
    "note": {"short": 0.5, "text": 0.4, "percent": 0.3, "date": 0.3, "unit": 0.3, "person": 0.2},
    "deadline": {"date": 1.0, "short": 0.3, "text": 0.2, "percent": 0.1, "unit": 0.0, "person": 0.0},
    "leader": {"person": 1.0, "short": 0.3, "unit": 0.05, "text": 0.0, "date": 0.0, "percent": 0.0},
    "lead_division": _UNITS,
    "division": _UNITS,
    "city_lead": _UNITS,
    "city_unit": _UNITS,
    "section": {"short": 0.6, "text": 0.4, "unit": 0.1, "person": 0.1, "date": 0.0, "percent": 0.0},
    "count": {"short": 0.6, "text": 0.3, "percent": 0.3, "unit": 0.0, "person": 0.0, "date": 0.0},
    "contact": {"short": 0.5, "text": 0.3, "percent": 0.1, "unit": 0.1, "person": 0.2, "date": 0.0},
    None: {"short": 0.3, "text": 0.3, "percent": 0.3, "unit": 0.2, "person": 0.2, "date": 0.3},
}
#: Fields whose column may take several cells of one row.
MULTI = {"text", "title", "goal", "measures", "progress", "note", "deadline", "leader", "lead_division",
         "division", "city_lead", "city_unit", None}
_TEXT_COLUMNS = {"text", "title", "goal", "measures", "progress", "note", None}
SKIP = 0.15
EMPTY = 0.3  # a column left without a cell
MERGE = 0.1  # a second cell in the same column (a unit list printed one per line)
MERGE_TEXT = 0.3  # a text cell runs on less often than a list of units
MERGE_LEAD = 0.2  # a task has one lead unit more often than several
RESTART = 0.7  # a sub-row: back to an earlier column


def _merge_cost(column: str | None) -> float:
    if column in _TEXT_COLUMNS:
        return MERGE_TEXT
    return MERGE_LEAD if column in ("lead_division", "city_lead") else MERGE


def fit(kind: str, column: str | None) -> float:
    """How well a cell of ``kind`` fits a column of field ``column`` (0 to 1).

    Examples
    --------
    >>> fit("person", "leader"), fit("unit", "leader"), fit("date", "deadline")
    (1.0, 0.05, 1.0)
    """
    if kind == "empty":  # a cell printed empty holds its place in any column
        return EMPTY
    return FIT.get(column, FIT[None]).get(kind, 0.0)


@dataclass
class Alignment:
    """Which column each cell went to, and what had to be inferred for it."""

    columns: list[int]  # per cell, the column index
    score: float
    skipped: list[int] = field(default_factory=list)  # columns with no cell
    restarts: list[int] = field(default_factory=list)  # cells that start a sub-row


def align(kinds: list[str], fields: list[str | None], *, merge: bool = True,
          skips: list[float] | None = None) -> Alignment:
    """Assign cells (by kind) to columns (by field), in order, maximising the fit.

    With ``merge=False`` (cells that a table printed apart) no two cells share a column.
    ``skips`` is the cost of leaving each column without a cell (default :data:`SKIP`):
    leaving out a column that groups rows assumes a merged cell, a stronger guess.

    Examples
    --------
    >>> align(["text", "unit", "unit", "date"], ["text", "division", "deadline"]).columns
    [0, 1, 1, 2]
    >>> a = align(["text", "unit", "person"], ["section", "text", "goal", "division", "leader"])
    >>> a.columns, a.skipped
    ([1, 3, 4], [0, 2])
    >>> align(["text", "unit", "date", "text", "date"], ["text", "division", "deadline"]).restarts
    [3]
    """
    n, m = len(kinds), len(fields)
    if not n or not m:
        return Alignment([], 0.0, list(range(m)))
    cost = skips or [SKIP] * m
    before = [0.0]  # before[j]: the cost of skipping columns 0 .. j-1
    for c in cost:
        before.append(before[-1] + c)
    neg = float("-inf")
    # best[i][j]: best score with cells[:i+1] placed and cell i in column j
    best = [[neg] * m for _ in range(n)]
    back: list[list[int]] = [[-1] * m for _ in range(n)]
    for j in range(m):
        best[0][j] = fit(kinds[0], fields[j]) - before[j]
    for i in range(1, n):
        for j in range(m):
            gain = fit(kinds[i], fields[j])
            for p in range(m):
                if best[i - 1][p] == neg:
                    continue
                if j > p:
                    score = best[i - 1][p] + gain - (before[j] - before[p + 1])
                elif j == p:
                    if fields[j] not in MULTI or not merge:
                        continue
                    score = best[i - 1][p] + gain - _merge_cost(fields[j])
                else:
                    if kinds[i] != "text":
                        continue
                    score = best[i - 1][p] + gain - RESTART
                if score > best[i][j] + 1e-9:
                    best[i][j], back[i][j] = score, p
    last = max(range(m), key=lambda j: (best[n - 1][j], -j))  # trailing columns may stay empty
    total = best[n - 1][last]
    columns = [last]
    for i in range(n - 1, 0, -1):
        columns.append(back[i][columns[-1]])
    columns.reverse()
    restarts = [i for i in range(1, n) if columns[i] < columns[i - 1]]
    used = set(columns)
    skipped = [j for j in range(m) if j not in used]
    return Alignment(columns, total, skipped, restarts)
