"""What a cell's own words say: inline role labels, units in parentheses, sources, notes.

Part of the read layer, used by the interpreter: small text functions that find
``牵头处室：…`` labels, ``（社会事务处牵头）`` parentheses, a section's source
(《政府工作报告》) and notes such as ``第1、3项为…的任务``.
"""

from __future__ import annotations

import re

from civstat.read.clean import squeeze_spaces, strip_ordinal
from civstat.read.content import ADMIN_PREFIX, is_person, is_unit
from civstat.read.headers import filler_starts, is_label_word, label_role
from civstat.read.layouts import responsibility_sentence, unit_parenthesis
from civstat.read.names import person_with_titles

# A heading names a source when it is a report or a list: 《…》, 实事, 全会, 会议 or a
# closing 任务 / 工作 / 目标 ("区委、区政府重点工作"); the trailing 任务 is the plan's own
# wording and is dropped from the source.
_SOURCE_HEADING = re.compile(r"《[^》]+》|实事|全会|会议|(任务|工作|目标|清单)$")


# "X民政任务", "X目标任务" -> X; "…推进会工作任务" -> …推进会 (工作 after a meeting or an
# office is generic), while "重点工作" and "特色工作" name the list and stay.
_SOURCE_SUFFIX = re.compile(r"(?:民政)?(?:目标)?任务$|(?<=[会局厅委府办])工作任务$")


_TITLE_SOURCE = re.compile(r"(?:[省市区县](?:、[省市区县])*)?(?:政府)?《[^》]+》")


_NOTE_CLAUSE = re.compile(r"第\s*([\d、，,和及至\-—～~\s]+)\s*项\s*(?:为|是|系|属于?)(.+?)(?:的|之)")


_NOTE_REST = re.compile(r"其余(?:各项|任务)?\s*(?:为|是|系|均为)(.+?)(?:的|之)")


_SOURCE_SPLIT = re.compile(r"(?:和|与|及)(?=[省市区县国《])")


_COLON = re.compile(r"[:：]")


_LABEL_RUN = re.compile(r"[^\s：:，,。；;、（）()【】\[\]]{1,12}$")


# A plan saying that the unit listed first leads: 列第一位者为（工作）牵头单位（或汇总单位）,
# 列第一位的责任单位为牵头单位, 排在首位的为牵头部门 … (a position, then 为 / 是 and 牵头).
_FIRST_LEADS_CORE = (r"(?:列|排)?(?:在)?(?:第一位|第一个|首位|第一)(?:的|者)?[^，,；;。：:（()）\n]{0,8}?"
                     r"(?:为|是|系)[^，,；;。（()）\n]{0,4}?牵头(?!领导|人)(?:单位|部门|处室|科室)?"
                     r"(?:或[^，,；;。（()）\n]{1,8})?")
_FIRST_LEADS_CLAUSE = re.compile(_FIRST_LEADS_CORE)
# ... and the same clause as it sits among the names of a parenthesis, to be taken out
_FIRST_LEADS = re.compile(r"[，,；;]?[ ]{0,3}[（(]?" + _FIRST_LEADS_CORE + r"(?:[，,][ ]{0,3}下同)?[)）]?")


#: Marks a plan may print beside a name (市民政局*) and explain in a note (带*的为牵头单位).
NAME_MARKS = "*＊★☆※△▲●◆#＃"
_LEAD_MARK = re.compile(rf"(?:带|标|标注|标有|加|注有|有)\s*[“”\"']?(?P<mark>[{re.escape(NAME_MARKS)}])[“”\"']?\s*(?:号)?"
                        r"(?:者|的)?[^，,；;。（()）\n]{0,6}?(?:为|是|系)[^，,；;。（()）\n]{0,4}?牵头(?!领导|人)")
_LEAD_REMARK = re.compile(r"^[（(]\s*(?:总|主)?牵头(?:单位|部门|处室|科室)?\s*[）)]$")


def lead_mark(text: str) -> str:
    """Return the mark a text says shows the lead unit (``注：带*的为牵头单位`` → ``*``), or ``""``.

    >>> lead_mark("注：带*的为牵头单位。"), lead_mark("标★者为牵头部门"), lead_mark("带*的为重点项目")
    ('*', '★', '')
    """
    m = _LEAD_MARK.search(text) if "牵头" in text else None
    return m.group("mark") if m else ""


def split_mark(name: str) -> tuple[str, str]:
    """Return a name without a mark printed before or after it, and the mark (or ``""``).

    A run of marks is a masked part of the name, not a mark (``**县民政局``).

    >>> split_mark("市民政局*"), split_mark("★市财政局"), split_mark("市财政局"), split_mark("**县民政局")
    (('市民政局', '*'), ('市财政局', '★'), ('市财政局', ''), ('**县民政局', ''))
    """
    if len(name) > 2:
        if name[-1] in NAME_MARKS and name[-2] not in NAME_MARKS:
            return name[:-1].rstrip(), name[-1]
        if name[0] in NAME_MARKS and name[1] not in NAME_MARKS:
            return name[1:].lstrip(), name[0]
    return name, ""


def says_it_leads(name: str) -> bool:
    """Whether a name carries a remark saying that it leads: ``市民政局（牵头）``.

    >>> says_it_leads("市民政局（牵头）"), says_it_leads("市民政局(牵头单位)"), says_it_leads("市民政局（代建）")
    (True, True, False)
    """
    at = max(name.rfind("（"), name.rfind("("))
    return at > 0 and bool(_LEAD_REMARK.match(name[at:]))


def drop_first_leads_note(text: str) -> str:
    """Take out of a cell of names the note that the unit listed first leads.

    >>> drop_first_leads_note("市经信局、市财政局（列第一位者为工作牵头单位或汇总单位，下同）")
    '市经信局、市财政局'
    """
    return _FIRST_LEADS.sub("", text).strip() if "牵头" in text else text


def says_first_listed_leads(text: str) -> bool:
    """Whether a text says that the unit listed first among a task's units is its lead.

    >>> says_first_listed_leads("责任单位：市经信局、市财政局（列第一位者为工作牵头单位或汇总单位，下同）")
    True
    >>> says_first_listed_leads("责任分解中，列第一位的责任单位为牵头单位或汇总单位。")
    True
    >>> says_first_listed_leads("各单位主要负责同志为抓落实的第一责任人，牵头单位要加强统筹。")
    False
    """
    return "牵头" in text and bool(_FIRST_LEADS_CLAUSE.search(text))


# A heading naming the leader in charge of its tasks: 王纲市长主抓重点工作, 李明常务副县长分管工作
# (a person, a leader's title, then 主抓 / 分管 / 负责 / 牵头 and what the section holds).
_HEADING_LEADER = re.compile(
    r"^(?P<person>[^，,。；;、\s（(]{2,4}?)(?P<title>(?:常务)?副?[省市州县区镇乡局厅委]长|副?(?:主任|书记|秘书长))"
    r"(?:同志)?(?:主抓|分管|负责|牵头|联系)(?:的)?(?:重点)?(?:工作|任务|事项|领域)?"
    r"(?:[（(]\s*\d+\s*[项个条]\s*[)）])?$")


# What a heading naming a leader may say after the name: 负责, 分管的工作（5项）
_HEADING_DUTY = re.compile(r"(?:同志)?(?:主抓|分管|负责|牵头|联系)(?:[（(](?:分管|联系|负责)[)）])?(?:的)?(?:重点)?"
                           r"(?:工作|任务|事项|领域)?"
                           r"(?:[（(]\s*\d+\s*[项个条]\s*[)）])?$|[（(]\s*\d+\s*[项个条]\s*[)）]$")
_HEADING_UNIT = re.compile(r"^(?P<unit>[^，,。；;、\s]{2,30}?)牵头(?:的)?(?:工作|任务|事项|项目)?(?:[（(]\s*\d+\s*[项个条]\s*[)）])?$")
# A heading that is a unit's name, with the count of its tasks or not: 县民政局（3项）
_HEADING_ONLY_UNIT = re.compile(r"^(?P<unit>[^，,。；;、\s（()）]{2,30}?)\s*(?:[（(]\s*\d+\s*[项个条]\s*[)）])?$")


def _label_at(text: str, colon: int) -> tuple[int, str] | None:
    """Find the role label ending right before the colon at ``colon``: its start and word."""
    start = max(0, colon - 12)
    m = _LABEL_RUN.search(text[start:colon])  # a label is short: look back no further
    if not m:
        return None
    run = m.group()
    for k in range(len(run) - 1):  # the longest suffix that is a label word
        word = run[k:]
        if len(word) >= 2 and is_label_word(word) and label_role(word):
            # ... that leaves the name before it whole: 县工信局责任单位 is 县工信局 + 责任单位,
            # though 局 also opens a label (局领导)
            for j in range(k + 1, len(run) - 1) if word[0] in filler_starts() else ():
                if is_unit(run[:j]) and not is_label_word(run[:j]) and is_label_word(run[j:]) \
                        and label_role(run[j:]):
                    return start + m.start() + j, run[j:]
            return start + m.start() + k, word
    return None


def label_before(line: str, value: str) -> str:
    r"""Return the role label printed right before ``value`` in ``line``, colon between, or ``""``.

    Examples
    --------
    >>> label_before("3.推进殡葬改革。（责任单位：县民政局；配合单位：县财政局）", "县财政局")
    '配合单位'
    >>> label_before("责任处室：社会救助处", "社会救助处"), label_before("县民政局\t县财政局", "县财政局")
    ('责任处室', '')
    """
    at = line.find(value) if value else -1
    head = line[:at].rstrip() if at > 0 else ""
    if not head.endswith(("：", ":")):
        return ""
    found = _label_at(head, len(head) - 1)
    return found[1] if found else ""


def label_pairs(text: str) -> tuple[int, list[tuple[str, str, int, int]]]:
    """Find ``label：value`` segments in a text: where the first starts, and each segment.

    Each segment is ``(role, value, start, end)``; a value runs to the next label.

    Examples
    --------
    >>> label_pairs("牵头单位：市经贸委，配合单位：市发改委、规划局")[1]
    [('city_lead', '市经贸委', 0, 10), ('city_unit', '市发改委、规划局', 10, 23)]
    >>> [value for _, value, _, _ in label_pairs("牵头单位：县工信局责任单位：县发改局")[1]]
    ['县工信局', '县发改局']
    """
    hits = []
    for m in _COLON.finditer(text):
        found = _label_at(text, m.start())
        if found:
            hits.append((found[0], found[1], m.end()))
    segments = []
    for k, (start, word, value_start) in enumerate(hits):
        end = hits[k + 1][0] if k + 1 < len(hits) else len(text)
        value = text[value_start:end].strip().strip("；;，,。. ")
        segments.append((label_role(word), value, start, end))
    return (hits[0][0] if hits else -1), segments


def _pairs_of(inner: str) -> list[tuple[str, str]]:
    # a note that the unit listed first leads is the plan's rule, applied to every task
    # from it on when the plan is assembled (:func:`civstat.read.reader._first_listed_leads`)
    inner = _FIRST_LEADS.sub("", inner)
    start, segments = label_pairs(inner)
    if start >= 0 and not inner[:start].strip(" ，,；;"):
        return [(role, value) for role, value, _, _ in segments if value]
    return responsibility_sentence(inner) or []


def split_unit_parenthesis(text: str) -> tuple[str, list[tuple[str, str]], bool]:
    """Split a task's closing ``（牵头单位：…；责任单位：…）`` off its text.

    Returns the text without it, ``(role, names)`` pairs, and whether the parenthesis
    was left unclosed (the text is cut off).

    Examples
    --------
    >>> split_unit_parenthesis("积极发展公益慈善事业。（牵头单位：市民政局；责任单位：市财政局）")
    ('积极发展公益慈善事业。', [('city_lead', '市民政局'), ('city_unit', '市财政局')], False)
    >>> split_unit_parenthesis("新建社区老年人服务中心（站）70个。")
    ('新建社区老年人服务中心（站）70个。', [], False)
    >>> split_unit_parenthesis("加强监管。（市市场监管局牵头，各区人民政府负责落实）")[1]
    [('city_lead', '市市场监管局'), ('city_unit', '各区人民政府')]
    """
    start, closed = unit_parenthesis(text)
    if start < 0:
        return text, [], False
    inner = text[start + 1 :].rstrip().rstrip("。.；;，,")
    if closed:
        inner = inner[:-1]
    return text[:start].rstrip(), _pairs_of(inner), not closed


def split_inline_labels(text: str) -> tuple[str, list[tuple[str, str]], str]:
    """Split labels written on a task's own line: ``技能培训提升，牵头单位：市退役军人局。其中…``.

    Returns the task text before the labels, ``(role, names)`` pairs, and what follows
    the last value's full stop (a remark, kept apart).

    Examples
    --------
    >>> split_inline_labels("技能培训提升，牵头单位：市退役军人局。其中，叶集区较慢。")
    ('技能培训提升', [('city_lead', '市退役军人局')], '其中，叶集区较慢。')
    >>> split_inline_labels("落实进展情况：已完成")
    ('落实进展情况：已完成', [], '')
    """
    start, segments = label_pairs(text)
    if start < 0 or (start and text[start - 1] not in "，,。；;： \t"):
        return text, [], ""
    pairs, rest = [], ""
    for k, (role, value, seg_start, seg_end) in enumerate(segments):
        if k == len(segments) - 1:
            raw = _COLON.split(text[seg_start:seg_end], maxsplit=1)[-1]
            for m in re.finditer(r"[。；;]", raw):  # a semicolon may separate units: 配合单位：A；B。
                after = re.split(r"[，,。；;、]", raw[m.end():], maxsplit=1)[0]
                if m.group() == "。" or not is_unit(after.removesuffix("等")):
                    value, rest = raw[: m.start()], raw[m.end():].strip()
                    break
        value = value.strip().strip("，,；;。")
        if value:
            pairs.append((role, value))
    return text[:start].rstrip(" ，,；;：:"), pairs, rest


def heading_units(heading: str) -> list[tuple[str, str]]:
    """Return the unit a section heading names as lead (``县示范区管委会牵头工作（8项）``), or the leader.

    Examples
    --------
    >>> heading_units("一、县示范区管委会牵头工作（8项）")
    [('city_lead', '县示范区管委会')]
    >>> heading_units("二、李明常务副市长主抓重点工作")
    [('leader', '李明')]
    >>> heading_units("三、养老服务（牵头领导：李明；牵头单位：县民政局）")
    [('leader', '李明'), ('city_lead', '县民政局')]
    >>> heading_units("一、区政府党组成员、副区长王建国负责"), heading_units("二、李红梅（区政府党组成员）")
    ([('leader', '王建国')], [('leader', '李红梅')])
    >>> heading_units("一、高丽华同志分管工作"), heading_units("二、周强分管（联系）工作"), heading_units("三、全面负责")
    ([('leader', '高丽华')], [('leader', '周强')], [])
    >>> heading_units("二、加强养老服务"), heading_units("一、县民政局（3项）")
    ([], [('city_lead', '县民政局')])
    """
    text = strip_ordinal(squeeze_spaces(heading))
    m = _HEADING_LEADER.match(text)
    # the person must not end with a part of the title (常务副市长 alone names no one)
    if m and is_person(m.group("person")) and not m.group("person").endswith(("常务", "副", "正", "执行")):
        return [("leader", m.group("person"))]
    m = _HEADING_DUTY.search(text)   # 区政府党组成员、副区长王建国负责 / 李红梅（区政府党组成员）
    person = person_with_titles(text[:m.start()] if m else text)
    if person:
        return [("leader", person)]
    # 高丽华同志分管工作: a name alone, where 同志 or 分管 / 联系 says it is a person's work
    if m and m.start() > 0 and re.match(r"同志|分管|联系", m.group()) and is_person(text[:m.start()]):
        return [("leader", text[:m.start()])]
    m = _HEADING_UNIT.match(text)
    if m and is_unit(m.group("unit")):
        return [("city_lead", m.group("unit"))]
    # a heading that is only a name must be plainly a unit's: one of a place (县民政局, 各乡镇)
    m = _HEADING_ONLY_UNIT.match(text)
    if m and m.group("unit").startswith(ADMIN_PREFIX) and is_unit(m.group("unit")):
        return [("city_lead", m.group("unit"))]
    return heading_without_units(text)[1]


def heading_without_units(heading: str) -> tuple[str, list[tuple[str, str]]]:
    """Split the leader and units a heading names in brackets or labels off its name.

    >>> heading_without_units("一、兜牢民生底线（分管领导：王纲）")
    ('一、兜牢民生底线', [('leader', '王纲')])
    >>> heading_without_units("（一）推进养老服务体系建设。牵头单位：市民政局")
    ('（一）推进养老服务体系建设。', [('city_lead', '市民政局')])
    """
    rest, pairs, unclosed = split_unit_parenthesis(heading)
    if pairs and rest and not unclosed:
        return rest, pairs
    before, pairs, _ = split_inline_labels(heading)
    if pairs and before.strip():
        return before.rstrip(" ，,；;"), pairs
    return heading, []


def source_of_heading(heading: str) -> str:
    """Return the source a section heading names, or "" if it is a topic, not a source.

    Examples
    --------
    >>> source_of_heading("一、市《政府工作报告》民政任务")
    '市《政府工作报告》'
    >>> source_of_heading("二、区委、区政府重点工作")
    '区委、区政府重点工作'
    >>> source_of_heading("（一）确保市场稳定运行")
    ''
    """
    text = strip_ordinal(heading)
    if not _SOURCE_HEADING.search(text):
        return ""
    return _SOURCE_SUFFIX.sub("", text) or text


def source_of_title(title: str) -> str:
    """Return the report a plan's title names (``市《政府工作报告》``), or "".

    Examples
    --------
    >>> source_of_title("2020年市《政府工作报告》民政目标任务责任分解方案")
    '市《政府工作报告》'
    """
    m = _TITLE_SOURCE.search(title)
    return m.group() if m else ""


def _split_sources(text: str) -> list[str]:
    return [s.strip() for s in _SOURCE_SPLIT.split(text) if s.strip()]


def _numbers(text: str) -> list[int]:
    out: list[int] = []
    for part in re.split(r"[、，,和及\s]+", text):
        bounds = re.split(r"[\-—～~至]", part)
        if len(bounds) == 2 and all(b.isdigit() for b in bounds):
            out.extend(range(int(bounds[0]), int(bounds[1]) + 1))
        elif part.isdigit():
            out.append(int(part))
    return out


def parse_note(text: str) -> tuple[dict[int, list[str]], str]:
    """Read which items come from which report out of a plan's note.

    Examples
    --------
    >>> parse_note("第3项为市《政府工作报告》和市政府民生实事的双重任务，第4、5项为市政府民生实事的民政任务，其余是市《政府工作报告》的民政工作任务。")
    ({3: ['市《政府工作报告》', '市政府民生实事'], 4: ['市政府民生实事'], 5: ['市政府民生实事']}, '市《政府工作报告》')
    """
    by_seq: dict[int, list[str]] = {}
    for m in _NOTE_CLAUSE.finditer(text):
        for n in _numbers(m.group(1)):
            by_seq[n] = _split_sources(m.group(2))
    rest = _NOTE_REST.search(text)
    return by_seq, (rest.group(1).strip() if rest else "")
