"""Bytes to text: the encodings plans really come in, tried explicitly.

Read layer, first step: bytes of any file in, text out, before cleaning and layouts.

Candidates, in this spirit: a byte-order mark decides (UTF-8 with BOM, UTF-16 as
Word saves "Unicode text"); otherwise UTF-8, then GB18030 and Big5, whichever
decodes strictly and reads most like Chinese text (the share of characters in the
common GB2312 and Big5 sets). No guessing library is involved.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from civstat.errors import ReadError

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_LEGACY = ("gb18030", "big5")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f]")  # below 32, not \t \n \v \f \r
_HINT = "Save the file as UTF-8 text (in Word: 另存为 → 纯文本 → UTF-8) and try again."


def _commonness(text: str) -> float:
    """Share of Chinese characters that are common ones (GB2312 level 1 or Big5 level 1)."""
    chars = [c for c in text[:20000] if ord(c) > 0x2E80]
    if not chars:
        return 1.0
    common = 0
    for c in chars:
        try:
            gb = c.encode("gb2312")
            if len(gb) == 2 and 0xB0 <= gb[0] <= 0xD7:
                common += 1
                continue
        except UnicodeEncodeError:
            pass
        try:
            b5 = c.encode("big5")
            if len(b5) == 2 and 0xA4 <= b5[0] <= 0xC6:
                common += 1
                continue
        except UnicodeEncodeError:
            pass
        if 0x3000 <= ord(c) <= 0x303F or 0xFF00 <= ord(c) <= 0xFFEF or 0x2000 <= ord(c) <= 0x206F:
            common += 1  # CJK and full-width punctuation
    return common / len(chars)


def _looks_binary(text: str) -> bool:
    sample = text[:20000]
    controls = len(_CONTROLS.findall(sample))
    return controls > max(2, len(sample) // 200)


def decode(data: bytes, path: str | Path) -> tuple[str, str]:
    r"""Decode a document's bytes; return the text and the encoding used.

    Parameters
    ----------
    data : bytes
        The file's content.
    path : str or Path
        The file's name, for error messages.

    Returns
    -------
    tuple of (str, str)
        The text with line ends normalised to ``\n``, and the encoding's name.

    Raises
    ------
    ReadError
        If the file is empty or no candidate encoding gives plausible text.

    Examples
    --------
    >>> decode("民政".encode("gb18030"), "x.txt")
    ('民政', 'gb18030')
    """
    if not data.strip():
        raise ReadError(path, "the file is empty. Check that it was saved completely.")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _finish(data.decode(encoding), encoding, path)
            except UnicodeDecodeError as exc:
                raise ReadError(path, f"the file starts like {encoding} but is not valid {encoding} "
                                      f"(byte {exc.start}). {_HINT}") from None
    candidates = []
    try:
        return _finish(data.decode("utf-8"), "utf-8", path)
    except UnicodeDecodeError:
        pass
    if data[1:200:2].count(0) > 40 or data[0:200:2].count(0) > 40:
        for encoding in ("utf-16-le", "utf-16-be"):
            try:
                return _finish(data.decode(encoding), encoding, path)
            except (UnicodeDecodeError, ReadError):
                continue
    for encoding in _LEGACY:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        candidates.append((_commonness(text), encoding, text))
    if candidates:
        score, encoding, text = max(candidates, key=lambda c: c[0])
        if score >= 0.6:
            return _finish(text, encoding, path)
    raise ReadError(
        path,
        "the bytes are not text in any supported encoding (UTF-8, UTF-8 with BOM, UTF-16, "
        f"GB18030, Big5). If this is a Word, Excel or PDF file, give it its proper extension. {_HINT}",
    )


def _finish(text: str, encoding: str, path) -> tuple[str, str]:
    if _looks_binary(text):
        raise ReadError(path, f"the file decodes as {encoding} but holds binary data, not text. {_HINT}")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ReadError(path, "the file holds only blank text. Check that it was saved completely.")
    return text, encoding
