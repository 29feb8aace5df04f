"""Pages: executed notebooks exported to offline HTML (and Word), plotly.js, the index page.

Part of the report layer, after :mod:`civstat.report.notebooks` has run the notebooks:
a template that loads nothing from the network, an A4 print style sheet, plotly.js
once per page or once per folder, and ``index.html`` ordered by issuer and year.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from civstat.report.notebooks import Result

import copy
import html
import os
import re
from datetime import datetime
from functools import cache
from pathlib import Path
from urllib.parse import quote

from civstat.paths import writing
from civstat.report.plots import FONT_FAMILY

#: Shown where a plan names no issuer and the manifest gives none.
NO_ISSUER = "（未写明发文单位）"


# The lab template without the scripts it loads from CDNs, and with Chinese fonts.
_TEMPLATE = """\
{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{%- block html_head_js -%}
{%- if resources.civstat_plotlyjs -%}
<script type="text/javascript">{{ resources.civstat_plotlyjs }}</script>
{%- elif nb.metadata.civstat and nb.metadata.civstat.plotly -%}
<script src="{{ nb.metadata.civstat.plotly | e }}" charset="utf-8"></script>
{%- endif -%}
{%- endblock html_head_js -%}
{% block body_footer %}
{%- if nb.metadata.civstat -%}
<footer class="civstat-made">根据 {{ nb.metadata.civstat.sources | e }} 生成，生成时间 {{ nb.metadata.civstat.generated | e }}。</footer>
{%- endif %}
</main>
</body>
{% endblock body_footer %}
{%- block html_head_css -%}
<style type="text/css">
body, .jp-RenderedHTMLCommon, .jp-RenderedText, .jp-Notebook { font-family: FONTS; }
body { max-width: 1100px; margin: 0 auto; }
.jp-RenderedHTMLCommon table { font-size: 13px; table-layout: auto; }
.jp-OutputArea-output.jp-RenderedHTMLCommon td, .jp-OutputArea-output.jp-RenderedHTMLCommon th {
  text-align: left; white-space: normal; vertical-align: top; }
.jp-OutputArea-output.jp-RenderedHTMLCommon tbody th { color: #6c7a89; font-weight: normal; }
.civstat-made { color: #6c7a89; font-size: 12px; margin: 2em 0 1em; border-top: 1px solid #d8dee4; padding-top: .5em; }
.celltag_print_only { display: none; }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { max-width: none; margin: 0; font-size: 10pt; }
  .modebar, .modebar-container { display: none !important; }
  /* cells tagged screen_only (long lists) stay on screen; print_only ones say where they went */
  .celltag_screen_only { display: none !important; }
  .celltag_print_only { display: block; }
  /* charts are drawn at the screen's width (up to 1070 px, the body's 1100 less padding) and A4 leaves
     703 px: the chart and the box around it (which holds its height) are shrunk together */
  div:has(> .plotly-graph-div) { zoom: CHART_ZOOM; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  h1 { margin: 0 0 .3em; } h2 { margin: .8em 0 .3em; }
  p { margin: .3em 0; }
  /* JupyterLab keeps each output whole on a page (a long table leaves half a page blank); rows are kept whole */
  .jp-OutputArea-child { break-inside: auto; page-break-inside: auto; }
  tr, .plotly-graph-div { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .jp-Cell, .jp-Cell-outputWrapper, .jp-OutputArea-child { padding: 0; margin: 0; }
  .jp-RenderedHTMLCommon { font-size: 10pt; line-height: 1.5; }
  .jp-RenderedHTMLCommon table { font-size: 9pt; }
  .civstat-made { margin: 1em 0 0; break-inside: avoid; }
}
</style>
{%- endblock html_head_css -%}
""".replace("FONTS", FONT_FAMILY).replace("CHART_ZOOM", "0.62")


def _write_docx(nb, path: Path, *, title: str) -> Path:
    from civstat.report.word import to_docx

    made = nb.metadata["civstat"]
    with writing(path) as partial:
        to_docx(nb, partial, title=title, footer=f"根据 {made['sources']} 生成，生成时间 {made['generated']}。")
    return path


PLOTLY_JS = "plotly.min.js"


def strip_plotlyjs(nb):
    """Return the notebook without the outputs that hold plotly.js itself (megabytes each).

    The figures stay; a page made from the notebook loads plotly.js from a file
    (:func:`write_plotlyjs`).
    """
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if "outputs" in cell:
            cell.outputs = [o for o in cell.outputs if not _is_plotlyjs(o)]
    return nb


def _is_plotlyjs(output) -> bool:
    page = output.get("data", {}).get("text/html", "")
    page = "".join(page) if isinstance(page, list) else str(page)
    return len(page) > 500_000 and "plotly.js v" in page[:2000]


def write_plotlyjs(folder: str | os.PathLike) -> Path:
    """Write plotly.js once into ``folder`` (as ``plotly.min.js``) and return its path.

    A file already there with the same content is left as it is.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / PLOTLY_JS
    bundle = _plotlyjs().encode("utf-8")
    if path.is_file() and path.stat().st_size == len(bundle) and path.read_bytes() == bundle:
        return path
    with writing(path) as partial:
        partial.write_bytes(bundle)
    return path


@cache
def _plotlyjs() -> str:
    import plotly.offline

    return plotly.offline.get_plotlyjs()


def _now() -> str:
    """Return the local time as people write it: 2026年12月2日 07:05."""
    now = datetime.now()
    return f"{now.year}年{now.month}月{now.day}日 {now:%H:%M}"


def to_html(nb, *, inline_plotlyjs: bool = False) -> str:
    """Export an executed notebook to one HTML page without code cells or CDN references.

    The page loads plotly.js from the file its notebook's metadata names (see
    :func:`write_plotlyjs`) or, with ``inline_plotlyjs``, carries it inside (about 4.8 MB):
    one file that can be mailed on its own. The comments of the page's style sheets
    (JupyterLab's, which cite web pages) are removed, so that the page names no address
    outside the inlined plotly.js.
    """
    resources = {"civstat_plotlyjs": _plotlyjs()} if inline_plotlyjs else None
    page = _exporter().from_notebook_node(nb, resources=resources)[0]
    return _STYLE.sub(lambda m: _CSS_COMMENT.sub("", m.group(0)), page)


_STYLE = re.compile(r"<style[^>]*>.*?</style>", re.DOTALL | re.IGNORECASE)


_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


@cache
def _exporter():
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import TagRemovePreprocessor

    exporter = HTMLExporter(
        template_name="lab", extra_loaders=[DictLoader({"civstat.html.j2": _TEMPLATE})],
        template_file="civstat.html.j2", exclude_input=True, exclude_input_prompt=True,
        exclude_output_prompt=True, embed_images=True, language_code="zh",
    )
    # how to run the notebook is said in cells tagged remove_cell: for the notebook, not the page
    remove = {REMOVE_TAG, "parameters", "injected-parameters"}  # the parameter cells show nothing either
    exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags=remove), enabled=True)
    return exporter


#: Cells with this tag are left out of the exported page (how to run the notebook, for instance).
REMOVE_TAG = "remove_cell"


def summary(plans, *, issuer: str, year: int) -> str:
    """Say in one line what a plan is: its title, its tasks and how many the bureau leads.

    Examples
    --------
    >>> import civstat
    >>> summary(civstat.load_plans(errors="ignore"), issuer="武汉市民政局", year=2023)
    '《2023年省、市《政府工作报告》民政目标任务责任分解方案》，共21项任务，其中本单位牵头10项。'
    """
    docs = plans.documents[(plans.documents["issuer"] == issuer) & (plans.documents["year"] == year)]
    tasks = plans.tasks[(plans.tasks["issuer"] == issuer) & (plans.tasks["year"] == year)]
    titles = "、".join(f"《{t}》" for t in docs["title"] if t) or "（计划无标题）"
    n_lead = int(tasks["lead"].sum())
    lead = f"，其中本单位牵头{n_lead}项" if n_lead else ""
    cut = "（原文不完整）" if not docs["complete"].all() else ""
    return f"{titles}，共{len(tasks)}项任务{lead}。{cut}"


def _index_order(key: tuple[str, int]) -> tuple:
    """Issuers by name, a masked or missing one last; each issuer's years in order."""
    issuer, year = key
    return (not issuer or issuer.startswith("*"), issuer or "", year)


def write_index(result: Result) -> Path:
    """Write ``index.html`` in the run's folder, linking every briefing it wrote.

    Plans are listed by issuer and year, each with a one-line :func:`summary`; the page
    says when it was generated.
    """
    rows: dict[tuple[str, int], list[str]] = {}
    for job, path in result.written:
        href = quote(path.relative_to(result.out).as_posix())
        rows.setdefault((job.issuer, job.year), []).append(
            f'<li><a href="{html.escape(href)}">{html.escape(job.title)}</a></li>')
    sections = "\n".join(
        f"<h2>{html.escape(issuer or NO_ISSUER)} {year}年</h2>\n"
        + (f'<p class="summary">{html.escape(result.summaries[(issuer, year)])}</p>\n'
           if (issuer, year) in result.summaries else "")
        + "<ul>\n" + "\n".join(rows[(issuer, year)]) + "\n</ul>"
        for issuer, year in sorted(rows, key=_index_order))
    notes = ""
    if result.skipped or result.failed:
        items = [f"<li>{html.escape(t)}：{html.escape(why)}</li>" for t, why in result.skipped]
        items += [f"<li>{html.escape(j.title)}：运行出错</li>" for j, _ in result.failed]
        notes = "<h2>未生成</h2>\n<ul>\n" + "\n".join(items) + "\n</ul>"
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>civstat 简报</title>
<style>
body {{ font-family: {FONT_FAMILY}; max-width: 860px; margin: 2em auto; padding: 0 1em; color: #1f2933; }}
h1 {{ font-size: 1.6em; }} h2 {{ font-size: 1.2em; margin-top: 1.5em; }}
li {{ margin: .3em 0; }} a {{ color: #2f6db3; }} .summary {{ color: #3e4c59; margin: .2em 0; }}
.made {{ color: #6c7a89; font-size: .9em; }}
</style>
</head>
<body>
<h1>civstat 简报</h1>
<p class="made">共 {len(result.written)} 份简报，生成时间 {_now()}。</p>
{sections}
{notes}
</body>
</html>
"""
    index = result.out / "index.html"
    with writing(index) as partial:
        partial.write_text(page, encoding="utf-8")
    return index
