"""Every text step of the reader finishes on pathological strings of 200,000 characters.

A quadratic step takes minutes on these (measured before the fixes: 133 s for 200,000
spaces, 260 s for 4 KB of toned pinyin); a linear one takes milliseconds. The hang
guard is generous and is not a timing assertion: the growth itself (time against a
plain scan of the same string, at 10^4 to 10^6 characters) is measured by
``benchmarks/bench_linear.py``.
"""

from __future__ import annotations

import pytest

from tests.pathological import KINDS, STEPS
from tests.test_robustness import no_hang

SIZE = 200_000


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("step", sorted(STEPS))
def test_each_step_finishes_on_pathological_text(step, kind):
    s = KINDS[kind](SIZE)
    with no_hang(30):
        STEPS[step](s)


@pytest.mark.parametrize("kind", ["toned-pinyin", "spaces", "open-brackets", "enumeration"])
def test_the_task_around_a_pathological_run_is_read(kind):
    with no_hang(30):
        assert STEPS["read_plan"](KINDS[kind](SIZE)) == 1
