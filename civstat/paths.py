"""Where civstat finds its data: the one module that knows about folders.

The data folder holds ``raw/`` (source documents, read-only to code) and
``processed/`` (written by ``civstat build``). It is, in order of precedence: an
explicit argument, the ``CIVSTAT_DATA_DIR`` environment variable, the ``data/``
folder of the source checkout civstat runs from, or ``~/civstat_data`` (the
scikit-learn ``get_data_home`` model). Without an argument or the variable, the
documents bundled with civstat are the raw data.
"""

from __future__ import annotations

import os
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
