"""Legacy Office files (.doc, .wps, .xls, .et) converted with LibreOffice, then read as .docx/.xlsx.

Read layer, a format reader's helper: converts, then hands the file to the .docx/.xlsx reader.

Each conversion runs ``soffice --headless --convert-to`` with a profile of its own in a
temporary folder (two conversions at once never share one), macros disabled at the
highest security level, no restore, and a timeout after which the process is killed.
The converted file is read by the .docx or .xlsx reader (so merged cells behave the
same) and deleted with its folder. Where LibreOffice is not installed, a
:class:`~civstat.ReadError` says which package to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from civstat.errors import ReadError

TIMEOUT = int(os.environ.get("CIVSTAT_CONVERT_TIMEOUT", "120"))
#: Suffix -> the format LibreOffice converts it to.
TARGET = {".doc": "docx", ".wps": "docx", ".xls": "xlsx", ".et": "xlsx"}
PACKAGES = "libreoffice-writer-nogui libreoffice-calc-nogui"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the signature of a Word 97 / Excel 97 file (and of .wps, .et)
_SECURE_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="MacroSecurityLevel"
 oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop oor:name="DisableMacrosExecution"
 oor:op="fuse"><value>true</value></prop></item>
</oor:items>
"""


_AHEAD: ContextVar[dict[Path, Path] | None] = ContextVar("civstat_converted_ahead", default=None)


def soffice() -> str | None:
    """Return the LibreOffice program, or ``None`` where it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def is_ole(path: Path) -> bool:
    """Tell whether a file is a Word 97 / Excel 97 compound file, whatever its name says."""
    with path.open("rb") as handle:
        return handle.read(8) == OLE


def _profile(folder: Path) -> Path:
    """Write a LibreOffice profile with macros disabled, in a folder of its own."""
    profile = folder / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_SECURE_PROFILE, encoding="utf-8")
    return profile


def _command(program: str, profile: Path, target: str, out: Path, sources: list[Path]) -> list[str]:
    return [program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nologo",
            "--nodefault", "--nolockcheck", "--convert-to", target, "--outdir", str(out),
            *map(str, sources)]


def target_of(path: Path) -> str | None:
    """Return the format a file is converted to before reading (``docx``, ``xlsx``), or ``None``."""
    suffix = path.suffix.lower()
    if suffix in TARGET:
        return TARGET[suffix]
    if suffix in (".docx", ".xlsx") and path.is_file() and is_ole(path):
        return suffix[1:]
    return None


@contextmanager
def converted_ahead(files: list[Path], *, limit: int, jobs: int | None = None) -> Iterator[None]:
    """Convert all the legacy files of a folder at once, before they are read.

    At most one LibreOffice process per core, each converting its share of the files
    in one call; the readers then find the converted copies. Without LibreOffice, or
    with nothing to convert, this does nothing (each file then says so when read). A
    file over the size ``limit`` is left alone: reading it refuses it before anything runs.
    """
    program = soffice()
    legacy = [(f, target_of(f)) for f in files if f.is_file() and f.stat().st_size <= limit]
    legacy = [(f, t) for f, t in legacy if t]
    if program is None or len(legacy) < 2:
        yield
        return
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(legacy)))
    with tempfile.TemporaryDirectory(prefix="civstat-convert-") as folder:
        folder = Path(folder)
        mapping: dict[Path, Path] = {}
        running = []
        for k in range(jobs):
            share = legacy[k::jobs]
            for target in sorted({t for _, t in share}):
                part = folder / f"{k}-{target}"
                sources = []
                for n, (path, t) in enumerate(share):
                    if t != target:
                        continue
                    source = part / "in" / f"{n}{_source_suffix(path, target)}"
                    source.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(path, source)
                    sources.append(source)
                    mapping[path] = part / "out" / f"{n}.{target}"
                command = _command(program, _profile(part), target, part / "out", sources)
                running.append((subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                                 env={**os.environ, "HOME": str(part)}), len(sources)))
        for process, n in running:
            try:
                process.wait(timeout=TIMEOUT * n)
            except subprocess.TimeoutExpired:
                process.kill()  # its files are converted one by one when read, each with its own timeout
                process.wait()
        token = _AHEAD.set({p: out for p, out in mapping.items() if out.is_file()})
        try:
            yield
        finally:
            _AHEAD.reset(token)


def convert_and_read(path: Path, target: str, read, limit: int):
    """Convert ``path`` to ``target`` (``docx`` or ``xlsx``) and read the result with ``read``."""
    ahead = (_AHEAD.get() or {}).get(path)
    if ahead is not None:
        return read(ahead, limit)
    program = soffice()
    if program is None:
        raise ReadError(path, f"reading {path.suffix or 'this'} files needs LibreOffice: "
                              f"apt-get install {PACKAGES} (or open it in Word or WPS and save it as "
                              f".{target}).")
    with tempfile.TemporaryDirectory(prefix="civstat-convert-") as folder:
        folder = Path(folder)
        source = folder / f"input{_source_suffix(path, target)}"
        shutil.copyfile(path, source)  # a plain name: LibreOffice reads no options from it
        command = _command(program, _profile(folder), target, folder / "out", [source])
        try:
            subprocess.run(command, capture_output=True, timeout=TIMEOUT, check=False,
                           env={**os.environ, "HOME": str(folder)})
        except subprocess.TimeoutExpired:
            raise ReadError(path, f"LibreOffice did not finish converting it in {TIMEOUT} s and was "
                                  "stopped. Open it in Word or WPS and save it as "
                                  f".{target}.") from None
        result = folder / "out" / f"input.{target}"
        if not result.is_file():
            raise ReadError(path, f"LibreOffice could not convert it to .{target}: the file may be "
                                  f"damaged. Open it in Word or WPS and save it as .{target}.")
        return read(result, limit)


def _source_suffix(path: Path, target: str) -> str:
    """Return the suffix LibreOffice should see: a .wps is a .doc inside, a .et an .xls."""
    suffix = path.suffix.lower()
    if suffix in (".wps", ".docx") or (suffix not in TARGET and target == "docx"):
        return ".doc"
    if suffix in (".et", ".xlsx") or (suffix not in TARGET and target == "xlsx"):
        return ".xls"
    return suffix
