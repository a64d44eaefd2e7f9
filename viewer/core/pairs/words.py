"""Words as keys that meet across English, Bokmål and Nynorsk, for comparing whole documents.

A word's key is its Snowball stem (Norwegian stems unified across Bokmål and Nynorsk as the search
index does: `viewer.core.search.analysis.normalise_norwegian_stem`), spelling-folded and cut like
the aligner's cognate keys (`viewer.core.align.lexicon.normalise`), so inflections meet (menu/menyen,
filters/filteret) as well as cognates (implementation/implementering). An English word also carries
the keys of its translations in the bilingual lexicon (viewer/resources/lexicon/en-no.tsv, the
aligner's list); a Norwegian compound carries the keys of its known parts (tekstfil: tekst).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from viewer.core.align.lexicon import STOP_EN, STOP_NO, normalise
from viewer.core.paths import resource

log = logging.getLogger(__name__)

KEY_LENGTH = 6
MIN_PART = 4  # letters a compound part needs to count
MAX_WORD = 64  # letters beyond which a "word" is not one (a run of letters; its parts cost its length squared)
_EN_SUFFIXES = ("ies", "es", "s", "ed", "d", "ing", "ly")
_LINKS = ("s", "e", "")


@dataclass(frozen=True, slots=True)
class Unit:
    """One distinct word of a text: the key its weight is read from and every key it can meet."""

    key: str
    keys: frozenset[str]


def fold(stem: str) -> str | None:
    folded = normalise(stem)
    return folded[:KEY_LENGTH] if len(folded) >= 3 else None


class WordKeys:
    """Stemmers, stop words and the lexicon's translations as keys; build once (`word_keys()`)."""

    def __init__(self) -> None:
        from whoosh.lang import stemmer_for_language

        from viewer.core.search.analysis import english_stop_words, normalise_norwegian_stem, norwegian_stop_words

        self._stem_en: Callable[[str], str] = stemmer_for_language("en")
        self._stem_no: Callable[[str], str] = stemmer_for_language("no")
        self._unify = normalise_norwegian_stem
        self.stop = frozenset(STOP_EN | STOP_NO | english_stop_words() | norwegian_stop_words())
        self._cache: dict[tuple[str, bool], Unit | None] = {}
        self._by_word: dict[bool, dict[str, Unit | None]] = {True: {}, False: {}}
        translations: dict[str, set[str]] = {}
        self.vocabulary: set[str] = set()
        with open(resource("lexicon", "en-no.tsv"), encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("#") or "\t" not in line:
                    continue
                en, no = line.rstrip("\n").split("\t", 1)
                self.vocabulary.add(no.lower())
                key = self.norwegian_key(no.lower())
                if key and en not in self.stop:
                    translations.setdefault(en.lower(), set()).add(key)
        self._translations = {en: frozenset(keys) for en, keys in translations.items()}

    def norwegian_key(self, low: str) -> str | None:
        return fold(self._unify(self._stem_no(low)))

    def translations(self, low: str) -> frozenset[str]:
        hit = self._translations.get(low)
        if hit is not None:
            return hit
        for suffix in _EN_SUFFIXES:
            if low.endswith(suffix) and len(low) - len(suffix) >= 3:
                stem = low[: -len(suffix)]
                hit = self._translations.get(stem) or self._translations.get(stem + "e")
                if hit is not None:
                    return hit
        return frozenset()

    def _parts(self, low: str) -> set[str]:
        """Keys of a Norwegian compound's known first and last parts (aktiveringsarbeid: arbeid)."""
        out: set[str] = set()
        if len(low) < 2 * MIN_PART:
            return out
        for cut in range(MIN_PART, len(low) - MIN_PART + 1):
            head, tail = low[:cut], low[cut:]
            tail_stem = self._unify(self._stem_no(tail))
            if tail in self.vocabulary or tail_stem in self.vocabulary:
                if key := fold(tail_stem):
                    out.add(key)
                for link in _LINKS:
                    base = head[: len(head) - len(link)] if link and head.endswith(link) else head
                    if len(base) >= MIN_PART and base in self.vocabulary and (k := self.norwegian_key(base)):
                        out.add(k)
                        break
                break
        return out

    def unit(self, word: str, english: bool) -> Unit | None:
        """The unit of one word (None for function words, numbers and very short or long words)."""
        low = word.lower()
        cached = self._cache.get((low, english), False)
        if cached is not False:
            return cached  # type: ignore[return-value]
        unit: Unit | None = None
        if 3 <= len(low) <= MAX_WORD and low not in self.stop and not any(c.isdigit() for c in low):
            if english:
                own = fold(self._stem_en(low))
                keys = set(self.translations(low))
            else:
                own = self.norwegian_key(low)
                keys = self._parts(low)
            if own is not None:
                keys.add(own)
            if keys:
                unit = Unit(own or min(keys), frozenset(keys))
        if len(self._cache) < 200_000:
            self._cache[(low, english)] = unit
        return unit

    def by_word(self, english: bool) -> dict[str, Unit | None]:
        """Units already made, by the word as written (a text's words are looked up here first: a
        dictionary look-up instead of a call, a lowercasing and a tuple per word)."""
        return self._by_word[english]

    def remember(self, word: str, english: bool, unit: Unit | None) -> None:
        """Keep `unit` (made by `unit(word, english)`) in `by_word` while there is room."""
        known = self._by_word[english]
        if len(known) < _BY_WORD_KEPT:
            known[word] = unit


_BY_WORD_KEPT = 200_000  # words as written, per language side
_KEYS: WordKeys | None = None
_LOCK = threading.Lock()


def word_keys() -> WordKeys:
    """The shared WordKeys (the lexicon and stemmers, loaded once: ~0.2 s)."""
    global _KEYS
    if _KEYS is None:
        with _LOCK:
            if _KEYS is None:
                _KEYS = WordKeys()
    return _KEYS
