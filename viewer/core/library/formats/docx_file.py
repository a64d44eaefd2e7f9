"""Word (DOCX) files: paragraphs, headings and list paragraphs marked as in Markdown, and table cells."""

from __future__ import annotations

import io
from typing import Any

from viewer.core.library.formats.extracted import Extracted, Unusable


def extract_docx(data: bytes, name: str) -> Extracted:
    """Paragraphs (headings as `# `, list paragraphs as `- `) and table cells of a Word document."""
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

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
