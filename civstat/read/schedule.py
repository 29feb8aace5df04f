"""Reporting periods and the deadlines a circular sets for them.

Read layer: reads a circular's text again for its deadlines; used by the progress analysis.

A period is written ``2023Q1`` … ``2023Q4`` (a quarter) or ``2023Y`` (the whole year,
全年). :func:`schedule` reads the reporting deadlines a plan's circular states, such as
``于2023年4月5日、7月5日、10月5日及2024年1月5日前，将第一、第二、第三季度及全年工作目标完成情况…``,
into a table ``doc_id, period, due``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

_QUARTER_ZH = {"1": "一", "2": "二", "3": "三", "4": "四"}
_ZH_QUARTER = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_PERIOD = re.compile(r"^\s*(\d{4})\s*(?:[Qq]\s*([1-4])|([Yy]|年|全年|FY|fy))?\s*$")


class Period(NamedTuple):
    """A reporting period: its year, its quarter (``None`` for the whole year) and labels."""

    year: int
    quarter: int | None

    @property
    def code(self) -> str:
        """The period as civstat writes it: ``2023Q1`` or ``2023Y``."""
        return f"{self.year}Q{self.quarter}" if self.quarter else f"{self.year}Y"

    @property
    def label(self) -> str:
        """The period in Chinese: 第一季度 or 全年."""
        return f"第{_QUARTER_ZH[str(self.quarter)]}季度" if self.quarter else "全年"

    @property
    def months(self) -> int:
        """The months of the year the period covers, counted from January (3, 6, 9 or 12)."""
        return 3 * self.quarter if self.quarter else 12

    @property
    def end(self) -> dt.date:
        """The last day the period covers."""
        month = self.months
        first_next = dt.date(self.year + (month == 12), month % 12 + 1, 1)
        return first_next - dt.timedelta(days=1)


def parse_period(text) -> Period:
    """Read a period such as ``2023Q1``, ``2023q4``, ``2023Y`` or ``2023`` (the whole year).

    Raises
    ------
    ValueError
        If ``text`` is not a period, with the forms accepted.

    Examples
    --------
    >>> parse_period("2023Q1").label, parse_period("2023").code
    ('第一季度', '2023Y')
    """
    m = _PERIOD.match(str(text))
    if not m:
        raise ValueError(f"报告期“{text}”无法识别：请写成 2023Q1（第一季度）… 2023Q4 或 2023Y（全年）。\n"
                         f"Period {text!r} not understood: write 2023Q1 … 2023Q4, or 2023Y for the whole year.")
    return Period(int(m.group(1)), int(m.group(2)) if m.group(2) else None)


_QUARTER_ALONE = re.compile(r"第?\s*([一二三四1-4])\s*季度|(上半年)|(前三季度)|(全年)")
_MONTH_Q = {"3": 1, "6": 2, "9": 3, "十二": 4, "12": 4}


def period_in_text(text: str, *, year: int | None = None) -> Period | None:
    """Find the period a title names (``2023年…第一季度…``, ``2023年1-6月``, ``上半年``).

    ``year`` is used when the text names a quarter but no year. Returns ``None``
    when the text names no period.

    Examples
    --------
    >>> period_in_text("2023年市民政局养老服务处第一季度工作目标完成情况").code
    '2023Q1'
    >>> period_in_text("上半年工作推进情况", year=2022).code
    '2022Q2'
    >>> period_in_text("工作目标完成情况") is None
    True
    """
    text = re.sub(r"\s+", "", str(text))
    years = re.findall(r"((?:19|20)\d\d)年", text)
    found_year = int(years[0]) if years else year
    m = _QUARTER_ALONE.search(text) or re.search(r"[一1]\s*[-—~至到]\s*([369]|十二|12)\s*月", text)
    if m is None or found_year is None:
        return None
    groups = m.groups()
    if m.re is _QUARTER_ALONE:
        q, half, three, full = groups
        quarter = _ZH_QUARTER[q] if q else 2 if half else 3 if three else None
    else:
        quarter = _MONTH_Q[groups[0]]
        quarter = None if quarter == 4 else quarter
    return Period(found_year, quarter)


# -- the deadlines a circular states --------------------------------------------------------

_DATE = re.compile(r"(?:((?:19|20)\d\d)\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_DEADLINES = re.compile(r"于\s*((?:(?:(?:19|20)\d\d\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:之?前|以前)?\s*"
                        r"[、，,及和与]?\s*){1,12})")
_REPORT_WORDS = re.compile(r"报送|上报|报告|交|报局|完成情况|进展")
_PERIODS_LISTED = re.compile(r"第\s*([一二三四1-4])|([一二三四1-4])\s*季度|(全年)|(上半年)")


def deadlines_in_text(text: str, *, year: int | None = None) -> list[tuple[Period, dt.date]]:
    """Read the reporting deadlines one sentence states, with the period each covers.

    The dates are read in order, each without a year taking the year of the date
    before it (or ``year``). The periods are those the sentence lists (第一、第二、第三季度
    及全年) when there are as many as dates; otherwise each date covers the quarter
    that ended before it (a January date covers the previous year).

    Examples
    --------
    >>> s = "于2023年4月5日、7月5日、10月5日及2024年1月5日前，将第一、第二、第三季度及全年工作目标完成情况报局办公室"
    >>> [(p.code, d.isoformat()) for p, d in deadlines_in_text(s)]
    [('2023Q1', '2023-04-05'), ('2023Q2', '2023-07-05'), ('2023Q3', '2023-10-05'), ('2023Y', '2024-01-05')]
    >>> deadlines_in_text("请于每月5日前报送")
    []
    """
    out: list[tuple[Period, dt.date]] = []
    text = re.sub(r"\s+", "", text)  # Chinese needs no spaces; the patterns then never backtrack over them
    for m in _DEADLINES.finditer(text):
        if "前" not in m.group(1):
            continue
        rest = text[m.end():m.end() + 80]
        if not _REPORT_WORDS.search(rest) and not _REPORT_WORDS.search(text[max(0, m.start() - 40):m.start()]):
            continue
        dates: list[dt.date] = []
        current = year
        for y, month, day in _DATE.findall(m.group(1)):
            current = int(y) if y else current
            if current is None:
                break
            try:
                dates.append(dt.date(current, int(month), int(day)))
            except ValueError:  # 2月30日: not a date, so not a deadline
                continue
        if not dates:
            continue
        sentence = re.split(r"[。；;]", rest, maxsplit=1)[0]
        listed = _listed_periods(sentence)
        first_year = dates[0].year if dates[0].month > 3 else dates[0].year - 1
        if len(listed) == len(dates):
            periods = [Period(first_year, q) for q in listed]
        else:
            periods = [_covered(d) for d in dates]
        out.extend(zip(periods, dates, strict=True))
    return out


def _listed_periods(sentence: str) -> list[int | None]:
    """Return the quarters a sentence lists (``None`` for 全年), in order."""
    head = sentence.split("完成情况")[0].split("工作")[0] if "季度" in sentence or "全年" in sentence else ""
    out: list[int | None] = []
    for q, q2, full, half in _PERIODS_LISTED.findall(head):
        if q or q2:
            out.append(_ZH_QUARTER[q or q2])
        elif half:
            out.append(2)
        elif full:
            out.append(None)
    return out


def _covered(date: dt.date) -> Period:
    """Return the quarter that ended before a deadline (a January deadline: the year before)."""
    quarter = (date.month - 1) // 3
    return Period(date.year - 1, None) if quarter == 0 else Period(date.year, quarter)


def schedule(plans, *, given=None):
    """List the reporting deadlines each plan's circular states.

    Parameters
    ----------
    plans : Plans
        Plans read by :func:`civstat.load_plans` or :func:`civstat.read_plan`; each
        document's text is read again from its ``path``.
    given : mapping or DataFrame, optional
        Deadlines to use for documents that state none: ``{"2023Q1": "2023-04-05", …}``
        (for every such document) or a table ``doc_id, period, due``.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, period (2023Q1 … 2023Y), due (datetime.date), source`` (``"circular"``
        with the line it was read from, or ``"given"``), sorted by document and due date.
        A document whose text states no deadline has no rows (unless ``given``).

    Examples
    --------
    >>> import civstat
    >>> plans = civstat.load_plans(errors="ignore")
    >>> s = schedule(plans)
    >>> s[["doc_id", "period", "due"]].astype(str).to_numpy().tolist()[:2]
    [['wuhan-2023-breakdown', '2023Q1', '2023-04-05'], ['wuhan-2023-breakdown', '2023Q2', '2023-07-05']]
    """
    import pandas as pd

    records = []
    for doc in plans.documents.itertuples(index=False):
        year = None if pd.isna(doc.year) else int(doc.year)
        found = []
        for no, line in enumerate(_document_lines(doc.path), 1):
            for period, due in deadlines_in_text(line, year=year):
                found.append({"doc_id": doc.doc_id, "period": period.code, "due": due,
                              "source": f"circular, line {no}"})
        if not found and given is not None:
            found = _given(doc.doc_id, given)
        records.extend(found)
    df = pd.DataFrame.from_records(records, columns=["doc_id", "period", "due", "source"])
    return (df.drop_duplicates(["doc_id", "period"]).sort_values(["doc_id", "due"], kind="stable")
              .reset_index(drop=True))


def _given(doc_id: str, given) -> list[dict]:
    """Turn the deadlines a user passes into rows for one document."""
    import pandas as pd

    if isinstance(given, pd.DataFrame):
        rows = given[given["doc_id"] == doc_id] if "doc_id" in given else given
        pairs = list(zip(rows["period"], rows["due"], strict=True))
    else:
        pairs = list(dict(given).items())
    return [{"doc_id": doc_id, "period": parse_period(p).code, "due": pd.Timestamp(d).date(),
             "source": "given"} for p, d in pairs]


def _document_lines(path) -> list[str]:
    """Return a document's cleaned lines as the reader prepares them (empty if unreadable)."""
    from pathlib import Path

    from civstat.errors import ReadError
    from civstat.read.decode import decode
    from civstat.read.formats import READERS
    from civstat.read.reader import MAX_BYTES, prepare, prepare_blocks

    path = Path(str(path))
    try:
        if path.suffix.lower() == ".txt":
            return prepare(decode(path.read_bytes(), path)[0]).lines
        reader, _ = READERS[path.suffix.lower()]
        return prepare_blocks(reader(path, MAX_BYTES))[0].lines
    except (OSError, KeyError, ReadError, ValueError):
        return []
