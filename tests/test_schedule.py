"""Reporting periods and the deadlines circulars state."""

import datetime as dt

import pytest

import civstat
from civstat.read.schedule import deadlines_in_text, parse_period, period_in_text, schedule


def test_the_bundled_2023_circular(bundled):
    # 附件1 circular: "于2023年4月5日、7月5日、10月5日及2024年1月5日前，将第一、第二、第三季度及全年工作目标完成情况…"
    s = schedule(bundled)
    assert [(r.doc_id, r.period, r.due) for r in s.itertuples()] == [
        ("wuhan-2023-breakdown", "2023Q1", dt.date(2023, 4, 5)),
        ("wuhan-2023-breakdown", "2023Q2", dt.date(2023, 7, 5)),
        ("wuhan-2023-breakdown", "2023Q3", dt.date(2023, 10, 5)),
        ("wuhan-2023-breakdown", "2023Y", dt.date(2024, 1, 5)),
    ]
    assert set(s["source"]) == {"circular, line 8"}


def test_a_plan_that_states_no_deadline_has_none_unless_given(raw_dir):
    plans = civstat.read_plan(raw_dir / "xuanzhou-2023-key-tasks.txt")
    assert schedule(plans).empty
    given = schedule(plans, given={"2023Q2": "2023-07-10", "2023Y": "2024-01-10"})
    assert [(r.period, r.due, r.source) for r in given.itertuples()] == [
        ("2023Q2", dt.date(2023, 7, 10), "given"), ("2023Y", dt.date(2024, 1, 10), "given")]


@pytest.mark.parametrize(("text", "expected"), [
    ("请于2023年4月5日、7月5日、10月5日及2024年1月5日前，将第一、第二、第三季度及全年工作目标完成情况报局办公室",
     [("2023Q1", "2023-04-05"), ("2023Q2", "2023-07-05"), ("2023Q3", "2023-10-05"), ("2023Y", "2024-01-05")]),
    ("请于2022年7月10日前和2023年1月10日前分别报送上半年和全年工作完成情况",
     [("2022Q2", "2022-07-10"), ("2022Y", "2023-01-10")]),
    # periods not listed: each date covers the quarter that ended before it
    ("各单位于2024年4月8日、7月8日前报送工作进展", [("2024Q1", "2024-04-08"), ("2024Q2", "2024-07-08")]),
    ("于2023年10月5日前报送第三季度推进情况", [("2023Q3", "2023-10-05")]),
    ("请于每月5日前报送", []),  # no date in it
    ("会议于2023年4月5日前召开", []),  # a date, but nothing to report
    ("于2023年2月30日前报送", []),  # not a date
])
def test_deadlines_in_text(text, expected):
    assert [(p.code, d.isoformat()) for p, d in deadlines_in_text(text)] == expected


def test_a_date_without_year_takes_the_plans_year():
    assert [(p.code, d.isoformat()) for p, d in deadlines_in_text("于4月5日前报送一季度工作完成情况", year=2025)] == [
        ("2025Q1", "2025-04-05")]


@pytest.mark.parametrize(("text", "code", "label", "end"), [
    ("2023Q1", "2023Q1", "第一季度", dt.date(2023, 3, 31)), ("2023q4", "2023Q4", "第四季度", dt.date(2023, 12, 31)),
    ("2023Y", "2023Y", "全年", dt.date(2023, 12, 31)), ("2023", "2023Y", "全年", dt.date(2023, 12, 31)),
])
def test_parse_period(text, code, label, end):
    p = parse_period(text)
    assert (p.code, p.label, p.end) == (code, label, end)


@pytest.mark.parametrize("text", ["2023Q5", "Q1", "2023-1", ""])
def test_parse_period_refuses(text):
    with pytest.raises(ValueError, match="2023Q1"):
        parse_period(text)


@pytest.mark.parametrize(("text", "code"), [
    ("2023年武汉市民政局养老服务处第一季度工作目标完成情况", "2023Q1"),
    ("2022年 第 4 季度工作进展", "2022Q4"),
    ("2023年1-6月重点工作推进情况", "2023Q2"),
    ("2023年前三季度目标完成情况", "2023Q3"),
    ("2023年全年工作目标完成情况", "2023Y"),
    ("2023年1-12月工作完成情况", "2023Y"),
    ("工作目标完成情况", None),
])
def test_period_in_text(text, code):
    found = period_in_text(text)
    assert (found.code if found else None) == code


@pytest.mark.parametrize("text", [
    "于4月5日" + " " * 100_000, "于" + "4月5日、" * 20_000 + "前报送", "第一" * 50_000, "1-" * 50_000 + "9月",
])
def test_long_hostile_text_is_read_in_linear_time(text):
    import time

    start = time.perf_counter()
    deadlines_in_text(text)
    period_in_text(text)
    assert time.perf_counter() - start < 2.0
