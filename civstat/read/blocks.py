"""What every format reader yields: blocks (a paragraph or a table row) and the guards they share.

Part of the read layer, under the format readers: a ``str`` block is a paragraph, a
``list[str]`` block a table row, one string per cell.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from civstat.errors import ReadError

Block = str | list[str]


#: Expansion allowed for an Office file: total uncompressed size / file size.
MAX_RATIO = 100


def check_zip(path: Path, limit: int) -> None:
    """Refuse an Office file whose members would expand far beyond its size."""
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise ReadError(path, "the file is not a valid Office document (not a zip archive). "
                              "Open it in Word or Excel and save it again.") from None
    if total > max(limit, 1) * 10 or total > path.stat().st_size * MAX_RATIO + 1_000_000:
        raise ReadError(path, f"the file would expand to {total / 1e6:.0f} MB when opened, far beyond "
                              "its size; it is refused as a possible zip bomb. Re-save it if it is genuine.")


def trim_row(row: list[str]) -> list[str]:
    """Drop the empty cells at the end of a table row."""
    while row and not row[-1].strip():
        row = row[:-1]
    return row


class PagedBlocks(list):
    """Blocks that know the page each one is on (a PDF's)."""

    def __init__(self, blocks: list[Block], pages: list[int]) -> None:
        super().__init__(blocks)
        self.pages = pages
