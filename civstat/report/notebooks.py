"""Briefings: run the notebooks with papermill and export them to offline HTML.

Report layer, last step: notebooks run with the analyses, then exported by :mod:`~civstat.report.pages`.

:func:`brief` is what ``civstat brief`` runs. For each issuer-year asked for (all of
them by default) and each notebook that takes ``issuer`` and ``year`` parameters, it

1. checks every parameter given against the notebook's ``parameters`` cell (name and
   type, read by ``papermill.inspect_notebook``) and that the issuer-years exist,
   before any notebook runs or any file is written;
2. executes the notebook with papermill in a kernel of *this* interpreter (a
   kernelspec of its own, see :func:`ensure_kernel`, so that a user-level
   ``python3`` kernelspec pointing at another Python never wins). The notebooks of
   a run share a few kernels, one per core (:class:`Kernels`), each reset before each
   notebook (:class:`Kernel`) and taking the next notebook when it is free; the first
   starts in the background while step 1 runs, and all are stopped if step 1 fails;
3. exports it to HTML without code cells, with a template that references no CDN
   (no require.js, MathJax or Mermaid; plotly.js is inlined once by the notebook), in
   a thread of its own while the kernel executes the next notebook;
4. writes both under temporary names unique to the run and renames them on
   success, so that a failing notebook never leaves a half-written file under the
   final name and two runs into one folder both finish;
5. writes an ``index.html`` linking all briefings of the run.

A notebook with a ``base_year`` parameter compares two plans; it is given the
issuer's previous plan year, and skipped for an issuer's first plan.

papermill, nbconvert and jupyter_client are imported inside the functions.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from civstat import parallel
from civstat.errors import CivstatError
from civstat.paths import safe_name, writable_folder, writing
from civstat.report.kernel import MAX_KERNELS, Kernel, Kernels, ensure_kernel, import_nbformat
from civstat.report.pages import (
    NO_ISSUER,
    _now,
    _write_docx,
    strip_plotlyjs,
    summary,
    to_html,
    write_index,
    write_plotlyjs,
)
from civstat.report.parameters import (
    checked_values,
    coerce,
    find_notebooks,
    notebook_parameters,
    notebook_title,
)
from civstat.report.scope import (
    BriefingError,
    PlanNotFoundError,
    issuer_years,
    load,
    not_found_message,
)

logger = logging.getLogger("civstat")


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
    from civstat.report.workbook import file_name

    docs = plans.documents
    docs = docs[(docs["issuer"] == issuer) & docs["year"].isin(years)].sort_values("year")
    return "、".join(f"《{d.title or d.doc_id}》（{file_name(d.path)}）" for d in docs.itertuples())


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


def run(job: Job, out: str | os.PathLike, *, kernel: Kernel | None = None,
        progress_bar: bool = False, shared_assets: bool = False, self_contained: bool = False,
        docx: bool = False) -> Path:
    """Execute one job and export it; return the HTML file.

    The notebook runs in ``kernel`` (reset first), or in a kernel of its own. The
    executed notebook is kept beside the HTML (same name, ``.ipynb``), without the
    copy of plotly.js the notebook's first figure brought in. The page loads plotly.js
    from ``plotly.min.js`` in its own folder (one copy per issuer-year, see
    :func:`write_plotlyjs`), or with ``shared_assets`` from ``<out>/assets/``, one
    copy for the whole run, or with ``self_contained`` inside the page itself (a page to
    mail on its own; no file of plotly.js is written). Every page ends with the documents it was made from and
    the time it was generated. With ``docx``, the annual briefing (the notebook named
    ``briefing``) is also written as ``briefing.docx`` (see :func:`civstat.report.word.to_docx`).
    The files are written under temporary names and
    renamed at the end; on failure the executed notebook is kept as
    ``<name>.failed.ipynb`` for inspection.

    Raises
    ------
    BriefError
        If a cell fails (the message names the notebook, the cell and its error)
        or the export fails.
    """
    export = execute(job, out, kernel=kernel, progress_bar=progress_bar)
    return export(shared_assets=shared_assets, self_contained=self_contained, docx=docx)


def execute(job: Job, out: str | os.PathLike, *, kernel: Kernel | None = None,
            progress_bar: bool = False) -> Callable[..., Path]:
    """Execute one job, the first half of :func:`run`; return the second half, its export.

    The returned function takes ``shared_assets``, ``self_contained`` and ``docx`` (see
    :func:`run`), exports the executed notebook and returns the HTML file; it can run in
    another thread while the kernel executes the next notebook. Until it is called, the
    executed notebook waits under its temporary name.

    Raises
    ------
    BriefError
        If a cell fails or the notebook cannot be run (the export raises it when the export fails).
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
    with ExitStack() as stack:
        partial_nb, partial_html = stack.enter_context(writing(final_nb)), stack.enter_context(writing(final_html))
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
        written = stack.pop_all()  # the temporary files stay until the export is done

    def export(*, shared_assets: bool = False, self_contained: bool = False, docx: bool = False) -> Path:
        with written:
            _export(nb, job, out, partial_nb, partial_html, failed_nb, shared_assets=shared_assets,
                    self_contained=self_contained, docx=docx)
        return final_html

    return export


def _export(nb, job: Job, out, partial_nb: Path, partial_html: Path, failed_nb: Path, *,
            shared_assets: bool, self_contained: bool, docx: bool) -> None:
    """Write an executed notebook and its page under their temporary names (see :func:`run`)."""
    folder = Path(out) / job.folder
    try:
        import nbformat

        nb = strip_plotlyjs(nb)
        nbformat.write(nb, partial_nb)
        figures = any("Plotly.newPlot(" in str(o.get("data", {}).get("text/html", ""))
                      for c in nb.cells for o in c.get("outputs", []))
        script = ""
        if figures and not self_contained:
            assets = write_plotlyjs(Path(out) / "assets" if shared_assets else folder)
            script = Path(os.path.relpath(assets, folder)).as_posix()
        nb.metadata["title"] = job.title
        nb.metadata["civstat"] = {"plotly": script, "sources": job.sources or "（未记录）",
                                  "generated": _now()}
        partial_html.write_text(to_html(nb, inline_plotlyjs=figures and self_contained), encoding="utf-8")
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


def _summaries(plans, pairs: list[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """Return the index page's :func:`~civstat.report.pages.summary` of each issuer-year."""
    return {(i, y): summary(plans, issuer=i, year=y) for i, y in pairs}


def _summaries_in(data_dir: str, pairs: list[tuple[str, int]]) -> Callable[[Kernel], dict]:
    """Return what a kernel does to make :func:`_summaries` of the plans of ``data_dir``.

    The kernel has read those plans for its notebooks and imported what finding repeated
    tasks needs (scikit-learn): about a second of a core that this process then keeps
    for the notebooks' exports.
    """
    import json

    call = (f"__import__('json').dumps([[i, y, s] for (i, y), s in __import__('civstat.report.notebooks')"
            f".report.notebooks._summaries(__import__('civstat.report.scope').report.scope.load({data_dir!r}), "
            f"{[[str(i), int(y)] for i, y in pairs]!r}).items()], ensure_ascii=False)")

    def on(kernel: Kernel) -> dict:
        return {(i, y): s for i, y, s in json.loads(kernel.evaluate(call))}
    return on


def kernel_count(jobs: int | None, notebooks: int) -> int:
    """Return how many kernels a run of ``notebooks`` notebooks uses: see :func:`brief`'s ``jobs``."""
    if jobs is not None and (not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1):
        raise ValueError(f"jobs 应是同时运行的笔记本数（1 或更多），或不给（每个处理器核心一个），而不是 {jobs!r}。\n"
                         f"jobs must be a number of kernels (1 or more) or None for one per core, not {jobs!r}")
    return max(1, min(jobs or min(parallel.cores(), MAX_KERNELS), notebooks))


def brief(*, issuer: str | None = None, year: int | str | None = None,
          notebooks: Iterable[str] = (), parameters: Mapping[str, object] | None = None,
          out: str | os.PathLike = "reports", data_dir: str | os.PathLike | None = None,
          progress_bar: bool = False, on_done: Callable[[Job, Path | None, str | None], None] | None = None,
          shared_assets: bool = False, self_contained: bool = False, docx: bool = False,
          on_read: Callable[[int, int], None] | None = None, jobs: int | None = None) -> Result:
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
    self_contained : bool
        Put plotly.js inside every page that has a chart (about 4.8 MB each), so that one
        page can be mailed on its own. Not together with ``shared_assets``.
    docx : bool
        Also write each annual briefing as a Word document, ``briefing.docx``.
    on_done : callable, optional
        Called after each notebook with the job, the HTML path (None on failure)
        and the error message (None on success).
    on_read : callable, optional
        ``on_read(done, total)`` after each document of the data folder is read, before
        any notebook runs (see :func:`civstat.load_plans`).
    jobs : int, optional
        How many notebooks run at once, each in a kernel of its own (see :func:`kernel_count`).
        By default one per core, at most :data:`~civstat.report.kernel.MAX_KERNELS`, and
        never more than there are notebooks to run. ``jobs=1`` runs them one after another
        in one kernel.

    Returns
    -------
    Result
    """
    if shared_assets and self_contained:
        raise ValueError("shared_assets（图表程序只写一份）和 self_contained（每页自带）只能选一个。\n"
                         "shared_assets and self_contained exclude each other.")
    out = Path(out)
    notebooks = tuple(notebooks)
    check = {"issuer": issuer, "year": year, "notebooks": notebooks, "parameters": parameters,
             "data_dir": data_dir}
    with Kernels() as kernels, ThreadPoolExecutor(1) as summarising, ThreadPoolExecutor(1) as exporting:
        # the kernels boot and import while the notebooks and plans are checked: one, or for a run
        # of every notebook of every plan (three or more notebooks) as many as it will use
        whole_run = issuer is None and year is None and not notebooks
        kernels.add(kernel_count(jobs, 3) if whole_run else 1)
        import_nbformat()  # papermill needs nbformat: imported here without jsonschema's 1.1 s of iri parsers
        plans = load(str(data_dir) if data_dir is not None else "", progress=on_read)
        work, skipped = plan(**check, plans=plans)
        writable_folder(out)  # one clear error before any notebook runs
        n_kernels = kernel_count(jobs, len(work))
        kernels.add(n_kernels - len(kernels))
        # the index page's summaries, once per issuer-year: made here while the kernels work
        # when a core is left for it, else by the first kernel free after the notebooks
        pairs = list(dict.fromkeys((j.issuer, j.year) for j in work))
        here = n_kernels < parallel.cores() or not work
        summaries = summarising.submit(lambda: _summaries(plans, pairs)) if here else None
        result = Result(out=out, skipped=skipped)

        def executed(job: Job) -> Callable[[Kernel], object]:
            """Return what a kernel does with a job: execute it, then queue its export (or return the error)."""
            def on(kernel: Kernel):
                try:
                    export = execute(job, out, kernel=kernel, progress_bar=progress_bar)
                except BriefError as exc:
                    return exc
                return exporting.submit(export, shared_assets=shared_assets,
                                        self_contained=self_contained, docx=docx)
            return on

        def done(job: Job, path: Path | None, error: BriefError | None) -> None:
            if error is not None:
                logger.error("%s", error)
                result.failed.append((job, str(error)))
            else:
                result.written.append((job, path))
            if on_done:
                on_done(job, path, None if error is None else str(error))

        running = [(job, kernels.submit(executed(job))) for job in work]
        if summaries is None:
            summaries = kernels.submit(_summaries_in(work[0].parameters.get("data_dir", ""), pairs))
        for job, future in running:  # reported in the order of the jobs, whichever kernel ran them
            outcome = future.result()
            if isinstance(outcome, BriefError):
                done(job, None, outcome)
                continue
            try:
                path = outcome.result()
            except BriefError as exc:
                done(job, None, exc)
            else:
                done(job, path, None)
        try:
            result.summaries = summaries.result()
        except Exception as exc:  # the kernel could not: made here, as they would be there
            logger.debug("index summaries made in this process: %s", exc)
            result.summaries = _summaries(plans, pairs)
    if result.written:
        result.index = write_index(result)
    return result


