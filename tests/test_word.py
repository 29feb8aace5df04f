"""The annual briefing as a Word document (civstat brief --docx), opened with python-docx."""

import importlib.util
import os
import re

import nbformat
import pytest
from click.testing import CliRunner
from docx import Document

from civstat.cli import main
from civstat.report.word import to_docx


@pytest.fixture(scope="module")
def briefed(tmp_path_factory):
    out = tmp_path_factory.mktemp("docx") / "reports"
    result = CliRunner().invoke(main, ["brief", "--docx", "--issuer", "武汉市民政局", "--year", "2023",
                                       "--notebook", "briefing", "--notebook", "workload", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.rglob("*.docx")) == ["briefing.docx"]  # the annual briefing only
    return out / "武汉市民政局-2023"


@pytest.fixture(scope="module")
def document(briefed):
    return Document(str(briefed / "briefing.docx"))


@pytest.fixture(scope="module")
def tables_only(briefed):
    """The same briefing written with its charts as tables (what a machine without kaleido gets)."""
    nb = nbformat.read(briefed / "briefing.ipynb", as_version=4)
    path = to_docx(nb, briefed / "tables-only.docx", title="武汉市民政局 2023年 年度简报", images=False)
    return Document(str(path))


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


def test_charts_stand_as_tables_of_their_numbers(tables_only):
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in tables_only.tables]
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


def test_charts_are_pictures_drawn_by_kaleido_in_the_system_browser(document, tables_only):
    """With kaleido (civstat[images]) and Chromium, each of the briefing's two charts is a PNG picture."""
    if importlib.util.find_spec("kaleido") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("kaleido is not installed: CI installs civstat[test], which brings it")
        pytest.skip("kaleido is not installed (pip install civstat[images])")
    pictures = [r.target_part.blob for r in document.part.rels.values() if r.reltype.endswith("/image")]
    assert len(pictures) == 2  # the workload bars and the theme shares
    for blob in pictures:
        assert blob[:8] == b"\x89PNG\r\n\x1a\n"
        assert len(blob) > 10_000
    assert len(document.inline_shapes) == 2
    # the pictures stand in for the tables of the charts' numbers; the other tables stay
    assert len(document.tables) == len(tables_only.tables) - 2
    assert not any([c.text for c in t.rows[0].cells] == ["", "牵头任务", "配合任务"] for t in document.tables)
