"""civstat's exception family: every error names the file and says what to do.

Top level, used by every layer.
"""

from __future__ import annotations


class CivstatError(Exception):
    """Base class of all errors raised by civstat."""


class ReadError(CivstatError, ValueError):
    """A document could not be read (or, with ``errors="raise"``, not read cleanly).

    Parameters
    ----------
    path : str
        The file concerned.
    message : str
        What went wrong and what the user can do about it.
    line : int, optional
        The line the problem is on, when there is one.
    """

    def __init__(self, path, message: str, *, line: int | None = None):
        self.path = str(path)
        self.line = line
        self.message = message
        where = f"{self.path}, line {line}" if line else self.path
        super().__init__(f"{where}: {message}")


class CivstatWarning(UserWarning):
    """Emitted by ``load_plans(errors="warn")`` when documents have problems."""


class DataError(CivstatError, ValueError):
    """The plans hold no data for what was asked (an unknown issuer or year)."""


class OutputError(CivstatError, OSError):
    """Results cannot be written where they were asked to go (a read-only or missing folder)."""
