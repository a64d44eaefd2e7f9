"""Generic drafting: `Draft` spans and `Parsed` results, line and block scanning, and the plain parser.

Every document-kind parser (`viewer.core.corpus.sources`) builds on these; `parse_plain` is the
fallback for text with no known source structure (plain text, Markdown, imported files).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from viewer.core.corpus.model import PassageKind as K
from viewer.core.corpus.noise import is_noise


@dataclass(frozen=True)
class Draft:
    start: int
    end: int
    kind: K
    low_value: bool = False
    label: str = ""
    group: str = ""
    bilingual: bool = False  # a field that may hold two languages one after the other
    glosses: tuple[tuple[int, int], ...] = ()


@dataclass
class Parsed:
    drafts: list[Draft]
    meta: dict[str, Any] = field(default_factory=dict)


Span = tuple[int, int]


# A line's text without the whitespace around it: from its first non-blank character to its last
# (neither class holds "\n", so a match never leaves its line, and a blank line has none).
_LINE = re.compile(r"\S(?:[^\n]*\S)?")


def lines(text: str, start: int = 0, end: int | None = None) -> Iterator[Span]:
    """Non-blank lines in text[start:end] as spans stripped of surrounding whitespace (str.isspace's,
    which is the pattern's \\s)."""
    for m in _LINE.finditer(text, start, len(text) if end is None else end):
        yield m.span()


def strip_span(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def blocks(text: str, start: int = 0, end: int | None = None) -> list[list[Span]]:
    """Runs of consecutive non-blank lines (blank-line separated blocks), as lists of line spans."""
    out: list[list[Span]] = []
    current: list[Span] = []
    last_end = None
    for span in lines(text, start, end):
        if last_end is not None and _blank_between(text, last_end, span[0]):
            out.append(current)
            current = []
        current.append(span)
        last_end = span[1]
    if current:
        out.append(current)
    return out


def _blank_between(text: str, a: int, b: int) -> bool:
    return text.count("\n", a, b) >= 2


# --- bullets, headings and noise (shared by the plain parser and the source parsers) ------------

BULLET = re.compile(r"^(?:[-•●▪◦*−–]\s*(?:>\s*)?|>\s+|\d{1,2}\.\s+)")
_BULLET_AT = re.compile(BULLET.pattern[1:])  # matched at a line's start in the whole text (no slice)


def bullet_items(text: str, block: list[Span]) -> list[Span]:
    """The block's list items: a bulleted line starts one, an unbulleted line continues the last."""
    items: list[list[int]] = []
    for s, e in block:
        if _BULLET_AT.match(text, s, e) or not items:
            items.append([s, e])
        else:
            items[-1][1] = e
    return [(s, e) for s, e in items]


def classified(text: str, s: int, e: int, kind: K) -> Draft:
    """A draft of `kind`, unless the span is noise or a paragraph or list item that reads as a heading."""
    if is_noise(text[s:e]):
        return Draft(s, e, K.NOISE, low_value=True)
    if kind in (K.PARAGRAPH, K.LIST_ITEM) and is_heading(text[s:e]):
        return Draft(s, e, K.HEADING)
    return Draft(s, e, kind)


def is_heading(line: str) -> bool:
    """A short line with no sentence-final punctuation that starts with a capital letter."""
    return (  # the cheap tests first; at most 13 words are split off to count them
        line[:1].isupper()
        and "\n" not in line
        and not line.rstrip().endswith((".", "?", "!", ":", ";", ",", "»", '"', ")"))
        and 0 < len(line.split(None, 12)) <= 12
    )


# --- plain text and Markdown -------------------------------------------------------------------


def parse_plain(text: str) -> Parsed:
    """Generic paragraphs: blank-line separated blocks; short capitalised lines are headings."""
    drafts: list[Draft] = []
    title = ""
    for block in blocks(text):
        s, e = block[0][0], block[-1][1]
        first = text[block[0][0] : block[0][1]]
        if first.startswith("#"):
            heading_end = block[0][1]
            drafts.append(Draft(s, heading_end, K.TITLE if not title else K.HEADING))
            title = title or first.lstrip("# ").strip()
            if len(block) > 1:
                drafts.append(classified(text, block[1][0], e, K.PARAGRAPH))
            continue
        if not title and len(block) == 1 and is_heading(first):
            title = first
            drafts.append(Draft(s, e, K.TITLE))
            continue
        if any(_BULLET_AT.match(text, ls, le) for ls, le in block):
            drafts.extend(classified(text, bs, be, K.LIST_ITEM) for bs, be in bullet_items(text, block))
            continue
        drafts.append(classified(text, s, e, K.PARAGRAPH))
    return Parsed(drafts, {"title": title} if title else {})
