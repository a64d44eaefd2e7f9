"""Lexical keys that survive English <-> Norwegian translation, for sentence alignment and splitting.

A sentence becomes a set of *keys*: numbers ("#2022"), names and acronyms, and a spelling-normalised
prefix of each content word, so cognates meet (evidence-based/evidensbasert -> "eviden",
implementation/implementering -> "implem", intervention/intervensjon -> "interv"). English words
also carry the keys of their translations in FreeDict's eng-nor word list (viewer/resources/lexicon/,
CC BY-SA 3.0), so dissertation -> avhandling -> "avhand" meets "Avhandlingen".
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache

from viewer.core.paths import resource

TOKEN_RE = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:[-'’][^\W\d_]+)*|[()«»“”\"]")
PREFIX = 6  # cognates share their first six (normalised) letters often enough; five collides too much

STOP_EN = frozenset(
    """a an the and or but nor of to in on at by for with from into onto as is are was were be been being
    this that these those it its they them their there here we our us you your he she his her him i me my
    which who whom whose what when where why how than then also not no so such can could will would shall
    should may might must do does did done have has had having about over under between through during
    both each all any some many much more most other another very only own same too just while if because
    one two three first second""".split()
)
STOP_NO = frozenset(
    """en ei et ein eit den det de dei dem denne dette disse desse og eller men som at å i på til av med for
    fra frå om ved hos hjå under over mellom gjennom etter før er var blir ble vart vert vore vært være
    har hadde kan kunne vil ville skal skulle må måtte seg sin sitt sine han hun ho hans hennar hennes
    vi oss dere de deg du jeg eg meg min mitt mine vår vårt våre ikke ikkje også så når hvor kor hvordan
    korleis hva kva hvis viss enn både alle noen nokon mange mye mykje mer meir mest andre annen anna
    ett to tre første andre""".split()
)

_REWRITES = (
    ("æ", "ae"),
    ("ø", "o"),
    ("å", "a"),
    ("é", "e"),
    ("ü", "u"),
    ("ö", "o"),
    ("ä", "a"),
    ("tion", "sjon"),
    ("sion", "sjon"),
    ("ph", "f"),
    ("th", "t"),
    ("qu", "kv"),
    ("x", "ks"),
    ("w", "v"),
    ("z", "s"),
    ("-", ""),
    ("'", ""),
    ("’", ""),
)
_SOFT_C = re.compile(r"c(?=[eiy])")
_DOUBLE = re.compile(r"(.)\1+")
_EN_SUFFIXES = ("ies", "es", "s", "ed", "d", "ing", "ly")
_NO_ENDINGS = ("", "ene", "ane", "en", "et", "er", "ar", "a", "e")


def normalise(word: str) -> str:
    """Lowercase spelling folded so English and Norwegian cognates look alike (c->k/s, tion->sjon)."""
    w = word.lower()
    for old, new in _REWRITES:
        w = w.replace(old, new)
    w = _SOFT_C.sub("s", w).replace("c", "k")
    return _DOUBLE.sub(r"\1", w)


@lru_cache(maxsize=65536)
def word_key(word: str) -> str | None:
    """The key of one token, or None for function words, very short words and no word at all (cached:
    words repeat)."""
    if not word:
        return None
    if word[0].isdigit():
        return "#" + re.sub(r"\D", "", word)
    if word in "()":
        return "()"
    if not word[0].isalpha():
        return "«»"
    low = word.lower()
    if low in STOP_EN or low in STOP_NO:
        return None
    n = normalise(low)
    if len(n) < 3 or (len(n) < 4 and not word.isupper()):
        return None
    return n[:PREFIX]


@dataclass(frozen=True, slots=True)
class SentenceKeys:
    """A sentence's keys: `units` per English-side word (its own key plus translation keys), `keys` flat."""

    units: tuple[frozenset[str], ...]
    keys: frozenset[str]


class Lexicon:
    """English word -> keys of its Norwegian translations, plus the vocabularies for word-level language cues."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        table: dict[str, set[str]] = {}
        self.english: set[str] = set()
        self.norwegian: set[str] = set()
        for en, no in pairs:
            self.english.add(en)
            self.norwegian.add(no)
            key = word_key(no)
            if key and en not in STOP_EN:
                table.setdefault(en, set()).add(key)
        self._table = {en: frozenset(keys) for en, keys in table.items()}
        self._compounds: dict[str, frozenset[str]] = {}
        self._reverse: dict[str, frozenset[str]] | None = None  # Norwegian key -> English word keys

    def translations(self, word: str) -> frozenset[str]:
        """Keys of the translations of an English word, trying simple inflection stripping."""
        low = word.lower()
        hit = self._table.get(low)
        if hit is not None:
            return hit
        for suffix in _EN_SUFFIXES:
            if low.endswith(suffix) and len(low) - len(suffix) >= 3:
                stem = low[: -len(suffix)]
                hit = self._table.get(stem) or self._table.get(stem + "e")
                if hit is not None:
                    return hit
        return frozenset()

    def english_keys(self, key: str) -> frozenset[str]:
        """Keys of the English words whose translations have this (Norwegian) key."""
        if self._reverse is None:
            reverse: dict[str, set[str]] = {}
            for en, keys in self._table.items():
                english = word_key(en)
                if english:
                    for k in keys:
                        reverse.setdefault(k, set()).add(english)
            self._reverse = {k: frozenset(v) for k, v in reverse.items()}
        return self._reverse.get(key, frozenset())

    def compound_keys(self, word: str) -> frozenset[str]:
        """`_compound_keys`, remembered per word (a long text repeats its words)."""
        hit = self._compounds.get(word)
        if hit is None:
            if len(self._compounds) > 100_000:
                self._compounds.clear()
            hit = self._compounds[word] = frozenset(self._compound_keys(word))
        return hit

    def _compound_keys(self, word: str) -> set[str]:
        """Keys of the parts of a hyphenated word and of a Norwegian compound's known last element.

        "ICC-profilen" -> icc, profil; "aktiveringsarbeid" -> arbeid (a word of the list), so
        the English side's "profile" and "work" (-> arbeid) can meet them.
        """
        keys = {k for part in word.split("-") if len(part) >= 3 and (k := word_key(part))} if "-" in word else set()
        low = word.lower()
        if len(low) >= 8 and "-" not in low:
            for p in range(3, len(low) - 3):
                tail = low[p:]
                for ending in _NO_ENDINGS:
                    head = tail[: len(tail) - len(ending)] if ending and tail.endswith(ending) else tail
                    known = head in self.norwegian or head + "e" in self.norwegian
                    if len(head) >= 4 and known and (k := word_key(head)):
                        keys.add(k)
                        break
                else:
                    continue
                break
        return keys

    def sentence_keys(self, text: str, english: bool, use_lexicon: bool = True) -> SentenceKeys:
        """Keys of one sentence; English words also get their translations' keys when use_lexicon."""
        units = []
        for token in TOKEN_RE.findall(text):
            key = word_key(token)
            extra: set[str] | frozenset[str] = frozenset()
            if token[0].isalpha():
                extra = set(self.translations(token)) if english and use_lexicon else set()
                if "-" in token or (not english and use_lexicon):
                    extra |= self.compound_keys(token)
            if key is None and not extra:
                continue
            units.append(frozenset(extra | {key}) if key else frozenset(extra))
        return SentenceKeys(tuple(units), frozenset().union(*units) if units else frozenset())


_LEXICON: Lexicon | None = None
_LOCK = threading.Lock()


def get_lexicon() -> Lexicon:
    """The shipped en-no word list, loaded once (about 10,000 pairs, ~20 ms)."""
    global _LEXICON
    if _LEXICON is None:
        with _LOCK:
            if _LEXICON is None:
                pairs = []
                with open(resource("lexicon", "en-no.tsv"), encoding="utf-8") as handle:
                    for line in handle:
                        if line.startswith("#") or "\t" not in line:
                            continue
                        en, no = line.rstrip("\n").split("\t", 1)
                        pairs.append((en, no))
                _LEXICON = Lexicon(pairs)
    return _LEXICON
