"""Briefings: run the notebooks with papermill and export them to offline HTML.

:func:`brief` is what ``civstat brief`` runs. For each issuer-year asked for (all of
them by default) and each notebook that takes ``issuer`` and ``year`` parameters, it

1. checks every parameter given against the notebook's ``parameters`` cell (name and
   type, read by ``papermill.inspect_notebook``) and that the issuer-years exist,
   before any notebook runs or any file is written;
2. executes the notebook with papermill in a kernel of *this* interpreter (a
   kernelspec of its own, see :func:`ensure_kernel`, so that a user-level
   ``python3`` kernelspec pointing at another Python never wins). The notebooks of
   a run share one kernel, reset before each notebook (:class:`Kernel`); it starts
   in the background while step 1 runs, and is stopped if step 1 fails;
3. exports it to HTML without code cells, with a template that references no CDN
   (no require.js, MathJax or Mermaid; plotly.js is inlined once by the notebook);
4. writes both under temporary names unique to the run and renames them on
   success, so that a failing notebook never leaves a half-written file under the
   final name and two runs into one folder both finish;
5. writes an ``index.html`` linking all briefings of the run.

A notebook with a ``base_year`` parameter compares two plans; it is given the
issuer's previous plan year, and skipped for an issuer's first plan.

papermill, nbconvert and jupyter_client are imported inside the functions.
"""

from __future__ import annotations

import copy
import hashlib
import html
import logging
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from importlib.resources import files
from pathlib import Path
from urllib.parse import quote

import pandas as pd

from civstat.briefing import BriefingError, PlanNotFoundError, issuer_years, load, not_found_message
from civstat.errors import CivstatError, DataError
from civstat.paths import safe_name, writable_folder, writing
from civstat.plans import role_code, theme_code
from civstat.plots import FONT_FAMILY

logger = logging.getLogger("civstat")

#: Shown where a plan names no issuer and the manifest gives none.
NO_ISSUER = "（未写明发文单位）"

#: The notebooks briefed by default, in the order of the index page.
DEFAULT_NOTEBOOKS = ("briefing", "workload", "continuity", "themes")

# The lab template without the scripts it loads from CDNs, and with Chinese fonts.
_TEMPLATE = """\
{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{%- block html_head_js -%}
{%- if nb.metadata.civstat and nb.metadata.civstat.plotly -%}
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
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { max-width: none; margin: 0; font-size: 10.5pt; }
  .modebar, .modebar-container { display: none !important; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  h2 { margin-top: 1em; }
  tr, .plotly-graph-div, .jp-OutputArea-child { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .jp-Cell { padding: 0; }
}
</style>
{%- endblock html_head_css -%}
""".replace("FONTS", FONT_FAMILY)


class BriefError(CivstatError, RuntimeError):
    """A notebook failed while it ran or was exported; the message names it and the error."""


@dataclass(frozen=True)
class Job:
    """One notebook to run for one issuer-year, and where its outputs go."""

    notebook: Path
    title: str
    parameters: dict
    folder: str
    issuer: str | None = None
    year: int | None = None
    sources: str = ""

    @property
    def name(self) -> str:
        """The notebook's file name without ``.ipynb``."""
        return self.notebook.stem


@dataclass
class Result:
    """What a run of :func:`brief` did."""

    out: Path
    index: Path | None = None
    written: list[tuple[Job, Path]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[Job, str]] = field(default_factory=list)
    summaries: dict[tuple[str, int], str] = field(default_factory=dict)


# -- finding notebooks and their parameters ------------------------------------------------


def notebook_dir() -> Path:
    """Return the folder of civstat's notebooks (``notebooks/`` of the source checkout)."""
    checkout = Path(__file__).resolve().parent.parent / "notebooks"
    if checkout.is_dir():
        return checkout
    return Path(str(files("civstat").joinpath("notebooks")))


def find_notebooks(names: Iterable[str] = ()) -> list[Path]:
    """Resolve notebook names (``workload``, ``workload.ipynb``) or paths; all by default.

    Raises
    ------
    BriefingError
        For a name that is neither one of civstat's notebooks nor an existing file.
    """
    folder = notebook_dir()
    names = list(names)
    if not names and not folder.is_dir():
        raise BriefingError(f"没有找到 civstat 的笔记本（{folder}）：请在源代码目录中运行，或用 --notebook 给出笔记本。\n"
                            f"civstat's notebooks are not installed at {folder}; run from a source "
                            f"checkout or give --notebook PATH.")
    if not names:
        present = [folder / f"{n}.ipynb" for n in DEFAULT_NOTEBOOKS]
        extra = sorted(p for p in folder.glob("*.ipynb") if p.stem not in DEFAULT_NOTEBOOKS)
        return [p for p in present if p.is_file()] + extra
    out = []
    for name in names:
        path = Path(name)
        candidates = [path, folder / path.name, folder / f"{path.name}.ipynb"]
        found = next((c for c in candidates if c.suffix == ".ipynb" and c.is_file()), None)
        if found is None:
            known = "、".join(p.stem for p in sorted(folder.glob("*.ipynb")))
            raise BriefingError(f"没有找到笔记本“{name}”：可用的有 {known}，或给出一个 .ipynb 文件的路径。\n"
                                f"No notebook {name!r}: use one of {known} or the path of an .ipynb file.")
        out.append(found.resolve())
    return list(dict.fromkeys(out))


@cache
def _inspect(path: Path, mtime: float) -> dict[str, str]:
    import papermill

    return {name: info["inferred_type_name"]
            for name, info in papermill.inspect_notebook(str(path)).items()}


def notebook_parameters(path: Path) -> dict[str, str]:
    """Return the parameters a notebook declares, ``{name: type name}`` (``"int"``, ``"str"`` …)."""
    return _inspect(Path(path), Path(path).stat().st_mtime)


def notebook_title(path: Path) -> str:
    """Return a notebook's title (its metadata ``title``, else its first heading, else its name)."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    if nb.metadata.get("title"):
        return str(nb.metadata["title"])
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", cell.source, re.MULTILINE)
            if m:
                return m.group(1).strip()
    return Path(path).stem


def coerce(value, type_name: str, *, name: str, notebook: str):
    """Convert a parameter value to the type the notebook declares, or raise BriefingError.

    A string (from the command line) is parsed; any other value must already have
    the type (``True`` is not an ``int``).

    Examples
    --------
    >>> coerce("2023", "int", name="year", notebook="briefing")
    2023
    >>> coerce("二〇二三", "int", name="year", notebook="briefing")
    Traceback (most recent call last):
    ...
    civstat.briefing.BriefingError: 参数 year 应为 int（整数），不能是 '二〇二三'（笔记本 briefing）。...
    """
    kinds = {"int": (int, "整数"), "float": (float, "数"), "str": (str, "文字"), "bool": (bool, "真假值")}
    if type_name not in kinds:
        return value  # no annotation: papermill passes the value as given
    kind, word = kinds[type_name]
    if isinstance(value, str) and kind is not str:
        text = value.strip()
        try:
            if kind is bool:
                if text.lower() not in ("true", "false", "1", "0", "yes", "no"):
                    raise ValueError(text)
                return text.lower() in ("true", "1", "yes")
            return kind(text)
        except ValueError:
            pass
    elif isinstance(value, kind) and not (kind in (int, float) and isinstance(value, bool)):
        return float(value) if kind is float else value
    elif kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    raise BriefingError(f"参数 {name} 应为 {type_name}（{word}），不能是 {value!r}（笔记本 {notebook}）。\n"
                        f"Parameter {name} of notebook {notebook} must be {type_name}, not {value!r}.")


# -- planning a run ------------------------------------------------------------------------


def plan(*, issuer: str | None = None, year: int | str | None = None, notebooks: Iterable[str] = (),
         parameters: Mapping[str, object] | None = None, data_dir: str | os.PathLike | None = None,
         plans=None) -> tuple[list[Job], list[tuple[str, str]]]:
    """Decide what a run does, checking every parameter; nothing is executed.

    Parameters
    ----------
    issuer, year : optional
        Brief only this issuer, this year, or this issuer-year.
    notebooks : iterable of str
        Notebook names or paths; by default all of :func:`find_notebooks`.
    parameters : mapping, optional
        Further notebook parameters (``{"by": "lead_division"}``); strings are
        parsed to the declared type.
    data_dir : str or PathLike, optional
        Data folder holding ``raw/``, passed to notebooks as ``data_dir``.
    plans : Plans, optional
        The plans, if already read from ``data_dir``.

    Returns
    -------
    jobs : list of Job
    skipped : list of (str, str)
        What was left out and why (an issuer's first plan has no base year).

    Raises
    ------
    BriefingError
        For an unknown notebook or parameter, a value of the wrong type, or an
        issuer-year without a plan.
    """
    paths = find_notebooks(notebooks)
    declared = {p: notebook_parameters(p) for p in paths}
    given = dict(parameters or {})
    if issuer is not None:
        given["issuer"] = issuer
    if year is not None:
        given["year"] = year
    if data_dir is not None:
        given["data_dir"] = str(data_dir)
    for name, value in given.items():
        owners = [p for p in paths if name in declared[p]]
        if not owners:
            known = "；".join(f"{p.stem}: {', '.join(declared[p]) or '（无参数）'}" for p in paths)
            raise BriefingError(f"未知参数 {name}：所选笔记本的参数是 {known}。\n"
                                f"Unknown parameter {name!r}; the notebooks' parameters are {known}.")
        for p in owners:
            given[name] = coerce(value, declared[p][name], name=name, notebook=p.stem)
    given.update(checked_values(given))
    runnable = [p for p in paths if {"issuer", "year"} <= set(declared[p])]
    if not runnable:
        raise BriefingError("所选笔记本都没有 issuer 和 year 参数，无法按年度生成简报。\n"
                            "None of the notebooks has both an issuer and a year parameter.")

    if plans is None:
        plans = load(str(data_dir) if data_dir is not None else "")
    pairs = issuer_years(plans)
    if "issuer" in given:
        pairs = pairs[pairs["issuer"] == given["issuer"]]
    if "year" in given:
        pairs = pairs[pairs["year"] == given["year"]]
    if pairs.empty:  # the message names the closest issuer and every plan there is
        raise PlanNotFoundError(not_found_message(plans, issuer=given.get("issuer", ""),
                                                  year=given.get("year", "")))

    jobs, skipped = [], []
    titles = {p: notebook_title(p) for p in runnable}
    folders = _folders(pairs)
    for row in pairs.itertuples(index=False):
        for p in runnable:
            params = {k: v for k, v in given.items() if k in declared[p]}
            params.update(issuer=row.issuer, year=int(row.year))
            title = f"{row.issuer or NO_ISSUER} {int(row.year)}年 {titles[p]}"
            if "base_year" in declared[p]:
                base = params.get("base_year")
                if base is None:
                    if pd.isna(row.base_year):
                        skipped.append((title, f"数据中没有{row.issuer}{int(row.year)}年以前的计划，无从比较"))
                        continue
                    base = int(row.base_year)
                years = set(plans.documents.loc[plans.documents["issuer"] == row.issuer, "year"].dropna())
                if base not in years or base >= row.year:
                    raise PlanNotFoundError(
                        f"{row.issuer} 没有早于 {int(row.year)} 年的 {base} 年计划，"
                        f"无法运行 {p.stem}；现有 {'、'.join(str(y) for y in sorted(years))} 年。\n"
                        f"{row.issuer} has no plan for base year {base} before {int(row.year)}.")
                params["base_year"] = base
                title = f"{row.issuer or NO_ISSUER} {base}→{int(row.year)}年 {titles[p]}"
            years = [params["base_year"], int(row.year)] if "base_year" in params else [int(row.year)]
            jobs.append(Job(notebook=p, title=title, parameters=params,
                            folder=folders[(row.issuer, int(row.year))],
                            issuer=row.issuer, year=int(row.year),
                            sources=_sources(plans, row.issuer, years)))
    return jobs, skipped


def _sources(plans, issuer: str, years: list[int]) -> str:
    """Name the documents of an issuer's plans for some years: 《title》（file name）, joined by 、."""
    from civstat.workbook import file_name

    docs = plans.documents
    docs = docs[(docs["issuer"] == issuer) & docs["year"].isin(years)].sort_values("year")
    return "、".join(f"《{d.title or d.doc_id}》（{file_name(d.path)}）" for d in docs.itertuples())


def checked_values(given: Mapping[str, object]) -> dict[str, object]:
    """Check the values of the parameters whose values are names, and return them as codes.

    ``by`` takes a role by code or Chinese name (``牵头处室`` → ``lead_division``),
    ``theme`` a theme by id or label (``社会救助`` → ``social_assistance``); anything
    else is refused here, before any notebook runs.

    Raises
    ------
    BriefingError
        For a value that is no role or no theme, with the ones there are.

    Examples
    --------
    >>> checked_values({"by": "牵头处室", "theme": "养老服务", "year": 2023})
    {'by': 'lead_division', 'theme': 'elderly_care'}
    """
    checks = {"by": role_code, "theme": theme_code}
    out = {}
    for name, check in checks.items():
        if name in given and isinstance(given[name], str):
            try:
                out[name] = check(given[name])
            except DataError as exc:
                raise BriefingError(f"参数 {name} 的值不对：{exc}") from exc
    return out


def _folders(pairs) -> dict[tuple[str, int], str]:
    """Give each issuer-year a safe, distinct folder name: ``武汉市民政局-2023``."""
    out, used = {}, set()
    for issuer, year in zip(pairs["issuer"], pairs["year"], strict=True):
        base = safe_name(re.sub(r"[^\w\u3400-\u9fff]+", "_", str(issuer)).strip("_") or "plan")
        name, n = f"{base}-{int(year)}", 1
        while name in used:
            n += 1
            name = f"{base}-{int(year)}-{n}"
        used.add(name)
        out[(issuer, int(year))] = name
    return out


# -- running -------------------------------------------------------------------------------


def ensure_kernel() -> str:
    """Make sure a kernelspec runs this interpreter, and return its name.

    The name is unique to the environment (``civstat-<hash of sys.prefix>``), so no
    other kernelspec (a user-level ``python3`` for another Python, say) can be picked
    instead. It is installed under ``sys.prefix`` (the venv), or for the user when
    that folder is not writable, and reinstalled when it points elsewhere.
    """
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    name = "civstat-" + hashlib.sha1(sys.prefix.encode()).hexdigest()[:10]
    try:
        spec = KernelSpecManager().get_kernel_spec(name)
    except NoSuchKernel:
        spec = None
    here = Path(sys.executable).parent
    if spec is not None and spec.argv and Path(spec.argv[0]).parent == here and Path(spec.argv[0]).exists():
        return name
    from ipykernel.kernelspec import install

    display = f"Python (civstat, {sys.prefix})"
    try:
        install(kernel_name=name, display_name=display, prefix=sys.prefix)
    except OSError:
        install(kernel_name=name, display_name=display, user=True)
    return name


class Kernel:
    """One kernel of this interpreter, shared by the notebooks of a run.

    Starting a kernel and importing pandas, plotly, scikit-learn and jieba in it
    costs more than running most notebooks, so a run starts one kernel, has it
    import those while the run is planned (:meth:`start`), and resets its
    namespace (``%reset -f``) before each notebook: a notebook sees no variable of
    the one before, only the modules it imported. A kernel that died is replaced.
    Use as a context manager; the kernel is shut down on exit.
    """

    #: Run by :meth:`start` in the new kernel: the imports every notebook needs.
    WARM_UP = ("import civstat.briefing, civstat.plots, civstat.workload, civstat.continuity, "
               "civstat.themes, civstat.targets, plotly.graph_objects, plotly.io, nbformat, "
               "sklearn.feature_extraction.text, civstat.tokenize; civstat.tokenize.tokenizer()")

    def __init__(self, name: str | None = None):
        self.name = name or ensure_kernel()
        self._km = None
        self._folder = None
        self._clients = []
        self._used = False

    def start(self, *, warm_up: bool = True) -> Kernel:
        """Launch the kernel without waiting for it; with ``warm_up``, queue :data:`WARM_UP`."""
        from jupyter_core.utils import run_sync

        if self._km is not None:
            return self
        self._folder = tempfile.mkdtemp(prefix="civstat-kernel-")
        km = _shared_manager_class()(kernel_name=self.name, transport="ipc",
                                     ip=str(Path(self._folder) / "k"))
        run_sync(km.start_kernel)(cwd=str(notebook_dir()))
        self._km, self._used = km, False
        if warm_up:
            kc = self._client()
            kc.execute(self.WARM_UP, silent=True, store_history=False)
            self._clients.append(kc)  # the shell queue keeps the order: notebooks run after this
        return self

    def manager(self, *, cwd: str | os.PathLike | None = None):
        """Return the kernel manager of a live kernel, ready for the next notebook.

        The kernel's namespace is reset if a notebook ran in it, and its working
        folder set to ``cwd`` (the notebook's folder, as in JupyterLab).
        """
        from jupyter_core.utils import run_sync

        self.close_clients()
        if self._km is not None and not run_sync(self._km.is_alive)():
            self.shutdown()
        if self._km is None:
            self.start(warm_up=False)
        code = ["get_ipython().run_line_magic('reset', '-f')"] if self._used else []
        if cwd is not None:
            code.append(f"__import__('os').chdir({str(cwd)!r})")
        if code:
            self._execute("; ".join(code))
        self._used = True
        return self._km

    def close_clients(self) -> None:
        """Close the clients papermill opened on the kernel (it leaves them open)."""
        if self._km is not None:
            self._km.close_clients()

    def _client(self):
        from jupyter_client import BlockingKernelClient

        kc = BlockingKernelClient(connection_file=self._km.connection_file)
        kc.load_connection_file()
        kc.start_channels(iopub=False, stdin=False, hb=False, control=False)
        return kc

    def _execute(self, code: str) -> None:
        kc = self._client()
        try:
            msg_id = kc.execute(code, silent=True, store_history=False)
            while kc.get_shell_msg(timeout=120)["parent_header"].get("msg_id") != msg_id:
                pass
        finally:
            kc.stop_channels()

    def shutdown(self) -> None:
        """Stop the kernel, if one runs, and remove its socket folder."""
        from jupyter_core.utils import run_sync

        for kc in self._clients:
            kc.stop_channels()
        self._clients = []
        if self._km is not None:
            km, self._km = self._km, None
            km.close_clients()
            try:
                run_sync(km.shutdown_kernel)(now=True)
            finally:
                run_sync(km.cleanup_resources)()
        if self._folder:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None

    def __enter__(self) -> Kernel:
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()


@cache
def _shared_manager_class():
    """Return an AsyncKernelManager class that remembers its clients, to close them.

    papermill (nbclient) does not close the client of a kernel manager it was given.
    """
    from jupyter_client.manager import AsyncKernelManager

    class SharedKernelManager(AsyncKernelManager):
        def client(self, **kwargs):
            kc = super().client(**kwargs)
            self.civstat_clients = [*getattr(self, "civstat_clients", []), kc]
            return kc

        def close_clients(self) -> None:
            for kc in getattr(self, "civstat_clients", []):
                kc.stop_channels()
            self.civstat_clients = []

    return SharedKernelManager


def run(job: Job, out: str | os.PathLike, *, kernel: Kernel | None = None,
        progress_bar: bool = False, shared_assets: bool = False, docx: bool = False) -> Path:
    """Execute one job and export it; return the HTML file.

    The notebook runs in ``kernel`` (reset first), or in a kernel of its own. The
    executed notebook is kept beside the HTML (same name, ``.ipynb``), without the
    copy of plotly.js the notebook's first figure brought in. The page loads plotly.js
    from ``plotly.min.js`` in its own folder (one copy per issuer-year, see
    :func:`write_plotlyjs`), or with ``shared_assets`` from ``<out>/assets/``, one
    copy for the whole run. Every page ends with the documents it was made from and
    the time it was generated. With ``docx``, the annual briefing (the notebook named
    ``briefing``) is also written as ``briefing.docx`` (see :func:`civstat.word.to_docx`).
    The files are written under temporary names and
    renamed at the end; on failure the executed notebook is kept as
    ``<name>.failed.ipynb`` for inspection.

    Raises
    ------
    BriefError
        If a cell fails (the message names the notebook, the cell and its error)
        or the export fails.
    """
    import papermill
    from papermill.exceptions import PapermillExecutionError

    folder = Path(out) / job.folder
    folder.mkdir(parents=True, exist_ok=True)
    final_nb, final_html = folder / f"{job.name}.ipynb", folder / f"{job.name}.html"
    failed_nb = folder / f"{job.name}.failed.ipynb"
    failed_nb.unlink(missing_ok=True)
    bar = {"desc": job.title, "leave": True, "ncols": 100} if progress_bar else False
    # temporary names unique to this run: two runs into one folder never share one
    with writing(final_nb) as partial_nb, writing(final_html) as partial_html:
        try:
            # a shared kernel is moved to the notebook's folder; a kernel of its own starts there
            where = ({"km": kernel.manager(cwd=job.notebook.parent), "kernel_name": kernel.name}
                     if kernel is not None else {"cwd": str(job.notebook.parent), "kernel_name": ensure_kernel()})
            try:
                nb = papermill.execute_notebook(
                    str(job.notebook), str(partial_nb), parameters=dict(job.parameters), language="python",
                    progress_bar=bar, request_save_on_cell_execute=False, **where,
                )
            finally:
                if kernel is not None:
                    kernel.close_clients()
        except PapermillExecutionError as exc:
            partial_nb.replace(failed_nb)
            cell = f"第 {exc.cell_index + 1} 个单元格（In [{exc.exec_count}]）"
            raise BriefError(
                f"笔记本 {job.notebook.name}（{job.title}）{cell}出错：{exc.ename}: {exc.evalue}\n"
                f"Notebook {job.notebook.name} failed in cell {exc.cell_index + 1}: {exc.ename}: {exc.evalue}\n"
                f"执行到出错处的笔记本 / the notebook as run: {failed_nb}") from exc
        except Exception as exc:
            if partial_nb.exists():
                partial_nb.replace(failed_nb)
            raise BriefError(f"笔记本 {job.notebook.name}（{job.title}）无法运行：{type(exc).__name__}: {exc}\n"
                             f"Notebook {job.notebook.name} could not be run.") from exc
        try:
            import nbformat

            nb = strip_plotlyjs(nb)
            nbformat.write(nb, partial_nb)
            figures = any("Plotly.newPlot(" in str(o.get("data", {}).get("text/html", ""))
                          for c in nb.cells for o in c.get("outputs", []))
            script = ""
            if figures:
                assets = write_plotlyjs(Path(out) / "assets" if shared_assets else folder)
                script = Path(os.path.relpath(assets, folder)).as_posix()
            nb.metadata["title"] = job.title
            nb.metadata["civstat"] = {"plotly": script, "sources": job.sources or "（未记录）",
                                      "generated": _now()}
            partial_html.write_text(to_html(nb), encoding="utf-8")
        except Exception as exc:
            partial_nb.replace(failed_nb)
            raise BriefError(f"笔记本 {job.notebook.name}（{job.title}）无法导出为 HTML：{exc}\n"
                             f"Notebook {job.notebook.name} could not be exported to HTML.") from exc
        if docx and job.name == "briefing":
            try:
                _write_docx(nb, folder / f"{job.name}.docx", title=job.title)
            except Exception as exc:
                partial_nb.replace(failed_nb)
                raise BriefError(f"笔记本 {job.notebook.name}（{job.title}）无法写成 Word 文档：{exc}\n"
                                 f"Notebook {job.notebook.name} could not be written as .docx.") from exc
    return final_html


def _write_docx(nb, path: Path, *, title: str) -> Path:
    from civstat.word import to_docx

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


def to_html(nb) -> str:
    """Export an executed notebook to one HTML page without code cells or CDN references.

    The comments of the page's style sheets (JupyterLab's, which cite web pages) are
    removed, so that the page names no address outside the inlined plotly.js.
    """
    page = _exporter().from_notebook_node(nb)[0]
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


def brief(*, issuer: str | None = None, year: int | str | None = None,
          notebooks: Iterable[str] = (), parameters: Mapping[str, object] | None = None,
          out: str | os.PathLike = "reports", data_dir: str | os.PathLike | None = None,
          progress_bar: bool = False, on_done: Callable[[Job, Path | None, str | None], None] | None = None,
          shared_assets: bool = False, docx: bool = False) -> Result:
    """Brief issuer-years: run the notebooks, export them to HTML, write an index page.

    Every parameter is checked first (see :func:`plan`); then each notebook runs.
    A failing notebook does not stop the others: it is listed in
    ``Result.failed`` with its message, and no HTML is written for it.

    Parameters
    ----------
    issuer, year, notebooks, parameters, data_dir
        See :func:`plan`.
    out : str or PathLike
        Folder of the briefings: ``<out>/<issuer>-<year>/<notebook>.html`` and
        ``.ipynb``, and ``<out>/index.html``.
    progress_bar : bool
        Show a progress bar (tqdm, on stderr) per notebook.
    shared_assets : bool
        Write plotly.js once, to ``<out>/assets/plotly.min.js``, for all pages (an
        intranet site), instead of once per issuer-year folder.
    docx : bool
        Also write each annual briefing as a Word document, ``briefing.docx``.
    on_done : callable, optional
        Called after each notebook with the job, the HTML path (None on failure)
        and the error message (None on success).

    Returns
    -------
    Result
    """
    out = Path(out)
    check = {"issuer": issuer, "year": year, "notebooks": notebooks, "parameters": parameters,
             "data_dir": data_dir}
    with Kernel() as kernel:
        kernel.start()  # it boots and imports while the notebooks and plans are checked
        plans = load(str(data_dir) if data_dir is not None else "")
        jobs, skipped = plan(**check, plans=plans)
        writable_folder(out)  # one clear error before any notebook runs
        result = Result(out=out, skipped=skipped,
                        summaries={(j.issuer, j.year): summary(plans, issuer=j.issuer, year=j.year) for j in jobs})
        for job in jobs:
            try:
                path = run(job, out, kernel=kernel, progress_bar=progress_bar, shared_assets=shared_assets,
                           docx=docx)
            except BriefError as exc:
                logger.error("%s", exc)
                result.failed.append((job, str(exc)))
                if on_done:
                    on_done(job, None, str(exc))
                continue
            result.written.append((job, path))
            if on_done:
                on_done(job, path, None)
    if result.written:
        result.index = write_index(result)
    return result


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
