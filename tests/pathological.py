"""Pathological strings for the reader's text steps, and the steps themselves.

Shared by ``tests/test_linear_time.py`` (each step on each string under a hang guard) and
``benchmarks/bench_linear.py`` (time against a plain scan at growing sizes). Each kind is
a run that once made a pattern or a scan quadratic or worse, or that empty Excel rows,
HTML colspans and cut web pages produce when cells are joined.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from civstat.read import clean as text
from civstat.read import names


def _repeat(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


#: kind -> function of a size (characters) giving the string
KINDS = {
    "toned-pinyin": lambda n: _repeat("ā", n),
    "pinyin-syllables": lambda n: _repeat("(wěn) ", n),
    "spaces": lambda n: _repeat(" ", n),
    "tabs": lambda n: _repeat("\t", n),
    "blank-lines": lambda n: _repeat("\n", n),
    "open-brackets": lambda n: _repeat("（", n),
    "bracket-pairs": lambda n: _repeat("（）", n),
    "labels": lambda n: "牵头单位：" + _repeat("（", n),
    "label-runs": lambda n: _repeat("牵头单位：责任单位：", n),
    "digits": lambda n: _repeat("1", n),
    "item-marks": lambda n: _repeat("1、", n),
    "item-lines": lambda n: _repeat("1.\n", n),
    "cut-notices": lambda n: "（未完，全文共3245字" + _repeat("\n1.推进养老服务。（责任单位：市民政局）", n),
    "enumeration": lambda n: _repeat("市民政局、", n),
    "pipes": lambda n: _repeat(" |", n),
    "cjk-spaced": lambda n: _repeat("养 ", n),
}

KNOWN = {"社会事务处", "养老服务处", "市低保中心", "社会事务处养老"}


def _read(s: str) -> int:
    """Read a one-task plan carrying ``s`` inside its text; return the number of tasks."""
    import civstat

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.txt"
        path.write_text(f"1.加强养老{s}服务。（责任单位：市民政局）\n", encoding="utf-8")
        return len(civstat.read_plan(path, issuer="X", year=2024).tasks)


def _prepare(s: str):
    from civstat.read.reader import prepare

    return prepare(s)


#: step -> function of one string; together they are every text step the reader runs
STEPS = {
    "remove_word_artifacts": text.remove_word_artifacts,
    "remove_pinyin_glosses": text.remove_pinyin_glosses,
    "normalize_width": text.normalize_width,
    "squeeze_spaces": text.squeeze_spaces,
    "strip_ordinal": text.strip_ordinal,
    "remove_web_boilerplate": text.remove_web_boilerplate,
    "find_cut": text.find_cut,
    "find_damage": text.find_damage,
    "split_names": names.split_names,
    "segment_known": lambda s: names.segment_known(s, KNOWN),
    "prepare": _prepare,
    "read_plan": _read,
}
