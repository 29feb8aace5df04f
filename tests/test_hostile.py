"""Small files that claim huge sizes: each is read, or refused with a ReadError, in bounded work.

Every case here used to take minutes or all the memory there is (a 5 KB workbook with a
merge over the whole sheet, a Word cell spanning two billion columns, a web page of
overlapping row spans); the work now follows what the file holds.
"""

from __future__ import annotations

import zipfile

import openpyxl
import pytest

import civstat


def _rewrite(path, member, old: bytes, new: bytes, out):
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    assert old in parts[member]
    parts[member] = parts[member].replace(old, new, 1)
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out


def _workbook(tmp_path, extra=None):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "工作任务", "分管领导"])
    sheet.append([1, "推进养老服务。", "李超"])
    if extra:
        extra(sheet)
    path = tmp_path / "plan.xlsx"
    book.save(path)
    return path


def test_a_cell_at_the_far_corner_of_a_sheet(tmp_path):
    path = _workbook(tmp_path, lambda s: s.cell(row=1048576, column=16384, value="x"))
    assert len(civstat.read_plan(path, issuer="X", year=2024).tasks) == 1


def test_a_merge_over_the_whole_sheet_is_refused(tmp_path):
    path = _workbook(tmp_path, lambda s: s.merge_cells("A3:B4"))
    bomb = _rewrite(path, "xl/worksheets/sheet1.xml", b'ref="A3:B4"', b'ref="A3:XFD1048576"',
                    tmp_path / "bomb.xlsx")
    with pytest.raises(civstat.ReadError, match="merged cells"):
        civstat.read_plan(bomb)


def test_a_merge_into_empty_rows_costs_nothing(tmp_path):
    path = _workbook(tmp_path, lambda s: s.merge_cells("C2:C900"))
    plans = civstat.read_plan(path, issuer="X", year=2024)
    assert list(plans.assignments["name"]) == ["李超"]


def test_a_word_cell_spanning_two_billion_columns_is_refused(tmp_path):
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "序号", "工作任务"
    path = tmp_path / "plan.docx"
    document.save(path)
    bad = _rewrite(path, "word/document.xml", b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="2000000000"/>',
                   tmp_path / "bad.docx")
    with pytest.raises(civstat.ReadError, match="span"):
        civstat.read_plan(bad)


def test_web_page_spans_are_clipped_to_the_table(tmp_path):
    head = "<table><tr><th>序号</th><th>工作任务</th><th>分管领导</th></tr>"
    wide = head + "<tr><td>1</td><td>推进养老服务。</td><td>李超</td></tr><tr>" + \
        "<td colspan=1000>x</td>" * 1000 + "</tr></table>"
    (tmp_path / "wide.html").write_text(wide, encoding="utf-8")
    assert len(civstat.read_plan(tmp_path / "wide.html", issuer="X", year=2024).tasks) == 1
    deep = head + "".join(f"<tr><td>{i}</td><td rowspan=1000>推进第{i}项。</td><td>李超</td></tr>"
                          for i in range(1, 600)) + "</table>"
    (tmp_path / "deep.html").write_text(deep, encoding="utf-8")
    plans = civstat.read_plan(tmp_path / "deep.html", issuer="X", year=2024)
    assert list(plans.tasks["seq"]) == list(range(1, 600))


@pytest.mark.parametrize(("name", "text"), [
    ("spaces", "序号 | 工作任务 | 牵头单位 |\n1 | 加强" + " " * 100_000 + "养老 | 市民政局 |\n"),
    ("tabs", "\t序号\n\t工作事项\n\t分管领导\n\t1\n\t加强" + "\t" * 100_000 + "养老\n\t李超\n"),
    ("brackets", "1.加强养老" + "（" * 100_000 + "。（责任单位：市民政局）\n"),
    ("label-brackets", "1.加强养老。（牵头单位：" + "（" * 50_000 + "\n"),
    ("toned-pinyin", "1.加强养老" + "ā" * 20_000 + "（责任单位：市民政局）\n"),
])
def test_pathological_text_is_read(tmp_path, name, text):
    """Runs that made patterns quadratic or worse (measured: 133 s for 200,000 spaces) read in one pass."""
    path = tmp_path / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    assert len(civstat.read_plan(path, issuer="X", year=2024).tasks) == 1
