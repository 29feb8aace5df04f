"""The annual briefing as a Word document (civstat brief --docx), opened with python-docx."""

import re

import pytest
from click.testing import CliRunner
from docx import Document

from civstat.cli import main


@pytest.fixture(scope="module")
def document(tmp_path_factory):
    out = tmp_path_factory.mktemp("docx") / "reports"
    result = CliRunner().invoke(main, ["brief", "--docx", "--issuer", "武汉市民政局", "--year", "2023",
                                       "--notebook", "briefing", "--notebook", "workload", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.rglob("*.docx")) == ["briefing.docx"]  # the annual briefing only
    return Document(str(out / "武汉市民政局-2023" / "briefing.docx"))


def test_headings_and_sentences_in_order(document):
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert paragraphs[0] == ("Title", "武汉市民政局 2023年 年度简报")
    headings = [text for style, text in paragraphs if style.startswith("Heading")]
    assert headings == ["工作量", "延续与新增", "主题", "量化目标", "附：任务清单"]
    text = "\n".join(t for _, t in paragraphs)
    assert "邓永付分管9项（其中牵头4项），彭莉莉6项，李超4项，共19项。" in text
    assert re.search(r"根据 《2023年省、市《政府工作报告》民政目标任务责任分解方案》（wuhan-2023-breakdown.txt） "
                     r"生成，生成时间 \d{4}年", text)
    for instruction in ("parameters", "civstat", "JupyterLab"):
        assert instruction not in text


def test_charts_stand_as_tables_of_their_numbers(document):
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in document.tables]
    workload = next(t for t in tables if t[0] == ["", "牵头任务", "配合任务"])
    assert workload[1] == ["邓永付", "6", "5"]  # 11 tasks, 6 led (counted by hand, test_workload)
    shares = next(t for t in tables if t[0][:1] == [""] and "2023年" in t[0])
    assert all(cell.endswith("%") for row in shares[1:] for cell in row[1:] if cell)
    by_theme = next(t for t in tables if t[0] == ["主题", "延续", "新增", "不再列出"])
    assert by_theme[1][0] == "养老服务"
    every_cell = [cell for t in tables for row in t for cell in row]
    assert not [c for c in every_cell if re.fullmatch(r"\d+\.0|0\.\d+", c)]
    targets = next(t for t in tables if t[0] == ["序号", "目标"])
    assert ["1", "完成居家适老化改造2000户以上"] in targets
