"""Text out of user files: plain text and Markdown, HTML (visible text), PDF (text layer), DOCX, TMX.

Every extractor takes the file's bytes (read once, so the content hash and the text agree) and
returns an `Extracted`: Markdown-like text (`# ` headings, `- ` list items, blank lines between
paragraphs) that the plain parser turns into passages, or, for TMX, ready drafts and the file's
own sentence pairs. A file that holds no usable text raises `Unusable` with a one-line reason.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from viewer.core.errors import CorpusError
from viewer.core.corpus.model import PassageKind
from viewer.core.corpus.drafts import Draft, Parsed
from viewer.core.corpus.textio import decode_bytes


class Unusable(Exception):
    """The file cannot be imported; the message is the reason shown in the import report."""


@dataclass
class Extracted:
    text: str
    title: str = ""
    authors: tuple[str, ...] = ()
    warnings: list[str] = field(default_factory=list)
    parsed: Parsed | None = None  # ready drafts (TMX); None: the plain parser finds them
    extra: dict[str, Any] = field(default_factory=dict)  # goes to DocumentMeta.extra


def extract_text(data: bytes, name: str) -> Extracted:
    """Plain text or Markdown: UTF-8 (or a legacy encoding, with a warning)."""
    try:
        text, warnings = decode_bytes(data, name)
    except CorpusError:
        raise Unusable("looks like a binary file, not text") from None
    return Extracted(text, warnings=warnings)


# --- HTML ------------------------------------------------------------------------------------

_SKIP = {"script", "style", "noscript", "template", "svg", "math", "nav", "aside", "footer", "form", "button",
         "select", "iframe", "object", "canvas", "head"}
_BLOCK = {"p", "div", "section", "article", "main", "blockquote", "pre", "table", "tr", "ul", "ol", "dl", "dd",
          "dt", "figure", "figcaption", "address", "hr", "br", "td", "th", "caption", "details", "summary", "body"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)


class _VisibleText(HTMLParser):
    """Collects the text a reader sees: no scripts, styles, navigation, page header or footer."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.prefix = ""
        self.skip: list[str] = []  # open elements whose content is dropped
        self.in_title = False
        self.title = ""
        self.content_depth = 0  # inside <article> or <main>, a <header> is the article's own heading

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            if tag in ("br", "hr"):
                self._flush()
            return
        if tag == "title":
            self.in_title = True
            return
        attributes = dict(attrs)
        hidden = "hidden" in attributes or attributes.get("aria-hidden") == "true" or \
            attributes.get("role") in ("navigation", "banner", "contentinfo")
        if self.skip or tag in _SKIP or hidden or (tag == "header" and not self.content_depth):
            self.skip.append(tag)
            return
        if tag in ("article", "main"):
            self.content_depth += 1
        if tag in _BLOCK or re.fullmatch(r"h[1-6]", tag) or tag == "li":
            self._flush()
        if re.fullmatch(r"h[1-6]", tag):
            self.prefix = "# "
        elif tag == "li":
            self.prefix = "- "

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
            return
        if self.skip:
            if tag in self.skip:
                while self.skip and self.skip.pop() != tag:  # tolerate unclosed children
                    pass
            return
        if tag in ("article", "main"):
            self.content_depth = max(0, self.content_depth - 1)
        if tag in _BLOCK or re.fullmatch(r"h[1-6]", tag) or tag == "li":
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
            return
        if not self.skip:
            self.current.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(self.prefix + text)
        self.current, self.prefix = [], ""

    def result(self) -> str:
        self._flush()
        return "\n\n".join(self.blocks)


def extract_html(data: bytes, name: str) -> Extracted:
    """The visible text of an HTML page, headings and list items marked as in Markdown."""
    declared = _CHARSET.search(data[:4096])
    text = ""
    warnings: list[str] = []
    if declared:
        try:
            text = data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            text = ""
    if not text:
        try:
            text, warnings = decode_bytes(data, name)
        except CorpusError:
            raise Unusable("looks like a binary file, not HTML") from None
    parser = _VisibleText()
    parser.feed(text)
    parser.close()
    title = " ".join(parser.title.split())
    body = parser.result()
    if title and not body.startswith("# "):
        body = f"# {title}\n\n{body}"
    return Extracted(body, title=title, warnings=warnings)


# --- PDF -------------------------------------------------------------------------------------

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
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError,
            RecursionError, NotImplementedError) as exc:
        raise Unusable(f"not a readable PDF ({type(exc).__name__}: {str(exc)[:80]})") from None
    if sum(ch.isalpha() for page in pages for ch in page) < MIN_PDF_LETTERS:
        raise Unusable("no text layer (scanned PDF?)")
    text = "\n\n".join(_reflow(page) for page in pages if page.strip())
    return Extracted(text, title=title.strip(), authors=(author.strip(),) if author.strip() else (),
                     warnings=warnings)


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


# --- DOCX ------------------------------------------------------------------------------------


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


# --- TMX -------------------------------------------------------------------------------------


def extract_tmx(data: bytes, name: str) -> Extracted:
    """A TMX file as one bilingual document: each language's segments as a group ("tmx.en", "tmx.nb").

    Segments are paragraphs of their group, in file order; the file's translation units become the
    document's aligned pairs (DocumentMeta.extra["aligned_pairs"], character spans into the text).
    """
    from viewer.core.align.tmx import TmxError, language_pair, parse_tmx

    try:
        units, warnings = parse_tmx(data, name)
    except TmxError as exc:
        raise Unusable(str(exc).removeprefix(f"{name}: ")) from None
    langs = language_pair(units)
    if not langs:
        raise Unusable("the TMX file holds no translation units with text")
    others = sorted({lang for u in units for lang in u.segments} - set(langs))
    if others:
        warnings.append(f"{name}: only {' and '.join(langs)} were read; also holds {', '.join(others)}")
    pieces: list[str] = []
    pos = 0
    drafts: list[Draft] = []
    spans: dict[str, list[tuple[int, int] | None]] = {lang: [] for lang in langs}
    for lang in langs:
        for unit in units:
            segment = unit.segments.get(lang)
            if segment is None:
                spans[lang].append(None)
                continue
            if pieces:
                pieces.append("\n\n")
                pos += 2
            drafts.append(Draft(pos, pos + len(segment), PassageKind.PARAGRAPH, group=f"tmx.{lang}"))
            spans[lang].append((pos, pos + len(segment)))
            pieces.append(segment)
            pos += len(segment)
    extra: dict[str, Any] = {"format": "tmx", "declared_languages": list(langs)}
    if len(langs) == 2:
        pairs = [[list(a), list(b)] for a, b in zip(spans[langs[0]], spans[langs[1]], strict=True) if a and b]
        extra.update(aligned_pairs=pairs, aligned_languages=list(langs))
    return Extracted("".join(pieces), warnings=warnings, parsed=Parsed(drafts, {}), extra=extra)


EXTRACTORS: dict[str, tuple[str, Callable[[bytes, str], Extracted]]] = {
    ".txt": ("text", extract_text), ".text": ("text", extract_text),
    ".md": ("markdown", extract_text), ".markdown": ("markdown", extract_text),
    ".html": ("html", extract_html), ".htm": ("html", extract_html), ".xhtml": ("html", extract_html),
    ".pdf": ("pdf", extract_pdf), ".docx": ("docx", extract_docx), ".tmx": ("tmx", extract_tmx),
}


__all__ = ["EXTRACTORS", "Extracted", "Unusable", "extract_docx", "extract_html", "extract_pdf", "extract_text",
           "extract_tmx"]
