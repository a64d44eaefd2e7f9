"""HTML pages: the visible text (no scripts, styles, navigation, page header or footer) as Markdown-like text.

The page is decoded by its byte-order mark, else by its declared character set when that is a
real one and fits the bytes (a page that declares UTF-16 but is ASCII-compatible text is not
UTF-16), else as UTF-8 (or a legacy encoding); a declaration that was not followed is a warning.
The markup is read in one linear pass (`html_tokens`), whatever the page holds.
"""

from __future__ import annotations

import codecs
import logging
import re
from collections import Counter

from viewer.core.corpus.textio import decode_bytes
from viewer.core.errors import CorpusError
from viewer.core.library.formats.extracted import Extracted, Unusable
from viewer.core.library.formats.html_tokens import Attrs, events

log = logging.getLogger(__name__)

_SKIP = {
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "math",
    "nav",
    "aside",
    "footer",
    "form",
    "button",
    "select",
    "iframe",
    "object",
    "canvas",
    "head",
}
_BLOCK = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "table",
    "tr",
    "ul",
    "ol",
    "dl",
    "dd",
    "dt",
    "figure",
    "figcaption",
    "address",
    "hr",
    "br",
    "td",
    "th",
    "caption",
    "details",
    "summary",
    "body",
}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.IGNORECASE)
_HEADING = re.compile(r"h[1-6]")
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)  # UTF-32 LE starts as UTF-16 LE
_NOT_PAGE_ENCODINGS = {"undefined", "unicode_escape", "raw_unicode_escape", "punycode", "idna", "utf_7"}


class _VisibleText:
    """Collects the text a reader sees: no scripts, styles, navigation, page header or footer."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.prefix = ""
        self.skip: list[str] = []  # open elements whose content is dropped
        self.skipping: Counter[str] = Counter()  # the same, counted (a deep stack is searched in O(1))
        self.in_title = False
        self.title: list[str] = []
        self.content_depth = 0  # inside <article> or <main>, a <header> is the article's own heading

    def feed(self, text: str) -> None:
        for kind, value, attrs in events(text):
            if kind == "data":
                self.handle_data(value)
            elif kind == "start":
                self.handle_starttag(value, attrs)
            else:
                self.handle_endtag(value)

    def handle_starttag(self, tag: str, attrs: Attrs) -> None:
        if tag in _VOID:
            if tag in ("br", "hr"):
                self._flush()
            return
        if tag == "title":
            self.in_title = True
            return
        attributes = dict(attrs)
        hidden = (
            "hidden" in attributes
            or attributes.get("aria-hidden") == "true"
            or attributes.get("role") in ("navigation", "banner", "contentinfo")
        )
        if self.skip or tag in _SKIP or hidden or (tag == "header" and not self.content_depth):
            self.skip.append(tag)
            self.skipping[tag] += 1
            return
        if tag in ("article", "main"):
            self.content_depth += 1
        if tag in _BLOCK or _HEADING.fullmatch(tag) or tag == "li":
            self._flush()
        if _HEADING.fullmatch(tag):
            self.prefix = "# "
        elif tag == "li":
            self.prefix = "- "

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
            return
        if self.skip:
            if self.skipping[tag]:
                while self.skip:  # tolerate unclosed children
                    popped = self.skip.pop()
                    self.skipping[popped] -= 1
                    if popped == tag:
                        break
            return
        if tag in ("article", "main"):
            self.content_depth = max(0, self.content_depth - 1)
        if tag in _BLOCK or _HEADING.fullmatch(tag) or tag == "li":
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
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
    text, warnings = _decode(data, name)
    parser = _VisibleText()
    parser.feed(text)
    title = " ".join("".join(parser.title).split())
    body = parser.result()
    if title and not body.startswith("# "):
        body = f"# {title}\n\n{body}"
    return Extracted(body, title=title, warnings=warnings)


def _decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """The page's text: by its byte-order mark, else its declared character set when that is real and
    fits, else as UTF-8 (or a legacy encoding); a declaration not followed is a warning."""
    declared = None if data.startswith(_BOMS) else _CHARSET.search(data[:4096])
    notes: list[str] = []
    if declared:
        label = declared.group(1).decode("ascii", errors="replace")
        try:
            info = codecs.lookup(label)
            known = getattr(info, "_is_text_encoding", True) and info.name.replace("-", "_") not in _NOT_PAGE_ENCODINGS
        except LookupError:
            known = False
        if not known:
            notes.append(f"{name}: the page declares an unknown character set {label!r}; read as UTF-8")
        elif info.name.startswith(("utf-16", "utf-32")):
            # The declaration was found as ASCII text, so the page is not UTF-16 (or it would have NUL
            # bytes between the letters); browsers read such a page as UTF-8 too.
            nul = "" if b"\x00" in data[:4096] else ", no NUL bytes"
            notes.append(
                f"{name}: the page declares the character set {label!r}, but it has no byte-order "
                f"mark{nul}; read as UTF-8"
            )
        else:
            try:
                return data.decode(info.name), []
            except UnicodeError as exc:
                if info.name == "utf-8":  # decode_bytes says what it did instead
                    return _fallback(data, name, [])
                at = f" (first bad byte at {exc.start})" if isinstance(exc, UnicodeDecodeError) else ""
                log.info("%s: declared %s does not fit: %s", name, label, exc)
                notes.append(
                    f"{name}: the page declares the character set {label!r}, but its bytes are not "
                    f"{label}{at}; read as UTF-8"
                )
    return _fallback(data, name, notes)


def _fallback(data: bytes, name: str, notes: list[str]) -> tuple[str, list[str]]:
    try:
        text, warnings = decode_bytes(data, name)
    except CorpusError:
        raise Unusable("looks like a binary file, not HTML") from None
    return text, notes + warnings
