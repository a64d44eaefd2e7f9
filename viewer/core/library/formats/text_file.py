"""Plain text and Markdown files: decoded as they are (the plain parser finds the structure)."""

from __future__ import annotations

from viewer.core.corpus.textio import decode_bytes
from viewer.core.errors import CorpusError
from viewer.core.library.formats.extracted import Extracted, Unusable


def extract_text(data: bytes, name: str) -> Extracted:
    """Plain text or Markdown: UTF-8 (or a legacy encoding, with a warning)."""
    try:
        text, warnings = decode_bytes(data, name)
    except CorpusError:
        raise Unusable("looks like a binary file, not text") from None
    return Extracted(text, warnings=warnings)
