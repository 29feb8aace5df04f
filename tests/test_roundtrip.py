"""Round trip: plans written from a known table in every layout, read back, compared field by field.

A fixed-seed sample of the generator in ``tests/plangen.py`` (the benchmark
``benchmarks/roundtrip.py`` runs thousands). The bar is the share of fields read right
(text, leaders, lead units, co-units, deadline, progress of every task).
"""

from __future__ import annotations

import random
from collections import defaultdict

import plangen
import pytest

import civstat

N = 240


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    folder = tmp_path_factory.mktemp("roundtrip")
    rng = random.Random(20261202)
    out = []
    for k in range(N):
        plan = plangen.make_plan(rng)
        path = plangen.write(plan, folder, f"p{k}")
        plans = civstat.read_plan(path, issuer="某区民政局", year=2024)
        out.append((plan, *plangen.score(plan, plans)))
    return out


def test_every_generated_plan_is_read(results):
    assert len(results) == N


def test_fields_read_right(results):
    right = sum(r for _, r, _, _ in results)
    total = sum(t for _, _, t, _ in results)
    assert right / total >= 0.98, f"{right}/{total} fields right"


def test_each_layout_mostly_right(results):
    by = defaultdict(lambda: [0, 0])
    for plan, right, total, _ in results:
        kind = plan.fmt if plan.layout == "table" else f"list/{plan.options['list_style']}"
        by[kind][0] += right
        by[kind][1] += total
    low = {k: f"{r / t:.1%}" for k, (r, t) in by.items() if r / t < 0.9}
    assert not low, low


def test_task_counts_right(results):
    wrong = [k for k, (plan, _, _, w) in enumerate(results) if any("missing" in x or "extra" in x for x in w)]
    assert len(wrong) <= N // 50, wrong
