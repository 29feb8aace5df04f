"""Word's automatic numbering: the numbers Word prints before list paragraphs, as text.

Part of the read layer, used by :mod:`civstat.read.docx`. A paragraph numbered by Word
(``w:numPr`` in the paragraph or in its style) holds no number in its text: Word draws
it from ``word/numbering.xml``. A plan written with Word's list buttons would read as
unnumbered paragraphs, so the numbers are rendered here as Word shows them
(``1.``, ``（一）``, ``一、``, ``①``), counting each list and level as Word does: a level
counts on until a higher level of its list moves on, which starts it again.
"""

from __future__ import annotations

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DIGITS = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"


def chinese_number(n: int) -> str:
    """Write a number as Chinese counting does (Word's ``chineseCounting``).

    Examples
    --------
    >>> [chinese_number(n) for n in (1, 10, 12, 20, 35, 100, 105)]
    ['一', '十', '十二', '二十', '三十五', '一百', '一百零五']
    """
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if not rest else ("零" + _DIGITS[rest] if rest < 10 else chinese_number(rest)
                                    if rest >= 20 else "一" + chinese_number(rest))
        return _DIGITS[n // 100] + "百" + tail
    return str(n)


def format_number(n: int, fmt: str) -> str:
    """Write a counter in one of Word's number formats (``w:numFmt``); unknown ones as digits.

    Examples
    --------
    >>> [format_number(3, f) for f in ("decimal", "chineseCounting", "decimalEnclosedCircle", "lowerLetter")]
    ['3', '三', '③', 'c']
    """
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "taiwaneseCounting",
               "taiwaneseCountingThousand", "ideographDigital", "japaneseCounting"):
        return chinese_number(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 0 < n <= len(_CIRCLED):
        return _CIRCLED[n - 1]
    if fmt in ("ideographTraditional",) and 0 < n <= len(_TIANGAN):
        return _TIANGAN[n - 1]
    if fmt in ("lowerLetter", "upperLetter") and 0 < n <= 26:
        letter = chr(ord("a") + n - 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    return str(n)


class Numbering:
    """The lists of one document: render each numbered paragraph's number, in reading order."""

    def __init__(self, numbering_xml: bytes | None, styles_xml: bytes | None):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId -> ilvl -> (fmt, text, start)
        self.style_num: dict[str, tuple[str, int]] = {}               # styleId -> (numId, ilvl)
        self.counters: dict[str, dict[int, int]] = {}
        if numbering_xml:
            self._read_numbering(numbering_xml)
        if styles_xml and self.levels:
            self._read_styles(styles_xml)

    def _read_numbering(self, xml: bytes) -> None:
        from lxml import etree

        root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
        abstract = {}
        for node in root.iterchildren(f"{_W}abstractNum"):
            abstract[node.get(f"{_W}abstractNumId")] = _levels(node)
        for node in root.iterchildren(f"{_W}num"):
            ref = node.find(f"{_W}abstractNumId")
            levels = dict(abstract.get(ref.get(f"{_W}val"), {})) if ref is not None else {}
            for override in node.iterchildren(f"{_W}lvlOverride"):
                ilvl = _int(override.get(f"{_W}ilvl"))
                start = override.find(f"{_W}startOverride")
                if ilvl in levels and start is not None:
                    fmt, text, _ = levels[ilvl]
                    levels[ilvl] = (fmt, text, _int(start.get(f"{_W}val"), 1))
                lvl = override.find(f"{_W}lvl")
                if lvl is not None:
                    levels.update(_levels_of([lvl]))
            self.levels[node.get(f"{_W}numId")] = levels

    def _read_styles(self, xml: bytes) -> None:
        from lxml import etree

        root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
        based, own = {}, {}
        for style in root.iterchildren(f"{_W}style"):
            sid = style.get(f"{_W}styleId")
            parent = style.find(f"{_W}basedOn")
            based[sid] = parent.get(f"{_W}val") if parent is not None else None
            found = _num_pr(style.find(f"{_W}pPr"))
            if found is not None:
                own[sid] = found
        for sid in based:
            seen, at = set(), sid
            while at is not None and at not in own and at not in seen:
                seen.add(at)
                at = based.get(at)
            if at in own:
                self.style_num[sid] = own[at]

    def prefix(self, p) -> str:
        """Return the number Word prints before paragraph ``p`` (a ``w:p`` element), or ``""``."""
        if not self.levels:
            return ""
        ppr = p.find(f"{_W}pPr")
        found = _num_pr(ppr)
        if found is None and ppr is not None:
            style = ppr.find(f"{_W}pStyle")
            found = self.style_num.get(style.get(f"{_W}val")) if style is not None else None
        if found is None:
            return ""
        num_id, ilvl = found
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels or num_id == "0":
            return ""
        fmt, text, start = levels[ilvl]
        counts = self.counters.setdefault(num_id, {})
        counts[ilvl] = counts[ilvl] + 1 if ilvl in counts else start
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]        # a higher level moving on starts the lower ones again
        if fmt in ("bullet", "none") or not text:
            return ""
        out = text
        for k in range(9):
            if f"%{k + 1}" in out:
                level = levels.get(k, ("decimal", "", 1))
                out = out.replace(f"%{k + 1}", format_number(counts.get(k, level[2]), level[0]))
        return out


def _levels(abstract) -> dict[int, tuple[str, str, int]]:
    return _levels_of(abstract.iterchildren(f"{_W}lvl"))


def _levels_of(nodes) -> dict[int, tuple[str, str, int]]:
    out = {}
    for lvl in nodes:
        fmt = lvl.find(f"{_W}numFmt")
        text = lvl.find(f"{_W}lvlText")
        start = lvl.find(f"{_W}start")
        out[_int(lvl.get(f"{_W}ilvl"))] = (fmt.get(f"{_W}val", "decimal") if fmt is not None else "decimal",
                                           text.get(f"{_W}val", "") if text is not None else "",
                                           _int(start.get(f"{_W}val"), 1) if start is not None else 1)
    return out


def _num_pr(ppr) -> tuple[str, int] | None:
    if ppr is None:
        return None
    num = ppr.find(f"{_W}numPr")
    if num is None:
        return None
    num_id = num.find(f"{_W}numId")
    ilvl = num.find(f"{_W}ilvl")
    if num_id is None:
        return None
    return num_id.get(f"{_W}val"), _int(ilvl.get(f"{_W}val")) if ilvl is not None else 0


def _int(value, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default
