"""Where civstat finds its data: the one module that knows about folders.

Top level, used by every layer that reads or writes a file.

The data folder holds ``raw/`` (source documents, read-only to code) and
``processed/`` (written by ``civstat build``). It is, in order of precedence: an
explicit argument, the ``CIVSTAT_DATA_DIR`` environment variable, the ``data/``
folder of the source checkout civstat runs from, or ``~/civstat_data`` (the
scikit-learn ``get_data_home`` model). Without an argument or the variable, the
documents bundled with civstat are the raw data.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ENV_VAR = "CIVSTAT_DATA_DIR"


def _checkout_data_dir() -> Path | None:
    """Return the ``data/`` folder of the source checkout civstat runs from, if any."""
    candidate = Path(__file__).resolve().parent.parent / "data"
    return candidate if (candidate / "raw" / "manifest.csv").is_file() else None


def data_dir(path: str | os.PathLike | None = None) -> Path:
    """Return the civstat data folder (holding ``raw/`` and ``processed/``).

    Parameters
    ----------
    path : str or PathLike, optional
        Use this folder instead of the default.

    Returns
    -------
    pathlib.Path
        The folder; it is not created.

    Examples
    --------
    >>> data_dir("/tmp/plans").as_posix()
    '/tmp/plans'
    """
    if path is not None:
        return Path(path).expanduser()
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    return _checkout_data_dir() or Path.home() / "civstat_data"


def raw_dir(path: str | os.PathLike | None = None) -> Path:
    """Return the folder of source documents.

    ``<data_dir>/raw`` when a folder is given (argument or ``CIVSTAT_DATA_DIR``),
    else the documents bundled with civstat.
    """
    if path is not None or os.environ.get(ENV_VAR):
        return data_dir(path) / "raw"
    return bundled_raw_dir()


def processed_dir(path: str | os.PathLike | None = None) -> Path:
    """Return the folder ``civstat build`` writes to, ``<data_dir>/processed``."""
    return data_dir(path) / "processed"


def bundled_raw_dir() -> Path:
    """Return the folder of documents shipped with civstat (``data/raw`` of the source tree)."""
    checkout = _checkout_data_dir()
    if checkout is not None:
        return checkout / "raw"
    from importlib.resources import files

    return Path(str(files("civstat").joinpath("bundled")))


# -- writing -------------------------------------------------------------------------------

#: Longest file or folder name civstat makes from a document's words, in UTF-8 bytes
#: (file systems allow 255; a temporary prefix and suffix must still fit).
NAME_BYTES = 120


def safe_name(text: str, *, limit: int = NAME_BYTES) -> str:
    """Shorten ``text`` to at most ``limit`` UTF-8 bytes, keeping it distinct with a stable suffix.

    A name that fits is returned as it is; a longer one is cut on a character
    boundary and ends in ``~`` and eight hex digits of its SHA-1, so two long names
    that share their start stay apart, and the same name always gives the same result.

    Examples
    --------
    >>> safe_name("武汉市民政局")
    '武汉市民政局'
    >>> len(safe_name("很" * 91).encode())
    120
    """
    raw = text.encode("utf-8")
    if len(raw) <= limit:
        return text
    suffix = "~" + hashlib.sha1(raw).hexdigest()[:8]
    head = raw[: limit - len(suffix)].decode("utf-8", errors="ignore")
    return head + suffix


@contextmanager
def writing(path: str | os.PathLike) -> Iterator[Path]:
    """Write a file under a temporary name unique to this run, renamed to ``path`` on success.

    Yields the temporary path (beside ``path``, same suffix, hidden). When the block
    ends without an exception it replaces ``path`` in one step; otherwise it is
    removed, and ``path`` is left as it was. Two runs writing the same file never
    share a temporary name, so both finish and the last one's file stands.

    Examples
    --------
    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "t.csv"
    >>> with writing(target) as tmp:
    ...     _ = tmp.write_text("a,b")
    >>> target.read_text(), sorted(p.name for p in target.parent.iterdir())
    ('a,b', ['t.csv'])
    """
    path = Path(path)
    stem = safe_name(path.stem, limit=80)
    tmp = path.with_name(f".{stem}.{os.getpid()}-{secrets.token_hex(4)}.partial{path.suffix}")
    try:
        yield tmp
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def writable_folder(folder: str | os.PathLike) -> Path:
    """Create ``folder`` if needed and make sure files can be written there.

    Raises
    ------
    civstat.errors.OutputError
        If the folder cannot be created or written to, naming it and what to do.
    """
    from civstat.errors import OutputError

    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".civstat-probe.{os.getpid()}-{secrets.token_hex(4)}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise OutputError(f"无法写入文件夹 {folder}（{reason}）。请换一个可以写入的文件夹，"
                          f"或检查它的权限。\nCannot write to {folder}: {reason}.") from exc
    return folder
