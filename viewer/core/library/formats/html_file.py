"""HTML pages: the visible text (no scripts, styles, navigation, page header or footer) as Markdown-like text."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from viewer.core.corpus.textio import decode_bytes
from viewer.core.errors import CorpusError
from viewer.core.library.formats.extracted import Extracted, Unusable

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
