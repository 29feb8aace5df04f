"""Reference tables shipped as package data (``civstat/data/*.csv``).

Read layer's reference data (also used by the analyses): the CSV files of ``civstat/data``.

They hold what civstat knows about the world rather than about code: the header
and label words of plans, boilerplate phrases of web pages, and canonical names.
Analysts extend them by editing the CSV files; nothing here is hard-coded.
"""

from __future__ import annotations

import csv
import io
import re
from functools import cache
from importlib.resources import files


@cache
def table(name: str) -> tuple[dict[str, str], ...]:
    """Return the rows of ``civstat/data/<name>`` as dictionaries (cached).

    Examples
    --------
    >>> any(row["word"] == "分管领导" for row in table("fields.csv"))
    True
    """
    text = files("civstat.data").joinpath(name).read_text(encoding="utf-8")
    return tuple(csv.DictReader(io.StringIO(text)))


@cache
def field_words() -> dict[str, tuple[str, str]]:
    """Map a header or label word to its field as a table column and as a label.

    Examples
    --------
    >>> field_words()["牵头单位"]
    ('lead_division', 'city_lead')
    """
    return {row["word"]: (row["column"], row["label"]) for row in table("fields.csv")}


@cache
def aliases(issuer: str | None) -> dict[str, str]:
    """Map printed names to canonical ones for one issuer (plus the issuer-free rows).

    Examples
    --------
    >>> aliases("武汉市民政局")["基政处"]
    '基层政权建设和社区治理处'
    >>> aliases(None)["市发改委"]
    '市发展改革委'
    """
    return {
        row["alias"]: row["canonical"]
        for row in table("aliases.csv")
        if not row["issuer"] or row["issuer"] == issuer
    }


@cache
def known_names(issuer: str | None) -> frozenset[str]:
    """Return every printed and canonical name the alias table knows for an issuer."""
    mapping = aliases(issuer)
    return frozenset(mapping) | frozenset(mapping.values())


@cache
def _lines(name: str) -> tuple[str, ...]:
    text = files("civstat.data").joinpath(name).read_text(encoding="utf-8")
    return tuple(x.strip() for x in text.splitlines() if x.strip() and not x.startswith("#"))


@cache
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """Return the single-character and the compound surnames (``civstat/data/surnames.txt``).

    Examples
    --------
    >>> single, compound = surnames()
    >>> "李" in single, "欧阳" in compound
    (True, True)
    """
    single, compound = set(), set()
    for line in _lines("surnames.txt"):
        if len(line) == 2:
            compound.add(line)
        else:
            single.update(line)
    return frozenset(single), frozenset(compound)


@cache
def leader_title():
    """Return the pattern of a leader's title alone (``常务副县长``, ``县委常委``; ``civstat/data/leader_titles.txt``).

    Examples
    --------
    >>> [bool(leader_title().match(t)) for t in ("常务副县长", "县委常委", "市政府副秘书长", "李明", "民政局")]
    [True, True, True, False, False]
    """
    posts = sorted(_lines("leader_titles.txt"), key=len, reverse=True)
    level = "[省市州盟县区旗镇乡局厅]"   # 局长, 局党组成员
    body = "(?:委|政府|人大常委会|人大|政协|党工委|管委会|政府党组)"
    other = "|".join(re.escape(p) for p in posts if p != "长")
    return re.compile(rf"^(?:{level}{body}?)?(?:常务|专职)?副?(?:{level}长|{other})$")


@cache
def unit_suffixes() -> tuple[str, ...]:
    """Return how names of offices and agencies end (``civstat/data/unit_suffixes.txt``).

    Examples
    --------
    >>> "局" in unit_suffixes() and "街道" in unit_suffixes()
    True
    """
    return tuple(sorted(_lines("unit_suffixes.txt"), key=len, reverse=True))
