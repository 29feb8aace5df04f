"""Numbers as plans write them: ``1.1万``, ``2,000``, ``两千``, ``十四`` read as floats.

Part of the read layer: a small text function used by the targets analysis and by the
progress reports (完成数值), and the pattern of a number they search with.
"""

from __future__ import annotations

import re
from decimal import Decimal

_DIGITS_ZH = "零〇一二两三四五六七八九"


_MAGNITUDES = "十百千万亿"


_ARABIC = rf"(?<![0-9.,A-Za-z])[0-9]+(?:,[0-9]{{3}})*(?:\.[0-9]+)?[{_MAGNITUDES}]*"


_CHINESE = rf"(?<![{_DIGITS_ZH}{_MAGNITUDES}])[{_DIGITS_ZH}{_MAGNITUDES}]+"


#: One number as printed: ``3000``, ``1,000``, ``1.1万``, ``十二``, ``两万``.
NUMBER = f"(?:{_ARABIC}|{_CHINESE})"


_RANGE_DASH = "[-—–~～至到]"


_ARABIC_PARTS = re.compile(rf"([0-9]+(?:,[0-9]{{3}})*(?:\.[0-9]+)?)([{_MAGNITUDES}]*)")


_CHINESE_ONLY = re.compile(rf"[{_DIGITS_ZH}{_MAGNITUDES}]+")


_ZH_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}


_ZH_UNIT = {"十": 10, "百": 100, "千": 1000}


_ZH_SECTION = {"万": 10**4, "亿": 10**8}


def parse_number(text: str) -> float:
    """Read a number as Chinese plans print it: digits, Chinese numerals, or both.

    Digits may carry thousands separators and a decimal part and be followed by
    magnitudes (``1.1万``, ``1.5亿``); Chinese numerals are read positionally
    (``一百二十``, ``两万``), or digit by digit when they have no magnitude
    (``二〇二三``).

    Parameters
    ----------
    text : str
        The number, without unit.

    Returns
    -------
    float
        Its value; decimal arithmetic keeps ``1.1万`` exactly 11000.

    Raises
    ------
    ValueError
        If ``text`` is not a number.

    Examples
    --------
    >>> parse_number("1.1万")
    11000.0
    >>> parse_number("十二"), parse_number("两"), parse_number("百")
    (12.0, 2.0, 100.0)
    >>> parse_number("1,000")
    1000.0
    """
    text = text.strip()
    m = _ARABIC_PARTS.fullmatch(text)
    if m:
        value = Decimal(m.group(1).replace(",", ""))
        for c in m.group(2):
            value *= _ZH_UNIT.get(c) or _ZH_SECTION[c]
        return float(value)
    if not text or not _CHINESE_ONLY.fullmatch(text):
        raise ValueError(f"not a number: {text!r}")
    if len(text) > 1 and all(c in _ZH_DIGIT for c in text):
        return float("".join(str(_ZH_DIGIT[c]) for c in text))
    total = section = number = 0
    for c in text:
        if c in _ZH_DIGIT:
            number = _ZH_DIGIT[c]
        elif c in _ZH_UNIT:
            section += (number or 1) * _ZH_UNIT[c]
            number = 0
        elif c == "万":
            total += (section + number or 1) * _ZH_SECTION[c]
            section = number = 0
        else:  # 亿 multiplies everything before it
            total = (total + section + number or 1) * _ZH_SECTION[c]
            section = number = 0
    return float(total + section + number)
