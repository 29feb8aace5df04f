"""Word (.docx): paragraphs and table rows read straight from the document XML.

Part of the read layer: a format reader (see :mod:`civstat.read.formats` for the registry).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from civstat.errors import ReadError
from civstat.read.blocks import Block, check_zip
from civstat.read.libreoffice import convert_and_read, is_ole


def read_docx(path: Path, limit: int) -> list[Block]:
    """Read a Word document: body paragraphs and table rows, in order."""
    if is_ole(path):  # a Word 97 file saved under .docx: LibreOffice converts it
        return convert_and_read(path, "docx", read_docx, limit)
    check_zip(path, limit)
    xml = _check_spans(path)
    try:
        body = _body(path, xml)
    except Exception as exc:  # python-docx and lxml raise many kinds on a damaged package
        raise ReadError(path, f"Word could not be read ({type(exc).__name__}: {exc}). "
                              "Open it in Word and save it again as .docx.") from None
    from docx.oxml.text.paragraph import CT_P
    from docx.text.paragraph import Paragraph

    from civstat.read.wordnumbers import Numbering

    # Word's automatic numbering is not in a paragraph's text: print it before the text
    lists = _read_part(path, "word/numbering.xml")
    numbering = Numbering(lists, _read_part(path, "word/styles.xml") if lists else None)
    blocks: list[Block] = []
    for element in _block_elements(body):
        if isinstance(element, CT_P):
            blocks.append(numbering.prefix(element) + paragraph_text(element, Paragraph))
        else:
            blocks.extend(_docx_rows(element, numbering))
    return blocks


def _block_elements(parent):
    """Yield the paragraphs and tables of a body or cell in order, inside content controls too."""
    for child in parent.iterchildren(f"{_W}p", f"{_W}tbl", f"{_W}sdt"):
        if child.tag == f"{_W}sdt":   # a content control (a form's field) around paragraphs or a table
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _block_elements(content)
        else:
            yield child


def paragraph_text(p, paragraph_class) -> str:
    """Return a paragraph's text as Word shows it, with tracked insertions and content controls.

    python-docx reads the runs directly under the paragraph; a run inside ``w:ins`` (a
    tracked insertion, shown in the document) or ``w:sdt`` (a content control) would be
    lost. Deletions (``w:del``) are not shown and stay out.
    """
    if p.find(f"{_W}ins") is None and p.find(f"{_W}sdt") is None:
        return paragraph_class(p, None).text
    parts = []
    for child in p.iterchildren():
        if child.tag in (f"{_W}r", f"{_W}hyperlink"):
            parts.append(child.text)
        elif child.tag in (f"{_W}ins", f"{_W}sdt"):
            parts.extend(r.text for r in child.iter(f"{_W}r") if r.getparent().tag != f"{_W}del")
    return "".join(parts)


def _body(path: Path, xml: bytes | None):
    """Return the document's ``w:body`` element.

    Where the package's main part is the usual ``word/document.xml``, only that part is
    parsed (python-docx's element classes, so paragraphs read as python-docx reads them):
    opening the whole package parses every part (styles, numbering, settings, theme),
    which took half the time of reading a small generated plan. Any other package goes through
    ``docx.Document``, which finds its main part by the relationships.
    """
    if xml is not None and _MAIN_PART.search(_read_part(path, "_rels/.rels") or b""):
        from docx.oxml.parser import parse_xml

        return parse_xml(xml).body
    import docx

    with path.open("rb") as handle:  # closed whatever python-docx does on a damaged file
        return docx.Document(handle).element.body


# the package's relationship to its main part, pointing at word/document.xml (with or without a leading /)
_MAIN_PART = re.compile(rb'<Relationship\s[^>]*Target="/?word/document\.xml"[^>]*/officeDocument"'
                        rb'|<Relationship\s[^>]*/officeDocument"[^>]*Target="/?word/document\.xml"')


def _read_part(path: Path, name: str) -> bytes | None:
    with zipfile.ZipFile(path) as archive:
        try:
            return archive.read(name)
        except KeyError:
            return None


_GRID_SPAN = re.compile(rb'<w:gridSpan\s+w:val="(\d{1,12})"')


_VMERGE = re.compile(rb"<w:vMerge(?:\s*/>|\s+w:val=\"continue\")")


def _check_spans(path: Path) -> bytes | None:
    """Refuse a Word file whose cells claim spans no plan has, before python-docx builds them.

    A document part that declares entities is refused too (see below).

    python-docx lays out every grid column a span claims (``gridSpan="2000000000"`` would
    take all the memory there is) and follows vertical merges up their whole chain.
    Returns the bytes of ``word/document.xml`` (``None`` where the package has none).
    """
    xml = _read_part(path, "word/document.xml")
    if xml is None:
        return None
    if b"<!DOCTYPE" in xml:
        # Word never writes one; python-docx leaves declared entities unexpanded, and the
        # text of a run after one would be dropped without a word
        raise ReadError(path, "the document declares its own XML entities (a DOCTYPE), which Word never "
                              "writes; text using them cannot be read faithfully. Open it in Word and "
                              "save it again as .docx.")
    widest = max((int(m.group(1)) for m in _GRID_SPAN.finditer(xml)), default=1)
    if widest > 1000:
        raise ReadError(path, f"a table cell claims to span {widest} columns; no plan has such a table. "
                              "Open it in Word and save it again.")
    merges = sum(1 for _ in _VMERGE.finditer(xml))
    if merges > 20_000:
        raise ReadError(path, f"its tables hold {merges} vertically merged cells, far more than a plan; "
                              "it is refused. Open it in Word, unmerge the cells and save it again.")
    return xml


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_rows(tbl, numbering) -> list[list[str]]:
    """Read a Word table's rows from its XML, one pass, as python-docx's ``row.cells`` would give them.

    A cell spanning columns gives its text once, then empty cells, so that every cell
    stays under its column (a header spanning two columns); a cell continuing a
    vertical merge gives the text of the cell that starts it. python-docx finds that
    cell by walking up the chain, recursively, for every cell (quadratic, and a
    RecursionError on a chain of a thousand); here each column remembers it. A cell's
    paragraphs numbered by Word (a 序号 column of automatic numbers) get their numbers
    from ``numbering`` (:class:`~civstat.read.wordnumbers.Numbering`).
    """
    from docx.text.paragraph import Paragraph

    rows = []
    above: dict[int, str] = {}  # grid column -> text of the vertical merge open there
    for tr in tbl.iterchildren(f"{_W}tr"):
        cells: list[str] = []
        for tc in tr.iterchildren(f"{_W}tc"):
            column = len(cells)
            properties = tc.find(f"{_W}tcPr")
            span_node = properties.find(f"{_W}gridSpan") if properties is not None else None
            merge = properties.find(f"{_W}vMerge") if properties is not None else None
            span = _word_span(span_node.get(f"{_W}val") if span_node is not None else None)
            if merge is not None and merge.get(f"{_W}val", "continue") == "continue":
                text = above.get(column, "")
            else:
                # its paragraphs, inside content controls and tables of its own too
                text = "\n".join(numbering.prefix(p) + paragraph_text(p, Paragraph) for p in _cell_paragraphs(tc))
                if merge is not None:
                    above[column] = text
                else:
                    above.pop(column, None)
            cells.append(text)
            cells.extend([""] * (span - 1))
        rows.append(cells)
    return rows


def _cell_paragraphs(tc):
    """Yield a cell's paragraphs in order, those of a content control or a table inside it too."""
    for element in _block_elements(tc):
        if element.tag == f"{_W}tbl":
            for inner in element.iter(f"{_W}tc"):
                yield from _cell_paragraphs(inner)
        else:
            yield element


def _word_span(value: str | None) -> int:
    """Return a cell's column span; a value that is no number (``gridSpan="abc"``) counts as 1."""
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1
