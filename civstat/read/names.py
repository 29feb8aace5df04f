"""Names in plans: splitting a cell into names, and canonical forms from the alias table.

Read layer, last step of a cell: a field's text split into the names of people and units.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from civstat.read import reference
from civstat.read.clean import CJK, normalize_width, squeeze_spaces
from civstat.read.content import ADMIN_PREFIX, is_person, is_unit

_SEPARATORS = "、，,；;／/\n "
_BRACKETS = {"（": "）", "(": ")", "<": ">", "〈": "〉", "《": "》", "【": "】", "[": "]"}
_SINGLE_CJK = re.compile(rf"^[{CJK}]$")


def split_top_level(text: str, separators: str = _SEPARATORS) -> list[str]:
    """Split on separators that are not inside brackets; drop empty parts.

    Examples
    --------
    >>> split_top_level("市民政局、各区人民政府<含开发区、风景区管委会>")
    ['市民政局', '各区人民政府<含开发区、风景区管委会>']
    """
    if not _ANY_BRACKET.search(text):  # no bracket to stay out of: one split in C
        return [p.strip() for p in _splitter(separators).split(text) if p.strip()]
    parts, depth, current = [], [], []
    for char in text:
        if char in _BRACKETS:
            depth.append(_BRACKETS[char])
        elif depth and char == depth[-1]:
            depth.pop()
        elif not depth and char in separators:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


_ANY_BRACKET = re.compile("[" + re.escape("".join(_BRACKETS)) + "]")


@lru_cache(maxsize=16)
def _splitter(separators: str) -> re.Pattern:
    return re.compile("[" + re.escape(separators) + "]")


def _unspace_line(line: str) -> str:
    """Join letter-spaced names: a run of single characters is one name (``王  芳``).

    No Chinese name or office is one character long, so ``周利宏 王  芳`` holds the
    names 周利宏 and 王芳.

    Examples
    --------
    >>> _unspace_line("周利宏 王  芳"), _unspace_line("分 管 领 导")
    ('周利宏 王芳', '分管领导')
    """
    out: list[list[str]] = []  # each name as its pieces: += on a str in a list copies it (quadratic)
    joining = False
    for token in line.split():
        single = bool(_SINGLE_CJK.match(token))
        if single and joining:
            out[-1].append(token)
        else:
            out.append([token])
        joining = single
    return " ".join("".join(pieces) for pieces in out)


#: Longest piece the known-name splitter tries: no office's name is longer.
MAX_PIECE = 40


def segment_known(name: str, known: Iterable[str]) -> list[str]:
    """Split names printed with no separator, using known names; else return ``[name]``.

    The whole string must be covered by known names, so an unknown name is never cut.

    Examples
    --------
    >>> segment_known("社会事务处养老服务处市低保中心", {"社会事务处", "养老服务处", "市低保中心"})
    ['社会事务处', '养老服务处', '市低保中心']
    >>> segment_known("社会事务处养老服务处", {"社会事务处"})
    ['社会事务处养老服务处']
    """
    if not isinstance(known, (set, frozenset)):
        known = set(known)
    if not known or len(name) < 2:
        return [name]
    if not any(name[:end] in known for end in range(1, min(MAX_PIECE, len(name) - 1) + 1)):
        return [name]  # no known name opens it, so none covers it (the usual case: a single name)
    # count[i]: fewest known names covering name[:i]; back[i]: where the last of them starts.
    # Only pieces up to MAX_PIECE characters are tried, and the known names are never copied
    # or scanned, so the work is linear in the name whatever the number of names known.
    count: list[int | None] = [0] + [None] * len(name)
    back = [0] * (len(name) + 1)
    for end in range(1, len(name) + 1):
        for start in range(max(0, end - MAX_PIECE), end):
            if count[start] is not None and end - start < len(name) and name[start:end] in known:
                if count[end] is None or count[start] + 1 < count[end]:
                    count[end], back[end] = count[start] + 1, start
    if count[-1] is None or count[-1] < 2:
        return [name]
    pieces, end = [], len(name)
    while end:
        pieces.append(name[back[end]:end])
        end = back[end]
    return pieces[::-1]


def split_names(cell: str, *, known: Iterable[str] = ()) -> list[str]:
    r"""Split a table cell into the names it holds, as printed.

    Names are separated by line breaks, enumeration commas, semicolons, slashes or
    spaces. A letter-spaced name (``李  超``) is one name; a bracketed part is the
    second name of the one before it (``区划地名科 (基层政权建设和社区治理科)``);
    names run together are split when every piece is a known name
    (:func:`printed_names`, then :func:`segment_known` on each).

    Examples
    --------
    >>> split_names("周利宏 张文娟")
    ['周利宏', '张文娟']
    >>> split_names("李  超")
    ['李超']
    >>> split_names("养老服务科 (儿童福利科) 宣州区社会福利院")
    ['养老服务科（儿童福利科）', '宣州区社会福利院']
    >>> split_names("政策法规处\n（局信息中心）")
    ['政策法规处（局信息中心）']
    >>> split_names("市税务局、滁州海关等，各县、市、区政府。")
    ['市税务局', '滁州海关', '各县、市、区政府']
    >>> split_names("市统计局、各县、区政府")
    ['市统计局', '各县、区政府']
    """
    return segment_all(printed_names(cell), known)


def segment_all(names: list[str], known: Iterable[str]) -> list[str]:
    """Split each of a cell's printed names run together (:func:`segment_known`), in order.

    Examples
    --------
    >>> segment_all(["市民政局", "社会事务处养老服务处"], {"社会事务处", "养老服务处"})
    ['市民政局', '社会事务处', '养老服务处']
    """
    known = known if isinstance(known, (set, frozenset)) else set(known)
    if not known:
        return list(names)
    return [piece for name in names for piece in segment_known(name, known)]


def split_at_levels(name: str) -> list[str]:
    """Split units printed with no separator where each names its level (县医保局县人社局).

    Each piece begins with a level (市, 县, 各 …) and ends like an office; a name that holds a
    level inside (县委组织部, 基层政权建设和社区治理处) stays whole, and so do a government's
    departments (市政府各部门).

    Examples
    --------
    >>> split_at_levels("县医保局县人社局各乡镇人民政府"), split_at_levels("市政府各部门")
    (['县医保局', '县人社局', '各乡镇人民政府'], ['市政府各部门'])
    >>> split_at_levels("县委组织部"), split_at_levels("基层政权建设和社区治理处"), split_at_levels("县城管局")
    (['县委组织部'], ['基层政权建设和社区治理处'], ['县城管局'])
    """
    if len(name) < 6 or not is_unit(name):
        return [name]
    for k in range(3, len(name) - 2):
        head, tail = name[:k], name[k:]
        if head.startswith(ADMIN_PREFIX) and tail.startswith(ADMIN_PREFIX) and is_unit(head) and is_unit(tail) \
                and len(tail) >= 3 and not _ANY_BRACKET.search(head) \
                and not (tail.startswith("各") and head.endswith("政府")):   # 市政府各部门: its departments
            return [head, *split_at_levels(tail)]
    return [name]


def printed_names(cell: str) -> list[str]:
    r"""Split a table cell into its names as printed, before names run together are split.

    This is :func:`split_names` without known names: what a document prints
    separately, from which a reader learns the names to split the others by.

    Examples
    --------
    >>> printed_names("市税务局、滁州海关等，各县、市、区政府。")
    ['市税务局', '滁州海关', '各县、市、区政府']
    """
    return list(_printed_names(cell))


@lru_cache(maxsize=1 << 14)
def _printed_names(cell: str) -> tuple[str, ...]:
    # Cells repeat across a folder (the same units, the same leaders): each is split once.
    text = "\n".join(_unspace_line(squeeze_spaces_keep(line)) for line in cell.split("\n"))
    names: list[list[str]] = []  # each name as its parts, joined once at the end
    for printed in _glue_single(split_top_level(normalize_width(text))):
        printed = _END.sub("", squeeze_spaces(printed))
        if not printed:
            continue
        if printed[0] in "（(" and names:
            names[-1].append(printed)
        elif printed not in _NO_NAME:
            names.extend([part] for part in split_conjoined(printed))
    return tuple("".join(parts) for parts in names)


_CONJUNCTION = re.compile("[及和与]")


def split_conjoined(name: str) -> list[str]:
    """Split units joined by 及 / 和 / 与 where each piece is a unit named in full; else ``[name]``.

    A piece after the conjunction names its level first (市…, 各…, 县…), as a second unit
    printed in full does: ``市人力资源和社会保障局`` and ``区社团和民间组织管理局`` are one
    office each, whose name holds a 和.

    Examples
    --------
    >>> split_conjoined("市级各有关部门及各县市区政府"), split_conjoined("市人力资源和社会保障局")
    (['市级各有关部门', '各县市区政府'], ['市人力资源和社会保障局'])
    >>> split_conjoined("区社团和民间组织管理局"), split_conjoined("市总工会及各县（市）区政府")
    (['区社团和民间组织管理局'], ['市总工会', '各县（市）区政府'])
    """
    if not _CONJUNCTION.search(name):
        return [name]
    # a conjunction inside brackets joins no units: 各县（市、区）及… splits only outside them
    pieces = split_top_level(name, "及和与") if _ANY_BRACKET.search(name) else _CONJUNCTION.split(name)
    if len(pieces) > 1 and all(len(p) >= 2 and is_unit(p) for p in pieces) and all(p.startswith(ADMIN_PREFIX) for p in pieces[1:]):
        return pieces
    return [name]


_NO_NAME = frozenset({"—", "-", "/", "无", "—-", "——"})
# a closing 等 (and the 部门 / 单位 it may name: 县自然资源局等部门), or punctuation
_END = re.compile(r"(?<=..)等(?:相关|有关)?(?:部门|单位)?$|[。．.；;，,：:]+$|(?<=..)等(?:相关|有关)?(?:部门|单位)?(?=[。．.；;]*$)")


_COLLECTIVE_START = re.compile(r"^各[省市区县乡镇街](?:[省市区县乡镇街、]{0,8}[省市区县乡镇街])?$")


def _glue_single(parts: list[str]) -> list[str]:
    """Glue the pieces of one collective name: 各县、市、区政府 and 各县、区政府 are one unit each.

    A piece is a single character, or 各 with administrative levels only (各县, 各乡镇),
    which names no office until the part that follows completes it.
    """
    out: list[str] = []
    open_name = False  # the last part is a collective name still waiting for its office
    for k, part in enumerate(parts):
        if out and (open_name or (_SINGLE_CJK.match(part) and k + 1 < len(parts))):
            out[-1] = f"{out[-1]}、{part}"
        else:
            out.append(part)
        open_name = bool(_SINGLE_CJK.match(part) or _COLLECTIVE_START.match(out[-1])) and k + 1 < len(parts)
    return out


_REMARK = re.compile(r"^(?P<name>.+?)[（(](?P<remark>[^（()）]+)[）)]$")


def drop_remark(name: str) -> str:
    """Drop a bracketed remark that is not a second name: ``区教体局（区国资公司代建）`` → ``区教体局``.

    A bracket holding an office's other name (``养老服务科（儿童福利科）``) stays.

    Examples
    --------
    >>> drop_remark("区教体局（区国资公司代建）"), drop_remark("养老服务科（儿童福利科）")
    ('区教体局', '养老服务科（儿童福利科）')
    """
    m = _REMARK.match(name)
    if m and is_unit(m.group("name")) and not is_unit(m.group("remark")):
        return m.group("name")
    return name


def person_with_titles(text: str) -> str | None:
    """Return the one person a text names beside titles only, else None.

    A heading may name the leader of the items under it by post and name, in any order
    (``区政府党组成员、副区长王建国``, ``李红梅（区政府党组成员）``); a bare name is not enough.

    Examples
    --------
    >>> person_with_titles("区政府党组成员、副区长王建国"), person_with_titles("李红梅（区政府党组成员）")
    ('王建国', '李红梅')
    >>> person_with_titles("李红梅"), person_with_titles("推进城市更新"), person_with_titles("局长")
    (None, None, None)
    """
    title = reference.leader_title()
    people, titles = [], 0
    for token in re.split(r"[、，,\s（()）]+", text.strip()):
        if not token:
            continue
        if title.match(token):
            titles += 1
            continue
        person = _person_of(token, title)
        if person is None or person != token and not is_person(person):
            return None
        if person == token and not is_person(token):
            return None
        people.append(person)
        titles += person != token
    return people[0] if len(people) == 1 and titles else None


def leader_names(names: list[str]) -> list[tuple[str, str]]:
    """Read the people out of a leader's cell: ``(name, as printed)`` for each.

    A title printed beside a name (``王纲副县长``, ``副县长李明``, ``赵强（县委常委、副县长）``)
    is not part of it, and a title on its own (``县委常委、常务副县长 欧阳明``) belongs to the
    person beside it. A cell naming only titles (``分管副县长``) keeps them: they name the post.

    Examples
    --------
    >>> leader_names(["王纲副县长"]), leader_names(["县委常委", "常务副县长", "欧阳明"])
    ([('王纲', '王纲副县长')], [('欧阳明', '欧阳明')])
    >>> leader_names(["赵强（县委常委、副县长）"]), leader_names(["常务副县长"])
    ([('赵强', '赵强（县委常委、副县长）')], [('常务副县长', '常务副县长')])
    """
    title = reference.leader_title()
    people = []
    for raw in names:
        person = _person_of(raw, title)
        if person is not None:
            people.append((person, raw))
    if people:
        return people
    return [(raw, raw) for raw in names]


def _person_of(raw: str, title) -> str | None:
    """Return the person a name printed with a title names (or the name itself), or None for a title alone."""
    name = raw
    m = _REMARK.match(raw)
    if m and all(title.match(t) for t in re.split(r"[、，,\s]+", m.group("remark").strip()) if t):
        name = m.group("name")
    name = name.strip()
    if is_person(name):
        return name
    if title.match(name):
        return None
    for k in range(2, min(len(name), 5)):
        head, tail = name[:k], name[k:]
        if is_person(head) and title.match(tail.strip()):
            return head
        head, tail = name[:-k], name[-k:]
        if is_person(tail) and title.match(head.strip()):
            return tail
    return name


def squeeze_spaces_keep(line: str) -> str:
    """Collapse odd spaces and tabs but keep the spaces between words (they separate names)."""
    return " ".join(line.replace("\u3000", " ").split())


def canonical(name: str, issuer: str | None) -> str:
    """Return the canonical form of a printed name for an issuer (unchanged if unknown).

    Examples
    --------
    >>> canonical("养老处", "武汉市民政局")
    '养老服务处'
    >>> canonical("市卫健委", "任何单位")
    '市卫生健康委'
    >>> canonical("张明武", "武汉市民政局")
    '张明武'
    """
    return reference.aliases(issuer).get(name, name)
