"""PDF files: the text layer page by page, hard-wrapped lines joined into paragraphs."""

from __future__ import annotations

import io
import re

from viewer.core.library.formats.extracted import Extracted, Unusable

# A PDF whose pages hold fewer letters than this in all is taken to have no text layer.
MIN_PDF_LETTERS = 20


def extract_pdf(data: bytes, name: str) -> Extracted:
    """The text layer of a PDF, page by page; a scanned PDF (no text layer) is Unusable."""
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed-but-readable files log noisily
    warnings: list[str] = []
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise Unusable("the PDF is encrypted with a password")
        pages = []
        for number, page in enumerate(reader.pages, start=1):
            try:
                pages.append(page.extract_text() or "")
            except Exception as exc:  # one bad page must not lose the others
                warnings.append(f"{name}: page {number} could not be read ({type(exc).__name__})")
        meta = reader.metadata
        title = str(meta.title or "") if meta else ""
        author = str(meta.author or "") if meta else ""
    except Unusable:
        raise
    except (
        PdfReadError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        OSError,
        RecursionError,
        NotImplementedError,
    ) as exc:
        raise Unusable(f"not a readable PDF ({type(exc).__name__}: {str(exc)[:80]})") from None
    if sum(ch.isalpha() for page in pages for ch in page) < MIN_PDF_LETTERS:
        raise Unusable("no text layer (scanned PDF?)")
    text = "\n\n".join(_reflow(page) for page in pages if page.strip())
    return Extracted(text, title=title.strip(), authors=(author.strip(),) if author.strip() else (), warnings=warnings)


def _reflow(page: str) -> str:
    """Join a PDF page's hard-wrapped lines into paragraphs; keep blank lines as paragraph breaks."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", page):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        joined = ""
        for line in lines:
            if joined.endswith("-") and line[:1].islower():
                joined = joined[:-1] + line  # a word hyphenated at the line end
            else:
                joined = f"{joined} {line}" if joined else line
        if joined:
            paragraphs.append(joined)
    return "\n\n".join(paragraphs)
