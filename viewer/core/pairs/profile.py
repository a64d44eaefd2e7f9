"""What the finder knows about one document: its language, the prose in that language, the anchors
that survive translation (numbers, dates, names, acronyms, URLs, e-mails), its lexical keys (with the
bilingual lexicon's translations of English words) and what its name says.

Built once per text, where the document is built (a reader process: `viewer.core.pairs.kept`);
everything here is linear in the text. A profile holds no prose: the alignment check reads it from
the document (`prose`) for the few candidates it checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from viewer.core.align.lexicon import STOP_EN, STOP_NO, normalise
from viewer.core.corpus.model import Document, Passage
from viewer.core.language.labels import Lang
from viewer.core.pairs.names import NameHint, name_hint
from viewer.core.pairs.words import Unit, word_keys

MIN_PROSE = 20  # characters in the document's language: below that there is nothing to pair on
MAX_ALIGN_CHARS = 40_000  # the alignment check reads this much of each side (translations keep order)

_MONTHS = {
    "january": 1,
    "jan": 1,
    "januar": 1,
    "february": 2,
    "feb": 2,
    "februar": 2,
    "march": 3,
    "mar": 3,
    "mars": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "mai": 5,
    "june": 6,
    "jun": 6,
    "juni": 6,
    "july": 7,
    "jul": 7,
    "juli": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
    "desember": 12,
    "des": 12,
}
_DAYS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday mandag tirsdag onsdag torsdag
    fredag lørdag søndag måndag tysdag laurdag sundag""".split()
)
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ORD = r"(?:\.|st|nd|rd|th)?"
# Where a month name may start (a lookahead before the alternation: most positions fail on one
# character instead of trying every name; the same matches).
_MONTH_START = "(?=[" + "".join(sorted({m[0] for m in _MONTHS} | {m[0].upper() for m in _MONTHS})) + "])"
# A pattern that starts with a digit is scanned for digits by the regex engine itself (three times
# faster than trying a look-behind at every position): `\d(?<!\d\d)` is `(?<!\d)\d`.
_DATE_PATTERNS = (
    (re.compile(r"(\d(?<!\d\d)\d{3})-(\d{1,2})-(\d{1,2})(?!\d)"), "ymd"),
    (re.compile(r"(\d(?<![\d.]\d)\d?)[./](\d{1,2})[./](\d{4})(?!\d)"), "dmy"),
    (re.compile(rf"(\d(?<!\d\d)\d?){_ORD}\s+(?:of\s+)?({_MONTH})\.?,?(?:\s+(\d{{4}}))?\b", re.I), "dMy"),
    (re.compile(rf"{_MONTH_START}\b({_MONTH})\.?\s+(\d{{1,2}}){_ORD}(?!\d)(?:,?\s+(\d{{4}}))?", re.I), "Mdy"),
    (re.compile(rf"{_MONTH_START}\b({_MONTH})\s+(\d{{4}})\b", re.I), "My"),
)
_NUMBER = re.compile(r"(?<!\d)\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?!\d)|\d+(?:[.,:]\d+)*")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'()\[\]]+", re.I)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_NOT_DIGIT = re.compile(r"\D")
_POSSESSIVE = re.compile(r"['’].*$")


@dataclass(frozen=True, slots=True)
class Profile:
    doc_id: str
    fingerprint: str
    path: str | None
    lang: str  # "en", "nb" or "nn"
    name: NameHint
    chars: int  # characters of prose in `lang`
    anchors: frozenset[str]  # "#2022", "d:2023-10-12", "n:oslo", "u:example.org/x", "@:a@b.no"
    # The distinct words of the prose (`viewer.core.pairs.words.Unit`), by the key their weight is
    # read from; `links` holds the other keys of the few that have more than their own (translations,
    # compound parts). Plain strings: a profile is read back from its kept form by the thousand.
    units: tuple[str, ...]
    links: dict[str, frozenset[str]]
    keys: frozenset[str]  # every key of every unit
    sentences: int  # the prose's sentences within the first MAX_ALIGN_CHARS (what the check rests on)

    @property
    def english(self) -> bool:
        return self.lang == "en"

    @property
    def group(self) -> str:
        """ "en" or "no": documents of one group pair only across Bokmål and Nynorsk."""
        return "en" if self.lang == "en" else "no"


def _side(document: Document) -> tuple[str, list[Passage]] | None:
    """The document's dominant language and its passages in that language (Bokmål and Nynorsk count
    together against English; the form of Norwegian is the larger one, or the one its name says)."""
    mix = document.language_mix()
    english = mix.get(Lang.EN.value, 0)
    nb, nn = mix.get(Lang.NB.value, 0), mix.get(Lang.NN.value, 0)
    if max(english, nb + nn) == 0:
        return None
    prose = [p for p in document.passages if not p.low_value]
    if english >= nb + nn:
        return "en", [p for p in prose if p.lang is Lang.EN]
    lang = "nn" if nn > nb else "nb"
    return lang, [p for p in prose if p.lang in (Lang.NB, Lang.NN)]


def prose(document: Document) -> str:
    """The prose a profile was made from (the passages in the document's language), which the
    alignment check reads."""
    side = _side(document)
    return "" if side is None else "\n\n".join(p.text for p in side[1])


def _dates(text: str) -> set[str]:
    out: set[str] = set()
    for pattern, order in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            g = m.groups()
            year: str | None
            if order == "ymd":
                year, month, day = g[0], int(g[1]), int(g[2])
            elif order == "dmy":
                day, month, year = int(g[0]), int(g[1]), g[2]
            elif order == "dMy":
                day, month, year = int(g[0]), _MONTHS[g[1].lower()], g[2]
            elif order == "Mdy":
                month, day, year = _MONTHS[g[0].lower()], int(g[1]), g[2]
            else:
                out.add(f"d:{g[1]}-{_MONTHS[g[0].lower()]:02d}")
                continue
            if not (1 <= month <= 12 and 1 <= day <= 31):
                continue
            out.add(f"d:{month:02d}-{day:02d}")
            if year:
                out.add(f"d:{year}-{month:02d}-{day:02d}")
    return out


@lru_cache(maxsize=65536)
def name_key(word: str) -> str | None:
    """The key of a capitalised word or acronym: spelling folded, a possessive or genitive -s dropped
    (cached: names repeat across documents)."""
    w = normalise(_POSSESSIVE.sub("", word))
    if len(w) > 3 and w.endswith("s"):
        w = w[:-1]
    return f"n:{w}" if len(w) >= 2 else None


_SKIPPED = frozenset(STOP_EN | STOP_NO | _MONTHS.keys() | _DAYS)


def _names(sentence: str) -> set[str]:
    """Capitalised words not at the start of the sentence, and acronyms anywhere."""
    out: set[str] = set()
    for i, word in enumerate(_WORD.findall(sentence)):
        if not word[0].isupper() or len(word) < 2:
            continue
        acronym = word.isupper() and len(word) <= 8
        if (i > 0 or acronym) and word.lower() not in _SKIPPED and (key := name_key(word)):
            out.add(key)
    return out


def _may_hold_links(text: str) -> tuple[bool, bool]:
    """(may hold an e-mail address, may hold a URL): the patterns cannot match without "@", and
    without "http" or "www." in any case, so most texts skip both scans."""
    lower = text.lower()
    return "@" in text, "http" in lower or "www." in lower


def _without_links(text: str) -> str:
    email, url = _may_hold_links(text)
    if email:
        text = _EMAIL.sub(" ", text)
    return _URL.sub(" ", text) if url else text


def anchors_of(text: str, sentences: list[str]) -> frozenset[str]:
    """Numbers (two digits or more), dates, names, acronyms, URLs and e-mail addresses of a text."""
    out: set[str] = set()
    email, url = _may_hold_links(text)
    if url:
        for m in _URL.finditer(text):
            link = re.sub(r"^(?:https?://)?(?:www\.)?", "", m.group(0).lower()).rstrip(".,;:!?/")
            out.add(f"u:{link}")
    if email:
        for m in _EMAIL.finditer(text):
            out.add(f"@:{m.group(0).lower().rstrip('.')}")
    stripped = _without_links(text)
    out |= _dates(stripped)
    for number in _NUMBER.findall(stripped):
        digits = number if number.isdecimal() else _NOT_DIGIT.sub("", number)
        if len(digits) >= 2:
            out.add(f"#{digits}")
    for sentence in sentences:
        out |= _names(_without_links(sentence))
    return frozenset(out)


def _units(text: str, english: bool) -> tuple[Unit, ...]:
    """The distinct words of the prose as units (`viewer.core.pairs.words`)."""
    keys = word_keys()
    seen: dict[str, Unit] = {}
    for word in dict.fromkeys(_WORD.findall(text)):
        unit = keys.unit(word, english)
        if unit is None:
            continue
        known = seen.get(unit.key)
        seen[unit.key] = unit if known is None else Unit(unit.key, known.keys | unit.keys)
    return tuple(seen.values())


def build_profile(document: Document) -> Profile | None:
    """The document's profile, or None when it cannot take part in a pair (no prose in English,
    Bokmål or Nynorsk; a translation memory, which holds its pairs itself)."""
    if document.meta.extra.get("aligned_pairs"):
        return None
    side = _side(document)
    if side is None:
        return None
    lang, passages = side
    hint = name_hint(document.path, document.id)
    if lang != "en" and hint.lang in ("nb", "nn"):
        lang = hint.lang  # the two forms are close: a name that says which one is believed
    sentences = [p.sentence_text(s) for p in passages for s in p.sentences] or [p.text for p in passages]
    text = "\n\n".join(p.text for p in passages)
    if len(text) < MIN_PROSE:
        return None
    others = [p.text for p in document.passages if not p.low_value and p.lang is Lang.UND]
    anchors = anchors_of("\n\n".join([text, *others]), sentences)
    units = _units(text, lang == "en")
    links = {u.key: u.keys for u in units if len(u.keys) > 1}
    kept = total = 0
    for sentence in sentences:
        if total > MAX_ALIGN_CHARS:
            break
        kept += 1
        total += len(sentence)
    return Profile(
        document.id,
        document.fingerprint,
        str(document.path) if document.path else None,
        lang,
        hint,
        len(text),
        anchors,
        tuple(u.key for u in units),
        links,
        frozenset().union(*(u.keys for u in units)),
        kept,
    )
