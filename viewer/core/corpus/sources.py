"""Document-kind parsers: turn a raw text into metadata and passage drafts (spans with a kind).

Parsers only find structure; they never guess languages. `corpus.build_document` segments the
drafts into sentences, labels them and splits bilingual fields.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
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


def lines(text: str, start: int = 0, end: int | None = None) -> Iterator[Span]:
    """Non-blank lines in text[start:end] as spans stripped of surrounding whitespace."""
    end = len(text) if end is None else end
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        span = strip_span(text, pos, line_end)
        if span[0] < span[1]:
            yield span
        pos = line_end + 1


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
        if last_end is not None and "\n" in text[last_end:span[0]] and _blank_between(text, last_end, span[0]):
            out.append(current)
            current = []
        current.append(span)
        last_end = span[1]
    if current:
        out.append(current)
    return out


def _blank_between(text: str, a: int, b: int) -> bool:
    return text.count("\n", a, b) >= 2


# --- the thesis record (DSpace "full item" page) ---------------------------------------------

# DSpace Dublin Core qualifiers; the page glues field name and value together, so the longest
# known qualifier decides where the name ends ("dc.identifier.urihttps://..." -> uri).
_DC_ELEMENTS = (
    "contributor", "coverage", "creator", "date", "description", "format", "identifier",
    "language", "publisher", "relation", "rights", "source", "subject", "title", "type",
)
_DC_QUALIFIERS = (
    "advisor", "author", "editor", "illustrator", "other", "accessioned", "available",
    "copyright", "created", "issued", "submitted", "updated", "citation", "govdoc", "isbn",
    "issn", "sici", "ismn", "uri", "doi", "abstract", "provenance", "sponsorship",
    "statementofresponsibility", "tableofcontents", "version", "extent", "medium", "mimetype",
    "iso", "ispartofseries", "ispartof", "haspart", "hasversion", "isbasedon", "isformatof",
    "isreferencedby", "isreplacedby", "isversionof", "replaces", "requires", "pagenumber",
    "classification", "ddc", "lcc", "lcsh", "mesh", "alternative", "spatial", "temporal",
    "embargo", "nsi", "cristin",
)
# DSpace prints each value's language tag right after it: "Doctoral thesisen_US", "...*".
_DSPACE_LANG_TAG = re.compile(r"(?:[a-z]{2}_[A-Z]{2}|\*)$")
_RECORD_CHROME = (
    "vis enkel innførsel", "vis full innførsel", "tilhørende fil(er)", "thumbnail",
    "denne innførselen finnes i følgende samling(er)", "med mindre annet er angitt",
    "show simple item record", "show full item record", "files in this item",
    "this item appears in the following collection(s)",
)


def _dc_field(line: str) -> tuple[str, int] | None:
    """('dc.identifier.uri', length of that name) for a glued DSpace line, else None."""
    if not line.startswith("dc."):
        return None
    rest = line[3:]
    for element in _DC_ELEMENTS:
        if not rest.startswith(element):
            continue
        name = "dc." + element
        after = rest[len(element):]
        if after.startswith("."):
            for qualifier in sorted(_DC_QUALIFIERS, key=len, reverse=True):
                if after[1:].startswith(qualifier):
                    return f"{name}.{qualifier}", len(name) + 1 + len(qualifier)
        return name, len(name)
    return None


def parse_repository_record(text: str) -> Parsed:
    drafts: list[Draft] = []
    fields: dict[str, list[str]] = {}
    for s, e in lines(text):
        line = text[s:e]
        found = _dc_field(line)
        if found is None:
            low = line.lower()
            chrome = any(low.startswith(c) for c in _RECORD_CHROME)
            # The rights statement at the foot repeats dc.rights; keep it, but as chrome.
            drafts.append(Draft(s, e, K.CHROME if chrome or fields else K.HEADING, low_value=True))
            continue
        name, name_len = found
        vs, ve = s + name_len, e
        tag = _DSPACE_LANG_TAG.search(text, vs, ve)
        if tag:
            ve = tag.start()
        vs, ve = strip_span(text, vs, ve)
        value = text[vs:ve]
        fields.setdefault(name, []).append(value)
        if vs >= ve:
            continue
        if name == "dc.description.abstract":
            drafts.append(Draft(vs, ve, K.ABSTRACT, label=name, group="abstract", bilingual=True))
        elif name == "dc.title":
            drafts.append(Draft(vs, ve, K.TITLE, label=name))
        else:
            drafts.append(Draft(vs, ve, K.METADATA, label=name, low_value=_dull_field(name)))
    return Parsed(drafts, _record_meta(fields))


def _dull_field(name: str) -> bool:
    return name.startswith(("dc.date.accessioned", "dc.date.available", "dc.description.version",
                            "dc.language", "dc.rights.uri", "dc.type"))


def _record_meta(fields: dict[str, list[str]]) -> dict[str, Any]:
    def all_(name: str) -> list[str]:
        return fields.get(name, [])

    def one(name: str) -> str:
        values = all_(name)
        return values[0] if values else ""

    issued = one("dc.date.issued")
    pages = one("dc.source.pagenumber")
    return {
        "title": one("dc.title"),
        "authors": all_("dc.contributor.author"),
        "advisors": all_("dc.contributor.advisor"),
        "year": int(issued[:4]) if issued[:4].isdigit() else None,
        "date_issued": issued,
        "isbn": all_("dc.identifier.isbn"),
        "issn": all_("dc.identifier.issn"),
        "handle": one("dc.identifier.uri"),
        "publisher": one("dc.publisher"),
        "series": one("dc.relation.ispartofseries"),
        "licence": one("dc.rights"),
        "licence_uri": one("dc.rights.uri"),
        "type": one("dc.type"),
        "language": one("dc.language.iso"),
        "pages": int(pages) if pages.isdigit() else None,
        "fields": {k: v for k, v in fields.items() if k != "dc.description.abstract"},
    }


# --- slides ------------------------------------------------------------------------------------

_BULLET = re.compile(r"^(?:[-•●▪◦*−–]\s*(?:>\s*)?|>\s+|\d{1,2}\.\s+)")


def parse_slides(text: str) -> Parsed:
    drafts: list[Draft] = []
    section = ""
    for block in blocks(text):
        block_text = text[block[0][0]:block[-1][1]]
        if _is_form_block(text, block):
            drafts.append(Draft(block[0][0], block[-1][1], K.NOISE, low_value=True))
            continue
        if block_text.strip().lower() in {"references", "referanser", "litteratur"}:
            section = "references"
            drafts.append(Draft(block[0][0], block[-1][1], K.HEADING))
            continue
        if any(_BULLET.match(text[s:e]) for s, e in block):
            for s, e in _bullet_items(text, block):
                kind = K.REFERENCE if section == "references" else K.LIST_ITEM
                drafts.append(_classified(text, s, e, kind))
            continue
        for s, e in block if len(block) > 1 and _looks_like_lines(text, block) else [(block[0][0], block[-1][1])]:
            drafts.append(_classified(text, s, e, K.PARAGRAPH))
    return Parsed(drafts)


def _is_form_block(text: str, block: list[Span]) -> bool:
    """A scanned form: tab-separated fields or checkbox glyphs on most lines."""
    formish = sum(1 for s, e in block if "\t" in text[s:e] or any(c in text[s:e] for c in "□🗆🛛🔲☐"))
    return formish >= max(2, len(block) // 2)


def _looks_like_lines(text: str, block: list[Span]) -> bool:
    """Lines that are separate units (slide titles, labels) rather than a wrapped paragraph."""
    return all(not text[s:e].rstrip().endswith((",", ";")) for s, e in block[:-1])


def _bullet_items(text: str, block: list[Span]) -> list[Span]:
    items: list[list[int]] = []
    for s, e in block:
        if _BULLET.match(text[s:e]) or not items:
            items.append([s, e])
        else:
            items[-1][1] = e
    return [(s, e) for s, e in items]


def _classified(text: str, s: int, e: int, kind: K) -> Draft:
    if is_noise(text[s:e]):
        return Draft(s, e, K.NOISE, low_value=True)
    if kind in (K.PARAGRAPH, K.LIST_ITEM) and _is_heading(text[s:e]):
        return Draft(s, e, K.HEADING)
    return Draft(s, e, kind)


def _is_heading(line: str) -> bool:
    """A short line with no sentence-final punctuation that starts with a capital letter."""
    words = line.split()
    return (
        0 < len(words) <= 12
        and line[:1].isupper()
        and not line.rstrip().endswith((".", "?", "!", ":", ";", ",", "»", '"', ")"))
        and "\n" not in line
    )


# --- journal article ---------------------------------------------------------------------------

_ARTICLE_SECTIONS = {
    "abstract": K.ABSTRACT, "sammendrag": K.ABSTRACT, "author biographies": K.BIOGRAPHY,
    "references": K.REFERENCE, "referanser": K.REFERENCE, "litteratur": K.REFERENCE,
}
_ARTICLE_CHROME = {"published", "how to cite", "section", "articles", "downloads", "issue"}
# A bracketed gloss right after a title: "Hvorfor ser vi ikke fattigdommen? [Why don't we ...]".
_GLOSS = re.compile(r"\[([^\[\]]{3,})\]")


def parse_article(text: str) -> Parsed:
    drafts: list[Draft] = []
    section: K | None = None
    first = True
    authors: list[str] = []
    keywords: list[str] = []
    for block in blocks(text):
        for s, e in block:
            line = text[s:e]
            low = line.lower().rstrip(":")
            if first:
                drafts.append(Draft(s, e, K.TITLE))
                first = False
            elif low in _ARTICLE_SECTIONS:
                section = _ARTICLE_SECTIONS[low]
                drafts.append(Draft(s, e, K.HEADING))
            elif low in _ARTICLE_CHROME:
                section = K.CHROME
                drafts.append(Draft(s, e, K.CHROME, low_value=True))
            elif section is None and line.startswith(("•", "●")):
                authors.append(line.lstrip("•● ").strip())
                drafts.append(Draft(s, e, K.AUTHOR))
            elif section is None and low.startswith(("keywords", "nøkkelord", "emneord")):
                keywords = [k.strip() for k in line.split(":", 1)[-1].split(",") if k.strip()]
                drafts.append(Draft(s, e, K.KEYWORDS, label="keywords"))
            elif section is K.REFERENCE:
                drafts.append(Draft(s, e, K.REFERENCE, glosses=reference_glosses(text, s, e)))
            elif section is K.CHROME:
                drafts.append(Draft(s, e, K.CHROME, low_value=True))
            elif section is K.BIOGRAPHY:
                drafts.append(Draft(s, e, K.BIOGRAPHY))
            elif is_noise(line):
                drafts.append(Draft(s, e, K.NOISE, low_value=True))
            else:
                kind = K.ABSTRACT if section is K.ABSTRACT else K.PARAGRAPH
                drafts.append(Draft(s, e, kind, group="abstract" if kind is K.ABSTRACT else ""))
    return Parsed(drafts, {"authors": [a.split(",")[0].strip() for a in authors], "keywords": keywords})


def reference_glosses(text: str, start: int, end: int) -> tuple[Span, ...]:
    """Spans (inside the brackets) of English glosses that follow a non-English title."""
    out: list[Span] = []
    for match in _GLOSS.finditer(text, start, end):
        before = text[max(start, match.start() - 120):match.start()]
        if _has_norwegian_letters_or_words(before) and not _has_norwegian_letters_or_words(match.group(1)):
            out.append((match.start(1), match.end(1)))
    return tuple(out)


_NO_WORDS = re.compile(
    r"\b(?:og|for|av|med|til|i|på|om|ikke|ikkje|en|et|ei|mellom|som|ved|fra|frå|barn|tjenester|"
    r"undersøkelse|rapport|arbeid)\b", re.IGNORECASE)


def _has_norwegian_letters_or_words(s: str) -> bool:
    return bool(re.search(r"[æøåÆØÅ]", s)) or len(_NO_WORDS.findall(s)) >= 2


# --- research-council project page -------------------------------------------------------------

_PAGE_CHROME = (
    "tilbake til søkeresultatene", "publikasjoner hentet fra cristin", "ingen publikasjoner funnet",
    "budsjettformål", "back to search results", "laster inn", "kontakt", "skriv her for å søke",
)


def parse_project_page(text: str) -> Parsed:
    drafts: list[Draft] = []
    meta: dict[str, Any] = {}
    for s, e in lines(text):
        line = text[s:e]
        low = line.lower()
        if any(low.startswith(c) for c in _PAGE_CHROME):
            drafts.append(Draft(s, e, K.CHROME, low_value=True))
        elif ":" in line[:30] and (len(line) < 60 or (len(line) < 200 and not line.endswith("."))):
            label, value = line.split(":", 1)
            meta[label.strip().lower()] = value.strip()
            drafts.append(Draft(s, e, K.METADATA, label=label.strip()))
        elif _is_heading(line):
            drafts.append(Draft(s, e, K.HEADING))
        else:
            drafts.append(Draft(s, e, K.PARAGRAPH))
    return Parsed(drafts, meta)


# --- news article ------------------------------------------------------------------------------

_DASH_QUOTE = re.compile(r"^[−–—-]\s")
_PUBLISHED = re.compile(r"^(?:Publisert|Published|Oppdatert)\s*:?\s*(\d{1,2}\.\d{1,2}\.(\d{4}))")


def parse_news(text: str) -> Parsed:
    drafts: list[Draft] = []
    meta: dict[str, Any] = {}
    seen_title = False
    all_lines = list(lines(text))
    for i, (s, e) in enumerate(all_lines):
        line = text[s:e]
        low = line.lower()
        published = _PUBLISHED.match(line)
        if published:
            meta["published"] = published.group(1)
            meta["year"] = int(published.group(2))
            byline = line.split("|", 1)
            if len(byline) == 2:
                meta["authors"] = [byline[1].strip()]
            drafts.append(Draft(s, e, K.METADATA, label="published"))
        elif any(low.startswith(c) for c in _PAGE_CHROME):
            drafts.append(Draft(s, e, K.CHROME, low_value=True))
        elif not seen_title and _is_heading(line) and i + 1 < len(all_lines) and _is_heading(
            text[slice(*all_lines[i + 1])]
        ):
            drafts.append(Draft(s, e, K.CAPTION))  # image description above the headline
        elif not seen_title and _is_heading(line):
            seen_title = True
            drafts.append(Draft(s, e, K.TITLE))
        elif _DASH_QUOTE.match(line):
            drafts.append(Draft(s, e, K.QUOTE))
        elif line.startswith(("•", "●")) or re.match(r"^\d{1,2}\.\s", line):
            drafts.append(Draft(s, e, K.LIST_ITEM))
        elif _is_heading(line):
            drafts.append(Draft(s, e, K.HEADING))
        else:
            drafts.append(Draft(s, e, K.PARAGRAPH))
    return Parsed(drafts, meta)


# --- plain text and Markdown -------------------------------------------------------------------


def parse_plain(text: str) -> Parsed:
    """Generic paragraphs: blank-line separated blocks; short capitalised lines are headings."""
    drafts: list[Draft] = []
    title = ""
    for block in blocks(text):
        s, e = block[0][0], block[-1][1]
        first = text[block[0][0]:block[0][1]]
        if first.startswith("#"):
            heading_end = block[0][1]
            drafts.append(Draft(s, heading_end, K.TITLE if not title else K.HEADING))
            title = title or first.lstrip("# ").strip()
            if len(block) > 1:
                drafts.append(_classified(text, block[1][0], e, K.PARAGRAPH))
            continue
        if not title and len(block) == 1 and _is_heading(first):
            title = first
            drafts.append(Draft(s, e, K.TITLE))
            continue
        if any(_BULLET.match(text[ls:le]) for ls, le in block):
            drafts.extend(_classified(text, bs, be, K.LIST_ITEM) for bs, be in _bullet_items(text, block))
            continue
        drafts.append(_classified(text, s, e, K.PARAGRAPH))
    return Parsed(drafts, {"title": title} if title else {})


PARSERS: dict[str, Callable[[str], Parsed]] = {
    "repository-record": parse_repository_record,
    "slides": parse_slides,
    "article": parse_article,
    "project-page": parse_project_page,
    "news": parse_news,
    "plain": parse_plain,
}
