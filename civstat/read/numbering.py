"""Item numbers in every style plans use: ``一、`` ``（一）`` ``1.`` ``1、`` ``（1）`` ``①`` ``第一`` ``一是``.

Read layer, used by layouts and the interpreter to tell items and sections apart.

Each style is a level of a document's outline; which level holds the tasks is
decided by the interpreter from what the items carry, not here. This module only
reads a number off the start of a text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_CN = "一二三四五六七八九十"
_MARK = "*＊★"
#: Digits an item number has at most wherever it stands; a longer one must continue its numbering.
LONG = 3
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# (style, pattern); the number is group "n", an optional lead mark group "m".
_STYLES = (
    ("pcn", re.compile(rf"^[（(]\s*(?P<n>[{_CN}]{{1,3}})\s*[）)]\s*[、.．]?\s*")),
    ("par", re.compile(r"^[（(]\s*(?P<n>\d{1,7})\s*[）)]\s*[、.．]?\s*")),
    ("cn", re.compile(rf"^(?P<n>[{_CN}]{{1,3}})\s*[、.．]\s*")),
    ("ar", re.compile(rf"^(?P<m>[{_MARK}]?)\s*(?P<n>\d{{1,7}})\s*(?P<m2>[{_MARK}]?)\s*(?:[、．]|\.(?!\d))\s*")),
    ("circ", re.compile(rf"^(?P<n>[{_CIRCLED}])\s*[、.．]?\s*")),
    ("di", re.compile(rf"^第\s*(?P<n>[{_CN}]{{1,3}})\s*(?:部分|章|节|条)?\s*[、，,：:.．]\s*|^第\s*(?P<n2>[{_CN}]{{1,3}})\s*(?:部分|章|节|条)\s*")),
    ("shi", re.compile(rf"^(?P<n>[{_CN}]{{1,3}})是(?=[\u4e00-\u9fff])")),
)
# "7.5G网络覆盖", "3.1000户": a number whose dot is followed by digits; an item only
# where it continues the numbering (the interpreter decides).
_AMBIGUOUS = re.compile(rf"^(?P<m>[{_MARK}]?)\s*(?P<n>\d{{1,3}})\.(?=\d)")
_SEQ_ONLY = re.compile(rf"^\s*(?P<m>[{_MARK}]?)\s*(?P<n>\d{{1,7}}|[{_CN}]{{1,3}}|[（(]\s*[{_CN}]{{1,3}}\s*[）)]|[{_CIRCLED}])\s*(?P<m2>[{_MARK}]?)\s*[、.．]?\s*$")

#: Every character but a digit that a number of any style above (or an ambiguous one) can start with.
_FIRST = frozenset("（(" + _CN + _MARK + _CIRCLED + "第")


@dataclass(frozen=True)
class Number:
    """An item number read off the start of a text."""

    style: str  # pcn （一）, par （1）, cn 一、, ar 1., circ ①, di 第一, shi 一是
    value: int
    rest: str  # the text after the number
    mark: bool = False  # a lead mark: *1 or 1*
    ambiguous: bool = False  # 7.5G…: an item only if it continues the numbering


def cn_value(text: str) -> int:
    """Return the value of a Chinese numeral up to 99 (``十二`` → 12).

    Examples
    --------
    >>> cn_value("三"), cn_value("十"), cn_value("二十一")
    (3, 10, 21)
    """
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return _CN_DIGITS.get(text, 0)


def _value(n: str) -> int:
    if n.isdecimal():  # any decimal digits, full-width ones too (\d matches them)
        return int(n)
    if n in _CIRCLED:
        return _CIRCLED.index(n) + 1
    return cn_value(n)


def _continues(n: str, value: int, style: str, follows: Mapping[str, int] | None) -> bool:
    """Tell whether a number may be an item: up to three digits, or continuing its style's numbering.

    A number of more than three digits (``1000``) is an item only where the item before
    it in the same style is the one before it (``999``): a year (``2023、``) or an amount
    (``10000.``) opening a line never is, whatever its size.
    """
    return len(n) <= LONG or (follows is not None and follows.get(style) == value - 1)


def parse_number(text: str, *, follows: Mapping[str, int] | None = None) -> Number | None:
    """Read the item number a text starts with, in any style; ``None`` if it has none.

    ``follows`` maps each numbering style to the last value it reached so far; a number
    of more than three digits is read only where it continues that numbering.

    Examples
    --------
    >>> parse_number("（三）发挥社会保障作用")
    Number(style='pcn', value=3, rest='发挥社会保障作用', mark=False, ambiguous=False)
    >>> parse_number("*12、加强救助").value, parse_number("一是加强监测").style
    (12, 'shi')
    >>> parse_number("7.5G网络覆盖").ambiguous, parse_number("2023年工作") is None
    (True, True)
    >>> parse_number("1000.推进") is None, parse_number("1000.推进", follows={"ar": 999}).value
    (True, 1000)
    >>> parse_number("2023、开展", follows={"ar": 999}) is None
    True
    """
    stripped = text.strip()
    if not stripped or not (stripped[0] in _FIRST or stripped[0].isdecimal()):
        return None  # no style's number starts with this character (\d is any decimal digit)
    for style, pattern in _STYLES:
        m = pattern.match(stripped)
        if m:
            groups = m.groupdict()
            n = groups.get("n") or groups.get("n2")
            value = _value(n)
            if not _continues(n, value, style, follows):
                continue  # no other style reads digits: as if no pattern had matched
            mark = bool(groups.get("m") or groups.get("m2"))
            return Number(style, value, stripped[m.end():].strip(), mark)
    m = _AMBIGUOUS.match(stripped)
    if m:
        return Number("ar", int(m.group("n")), stripped[m.end():].strip(), bool(m.group("m")), True)
    return None


def seq_cell(text: str, *, follows: Mapping[str, int] | None = None) -> Number | None:
    """Read a cell that holds nothing but an item number (``1``, ``*3``, ``一``, ``（二）``).

    ``follows`` is as for :func:`parse_number`: ``1000`` is an item number only after ``999``.

    Examples
    --------
    >>> seq_cell("*3").value, seq_cell("一").style, seq_cell("（二）").style, seq_cell("3个")
    (3, 'cn', 'pcn', None)
    >>> seq_cell("1000"), seq_cell("1000", follows={"ar": 999}).value, seq_cell("2023", follows={"ar": 999})
    (None, 1000, None)
    """
    m = _SEQ_ONLY.match(text)
    if not m:
        return None
    n = m.group("n").strip()
    mark = bool(m.group("m") or m.group("m2"))
    if n.isdecimal():  # any decimal digits, full-width ones too (\d matches them)
        value = int(n)
        return Number("ar", value, "", mark) if _continues(n, value, "ar", follows) else None
    if n in _CIRCLED:
        return Number("circ", _value(n), "", mark)
    if n[0] in "（(":
        return Number("pcn", cn_value(n.strip("（()） ")), "", mark)
    return Number("cn", cn_value(n), "", mark)
