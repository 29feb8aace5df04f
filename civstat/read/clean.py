"""Text cleaning: small ``str -> str`` steps, each tested on a table of cases.

Read layer, first step after decoding: every line passes through these before layouts see it.

Every step keeps the number of lines of its input, so that a problem found after
cleaning still points at the right line of the source document. Steps that need
reference knowledge (boilerplate phrases, paywall notices) read it from the files
under ``civstat/data/`` through :mod:`civstat.read.reference`.

The regular expressions are compiled once, here, and nowhere else.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from civstat.read import reference

# --- character classes --------------------------------------------------------------------
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_PINYIN_LETTERS = "a-zü" + _TONED
_OPEN = "（(〈<《【[「“"
_CLOSE = "）)〉>》】]」”"

# --- compiled patterns --------------------------------------------------------------------
_WORD_BOOKMARK = re.compile(r"\[\s*bookmark\s*:\s*[^\]]*\]", re.IGNORECASE)
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\x07]")
# A gloss such as "穩(wěn)" or "區(qū)": one or two syllables with a tone mark in brackets.
# A damaged gloss may have lost its opening bracket together with the character before
# it ("當?shù)"); toned pinyin never occurs in plan text, so the tone mark is enough.
# A syllable has at most six letters, so every run is bounded: the pattern is linear in its
# input even on a long run of toned letters or spaces (an unbounded run made it cubic).
_SYLLABLE = rf"[{_PINYIN_LETTERS}]{{0,5}}[{_TONED}][{_PINYIN_LETTERS}]{{0,5}}"
_PINYIN_GLOSS = re.compile(rf"[(（]?[ \t]{{0,3}}{_SYLLABLE}(?:[ \t]{{1,3}}{_SYLLABLE})?[ \t]{{0,3}}[)）]")
_FULLWIDTH_ALNUM = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_ASCII_PUNCT = re.compile(r"[(),:;]")
_SPACES = re.compile(r"[ \u00a0\u2002-\u200a\u3000\u202f]+")
_CJK_CHAR = re.compile("[\u4e00-\u9fff]+")
_CJK_SPACE = re.compile(
    rf"(?<=[{CJK}{re.escape(_CLOSE)}，。、；：！？])[ ]+(?=[{CJK}{re.escape(_OPEN)}])"
    rf"|(?<=[{CJK}])[ ]+(?=[，。、；：！？{re.escape(_CLOSE)}])"
)
_DAMAGE = re.compile(
    "[\u3040-\u30ff\ufffd]"  # kana or replacement characters inside Chinese text
    rf"|(?<=[{CJK}])[?_]"  # a character lost to "?" or "_"
    rf"|(?<=[{CJK}])[A-WYZ](?=[{CJK}])"  # one stray capital between characters (X is a placeholder: 第X季度)
)

# A section heading's ordinal: 一、 / （二） / 第三部分
HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)]\s*[、.．]?"
    r"|第[一二三四五六七八九十]{1,3}(?:部分|章|节)\s*[、.．：:]?)"
)

_FULL_PUNCT = str.maketrans({"(": "（", ")": "）", ",": "，", ":": "：", ";": "；"})


def remove_word_artifacts(text: str) -> str:
    """Remove traces of Word left in extracted text: bookmarks and invisible characters.

    Examples
    --------
    >>> remove_word_artifacts("[bookmark: _GoBack]加强困难群众托底保障")
    '加强困难群众托底保障'
    """
    return _INVISIBLE.sub("", _WORD_BOOKMARK.sub("", text))


def remove_pinyin_glosses(text: str) -> str:
    """Remove pinyin glosses inserted after characters, such as ``穩(wěn)定``.

    Only bracketed lower-case syllables carrying a tone mark are glosses, so real
    Latin text (5G, 1+x, AED) is kept.

    Examples
    --------
    >>> remove_pinyin_glosses("確保市場穩(wěn)定運行")
    '確保市場穩定運行'
    >>> remove_pinyin_glosses("自动体外除颤仪（AED）")
    '自动体外除颤仪（AED）'
    """
    return _PINYIN_GLOSS.sub("", text)


@cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified ones with OpenCC (``t2s``).

    Examples
    --------
    >>> to_simplified("加強困難群眾幫扶")
    '加强困难群众帮扶'
    """
    return _t2s().convert(text)


def traditional_share(text: str) -> float:
    """Return the share of Chinese characters outside GB2312, the simplified character set.

    Simplified text scores close to 0, traditional text well above 0.1. Checking the
    character set needs no dictionary, so simplified documents never load OpenCC.

    Examples
    --------
    >>> traditional_share("加強困難群眾幫扶") > 0.3
    True
    >>> traditional_share("加强困难群众帮扶")
    0.0
    """
    chars = "".join(_CJK_CHAR.findall(text))[:5000]
    if not chars:
        return 0.0
    # GB2312 writes each of its characters in two bytes and drops the others: one pass in C
    return 1 - len(chars.encode("gb2312", "ignore")) / (2 * len(chars))


def normalize_width(text: str) -> str:
    """Normalise full-width and half-width forms as Chinese plans print them.

    Full-width letters and digits become ASCII (``５Ｇ`` → ``5G``); odd spaces become
    plain spaces; ASCII brackets and punctuation next to Chinese text become the
    full-width forms (``村(居)`` → ``村（居）``), while punctuation between ASCII
    characters is left alone (``1,000``, ``2.5万``). Tabs and line breaks are kept.

    Examples
    --------
    >>> normalize_width("加强村(居)民委员会建设,提升服务")
    '加强村（居）民委员会建设，提升服务'
    >>> normalize_width("新增１,０００户，覆盖5G")
    '新增1,000户，覆盖5G'
    """
    text = _FULLWIDTH_ALNUM.sub(lambda m: chr(ord(m.group()) - 0xFEE0), text)
    text = _SPACES.sub(lambda m: " " * len(m.group()), text)

    def swap(m: re.Match) -> str:
        i = m.start()
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if before.isascii() and after.isascii() and (before.isalnum() or after.isalnum()):
            return m.group()
        if before.isascii() and after.isascii() and m.group() not in "()":
            return m.group()
        return m.group().translate(_FULL_PUNCT)

    return _ASCII_PUNCT.sub(swap, text)


def squeeze_spaces(text: str) -> str:
    """Collapse runs of spaces and drop the spaces Chinese text never has.

    Spaces between Chinese characters are layout (justified or letter-spaced
    cells), so they go; a single space between other words stays.

    Examples
    --------
    >>> squeeze_spaces("  分 管 领 导  ")
    '分管领导'
    >>> squeeze_spaces("支持 5G  应用")
    '支持 5G 应用'
    """
    if len(text) > _SQUEEZE_CACHED_LENGTH:
        return _squeeze(text)
    return _squeeze_short(text)


def _squeeze(text: str) -> str:
    text = _SPACES.sub(" ", text.replace("\t", " ")).strip()
    return _CJK_SPACE.sub("", text)


# The reader squeezes the same short cells and lines many times over (once per layout it tries,
# again as it assembles a cell), so short texts are remembered; a long one is squeezed each time
# rather than kept alive by the cache.
_SQUEEZE_CACHED_LENGTH = 400
_squeeze_short = lru_cache(maxsize=1 << 14)(_squeeze)


def strip_ordinal(text: str) -> str:
    """Remove a heading's ordinal (``一、``, ``（二）``, ``3.``) from its start.

    Examples
    --------
    >>> strip_ordinal("一、市《政府工作报告》民政任务")
    '市《政府工作报告》民政任务'
    >>> strip_ordinal("（三）发挥社会保障作用")
    '发挥社会保障作用'
    """
    return HEADING.sub("", text, count=1).strip()


def remove_web_boilerplate(text: str) -> str:
    r"""Blank the lines of web-page furniture: metadata blocks, footers, paywall notices.

    Lines are blanked rather than dropped so that line numbers keep pointing into
    the source. A paywall notice in the middle of a line is cut out of it. The
    phrases come from ``civstat/data/boilerplate.csv``.

    Examples
    --------
    >>> remove_web_boilerplate("索引号: | 1134/2023 |\n一、工作任务\n皖ICP备05004400号-1")
    '\n一、工作任务\n'
    """
    out = []
    for line in text.split("\n"):
        cut = find_cut(line)
        if cut is not None:
            line = line[: cut[0]]
        out.append("" if is_boilerplate(line) else line)
    return "\n".join(out)


def is_boilerplate(line: str) -> bool:
    """Tell whether a whole line is web-page furniture (metadata, footer, share buttons).

    Examples
    --------
    >>> is_boilerplate("© 2025宣州区人民政府 All Rights Reserved")
    True
    >>> is_boilerplate("1 | 主题教育 | 深入学习 |")
    False
    """
    return bool(line.strip()) and _boilerplate_pattern().search(line) is not None


def find_cut(line: str) -> tuple[int, int] | None:
    """Find a paywall or "text omitted" notice in a line; return its span or ``None``.

    Examples
    --------
    >>> line = "发放住房困难租赁补贴440 ……（未完，全文共3245字，当前仅显示1639字"
    >>> line[: find_cut(line)[0]]
    '发放住房困难租赁补贴440'
    >>> find_cut("实现全覆盖。") is None
    True
    """
    m = _cut_pattern().search(line)
    if m is None:
        return None
    start = m.start()
    # the notice usually sits in brackets, after an ellipsis: "……（新文秘网…省略584字…"
    opening = max(line.rfind("（", 0, start), line.rfind("(", 0, start))
    if opening >= 0 and start - opening <= 40 and not re.search("[）)]", line[opening:start]):
        start = opening
    while start > 0 and line[start - 1] in "…. ":
        start -= 1
    return start, len(line)


def find_damage(text: str) -> list[str]:
    """Return the suspicious spots of damaged text (mojibake, lost characters).

    Examples
    --------
    >>> find_damage("全面落实“六!惫ぷ鳑Q策部署")
    ['ぷ', 'Q']
    >>> find_damage("聚焦5G等新一代信息技术")
    []
    """
    return [m.group() for m in _DAMAGE.finditer(text)]


@cache
def _boilerplate_pattern() -> re.Pattern:
    rows = reference.table("boilerplate.csv")
    return re.compile("|".join(f"(?:{r['pattern']})" for r in rows if r["kind"] not in ("cut", "total")))


def is_total(cell: str) -> bool:
    """Tell whether a cell opens a row of totals (``合计``, ``总 计``; ``civstat/data/boilerplate.csv``).

    >>> is_total("合 计"), is_total("合计完成投资"), is_total("小计：")
    (True, False, True)
    """
    return _total_pattern().search(cell) is not None


@cache
def _total_pattern() -> re.Pattern:
    rows = reference.table("boilerplate.csv")
    return re.compile("|".join(f"(?:{r['pattern']})" for r in rows if r["kind"] == "total"))


@cache
def _cut_pattern() -> re.Pattern:
    rows = reference.table("boilerplate.csv")
    return re.compile("|".join(f"(?:{r['pattern']})" for r in rows if r["kind"] == "cut"))
