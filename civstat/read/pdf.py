"""PDF with a text layer, through pdfplumber: table rows by their ruling lines, text around them.

Read layer: a format reader, registered in :mod:`civstat.read.formats`.

The blocks come out in reading order, page by page: a paragraph line is a ``str``, a
table row a ``list[str]``, as from the other formats (:mod:`civstat.read.formats`). A
table that runs over pages is one table: a header repeated at the top of a page is
dropped, and a row that a page break split (a first row with no item number) is joined
to the last row of the page before. A cell that a merge covers (``None`` from
pdfplumber) is filled from the row above, as in a Word table; line breaks that only
wrap text inside a cell are removed. A page without ruled tables gives its text lines,
which the text layouts then read (a list, or a table flattened to text).

A PDF that cannot be read honestly raises :class:`~civstat.ReadError`: a scan without
a text layer, text in broken encodings (``(cid:…)`` glyphs, private-use characters),
or encryption. Nothing is rendered and no text recognition is attempted.
"""

from __future__ import annotations

import re
from pathlib import Path

from civstat.errors import ReadError
from civstat.read.content import kind_of
from civstat.read.numbering import parse_number, seq_cell

MAX_PAGES = 500
_CJK_BREAK = re.compile(r"(?<=[\u3400-\u9fff，、。；：（）“”])\n(?=[\u3400-\u9fff，、。；：（）“”\d])")
_PRIVATE = re.compile("[\ue000-\uf8ff]")


def read_pdf(path: Path, limit: int) -> tuple[list, list[int]]:
    """Read a PDF: blocks in reading order, and the page of each block."""
    import pdfplumber

    with path.open("rb") as handle:  # ours to close: pdfplumber leaves it open when it fails
        return _read_pdf(path, pdfplumber, handle)


def _read_pdf(path: Path, pdfplumber, handle) -> tuple[list, list[int]]:
    try:
        pdf = pdfplumber.open(handle)
    except Exception as exc:  # pdfminer raises many kinds: encrypted, damaged, not a PDF
        name = type(exc).__name__
        inner = " ".join(type(a).__name__ for a in exc.args)  # pdfplumber wraps pdfminer's error
        if any(w in f"{name} {inner} {exc}".lower() for w in ("password", "encrypt")):
            raise ReadError(path, "the PDF is encrypted. Open it with its password and save an "
                                  "unprotected copy, or ask the sender for the .docx.") from None
        raise ReadError(path, f"the PDF could not be opened ({name}). Open it and save it again, or "
                              "ask the sender for the .docx.") from None
    blocks: list = []
    pages: list[int] = []
    state: dict = {"header": None, "running": set()}  # what the pages before left open
    chars = 0
    try:
        if len(pdf.pages) > MAX_PAGES:
            raise ReadError(path, f"the PDF has {len(pdf.pages)} pages, more than {MAX_PAGES}; a plan "
                                  "is never this long. Split it, or read the pages that hold the plan.")
        for number, page in enumerate(pdf.pages, 1):
            text_chars = page.chars
            chars += len(text_chars)
            _page(page, number, blocks, pages, state)
    except ReadError:
        raise
    except Exception as exc:  # a damaged page stream
        raise ReadError(path, f"a page of the PDF could not be read ({type(exc).__name__}). Open it "
                              "and save it again, or ask the sender for the .docx.") from None
    finally:
        pdf.close()
    _check_text(path, blocks, chars)
    return blocks, pages


def _page(page, number: int, blocks: list, pages: list[int], state: dict) -> None:
    """Append one page's blocks; ``state`` carries the table header and the merges still open."""
    tables = page.find_tables()
    if not tables:
        _unruled_page(page, number, blocks, pages, state)
        return
    items: list[tuple[float, object]] = []
    boxes = [t.bbox for t in tables]

    def outside(obj) -> bool:
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    for line in page.filter(outside).extract_text_lines():
        items.append((line["top"], line["text"]))
    for table in tables:
        items.append((table.bbox[1], table.extract()))
    items.sort(key=lambda item: item[0])
    first_on_page = True
    for _, item in items:
        if isinstance(item, str):
            blocks.append(item)
            pages.append(number)
            continue
        carry = blocks[-1] if first_on_page and blocks and isinstance(blocks[-1], list) else None
        rows = _fill_merged([list(row) for row in item], carry, state["running"])
        state["running"] = {c for c, v in enumerate(item[-1]) if v is None} if item else set()
        for k, row in enumerate(rows):
            cells = [_clean_cell(c) for c in row]
            if state["header"] is None and any(cells):
                state["header"] = cells
            elif k == 0 and cells == state["header"]:
                continue  # the header repeated at the top of a page
            elif k == 0 and first_on_page and _continues(cells, blocks):
                previous = blocks[-1]
                blocks[-1] = [_join(a, b) for a, b in zip(_pad(previous, len(cells)), _pad(cells, len(previous)),
                                                         strict=True)]
                continue
            blocks.append(cells)
            pages.append(number)
        first_on_page = False


def _lines_of_words(page) -> list[list[dict]]:
    """Group the page's words into lines by their height on the page, left to right."""
    lines: list[list[dict]] = []
    for word in sorted(page.extract_words(), key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - word["top"]) <= 3:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def _unruled_page(page, number: int, blocks: list, pages: list[int], state: dict) -> None:
    """Read a page without ruling lines: a table by the positions of its words, or text lines.

    A line whose words are column headers fixes where the columns start; below it, each
    line's words fall into the column they start in, and a line with nothing in the first
    column continues the row above (a cell wrapped over lines). A line that runs across
    the columns (a paragraph) ends the table.
    """
    from civstat.read.headers import field_of

    starts = state.get("columns")
    for words in _lines_of_words(page):
        texts = [w["text"] for w in words]
        fields = [field_of(t) for t in texts]
        if len(words) >= 3 and sum(f is not None for f in fields) * 2 >= len(words) and \
                {"text", "title"} & set(fields):
            starts = state["columns"] = [w["x0"] for w in words]
            blocks.append(texts)
            pages.append(number)
            continue
        if starts and len(starts) > 1 and not (words[0]["x0"] < starts[1] - 2 and words[0]["x1"] > starts[1] + 2):
            cells = [""] * len(starts)
            for w in words:
                column = max(i for i, x in enumerate(starts) if x <= w["x0"] + 2) if w["x0"] + 2 >= starts[0] else 0
                cells[column] += w["text"]
            if not cells[0] and blocks and isinstance(blocks[-1], list) and blocks[-1] != texts:
                blocks[-1] = [_join(a, b) for a, b in zip(_pad(blocks[-1], len(cells)), cells, strict=False)]
                continue
            blocks.append(cells)
            pages.append(number)
            continue
        starts = state["columns"] = None
        blocks.append(" ".join(texts))
        pages.append(number)


def _fill_merged(rows: list[list], carry: list[str] | None = None, running: set[int] = frozenset()) -> list[list]:
    """Fill cells a merge covers (``None``) from the row above; a row merged across stays one cell.

    ``carry`` is the last row of the page before, for a table that continues: a merged
    cell that runs over the page break starts the new page empty, with ``None`` below it
    or with ``running`` naming its column (the page before ended inside the merge).
    """
    out: list[list] = []
    for r, row in enumerate(rows):
        filled = []
        across = row and row[0] is not None and all(c is None for c in row[1:])
        for c, value in enumerate(row):
            below = rows[r + 1][c] if r + 1 < len(rows) and c < len(rows[r + 1]) else ""
            if value is None and not across and out and c < len(out[-1]):
                filled.append(out[-1][c])
            elif r == 0 and carry and c < len(carry) and not across and (
                    value is None or (value == "" and (below is None or c in running))):
                filled.append(carry[c])  # a merge running on from the page before
            else:
                filled.append("" if value is None else value)
        out.append(filled)
    return out


def _clean_cell(text: str) -> str:
    """Remove the line breaks and stray spaces that only wrap Chinese text inside a cell.

    A break between two lines that are each a name (a list of units, one per line) stays.
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if len(lines) > 1 and all(kind_of(line) in ("unit", "person") for line in lines):
        return "\n".join(lines)
    return re.sub(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])", "", _CJK_BREAK.sub("", "\n".join(lines)))


def _continues(cells: list[str], blocks: list) -> bool:
    """Tell whether a page's first row is the rest of the row a page break split."""
    if not blocks or not isinstance(blocks[-1], list) or not any(cells):
        return False
    first = cells[0].strip()
    return not first or not (seq_cell(first) or parse_number(first))


def _pad(cells: list[str], n: int) -> list[str]:
    return cells + [""] * (n - len(cells))


def _join(a: str, b: str) -> str:
    if not a or not b:
        return a or b
    if kind_of(a.split("\n")[-1]) in ("unit", "person") and kind_of(b.split("\n")[0]) in ("unit", "person"):
        return f"{a}\n{b}"
    return a + b  # 新增床 | 位120张: one word split by the page


def _check_text(path: Path, blocks: list, chars: int) -> None:
    """Refuse a PDF whose text layer is missing or broken."""
    if chars == 0:
        raise ReadError(path, "the PDF has no text layer (a scan): it needs text recognition first. "
                              "Run OCR on it (for example with the scanner's software) or ask the sender "
                              "for the .docx.")
    text = "\n".join(b if isinstance(b, str) else "\n".join(b) for b in blocks)
    cid = text.count("(cid:")
    private = len(_PRIVATE.findall(text))
    visible = max(1, len(re.sub(r"\s", "", text)))
    if cid * 6 > visible * 0.05 or private > visible * 0.3:
        raise ReadError(path, "the PDF's text is in a broken encoding (glyphs without characters): it "
                              "cannot be read as text. Ask the sender for the .docx, or print it to a new "
                              "PDF from the original.")
