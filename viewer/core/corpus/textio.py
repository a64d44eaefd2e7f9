"""Reading user text files: refuse binary and empty files, decode legacy Norwegian encodings."""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from viewer.core.errors import CorpusError

MAX_FILE_BYTES = 50 * 1024 * 1024
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def read_text_file(path: Path) -> tuple[str, list[str]]:
    """The file's text with newlines normalised to \\n, and warnings about how it was decoded.

    Raises CorpusError (one readable line) for a missing, unreadable, empty, huge or binary file.
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise CorpusError(
                f"{path}: file is too large ({size / 1e6:.0f} MB; the limit is {MAX_FILE_BYTES // 1_000_000} MB)"
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise CorpusError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise CorpusError(f"{path}: is a folder, not a text file") from None
    except PermissionError:
        raise CorpusError(f"{path}: permission denied") from None
    except OSError as exc:
        raise CorpusError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    text, warnings = decode_bytes(data, str(path))
    if not text.strip():
        raise CorpusError(f"{path}: file is empty")
    return text, warnings


def decode_bytes(data: bytes, name: str = "input") -> tuple[str, list[str]]:
    """Decode UTF-8 (with or without BOM), UTF-16/32 with BOM, or else Windows-1252/Latin-1."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _normalise(data.decode(encoding, errors="replace")), []
    if _looks_binary(data):
        raise CorpusError(f"{name}: looks like a binary file, not text")
    try:
        return _normalise(data.decode("utf-8")), []
    except UnicodeDecodeError as exc:
        position = exc.start
    try:
        text = data.decode("cp1252")
        encoding = "Windows-1252"
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        encoding = "Latin-1"
    warning = f"{name}: not valid UTF-8 (first bad byte at {position}); decoded as {encoding}"
    return _normalise(text), [warning]


def stream_lines(stream: BinaryIO) -> Iterator[bytes]:
    """Lines of a byte stream as they arrive, split on \\n only (not on other Unicode line
    breaks), without the \\n or a trailing \\r; a last line without \\n is still a line."""
    for raw in iter(stream.readline, b""):
        if raw.endswith(b"\n"):
            raw = raw[:-1]
        yield raw[:-1] if raw.endswith(b"\r") else raw


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = len(sample.translate(None, _NOT_CONTROL))  # the control bytes left, counted in C
    return bool(sample) and control / len(sample) > 0.1


# Every byte but the control characters a text file does not hold (tab, line feed, form feed,
# carriage return and escape are text's own).
_NOT_CONTROL = bytes(b for b in range(256) if not (b < 32 and b not in (9, 10, 12, 13, 27)))


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
