"""The command line through click's CliRunner, on real files."""

import pandas as pd
from click.testing import CliRunner
from openpyxl import load_workbook

from civstat.cli import main


def test_build_writes_parquet_csv_and_excel(tmp_path, raw_dir):
    out = tmp_path / "processed"
    result = CliRunner().invoke(main, ["build", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "读取了 5 份计划：共 100 项任务" in result.output
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
    assert "竖线分隔的表格（pipe_table），32 项任务" in result.output
    assert "编号列表（numbered_list），11 项任务，10 处需要核对（内容不完整）" in result.output
    assert "numbering jumps from 6 to 8" in result.output  # the reader's own words, with its line
    assert "编号" in result.output


def test_check_fails_on_an_unreadable_file(tmp_path, raw_dir):
    bad = tmp_path / "plan.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n")
    result = CliRunner().invoke(main, ["check", str(raw_dir / "wuhan-2020-breakdown.txt"), str(bad)])
    assert result.exit_code == 1
    assert "Word 表格（word_table），19 项任务，没有需要核对之处" in result.output
    assert "plan.png：无法读取" in result.output
    assert "unsupported format" in result.output


def test_check_a_folder_or_its_files_skips_manifest_and_readme(raw_dir):
    assert {p.name for p in raw_dir.iterdir()} >= {"manifest.csv", "README.md"}
    every_file = sorted(str(p) for p in raw_dir.iterdir())  # what the shell makes of data/raw/*
    for args in ([str(raw_dir)], every_file):
        result = CliRunner().invoke(main, ["check", *args])
        assert result.exit_code == 0, result.output
        assert result.output.count("项任务，") == 5
        assert "manifest.csv" not in result.output
        assert "README" not in result.output
        assert "武汉市民政局 2023年" in result.output  # the issuer the manifest gives


def test_a_plan_without_issuer_gets_a_placeholder_and_a_warning(tmp_path):
    (tmp_path / "raw").mkdir()
    plan = tmp_path / "raw" / "plan.txt"
    plan.write_text("重点工作任务\n序号\t工作事项\t分管领导\n1\t推进养老服务\t李超\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(plan)])
    assert result.exit_code == 0, result.output
    assert "（未写明发文单位） （年度不详）" in result.output
    assert "manifest.csv 中为它填写 issuer" in result.output
    built = CliRunner().invoke(main, ["build", "--data-dir", str(tmp_path), "--out", str(tmp_path / "out")])
    assert built.exit_code == 0, built.output
    assert "（未写明发文单位）" in built.output
    missing = CliRunner().invoke(main, ["build", "--data-dir", str(tmp_path / "nowhere")])
    assert missing.exit_code == 2
    assert "没有找到存放计划的文件夹" in missing.output


def test_help_is_in_chinese():
    for command in ([], ["build"], ["check"], ["brief"]):
        result = CliRunner().invoke(main, [*command, "--help"])
        assert result.exit_code == 0
        assert any("\u4e00" <= c <= "\u9fff" for c in result.output.split("Options")[0]), command
    assert "-p by 牵头处室" in CliRunner().invoke(main, ["brief", "--help"]).output


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
