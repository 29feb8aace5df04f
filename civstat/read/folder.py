"""Folders of plans: the manifest, every file in turn, and one Plans for them all.

Part of the read layer, its entry point for a folder: :func:`load_plans` reads
``manifest.csv`` (any encoding, English or Chinese columns) and each plan file with
:func:`civstat.read.reader.read_plan`, so a file that cannot be read is a problem
row, never the end of the run.

A folder of many files is read in parallel processes through joblib (one document
per task, results put back in file order), so that the tables are the same as a
serial read's; a user's ``joblib.parallel_config(backend="dask")`` sends the same
work to a Dask cluster.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from civstat import parallel, paths
from civstat.errors import CivstatWarning, ReadError
from civstat.read import reader
from civstat.read.decode import decode
from civstat.read.libreoffice import _AHEAD, converted_ahead
from civstat.read.reader import SUPPORTED, _read_records

if TYPE_CHECKING:
    from civstat.plans import Plans

#: The file of a folder that says each plan's issuer, year and title.
MANIFEST = "manifest.csv"
#: What load_plans does with a file it cannot read: warn and go on, raise, or go on silently.
ERRORS = ("warn", "raise", "ignore")

#: Below both of these (files, bytes), ``jobs=None`` reads in this process: starting worker
#: processes costs more than they save. Measured on 2 cores with plans of mixed formats
#: (``python benchmarks/bench_read_parallel.py --sweep 5,50,100,200,400,800``, each a fresh
#: interpreter): two workers cost about 0.6 s to start and import the readers, and a small
#: plan takes 3.6 ms here against 2.1 ms in two workers, so the two runs meet at about 400
#: files (1.7 MB): 5 files 0.46 s serial against 1.05 s parallel, 400 files 1.86 s against
#: 1.90 s, 800 files 3.31 s against 2.69 s. The bundled 5 documents stay serial.
PARALLEL_MIN_FILES = 400
#: See PARALLEL_MIN_FILES: a folder of this many bytes or more is read in parallel however
#: few files it has (large workbooks or PDFs take about a second per MB and more).
PARALLEL_MIN_BYTES = 2_000_000

#: Column names of a manifest, in English or as an office writes them in Chinese.
_MANIFEST_COLUMNS = {"file": "file", "文件": "file", "文件名": "file", "issuer": "issuer", "单位": "issuer",
                     "发布单位": "issuer", "year": "year", "年份": "year", "年度": "year", "title": "title",
                     "标题": "title", "origin": "origin", "来源": "origin"}


def _manifest(folder: Path, problems: list[dict] | None = None) -> dict[str, dict[str, str]]:
    """Read ``manifest.csv``: any encoding and delimiter Excel writes, columns in English or Chinese.

    A row that cannot be used (no file, a year that is not one, a file named twice) is a
    problem naming the manifest and its line; the other rows are used.
    """
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    problems = [] if problems is None else problems

    def problem(line: int, message: str, text: str = "") -> None:
        problems.append({"doc_id": MANIFEST, "line": line, "kind": "manifest", "text": text[:80],
                         "message": f"{path}: {message}"})

    try:
        text = decode(path.read_bytes(), path)[0]
    except ReadError as exc:
        problem(0, f"the manifest could not be read ({exc.message}); the plans are read without it")
        return {}
    try:
        dialect = csv.Sniffer().sniff(text[:5000], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    csv.field_size_limit(max(csv.field_size_limit(), 1_000_000))
    try:
        rows = list(csv.reader(io.StringIO(text), dialect))
    except csv.Error as exc:
        problem(0, f"the manifest is not a readable table ({exc}); the plans are read without it")
        return {}
    if not rows:
        return {}
    header = [_MANIFEST_COLUMNS.get(h.strip().lower(), _MANIFEST_COLUMNS.get(h.strip(), "")) for h in rows[0]]
    if "file" not in header:
        problem(1, "the manifest has no file column (file or 文件); the plans are read without it",
                ",".join(rows[0]))
        return {}
    out: dict[str, dict[str, str]] = {}
    for no, row in enumerate(rows[1:], 2):
        entry = {h: v.strip() for h, v in zip(header, row, strict=False) if h}
        name = entry.get("file", "")
        if not name:
            if any(v.strip() for v in row):
                problem(no, "a row without a file name is ignored", ",".join(row))
            continue
        if entry.get("year") and not re.fullmatch(r"(19|20)\d\d", entry["year"]):
            problem(no, f"{entry['year']!r} is not a year; the document's own year is used", name)
            entry["year"] = ""
        if name in out:
            problem(no, f"{name} is listed twice; the first row is used", name)
            continue
        if not (folder / name).is_file():
            problem(no, f"{name} is not in the folder", name)
        out[name] = entry
    return out


def load_plans(source=None, *, errors: str = "warn", follow_links: bool = False,
               jobs: int | None = None, progress: Callable[[int, int], None] | None = None) -> Plans:
    """Read every plan in a folder (or one file) into one :class:`~civstat.Plans`.

    Parameters
    ----------
    source : str or PathLike, optional
        A folder of documents, with an optional ``manifest.csv`` (columns ``file,
        issuer, year, title, origin``), or a single document. By default the
        bundled documents (or ``$CIVSTAT_DATA_DIR/raw``).
    errors : {"warn", "raise", "ignore"}
        What to do when documents have problems: emit one summary
        :class:`~civstat.errors.CivstatWarning`, raise :class:`~civstat.ReadError`
        for the first one, or stay silent. Problems are always in ``plans.problems``;
        a file that cannot be read at all is a problem of kind ``unreadable``.
    follow_links : bool
        Read files that symbolic links in the folder lead to outside it. By default
        such links are not followed (each is an ``unreadable`` problem), so that a
        folder received from elsewhere reads nothing but itself.
    jobs : int, optional
        How many processes read the documents. By default one per core this process
        may run on, except for a small folder (under :data:`PARALLEL_MIN_FILES`, 400
        files, and :data:`PARALLEL_MIN_BYTES`, 2 MB), which is read in this process,
        since starting processes would cost more than they save. ``jobs=1`` reads in
        this process. The tables are the same whatever the number: each document is
        read on its own and the results are put back in file order. The processes are joblib's: inside
        ``with joblib.parallel_config(backend="dask"):`` the documents are read on a
        Dask cluster (``pip install civstat[dask]``), whatever the folder's size; the
        files must be at the same path on its workers.
    progress : callable, optional
        Called as ``progress(done, total)`` with the number of documents read so far,
        first with ``done=0``, then after each document in file order (``civstat
        build`` shows it as a bar).

    Returns
    -------
    Plans

    Examples
    --------
    >>> plans = load_plans(errors="ignore")
    >>> sorted(plans.documents["issuer"].unique())
    ['**市人民政府', '宣州区民政局', '武汉市民政局']
    """
    if errors not in ERRORS:
        raise ValueError(f"errors must be one of {ERRORS}, not {errors!r}")
    if jobs is not None and (not isinstance(jobs, int) or isinstance(jobs, bool) or jobs < 1):
        raise ValueError(f"jobs must be a number of processes (1 or more) or None for every core, "
                         f"not {jobs!r}")
    source = paths.raw_dir() if source is None else Path(source)
    if not source.exists():
        raise FileNotFoundError(f"{source}: no such file or folder. Pass a folder of plans or "
                                f"set {paths.ENV_VAR}.")
    from civstat.plans import COLUMNS, Plans  # here: a worker reading files needs no pandas

    records: dict[str, list[dict]] = {name: [] for name in COLUMNS}
    if source.is_file():
        files, manifest = [source], _manifest(source.parent, records["problems"])
    else:
        manifest = _manifest(source, records["problems"])
        skipped: list[tuple[Path, str]] = []
        files = _plan_files(source, skipped, follow_links=follow_links)
        for entry, why in skipped:
            for name, rows in _unreadable(entry, ReadError(entry, why), {}, None).items():
                records[name].extend(rows)
    with converted_ahead(files, limit=reader.MAX_BYTES, jobs=jobs):
        _read_all(files, manifest, records, errors, jobs=jobs, progress=progress)
    plans = Plans.from_records(records)
    _report(plans, errors)
    return plans


def _plan_files(folder: Path, unreadable: list[tuple[Path, str]], *, follow_links: bool = False) -> list[Path]:
    """List the folder's plan files: regular files only, a link leading outside only if asked.

    A dangling or looping link, a FIFO, a socket or a device, or an entry that cannot be
    looked at, goes to ``unreadable`` (it becomes a problem row); the other files are read.
    """
    root = folder.resolve()
    files = []
    for entry in sorted(folder.iterdir()):
        if entry.suffix.lower() not in SUPPORTED or entry.name == MANIFEST or entry.name.startswith("."):
            continue
        why = ""
        try:
            target = entry.resolve(strict=True)
            if not target.is_file():
                why = "it is not a regular file (a folder, FIFO, socket or device) and was not opened"
            elif entry.is_symlink() and root not in target.parents and not follow_links:
                why = (f"it is a link to {target}, outside the folder, and was not followed "
                       "(load_plans(..., follow_links=True) follows it)")
        except (OSError, RuntimeError) as exc:  # dangling link, link loop, permission denied
            why = f"it cannot be opened ({type(exc).__name__}: {exc})"
        if why:
            unreadable.append((entry, why))
        else:
            files.append(entry)
    return files


def _read_all(files: list[Path], manifest: dict, records: dict[str, list[dict]], errors: str, *,
              jobs: int | None = None, progress: Callable[[int, int], None] | None = None) -> None:
    """Read each file into ``records``, in file order, in this process or in parallel ones."""
    tasks = []
    for file in files:
        meta = manifest.get(file.name, {})
        year = int(meta["year"]) if meta.get("year", "").strip().isdigit() else None
        tasks.append((file, meta, year))
    if progress is not None:
        progress(0, len(files))
    ahead = _AHEAD.get() or {}  # what converted_ahead converted, for processes that cannot see it
    results = (_read_one(file, meta, year) for file, meta, year in tasks)
    if _parallel(files, jobs):
        from joblib import Parallel, delayed  # here, not at the top: `import civstat` stays light

        results = Parallel(n_jobs=parallel.n_jobs(jobs), return_as="generator")(
            delayed(_read_one)(file, meta, year, ahead.get(file)) for file, meta, year in tasks)
    try:
        for done, ((file, meta, year), part) in enumerate(zip(tasks, results, strict=True), 1):
            if isinstance(part, _Failure):
                if errors == "raise":
                    raise part.error(file)
                part = _unreadable(file, part.error(file), meta, year)
            for name, rows in part.items():
                records[name].extend(rows)
            if progress is not None:
                progress(done, len(files))
    finally:
        with warnings.catch_warnings():  # on an error, stop the workers' remaining tasks now
            warnings.filterwarnings("ignore", "(?s).*You could benefit from adjusting the input task",
                                    UserWarning)  # joblib telling that their results are not used
            results.close()


class _Failure:
    """A ReadError held until its turn in file order.

    In this process it is the error itself (with its traceback); from a worker, its path,
    message and line, since a ReadError does not pickle.
    """

    def __init__(self, exc: ReadError):
        self.path, self.message, self.line = exc.path, exc.message, exc.line
        self.exc: ReadError | None = exc

    def __getstate__(self) -> dict:
        return {**self.__dict__, "exc": None}

    def error(self, file: Path) -> ReadError:
        return self.exc or ReadError(self.path or file, self.message, line=self.line)


def _read_one(file: Path, meta: dict, year: int | None, converted: Path | None = None):
    """Read one file of a folder: its records, or a :class:`_Failure` to raise or report in order.

    ``converted`` is the copy ``converted_ahead`` made of a legacy file, passed to a worker
    process, which does not share this process's context; where the copy is not there (a
    worker on another machine), the worker converts the file itself.
    """
    token = _AHEAD.set({file: converted}) if converted is not None and converted.is_file() else None
    try:
        return _read_records(file, issuer=meta.get("issuer") or None, year=year,
                             title=meta.get("title") or None, doc_id=file.stem)
    except ReadError as exc:
        return _Failure(exc)
    finally:
        if token is not None:
            _AHEAD.reset(token)


def _parallel(files: list[Path], jobs: int | None) -> bool:
    """Tell whether to read in worker processes: asked for, chosen with joblib, or worth it."""
    def big() -> bool:
        size = 0
        for file in files:
            try:
                size += file.stat().st_size
            except OSError:
                pass  # it says so when it is read
        return len(files) >= PARALLEL_MIN_FILES or size >= PARALLEL_MIN_BYTES

    return parallel.spread(jobs, items=len(files), worth=jobs is None and big())


def _unreadable(file: Path, exc: ReadError, meta: dict, year) -> dict[str, list[dict]]:
    document = {"doc_id": file.stem, "issuer": meta.get("issuer", ""), "year": year,
                "title": meta.get("title", ""), "layout": "", "path": str(file), "n_tasks": 0,
                "complete": False}
    problem = {"doc_id": file.stem, "line": exc.line or 0, "kind": "unreadable", "text": "",
               "message": exc.message}
    return {"documents": [document], "problems": [problem]}


def _report(plans: Plans, errors: str) -> None:
    problems = plans.problems
    if problems.empty or errors == "ignore":
        return
    if errors == "raise":
        first = problems.iloc[0]
        path = plans.documents.set_index("doc_id").loc[first["doc_id"], "path"]
        raise ReadError(path, f"{first['kind']}: {first['message']} ({first['text']!r})",
                        line=int(first["line"]) or None)
    by_doc = problems.groupby("doc_id").size()
    listing = ", ".join(f"{doc} ({n})" for doc, n in by_doc.items())
    warnings.warn(f"{len(problems)} problems in {len(by_doc)} documents: {listing}. "
                  "See plans.problems, or run `civstat check`.", CivstatWarning, stacklevel=3)
