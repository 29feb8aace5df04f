"""The annual briefing as a Word document, for an office to forward and edit.

Report layer, after the notebooks have run: an executed notebook into a Word document.

:func:`to_docx` turns an executed notebook into a ``.docx``: its headings, its
sentences and its tables in order. Charts become pictures through plotly's static
image export (kaleido 1.x, ``pip install civstat[images]``), which draws them offline in
the machine's own Chrome or Chromium; where kaleido or a browser is missing, each chart
is given as the table of the numbers it draws, under the chart's title. python-docx,
lxml, kaleido and pandas' HTML reader are imported inside the functions.
"""

from __future__ import annotations

import json
import re
from io import StringIO
from pathlib import Path

import pandas as pd

_NEW_PLOT = re.compile(r"Plotly\.newPlot\(\s*\"[^\"]*\",\s*")
_TAGS = re.compile(r"<[^>]+>")


#: Width of a chart's picture in the document, in centimetres (A4 less Word's margins).
PICTURE_CM = 16


def to_docx(nb, path, *, title: str, footer: str = "", images: bool = True) -> Path:
    """Write an executed notebook as a Word document: headings, sentences and tables.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The executed notebook (cells tagged ``remove_cell`` are left out, as in the page).
    path : str or PathLike
        The ``.docx`` to write (written as it is: the caller renames a temporary file).
    title : str
        The document's title, its first heading.
    footer : str, optional
        A last paragraph, such as which documents it was made from and when.
    images : bool
        Draw the charts as pictures when :func:`chart_images` can; otherwise, or with
        ``False``, each chart is the table of its numbers.

    Returns
    -------
    pathlib.Path
        ``path``.
    """
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.size = Pt(10.5)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    doc.core_properties.title = title
    doc.add_heading(title, level=0)
    parts = list(_parts(nb))
    charts = [_figure(page) for kind, page in parts if kind == "html" and "Plotly.newPlot(" in page]
    figures, pictures = iter(charts), iter(chart_images(charts) if images and any(charts) else [])
    for kind, part in parts:
        if kind == "markdown":
            _markdown(doc, part)
        elif "Plotly.newPlot(" in part:
            _chart(doc, next(figures), next(pictures, None))
        elif "<table" in part:
            _table(doc, pd.read_html(StringIO(part), flavor="lxml")[0])
        else:
            for text in re.split(r"</p>\s*<p>", part):
                text = _text(text)
                if text:
                    doc.add_paragraph(text)
    if footer:
        doc.add_paragraph(footer).runs[0].font.size = Pt(9)
    doc.save(str(path))
    return Path(path)


def _markdown(doc, source: str) -> None:
    """Add a markdown cell: ``#`` lines as headings, the rest as paragraphs (lines joined)."""
    paragraph: list[str] = []

    def flush():
        if paragraph:
            doc.add_paragraph(_plain("".join(paragraph)))
            paragraph.clear()

    for line in source.splitlines():
        heading = re.match(r"^(#{1,6})\s+(.*)$", line)
        if heading:
            flush()
            level = len(heading.group(1))
            if level > 1:  # the notebook's own title: the document has one already
                doc.add_heading(_plain(heading.group(2)), level=min(level - 1, 3))
        elif not line.strip():
            flush()
        else:
            paragraph.append(line.strip())
    flush()


def _plain(text: str) -> str:
    """Drop markdown emphasis and code marks."""
    return re.sub(r"(\*\*|__|`)", "", text)


def _text(page: str) -> str:
    import html

    return html.unescape(_TAGS.sub("", page)).strip()


def _parts(nb):
    """Yield what the page shows, in order: ``("markdown", source)`` or ``("html", an output's HTML)``."""
    for cell in nb.cells:
        if "remove_cell" in cell.get("metadata", {}).get("tags", []):
            continue
        if cell.cell_type == "markdown":
            yield "markdown", cell.source
            continue
        for output in cell.get("outputs", []):
            page = output.get("data", {}).get("text/html")
            if page is not None:
                yield "html", "".join(page) if isinstance(page, list) else str(page)


def _figure(page: str) -> dict | None:
    """Return the figure (``data`` and ``layout``) that a chart's HTML hands to Plotly.newPlot."""
    match = _NEW_PLOT.search(page)
    if not match:
        return None
    decoder = json.JSONDecoder()
    data, end = decoder.raw_decode(page, match.end())
    rest = page[end:].lstrip().lstrip(",").lstrip()
    layout = decoder.raw_decode(rest)[0] if rest.startswith("{") else {}
    return {"data": data, "layout": layout}


def chart_images(figures: list[dict | None]) -> list[bytes | None]:
    """Draw figures as PNG pictures with kaleido in the machine's Chrome; ``[]`` when it cannot.

    One picture per figure, in order (None for a None figure). All are drawn in one
    browser session (:func:`plotly.io.write_images`). Without kaleido, without a browser
    it can find, or on any failure of the export, the result is an empty list and the
    charts stay tables.
    """
    import importlib.util
    import logging
    import tempfile

    drawn = [f for f in figures if f]
    if not drawn or importlib.util.find_spec("kaleido") is None:
        return []
    import plotly.io as pio

    try:
        with tempfile.TemporaryDirectory(prefix="civstat-charts-") as folder:
            files = [Path(folder) / f"chart{i}.png" for i in range(len(drawn))]
            heights = [int(f["layout"].get("height") or 450) for f in drawn]
            pio.write_images(drawn, files, width=900, height=heights, scale=2, validate=False)
            pictures = iter([f.read_bytes() for f in files])
            return [next(pictures) if f else None for f in figures]
    except Exception as exc:  # no browser, a browser that would not start, a kaleido error
        logging.getLogger(__name__).warning("charts are given as tables: kaleido could not draw them (%s)", exc)
        return []


def _chart(doc, figure: dict | None, picture: bytes | None = None) -> None:
    """Give a chart (its :func:`_figure`) as its picture, or as its title and the table of its numbers."""
    if figure is None:
        return
    if picture:
        from io import BytesIO

        from docx.shared import Cm

        doc.add_picture(BytesIO(picture), width=Cm(PICTURE_CM))
        return
    data, layout = figure["data"], figure["layout"]
    heading = layout.get("title", {})
    heading = heading.get("text", "") if isinstance(heading, dict) else str(heading or "")
    heading = _text(re.sub(r"<br>.*$", "", heading))
    axis = layout.get("yaxis", {}) if isinstance(layout.get("yaxis"), dict) else {}
    table = chart_table(data, suffix=axis.get("ticksuffix", ""))
    if heading:
        doc.add_paragraph(heading).runs[0].bold = True
    if table is not None:
        _table(doc, table)


def chart_table(traces: list[dict], *, suffix: str = "") -> pd.DataFrame | None:
    """Return the numbers of a chart's bar or line traces as a table: one row per category.

    Values are written as people write them; with ``suffix`` ``"%"`` (the chart's axis
    shows percentages) as whole percentages.

    Examples
    --------
    >>> chart_table([{"type": "bar", "name": "牵头任务", "x": ["张三", "李四"], "y": [3, 0]},
    ...              {"type": "bar", "name": "配合任务", "x": ["张三", "李四"], "y": [2, 2]}]).to_dict("records")
    [{'': '张三', '牵头任务': '3', '配合任务': '2'}, {'': '李四', '牵头任务': '0', '配合任务': '2'}]
    >>> chart_table([{"type": "bar", "name": "2023年", "x": ["养老服务"], "y": [47.62]}], suffix="%").iloc[0, 1]
    '48%'

    """
    columns: dict[str, dict] = {}
    order: list = []
    for i, trace in enumerate(traces):
        x, y = trace.get("x"), trace.get("y")
        if not isinstance(x, list) or not isinstance(y, list):
            continue
        if trace.get("orientation") == "h":
            x, y = y, x
        name = _text(str(trace.get("name") or f"系列{i + 1}"))
        columns[name] = dict(zip(map(str, x), (_value(v, suffix) for v in y), strict=False))
        order += [str(v) for v in x if str(v) not in order]
    if not columns:
        return None
    out = pd.DataFrame({name: [values.get(k, "") for k in order] for name, values in columns.items()})
    out.insert(0, "", [_text(k) for k in order])
    return out


def _value(value, suffix: str):
    from civstat.report.tables import number

    if not isinstance(value, int | float) or isinstance(value, bool):
        return value
    return f"{value:.0f}%" if suffix == "%" else number(value)


def _table(doc, df: pd.DataFrame) -> None:
    """Add a table with a header row; an unnamed first column (the row numbers) is dropped."""
    from civstat.report.tables import number

    if len(df.columns) and str(df.columns[0]).startswith("Unnamed"):
        df = df.drop(columns=df.columns[0])
    table = doc.add_table(rows=1, cols=len(df.columns))
    table.style = "Table Grid"
    for cell, column in zip(table.rows[0].cells, df.columns, strict=True):
        cell.text = str(column)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in df.itertuples(index=False):
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            if isinstance(value, float):
                value = number(value)
            cell.text = "" if value is None or (isinstance(value, float) and value != value) else str(value)
    doc.add_paragraph()
