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
_LATIN_LETTER = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]")
_LATIN_LETTERS = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]+")


def is_noise(text: str) -> bool:
    """True for a line or block that carries no readable content."""
    stripped = text.strip()
    if not stripped:
        return True
    if stripped.lower() in _FURNITURE:
        return True
    # Counted in C-level runs rather than character by character (the same counts; an import calls
    # this on every paragraph).
    letters = sum(map(len, _LATIN_LETTERS.findall(stripped)))
    if letters < 3:
        return True  # "63", "[7]", "*", "9°C", ", 長"
    # (CJK, kana and Hangul all lie from U+1100 on: Latin text skips the per-character look-up.)
    if letters < 20 and max(stripped) >= "\u1100" and any(_is_cjk(c) for c in stripped):
        return True
    if sum(stripped.count(box) for box in _CHECKBOXES) >= 2:
        return True  # a scanned form's fields: "□ Ja □ Delt 50/50 □ Ne"
    visible = len("".join(stripped.split()))  # split() cuts at exactly the characters isspace() names
    if 2 * letters < visible and (letters + sum(map(str.isdigit, stripped))) / visible < 0.5:
        return True  # symbol soup
    if len(stripped) <= 6:
        words = re.findall(r"[^\W\d_]+", stripped)
        if len(words) == 1 and words[0].isupper() and len(words[0]) <= 4:
            return True  # a truncated capitalised fragment like "REFE" (acronyms in text are fine)
    return False


def _is_cjk(char: str) -> bool:
    return unicodedata.name(char, "").startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL"))
