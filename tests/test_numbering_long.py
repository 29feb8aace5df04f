"""Item numbers above 999: read where they continue the numbering, never on their own."""

from __future__ import annotations

import openpyxl
import pytest

from civstat.read.layouts import parse_seq
from civstat.read.numbering import parse_number, seq_cell
from civstat.read.reader import read_plan


@pytest.mark.parametrize(("text", "follows", "value"), [
    ("1000.推进养老服务", {"ar": 999}, 1000),
    ("1000、推进养老服务", {"ar": 999}, 1000),
    ("（1000）推进养老服务", {"par": 999}, 1000),
    ("12345.推进养老服务", {"ar": 12344}, 12345),
    ("1000.推进养老服务", None, None),
    ("1000.推进养老服务", {"ar": 998}, None),
    ("1000.推进养老服务", {"par": 999}, None),  # another style's numbering
    ("2023、全面完成", {"ar": 999}, None),  # a year
    ("10000.元补贴", {"ar": 999}, None),  # an amount
    ("999.推进养老服务", None, 999),
])
def test_parse_number_long(text, follows, value):
    number = parse_number(text, follows=follows)
    assert (number.value if number else None) == value


@pytest.mark.parametrize(("text", "follows", "value"), [
    ("1000", {"ar": 999}, 1000), ("*1000", {"ar": 999}, 1000), ("1000", None, None),
    ("2023", {"ar": 999}, None), ("10000", {"ar": 999}, None), ("12", None, 12),
])
def test_seq_cell_long(text, follows, value):
    number = seq_cell(text, follows=follows)
    assert (number.value if number else None) == value
    seq = parse_seq(text, follows=(follows or {}).get("ar"))
    assert (seq[0] if seq else None) == value


def _task(k: int) -> str:
    return f"推进第{k}个社区养老服务站建设，完善居家养老服务网络。"


def test_xlsx_past_999(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["2024年某区民政局重点工作任务分解表"])
    sheet.append(["序号", "工作任务", "分管领导", "牵头科室"])
    for k in range(1, 1006):
        sheet.append([k, _task(k), "李超", "养老服务科"])
    path = tmp_path / "plan.xlsx"
    book.save(path)
    plans = read_plan(path, issuer="某区民政局")   # given: nothing left to infer from the title
    assert plans.tasks["seq"].tolist() == list(range(1, 1006))
    assert plans.problems.empty


@pytest.mark.parametrize("number", ["{k}.", "{k}、", "（{k}）"])
def test_list_past_999(tmp_path, number):
    lines = ["2024年某区民政局重点工作任务", ""]
    for k in range(1, 1003):
        lines += [number.format(k=k) + _task(k), "牵头单位：养老服务科。", ""]
    path = tmp_path / "plan.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    plans = read_plan(path)
    assert plans.tasks["seq"].tolist() == list(range(1, 1003))


def test_stray_long_numbers_are_not_items(tmp_path):
    lines = ["2024年某区民政局重点工作任务", ""]
    for k in range(1, 1000):
        lines += [f"{k}.{_task(k)}", "牵头单位：养老服务科。", ""]
    lines += ["2023、全年完成改造。", "", "10000.元以上的补贴另行安排。", ""]
    path = tmp_path / "plan.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    plans = read_plan(path)
    assert plans.tasks["seq"].tolist() == list(range(1, 1000))


@pytest.mark.parametrize("number", ["{k}.", "{k}、", "（{k}）"])
def test_plan_of_1005_items(tmp_path, number):
    lines = ["2024年某区民政局重点工作任务分解", ""]
    for k in range(1, 1006):
        if k % 100 == 1:
            lines += [f"{'一二三四五六七八九十'[k // 100 % 10]}、第{k // 100 + 1}组工作", ""]
        lines += [number.format(k=k) + _task(k) + "（牵头单位：养老服务科）", ""]
    path = tmp_path / "plan.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    tasks = read_plan(path).tasks
    assert len(tasks) == 1005
    by_seq = tasks.set_index("seq")["text"]
    assert by_seq[1000] == "推进第1000个社区养老服务站建设，完善居家养老服务网络。"
    assert by_seq[1005] == "推进第1005个社区养老服务站建设，完善居家养老服务网络。"
    assert tasks.loc[tasks["seq"] == 1005, "section"].item() == "第11组工作"


def test_toc_entries_past_999():
    from civstat.read.interpret import _Toc

    toc = _Toc()
    toc.add("一、养老服务")
    for k in range(998, 1002):
        toc.add(f"{k}.{_task(k)}")
    toc.add("2023、全年完成改造")
    assert sorted(toc.entries) == [998, 999, 1000, 1001]


def test_only_the_listed_first_characters_start_a_number():
    """parse_number gives up early on a text whose first character starts no style's number;
    each style's pattern, tried on texts opening with every other character, agrees."""
    from civstat.read import numbering

    patterns = [p for _, p in numbering._STYLES] + [numbering._AMBIGUOUS]
    tails = ["1、推进", "一、推进", "1.5万", "）推进", "是加强", "部分 总体", "、推进", "十）、加强"]
    for code in range(0x21, 0x10000):
        char = chr(code)
        if char in numbering._FIRST or char.isdecimal() or not char.isprintable():
            continue
        for tail in tails:
            assert not any(p.match(char + tail) for p in patterns), (char, tail)
