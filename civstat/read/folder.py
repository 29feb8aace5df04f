"""Folders of plans: the manifest, every file in turn, and one Plans for them all.

Part of the read layer, its entry point for a folder: :func:`load_plans` reads
``manifest.csv`` (any encoding, English or Chinese columns) and each plan file with
:func:`civstat.read.reader.read_plan`, so a file that cannot be read is a problem
row, never the end of the run.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
from pathlib import Path

from civstat import paths
from civstat.errors import CivstatWarning, ReadError
from civstat.plans import COLUMNS, Plans
from civstat.read import reader
from civstat.read.decode import decode
from civstat.read.libreoffice import converted_ahead
from civstat.read.reader import SUPPORTED, _read_records

#: The file of a folder that says each plan's issuer, year and title.
MANIFEST = "manifest.csv"
#: What load_plans does with a file it cannot read: warn and go on, raise, or go on silently.
ERRORS = ("warn", "raise", "ignore")

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


def load_plans(source=None, *, errors: str = "warn", follow_links: bool = False) -> Plans:
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
    source = paths.raw_dir() if source is None else Path(source)
    if not source.exists():
        raise FileNotFoundError(f"{source}: no such file or folder. Pass a folder of plans or "
                                f"set {paths.ENV_VAR}.")
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
    with converted_ahead(files, limit=reader.MAX_BYTES):
        _read_all(files, manifest, records, errors)
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


def _read_all(files: list[Path], manifest: dict, records: dict[str, list[dict]], errors: str) -> None:
    for file in files:
        meta = manifest.get(file.name, {})
        year = int(meta["year"]) if meta.get("year", "").strip().isdigit() else None
        try:
            part = _read_records(file, issuer=meta.get("issuer") or None, year=year,
                                 title=meta.get("title") or None, doc_id=file.stem)
        except ReadError as exc:
            if errors == "raise":
                raise
            part = _unreadable(file, exc, meta, year)
        for name, rows in part.items():
            records[name].extend(rows)


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
