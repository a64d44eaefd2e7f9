"""The research-council project page: `Label: value` lines become metadata, site chrome is marked."""

from __future__ import annotations

from typing import Any

from viewer.core.corpus.drafts import Draft, Parsed, is_heading, lines
from viewer.core.corpus.model import PassageKind as K

# Site navigation and widgets (also on the news pages of the same sites, see `sources.news`).
PAGE_CHROME = (
    "tilbake til søkeresultatene",
    "publikasjoner hentet fra cristin",
    "ingen publikasjoner funnet",
    "budsjettformål",
    "back to search results",
    "laster inn",
    "kontakt",
    "skriv her for å søke",
)


def parse_project_page(text: str) -> Parsed:
    drafts: list[Draft] = []
    meta: dict[str, Any] = {}
    for s, e in lines(text):
        line = text[s:e]
        low = line.lower()
        if any(low.startswith(c) for c in PAGE_CHROME):
            drafts.append(Draft(s, e, K.CHROME, low_value=True))
        elif ":" in line[:30] and (len(line) < 60 or (len(line) < 200 and not line.endswith("."))):
            label, value = line.split(":", 1)
            meta[label.strip().lower()] = value.strip()
            drafts.append(Draft(s, e, K.METADATA, label=label.strip()))
        elif is_heading(line):
            drafts.append(Draft(s, e, K.HEADING))
        else:
            drafts.append(Draft(s, e, K.PARAGRAPH))
    return Parsed(drafts, meta)
