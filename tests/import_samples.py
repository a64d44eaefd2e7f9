"""Real files of each importable format, written from text (used by the import tests and benchmark).

The PDF writer produces a minimal but valid PDF 1.4 with a Helvetica text layer (WinAnsi), so
pypdf reads back the very lines written; `lines=None` gives a page with no text layer (a scan).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from xml.sax.saxutils import escape


def make_pdf(pages: Sequence[Sequence[str] | None], title: str = "") -> bytes:
    """A PDF whose pages hold the given lines as text (None: an empty page, as a scan without OCR)."""
    objects: list[bytes] = []
    kids = []
    font_ref = 3
    for i, lines in enumerate(pages):
        page_no, content_no = 4 + 2 * i, 5 + 2 * i
        kids.append(f"{page_no} 0 R")
        ops = ["BT", "/F1 11 Tf", "14 TL", "72 770 Td"]
        for line in lines or ():
            safe = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({safe}) Tj T*")
        ops.append("ET")
        stream = "\n".join(ops).encode("cp1252", errors="replace") if lines else b""
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 {font_ref} "
            f"0 R >> >> /Contents {content_no} 0 R >>".encode()
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream")
    head = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>".encode(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    all_objects = head + objects
    info_no = len(all_objects) + 1
    all_objects.append(f"<< /Title ({title}) >>".encode("latin-1", errors="replace"))
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(all_objects, start=1):
        offsets.append(out.tell())
        out.write(f"{n} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(all_objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(all_objects) + 1} /Root 1 0 R /Info {info_no} 0 R >>\n"
        f"startxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def make_docx(
    title: str, paragraphs: Sequence[str], bullets: Sequence[str] = (), table: Sequence[Sequence[str]] = ()
) -> bytes:
    """A Word document: a Title, a heading, body paragraphs, a bulleted list and a table."""
    import docx

    document = docx.Document()
    document.add_heading(title, level=0)
    document.add_heading("Section one", level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    for text in bullets:
        document.add_paragraph(text, style="List Bullet")
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    document.core_properties.title = title
    document.core_properties.author = "Test Author"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def make_tmx(pairs: Sequence[tuple[str, str]], langs: tuple[str, str] = ("en-US", "nb-NO")) -> bytes:
    """A TMX 1.4 file with one translation unit per pair."""
    units = "\n".join(
        f'<tu><tuv xml:lang="{langs[0]}"><seg>{escape(a)}</seg></tuv>'
        f'<tuv xml:lang="{langs[1]}"><seg>{escape(b)}</seg></tuv></tu>'
        for a, b in pairs
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">\n'
        f'<header creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="none" adminlang="en" '
        f'srclang="{langs[0]}" datatype="plaintext"/>\n<body>\n{units}\n</body>\n</tmx>\n'
    ).encode()


def make_html(title: str, paragraphs: Sequence[str]) -> bytes:
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{escape(title)}</title>"
        f"<style>p {{ color: red }}</style><script>var hidden = 'script text';</script></head>"
        f"<body><header><a href='/'>Site home</a></header><nav><ul><li>Menu entry</li></ul></nav>"
        f"<main><h1>{escape(title)}</h1>{body}</main><footer>Cookie notice</footer></body></html>"
    ).encode()
