"""Bracketed glosses in another language inside a passage: `Tittel på norsk [English gloss]` in a
Norwegian reference, or `[Norsk tittel]` in an English one.

The index puts such a span in the analysed field of its own language (and takes it out of the
passage's), so an English query meets an English gloss as an English match, and a hit whose
matches lie mostly in a gloss shows the gloss's language. The test is by function words: a gloss
needs more of one language's stop words than of the other's (at least one), so names, years and
single words in brackets stay with the passage.
"""

from __future__ import annotations

import re

from viewer.core.language import nbnn
from viewer.core.search.analysis import english_stop_words, norwegian_stop_words

GLOSS = re.compile(r"\[([^\[\]\n]{8,400})\]")
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
MIN_WORDS = 3

Span = tuple[int, int, str]  # (start, end, lang) within the passage text


def gloss_spans(text: str, lang: str) -> list[Span]:
    """The bracketed spans of `text` (a passage labelled `lang`) written in another language."""
    if lang not in ("en", "nb", "nn") or "[" not in text:
        return []
    out = []
    for m in GLOSS.finditer(text):
        words = [w.lower() for w in WORD.findall(m.group(1))]
        if len(words) < MIN_WORDS:
            continue
        en = sum(w in english_stop_words() and w not in norwegian_stop_words() for w in words)
        no = sum(w in norwegian_stop_words() and w not in english_stop_words() for w in words)
        if lang != "en" and en > no:
            out.append((m.start(1), m.end(1), "en"))
        elif lang == "en" and no > en:
            points, _informative = nbnn.score(words)
            out.append((m.start(1), m.end(1), "nn" if points > 0 else "nb"))
    return out


def split_text(text: str, spans: list[Span]) -> tuple[str, str]:
    """(the passage's own-language text, the glosses' text): each with the other's characters blanked,
    so offsets stay those of the passage."""
    own, other = list(text), [" "] * len(text)
    for s, e, _lang in spans:
        other[s:e] = text[s:e]
        own[s:e] = " " * (e - s)
    return "".join(own), "".join(other)


def language_of_matches(lang: str, spans: list[Span], matches: list[tuple[int, int]]) -> str:
    """The language to show for a hit: a gloss's when most matches lie in glosses of that language
    (an English query meeting the English gloss and an English journal name in a Norwegian reference)."""
    if not spans or not matches:
        return lang
    votes = {lang: 0}
    for s, e in matches:
        inside = next((g[2] for g in spans if g[0] <= s and e <= g[1]), lang)
        votes[inside] = votes.get(inside, 0) + 1
    best = max(votes, key=lambda k: (votes[k], k == lang))
    return best
