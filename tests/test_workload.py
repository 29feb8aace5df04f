"""Workload per leader and division; expectations counted by hand in data/raw."""

import pandas as pd
import pytest

import civstat
from civstat.analyse.workload import workload

WUHAN = "武汉市民政局"


# (year, name) -> (tasks, lead tasks): counted from the 分管领导 column and the * marks
LEADERS = {
    (2020, "张明武"): (12, 3), (2020, "彭莉莉"): (5, 2), (2020, "孙家同"): (2, 1),
    (2022, "张明武"): (8, 3), (2022, "孙家同"): (5, 1), (2022, "彭莉莉"): (4, 2),
    (2023, "邓永付"): (11, 6), (2023, "彭莉莉"): (6, 2), (2023, "李超"): (4, 2),
}


@pytest.mark.parametrize(("key", "expected"), LEADERS.items(), ids=str)
def test_leader_workload(bundled, key, expected):
    year, name = key
    w = workload(bundled, by="leader", issuer=WUHAN, year=year).set_index("name")
    assert (w.loc[name, "tasks"], w.loc[name, "lead_tasks"]) == expected


def test_each_wuhan_year_adds_up(bundled):
    w = workload(bundled, by="leader", issuer=WUHAN)
    assert w.groupby("year")["tasks"].sum().to_dict() == {2020: 19, 2022: 17, 2023: 21}
    assert w.groupby("year")["share"].sum().round(6).eq(1).all()


def test_lead_divisions_2020(bundled):
    w = workload(bundled, by="lead_division", issuer=WUHAN, year=2020).set_index("name")["tasks"]
    assert w.to_dict() == {"养老服务处": 6, "社会救助处": 6, "基层政权建设和社区治理处": 2, "儿童福利处": 2,
                           "社会组织管理和党建工作处": 2, "慈善事业促进和社会工作处": 1}


def test_weighted_splits_shared_tasks(bundled):
    # Xuanzhou 一-2 is held by 周利宏 and 张文娟, 二-4 by 刘谋瑜 and 谭朝晖 (lines 18, 27)
    w = workload(bundled, by="leader", issuer="宣州区民政局").set_index("name")
    assert w["weighted"].sum() == pytest.approx(32)
    assert w.loc["周利宏", "tasks"] - w.loc["周利宏", "weighted"] == pytest.approx(0.5)
    assert w.loc["刘谋瑜", "tasks"] - w.loc["刘谋瑜", "weighted"] == pytest.approx(0.5)


def test_sorted_and_not_mutating(bundled):
    before = bundled.assignments.copy()
    w = workload(bundled, by="city_lead")
    pd.testing.assert_frame_equal(bundled.assignments, before)
    assert list(w.columns) == ["issuer", "year", "name", "kind", "tasks", "lead_tasks", "weighted", "share"]
    assert w.equals(w.sort_values(["issuer", "year", "tasks", "name"], ascending=[True, True, False, True],
                                  ignore_index=True))


def test_unknown_role():
    with pytest.raises(ValueError, match="by must be one of"):
        workload(civstat.Plans.concat([]), by="boss")
