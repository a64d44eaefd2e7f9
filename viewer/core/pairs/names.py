"""What a file's name and folder say about its language: `report_en.pdf`, `x-nb.docx`, `x.en.txt`,
`Report (English)`, `rapport nynorsk`, `EN_report`, `en/report.txt` - and the name without the hint.

A hint is weak evidence (people name files loosely, and "no" is also a word): the finder uses it
to find candidates and as a small bonus, never as a reason to pair on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

# Whole words that name a language wherever they stand in a name.
_WORDS = {
    "english": "en",
    "engelsk": "en",
    "eng": "en",
    "engl": "en",
    "norsk": "no",
    "norwegian": "no",
    "norweg": "no",
    "nor": "no",
    "norw": "no",
    "bokmål": "nb",
    "bokmal": "nb",
    "bokmaal": "nb",
    "nob": "nb",
    "nynorsk": "nn",
    "nno": "nn",
}
# Short codes: only at the start or the end of a name, or alone in brackets (they are also words).
_CODES = {"en": "en", "gb": "en", "uk": "en", "no": "no", "nb": "nb", "nn": "nn"}
_SPLIT = re.compile(r"[\s._\-+,;~]+|(?<=[a-zæøå])(?=[A-ZÆØÅ])")
_BRACKETED = re.compile(r"[(\[{]\s*([^()\[\]{}]*?)\s*[)\]}]")
_TOKEN = re.compile(r"[^\W_]+")
_KNOWN_SUFFIXES = frozenset(
    {
        ".txt",
        ".md",
        ".markdown",
        ".html",
        ".htm",
        ".pdf",
        ".docx",
        ".tmx",
        ".text",
        ".xhtml",
        ".rst",
        ".odt",
        ".doc",
        ".rtf",
    }
)


@dataclass(frozen=True, slots=True)
class NameHint:
    """The language a name suggests ("en", "nb", "nn", "no" for Norwegian of either form, or None),
    the name's stem without the hint (lowercase words joined by spaces) and the folder the file is in
    (the folder above a language folder such as `en/` or `norsk/`)."""

    lang: str | None
    stem: str
    folder: str


def _stem_of(name: str) -> str:
    """The file name without its format suffix (`x.en.txt` -> `x.en`)."""
    path = PurePath(name)
    return path.stem if path.suffix.lower() in _KNOWN_SUFFIXES else path.name


def _word_lang(token: str, edge: bool) -> str | None:
    low = token.lower()
    if low in _WORDS:
        return _WORDS[low]
    if edge and low in _CODES:
        return _CODES[low]
    return None


def _combine(found: list[str]) -> str | None:
    """One language from several hints: "no" + "nn" is Nynorsk; English and Norwegian together is none."""
    if not found:
        return None
    norwegian = {lang for lang in found if lang != "en"}
    if "en" in found and norwegian:
        return None  # "english-norsk glossary": a bilingual name says nothing about either file
    if "en" in found:
        return "en"
    specific = norwegian - {"no"}
    return specific.pop() if len(specific) == 1 else ("no" if norwegian == {"no"} else None)


def name_hint(path: PurePath | str | None, fallback_name: str = "") -> NameHint:
    """The language hint, stem and folder of a document's path (or of `fallback_name`, its id)."""
    if path is None:
        pure = PurePath(fallback_name)
    else:
        pure = PurePath(path)
    stem = _stem_of(pure.name)
    found: list[str] = []
    rest = stem
    for match in _BRACKETED.finditer(stem):
        inner = match.group(1)
        words = _TOKEN.findall(inner)
        langs = [lang for w in words if (lang := _word_lang(w, True))]
        if langs and len(langs) == len(words):
            found.extend(langs)
            rest = rest.replace(match.group(0), " ")
    tokens = [t for t in _SPLIT.split(re.sub(r"[()\[\]{}]", " ", rest)) if t]
    kept: list[str] = []
    for i, token in enumerate(tokens):
        edge = i in (0, len(tokens) - 1)
        lang = _word_lang(token, edge)
        if lang is not None:
            found.append(lang)
        else:
            kept.append(token.lower())
    folder = pure.parent
    parent_lang = _word_lang(folder.name, True) if folder.name else None
    if parent_lang is not None:
        found.append(parent_lang)
        folder = folder.parent
    return NameHint(_combine(found), " ".join(kept), str(folder))


def hint_agrees(hint: str | None, lang: str) -> bool | None:
    """Whether a name's hint agrees with a text's language (None: no hint)."""
    if hint is None:
        return None
    if hint == "no":
        return lang in ("nb", "nn")
    return hint == lang
