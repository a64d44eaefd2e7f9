"""What the finder knows about one document: its language, the prose in that language, the anchors
that survive translation (numbers, dates, names, acronyms, URLs, e-mails), its lexical keys (with the
bilingual lexicon's translations of English words) and what its name says.

Built once per text, where the document is built (a reader process: `viewer.core.pairs.kept`);
everything here is linear in the text. A profile holds no prose: the alignment check reads it from
the document (`prose`) for the few candidates it checks.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from viewer.core.align.lexicon import STOP_EN, STOP_NO, normalise
from viewer.core.corpus.model import Document, Passage
from viewer.core.language.labels import Lang
from viewer.core.pairs.dates import DAYS, MONTHS
from viewer.core.pairs.dates import dates as _dates
from viewer.core.pairs.names import NameHint, name_hint
from viewer.core.pairs.words import Unit, word_keys

MIN_PROSE = 20  # characters in the document's language: below that there is nothing to pair on
MAX_ALIGN_CHARS = 40_000  # the alignment check reads this much of each side (translations keep order)

# "12 345" (its first digit not after a digit) or "3.14", "2023": both start with a digit, outside
# the alternation, so the engine scans for digits itself.
_NUMBER = re.compile(r"\d(?:(?<!\d\d)\d{0,2}(?:[\u00a0\u202f ]\d{3})+(?!\d)|\d*(?:[.,:]\d+)*)")
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


@lru_cache(maxsize=65536)
def name_key(word: str) -> str | None:
    """The key of a capitalised word or acronym: spelling folded, a possessive or genitive -s dropped
    (cached: names repeat across documents)."""
    w = normalise(_POSSESSIVE.sub("", word))
    if len(w) > 3 and w.endswith("s"):
        w = w[:-1]
    return f"n:{w}" if len(w) >= 2 else None


_SKIPPED = frozenset(STOP_EN | STOP_NO | MONTHS.keys() | DAYS)


# Sentences are read as one string, each after a separator that is whitespace to str.isspace and to
# the patterns (a link or a word cannot run across it) and that a text seldom holds.
_SEP = "\x1f"


def _names(joined: str, words: list[str] | None = None) -> set[str]:
    """Capitalised words not at the start of their sentence, and acronyms anywhere, of sentences
    joined by _SEP (`words`: its words, when they are known). A word counts when it stands anywhere
    but first at least once: when it is found more often than it starts a sentence."""
    firsts = [m.group() for sentence in joined.split(_SEP) if (m := _WORD.search(sentence))]
    return _names_counted(Counter(_WORD.findall(joined) if words is None else words), Counter(firsts))


def _names_counted(words: Counter[str], starts: Counter[str]) -> set[str]:
    out: set[str] = set()
    for word in [w for w in words if w[0].isupper() and len(w) >= 2]:
        acronym = word.isupper() and len(word) <= 8
        if (acronym or words[word] > starts[word]) and word.lower() not in _SKIPPED and (key := name_key(word)):
            out.add(key)
    return out


@lru_cache(maxsize=8)
def _may_hold_links(text: str) -> tuple[bool, bool]:
    """(may hold an e-mail address, may hold a URL): the patterns cannot match without "@", and
    without "http" or "www." in any case, so most texts skip both scans. (Cached: a profile asks of
    the same few texts again; a string's hash is computed once, the same string found by identity.)"""
    lower = text.lower()
    return "@" in text, "http" in lower or "www." in lower


def _without_links(text: str) -> str:
    email, url = _may_hold_links(text)
    if email:
        text = _EMAIL.sub(" ", text)
    return _URL.sub(" ", text) if url else text


def _joined(sentences: list[str], links: bool = True) -> str | None:
    """The sentences as one string for `_names`, their links blanked (None: a sentence holds the
    separator; `links` False: they hold no link's cue). Blanking the joined string blanks each
    sentence's links: no link runs across the separator, and a sentence without a link's cue has
    no match to blank."""
    joined = _SEP.join(sentences)
    if joined.count(_SEP) != len(sentences) - 1:
        return None
    return _without_links(joined) if links else joined


def anchors_of(
    text: str, sentences: list[str], joined: str | None = None, words: list[str] | None = None
) -> frozenset[str]:
    """Numbers (two digits or more), dates, names, acronyms, URLs and e-mail addresses of a text
    (`joined`, `words`: `_joined(sentences)` and its words, when they are known)."""
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
    joined = _joined(sentences) if joined is None else joined
    if joined is not None:
        out |= _names(joined, words)
    else:  # one by one (a text that holds the separator itself)
        for sentence in sentences:
            words = _WORD.findall(_without_links(sentence))
            out |= _names_counted(Counter(words), Counter(words[:1]))
    return frozenset(out)


def _units(text: str, english: bool, words: list[str] | None = None) -> tuple[Unit, ...]:
    """The distinct words of the prose as units (`viewer.core.pairs.words`); `words`: the text's
    words, when they are known."""
    keys = word_keys()
    known = keys.by_word(english)
    distinct = list(dict.fromkeys(_WORD.findall(text) if words is None else words))
    fresh = {word: keys.unit(word, english) for word in distinct if word not in known}
    for word, made in fresh.items():
        keys.remember(word, english, made)
    found = [fresh[w] if w in fresh else known[w] for w in distinct] if fresh else [known[w] for w in distinct]
    units = [unit for unit in found if unit is not None]
    by_key = {unit.key: unit for unit in units}
    if len(by_key) == len(units):
        return tuple(by_key.values())
    seen: dict[str, Unit] = {}  # words that share a key: one unit with all their keys
    for unit in units:
        other = seen.get(unit.key)
        seen[unit.key] = unit if other is None else Unit(unit.key, other.keys | unit.keys)
    return tuple(seen.values())


def _tiles(passages: list[Passage]) -> bool:
    """Whether the passages' text is their sentences' apart from whitespace between them (so no word
    runs across two sentences, or lies outside every sentence)."""
    for p in passages:
        text, pos = p.text, 0
        for sentence in p.sentences:
            at = sentence.start - p.start
            if at < pos or (at == pos and pos) or (at > pos and not text[pos:at].isspace()):
                return False
            pos = sentence.end - p.start
        if pos < len(text) and not text[pos:].isspace():
            return False
    return True


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
    # The sentences' words are the text's when the sentences cover its passages (a text without
    # links: the names read the sentences without theirs): the text is read for words once.
    read = "\n\n".join([text, *others])
    cues = any(_may_hold_links(read))  # (the sentences and the text are parts of it)
    joined = _joined(sentences, cues)
    words = None if joined is None else _WORD.findall(joined)
    anchors = anchors_of(read, sentences, joined, words)
    shared = words is not None and not (cues and any(_may_hold_links(text))) and _tiles(passages)
    units = _units(text, lang == "en", words if shared else None)
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
