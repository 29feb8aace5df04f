"""Word, Excel, web-page and CSV versions of the seed tables read exactly like the text.

The versions are built here in code from the rows of the text documents, with the
leader cells merged over the rows they share (as a person formatting the table in
Word or Excel would), and section rows merged across the table.
"""

import csv
import html
import zipfile

import docx
import openpyxl
import pandas as pd
import pytest

import civstat
from civstat.read.layouts import LAYOUTS, Line, detect
from civstat.read.reader import prepare

DOCS = ["wuhan-2020-breakdown", "wuhan-2022-breakdown", "wuhan-2023-breakdown", "xuanzhou-2023-key-tasks"]
TASK_COLUMNS = ["section", "seq", "lead", "title", "text", "goal", "source"]
ASSIGNMENT_COLUMNS = ["role", "name", "name_raw"]


def structure(path):
    """The seed as blocks: paragraphs (str) and tables (lists of rows of cell texts)."""
    lines = prepare(path.read_text(encoding="utf-8")).lines
    out = []
    for block in LAYOUTS[detect(lines)](lines):
        if isinstance(block, Line):
            out.append(block.text.strip())
        else:
            row = ["\n".join(x for x in c.lines if x) for c in block.cells]
            if out and isinstance(out[-1], list):
                out[-1].append(row)
            else:
                out.append([row])
    return [b for b in out if b]


def leader_runs(table):
    """(first, last) row indexes of runs of equal leader cells below the header."""
    header = [c.replace("\n", "") for c in table[0]]
    if "分管领导" not in header:
        return header, None, []
    col = header.index("分管领导")
    runs, start = [], 1
    for i in range(2, len(table) + 1):
        if i == len(table) or table[i][col] != table[start][col] or not table[start][col]:
            if i - start > 1:
                runs.append((start, i - 1))
            start = i
    return header, col, runs


def padded(table):
    width = max(len(r) for r in table)
    return [r + [""] * (width - len(r)) for r in table], width


def is_section(row):
    return len([c for c in row if c]) == 1 and not row[0][:1].isdigit() and not row[0].startswith("*")


def write_docx(blocks, path):
    document = docx.Document()
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        table, width = padded(block)
        _, col, runs = leader_runs(table)
        grid = document.add_table(rows=len(table), cols=width)
        for r, row in enumerate(table):
            if is_section(row):
                merged = grid.cell(r, 0).merge(grid.cell(r, width - 1))
                merged.text = row[0]
                continue
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
        for first, last in runs:
            merged = grid.cell(first, col).merge(grid.cell(last, col))
            merged.text = table[first][col]
    document.save(path)


def write_xlsx(blocks, path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    row_no = 0
    for block in blocks:
        if isinstance(block, str):
            row_no += 1
            sheet.cell(row_no, 1, block)
            continue
        table, width = padded(block)
        _, col, runs = leader_runs(table)
        top = row_no + 1
        for row in table:
            row_no += 1
            for c, value in enumerate(row):
                if value:
                    sheet.cell(row_no, c + 1, value)
            if is_section(row):
                sheet.merge_cells(start_row=row_no, start_column=1, end_row=row_no, end_column=width)
        for first, last in runs:
            sheet.merge_cells(start_row=top + first, start_column=col + 1, end_row=top + last, end_column=col + 1)
    workbook.save(path)


def write_html(blocks, path):
    parts = ["<html><head><meta charset='utf-8'><title>t</title><style>td{color:red}</style>"
             "<script>document.write('<p>1.不是任务</p>')</script></head><body>"]
    for block in blocks:
        if isinstance(block, str):
            parts.append(f"<p>{html.escape(block)}</p>")
            continue
        table, width = padded(block)
        _, col, runs = leader_runs(table)
        spans = {first: last - first + 1 for first, last in runs}
        covered = {r for first, last in runs for r in range(first + 1, last + 1)}
        parts.append("<table border='1'><tbody>")
        for r, row in enumerate(table):
            if is_section(row):
                parts.append(f"<tr><td colspan='{width}'>{html.escape(row[0])}</td></tr>")
                continue
            cells = []
            for c, value in enumerate(row):
                if c == col and r in covered:
                    continue
                span = f" rowspan='{spans[r]}'" if c == col and r in spans else ""
                cells.append(f"<td{span}>{'<br>'.join(html.escape(x) for x in value.split(chr(10)))}</td>")
            parts.append("<tr>" + "".join(cells) + "</tr>")
        parts.append("</tbody></table>")
    parts.append("</body></html>")
    path.write_text("".join(parts), encoding="utf-8")


def write_csv(blocks, path):
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        for block in blocks:
            for row in [[block]] if isinstance(block, str) else block:
                writer.writerow(row)


WRITERS = {".docx": write_docx, ".xlsx": write_xlsx, ".html": write_html, ".csv": write_csv}


@pytest.mark.parametrize("doc", DOCS)
@pytest.mark.parametrize("suffix", list(WRITERS))
def test_format_reads_like_the_text(tmp_path, raw_dir, seed_readings, doc, suffix):
    path = tmp_path / f"{doc}{suffix}"
    WRITERS[suffix](structure(raw_dir / f"{doc}.txt"), path)
    got = civstat.read_plan(path, issuer="X", year=2000)
    expected = seed_readings[doc]
    assert got.documents["layout"].iloc[0] == f"{suffix[1:]}_table"
    pd.testing.assert_frame_equal(got.tasks[TASK_COLUMNS], expected.tasks[TASK_COLUMNS])
    pd.testing.assert_frame_equal(
        got.assignments[["task_id", *ASSIGNMENT_COLUMNS]].assign(task_id=lambda d: d.task_id.str[-3:]),
        expected.assignments[["task_id", *ASSIGNMENT_COLUMNS]].assign(task_id=lambda d: d.task_id.str[-3:]))
    assert got.documents["title"].iloc[0] == expected.documents["title"].iloc[0]


def test_merged_leader_cells_fill_every_row_they_span(tmp_path, raw_dir):
    path = tmp_path / "plan.docx"
    blocks = structure(raw_dir / "wuhan-2023-breakdown.txt")
    write_docx(blocks, path)
    merged = [b for b in blocks if isinstance(b, list)][0]
    assert leader_runs(padded(merged)[0])[2], "the fixture should merge some leader cells"
    plans = civstat.read_plan(path)
    leaders = plans.assignments[plans.assignments.role == "leader"]
    assert leaders.groupby("task_id").size().eq(1).all()
    assert len(leaders) == 21


def test_html_scripts_and_styles_are_not_read(tmp_path, raw_dir):
    path = tmp_path / "plan.html"
    write_html(structure(raw_dir / "wuhan-2020-breakdown.txt"), path)
    plans = civstat.read_plan(path)
    assert not plans.tasks["text"].str.contains("不是任务").any()
    assert "color" not in " ".join(plans.tasks["text"])


def test_xlsx_formulas_are_not_evaluated(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["序号", "工作事项", "分管领导"])
    sheet.append([1, "=1+1", "李超"])
    sheet.append([2, "推进养老服务。", "邓永付"])
    workbook.save(tmp_path / "plan.xlsx")
    plans = civstat.read_plan(tmp_path / "plan.xlsx", issuer="X", year=2024)
    # a formula without a cached value reads as empty: nothing is computed
    assert plans.tasks["text"].tolist() == ["", "推进养老服务。"]


def test_several_sheets(tmp_path):
    workbook = openpyxl.Workbook()
    first = workbook.active
    first.title = "说明"
    first.append(["本表由局办公室汇总。"])
    second = workbook.create_sheet("附件1")
    second.append(["序号", "工作事项", "分管领导", "牵头处室"])
    second.append([1, "提高城乡低保标准。", "李超", "社会救助处"])
    second.append([2, "推进养老服务。", "邓永付", "养老服务处"])
    workbook.save(tmp_path / "plan.xlsx")
    plans = civstat.read_plan(tmp_path / "plan.xlsx", issuer="X", year=2024)
    assert plans.tasks["seq"].tolist() == [1, 2]
    assert plans.assignments["name"].tolist() == ["李超", "社会救助处", "邓永付", "养老服务处"]


def test_docx_numbered_paragraphs_without_a_table(tmp_path):
    document = docx.Document()
    document.add_paragraph("2024年某市民政局重点工作任务清单")
    document.add_paragraph("1.提高城乡低保标准。（牵头单位：市民政局；责任单位：市财政局）")
    document.add_paragraph("2.推进养老服务。（责任单位：市民政局）")
    document.save(tmp_path / "plan.docx")
    plans = civstat.read_plan(tmp_path / "plan.docx", issuer="X")
    assert plans.documents["layout"].iloc[0] == "numbered_list"
    assert plans.documents["year"].iloc[0] == 2024
    assert plans.tasks["text"].tolist() == ["提高城乡低保标准。", "推进养老服务。"]


@pytest.mark.parametrize(
    ("name", "data", "match"),
    [
        ("plan.docx", b"not a zip", "not a valid Office document"),
        ("plan.xlsx", b"PK\x03\x04 broken", "not a valid Office document"),
        ("plan.html", b"", "empty"),
        ("plan.csv", b"\xff\xfe\x00\xd8", "not valid utf-16"),
    ],
)
def test_damaged_files_raise_read_error(tmp_path, name, data, match):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(civstat.ReadError, match=match):
        civstat.read_plan(path)


def test_zip_bomb_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\x00" * 50_000_000)
    with pytest.raises(civstat.ReadError, match="zip bomb"):
        civstat.read_plan(path)


def test_a_row_of_other_key_value_pairs_is_not_part_of_a_task(tmp_path):
    """A web page saved into a sheet keeps its metadata under the table (索引号： | … | 成文日期： | …):
    bare labels naming no field of a plan. The row is reported, never merged into the last task."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["序号", "工作事项", "责任单位", "分管领导"])
    sheet.append([1, "新建社区养老服务中心5个。", "区民政局", "王海"])
    sheet.append([2, "推进困难群众救助帮扶。", "区民政局", "王海"])
    sheet.append(["索引号：", "0042/2024-00117", "成文日期：", "2024-03-08"])
    sheet.append(["牵头单位：", "区财政局", "配合单位：", "区医保局"])  # a task's own labels: they stay with it
    workbook.save(tmp_path / "plan.xlsx")
    plans = civstat.read_plan(tmp_path / "plan.xlsx", issuer="某区民政局", year=2024)
    assert plans.tasks["seq"].tolist() == [1, 2]
    names = plans.assignments.groupby("task_id")["name"].apply(list).to_dict()
    assert "2024-03-08" not in names["plan-002"]
    assert "0042/2024-00117" not in names["plan-002"]
    assert {"区财政局", "区医保局"} <= set(names["plan-002"])
    row = plans.problems[plans.problems["text"].str.contains("索引号")]
    assert row[["line", "kind"]].to_numpy().tolist() == [[4, "unplaced_row"]]


def test_key_value_rows_in_a_text_table(tmp_path):
    """The same in a pipe-flattened table, with labels of another site (文号, 发文机关)."""
    text = "\n".join([
        "2024年某县民政局重点工作任务分解表",
        "| 序号 | 工作任务 | 责任单位 | 分管领导 |",
        "| 1 | 完成特困供养机构改造2所。 | 社会救助股 | 李明 |",
        "| 文号： | 某民〔2024〕3号 | 发文机关： | 某县民政局办公室 |",
        "| 2 | 开展养老机构安全检查。 | 养老服务股 | 李明 |",
        "| 牵头单位： | 县应急局 | 配合单位： | 县消防救援大队 |",
    ])
    (tmp_path / "plan.txt").write_text(text, encoding="utf-8")
    plans = civstat.read_plan(tmp_path / "plan.txt")
    names = plans.assignments.groupby("task_id")["name"].apply(set).to_dict()
    assert names["plan-001"] == {"社会救助股", "李明"}
    assert names["plan-002"] == {"养老服务股", "李明", "县应急局", "县消防救援大队"}
    row = plans.problems[plans.problems["text"].str.contains("文号")]
    assert row[["line", "kind"]].to_numpy().tolist() == [[4, "unplaced_row"]]
