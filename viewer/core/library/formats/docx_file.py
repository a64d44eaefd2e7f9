"""Word (DOCX) files: paragraphs, headings and list paragraphs marked as in Markdown, and table cells.

A DOCX is a zip archive, and a small one can inflate to gigabytes ("zip bomb": an 817 kB file
whose document.xml is 256 MB drove an import to a 4 GB peak). The archive's directory is checked
before anything is inflated: at most MAX_PARTS parts, none over MAX_PART_BYTES, all together at
most MAX_TOTAL_BYTES. zipfile never inflates a part beyond its declared size (a part that does
fails its check), so the declared sizes bound what parsing can read.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from viewer.core.library.formats.extracted import Extracted, Unusable

MB = 2**20
MAX_PARTS = 10_000
MAX_PART_BYTES = 64 * MB
MAX_TOTAL_BYTES = 160 * MB


def check_archive(data: bytes, fmt: str = "DOCX") -> None:
    """Raise Unusable when the zip archive would inflate beyond the limits (nothing is inflated)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise Unusable(f"not a readable {fmt} file ({type(exc).__name__})") from None
    if len(parts) > MAX_PARTS:
        raise Unusable(f"the {fmt} file holds {len(parts):,} parts (the limit is {MAX_PARTS:,})")
    biggest = max(parts, key=lambda p: p.file_size, default=None)
    if biggest is not None and biggest.file_size > MAX_PART_BYTES:
        raise Unusable(
            f"the {fmt} file's {biggest.filename[:80]} inflates to {biggest.file_size / MB:,.0f} MB "
            f"(the limit is {MAX_PART_BYTES // MB} MB)"
        )
    total = sum(p.file_size for p in parts)
    if total > MAX_TOTAL_BYTES:
        raise Unusable(f"the {fmt} file inflates to {total / MB:,.0f} MB (the limit is {MAX_TOTAL_BYTES // MB} MB)")


def extract_docx(data: bytes, name: str) -> Extracted:
    """Paragraphs (headings as `# `, list paragraphs as `- `) and table cells of a Word document."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    check_archive(data)
    try:
        document = docx.Document(io.BytesIO(data))
        blocks: list[str] = []
        title = ""
        for child in document.element.body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                line = _docx_paragraph(Paragraph(child, document))
                if line:
                    blocks.append(line)
                    if not title and line.startswith("# "):
                        title = line[2:]
            elif tag == "tbl":
                for row in Table(child, document).rows:
                    cells = [" ".join(c.text.split()) for c in row.cells]
                    blocks.extend(dict.fromkeys(c for c in cells if c))  # merged cells repeat
        props = document.core_properties
        title = (props.title or "").strip() or title
        authors = (props.author.strip(),) if props.author and props.author.strip() else ()
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise Unusable(f"not a readable DOCX file ({type(exc).__name__})") from None
    except (MemoryError, RecursionError):
        raise
    except Exception as exc:  # python-docx raises lxml errors for broken XML inside the package
        raise Unusable(f"not a readable DOCX file ({type(exc).__name__}: {str(exc)[:80]})") from None
    return Extracted("\n\n".join(blocks), title=title, authors=authors)


def _docx_paragraph(paragraph: Any) -> str:
    text = " ".join(paragraph.text.split())
    if not text:
        return ""
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style == "Title" or style.startswith("Heading"):
        return f"# {text}"
    if style.startswith("List") or (paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None):
        return f"- {text}"
    return text
