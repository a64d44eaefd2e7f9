"""Cues in a text that are not n-grams: function words of one language only, and where the evidence
is thin (names, acronyms, text written in capitals), so that `identify` can read it differently.
"""

from __future__ import annotations

from viewer.core.language import nbnn, scan

# Function words of one language only: "to" (two), "for", "by" (town) and "be" (ask) are Norwegian
# words too and vote for neither. "at" is in both lists, so it cancels out.
EN_WORDS = frozenset(
    "the and of is are was were with that this you your it its on an as from which"
    " can will not have has been these those their they we our or at into such when what how"
    " should would there than also".split()
)
NO_WORDS = frozenset(
    "og i er det som på til av med ikke ikkje å at den har vil skal dei seg eller men så også"
    " ved fra frå blir vert kan du eg jeg vi ein eit en et om var hjå hos dette denne".split()
)
CAPITAL_LETTERS = 12  # letters in capitalised words from which a text counts as written in capitals


def looks_like_name(word: str) -> bool:
    """Capitalised and not a function word of either language (so not 'The' or 'Hei')."""
    low = word.lower()
    return word[0].isupper() and low not in EN_WORDS and low not in NO_WORDS and not nbnn.word_points(low)


def in_capitals(raw: list[str]) -> bool:
    """Whether most words are written in capitals, with letters enough not to be a row of acronyms."""
    capitals = [w for w in raw if len(w) > 1 and w.isupper()]
    return len(capitals) >= 0.6 * len(raw) and sum(map(len, capitals)) >= CAPITAL_LETTERS


def opens_with_name(parts: list[scan.Chunk], words: list[str]) -> bool:
    """Whether the text's first word is capitalised and known to neither function-word list nor the
    Bokmål/Nynorsk vote (so it may be a name: Kari, Bergen, Equinor)."""
    first = parts[0].raw[:1] if parts else ()
    if not first:
        first = next((c.raw[:1] for c in parts if c.raw), ())
    return bool(first) and first[0][0].isupper() and first[0].lower() == words[0] and looks_like_name(first[0])
