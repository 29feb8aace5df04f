"""Report templates written from the bundled 2023 Wuhan plan, opened again with openpyxl."""

import shutil
import subprocess

import openpyxl
import pytest

from civstat.analyse.progress import STATUSES
from civstat.errors import DataError
from civstat.report.templates import write_templates

ISSUER = "武汉市民政局"


@pytest.fixture(scope="module")
def written(tmp_path_factory, bundled):
    out = tmp_path_factory.mktemp("templates")
    return write_templates(bundled, issuer=ISSUER, year=2023, period="2023Q1", out=out)


def _book(written, division):
    path = next(p for p in written if p.stem == f"2023Q1_{division}")
    return openpyxl.load_workbook(path)


def _rows(ws):
    """The rows below the header, as dicts keyed by header."""
    headers = [c.value for c in ws[3]]
    return [dict(zip(headers, (c.value for c in row), strict=True)) for row in ws.iter_rows(min_row=4)]


def test_one_workbook_per_lead_or_co_responsible_division(written):
    # the 2023 plan: lead divisions 养老服务处, 社会救助处, 慈善社工处, 儿童福利处, 基层政权处;
    # co-responsible 市低保中心 and 社会事务处 (and 养老服务处 on item 21)
    assert sorted(p.name for p in written) == sorted(f"2023Q1_{d}.xlsx" for d in (
        "养老服务处", "社会救助处", "慈善事业促进和社会工作处", "儿童福利处", "基层政权建设和社区治理处",
        "市低保中心", "社会事务处"))


def test_title_header_and_rows_of_a_division(written):
    ws = _book(written, "养老服务处")["牵头任务"]
    assert ws["A1"].value == "2023年武汉市民政局养老服务处第一季度工作目标完成情况"
    assert [c.value for c in ws[3]] == ["序号", "责任事项", "分管领导", "完成时限", "目标", "状态", "完成情况",
                                        "完成数值", "任务编号", "指标编号"]
    rows = _rows(ws)
    # items the plan gives 养老服务处 as lead: 1 3 4 6 7 9 10 11 15 19 20
    assert sorted({r["序号"] for r in rows}) == [1, 3, 4, 6, 7, 9, 10, 11, 15, 19, 20]
    item3 = [r for r in rows if r["序号"] == 3]
    # "推进7个区级养老服务中心建设，新建社区老年人服务中心（站）70个、农村老年人互助中心（服务点）30个": three targets
    assert [r["指标编号"] for r in item3] == [1, 2, 3]
    assert "70个" in item3[1]["目标"]
    assert "社区老年人服务中心" in item3[1]["目标"]
    assert "30个" in item3[2]["目标"]
    assert {r["分管领导"] for r in item3} == {"邓永付"}
    assert {r["任务编号"] for r in item3} == {"wuhan-2023-breakdown-003"}
    item4 = next(r for r in rows if r["序号"] == 4)  # no number in it: no target
    assert item4["目标"] == "—"
    assert item4["指标编号"] is None


def test_co_responsible_tasks_go_to_a_separate_sheet(written):
    book = _book(written, "养老服务处")
    assert book.sheetnames == ["牵头任务", "配合任务"]
    support = _rows(book["配合任务"])
    assert {r["序号"] for r in support} == {21}  # 养老服务处 is among item 21's 责任处室
    assert "配合任务" in book["配合任务"]["A1"].value
    only_support = _book(written, "市低保中心")
    assert only_support.sheetnames == ["配合任务"]
    assert sorted({r["序号"] for r in _rows(only_support["配合任务"])}) == [2, 5, 13, 21]


def test_protection_hidden_ids_drop_down_and_print_setup(written):
    ws = _book(written, "社会救助处")["牵头任务"]
    assert ws.protection.sheet
    assert not ws.protection.password
    assert ws.column_dimensions["I"].hidden
    assert ws.column_dimensions["J"].hidden
    headers = [c.value for c in ws[3]]
    for row in ws.iter_rows(min_row=4):
        by = dict(zip(headers, row, strict=True))
        has_target = by["指标编号"].value is not None
        assert not by["状态"].protection.locked
        assert not by["完成情况"].protection.locked
        assert by["完成数值"].protection.locked is not has_target
        for name in ("序号", "责任事项", "分管领导", "完成时限", "目标", "任务编号", "指标编号"):
            assert by[name].protection.locked, name
        assert by["责任事项"].alignment.wrap_text
    (validation,) = ws.data_validations.dataValidation
    assert validation.type == "list"
    assert validation.formula1 == '"' + ",".join(STATUSES) + '"' == '"已完成,超进度,达进度,欠进度,未启动"'
    assert str(validation.sqref) == f"F4:F{ws.max_row}"
    assert ws.page_setup.orientation == "landscape"
    assert int(ws.page_setup.paperSize) == 9
    assert ws.column_dimensions["B"].width >= 40
    assert ws.print_title_rows == "$3:$3"


def test_document_properties_name_the_report(written):
    book = _book(written, "儿童福利处")
    props = {p.name: p.value for p in book.custom_doc_props.props}
    assert props == {"civstat_issuer": ISSUER, "civstat_year": "2023", "civstat_period": "2023Q1",
                     "civstat_division": "儿童福利处", "civstat_by": "lead_division"}


def test_one_workbook_per_deputy_leader(bundled, tmp_path):
    files = write_templates(bundled, issuer=ISSUER, year=2023, period="2023Q2", out=tmp_path, by="leader")
    assert [p.name for p in files] == ["2023Q2_彭莉莉.xlsx", "2023Q2_李超.xlsx", "2023Q2_邓永付.xlsx"]
    ws = openpyxl.load_workbook(files[1])["牵头任务"]
    assert ws["A1"].value == "2023年武汉市民政局李超第二季度工作目标完成情况"
    assert ws["C3"].value == "牵头处室"
    assert {r["序号"] for r in _rows(ws)} == {2, 5, 13, 21}


def test_unknown_plan_or_period_is_refused(bundled, tmp_path):
    with pytest.raises(DataError, match="没有 武汉市民政局 2019 年的计划"):
        write_templates(bundled, issuer=ISSUER, year=2019, period="2019Q1", out=tmp_path)
    with pytest.raises(ValueError, match="2023Q5"):
        write_templates(bundled, issuer=ISSUER, year=2023, period="2023Q5", out=tmp_path)
    with pytest.raises(ValueError, match="不属于 2023 年"):
        write_templates(bundled, issuer=ISSUER, year=2023, period="2022Q1", out=tmp_path)
    assert not list(tmp_path.iterdir())


def test_libreoffice_opens_a_template(written, tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    path = next(p for p in written if p.stem == "2023Q1_儿童福利处")
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path),
                    str(path)], check=True, capture_output=True, timeout=120)
    text = (tmp_path / "2023Q1_儿童福利处.csv").read_text(encoding="utf-8")
    assert "2023年武汉市民政局儿童福利处第一季度工作目标完成情况" in text
    assert "为13个区级儿童福利指导中心配置专业社工" in text


def test_rows_are_tall_enough_for_their_wrapped_text(written):
    ws = _book(written, "养老服务处")["牵头任务"]
    rows = _rows_by_number(ws)
    # item 6 is the longest task of the plan (about 110 characters in a 48-wide column)
    assert ws.row_dimensions[rows[6]].height > 3 * ws.row_dimensions[rows[10]].height / 2
    assert ws.row_dimensions[rows[10]].height >= 15


def _rows_by_number(ws):
    return {row[0].value: row[0].row for row in ws.iter_rows(min_row=4)}
