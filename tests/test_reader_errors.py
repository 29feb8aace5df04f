"""Bad input gives a clear error naming the file and what to do, never a bare traceback."""

import shutil
import warnings

import pytest

import civstat
from civstat.read import decode as decode_module


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_missing_path_is_file_not_found(tmp_path):
    missing = tmp_path / "nope.txt"
    with pytest.raises(FileNotFoundError, match="nope.txt"):
        civstat.read_plan(missing)
    with pytest.raises(FileNotFoundError, match="nope.txt"):
        civstat.load_plans(missing)


@pytest.mark.parametrize(
    ("name", "data", "match"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n\t\n", "empty"),
        ("binary.txt", bytes(range(256)) * 8, "not text in any supported encoding"),
        ("noise.txt", b"\x00\x01\x02\x03" * 200, "binary"),
        ("prose.txt", "这是一份普通的通知，没有任何任务表格。\n请各单位认真学习。\n", "no task table"),
        ("image.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "unsupported format '.png'"),
        ("broken.pdf", b"%PDF-1.4\n", "PDF could not be opened"),
        ("utf16-bad.txt", b"\xff\xfe\x00\xd8", "not valid utf-16"),
    ],
)
def test_bad_input_raises_read_error_naming_the_file(tmp_path, name, data, match):
    path = write(tmp_path, name, data)
    with pytest.raises(civstat.ReadError, match=match) as info:
        civstat.read_plan(path)
    assert str(path) in str(info.value)
    assert info.value.path == str(path)


def test_read_error_is_one_family():
    assert issubclass(civstat.ReadError, civstat.CivstatError)


def test_folder_is_not_a_plan(tmp_path):
    with pytest.raises(civstat.ReadError, match="load_plans"):
        civstat.read_plan(tmp_path)


def test_size_limit(tmp_path, monkeypatch):
    monkeypatch.setattr("civstat.read.reader.MAX_BYTES", 100)
    path = write(tmp_path, "big.txt", "序号\n" * 100)
    with pytest.raises(civstat.ReadError, match="CIVSTAT_MAX_BYTES"):
        civstat.read_plan(path)


def test_load_plans_keeps_unreadable_files_as_problems(tmp_path, raw_dir):
    shutil.copy(raw_dir / "wuhan-2020-breakdown.txt", tmp_path)
    write(tmp_path, "broken.txt", b"")
    plans = civstat.load_plans(tmp_path, errors="ignore")
    assert plans.documents["doc_id"].tolist() == ["broken", "wuhan-2020-breakdown"]
    bad = plans.problems[plans.problems["doc_id"] == "broken"]
    assert bad["kind"].tolist() == ["unreadable"]
    assert "empty" in bad["message"].iloc[0]
    assert len(plans.tasks) == 19


def test_errors_raise_turns_a_problem_into_read_error(raw_dir):
    with pytest.raises(civstat.ReadError, match=r"masked-city-2020-minsheng100\.txt, line \d+"):
        civstat.load_plans(raw_dir, errors="raise")


def test_errors_raise_passes_a_clean_document(raw_dir):
    plans = civstat.load_plans(raw_dir / "wuhan-2020-breakdown.txt", errors="raise")
    assert len(plans.tasks) == 19


def test_errors_warn_emits_one_summary_warning(raw_dir):
    with pytest.warns(civstat.CivstatWarning, match="masked-city-2020-minsheng100") as record:
        civstat.load_plans(raw_dir)
    assert len(record) == 1


def test_errors_ignore_is_silent(raw_dir):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        civstat.load_plans(raw_dir, errors="ignore")


def test_errors_must_be_known(raw_dir):
    with pytest.raises(ValueError, match="errors must be one of"):
        civstat.load_plans(raw_dir, errors="strict")


def test_decode_names_the_file_for_undecodable_bytes():
    with pytest.raises(civstat.ReadError, match="some/file.txt"):
        decode_module.decode(b"\x80\xfd\xff\xfe" * 50, "some/file.txt")


def test_a_library_error_on_a_broken_file_is_a_read_error(tmp_path):
    """lxml raises XMLSyntaxError inside python-docx on a part that is not well formed: the user sees a ReadError."""
    import zipfile

    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "序号", "工作任务"
    good = tmp_path / "good.docx"
    document.save(good)
    with zipfile.ZipFile(good) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    xml = parts["word/document.xml"].decode()
    parts["word/document.xml"] = xml.replace("</w:tbl>", "</w:tbl></w:unopened>", 1).encode()
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(bad, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    with pytest.raises(civstat.ReadError, match="could not be read") as info:
        civstat.read_plan(bad)
    assert str(bad) in str(info.value)


def test_toned_pinyin_runs_are_cleaned_quickly():
    """A run of toned letters used to take the gloss pattern cubic time; now it is one pass."""
    from civstat.read.clean import remove_pinyin_glosses

    assert remove_pinyin_glosses("ā" * 20000 + "確保穩(wěn)定") == "ā" * 20000 + "確保穩定"


def test_a_folder_is_read_to_the_end(tmp_path, raw_dir):
    """Dangling links, loops, FIFOs and links out of the folder are problems; the rest loads."""
    import os
    import shutil

    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copyfile(raw_dir / "wuhan-2023-breakdown.txt", folder / "good.txt")
    (folder / "dangling.txt").symlink_to(folder / "missing.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    os.mkfifo(folder / "fifo.txt")
    outside = tmp_path / "outside.txt"
    shutil.copyfile(raw_dir / "wuhan-2022-breakdown.txt", outside)
    (folder / "outside.txt").symlink_to(outside)
    plans = civstat.load_plans(folder, errors="ignore")
    assert list(plans.tasks["doc_id"].unique()) == ["good"]
    unreadable = plans.problems[plans.problems["kind"] == "unreadable"]
    assert set(unreadable["doc_id"]) == {"dangling", "loop", "fifo", "outside"}
    followed = civstat.load_plans(folder, errors="ignore", follow_links=True)  # when asked
    assert sorted(followed.tasks["doc_id"].unique()) == ["good", "outside"]
    assert set(followed.problems.loc[followed.problems["kind"] == "unreadable", "doc_id"]) == \
        {"dangling", "loop", "fifo"}


def test_manifest_as_users_write_it(tmp_path, raw_dir):
    import shutil

    folder = tmp_path / "plans"
    folder.mkdir()
    shutil.copyfile(raw_dir / "wuhan-2023-breakdown.txt", folder / "a.txt")
    shutil.copyfile(raw_dir / "wuhan-2022-breakdown.txt", folder / "b.txt")
    manifest = "文件,单位,年份,备注\na.txt,某市民政局,2023,x\nb.txt,某市民政局,①,y\na.txt,别的局,2020,z\nc.txt,某局,2021,\n"
    (folder / "manifest.csv").write_bytes(manifest.encode("gb18030"))  # Excel on Chinese Windows
    plans = civstat.load_plans(folder, errors="ignore")
    docs = plans.documents.set_index("doc_id")
    assert docs.loc["a", "issuer"] == "某市民政局"
    assert docs.loc["a", "year"] == 2023
    assert docs.loc["b", "year"] == 2022  # ① is no year: the document's own
    bad = plans.problems[plans.problems["kind"] == "manifest"]
    assert sorted(bad["line"]) == [3, 4, 5]
    assert bad["message"].str.contains("manifest.csv").all()


def test_csv_with_an_unclosed_quote_loses_no_row(tmp_path):
    rows = ["序号,工作任务,牵头单位", '1,"推进养老服务,市民政局'] + [f"{i},推进第{i}项工作,市民政局" for i in range(2, 40)]
    path = tmp_path / "plan.csv"
    path.write_text("\n".join(rows), encoding="utf-8")
    plans = civstat.read_plan(path, issuer="X", year=2024)
    assert list(plans.tasks["seq"]) == list(range(1, 40))


def test_exports_neutralise_full_width_formula_signs_and_control_characters(tmp_path):
    import pandas as pd

    from civstat.plans import excel_safe

    df = pd.DataFrame({"text": ["＝SUM(A1)", "－1", "＠A", "a\x1bb\x07"]}, dtype="str")
    assert excel_safe(df)["text"].tolist() == ["'＝SUM(A1)", "'－1", "'＠A", "ab"]
