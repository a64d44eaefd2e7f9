"""The thesis record: a DSpace "full item" page, its glued Dublin Core lines read into fields.

The abstract and title become passages; the other fields become metadata drafts and document meta.
"""

from __future__ import annotations

import re
from typing import Any

from viewer.core.corpus.drafts import Draft, Parsed, lines, strip_span
from viewer.core.corpus.model import PassageKind as K

# DSpace Dublin Core qualifiers; the page glues field name and value together, so the longest
# known qualifier decides where the name ends ("dc.identifier.urihttps://..." -> uri).
_DC_ELEMENTS = (
    "contributor",
    "coverage",
    "creator",
    "date",
    "description",
    "format",
    "identifier",
    "language",
    "publisher",
    "relation",
    "rights",
    "source",
    "subject",
    "title",
    "type",
)
_DC_QUALIFIERS = (
    "advisor",
    "author",
    "editor",
    "illustrator",
    "other",
    "accessioned",
    "available",
    "copyright",
    "created",
    "issued",
    "submitted",
    "updated",
    "citation",
    "govdoc",
    "isbn",
    "issn",
    "sici",
    "ismn",
    "uri",
    "doi",
    "abstract",
    "provenance",
    "sponsorship",
    "statementofresponsibility",
    "tableofcontents",
    "version",
    "extent",
    "medium",
    "mimetype",
    "iso",
    "ispartofseries",
    "ispartof",
    "haspart",
    "hasversion",
    "isbasedon",
    "isformatof",
    "isreferencedby",
    "isreplacedby",
    "isversionof",
    "replaces",
    "requires",
    "pagenumber",
    "classification",
    "ddc",
    "lcc",
    "lcsh",
    "mesh",
    "alternative",
    "spatial",
    "temporal",
    "embargo",
    "nsi",
    "cristin",
)
# DSpace prints each value's language tag right after it: "Doctoral thesisen_US", "...*".
_DSPACE_LANG_TAG = re.compile(r"(?:[a-z]{2}_[A-Z]{2}|\*)$")
_RECORD_CHROME = (
    "vis enkel innførsel",
    "vis full innførsel",
    "tilhørende fil(er)",
    "thumbnail",
    "denne innførselen finnes i følgende samling(er)",
    "med mindre annet er angitt",
    "show simple item record",
    "show full item record",
    "files in this item",
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
        after = rest[len(element) :]
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
    return name.startswith(
        (
            "dc.date.accessioned",
            "dc.date.available",
            "dc.description.version",
            "dc.language",
            "dc.rights.uri",
            "dc.type",
        )
    )


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
