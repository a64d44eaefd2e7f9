"""The news article: publication line (date, byline), image caption, headline, quotes and list items."""

from __future__ import annotations

import re
from typing import Any

from viewer.core.corpus.drafts import Draft, Parsed, is_heading, lines
from viewer.core.corpus.model import PassageKind as K
from viewer.core.corpus.sources.project_page import PAGE_CHROME

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
        elif any(low.startswith(c) for c in PAGE_CHROME):
            drafts.append(Draft(s, e, K.CHROME, low_value=True))
        elif (
            not seen_title
            and is_heading(line)
            and i + 1 < len(all_lines)
            and is_heading(text[slice(*all_lines[i + 1])])
        ):
            drafts.append(Draft(s, e, K.CAPTION))  # image description above the headline
        elif not seen_title and is_heading(line):
            seen_title = True
            drafts.append(Draft(s, e, K.TITLE))
        elif _DASH_QUOTE.match(line):
            drafts.append(Draft(s, e, K.QUOTE))
        elif line.startswith(("•", "●")) or re.match(r"^\d{1,2}\.\s", line):
            drafts.append(Draft(s, e, K.LIST_ITEM))
        elif is_heading(line):
            drafts.append(Draft(s, e, K.HEADING))
        else:
            drafts.append(Draft(s, e, K.PARAGRAPH))
    return Parsed(drafts, meta)
