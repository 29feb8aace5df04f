"""Writes that finish or leave nothing: temporary names unique to a run, safe names, clear errors.

The CSV test opens what civstat wrote in the real LibreOffice (skipped locally without
it, failing under CI), because the question is what a spreadsheet does with the file.
"""

from __future__ import annotations

import subprocess
import threading

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from civstat import paths
from civstat.cli import main
from civstat.errors import OutputError
from civstat.plans import COLUMNS, Plans
from civstat.report.notebooks import _folders

RISKY = ["=1+1", "＝1+1", "+1+1", "＋1+1", "-1+1", "－1+1", "@SUM(1,1)", "＠SUM(1,1)",
         "\x07=1+1", "\t=1+1"]


def _plans(texts) -> Plans:
    blank = {"str": "", "Int64": 2024, "int64": 1, "bool": True}
    tasks = [{**{c: blank[t] for c, t in COLUMNS["tasks"].items()}, "task_id": f"t{i}", "seq": i,
              "text": text} for i, text in enumerate(texts, 1)]
    return Plans.from_records({"tasks": tasks})


def test_a_long_issuer_gives_a_folder_name_the_file_system_takes(tmp_path):
    long_one, other = "某某省某某市某某区" * 10 + "民政局", "某某省某某市某某区" * 10 + "财政局"
    names = _folders(pd.DataFrame({"issuer": [long_one, other, "武汉市民政局"], "year": [2023] * 3}))
    assert names[("武汉市民政局", 2023)] == "武汉市民政局-2023"
    folder_a, folder_b = names[(long_one, 2023)], names[(other, 2023)]
    assert folder_a != folder_b  # cut at the same length, kept apart by the suffix
    assert folder_a.startswith("某某省某某市")
    for name in (folder_a, folder_b):
        assert len(name.encode()) <= 255
        (tmp_path / name).mkdir()
        (tmp_path / name / "briefing.html").write_text("x", encoding="utf-8")
    # the same issuer always gives the same folder
    assert _folders(pd.DataFrame({"issuer": [long_one], "year": [2023]}))[(long_one, 2023)] == folder_a


def test_a_failed_write_leaves_the_old_file_and_nothing_else(tmp_path):
    target = tmp_path / "tasks.csv"
    target.write_text("old", encoding="utf-8")

    def half_write():
        with paths.writing(target) as tmp:
            tmp.write_text("half", encoding="utf-8")
            raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        half_write()
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["tasks.csv"]


def test_two_runs_into_one_folder_both_finish(tmp_path):
    plans = _plans([f"推进第{i}项养老服务。" for i in range(1, 400)])
    errors = []

    def run():
        try:
            plans.save(tmp_path)
            plans.to_excel(tmp_path / "civstat.xlsx")
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert len(pd.read_parquet(tmp_path / "tasks.parquet")) == 399
    book = openpyxl.load_workbook(tmp_path / "civstat.xlsx", read_only=True)
    assert book["任务清单"].max_row == 400  # the header and one row per task


def test_an_unwritable_out_is_one_clear_message(tmp_path, raw_dir):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="无法写入文件夹"):
        paths.writable_folder(blocker / "processed")
    result = CliRunner().invoke(main, ["build", "--out", str(blocker / "processed")])
    assert result.exit_code == 2
    assert "无法写入文件夹" in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    result = CliRunner().invoke(main, ["brief", "--notebook", "briefing", "--out", str(blocker / "reports")])
    assert result.exit_code == 2
    assert "无法写入文件夹" in result.output


def test_libreoffice_computes_nothing_in_the_csv(soffice, tmp_path):
    """Open tasks.csv as a spreadsheet user would and look for formulas or their results."""
    _plans(RISKY).save(tmp_path)
    out = tmp_path / "converted"
    # CSV import: comma-separated, double quotes, UTF-8 (76), from line 1
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", str(out),
                    str(tmp_path / "tasks.csv")], check=True, capture_output=True, timeout=180)
    sheet = openpyxl.load_workbook(out / "tasks.xlsx").active
    header = [c.value for c in sheet[1]]
    texts = [row[header.index("text")] for row in sheet.iter_rows(min_row=2)]
    assert len(texts) == len(RISKY)
    for cell in texts:
        assert cell.data_type != "f", cell.value
        assert cell.value not in (2, 2.0, 0, 0.0), cell.value  # =1+1, -1+1 … were not computed
        assert isinstance(cell.value, str)
