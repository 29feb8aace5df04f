"""The workbook for people, opened with openpyxl as Excel would, and Plans.select."""

import pytest
from openpyxl import load_workbook

import civstat
from civstat.analyse.workload import name_kind
from civstat.errors import DataError
from civstat.plans import LABELS_ZH, closest, role_code, theme_code
from civstat.report.workbook import text_width
from civstat.schema import validate

WUHAN = "武汉市民政局"
SHEETS = ["任务清单", "工作量", "延续情况", "主题", "目标", "文件", "问题"]


@pytest.fixture(scope="module")
def workbook(bundled, tmp_path_factory):
    path = bundled.to_excel(tmp_path_factory.mktemp("xlsx") / "civstat.xlsx")
    return load_workbook(path)


def test_sheets_headers_frozen_and_filtered(workbook):
    assert workbook.sheetnames == SHEETS
    for sheet in workbook:
        header = [c.value for c in sheet[1]]
        assert all(any("\u4e00" <= ch <= "\u9fff" for ch in h) for h in header), (sheet.title, header)
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == sheet.dimensions
        assert all(c.font.bold for c in sheet[1])


def test_task_list_has_one_row_per_task_with_holders_side_by_side(workbook, bundled):
    sheet = workbook["任务清单"]
    assert sheet.max_row == len(bundled.tasks) + 1
    header = [c.value for c in sheet[1]]
    for column in ("单位", "年度", "序号", "工作事项", "分管领导", "牵头处室", "责任处室", "市责任单位", "主题"):
        assert column in header
    rows = [dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)]
    # Wuhan 2023 item 1: 邓永付, 养老服务处 (the plan's first row, read by hand)
    first = next(r for r in rows if r["单位"] == WUHAN and r["年度"] == 2023 and r["序号"] == 1)
    assert (first["分管领导"], first["牵头处室"]) == ("邓永付", "养老服务处")
    assert "养老服务" in first["主题"]
    # 宣州 一-2 is held by two leaders, joined in one cell
    assert any(r["分管领导"] == "周利宏、张文娟" for r in rows if r["单位"] == "宣州区民政局")


def test_widths_fit_the_text_and_long_text_wraps(workbook):
    sheet = workbook["任务清单"]
    header = [c.value for c in sheet[1]]
    letter = {h: sheet.cell(row=1, column=i).column_letter for i, h in enumerate(header, 1)}
    assert sheet.column_dimensions[letter["工作事项"]].width == 60  # capped, and wrapped
    assert sheet.cell(row=2, column=header.index("工作事项") + 1).alignment.wrap_text
    assert sheet.column_dimensions[letter["年度"]].width == 6  # "2023" and "年度" (4 wide) + 2
    assert not sheet.cell(row=2, column=header.index("年度") + 1).alignment.wrap_text


def test_roles_kinds_and_shares_in_chinese(workbook):
    sheet = workbook["工作量"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert {r["角色"] for r in rows} == {"分管领导", "牵头处室", "责任处室", "市牵头单位", "市责任单位"}
    kinds = {r["名称"]: r["类型"] for r in rows}
    assert (kinds["邓永付"], kinds["养老服务处"], kinds["各分管领导"], kinds["各区人民政府"]) == (
        "个人", "单位", "统称（各…）", "统称（各…）")
    share = header.index("占全部任务") + 1
    assert sheet.cell(row=2, column=share).number_format == "0%"
    statuses = {r[3] for r in workbook["延续情况"].iter_rows(min_row=2, values_only=True)}
    assert statuses == {"延续", "新增", "不再列出"}


def test_no_absolute_paths(workbook):
    for sheet in workbook:
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                assert not (isinstance(value, str) and ("/work/" in value or value.startswith("/"))), value
    names = [r[4] for r in workbook["文件"].iter_rows(min_row=2, values_only=True)]
    assert "wuhan-2023-breakdown.txt" in names


def test_formulas_neutralised_in_the_workbook(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text("序号\t工作事项\t分管领导\n1\t=HYPERLINK(\"http://x\")推进养老\t@李超\n", encoding="utf-8")
    civstat.read_plan(plan, issuer="X", year=2024).to_excel(tmp_path / "out.xlsx")
    sheet = load_workbook(tmp_path / "out.xlsx")["任务清单"]
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("工作事项") + 1)
    assert cell.data_type == "s"
    assert cell.value.startswith("'=")


def test_text_width_counts_chinese_double():
    assert text_width("养老服务处") == 10
    assert text_width("a\n养老") == 4


# -- select, names in Chinese, errors with the closest names ----------------------------------


def test_select_one_leader(bundled):
    mine = bundled.select(issuer=WUHAN, year=2023, name="邓永付")
    assert len(mine.tasks) == 11  # counted by hand, see test_workload
    assert set(mine.assignments["task_id"]) == set(mine.tasks["task_id"])
    assert mine.documents["n_tasks"].tolist() == [11]
    assert validate(mine) is mine
    assert len(bundled.tasks) == 100  # not mutated


def test_select_theme_by_label_and_id(bundled):
    by_label = bundled.select(issuer=WUHAN, theme="养老服务")
    by_id = bundled.select(issuer=WUHAN, theme="elderly_care")
    assert by_label.tasks.equals(by_id.tasks)
    assert 0 < len(by_label.tasks) < len(bundled.select(issuer=WUHAN).tasks)


def test_select_then_excel_is_one_line(bundled, tmp_path):
    bundled.select(issuer=WUHAN, year=2023, name="李超").to_excel(tmp_path / "李超.xlsx")
    assert load_workbook(tmp_path / "李超.xlsx")["任务清单"].max_row == 1 + 4


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"issuer": "武汉"}, "您要找的是不是：武汉市民政局"),
    ({"issuer": WUHAN, "year": 2021}, "现有 2020、2022、2023 年"),
    ({"issuer": WUHAN, "name": "邓永"}, "邓永付"),
    ({"theme": "养老"}, "养老服务"),
])
def test_select_names_the_closest(bundled, kwargs, message):
    with pytest.raises(DataError, match=message):
        bundled.select(**kwargs)


def test_workload_accepts_chinese_role_and_refuses_unknown_issuer(bundled):
    by_code = civstat.workload(bundled, by="lead_division", issuer=WUHAN, year=2023)
    assert by_code.equals(civstat.workload(bundled, by="牵头处室", issuer=WUHAN, year=2023))
    with pytest.raises(DataError, match="武汉市民政局"):
        civstat.workload(bundled, issuer="武汉")
    with pytest.raises(DataError, match="2021"):
        civstat.workload(bundled, issuer=WUHAN, year=2021)


def test_codes_and_labels():
    assert role_code("分管领导") == "leader"
    assert theme_code("养老服务") == "elderly_care"
    with pytest.raises(DataError, match="分管领导"):
        role_code("老板")
    assert closest("宣州", ["宣州区民政局", "武汉市民政局"]) == ["宣州区民政局"]
    for column in [*civstat.workload(civstat.Plans.concat([])).columns]:
        assert column in LABELS_ZH


@pytest.mark.parametrize(("name", "kind"), [
    ("邓永付", "person"), ("养老服务处", "unit"), ("各分管领导", "collective"), ("各科室", "collective"),
    ("各区人民政府", "collective"), ("市民政局", "unit"), ("相关单位", "collective"),
])
def test_name_kind(name, kind):
    assert name_kind(name) == kind
