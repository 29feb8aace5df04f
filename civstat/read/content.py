"""What a cell holds, judged from its text alone: names of people, units, dates, sentences.

Read layer, used by layouts, alignment and the interpreter wherever a header says nothing.

Where a header is missing or a row is short, the content of a cell decides which
column it belongs to (:mod:`civstat.read.align`). The judgements are deliberately
coarse and explainable:

``person``   two to four characters beginning with a surname (``李超``, ``周利宏 张文娟``)
``unit``     a name ending like an office (``县民政局``, ``长堎街道``) or a list of them
``date``     a deadline phrase (``12月底前``, ``全年``, ``2023年6月``, ``5月底前动工``)
``percent``  a figure of progress (``95%``, ``80%（…滞后）``)
``text``     a sentence or a long phrase: a task, a goal, a report of progress
``short``    anything else short (``已完工``, ``市生态``: a word, or a fragment of a name)
"""

from __future__ import annotations

import re
from functools import lru_cache

from civstat.read import reference
from civstat.read.clean import CJK

_DATE = re.compile(
    r"^(?:(?:19|20)\d\d\s*年\s*)?"
    r"(?:\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|[上中下]旬|年底|年内|年中|全年|长期|常年|长年|持续|每[年月季]"
    r"|[上下]半年|第?[一二三四1-4]\s*季度|[一二三四1-4]季度末?|同步|\d{1,2}\s*[-—~～至到]\s*\d{1,2}\s*月)"
    r"|^(?:19|20)\d\d\s*年\s*[底末内]"
    r"|^(?:19|20)\d\d\s*[.．/-]\s*\d{1,2}(?:\s*[.．/-]\s*\d{1,2})?\s*(?:前|底|之前|以前)?$"
)
# a sentence that says only when a task is due: 力争2024年11月末完成, 长年实施, 确保年底前完成
_WHEN = (r"(?:(?:19|20)\d\d\s*年\s*)?(?:\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?\s*(?:[上中下]旬|[底末中])?"
         r"|年底|年末|年内|年中|全年|[上下]半年|第?[一二三四1-4]\s*季度末?|长年|常年|长期)"
         r"|(?:19|20)\d\d\s*年\s*[底末内]")
_DUE_SENTENCE = re.compile(
    rf"(?:力争|确保|争取|计划|预计)?\s*(?:在|于)?\s*(?:{_WHEN})\s*(?:前|以前|之前|内|以内)?\s*"
    r"(?:全面|全部|基本)?(?:完成|完工|实施|落实|到位|建成|启动|办结|见效)?(?:任务)?")
_PERCENT = re.compile(r"^\s*\d+(?:\.\d+)?\s*[%％]")
_NAMEISH = re.compile(rf"^[{CJK}·]{{2,4}}$")
_SENTENCE = re.compile(r"[。；;！？!?]|[，,].{6,}")
_BRACKETED = re.compile(r"[ ]{0,3}[（(][^（()）]{0,60}[）)]")
_SEPARATORS = re.compile(r"[、，,；;\s/／]+")
_CLOSING_BRACKET = re.compile(r"[（(][^（()）]*[）)]$")
_NOT_IN_NAME = re.compile(r"[\d“”\"《》]")
_COUNT = re.compile(r"^\d+\s*个")
_WHITESPACE = re.compile(r"\s+")
ADMIN_PREFIX = ("市", "区", "县", "省", "镇", "乡", "州", "各")


def is_person(name: str) -> bool:
    """Tell whether a short name looks like a person's: a surname, then one to three characters.

    Examples
    --------
    >>> is_person("刘福利"), is_person("欧阳明"), is_person("已完工"), is_person("县残联")
    (True, True, False, False)
    """
    name = name.strip()
    if not _NAMEISH.match(name) or is_unit(name):
        return False
    single, compound = reference.surnames()
    if name[:2] in compound and len(name) >= 3:
        return True
    return name[0] in single and len(name) <= 3


def is_unit(name: str) -> bool:
    """Tell whether a name looks like an office, agency or organisation.

    Examples
    --------
    >>> is_unit("县护城河指挥部"), is_unit("各直属机构"), is_unit("市生态"), is_unit("完成主体工程")
    (True, True, False, False)
    """
    name = _CLOSING_BRACKET.sub("", name.strip()).rstrip("等。.")
    if not name or len(name) > 30 or _NOT_IN_NAME.search(name) or _SENTENCE.search(name):
        return False
    return len(name) >= 2 and name.endswith(reference.unit_suffixes())


def is_date(text: str) -> bool:
    """Tell whether a short cell is a deadline phrase.

    Examples
    --------
    >>> is_date("12月底前"), is_date("全年"), is_date("5月底前动工"), is_date("2023年6月30日")
    (True, True, True, True)
    >>> is_date("12个月内完成改造"), is_date("县民政局"), is_date("2024.12"), is_date("2024年底前")
    (False, False, True, True)
    """
    text = text.strip()
    if not text or len(text) > 16:
        return False
    m = _DATE.match(text)
    return bool(m) and not _COUNT.match(text)


def closing_deadline(text: str) -> tuple[str, str]:
    """Split off a task's closing sentence that says only when it is due.

    Returns the text without it and the sentence (without its full stop), or the text
    and ``""`` when its last sentence says more, or is the whole text.

    Examples
    --------
    >>> closing_deadline("做好农村低保动态管理，适当提高保障标准。力争2024年11月末完成。")
    ('做好农村低保动态管理，适当提高保障标准。', '力争2024年11月末完成')
    >>> closing_deadline("落实低保评议公示制度。长年实施。")
    ('落实低保评议公示制度。', '长年实施')
    >>> closing_deadline("开展养老机构安全检查。每季度报送检查情况。")
    ('开展养老机构安全检查。每季度报送检查情况。', '')
    >>> closing_deadline("11月末完成。")
    ('11月末完成。', '')
    """
    core = text.rstrip().rstrip("。.").rstrip()
    cut = core.rfind("。")
    if cut <= 0 or not core[:cut].strip():
        return text, ""
    last = core[cut + 1:].strip()
    if not last or not _DUE_SENTENCE.fullmatch(last):
        return text, ""
    return core[:cut + 1], last


@lru_cache(maxsize=8192)
def kind_of(text: str) -> str:
    """Classify a cell's text (see the module docstring).

    Examples
    --------
    >>> [kind_of(x) for x in ("", "李  超", "县水务局", "12月底前", "95%", "已完工")]
    ['empty', 'person', 'unit', 'date', 'percent', 'short']
    >>> kind_of("市发改委、市农业农村局、市税务局等。"), kind_of("启动建设东湖湿地公园。")
    ('unit', 'text')
    >>> kind_of("迁建县政务服务中心。"), kind_of("县政务服务中心"), kind_of("市林业局。")
    ('text', 'unit', 'unit')
    """
    text = _WHITESPACE.sub(" ", text.strip())
    if not text:
        return "empty"
    if _PERCENT.match(text):
        return "percent"
    if is_date(text):
        return "date"
    parts = [p for p in _SEPARATORS.split(_BRACKETED.sub("", text)) if p]  # 李超（副局长）
    joined = "".join(parts)
    if parts and all(len(p) == 1 for p in parts) and is_person(joined):
        return "person"  # letter-spaced: 李  超
    if parts and all(is_person(p) for p in parts):
        return "person"
    stripped = _BRACKETED.sub("", text).rstrip("。.；;").removesuffix("等")  # 养老服务科（儿童福利科）
    unit_parts = [p for p in _SEPARATORS.split(stripped) if p]
    # a full stop closes a list of units (…各直属机构。) or a name that starts like one (市林业局。),
    # but a sentence that ends like a name is a task: 迁建县政务服务中心。
    single_sentence = len(unit_parts) == 1 and text.endswith(("。", ".")) and not text.startswith(ADMIN_PREFIX)
    units = [is_unit(p.removesuffix("等")) for p in unit_parts]
    # a list of units; a short part among them (区城管局 区水投) is an abbreviated one
    if unit_parts and not single_sentence and any(units) and all(
            u or (len(p) <= 4 and not _SENTENCE.search(p)) for u, p in zip(units, unit_parts, strict=True)):
        return "unit"
    if len(text) > 16 or _SENTENCE.search(text) or single_sentence:
        return "text"
    return "short"
