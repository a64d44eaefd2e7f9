"""Text out of user files: plain text and Markdown, HTML (visible text), PDF (text layer), DOCX, TMX.

Every extractor takes the file's bytes (read once, so the content hash and the text agree) and
returns an `Extracted`: Markdown-like text (`# ` headings, `- ` list items, blank lines between
paragraphs) that the plain parser turns into passages, or, for TMX, ready drafts and the file's
own sentence pairs. A file that holds no usable text raises `Unusable` with a one-line reason.

One module per format; `EXTRACTORS` maps a file suffix to its format name and extractor.
"""

from __future__ import annotations

from collections.abc import Callable

from viewer.core.library.formats.docx_file import extract_docx
from viewer.core.library.formats.extracted import Extracted, Unusable
from viewer.core.library.formats.html_file import extract_html
from viewer.core.library.formats.pdf_file import extract_pdf
from viewer.core.library.formats.text_file import extract_text
from viewer.core.library.formats.tmx_file import extract_tmx

EXTRACTORS: dict[str, tuple[str, Callable[[bytes, str], Extracted]]] = {
    ".txt": ("text", extract_text),
    ".text": ("text", extract_text),
    ".md": ("markdown", extract_text),
    ".markdown": ("markdown", extract_text),
    ".html": ("html", extract_html),
    ".htm": ("html", extract_html),
    ".xhtml": ("html", extract_html),
    ".pdf": ("pdf", extract_pdf),
    ".docx": ("docx", extract_docx),
    ".tmx": ("tmx", extract_tmx),
}


__all__ = [
    "EXTRACTORS",
    "Extracted",
    "Unusable",
    "extract_docx",
    "extract_html",
    "extract_pdf",
    "extract_text",
    "extract_tmx",
]
