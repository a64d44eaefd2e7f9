"""HTML as a stream of start tags, end tags and text, in one linear pass.

Replaces `html.parser` for imports: on hostile pages it rescans the rest of the document from
every "<" (an unclosed comment, "<p <p <p ...": minutes for a megabyte). Here every piece of
markup is matched once by a pattern that cannot run past the next unquoted "<" or ">", so the work
is linear in the page. On well-formed pages the events are html.parser's (lower-case names,
unescaped text and attribute values, `<script>` and `<style>` content as raw text, `<br/>` as a
start and an end); malformed markup is read as a browser would rather than as html.parser does:
an unclosed comment runs to the end of the page, and a "<" that starts no tag is text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

_MARKUP = re.compile(
    r"""<!--.*?(?:--\s*>|\Z)                            # a comment; an unclosed one runs to the end
      | <!\[CDATA\[.*?(?:\]\]>|\Z)                       # a CDATA section (not text in HTML)
      | <(?P<end>/)?(?P<name>[a-zA-Z][^\t\n\r\f\x20/><\x00]*+)
        (?P<rest>(?:[^<>"']++|"[^"]*+"|'[^']*+')*+)>     # a tag: attributes up to the first unquoted ">"
      | <[!?/][^<>]*+>                                   # a declaration, processing instruction, bogus tag
    """,
    re.DOTALL | re.VERBOSE,
)
_ATTR = re.compile(r"""([^\s/>=][^\s/>=]*+)(?:\s*=+\s*('[^']*+'|"[^"]*+"|(?!['"])[^>\s]*+))?""")
_RAW_TEXT = ("script", "style")  # their content is not markup: it runs to the closing tag

Attrs = list[tuple[str, str | None]]


def events(text: str) -> Iterator[tuple[str, str, Attrs]]:
    """("start" | "end" | "data", tag name or text, attributes) in document order."""
    pos = data_start = 0
    while True:
        lt = text.find("<", pos)
        if lt < 0:
            break
        m = _MARKUP.match(text, lt)
        if m is None:  # a "<" that starts nothing: text
            pos = lt + 1
            continue
        if lt > data_start:
            yield "data", html.unescape(text[data_start:lt]), []
        pos = data_start = m.end()
        name = m.group("name")
        if name is None:
            continue  # comments, declarations: nothing to read
        name = name.lower()
        if m.group("end"):
            yield "end", name, []
            continue
        rest = m.group("rest")
        yield "start", name, _attributes(rest)
        if rest.endswith("/"):
            yield "end", name, []
        elif name in _RAW_TEXT:
            close = re.compile(rf"</\s*{name}\s*>", re.IGNORECASE).search(text, pos)
            if close is None:
                return  # unclosed: the rest of the page is its content (html.parser drops it too)
            if close.start() > pos:
                yield "data", text[pos : close.start()], []
            yield "end", name, []
            pos = data_start = close.end()
    if data_start < len(text):
        yield "data", html.unescape(text[data_start:]), []


def _attributes(rest: str) -> Attrs:
    out: Attrs = []
    for m in _ATTR.finditer(rest):
        value = m.group(2)
        if value is not None:
            if value[:1] in ("'", '"') and value[-1:] == value[:1] and len(value) > 1:
                value = value[1:-1]
            value = html.unescape(value) if value else value
        out.append((m.group(1).lower(), value))
    return out


__all__ = ["events"]
