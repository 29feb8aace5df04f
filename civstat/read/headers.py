"""What a header cell or a label means, read from the parts of its words.

Read layer, used by layouts and the interpreter to know what a column or a label holds.

A plan's column headers and labels vary from bureau to bureau (分管领导, 责任领导,
牵头负责领导; 牵头单位, 牵头责任单位, 主责单位 …), but they are built from a few parts:
a noun that says what the column holds (领导, 单位, 任务, 目标, 时限, 进展 …) and a
modifier that says whose it is (牵头, 配合, 协同 …). :func:`field_of` reads those parts
(``civstat/data/header_parts.csv``); ``civstat/data/fields.csv`` is the table of
exceptions, consulted first, for words whose parts would mislead.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from civstat.read import reference
from civstat.read.clean import squeeze_spaces
from civstat.read.numbering import parse_number

_QUALIFIER = re.compile(r"[（(][^（()）]{0,12}[）)]")
_PERIOD = re.compile(
    r"(?:(?:19|20)\d\d\s*年(?:度)?)?"
    r"(?:第?[一二三四1-4]\s*季度|[上下]半年|全年|本月|当月|本季度|年度"
    r"|\d{1,2}\s*[-—~～至到]\s*\d{1,2}\s*月份?|\d{1,2}\s*月份?)"
    r"|^(?:19|20)\d\d\s*年(?:度)?"   # a year alone opening the header: 2022年预期目标
)


def _key(text: str) -> str:
    return squeeze_spaces(text).replace(" ", "").replace("\n", "")


def period_of(header: str) -> str:
    """Return the period a header names (``一季度目标`` → ``一季度``), or "".

    Examples
    --------
    >>> period_of("1-9月份工作完成情况"), period_of("落实情况（全年）"), period_of("牵头单位")
    ('1-9月份', '全年', '')
    """
    m = _PERIOD.search(_key(header))
    return m.group() if m else ""


_QUARTER_DIGIT = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def period_end(period: str) -> int | None:
    """Return the month a period ends in, as year×100 + month (year 0 when unnamed), or None.

    Used to tell which of several progress columns (1-6月进展 | 1-10月进展) is the latest.

    Examples
    --------
    >>> period_end("1-9月份"), period_end("二季度"), period_end("上半年"), period_end("2024年全年")
    (9, 6, 6, 202412)
    >>> period_end("本月") is None
    True
    """
    key = _key(period)
    year = re.match(r"((?:19|20)\d\d)年", key)
    base = int(year[1]) * 100 if year else 0
    rest = key[year.end():] if year else key
    if m := re.search(r"(\d{1,2})月", rest):
        return base + int(m[1])
    if m := re.search(r"([一二三四1-4])季度", rest):
        return base + 3 * _QUARTER_DIGIT[m[1]]
    if "上半年" in rest:
        return base + 6
    if "下半年" in rest or "全年" in rest or (rest in ("", "度") and year):
        return base + 12
    return None


@cache
def _parts() -> tuple[tuple[str, str, str], ...]:
    return tuple((r["part"], r["field"], r["strength"]) for r in reference.table("header_parts.csv"))


@lru_cache(maxsize=4096)
def parse_header(header: str) -> tuple[str | None, str]:
    r"""Read a header cell: its field and why (``"word"``: the exception table; ``"parts"``).

    Fields are ``seq``, ``text``, ``title``, ``goal``, ``measures``, ``deadline``,
    ``progress``, ``status``, ``note``, ``contact``, ``count``, ``section``, ``leader``,
    ``lead_division`` and ``division``; ``None`` when nothing in it says.

    Examples
    --------
    >>> parse_header("主办\\n单位"), parse_header("协同责任单位"), parse_header("牵头单位")
    (('lead_division', 'parts'), ('division', 'parts'), ('lead_division', 'word'))
    >>> parse_header("进展情况、存在问题及下一步打算"), parse_header("分管市领导")
    (('progress', 'parts'), ('leader', 'parts'))
    >>> parse_header("区民生实事项目数量"), parse_header("前期手续"), parse_header("2022年预期目标")
    (('count', 'parts'), (None, ''), ('goal', 'parts'))
    """
    key = _key(header)
    if not key or len(key) > 24 or key.endswith(("。", "；", "，")) or parse_number(key):
        return None, ""  # a sentence or a numbered heading (一、…工作) is no header
    words = reference.field_words()
    for candidate in (key, _QUALIFIER.sub("", key)):
        if candidate in words:
            column = words[candidate][0]
            return (column or None), "word"
    bare = _QUALIFIER.sub("", key) or key
    if _is_post(bare):   # 分管副局长, 联系副市长: the post of the leader the column names
        return "leader", "parts"
    if any(ch.isdigit() for ch in bare) and not period_of(bare):
        return None, ""
    if len(bare) > 16:
        return None, ""
    for part, field, strength in _parts():
        # a long header names its field first or last (进展情况、存在问题及下一步打算)
        if strength == "strong" and part in bare and (len(bare) <= 12 or bare.startswith(part)
                                                      or _PERIOD.sub("", bare).startswith(part)
                                                      or bare.endswith(part)):
            return field, "parts"
    unit = any(bare.endswith(part) for part, _, s in _parts() if s == "unit")
    if unit:
        mods = [(bare.find(part), field) for part, field, s in _parts() if s == "modifier" and part in bare]
        lead = any(field == "lead" for _, field in mods)
        return ("lead_division" if lead else "division"), "parts"
    bare = _PERIOD.sub("", bare) or bare
    for part, field, strength in _parts():  # the noun that ends the header says what it holds
        if strength == "noun" and bare.endswith(part):
            return field, "parts"
    return None, ""


@cache
def filler_starts() -> frozenset[str]:
    """Return the first characters of the filler words a label may open with (局领导, 市牵头单位)."""
    return frozenset(p[0] for p, _, s in _parts() if s == "filler")


def _is_post(key: str) -> bool:
    """Tell whether a header is a leader's post, perhaps after filler words (分管副局长).

    >>> _is_post("分管副局长"), _is_post("联系副市长"), _is_post("副局长"), _is_post("牵头单位")
    (True, True, True, False)
    """
    fillers = sorted((p for p, _, s in _parts() if s == "filler"), key=len, reverse=True)
    title = reference.leader_title()
    rest = key
    while not title.match(rest):
        f = next((f for f in fillers if rest.startswith(f) and len(rest) > len(f)), None)
        if f is None:
            return False
        rest = rest[len(f):]
    return True


def field_of(header: str) -> str | None:
    """Return the field of a header cell (see :func:`parse_header`), ``None`` if unknown.

    Examples
    --------
    >>> field_of("责任处室（单位）"), field_of("分 管 领 导"), field_of("备注")
    ('division', 'leader', 'note')
    """
    return parse_header(header)[0]


_LABEL = re.compile(r"^\s*([^\s：:，,。；;（）()]{2,10})\s*[:：]\s*(.*)$", re.DOTALL)


def is_label_word(word: str) -> bool:
    """Tell whether a word is made of label parts only (``牵头负责领导``, not ``服务牵头单位``).

    Examples
    --------
    >>> is_label_word("牵头负责领导"), is_label_word("协同责任单位"), is_label_word("养老服务牵头单位")
    (True, True, False)
    """
    key = _key(word)
    if key in reference.field_words() or _is_post(key):
        return True
    parts = sorted({p for p, _, _ in _parts()}, key=len, reverse=True)
    i = 0
    while i < len(key):
        part = next((p for p in parts if key.startswith(p, i)), None)
        if part is None:
            return False
        i += len(part)
    return True


@lru_cache(maxsize=1024)
def unit_rank(word: str) -> str | None:
    """Say how a header or label of units ranks them: ``"lead"``, ``"duty"``, ``"co"`` or None.

    ``duty`` is a header that says only that its units are responsible (责任单位): co-units
    beside a lead (牵头单位), the lead beside units that only help (配合单位, 协办单位).
    A header that says both (协同责任单位) is ``co``; one that is no header of units, None.

    Examples
    --------
    >>> [unit_rank(w) for w in ("牵头单位", "责任单位", "责任处室", "配合单位", "协同责任单位", "分管领导")]
    ['lead', 'duty', 'duty', 'co', 'co', None]
    """
    key = _key(word).rstrip("：:")
    bare = _QUALIFIER.sub("", key) or key
    if not bare or not any(bare.endswith(part) for part, _, s in _parts() if s == "unit"):
        return None
    mods = {field for part, field, s in _parts() if s == "modifier" and part in bare}
    if "lead" in mods:
        return "lead"
    if mods - {"duty"}:
        return "co"
    return "duty" if mods else None


def label_role(word: str) -> str | None:
    """Return the role a label word gives the names after it (``协同责任单位`` → ``city_unit``).

    A label names people (``leader``), a lead unit (``city_lead``) or co-responsible
    units (``city_unit``); anything else (``进展情况``, ``其中``) is no role label.

    Examples
    --------
    >>> label_role("牵头负责领导"), label_role("牵头部门"), label_role("配合单位"), label_role("下步打算")
    ('leader', 'city_lead', 'city_unit', None)
    >>> label_role("协办科室"), label_role("配合股室"), label_role("牵头"), label_role("配合")
    ('division', 'division', 'city_lead', 'city_unit')
    """
    key = _key(word)
    words = reference.field_words()
    if key in words:
        return words[key][1] or None
    field, _ = parse_header(key)
    if field == "leader":
        return "leader"
    modifier = next((f for p, f, s in _parts() if s == "modifier" and p == key), None)
    if modifier is not None:   # a modifier alone, as a cell of units abbreviates it: 牵头：…；配合：…
        return "city_lead" if modifier == "lead" else "city_unit"
    # a label of the bureau's divisions (协办科室, 配合股室) names them at the division's level
    division = any(key.endswith(part) for part, f, s in _parts() if s == "unit" and f == "division")
    if field == "lead_division":
        return "lead_division" if division else "city_lead"
    if field == "division":
        return "division" if division else "city_unit"
    return None


#: The fields a labelled line under a numbered item gives its task (完成时限：…, 工作措施：…).
LINE_FIELDS = frozenset({"deadline", "goal", "measures", "progress", "status", "note"})


def _labelled(text: str) -> tuple[str, str] | None:
    """Split ``label：value`` where the label is a label word: ``(label, value)``, the value stripped."""
    m = _LABEL.match(text)
    if not m or not is_label_word(m.group(1)):
        return None
    return m.group(1), m.group(2).strip()


def field_label_of(text: str) -> tuple[str, str, str] | None:
    """Split a labelled line of a task's field (not a role) into field, label and value.

    Examples
    --------
    >>> field_label_of("完成时限：2024年12月底前"), field_label_of("工作措施：统筹福彩公益金支持建设。")
    (('deadline', '完成时限', '2024年12月底前'), ('measures', '工作措施', '统筹福彩公益金支持建设。'))
    >>> field_label_of("分管领导：李超"), field_label_of("完成时限：")
    (None, None)
    """
    labelled = _labelled(text)
    if not labelled or not labelled[1]:
        return None
    found, _ = parse_header(labelled[0])
    return (found, *labelled) if found in LINE_FIELDS else None


def drop_text_label(text: str) -> str:
    """Drop a label that says a text is the task (目标任务：, 主要内容：) from its start.

    Examples
    --------
    >>> drop_text_label("目标任务：新建街道综合养老服务中心6个。"), drop_text_label("完成时限：6月底")
    ('新建街道综合养老服务中心6个。', '完成时限：6月底')
    """
    labelled = _labelled(text)
    if labelled and labelled[1] and parse_header(labelled[0])[0] in ("text", "title"):
        return labelled[1]
    return text


def label_of(text: str) -> tuple[str, str] | None:
    """Split a labelled line (``牵头单位：市民政局``) into its role and value.

    Examples
    --------
    >>> label_of("分管领导：李超")
    ('leader', '李超')
    >>> label_of("加强养老服务。") is None
    True
    """
    labelled = _labelled(text)
    if not labelled:
        return None
    role = label_role(labelled[0])
    return (role, labelled[1]) if role else None
