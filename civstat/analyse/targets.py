"""Numeric targets: the numbers a task commits to, read out of its text and goal.

Analyse layer, on the tasks table: numbers and what they count; :mod:`~civstat.analyse.target_changes` pairs them.

A *target* is a number followed by a unit of measure (``80个``, ``1.1万人``, ``85%``,
``780元/月/人``), optionally bounded by a qualifier (``2000户以上``, ``不少于10个``,
``20个工作日内``). :func:`targets` lists them for every task; :func:`find_targets` does
the same for one string and :func:`parse_number` reads one number.

What civstat knows about the words around numbers is package data, so that an analyst
can extend it without touching code:

- ``civstat/data/units.csv`` -- the units of measure, with their kind (``count``,
  ``money``, ``percent``, ``duration`` …; ``per`` units only follow a slash, as in
  ``元/月/人``);
- ``civstat/data/targets_qualifiers.csv`` -- bounds printed before, inside or after a
  number and the qualifier they are reported as (``内`` → ``以内``, ``约`` → ``左右``);
- ``civstat/data/targets_not.csv`` -- regular expressions for spans whose numbers are
  never targets: names, dates, ordinals, item numbers, phone numbers, denominators and
  progress reports;
- ``civstat/data/targets_words.csv`` -- the verbs, link words and prepositions trimmed
  off an object.

Rules
-----
A number is a target only when a unit of ``units.csv`` follows it: ``2023年``,
``7月份``, ``十大示范工程`` and the cut-off ``补贴440`` have none. Further, these are
*not* targets (each is a row of ``targets_not.csv`` or a rule below):

- **names**: numbers inside quotation marks or book-title marks (“二孩”, “2+2”品牌,
  “两个覆盖”, “民生100”工程), numbers glued to Latin letters (5G, IPv6), formulas
  ``a+b`` (1+x, 8+N), session numbers (十四届六次全会), numbered slogans (两个维护);
- **dates and ordinals**: years, months, days, quarters, ``第…`` (第3项), item numbers at
  the start of a clause (``1.加强…``, ``（三）``), phone and hotline numbers;
- **denominators**: a number after ``每`` (每百万常住人口, 每10万人);
- **progress**: a figure already reached or left over (``已完成90%``, ``剩余10%``)
  reports on the past and commits to nothing;
- **articles and magnitudes**: a lone ``一`` is an article (一件事, 一个平台), and a
  bare magnitude without a digit (百亿元服务业集聚区, 万人) names a size class;
- **durations used as names**: a duration followed directly by a noun names a concept
  -- ``15分钟便民生活圈`` is the name of a planning idea, ``24小时服务`` a kind of
  service -- while a duration that ends a clause or carries a bound is a time limit
  and a target (``压缩至20个工作日内``).

Percentages are targets whether they are levels (``覆盖率达85%以上``) or growth
(``投资增长12%以上``, ``标准提高10%``); the growth verb stays in ``object``.

A **range** (``2-3个``, ``二至三个``) is reported once, with ``value`` its lower bound and
``value_max`` its upper one (``value_max`` is NaN for a single number). A magnitude
printed on the upper bound only applies to both (``3-5万元`` → 30000 and 50000).

What a target **counts** is said by three columns, so that its label reads right on
its own: ``action`` (新建, 新增, 改造提升, 完成, 培育 …: the verb of ``targets_words.csv``
kind ``verb`` that acts on the object; 新建 80个 and 改造提升 200个以上 are different
commitments), ``object`` and ``per``, the scope a count is given for (``每百万常住人口``,
``每个城市社区平均``; or, for a percentage, its base: ``不低于城乡低保人数的10%`` → 城乡低保人数).
Verbs of kind ``aim`` (确保, 力争, 推进 …) and ``state`` (拥有) are trimmed but are no
action; a verb of kind ``change`` at the end of the phrase (标准提高10%, 投资增长12%) is
the action, not part of the object. A target listed after another with ``、`` and no
verb of its own shares its action (新建A80个、B140个).

The **object** (what is counted) is found in three steps. (1) The phrase before the
number, from the start of its clause (or the end of the previous target), is trimmed
of leading verbs and prepositions (``新建``, ``为``), trailing link words (``达到``,
``为``, ``压缩至``) and of everything up to a verb inside it (``每个城市社区平均拥有
社区社会组织`` → ``社区社会组织``); a verb followed by a noun-like word (``改造任务``,
``建设试点``) is a noun and does not cut. (2) If that phrase is empty, ends with a verb
(``配备2名全科医生``) or with ``等`` (a list of examples), the phrase after the unit is
used instead, trimmed the same way and cut before its first verb (``为13个区级儿童福利
指导中心配置专业社工`` → ``区级儿童福利指导中心``). (3) A number joined to the
previous target by ``、`` with nothing of its own shares that target's object
(``老旧小区改造项目236个、28999户``). (4) A place counted bare (``40个社区开展…``,
``2-3个村（社区）面向…基地``; kind ``place``) names nothing on its own: the phrase after
the unit is then kept whole (``社区开展共同缔造社区治理项目``).

Measured on a hand-read fixture of every numeric target of the four complete bundled
plans (``tests/data/targets_fixture.csv``, 52 targets): precision 1.0 and recall 1.0 on
value, unit and printed span; ``value_max``, ``qualifier``, ``action``, ``object`` and
``per`` agree on all 52 (``tests/test_targets.py::test_precision_and_recall_on_the_hand_read_fixture``).
The object rules were written with that fixture at hand: these are in-sample figures,
expect less on plans of other bureaus.

A task's ``goal`` is read as well as its ``text`` (the Xuanzhou plans put their numbers in
the goal); a goal identical to the text is read once.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

import pandas as pd

from civstat.read import reference
from civstat.read.quantities import _MAGNITUDES, _RANGE_DASH, NUMBER, parse_number

# --- compiled patterns --------------------------------------------------------------------
_CJK = "\u3400-\u4dbf\u4e00-\u9fff"

_TRAILING_MAGNITUDE = re.compile(rf"[{_MAGNITUDES}]+$")
_BARE_MAGNITUDE = re.compile("[百千万亿]+")
# where a clause starts or an object stops
_CLAUSE_BREAK = re.compile(r"[，,。；;：:！？!?\s]")
_PHRASE_BREAK = re.compile(r"[，,。；;：:！？!?\s、]")
_CJK_CHAR = re.compile(f"[{_CJK}]")
_EDGE_JUNK = "的、，,。；;：:“”\"' "
# the scope a count is given for: 每百万常住人口, 每个城市社区平均 (before 拥有)
_SCOPE = re.compile("每[^，,。；;、]+$|[人平]均$")
_PLACE_SPLIT = re.compile("[（）()、和及与]")


COLUMNS = {
    "task_id": "str", "issuer": "str", "year": "Int64", "source": "str", "field": "str", "start": "int64", "value": "float64",
    "value_max": "float64", "unit": "str", "qualifier": "str", "action": "str", "object": "str",
    "per": "str", "raw": "str", "label": "str",
}
#: The task columns a target can come from, in reading order.
FIELDS = ("text", "goal")


class Target(NamedTuple):
    """One target found in a string (see :func:`find_targets`)."""

    start: int
    value: float
    unit: str
    qualifier: str
    object: str
    raw: str
    value_max: float = float("nan")
    action: str = ""
    per: str = ""
    label: str = ""


def find_targets(text: str) -> list[Target]:
    """Find the targets in one string, in order (the rules are in the module docstring).

    Parameters
    ----------
    text : str
        A task's text or goal, cleaned as the reader leaves it (ASCII digits; pass
        other text through :func:`civstat.read.clean.normalize_width` first).

    Returns
    -------
    list of Target
        ``(start, value, unit, qualifier, object, raw)`` for each target, ``start``
        being the offset of ``raw`` in ``text``.

    Examples
    --------
    >>> [(t.value, t.unit, t.object) for t in find_targets("新增家庭养老床位3000张，为1.1万人提供居家养老上门服务")]
    [(3000.0, '张', '家庭养老床位'), (11000.0, '人', '居家养老上门服务')]
    >>> find_targets("社区和行政村生活垃圾分类覆盖率达85%以上")[0][1:6]
    (85.0, '%', '以上', '社区和行政村生活垃圾分类覆盖率', '85%以上')
    >>> t = find_targets("改造提升农村互助照料中心200个以上，打造2-3个康养基地")
    >>> [(t.action, t.object, t.value, t.value_max) for t in t]
    [('改造提升', '农村互助照料中心', 200.0, nan), ('打造', '康养基地', 2.0, 3.0)]
    >>> find_targets("聚焦5G等技术，打造15分钟便民生活圈，深入实施十大示范工程")
    []
    """
    matches = list(_candidate_pattern().finditer(text))
    if not matches:
        return []
    masks = [span for pattern in _not_patterns() for span in _spans(pattern, text)]
    items = [span for pattern in _item_patterns() for span in _spans(pattern, text)]
    found: list[Target] = []
    prev: Target | None = None
    prev_end = -1
    for i, m in enumerate(matches):
        target = _read(m, text, masks)
        if target is None:
            continue
        value, value_max, unit, qualifier, end = target
        next_start = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        obj, action, per, rest = _object(text, m.start(), end, prev_end=prev_end, prev=prev,
                                         stop=next_start, items=items)
        per = per or (m.group("base") or "").strip(_EDGE_JUNK)
        raw = text[m.start():end]
        prev = Target(m.start(), value, unit, qualifier, obj, raw, value_max, action, per,
                      _label(obj, raw, action=action, per=per, rest=rest))
        found.append(prev)
        prev_end = end
    return found


def targets(plans, *, fields: tuple[str, ...] = FIELDS) -> pd.DataFrame:
    """List the numbers every task commits to, one row per number.

    Parameters
    ----------
    plans : Plans
        Plans read by :func:`civstat.load_plans` or :func:`civstat.read_plan`.
    fields : tuple of str, default ("text", "goal")
        The task columns to read. A goal identical to the task's text is skipped.

    Returns
    -------
    pandas.DataFrame
        Columns ``task_id``, ``issuer`` and ``year`` (the task's plan, as in the other
        tables), ``source`` (the task's, e.g. 市政府民生实事), ``field``
        (``"text"`` or ``"goal"``), ``start`` (offset of ``raw`` in that field), ``value``
        (float: ``1.1万`` → 11000), ``value_max`` (the upper bound of a range such as
        ``2-3个``, else NaN), ``unit`` (``个``, ``户``, ``%``, ``元/月/人`` …),
        ``qualifier`` (``以上``, ``不少于``, ``以内``, ``左右`` … or ``""``), ``action``
        (新建, 改造提升 … or ``""``), ``object`` (what is counted), ``per`` (the scope:
        每百万常住人口 … or ``""``), ``raw`` (the span as printed, with its qualifier) and
        ``label`` (the target as a reader quotes it: 新增家庭养老床位3000张,
        每百万常住人口有志愿服务组织15家以上, 工业投资增长12%以上).
        Sorted by ``task_id``, field and position.

    Examples
    --------
    >>> import civstat
    >>> plans = civstat.load_plans(errors="ignore")
    >>> t = targets(plans)
    >>> t[t.task_id == "wuhan-2022-breakdown-003"][["action", "value", "unit", "object"]].to_numpy().tolist()
    [['新建', 80.0, '个', '社区老年人服务中心（站）'], ['新建', 140.0, '个', '农村老年人互助照料中心（服务点）']]
    >>> t[t.raw == "不少于10个"][["per", "object", "value"]].to_numpy().tolist()
    [['每个城市社区平均', '社区社会组织', 10.0]]
    """
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValueError(f"fields must be among {FIELDS}, not {sorted(unknown)}")
    records = []
    for task in plans.tasks.itertuples(index=False):
        seen = set()
        for field in fields:
            text = getattr(task, field)
            if not isinstance(text, str) or not text or text in seen:
                continue
            seen.add(text)
            source = getattr(task, "source", "")
            source = source if isinstance(source, str) else ""
            for t in find_targets(text):
                records.append({"task_id": task.task_id, "issuer": getattr(task, "issuer", ""),
                                "year": getattr(task, "year", pd.NA), "source": source, "field": field,
                                **t._asdict()})
    df = pd.DataFrame.from_records(records, columns=list(COLUMNS)).astype(COLUMNS)
    order = df["field"].map({f: i for i, f in enumerate(FIELDS)})
    return (df.assign(_order=order)
              .sort_values(["task_id", "_order", "start"], kind="stable")
              .drop(columns="_order")
              .reset_index(drop=True))


# --- reading one match --------------------------------------------------------------------
def _read(m: re.Match, text: str,
          masks: list[tuple[int, int]]) -> tuple[float, float, str, str, int] | None:
    """Return value, upper bound, unit, qualifier and end of a candidate, or ``None``."""
    num, num2 = m.group("num"), m.group("num2")
    span = (m.start("num"), m.end("num2") if num2 else m.end("num"))
    if any(a < span[1] and span[0] < b for a, b in masks):
        return None
    if num == "一" or _BARE_MAGNITUDE.fullmatch(num):
        return None
    unit = m.group("unit")
    kind, canonical = _units()[unit]
    after, end = m.group("after"), m.end()
    if after and len(after) == 1 and kind != "duration" and _CJK_CHAR.match(text, end):
        # 内 bounds a time limit (3个月内办结), not a count: 20个社区内开展
        after, end = None, m.start("after")
    if kind == "duration" and not after and _CJK_CHAR.match(text, end):
        return None
    qualifiers = _qualifiers()
    qualifier = (qualifiers[after] if after
                 else qualifiers[m.group("infix")] if m.group("infix")
                 else qualifiers[m.group("qual")] if m.group("qual") else "")
    value_max = float("nan")
    if num2:
        magnitude = _TRAILING_MAGNITUDE.search(num2)
        if magnitude and not _TRAILING_MAGNITUDE.search(num):
            num += magnitude.group()
        value_max = parse_number(num2)
    return parse_number(num), value_max, canonical + (m.group("per") or ""), qualifier, end


def _object(text: str, start: int, end: int, *, prev_end: int, prev: Target | None, stop: int,
            items: list[tuple[int, int]]) -> tuple[str, str, str, str]:
    """Name what the target at ``text[start:end]`` counts, the action and the scope.

    Returns ``(object, action, per, rest)``, ``rest`` being what the text does to the
    counted thing when that follows it (配置专业社工 in 为13个中心配置专业社工), or the
    link words between a measure and its level (达, 为, 压缩至); the rules are in the
    module docstring.
    """
    breaks = [b.end() for b in _CLAUSE_BREAK.finditer(text, 0, start)]
    clause = max([0, *breaks, *(b for a, b in items if b <= start)])
    joined = prev is not None and prev_end >= clause      # in the clause of the previous target
    if joined:
        clause = prev_end
    between = text[clause:start]
    listed = joined and between.lstrip().startswith("、")
    before = _trim(between.lstrip("、"), cut="last")
    after_end = _PHRASE_BREAK.search(text, end, stop)
    after = _trim(text[end:after_end.start() if after_end else stop], cut="first")
    words = _words()
    use_after = (not before.phrase or before.phrase.endswith("等")
                 or any(before.phrase.endswith(v) for v in words["verb"]))
    rest = ""
    if use_after and after.phrase:
        obj = after.phrase
        action = after.end_verb or after.cut_verb or before.lead or before.end_verb or after.lead
        rest = after.rest if action == after.cut_verb else ""
    elif use_after and not before.phrase.endswith("等"):
        # the phrase before ends with a verb that names the thing: 完成居家适老化改造2000户
        obj = before.phrase
        action = before.change or before.lead or before.cut_verb or before.end_verb
    else:
        obj = before.phrase
        action = before.change or before.cut_verb or before.lead
    if not obj and listed:
        obj = prev.object
    if listed and not action:            # 新建A80个、B140个: B is built too
        action = prev.action
    link = before.link if obj == before.phrase and not action else ""
    return obj.strip(_EDGE_JUNK), action, before.per, rest or link


class _Phrase(NamedTuple):
    """A phrase trimmed by :func:`_trim`, with the verbs taken off it."""

    phrase: str
    lead: str = ""        # verbs taken off its start (新建, 改造提升)
    cut_verb: str = ""    # the verb it was cut at (配置 in 为13个中心配置专业社工)
    end_verb: str = ""    # a verb taken off its end (建设 in 7个区级养老服务中心建设)
    change: str = ""      # a verb of change taken off its end (标准提高10%)
    per: str = ""         # the scope cut off its start (每个城市社区平均拥有…)
    rest: str = ""        # what was cut off its end, from the verb on (配置专业社工)
    link: str = ""        # the link words taken off its end (达, 为, 压缩至)


def _trim(phrase: str, *, cut: str) -> _Phrase:
    """Trim verbs and prepositions off a phrase (and link words off its end); cut at a verb.

    ``cut="last"`` keeps what follows the last verb inside the phrase (the phrase
    before a number); ``cut="first"`` keeps what precedes the first (the phrase after),
    or drops a verb that ends it. A bare place (社区, 村（社区）) left by a cut in the
    phrase after is no object on its own: the phrase is then kept whole.
    """
    words = _words()
    acts = words["action"]
    phrase = phrase.strip(_EDGE_JUNK)
    lead, change, link = [], "", ""
    changed = True
    while changed and phrase:
        changed = False
        for w in words["link"] if cut == "last" else ():
            if phrase.endswith(w):
                phrase, changed, link = phrase[: -len(w)], True, w + link
                break
        for w in words["change"] if cut == "last" and not change else ():
            if phrase.endswith(w) and len(phrase) > len(w):
                phrase, change, changed = phrase[: -len(w)], w, True
                break
        for w in words["lead"]:
            if phrase.startswith(w):
                phrase, changed = phrase[len(w):], True
                if w in acts or (lead and w in words["joint"]):     # 新建和改扩建
                    lead.append(w)
                break
    while lead and lead[-1] in words["joint"]:
        lead.pop()
    whole = phrase.strip(_EDGE_JUNK)
    cuts = []
    for v in words["verb"]:
        for hit in re.finditer(re.escape(v), phrase):
            rest = phrase[hit.end():]
            if hit.start() > 0 and rest and not rest.startswith(words["nominal"]):
                cuts.append((hit.start(), hit.end()))
    cut_verb = end_verb = per = rest = ""
    if cuts and cut == "last":
        at = max(cuts)
        cut_verb = phrase[at[0]:at[1]]
        scope = _SCOPE.search(phrase[: at[0]])
        per = scope.group() if scope else ""
        phrase = phrase[at[1]:]
    elif cuts:
        at = min(cuts)
        cut_verb, rest, phrase = phrase[at[0]:at[1]], phrase[at[0]:], phrase[: at[0]]
        if _is_place(phrase.strip(_EDGE_JUNK)):
            cut_verb, rest, phrase = "", "", whole
    elif cut == "first":
        # an action named after the counted thing: 7个区级养老服务中心建设
        end_verb = next((v for v in words["verb"] if phrase.endswith(v) and len(phrase) > len(v)
                         and v not in words["nominal"]), "")
        phrase = phrase[: len(phrase) - len(end_verb)]
    elif cut == "last":
        end_verb = next((v for v in words["verb"] if phrase.endswith(v)), "")
        scope = _SCOPE.search(phrase[: len(phrase) - len(end_verb)]) if end_verb else None
        per = scope.group() if scope else ""      # 每个乡镇卫生院配备2名全科医生
    return _Phrase(phrase.strip(_EDGE_JUNK), "".join(lead), cut_verb if cut_verb in acts else "",
                   end_verb if end_verb in acts else "", change, per, rest.strip(_EDGE_JUNK), link)


def _label(obj: str, raw: str, *, action: str, per: str, rest: str) -> str:
    """Write a target as a reader quotes it, so that it reads right on its own.

    ``新增家庭养老床位3000张``, ``每个城市社区平均有社区社会组织不少于10个``, ``工业投资增长12%以上``
    (a verb of change follows its object), ``区级儿童福利指导中心13个（配置专业社工）`` (what
    is done to the counted thing, when the text says it after the number).
    """
    scope = "" if not per or per in raw else per + ("" if action else "有")
    if action in _words()["change"]:
        return f"{scope}{obj}{action}{raw}"
    if rest in _words()["link"] or (rest and not action):      # 时限压缩至20个工作日内
        return f"{scope}{obj}{rest}{raw}"
    if rest:
        return f"{scope}{obj}{raw}（{rest}）"
    return f"{scope}{action}{obj}{raw}"


def _is_place(phrase: str) -> bool:
    """Say whether a phrase is only places (社区, 村（社区）, 城市社区和农村社区)."""
    parts = [p for p in _PLACE_SPLIT.split(phrase) if p]
    return bool(parts) and all(p in _words()["place"] for p in parts)


def _spans(pattern: re.Pattern, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


# --- reference data (read on first use, never at import) ---------------------------------
@cache
def _units() -> dict[str, tuple[str, str]]:
    """Map each unit that stands alone (not a ``per`` unit) to its kind and canonical form."""
    return {
        row["unit"]: (row["kind"], row["canonical"] or row["unit"])
        for row in reference.table("units.csv") if row["kind"] != "per"
    }


@cache
def _qualifiers() -> dict[str, str]:
    return {row["word"]: row["qualifier"] for row in reference.table("targets_qualifiers.csv")}


@cache
def _words() -> dict[str, tuple[str, ...]]:
    rows = reference.table("targets_words.csv")

    def kind(*kinds: str) -> tuple[str, ...]:
        # longest first, so that 达到 is tried before 达
        return tuple(sorted({r["word"] for r in rows if r["kind"] in kinds}, key=len, reverse=True))

    return {"link": kind("link"), "verb": kind("verb", "aim", "state"), "action": kind("verb"),
            "nominal": kind("nominal"), "change": kind("change"), "place": kind("place"),
            "joint": kind("joint"),
            "lead": kind("verb", "aim", "joint", "preposition")}


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@cache
def _candidate_pattern() -> re.Pattern:
    """Build the pattern of a number (or range), its unit and the qualifiers around them."""
    quals = reference.table("targets_qualifiers.csv")
    before = _alternation(r["word"] for r in quals if r["position"] == "before")
    infix = _alternation(r["word"] for r in quals if r["position"] == "infix")
    after = [r["word"] for r in quals if r["position"] == "after"]
    after_alt = _alternation(after)
    units = _alternation(_units())
    per = _alternation(r["unit"] for r in reference.table("units.csv") if r["kind"] == "per")
    return re.compile(
        rf"(?:(?P<qual>{before})(?:(?P<base>[^，,。；;、\s0-9]{{0,12}}?)的)?)?"
        rf"(?P<num>{NUMBER})(?:\s*{_RANGE_DASH}\s*(?P<num2>{NUMBER}))?"
        rf"(?P<infix>{infix})?\s?(?P<unit>{units})(?P<per>(?:/(?:{per}))*)"
        rf"(?P<after>{after_alt})?"
    )


@cache
def _not_patterns() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(row["pattern"]) for row in reference.table("targets_not.csv"))


@cache
def _item_patterns() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(row["pattern"]) for row in reference.table("targets_not.csv")
                 if row["kind"] == "item")


def task_targets(plans, tasks=None):
    """Return the numeric targets of each task, numbered as the templates number them (1, 2, …).

    Returns
    -------
    pandas.DataFrame
        ``task_id, target_no, target (the label, e.g. 新开业老年人供餐点30个), target_value, unit``.
        A task's goal is used only when its text has no target.
    """
    from civstat.analyse.targets import targets

    tasks = plans.tasks if tasks is None else tasks
    sub = plans.__class__(plans.documents, tasks, plans.assignments.iloc[:0], plans.problems.iloc[:0],
                          plans.fields.iloc[:0])
    t = targets(sub)
    in_text = set(t.loc[t["field"] == "text", "task_id"])
    t = t[(t["field"] == "text") | ~t["task_id"].isin(in_text)]
    t = t.assign(target_no=t.groupby("task_id").cumcount() + 1)
    return (t.rename(columns={"label": "target", "value": "target_value"})
             [["task_id", "target_no", "target", "target_value", "unit"]].reset_index(drop=True))
