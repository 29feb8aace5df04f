"""PDF, legacy Word (.doc), WPS (.wps, .et) and old Excel (.xls): the same plan, the same tables.

Each plan is built in code as .docx or .xlsx (merged leader cells, a section row merged
across the table, a table over three pages, a footnote), converted with the real
LibreOffice inside the test to .pdf, .doc or .xls, read back and compared with the
original. Without LibreOffice these tests are skipped locally, and fail under CI.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

import civstat
from civstat.read import libreoffice as convert
from civstat.read.pdf import _check_text

LEADERS = ["李超", "王芳", "邓永付"]


def to(soffice, path, target, out):
    """Convert with LibreOffice, as a user would, into ``out``."""
    subprocess.run([soffice, f"-env:UserInstallation={(out / 'profile').as_uri()}", "--headless",
                    "--convert-to", target, "--outdir", str(out), str(path)],
                   check=True, capture_output=True, timeout=180)
    return out / f"{path.stem}.{target.split(':')[0]}"


def task_text(i: int) -> str:
    return f"推进第{i}个社区养老服务站建设，新增床位{i * 10}张，完善居家养老服务网络。"


@pytest.fixture(scope="module")
def word_plan(tmp_path_factory):
    """A plan of 45 tasks in two sections over three pages, leaders merged over runs of rows."""
    import docx

    folder = tmp_path_factory.mktemp("word")
    document = docx.Document()
    document.add_paragraph("2024年某区民政局重点工作任务分解表")
    table = document.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for c, h in enumerate(["序号", "工作任务", "分管领导", "牵头科室"]):
        table.cell(0, c).text = h
    n = 0
    for section in ("一、兜底保障民生", "二、提升养老服务"):
        row = table.add_row()
        row.cells[0].merge(row.cells[3]).text = section
        start = len(table.rows)
        for k in range(1, 23 if n == 0 else 24):
            n += 1
            cells = table.add_row().cells
            cells[0].text = str(k)
            cells[1].text = task_text(n)
            cells[3].text = "养老服务科" if k % 2 else "社会救助科"
        for r in range(start, len(table.rows), 3):  # a leader printed once over three rows
            end = min(r + 2, len(table.rows) - 1)
            merged = table.cell(r, 2).merge(table.cell(end, 2))
            merged.text = LEADERS[(r // 3) % 3]
    document.add_paragraph("注：本表由局办公室负责解释。")
    path = folder / "plan.docx"
    document.save(path)
    return path


@pytest.fixture(scope="module")
def excel_plan(tmp_path_factory):
    import openpyxl

    folder = tmp_path_factory.mktemp("excel")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["2024年某区民政局重点工作任务分解表"])
    sheet.merge_cells("A1:D1")
    sheet.append(["序号", "工作任务", "分管领导", "牵头科室"])
    for k in range(1, 13):
        sheet.append([k, task_text(k), LEADERS[(k - 1) // 4] if (k - 1) % 4 == 0 else None, "养老服务科"])
    for first in range(3, 15, 4):
        sheet.merge_cells(start_row=first, start_column=3, end_row=first + 3, end_column=3)
    path = folder / "plan.xlsx"
    book.save(path)
    return path


def same(a, b):
    assert list(a.tasks["seq"]) == list(b.tasks["seq"])
    assert list(a.tasks["text"]) == list(b.tasks["text"])
    assert list(a.tasks["section"]) == list(b.tasks["section"])
    cols = ["role", "name"]
    assert a.assignments[cols].reset_index(drop=True).equals(b.assignments[cols].reset_index(drop=True))


def read(path):
    return civstat.read_plan(path, issuer="某区民政局", year=2024)


def test_the_word_plan_as_built(word_plan):
    plans = read(word_plan)
    assert len(plans.tasks) == 45
    assert set(plans.tasks["section"]) == {"兜底保障民生", "提升养老服务"}
    assert set(plans.assignments.loc[plans.assignments["role"] == "leader", "name"]) == set(LEADERS)


def test_pdf_reads_as_the_word_plan(soffice, word_plan, tmp_path):
    pdf = to(soffice, word_plan, "pdf", tmp_path)
    plans = read(pdf)
    same(read(word_plan), plans)
    pages = plans.tasks["page"]
    assert pages.min() == 1
    assert pages.max() >= 3  # the table runs over three pages at least
    assert pages.is_monotonic_increasing
    assert plans.documents["layout"].iloc[0] == "pdf_table"


def test_doc_and_wps_read_as_the_word_plan(soffice, word_plan, tmp_path):
    doc = to(soffice, word_plan, "doc", tmp_path)
    same(read(word_plan), read(doc))
    wps = tmp_path / "plan.wps"
    shutil.copyfile(doc, wps)  # a .wps is a Word 97 document inside
    same(read(word_plan), read(wps))
    mistaken = tmp_path / "saved-as.docx"
    shutil.copyfile(doc, mistaken)  # a .doc saved under .docx: recognised by its signature
    same(read(word_plan), read(mistaken))


def test_xls_and_et_read_as_the_excel_plan(soffice, excel_plan, tmp_path):
    xls = to(soffice, excel_plan, "xls", tmp_path)
    original = read(excel_plan)
    assert len(original.tasks) == 12
    same(original, read(xls))
    et = tmp_path / "plan.et"
    shutil.copyfile(xls, et)
    same(original, read(et))


def test_encrypted_pdf_is_refused(soffice, word_plan, tmp_path):
    options = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
               '"DocumentOpenPassword":{"type":"string","value":"secret"}}')
    pdf = to(soffice, word_plan, options, tmp_path)
    with pytest.raises(civstat.ReadError, match="encrypted") as info:
        read(pdf)
    assert str(pdf) in str(info.value)


def test_pdf_without_text_is_a_scan(tmp_path):
    # a valid one-page PDF with nothing on the page: what a scan without OCR looks like to a reader
    body = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n" \
           b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" \
           b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    xref = len(body)
    pdf = body + b"xref\n0 4\n0000000000 65535 f \n" + b"".join(
        f"{body.index(f'{k} 0 obj'.encode()):010d} 00000 n \n".encode() for k in (1, 2, 3)) + \
        f"trailer<</Size 4/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n".encode()
    path = tmp_path / "scan.pdf"
    path.write_bytes(pdf)
    with pytest.raises(civstat.ReadError, match="text recognition"):
        read(path)


def test_broken_encoding_is_refused(tmp_path):
    blocks = ["(cid:12)(cid:15)(cid:33)(cid:7)" * 20, ["(cid:3)(cid:4)", "(cid:5)"]]
    with pytest.raises(civstat.ReadError, match="broken encoding"):
        _check_text(tmp_path / "x.pdf", blocks, chars=200)
    with pytest.raises(civstat.ReadError, match="broken encoding"):
        _check_text(tmp_path / "x.pdf", ["\ue001\ue002\ue003\ue004" * 10], chars=40)


def test_missing_libreoffice_says_what_to_install(monkeypatch, tmp_path):
    path = tmp_path / "plan.doc"
    path.write_bytes(convert.OLE + b"\x00" * 512)
    monkeypatch.setattr(convert, "soffice", lambda: None)
    with pytest.raises(civstat.ReadError, match="apt-get install libreoffice-writer-nogui"):
        read(path)


def test_conversion_past_its_timeout_is_stopped(soffice, word_plan, tmp_path, monkeypatch):
    doc = to(soffice, word_plan, "doc", tmp_path)
    monkeypatch.setattr(convert, "TIMEOUT", 0.01)
    with pytest.raises(civstat.ReadError, match="did not finish"):
        read(doc)


def test_damaged_doc_is_a_read_error(soffice, tmp_path):
    path = tmp_path / "damaged.doc"
    path.write_bytes(convert.OLE + os.urandom(2048))
    with pytest.raises(civstat.ReadError) as info:
        read(path)
    assert str(path) in str(info.value)


def test_pdf_table_without_ruling_lines(soffice, tmp_path):
    """A table drawn without borders: its columns come from where the header's words start."""
    import docx

    document = docx.Document()
    document.add_paragraph("2024年某区民政局重点工作任务分解表")
    table = document.add_table(rows=1, cols=4)  # no style: no lines
    for c, h in enumerate(["序号", "工作任务", "分管领导", "牵头科室"]):
        table.cell(0, c).text = h
    for k in range(1, 8):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = str(k), task_text(k)
        cells[2].text, cells[3].text = LEADERS[k % 3], "养老服务科"
    document.add_paragraph("附件：本表由局办公室负责解释，各科室按季度报送进展情况，不再另行通知。")
    path = tmp_path / "unruled.docx"
    document.save(path)
    same(read(path), read(to(soffice, path, "pdf", tmp_path)))


def test_pdf_of_a_numbered_list(soffice, tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("2024年某区民政局重点工作任务")
    document.add_paragraph("一、兜底保障民生")
    for k in range(1, 6):
        document.add_paragraph(f"{k}.{task_text(k)}（牵头单位：区民政局；配合单位：区财政局、区卫健委）")
    path = tmp_path / "list.docx"
    document.save(path)
    same(read(path), read(to(soffice, path, "pdf", tmp_path)))


def test_a_folder_of_doc_files_converts_in_one_go(soffice, word_plan, tmp_path, monkeypatch):
    folder = tmp_path / "plans"
    folder.mkdir()
    doc = to(soffice, word_plan, "doc", tmp_path)
    for k in range(4):
        shutil.copyfile(doc, folder / f"plan{k}.doc")
    # who issued them is given: nothing is left to infer, so errors="raise" raises on nothing
    (folder / "manifest.csv").write_text("file,issuer\n" + "".join(f"plan{k}.doc,某区民政局\n" for k in range(4)),
                                         encoding="utf-8")

    def one_by_one(*args, **kwargs):
        raise AssertionError("a file of the folder was converted on its own")

    monkeypatch.setattr(convert.subprocess, "run", one_by_one)  # only the batch path may convert
    plans = civstat.load_plans(folder, errors="raise")
    assert len(plans.documents) == 4
    assert (plans.documents["n_tasks"] == 45).all()
