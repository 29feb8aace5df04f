"""The command line through click's CliRunner, on real files."""

import pandas as pd
from click.testing import CliRunner
from openpyxl import load_workbook

from civstat.cli import main


def test_build_writes_parquet_csv_and_excel(tmp_path, raw_dir):
    out = tmp_path / "processed"
    result = CliRunner().invoke(main, ["build", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "5 documents" in result.output
    for table in ("documents", "tasks", "assignments", "problems"):
        parquet = pd.read_parquet(out / f"{table}.parquet")
        assert (out / f"{table}.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 BOM for Excel
        csv = pd.read_csv(out / f"{table}.csv", encoding="utf-8-sig")
        assert len(csv) == len(parquet)
    tasks = pd.read_parquet(out / "tasks.parquet")
    assert len(tasks) == 100
    workbook = load_workbook(out / "civstat.xlsx", read_only=True)
    assert workbook.sheetnames == ["任务清单", "工作量", "延续情况", "主题", "目标", "文件", "问题"]
    assert workbook["任务清单"].max_row == 101


def test_build_from_another_data_dir(tmp_path, raw_dir):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "a.txt").write_bytes((raw_dir / "xuanzhou-2023-key-tasks.txt").read_bytes())
    result = CliRunner().invoke(main, ["build", "--data-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert len(pd.read_parquet(tmp_path / "processed" / "tasks.parquet")) == 32


def test_check_reports_layout_tasks_and_problems(raw_dir):
    result = CliRunner().invoke(main, ["check", str(raw_dir / "xuanzhou-2023-key-tasks.txt"),
                                       str(raw_dir / "masked-city-2020-minsheng100.txt")])
    assert result.exit_code == 0, result.output
    assert "pipe_table, 32 tasks" in result.output
    assert "numbered_list, 11 tasks" in result.output
    assert "(incomplete)" in result.output
    assert "numbering jumps from 6 to 8" in result.output


def test_check_fails_on_an_unreadable_file(tmp_path, raw_dir):
    bad = tmp_path / "plan.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n")
    result = CliRunner().invoke(main, ["check", str(raw_dir / "wuhan-2020-breakdown.txt"), str(bad)])
    assert result.exit_code == 1
    assert "word_table, 19 tasks" in result.output
    assert "plan.png" in result.output
    assert "unsupported format" in result.output


def test_to_excel_and_csv_neutralise_formulas(tmp_path, raw_dir):
    import civstat

    plan = tmp_path / "plan.txt"
    plan.write_text("序号\t工作事项\t分管领导\n1\t=HYPERLINK(\"http://x\")推进养老\t@李超\n", encoding="utf-8")
    plans = civstat.read_plan(plan, issuer="X", year=2024)
    plans.to_excel(tmp_path / "out.xlsx")
    sheet = load_workbook(tmp_path / "out.xlsx")["任务清单"]
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("工作事项") + 1)
    assert cell.data_type == "s"
    assert cell.value.startswith("'=")
    plans.save(tmp_path / "csv")
    text = (tmp_path / "csv" / "assignments.csv").read_text(encoding="utf-8-sig")
    assert "'@李超" in text
