"""A corpus of broken files for every reader: only a ReadError naming the file comes out.

Each format's reader gets a small valid plan, then the same file truncated, with bits
flipped, and (for the zip formats, .docx and .xlsx) with each XML part in turn cut
short, replaced by well-formed XML of the wrong schema, replaced by non-XML bytes or
removed. Whatever python-docx, openpyxl, lxml, csv, zipfile or pdfplumber raise on
them, ``read_plan`` and ``load_plans`` give tables or a ReadError; nothing else.

The second half generates files that *claim* huge sizes (far cells, huge merges and
spans, chains of merges, deep nesting) and checks each is read or refused within a
hang guard, never by building what the claim says.
"""

from __future__ import annotations

import random
import zipfile

import docx
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import civstat
from tests.test_hostile import _rewrite
from tests.test_robustness import no_hang

ROWS = [["序号", "工作任务", "分管领导", "牵头处室"]] + [
    [str(i), f"推进第{i}个社区养老服务站建设，新增床位{i * 10}张。", "李超", "养老服务处"] for i in range(1, 6)]


def _docx(path):
    document = docx.Document()
    document.add_paragraph("某市民政局2024年重点工作任务分解方案")
    table = document.add_table(rows=len(ROWS), cols=len(ROWS[0]))
    for r, row in enumerate(ROWS):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.save(path)


def _xlsx(path):
    book = openpyxl.Workbook()
    for row in ROWS:
        book.active.append(row)
    book.save(path)


def _html(path):
    cells = "".join("<tr>" + "".join(f"<td>{v}</td>" for v in row) + "</tr>" for row in ROWS)
    path.write_text(f"<html><body><p>重点工作任务</p><table>{cells}</table></body></html>", encoding="utf-8")


def _csv(path):
    path.write_text("\n".join(",".join(row) for row in ROWS) + "\n", encoding="utf-8")


def _txt(path):
    path.write_text("\n".join(f"{i}. 推进第{i}个社区养老服务站建设。（责任单位：养老服务处）"
                              for i in range(1, 6)) + "\n", encoding="utf-8")


def _pdf(path):
    """Write a one-page PDF by hand (objects, xref and trailer with their real offsets)."""
    lines = [f"{i}. Task {i} (lead: Office {i})" for i in range(1, 6)]
    stream = "BT /F1 12 Tf 72 720 Td " + " ".join(f"({t}) Tj 0 -20 Td" for t in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(out)


MAKERS = {"docx": _docx, "xlsx": _xlsx, "html": _html, "csv": _csv, "txt": _txt, "pdf": _pdf}


def _damaged(data: bytes, seed: int) -> list[tuple[str, bytes]]:
    """Truncations and bit flips of one file's bytes, seeded."""
    rng = random.Random(seed)
    out = [(f"cut{k}", data[: len(data) * k // 10]) for k in (0, 1, 3, 5, 7, 9)]
    for k in range(8):
        flipped = bytearray(data)
        for _ in range(1 + k * 3):
            i = rng.randrange(len(flipped))
            flipped[i] ^= 1 << rng.randrange(8)
        out.append((f"flip{k}", bytes(flipped)))
    return out


def _zip_variants(data: bytes, path) -> list[tuple[str, bytes]]:
    """Each XML part of an Office file cut short, of the wrong schema, not XML, or missing."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    out = []
    for name in parts:
        safe = name.replace("/", "_")
        for how, new in [("cut", parts[name][: len(parts[name]) // 2]),
                         ("schema", b'<?xml version="1.0"?><wrong xmlns="urn:x"><w:t xmlns:w="urn:y">1</w:t></wrong>'),
                         ("junk", b"\x00\xff not xml <<<"),
                         ("missing", None)]:
            changed = {k: v for k, v in parts.items() if not (k == name and new is None)}
            if new is not None:
                changed[name] = new
            target = path.with_name(f"{safe}-{how}{path.suffix}")
            with zipfile.ZipFile(target, "w") as archive:
                for k, v in changed.items():
                    archive.writestr(k, v)
            out.append((f"{safe}-{how}", target.read_bytes()))
    return out


def _only_read_error(path) -> bool:
    """Read a file: True if it gave tables, False after a ReadError naming it; anything else fails."""
    with no_hang():
        try:
            civstat.read_plan(path, issuer="X", year=2024)
        except civstat.ReadError as exc:
            error = exc
        else:
            return True
    assert str(path) in str(error)
    return False


@pytest.mark.parametrize("fmt", sorted(MAKERS))
def test_broken_files_give_only_read_errors(tmp_path, fmt):
    good = tmp_path / f"good.{fmt}"
    MAKERS[fmt](good)
    assert _only_read_error(good), "the undamaged file must read"
    data = good.read_bytes()
    variants = _damaged(data, seed=len(data))
    if fmt in ("docx", "xlsx"):
        variants += _zip_variants(data, good)
    folder = tmp_path / "broken"
    folder.mkdir()
    for name, payload in variants:
        (folder / f"{name}.{fmt}").write_bytes(payload)
    refused = sum(not _only_read_error(folder / f"{name}.{fmt}") for name, _ in variants)
    assert refused > 0  # the corpus really is broken
    # a folder of them loads to the end: every file listed, each refused one as an unreadable problem
    with no_hang(120):
        plans = civstat.load_plans(folder, errors="ignore")
    unreadable = set(plans.problems.loc[plans.problems["kind"] == "unreadable", "doc_id"])
    assert set(plans.documents["doc_id"]) == {name for name, _ in variants}
    assert len(unreadable) == refused


# -- files that claim huge sizes -------------------------------------------------------------

CLAIMS = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _rezip(path, member, old: bytes, new: bytes):
    """Replace the first ``old`` in one member of a zip file, in place."""
    _rewrite(path, member, old, new, path)


@CLAIMS
@given(row=st.integers(3, 1_048_576), column=st.integers(1, 16_384),
       merge_rows=st.integers(1, 1_048_576), merge_columns=st.integers(1, 16_384))
def test_workbooks_claiming_huge_sizes(tmp_path, row, column, merge_rows, merge_columns):
    path = tmp_path / "claim.xlsx"
    book = openpyxl.Workbook()
    for values in ROWS:
        book.active.append(values)
    book.active.cell(row=row, column=column, value="x")
    book.active.merge_cells("A20:B21")
    book.save(path)
    last = openpyxl.utils.get_column_letter(merge_columns)
    _rezip(path, "xl/worksheets/sheet1.xml", b'ref="A20:B21"', f'ref="A20:{last}{19 + merge_rows}"'.encode())
    _only_read_error(path)


@CLAIMS
@given(span=st.integers(1, 2**31), chain=st.integers(1, 4000))
def test_word_tables_claiming_huge_sizes(tmp_path, span, chain):
    path = tmp_path / "claim.docx"
    document = docx.Document()
    table = document.add_table(rows=len(ROWS) + 1, cols=len(ROWS[0]))
    for r, values in enumerate(ROWS):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    document.save(path)
    row = '<w:tr><w:tc><w:tcPr><w:vMerge{}/></w:tcPr><w:p/></w:tc></w:tr>'
    chain_rows = row.format(' w:val="restart"') + row.format("") * chain
    _rezip(path, "word/document.xml", b"<w:tcPr>", f'<w:tcPr><w:gridSpan w:val="{span}"/>'.encode())
    _rezip(path, "word/document.xml", b"</w:tbl>", chain_rows.encode() + b"</w:tbl>")
    _only_read_error(path)


@CLAIMS
@given(colspan=st.integers(1, 10**9), rowspan=st.integers(1, 10**9), rows=st.integers(1, 3000),
       depth=st.integers(0, 5000))
def test_web_pages_claiming_huge_sizes(tmp_path, colspan, rowspan, rows, depth):
    head = "".join("<tr>" + "".join(f"<td>{v}</td>" for v in row) + "</tr>" for row in ROWS)
    body = "".join(f"<tr><td colspan={colspan}>{i}</td><td rowspan={rowspan}>推进第{i}项。</td></tr>"
                   for i in range(6, 6 + rows))
    page = "<html><body>" + "<div>" * depth + f"<table>{head}{body}</table>" + "</div>" * depth + "</body></html>"
    path = tmp_path / "claim.html"
    path.write_text(page, encoding="utf-8")
    assert _only_read_error(path)  # a table is there, whatever its spans and depth claim


def test_deeply_nested_pages_lose_nothing(tmp_path):
    """libxml2 stops at 256 levels (2,048 with its huge option) and says so only in its log."""
    table = "".join("<tr>" + "".join(f"<td><span>{v}</span></td>" for v in row) + "</tr>" for row in ROWS)
    for depth in (300, 3000):
        page = f"<html><body>{'<div>' * depth}<p>前言</p><table>{table}</table>{'</div>' * depth}</body></html>"
        path = tmp_path / f"deep{depth}.html"
        path.write_text(page, encoding="utf-8")
        plans = civstat.read_plan(path, issuer="X", year=2024)
        assert list(plans.tasks["seq"]) == [1, 2, 3, 4, 5]
        assert set(plans.assignments["name"]) == {"李超", "养老服务处"}
    tables = "<table><tr><td>" * 3000 + "x" + "</td></tr></table>" * 3000
    (tmp_path / "tables.html").write_text(f"<html><body>{tables}</body></html>", encoding="utf-8")
    with pytest.raises(civstat.ReadError, match="2,048"):
        civstat.read_plan(tmp_path / "tables.html")


def test_word_entities_are_refused_not_dropped(tmp_path):
    """python-docx leaves a declared entity unexpanded and the run's text after it was lost."""
    path = tmp_path / "entity.docx"
    _docx(path)
    _rezip(path, "word/document.xml", "新增床位10张".encode(), "新增床位&x;10张".encode())
    _rezip(path, "word/document.xml", b"?>", b'?><!DOCTYPE w:document [<!ENTITY x "A">]>')
    with pytest.raises(civstat.ReadError, match="DOCTYPE"):
        civstat.read_plan(path)


def test_malformed_word_tables_are_read(tmp_path):
    """What python-docx refused with its own ValueError: a span that is no number, merges with nothing above."""
    row = ('<w:tr><w:tc><w:tcPr>{}</w:tcPr><w:p><w:r><w:t>6</w:t></w:r></w:p></w:tc>'
           '<w:tc><w:p><w:r><w:t>推进第6项养老服务。</w:t></w:r></w:p></w:tc>'
           '<w:tc><w:tcPr>{}</w:tcPr><w:p><w:r><w:t>王芳</w:t></w:r></w:p></w:tc></w:tr>')
    loose = '<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr>'
    for name, old, new, seqs in [
            ("span", b"</w:tbl>", row.format('<w:gridSpan w:val="abc"/>', "") + "</w:tbl>", [1, 2, 3, 4, 5, 6]),
            ("first-row", b"</w:tr>", loose, [1, 2, 3, 4, 5]),
            ("misaligned", b"</w:tbl>", row.format("", '<w:gridSpan w:val="3"/><w:vMerge/>') + "</w:tbl>",
             [1, 2, 3, 4, 5, 6])]:
        path = tmp_path / f"{name}.docx"
        _docx(path)
        _rezip(path, "word/document.xml", old, new.encode())
        plans = civstat.read_plan(path, issuer="X", year=2024)
        assert list(plans.tasks["seq"]) == seqs, name


def test_a_long_chain_of_vertical_merges_fills_every_row(tmp_path):
    """999 rows (the most a plan numbers) under one merged leader cell: python-docx recursed up the chain for each."""
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    for c, value in enumerate(["序号", "工作任务", "分管领导"]):
        table.cell(0, c).text = value
    path = tmp_path / "chain.docx"
    document.save(path)
    rows = "".join(
        f'<w:tr><w:tc><w:p><w:r><w:t>{i}</w:t></w:r></w:p></w:tc>'
        f'<w:tc><w:p><w:r><w:t>推进第{i}项养老服务。</w:t></w:r></w:p></w:tc>'
        f'<w:tc><w:tcPr><w:vMerge{" w:val=&quot;restart&quot;" if i == 1 else ""}/></w:tcPr>'
        f'<w:p>{"<w:r><w:t>李超</w:t></w:r>" if i == 1 else ""}</w:p></w:tc></w:tr>'
        for i in range(1, 1000)).replace("&quot;", '"')
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("word/document.xml")
    start = xml.index(b"<w:tr", xml.index(b"</w:tr>"))  # the rows after the header
    end = xml.index(b"</w:tbl>")
    _rezip(path, "word/document.xml", xml[start:end], rows.encode())
    with no_hang(60):
        plans = civstat.read_plan(path, issuer="X", year=2024)
    assert list(plans.tasks["seq"]) == list(range(1, 1000))
    leaders = plans.assignments[plans.assignments["role"] == "leader"]
    assert len(leaders) == 999
    assert set(leaders["name"]) == {"李超"}
