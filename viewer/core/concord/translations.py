"""Translation candidates ("hot words") learned from the library's aligned sentences.

A word is counted by its key (`viewer.core.align.lexicon.word_key`: a spelling-folded prefix, so
the forms tjeneste/tjenester/tjenestene meet, and cognates such as implementation/implementering
share one), and a Norwegian compound also by the key of its known last element (aktiveringsarbeid
-> arbeid), so an English word can meet the compound that translates it. For a word, each key of
the other language's sentences aligned with sentences holding it is scored by Dice's coefficient
over aligned sentence pairs, 2·c(w, t) / (c(w) + c(t)), plus `PRIOR` when the bundled bilingual
lexicon (FreeDict eng-nor) lists the two as translations; the candidate shown is the form of that
key seen most often. `mark` finds, in a counterpart sentence, the word the best candidate is.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from viewer.core.align.lexicon import Lexicon, get_lexicon, word_key
from viewer.core.concord.aligned import SentencePair
from viewer.core.concord.model import Candidate

Span = tuple[int, int]
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
PRIOR = 0.25  # added to a candidate the lexicon lists as a translation of the word
MIN_COUNT = 1  # aligned pairs a candidate must share with the word
SHRINK = 1.0  # pseudo-count: a candidate seen beside the word once keeps half its Dice
NORWEGIAN = ("nb", "nn")


def _side(lang: str) -> str:
    """English or Norwegian: Bokmål and Nynorsk translate English alike."""
    return "no" if lang in NORWEGIAN else lang


class TranslationModel:
    """Key counts and co-occurrences over aligned sentence pairs, in both directions."""

    def __init__(self, pairs: Iterable[SentencePair], lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or get_lexicon()
        self.count: Counter[tuple[str, str]] = Counter()  # (side, key) -> pairs holding it
        self.together: dict[tuple[str, str], Counter[tuple[str, str]]] = {}
        self.forms: dict[tuple[str, str], Counter[str]] = {}  # (lang, key) -> its forms, lowercased
        self.pairs = 0
        for pair in pairs:
            a = self._keys(pair.text_a, pair.lang_a)
            b = self._keys(pair.text_b, pair.lang_b)
            if not a or not b:
                continue
            self.pairs += 1
            side_a, side_b = _side(pair.lang_a), _side(pair.lang_b)
            for key in a:
                self.count[(side_a, key)] += 1
                self.together.setdefault((side_a, key), Counter()).update((pair.lang_b, k) for k in b)
            for key in b:
                self.count[(side_b, key)] += 1
                self.together.setdefault((side_b, key), Counter()).update((pair.lang_a, k) for k in a)

    def _keys(self, text: str, lang: str) -> set[str]:
        keys: set[str] = set()
        for token in WORD.findall(text):
            low = token.lower()
            found = self.keys_of(low, lang)
            for key in found:
                self.forms.setdefault((lang, key), Counter())[low] += 1
            keys |= found
        return keys

    def keys_of(self, word: str, lang: str) -> set[str]:
        """The keys a word is counted by: its own, and for a Norwegian compound its last element's."""
        key = word_key(word)
        keys = {key} if key else set()
        if lang in NORWEGIAN or "-" in word:
            keys |= {k for k in self.lexicon.compound_keys(word) if len(k) >= 5}  # "sjon" is no word
        return keys

    def language_of(self, word: str) -> str | None:
        """The side ("en" or "no") where the word's key is seen most, None when it is not seen."""
        low = word.lower()
        key = word_key(low)
        if key is None:
            return None
        # Cognates share a key (implementation/implementering): the form itself tells them apart.
        by_form = {lang: self.forms.get((lang, key), Counter())[low] for lang in ("en", *NORWEGIAN)}
        english, norwegian = by_form["en"], by_form["nb"] + by_form["nn"]
        if english != norwegian:
            return "en" if english > norwegian else "no"
        seen = {side: self.count[(side, key)] for side in ("en", "no")}
        best = max(seen, key=lambda side: seen[side])
        return best if seen[best] else None

    def candidates(self, word: str, lang: str | None = None, limit: int = 10) -> list[Candidate]:
        """The likely translations of `word` (in `lang`: "en", "nb" or "nn"; found when None), best first."""
        low = word.lower().strip()
        side = _side(lang) if lang else self.language_of(low)
        key = word_key(low) if low else None
        if side is None or key is None or not self.count[(side, key)]:
            return []
        own = self.count[(side, key)]
        prior = self._prior(key, side)
        scored: list[Candidate] = []
        for (other_lang, other), both in self.together.get((side, key), Counter()).items():
            if both < MIN_COUNT or _side(other_lang) == side:
                continue
            theirs = self.count[(_side(other_lang), other)]
            dice = 2 * both / (own + theirs)
            # Dice is as high for a word met once beside it as for one met every time; shrink it by
            # the evidence (both / (both + 1)) so the lexicon's word wins where counts cannot tell.
            score = min(1.0, dice * both / (both + SHRINK) + (PRIOR if other in prior else 0.0))
            form = self.forms[(other_lang, other)].most_common(1)[0][0]
            scored.append(Candidate(form, other_lang, score, both, other))
        scored.sort(key=lambda c: (-c.score, -c.count, c.candidate))
        return _merged(scored)[:limit]

    def prior_keys(self, word: str, side: str) -> frozenset[str]:
        """Keys the lexicon gives as translations of `word` (of `side`, "en" or "no")."""
        key = word_key(word.lower())
        return self._prior(key, side) if key else frozenset()

    def _prior(self, key: str, side: str) -> frozenset[str]:
        """Keys the lexicon gives as translations of the word's key."""
        if side == "en":
            forms = self.forms.get(("en", key), Counter())
            found: set[str] = set()
            for form in forms:
                found |= self.lexicon.translations(form)
            return frozenset(found)
        return self.lexicon.english_keys(key)

    def mark(self, text: str, lang: str, candidates: Sequence[Candidate]) -> Span | None:
        """The span in `text` (a sentence in `lang`) of the word that is the best candidate, if any."""
        wanted = {c.key: rank for rank, c in enumerate(candidates) if _side(c.lang) == _side(lang)}
        best: tuple[int, Span] | None = None
        for match in WORD.finditer(text):
            ranks = [wanted[k] for k in self.keys_of(match.group().lower(), lang) if k in wanted]
            if ranks and (best is None or min(ranks) < best[0]):
                best = (min(ranks), match.span())
        return best[1] if best else None


def _merged(scored: list[Candidate]) -> list[Candidate]:
    """One candidate per form and language (a form counted under two keys keeps its best)."""
    seen: set[tuple[str, str]] = set()
    out = []
    for candidate in scored:
        if (candidate.candidate, candidate.lang) not in seen:
            seen.add((candidate.candidate, candidate.lang))
            out.append(candidate)
    return out


def log_likelihood(both: int, a: int, b: int, n: int) -> float:
    """Dunning's G² for a 2x2 table (kept for comparison in the evaluation)."""
    cells = [(both, a * b / n), (a - both, a * (n - b) / n), (b - both, (n - a) * b / n)]
    cells.append((n - a - b + both, (n - a) * (n - b) / n))
    return 2 * sum(o * math.log(o / e) for o, e in cells if o > 0 and e > 0)
