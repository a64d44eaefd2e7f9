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


def is_noise(text: str) -> bool:
    """True for a line or block that carries no readable content."""
    stripped = text.strip()
    if not stripped:
        return True
    if stripped.lower() in _FURNITURE:
        return True
    letters = len(_LATIN_LETTER.findall(stripped))
    visible = sum(1 for c in stripped if not c.isspace())
    if letters < 3:
        return True  # "63", "[7]", "*", "9°C", ", 長"
    if any(_is_cjk(c) for c in stripped) and letters < 20:
        return True
    if sum(stripped.count(box) for box in _CHECKBOXES) >= 2:
        return True  # a scanned form's fields: "□ Ja □ Delt 50/50 □ Ne"
    digits = sum(1 for c in stripped if c.isdigit())
    if (letters + digits) / visible < 0.5:
        return True  # symbol soup
    words = re.findall(r"[^\W\d_]+", stripped)
    if len(words) == 1 and words[0].isupper() and len(words[0]) <= 4 and len(stripped) <= 6:
        return True  # a truncated capitalised fragment like "REFE" (acronyms in text are fine)
    return False


def _is_cjk(char: str) -> bool:
    return unicodedata.name(char, "").startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL"))
