"""Citations and human locations: one function cites a document for copying in the reader and for
every export, so both read the same; where a quote is, said as a reader would find it again (its
section and paragraph), never as an internal id.

The words are passed in (`CiteWords`): the export writes English, the app its UI language.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePath

from viewer.core.corpus.markup import plain
from viewer.core.corpus.model import Document, DocumentMeta, Passage, PassageKind

_URL = re.compile(r"https?://[^\s<>\"()]+")
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s<>\"()]+)")
_TRAILING = ".,;:"
SECTION_CHARS = 60  # a section heading longer than this is cut with an ellipsis
# Passages a reader counts as paragraphs; headings, metadata and page furniture are not counted.
_NOT_PARAGRAPHS = {
    PassageKind.TITLE,
    PassageKind.HEADING,
    PassageKind.METADATA,
    PassageKind.CHROME,
    PassageKind.NOISE,
}


def _default_group(group: str) -> str:
    base, _, lang = group.partition(".")
    return f"{base.capitalize()} ({lang})" if lang else base.capitalize()


@dataclass(frozen=True)
class CiteWords:
    """The few words a citation or a location needs, in one language (English by default)."""

    paragraph: str = "paragraph {n}"
    untitled: str = "Untitled"
    group: Callable[[str], str] = field(default=_default_group)  # "abstract.en" -> "Abstract (en)"


ENGLISH = CiteWords()


@dataclass(frozen=True, slots=True)
class Location:
    """Where a quote is: the section it falls in (a heading's text or a field group) and the
    number of its paragraph there (1-based; None for a heading or a metadata field)."""

    section: str = ""
    group: str = ""
    paragraph: int | None = None


def source_link(meta: DocumentMeta) -> str:
    """The handle, DOI or URL of a document: from `extra` first, else found in the provenance text."""
    for key in ("doi", "handle", "url", "uri"):
        value = meta.extra.get(key)
        if isinstance(value, str) and value.strip():
            return _as_link(value.strip())
    url = _URL.search(meta.provenance or "")
    if url:
        return url.group(0).rstrip(_TRAILING)
    doi = _DOI.search(meta.provenance or "")
    return f"https://doi.org/{doi.group(1).rstrip(_TRAILING)}" if doi else ""


def _as_link(value: str) -> str:
    if value.startswith(("http://", "https://")):
        return value
    doi = _DOI.search(value)
    return f"https://doi.org/{doi.group(1)}" if doi else value


def source_of(meta: DocumentMeta) -> str:
    """What a citation points to: a link, else the file name of an imported file (a full path says
    more about the user's disk than about the source), else nothing."""
    link = source_link(meta)
    if link:
        return link
    provenance = meta.provenance.strip()
    if provenance.startswith(("/", "~")) or re.match(r"^[A-Za-z]:[\\/]", provenance):
        return PurePath(provenance.replace("\\", "/")).name
    return ""


def cite(meta: DocumentMeta, *, where: str = "", words: CiteWords = ENGLISH, emphasis: str = "") -> str:
    """`Authors (year). Title, where. source`, leaving out what is not known: no "Unknown author",
    no "n.d.", no doubled dots. `emphasis` wraps the title (`*` for Markdown)."""
    title = meta.title.strip().rstrip(".") or words.untitled
    authors = "; ".join(a.strip() for a in meta.authors if a.strip())
    head = ""
    if authors:
        head = f"{authors} ({meta.year}). " if meta.year else f"{authors.rstrip('.')}. "
    title_part = f"{emphasis}{title}{emphasis}"
    if meta.year and not authors:
        title_part += f" ({meta.year})"
    if where:
        title_part += f", {where}"
    source = source_of(meta)
    return f"{head}{title_part}." + (f" {source}" if source and source != title else "")


def locate(document: Document, start: int, end: int | None = None) -> Location:
    """The section and paragraph of the first passage that the range [start, end) touches."""
    end = start + 1 if end is None or end <= start else end
    passages = document.passages
    index = next((i for i, p in enumerate(passages) if p.start < end and start < p.end), None)
    if index is None:
        index = next((i for i, p in enumerate(passages) if p.start >= start), None)
    if index is None:
        return Location()
    passage = passages[index]
    if passage.group:
        members = [p for p in passages[: index + 1] if p.group == passage.group and _counts(p)]
        return Location(group=passage.group, paragraph=len(members) if _counts(passage) else None)
    section, first = "", 0
    for i in range(index, -1, -1):
        if passages[i].kind is PassageKind.HEADING and i != index:
            section, first = _heading(passages[i]), i + 1
            break
    if not _counts(passage):
        return Location(section=_heading(passage) if passage.kind is PassageKind.HEADING else section)
    number = sum(1 for p in passages[first : index + 1] if _counts(p) and not p.group)
    return Location(section=section, paragraph=number)


def _counts(passage: Passage) -> bool:
    return not passage.low_value and passage.kind not in _NOT_PARAGRAPHS


def _heading(passage: Passage) -> str:
    text = " ".join(plain(passage.text).split())
    return text if len(text) <= SECTION_CHARS else text[: SECTION_CHARS - 1].rstrip() + "…"


def location_text(location: Location, words: CiteWords = ENGLISH) -> str:
    """`“Section”, paragraph 3` / `Abstract (en), paragraph 1` / `paragraph 12` / `` (nothing known)."""
    parts = []
    if location.group:
        parts.append(words.group(location.group))
    elif location.section:
        parts.append(f"“{location.section}”")
    if location.paragraph is not None:
        parts.append(words.paragraph.format(n=location.paragraph))
    return ", ".join(parts)
