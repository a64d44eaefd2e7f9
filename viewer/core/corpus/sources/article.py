"""The journal article: title, author bullets, keywords, then sections (abstract, references, biographies).

References keep the spans of the English glosses in brackets after a Norwegian title.
"""

from __future__ import annotations

import re

from viewer.core.corpus.drafts import Draft, Parsed, Span, blocks
from viewer.core.corpus.model import PassageKind as K
from viewer.core.corpus.noise import is_noise

_ARTICLE_SECTIONS = {
    "abstract": K.ABSTRACT,
    "sammendrag": K.ABSTRACT,
    "author biographies": K.BIOGRAPHY,
    "references": K.REFERENCE,
    "referanser": K.REFERENCE,
    "litteratur": K.REFERENCE,
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
        before = text[max(start, match.start() - 120) : match.start()]
        if _has_norwegian_letters_or_words(before) and not _has_norwegian_letters_or_words(match.group(1)):
            out.append((match.start(1), match.end(1)))
    return tuple(out)


_NO_WORDS = re.compile(
    r"\b(?:og|for|av|med|til|i|på|om|ikke|ikkje|en|et|ei|mellom|som|ved|fra|frå|barn|tjenester|"
    r"undersøkelse|rapport|arbeid)\b",
    re.IGNORECASE,
)


def _has_norwegian_letters_or_words(s: str) -> bool:
    return bool(re.search(r"[æøåÆØÅ]", s)) or len(_NO_WORDS.findall(s)) >= 2
