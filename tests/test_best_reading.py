"""The reader compares layouts without interpreting every one: the choice must not change.

``_best_reading`` skips a layout whose bound (:func:`civstat.read.interpret.max_tasks`,
its rows) cannot beat the reading in hand. These tests interpret every layout of the
bundled plans and of generated text plans in all their flattenings, and check that the
bound holds for each and that the pruned choice is the exhaustive one.
"""

from __future__ import annotations

import random
from pathlib import Path

import plangen
import pytest

from civstat.read.decode import decode
from civstat.read.interpret import interpret, max_tasks
from civstat.read.layouts import LAYOUTS
from civstat.read.reader import _best_reading, layout_order, prepare

RAW = Path(__file__).resolve().parent.parent / "data" / "raw"


def _documents(tmp_path) -> list[tuple[str, list[str]]]:
    docs = [(p.name, prepare(decode(p.read_bytes(), p)[0]).lines) for p in sorted(RAW.glob("*.txt"))]
    rng = random.Random(7)
    while len(docs) < 5 + 120:
        plan = plangen.make_plan(rng)
        if plan.suffix != ".txt":
            continue
        path = plangen.write(plan, tmp_path, f"g{len(docs)}")
        docs.append((path.name, prepare(decode(path.read_bytes(), path)[0]).lines))
    return docs


def _exhaustive(lines: list[str]) -> tuple[str, tuple[int, int, int]]:
    order = layout_order(lines)  # the layouts _best_reading considers, in its rank order
    scored = []
    for rank, name in enumerate(order):
        blocks = LAYOUTS[name](lines)
        reading = interpret(blocks)
        assert len(reading.tasks) <= max_tasks(blocks), name  # the bound the pruning rests on
        scored.append(((sum(bool(r.cells) for r in reading.tasks), len(reading.tasks), -rank), name))
    return max(scored)[1], max(scored)[0]


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    return _documents(tmp_path_factory.mktemp("best"))


def test_the_bound_holds_and_the_choice_is_the_exhaustive_one(documents):
    flattenings = set()
    for name, lines in documents:
        layout, reading = _best_reading(lines, ())
        want, score = _exhaustive(lines)
        assert layout == want, name
        assert (sum(bool(r.cells) for r in reading.tasks), len(reading.tasks)) == score[:2], name
        flattenings.add(layout)
    assert {"numbered_list", "cell_lines", "pipe_table", "word_table"} <= flattenings
