"""Reports in: templates of the bundled 2023 Wuhan plan filled the ways clerks fill them, read back.

Every expected value below is one this file typed into a workbook, never one copied
from civstat's output.
"""

import datetime as dt
import math
import os
import shutil

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

import civstat
from civstat.analyse.progress import deadline_date, missing_reports, progress_status
from civstat.analyse.reports import read_progress
from civstat.cli import main
from civstat.report.templates import write_templates

ISSUER = "武汉市民政局"
ELDERLY = "养老服务处"
T = "wuhan-2023-breakdown-{:03d}".format


@pytest.fixture
def templates(bundled, tmp_path):
    return write_templates(bundled, issuer=ISSUER, year=2023, period="2023Q1", out=tmp_path / "out")


def _path(templates, division):
    return next(p for p in templates if p.stem == f"2023Q1_{division}")


def _rows_by_item(ws):
    """{(序号, k): row number} for the k-th row of each item, read from the visible cells."""
    out, seen = {}, {}
    headers = [c.value for c in ws[3]]
    col = headers.index("序号")
    for row in ws.iter_rows(min_row=4):
        seq = row[col].value
        if seq is None:
            continue
        seen[seq] = seen.get(seq, 0) + 1
        out[(seq, seen[seq])] = row[0].row
    return out


def _fill(ws, entries):
    """Type into the 状态, 完成情况 and 完成数值 cells: {(序号, k): (status, text, value)}."""
    headers = [c.value for c in ws[3]]
    rows = _rows_by_item(ws)
    for key, values in entries.items():
        for header, value in zip(("状态", "完成情况", "完成数值"), values, strict=True):
            if value is not None:
                ws.cell(rows[key], headers.index(header) + 1, value)


ELDERLY_Q1 = {
    (1, 1): ("达进度", "已完成居家适老化改造620户", 620),
    (3, 1): ("欠进度", "区级养老服务中心2个在建", 2),
    (3, 2): (None, "新建社区老年人服务中心18个", 18),
    (10, 1): ("欠进度", "新开业老年人供餐点5个", 5),
    (4, 1): ("达进度", "开展共同缔造试点", None),
}


def _progress(result, **columns):
    df = result.progress
    return sorted(tuple(r) for r in df[list(columns)].itertuples(index=False))


def _got(result):
    return {(r.task_id, r.target_no): (r.status, r.text, None if math.isnan(r.value) else r.value)
            for r in result.progress.itertuples(index=False)}


EXPECTED = {
    (T(1), 1): ("达进度", "已完成居家适老化改造620户", 620.0),
    (T(3), 1): ("欠进度", "区级养老服务中心2个在建", 2.0),
    (T(3), 2): ("", "新建社区老年人服务中心18个", 18.0),
    (T(10), 1): ("欠进度", "新开业老年人供餐点5个", 5.0),
    (T(4), 0): ("达进度", "开展共同缔造试点", None),
}


def test_typed_in_the_right_cells(bundled, templates):
    path = _path(templates, ELDERLY)
    book = openpyxl.load_workbook(path)
    _fill(book["牵头任务"], ELDERLY_Q1)
    book.save(path)
    result = read_progress(templates, plans=bundled, period="2023Q1")
    assert _got(result) == EXPECTED
    assert set(result.progress["division"]) == {ELDERLY}
    assert set(result.progress["period"]) == {"2023Q1"}
    assert set(result.progress["role"]) == {"lead"}
    kinds = set(result.problems["kind"])
    assert kinds == {"not_filled"}  # the other rows and the other divisions' empty templates
    assert not result.problems["kind"].isin(["matched_by_text", "unmatched"]).any()


def test_rows_re_sorted_are_matched_by_their_hidden_ids(bundled, templates):
    path = _path(templates, ELDERLY)
    book = openpyxl.load_workbook(path)
    ws = book["牵头任务"]
    body = [[c.value for c in row] for row in ws.iter_rows(min_row=4)]
    body.sort(key=lambda r: str(r[1]))  # sorted by 责任事项, as a clerk's 排序 does
    for r, values in enumerate(body, 4):
        for c, value in enumerate(values, 1):
            ws.cell(r, c).value = value
    _fill(ws, ELDERLY_Q1)
    book.save(path)
    result = read_progress([path], plans=bundled, period="2023Q1")
    assert _got(result) == EXPECTED
    assert not result.problems["kind"].isin(["matched_by_text", "unmatched"]).any()


def test_id_columns_deleted_rows_are_matched_by_number_and_text_and_say_so(bundled, templates):
    path = _path(templates, ELDERLY)
    book = openpyxl.load_workbook(path)
    ws = book["牵头任务"]
    ws.protection.sheet = False
    ws.delete_cols(9, 2)  # 任务编号 and 指标编号
    _fill(ws, ELDERLY_Q1)
    book.save(path)
    result = read_progress([path], plans=bundled, period="2023Q1")
    assert _got(result) == EXPECTED
    by_text = result.problems[result.problems["kind"] == "matched_by_text"]
    # one problem row per filled row: items 1, 3 (two rows), 10 and 4
    assert len(by_text) == 5
    assert by_text["message"].str.contains("序号").all()


def test_a_sheet_retyped_by_hand_in_another_layout(bundled, tmp_path):
    # a clerk's own workbook: other header words, own numbering, no ids, no document properties
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["2023年武汉市民政局社会救助处第一季度工作目标完成情况"])
    ws.append(["序号", "工作事项", "状态", "进展情况"])
    ws.append([1, "同一供养机构对城市和农村特困人员实行统一供养标准", "已完成", "已统一城乡特困供养标准"])
    ws.append([2, "居民收入增长与经济增长基本同步", "达进度", "配合市发改委开展监测"])
    ws.append([3, "做好困难群众冬季取暖补贴发放", "达进度", "这项不在计划中"])
    path = tmp_path / "社会救助处一季度.xlsx"
    book.save(path)
    result = read_progress([path], plans=bundled, period="2023Q1")
    assert _got(result) == {(T(13), 0): ("已完成", "已统一城乡特困供养标准", None),
                            (T(5), 0): ("达进度", "配合市发改委开展监测", None)}
    assert set(result.progress["division"]) == {"社会救助处"}
    problems = result.problems.set_index("line")
    assert problems.loc[3, "kind"] == "matched_by_text"  # item 13 of the plan, numbered 1 here
    assert "计划中为第13项" in problems.loc[3, "message"]
    assert problems.loc[4, "kind"] == "matched_by_text"
    assert problems.loc[5, "kind"] == "unmatched"


def test_statuses_typed_by_hand(bundled, templates):
    path = _path(templates, ELDERLY)
    book = openpyxl.load_workbook(path)
    _fill(book["牵头任务"], {(1, 1): ("完成", "改造完成", None), (10, 1): ("进行中", "正在推进", None)})
    book.save(path)
    result = read_progress([path], plans=bundled, period="2023Q1")
    got = _got(result)
    assert got[(T(1), 1)] == ("已完成", "改造完成", None)
    assert got[(T(10), 1)] == ("", "正在推进", None)  # kept, with its text, but no status
    status = result.problems[result.problems["kind"] == "status"].set_index("text")["message"]
    assert "读作“已完成”" in status["完成"]
    assert "不在列表中" in status["进行中"]


def test_values_with_units(bundled, templates):
    path = _path(templates, ELDERLY)
    book = openpyxl.load_workbook(path)
    ws = book["牵头任务"]
    _fill(ws, {(1, 1): (None, "改造", "完成620户"), (10, 1): (None, "供餐点", "完成120张"),
               (9, 2): (None, "互助中心", "12")})
    ws.protection.sheet = False
    ws.cell(_rows_by_item(ws)[(4, 1)], 8, 5)  # item 4 has no numeric target: its 完成数值 cell was locked
    book.save(path)
    result = read_progress([path], plans=bundled, period="2023Q1")
    got = _got(result)
    assert got[(T(1), 1)][2] == 620.0  # 户 is the target's unit: read, and said
    assert got[(T(10), 1)][2] is None  # 张 is not 个: not taken
    assert got[(T(9), 2)][2] == 12.0  # a number typed as text is a number
    values = result.problems[result.problems["kind"] == "value"].set_index("text")["message"]
    assert "读作 620户" in values["完成620户"]
    assert "未采用" in values["完成120张"]
    assert "12" not in set(values.index)
    assert got[(T(4), 0)] == ("", "", None)
    assert "这项任务没有数量目标" in values["5"]


def test_merged_cells_typed_into(bundled, templates):
    path = _path(templates, ELDERLY)
    book = openpyxl.load_workbook(path)
    ws = book["牵头任务"]
    ws.protection.sheet = False
    rows = _rows_by_item(ws)
    first, last = rows[(3, 1)], rows[(3, 3)]
    ws.merge_cells(f"G{first}:G{last}")
    ws[f"G{first}"] = "三项建设均已开工"
    book.save(path)
    result = read_progress([path], plans=bundled, period="2023Q1")
    assert [(t, n, s) for (t, n), (_, s, _) in sorted(_got(result).items())] == [
        (T(3), 1, "三项建设均已开工"), (T(3), 2, "三项建设均已开工"), (T(3), 3, "三项建设均已开工")]
    merged = result.problems[result.problems["kind"] == "merged"]
    assert merged["message"].tolist() == [f"单元格 G{first}:G{last} 被合并后填写；其内容算作第{first}—{last}行每一行的，请核对。"]


def test_a_second_file_for_the_same_division_keeps_the_later(bundled, templates, tmp_path):
    path = _path(templates, ELDERLY)
    book = openpyxl.load_workbook(path)
    _fill(book["牵头任务"], {(1, 1): ("欠进度", "第一稿", 100)})
    book.save(path)
    again = tmp_path / "养老服务处一季度（修改稿）.xlsx"
    shutil.copy(path, again)
    book = openpyxl.load_workbook(again)
    _fill(book["牵头任务"], {(1, 1): ("达进度", "修改稿", 600)})
    book.save(again)
    os.utime(path, (1_680_000_000, 1_680_000_000))
    os.utime(again, (1_680_100_000, 1_680_100_000))
    result = read_progress([again, path], plans=bundled, period="2023Q1")
    assert _got(result) == {(T(1), 1): ("达进度", "修改稿", 600.0)}
    superseded = result.problems[result.problems["kind"] == "superseded"]
    assert superseded["file"].tolist() == [str(path)]
    assert again.name in superseded["message"].iloc[0]
    assert not result.files.set_index("file").loc[str(path), "kept"].any()


def test_a_sheet_of_another_year_or_division_is_set_aside(bundled, templates, tmp_path):
    path = _path(templates, ELDERLY)
    book = openpyxl.load_workbook(path)
    ws = book["牵头任务"]
    _fill(ws, {(1, 1): ("达进度", "旧表", 1)})
    ws["A1"] = "2022年武汉市民政局养老服务处第四季度工作目标完成情况"
    old = tmp_path / "old.xlsx"
    book.save(old)
    ws["A1"] = "2023年武汉市民政局社会救助处第一季度工作目标完成情况"
    other = tmp_path / "other.xlsx"
    book.save(other)
    result = read_progress([old, other], plans=bundled, period="2023Q1")
    assert result.progress.empty
    p = result.problems
    assert p.loc[p["file"] == str(old), "message"].str.contains("2022 年第四季度的报表，不是所收集的 2023 年第一季度").any()
    division = p[(p["file"] == str(other)) & (p["kind"] == "division")]
    assert division["message"].str.contains("标题写的是社会救助处").any()
    assert division["message"].str.contains("第1项不是社会救助处牵头或配合的任务").any()


def test_support_sheet_rows_are_marked(bundled, templates):
    path = _path(templates, "市低保中心")
    book = openpyxl.load_workbook(path)
    _fill(book["配合任务"], {(13, 1): ("已完成", "配合测算供养标准", None)})
    book.save(path)
    result = read_progress([path], plans=bundled, period="2023Q1")
    assert _progress(result, task_id=1, role=1, division=1) == [(T(13), "support", "市低保中心")]


def test_bad_files_are_problems_not_crashes(bundled, tmp_path):
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"this is not a zip archive")
    blank = tmp_path / "blank.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"] = "随便写的一句话"
    book.save(blank)
    result = read_progress([broken, blank, tmp_path / "missing.xlsx"], plans=bundled, period="2023Q1")
    assert result.progress.empty
    kinds = dict(zip(result.problems["file"].map(lambda f: f.rsplit("/", 1)[-1]), result.problems["kind"],
                     strict=True))
    assert kinds == {"broken.xlsx": "unreadable", "blank.xlsx": "no_table", "missing.xlsx": "missing"}


def test_a_progress_table_published_as_a_web_page(bundled, tmp_path):
    page = tmp_path / "进展.html"
    page.write_text(
        "<html><body><p>2023年一季度重点工作进展情况</p><table>"
        "<tr><th>序号</th><th>工作事项</th><th>分管领导</th><th>牵头处室</th><th>一季度进展情况</th></tr>"
        "<tr><td>1</td><td>新开业老年人供餐点30个。</td><td>邓永付</td><td>养老服务处</td>"
        "<td>已开业供餐点9个</td></tr>"
        "<tr><td>2</td><td>为13个区级儿童福利指导中心配置专业社工。</td><td>彭莉莉</td><td>儿童福利处</td>"
        "<td>已配置6个</td></tr></table></body></html>", encoding="utf-8")
    result = read_progress([page], plans=bundled, period="2023Q1")
    assert _progress(result, task_id=1, division=1, text=1) == [
        (T(10), ELDERLY, "已开业供餐点9个"), (T(12), "儿童福利处", "已配置6个")]
    assert (result.problems["kind"] == "matched_by_text").sum() == 2


# -- where each task stands ----------------------------------------------------------------------

def _filled(bundled, templates):
    path = _path(templates, ELDERLY)
    book = openpyxl.load_workbook(path)
    _fill(book["牵头任务"], {**ELDERLY_Q1, (11, 1): ("已完成", "已全部完成", 2000)})
    book.save(path)
    return read_progress(templates, plans=bundled, period="2023Q1")


def test_progress_status_against_the_time_elapsed(bundled, templates):
    status = progress_status(bundled, _filled(bundled, templates), as_of=dt.date(2023, 4, 10))
    assert set(status["doc_id"]) == {"wuhan-2023-breakdown"}
    s = status.set_index(["seq", "target_no"])
    assert s.loc[(1, 1), "share"] == pytest.approx(620 / 2000)
    assert s.loc[(1, 1), "expected"] == pytest.approx(0.25)
    assert not s.loc[(1, 1), "behind"]
    assert s.loc[(3, 2), "share"] == pytest.approx(18 / 70)
    assert s.loc[(3, 2), "status"] == "欠进度"  # the task's status, given on its first row
    assert s.loc[(10, 1), "behind"]  # 欠进度, and 5 of 30 is behind a quarter
    assert s.loc[(11, 1), "status"] == "已完成"
    assert not s.loc[(13, 0), "reported"]
    assert not status["overdue"].any()
    later = progress_status(bundled, _filled(bundled, templates), as_of="2024-01-10").set_index(["seq", "target_no"])
    assert later.loc[(1, 1), "overdue"]  # the year is over and it is not 已完成
    assert not later.loc[(11, 1), "overdue"]


def test_missing_reports_follow_the_circulars_deadlines(bundled, templates):
    result = _filled(bundled, templates)
    assert missing_reports(bundled, result, as_of="2023-04-05").empty  # due on the 5th, not yet late
    late = missing_reports(bundled, result, as_of="2023-04-06")
    assert late["division"].tolist() == ["儿童福利处", "基层政权建设和社区治理处", "慈善事业促进和社会工作处", "社会救助处"]
    assert set(late["period"]) == {"2023Q1"}
    assert late.set_index("division").loc["社会救助处", "leader"] == "李超"
    july = missing_reports(bundled, result, as_of="2023-07-06")
    assert set(july.loc[july["period"] == "2023Q2", "division"]) >= {ELDERLY}


@pytest.mark.parametrize(("text", "expected"), [
    ("6月底前", dt.date(2023, 6, 30)), ("2023年9月", dt.date(2023, 9, 30)), ("12月底", dt.date(2023, 12, 31)),
    ("年底前", dt.date(2023, 12, 31)), ("全年", dt.date(2023, 12, 31)), ("持续推进", None), ("", None),
])
def test_deadline_dates(text, expected):
    assert deadline_date(text, 2023) == expected


# -- the command line ------------------------------------------------------------------------------

def test_templates_and_collect_commands(tmp_path):
    runner = CliRunner()
    out = tmp_path / "t"
    result = runner.invoke(main, ["templates", "--issuer", ISSUER, "--year", "2023", "--period", "2023Q1",
                                  "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "已为 7 个处室写出 2023 年 2023Q1 的报表模板" in result.output
    path = out / f"2023Q1_{ELDERLY}.xlsx"
    book = openpyxl.load_workbook(path)
    _fill(book["牵头任务"], {(1, 1): ("完成", "改造620户", 620)})
    book.save(path)
    result = runner.invoke(main, ["collect", str(path), "--period", "2023Q1", "--out", str(tmp_path / "c")])
    assert result.exit_code == 0, result.output
    assert "汇总 1 条进展（1 个处室）" in result.output
    assert "状态写的是“完成”" in result.output
    table = pd.read_csv(tmp_path / "c" / "progress_2023Q1.csv", encoding="utf-8-sig")
    assert table[["task_id", "status", "value"]].to_numpy().tolist() == [[T(1), "已完成", 620.0]]
    bad = runner.invoke(main, ["collect", str(path), "--period", "2023Q9", "--out", str(tmp_path / "c")])
    assert bad.exit_code == 2
    assert "2023Q9" in bad.output


# -- the progress briefing -------------------------------------------------------------------------

def _reports_for_two_quarters(bundled, folder):
    """Fill the 养老服务处 and 社会救助处 templates for Q1, and 养老服务处's again for Q2."""
    q1 = write_templates(bundled, issuer=ISSUER, year=2023, period="2023Q1", out=folder / "blank1")
    q2 = write_templates(bundled, issuer=ISSUER, year=2023, period="2023Q2", out=folder / "blank2")
    reports = folder / "reports"
    reports.mkdir()
    for source, entries in (
        (_path(q1, ELDERLY), {**ELDERLY_Q1, (11, 1): ("已完成", "已全部完成", 2000)}),
        (_path(q1, "社会救助处"), {(13, 1): ("达进度", "统一供养标准已报批", None)}),
        (next(p for p in q2 if p.stem == f"2023Q2_{ELDERLY}"),
         {(1, 1): ("已完成", "改造2100户", 2100), (10, 1): ("欠进度", "新开业供餐点12个", 12)}),
    ):
        book = openpyxl.load_workbook(source)
        _fill(book[book.sheetnames[0]], entries)
        book.save(reports / source.name)
    return reports


def test_progress_notebook_says_what_the_reports_say(bundled, tmp_path):
    import nbformat
    import papermill

    from civstat.report import kernel
    from civstat.report import parameters as parameters_mod
    reports = _reports_for_two_quarters(bundled, tmp_path)
    notebook = parameters_mod.notebook_dir() / "quarterly" / "progress.ipynb"
    nb = nbformat.read(notebook, as_version=4)
    assert all(c.outputs == [] for c in nb.cells if c.cell_type == "code")
    assert not any("def " in c.source or "class " in c.source for c in nb.cells if c.cell_type == "code")
    done = papermill.execute_notebook(
        str(notebook), str(tmp_path / "out.ipynb"), kernel_name=kernel.ensure_kernel(), progress_bar=False,
        parameters={"period": "2023Q2", "as_of": "2023-07-10", "reports": str(reports)})
    text = "\n".join(str(o.get("data", {}).get("text/html", "")) + o.get("text", "")
                     for c in done.cells for o in c.get("outputs", []))
    assert not [o for c in done.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    # Q2 as of 10 July: items 1 (已完成 in Q2), 3, 4, 10 (欠进度), 11 from 养老服务处, 13 from 社会救助处 (Q1);
    # item 11 repeats item 1, one commitment of the plan's 19
    assert "2023年第二季度，19项任务中已报告5项：已完成1项，达进度2项，欠进度2项；14项尚未报告。" in text
    assert "与第一季度相比，1项任务的状态有变化，其中1项本期完成。" in text
    assert "第二季度报表应于7月5日前报送，截至7月10日仍未报送的有4个处室" in text
    assert "社会救助处（李超分管）" in text
    assert "邓永付分管的第3项、第10项" in text
    assert "2100户" in text
    assert "19个数量目标中，4个报告了完成数值，其中1个低于序时进度（新开业老年人供餐点30个）。" in text  # 2000户 once


def test_a_published_pipe_table_with_a_status_column_of_its_own_words(bundled, tmp_path):
    # modelled on published 民生实事进展情况 pages: the period only in the title, a status column
    # headed 目标完成情况 whose cells are words such as 顺利推进
    page = tmp_path / "一季度进展.txt"
    page.write_text(
        "2023年度民政重点任务一季度进展情况\n"
        "序号 | 工作任务 | 责任单位 | 进展情况 | 目标完成情况 |\n"
        "1 | 新开业老年人供餐点30个 | 养老服务处 | 已开业老年人供餐点12个 | 顺利推进 |\n"
        "2 | 支持40个社区开展共同缔造社区治理项目 | 基层政权处 | 40个项目已全部立项 | 已完成 |\n",
        encoding="utf-8")
    result = read_progress([page], plans=bundled)
    assert _progress(result, task_id=1, period=1, status=1, text=1) == [
        (T(10), "2023Q1", "达进度", "已开业老年人供餐点12个"), (T(14), "2023Q1", "已完成", "40个项目已全部立项")]
    status = result.problems[result.problems["kind"] == "status"]
    assert status["message"].tolist() == ["状态写的是“顺利推进”，不在下拉列表中，读作“达进度”。"]


def test_a_zip_bomb_is_refused_before_it_is_opened(bundled, tmp_path):
    import zipfile

    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"<" + b"a" * 300_000_000 + b">")
    result = read_progress([bomb], plans=bundled)
    assert result.problems["kind"].tolist() == ["unreadable"]
    assert "zip bomb" in result.problems["message"].iloc[0]


def test_a_tasks_own_deadline_sets_its_expectation_and_when_it_is_overdue(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text("2024年某区民政局重点工作任务清单\n"
                    "序号 | 重点工作事项 | 分管领导 | 责任科室 | 完成时限 |\n"
                    "1 | 新建社区养老服务站12个 | 王明 | 养老服务科 | 6月底前 |\n"
                    "2 | 开展困难群众走访慰问 | 王明 | 社会救助科 | 年底前 |\n", encoding="utf-8")
    plans = civstat.read_plan(plan, issuer="某区民政局", year=2024)
    files = write_templates(plans, issuer="某区民政局", year=2024, period="2024Q1", out=tmp_path / "t")
    path = next(p for p in files if "养老服务科" in p.name)
    book = openpyxl.load_workbook(path)
    ws = book["牵头任务"]
    assert ws["D4"].value == "6月底前"  # 完成时限 printed
    _fill(ws, {(1, 1): ("达进度", "已建成5个", 5)})
    book.save(path)
    result = read_progress(files, plans=plans, period="2024Q1")
    april = progress_status(plans, result, as_of="2024-04-10").set_index("seq")
    assert april.loc[1, "expected"] == pytest.approx(3 / 6)  # three of the six months to its deadline
    assert april.loc[1, "share"] == pytest.approx(5 / 12)
    assert april.loc[1, "behind"]  # 5 of 12 is less than half
    assert april.loc[2, "deadline"] == dt.date(2024, 12, 31)
    assert not april["overdue"].any()
    july = progress_status(plans, result, as_of="2024-07-01").set_index("seq")
    assert july.loc[1, "overdue"]
    assert not july.loc[2, "overdue"]
