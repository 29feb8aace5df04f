"""Asking in the users' terms: an issuer or year that matches nothing is a clear error naming what exists.

Every analysis that takes an issuer or a year refuses one that no plan has, with the closest issuers
(武汉 → 武汉市民政局) or the years there are, instead of returning an empty table.
"""

import pandas as pd
import pytest

import civstat
from civstat.errors import DataError

WUHAN = "武汉市民政局"

ASKED_BY_ISSUER = {
    "continuity": lambda p, issuer: civstat.continuity(p, issuer=issuer, base_year=2022, compare_year=2023),
    "target_changes": lambda p, issuer: civstat.target_changes(p, issuer=issuer, base_year=2022, compare_year=2023),
    "handover": lambda p, issuer: civstat.handover(p, issuer=issuer, base_year=2022, compare_year=2023),
    "workload": lambda p, issuer: civstat.workload(p, issuer=issuer, year=2023),
    "workload_by_theme": lambda p, issuer: civstat.workload_by_theme(p, issuer=issuer, year=2023),
    "progress_status": lambda p, issuer: civstat.progress_status(p, _no_reports(), issuer=issuer, year=2023),
    "select": lambda p, issuer: p.select(issuer=issuer, year=2023),
}

ASKED_BY_YEAR = {
    "continuity": lambda p, year: civstat.continuity(p, issuer=WUHAN, base_year=year, compare_year=2023),
    "target_changes": lambda p, year: civstat.target_changes(p, issuer=WUHAN, base_year=year, compare_year=2023),
    "handover": lambda p, year: civstat.handover(p, issuer=WUHAN, base_year=year, compare_year=2023),
    "workload": lambda p, year: civstat.workload(p, issuer=WUHAN, year=year),
    "workload_by_theme": lambda p, year: civstat.workload_by_theme(p, issuer=WUHAN, year=year),
    "progress_status": lambda p, year: civstat.progress_status(p, _no_reports(), issuer=WUHAN, year=year),
    "select": lambda p, year: p.select(issuer=WUHAN, year=year),
}


def _no_reports() -> pd.DataFrame:
    columns = ["task_id", "target_no", "period", "role", "line", "status", "value", "source"]
    return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})


@pytest.fixture(scope="module")
def plans():
    return civstat.load_plans(errors="ignore")


@pytest.mark.parametrize("name", sorted(ASKED_BY_ISSUER))
def test_a_part_of_an_issuers_name_names_the_issuer(plans, name):
    with pytest.raises(DataError, match="没有发文单位为“武汉”的计划。您要找的是不是：武汉市民政局？"):
        ASKED_BY_ISSUER[name](plans, "武汉")


@pytest.mark.parametrize("name", sorted(ASKED_BY_ISSUER))
def test_an_issuer_like_none_lists_the_issuers(plans, name):
    # nothing alike: the message lists what there is (difflib may still find a near one; either names Wuhan)
    with pytest.raises(DataError, match="没有发文单位为“Springfield”的计划。.*武汉市民政局"):
        ASKED_BY_ISSUER[name](plans, "Springfield")


@pytest.mark.parametrize("name", sorted(ASKED_BY_YEAR))
def test_a_year_without_a_plan_lists_the_years(plans, name):
    with pytest.raises(DataError, match="武汉市民政局没有 2021 年的计划，现有 2020、2022、2023 年"):
        ASKED_BY_YEAR[name](plans, 2021)


def test_targets_carry_the_issuer_and_year_of_their_task(plans):
    t = civstat.targets(plans)
    merged = t.merge(plans.tasks[["task_id", "issuer", "year"]], on="task_id", suffixes=("", "_task"))
    assert len(merged) == len(t) > 0
    assert (merged["issuer"] == merged["issuer_task"]).all()
    assert (merged["year"] == merged["year_task"]).all()
    # the bundled 2023 Wuhan plan has targets, and they say so themselves
    assert (t[(t.issuer == WUHAN) & (t.year == 2023)].task_id.str.startswith("wuhan-2023")).all()
