"""Layout-noise detection: OCR junk, page numbers, stray symbols, screenshot furniture.

Noise is kept in the document (offsets stay exact) but marked low-value so it never ranks high
and the reader can dim it.
"""

from __future__ import annotations

import re
import unicodedata

# Words that are screenshot or web-page furniture when they stand alone on a line.
_FURNITURE = {
    "advertisement",
    "annonse",
    "thumbnail",
    "skriv her for å søke",
    "laster inn ...",
    "laster inn",
    "original article",
    "meny",
    "menu",
    "del",
    "share",
    "print",
    "skriv ut",
}
_CHECKBOXES = "□☐🗆🛛🔲■▢"
_LONGEST_FURNITURE = max(map(len, _FURNITURE))  # (lowercasing never shortens a text)
# The letters counted are [A-Za-zÀ-ÖØ-öø-ÿ], all of them in Latin-1: a text encoded to Latin-1
# (dropping what lies beyond it) loses none of them, and its bytes that are no such letter are
# deleted in C, without a regular expression (seven times faster on every paragraph).
_LETTER_BYTES = {*range(0x41, 0x5B), *range(0x61, 0x7B), *range(0xC0, 0xD7), *range(0xD8, 0xF7), *range(0xF8, 0x100)}
_NOT_LETTER = bytes(b for b in range(256) if b not in _LETTER_BYTES)


def is_noise(text: str) -> bool:
    """True for a line or block that carries no readable content."""
    stripped = text.strip()
    if not stripped:
        return True
    if len(stripped) <= _LONGEST_FURNITURE and stripped.lower() in _FURNITURE:
        return True
    latin = stripped.encode("latin-1", "ignore")
    letters = len(latin.translate(None, _NOT_LETTER))
    if letters < 3:
        return True  # "63", "[7]", "*", "9°C", ", 長"
    # Checkboxes, CJK, kana and Hangul all lie beyond Latin-1 (and CJK from U+1100 on): Latin text
    # skips the per-character look-up.
    wide = len(latin) < len(stripped)
    if wide and letters < 20 and max(stripped) >= "\u1100" and any(_is_cjk(c) for c in stripped):
        return True
    if wide and sum(stripped.count(box) for box in _CHECKBOXES) >= 2:
        return True  # a scanned form's fields: "□ Ja □ Delt 50/50 □ Ne"
    # Symbol soup: fewer letters than half the visible characters (never so when they are half the
    # text's characters), and fewer letters and digits together.
    if 2 * letters < len(stripped):
        visible = len("".join(stripped.split()))  # split() cuts at exactly the characters isspace() names
        if 2 * letters < visible and (letters + sum(map(str.isdigit, stripped))) / visible < 0.5:
            return True
    if len(stripped) <= 6:
        words = re.findall(r"[^\W\d_]+", stripped)
        if len(words) == 1 and words[0].isupper() and len(words[0]) <= 4:
            return True  # a truncated capitalised fragment like "REFE" (acronyms in text are fine)
    return False


def _is_cjk(char: str) -> bool:
    return unicodedata.name(char, "").startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL"))
