"""English / Bokmål / Nynorsk identification for corpus lines.

Two stages. English vs Norwegian: langdetect's en and no profiles, read deterministically
(`viewer.core.language.enno`: what langdetect's sampling would answer, predicted from the mean and
variance of the text's gram log-likelihood ratios), plus a function-word count. Bokmål vs Nynorsk:
a logistic sum of `viewer.core.language.nbnn`'s weighted vote (marker words from the written
norms) and `viewer.core.language.ngrams`'s n-gram model (trained on software translations and
dictionaries, not on the dev set's sources).

Speed: both stages are sums over words, so each distinct word's evidence is worked out once and
kept (`scan` reads each distinct chunk once, `grams` a new word for both models in one pass);
`identify_many` sums a batch at once in numpy (`batch`). Identical short texts are answered from
memory. All stores are bounded.

Calibration: each stage turns its evidence into a probability with a logistic curve. The
Bokmål/Nynorsk constants were fitted on the *tune* part of tests/data/langid/dev.tsv (split by
source document; `benchmarks/langid_eval.py --fit-variant` refits them); the *holdout* part was only
measured. The English/Norwegian reading of the profiles was fitted on software strings, not on the
dev set. Confidence is the product of the two stages, shrunk towards 0.5 for texts of few words,
because one or two words rarely decide a language.
"""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Iterable
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple, cast

from viewer.core.language import cues, enno, grams, nbnn, scan
from viewer.core.language import ngrams as langmodel
from viewer.core.language.labels import UNDETERMINED, Lang, LangGuess
from viewer.core.language.scan import clean

if TYPE_CHECKING:
    from viewer.core.language.batch import BatchReader

__all__ = ["UNDETERMINED", "Lang", "LangGuess", "LanguageIdentifier", "clean", "get_identifier", "identify"]

log = logging.getLogger(__name__)

_LEX_WEIGHT = 1.2  # log-odds per function word, English vs Norwegian
# Bokmål/Nynorsk log-odds = RULE * nbnn points + MODEL * langmodel score + BIAS. RULE and MODEL are
# fitted on the tune split; BIAS is a fixed prior (Bokmål is the more common standard) so that text
# without evidence leans Bokmål.
VARIANT_RULE = 0.491
VARIANT_MODEL = 0.446
VARIANT_BIAS = -0.3
# A short Norwegian text (fewer words than this) with no marker word of either standard (under one
# nbnn point: a tendency such as kjø- is not one) gets at most
# this much Bokmål/Nynorsk log-odds (p 0.73): below corpus.build's WEAK_VARIANT, so the document decides.
MARKERLESS_WORDS = 12
MARKERLESS_CAP = 1.0
_FULL_WORDS = 6  # from this many words on, confidence is not shrunk for length
MAX_WORDS = 1 << 16  # distinct words whose evidence is kept (each store starts afresh when full)
MAX_TEXTS = 1 << 14  # identical short texts (headings, repeated lines) answered from memory
TEXT_CHARS = 300  # ...up to this length
BATCH_TEXTS = 16  # identify_many reads this many new texts or more in one batch (numpy), fewer one by one


class _Word(NamedTuple):
    """What a lower-cased token's English/Norwegian evidence needs besides its sums (`_Sums`): the
    grams ending at its trailing space (enno.Grams' tail), whether it is plain, and its model part."""

    tail_n: int
    tail_total: float
    tail_squares: float
    plain: bool  # no character that langdetect reads text-wide (combining marks, other scripts)
    model23: float | None  # grams.WordGrams.model23 of a plain word (its model score goes on from it)


# A word's evidence that texts add up, two numbers to a complex so that one C-level sum adds both
# (real and imaginary parts are summed separately, in order: the same floats as two sums):
# English/Norwegian (gram log-ratio total + squares * 1j, gram count + function-word vote * 1j) and
# Bokmål/Nynorsk (nbnn points + model score * 1j, kept apart: only Norwegian texts need it).
_Sums = tuple[complex, complex]


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, x))))


def _ld(n: int, total: float, squares: float) -> float:
    """langdetect's expected log-odds of English from a text's gram sums (0 without grams: it says nothing)."""
    return enno.log_odds(enno.trial_log_odds(n, total, squares))[0] if n else 0.0


class LanguageIdentifier:
    """Identifies en/nb/nn; loads langdetect's en and no profiles lazily, once, and keeps what it
    learnt about each word (bounded stores)."""

    def __init__(self, *, remember_texts: bool = True) -> None:
        self._text_chars = TEXT_CHARS if remember_texts else -1  # benchmarks switch the text store off
        self._enno = enno.profiles()
        self._tables: grams.Tables | None = None  # built on the first new word (the models load then)
        self._grams: dict[str, tuple[int, float, float]] = {}  # text_grams of short texts (one-word lines)
        self._words: dict[str, _Word] = {}
        self._totals: dict[str, complex] = {}  # total + squares * 1j of each word in _words
        self._counts: dict[str, complex] = {}  # n + vote * 1j
        self._odd: set[str] = set()  # words of _words that are not plain
        self._marked: set[str] = set()  # plain words of _words with a typographic apostrophe
        self._variants: dict[str, complex] = {}  # nbnn points + model score * 1j
        self._texts: dict[str, LangGuess] = {}
        self._chunks: dict[str, scan.Chunk] = {}
        self._batch: BatchReader | None = None  # identify_many's path for many texts, made on first use

    def _word(self, word: str) -> _Word:
        info = self._words.get(word)
        if info is None:
            vote = (word in cues.EN_WORDS) - (word in cues.NO_WORDS)
            if self._tables is None:
                self._tables = grams.tables()
            read = self._tables.windows(word)
            if read is not None:  # one pass over both models' 1-3-grams, by windows
                info = _Word(read.tail_n, read.tail_total, read.tail_squares, True, read.model23)
                self._totals[word] = complex(read.total, read.squares)
                self._counts[word] = complex(read.n, vote)
            else:
                # A typographic apostrophe (don’t) is blanked by langdetect like any General Punctuation.
                plain = word.isascii() or max(word) < "\u0300" or max(word.replace(enno.APOSTROPHE, "")) < "\u0300"
                grams_ = self._enno.word_grams(word)
                info = _Word(grams_.tail_n, grams_.tail_total, grams_.tail_squares, plain, None)
                self._totals[word] = complex(grams_.total, grams_.squares)
                self._counts[word] = complex(grams_.n, vote)
                if not plain:
                    self._odd.add(word)
                elif enno.APOSTROPHE in word:
                    self._marked.add(word)
            self._words[word] = info
        return info

    def _make_room(self, words: list[str]) -> None:
        """Start the word stores afresh when they are full; only between texts, so that a text's
        words, once read, stay until it is summed."""
        if len(self._words) + len(words) > MAX_WORDS:
            for store in (self._words, self._totals, self._counts, self._odd, self._marked):
                store.clear()

    def _english_log_odds(self, parts: list[scan.Chunk], words: list[str], rest: bool = False) -> tuple[float, float]:
        """Log-odds that the text is English rather than Norwegian: langdetect's, read from its
        profiles, plus the function-word vote; and (when `rest`, else 0.0) the same without its
        first word, taken from the same sums where they allow it.

        Where langdetect itself would be noisy (enno.log_odds not sure) its expected answer is used
        rather than asking it: on software strings asking it there changed no accuracy, and each
        ask costs ~10 ms, the time of ~600 sentences."""
        totals = list(map(self._totals.get, words))
        if None in totals:
            self._make_room(words)
            for word in words:  # after _make_room: some words read before may be gone
                if word not in self._totals:
                    self._word(word)
            totals = list(map(self._totals.get, words))
        counts = sum(map(self._counts.__getitem__, words))
        lex = round(counts.imag)
        n: int
        total: float
        squares: float
        # Names and capitalised English terms inside Norwegian prose would sway langdetect.
        if len(words) >= 2:
            plain = (not self._odd or self._odd.isdisjoint(words)) and (
                not self._marked or self._marked.isdisjoint(words) or not enno.drops_latin(" ".join(words))
            )
            if plain and sum(map(len, words)) + len(words) <= enno.MAX_TEXT + 1:
                last = self._words[words[-1]]
                sums = cast(complex, sum(cast(list[complex], totals)))
                n = round(counts.real) - last.tail_n
                total = sums.real - last.tail_total
                squares = sums.imag - last.tail_squares
                if rest and len(words) >= 3:  # the first word's grams and vote taken off again
                    first, first_counts = self._totals[words[0]], self._counts[words[0]]
                    without = _ld(n - round(first_counts.real), total - first.real, squares - first.imag)
                    return _ld(n, total, squares) + _LEX_WEIGHT * lex, without + _LEX_WEIGHT * (
                        lex - round(first_counts.imag)
                    )
            else:
                n, total, squares = self._text_grams(" ".join(words))
        else:
            n, total, squares = self._text_grams(" ".join(c.cleaned for c in parts))
        full = _ld(n, total, squares) + _LEX_WEIGHT * lex
        if rest and len(words) >= 3:
            return full, self._english_log_odds(parts, words[1:])[0]
        return full, 0.0

    def _text_grams(self, text: str) -> tuple[int, float, float]:
        known = self._grams.get(text)
        if known is None:
            known = self._enno.text_grams(text)
            if len(text) <= TEXT_CHARS:
                if len(self._grams) > MAX_TEXTS:
                    self._grams.clear()
                self._grams[text] = known
        return known

    def _evidence(self, word: str) -> complex:
        store = self._variants
        if len(store) > MAX_WORDS:
            store.clear()
        model23 = (self._words.get(word) or self._word(word)).model23
        if model23 is None or self._tables is None:
            model = langmodel.word_score(word)
        else:
            model = self._tables.model_score(word, model23)
        evidence = store[word] = complex(nbnn.word_points(word), model)
        return evidence

    def _variant_evidence(self, words: list[str]) -> tuple[float, float]:
        if not words:
            return 0.0, 0.0
        found = list(map(self._variants.get, words))
        if None in found:
            self._make_room(words)
            found = [self._evidence(w) if e is None else e for e, w in zip(found, words, strict=True)]
        sums = cast(complex, sum(cast(list[complex], found)))
        rule = sums.real
        if "å" in words:  # a-infinitive (å lagra) exists only in Nynorsk, as nbnn.score counts it
            rule += 2 * sum(
                1 for before, word in pairwise(words) if before == "å" and len(word) >= 4 and word.endswith("a")
            )
        return rule, sums.imag

    def variant_evidence(self, words: list[str]) -> tuple[float, float]:
        """(nbnn rule points, langmodel score) of lower-cased tokens; positive favours Nynorsk."""
        return self._variant_evidence(words)

    def _variant(self, words: list[str]) -> tuple[Lang, float]:
        rule, model = self._variant_evidence(words)
        log_odds = VARIANT_RULE * rule + VARIANT_MODEL * model + VARIANT_BIAS
        if abs(rule) < 1 and len(words) < MARKERLESS_WORDS:
            # No word that only one standard allows: a short text like "Vi har mange gode venner" is
            # valid in both, and the n-gram model alone is no sure guide; say so (a document's own
            # standard then settles it, corpus.build).
            log_odds = max(-MARKERLESS_CAP, min(MARKERLESS_CAP, log_odds))
        p_nn = _sigmoid(log_odds)
        return (Lang.NN, p_nn) if p_nn >= 0.5 else (Lang.NB, 1.0 - p_nn)

    def norwegian_variant(self, text: str) -> tuple[Lang, float]:
        """Bokmål or Nynorsk for text assumed Norwegian, with the probability of that choice."""
        return self._variant(scan.scan(text, self._chunks).words)

    def identify(self, text: str) -> LangGuess:
        """The language of one line or passage; `und` when nothing in it is language."""
        guess = self._texts.get(text)
        if guess is None:
            guess = self._identify(text)
            if len(text) <= self._text_chars:
                if len(self._texts) > MAX_TEXTS:
                    self._texts.clear()
                self._texts[text] = guess
        return guess

    def _identify(self, text: str) -> LangGuess:
        parts, words, count, long = scan.scan(text, self._chunks)
        if not count or not long:
            return UNDETERMINED
        if len(words) <= 0.4 * count and cues.in_capitals(scan.raw_words(parts)):
            # A heading or form field in capitals: its words were dropped as acronyms, and langdetect
            # reads no grams inside a capitalised word. Read it in small letters (ø stays ø).
            return self._identify(text.lower())
        if count <= 3 and all(cues.looks_like_name(w) for w in scan.raw_words(parts)):
            return LangGuess(Lang.UND, 0.2)  # names or acronyms only (NAV, OsloMet)
        informative = len(words)  # names and acronyms inside the text are not among them
        # "Kari Nordmann flyttet ...": the first word may be a name. When the rest of the text
        # disagrees with it, the rest decides, and with half the evidence.
        named = informative >= 3 and cues.opens_with_name(parts, words)
        log_odds, rest = self._english_log_odds(parts, words, named)
        if named:
            vote = sum((w in cues.EN_WORDS) - (w in cues.NO_WORDS) for w in words[1:])
            if (rest > 0) != (log_odds > 0) and vote * rest > 0:  # its function words agree with the rest
                log_odds, informative = rest / 2, informative - 1
        p_en = _sigmoid(log_odds)
        if p_en >= 0.5:
            lang, conf = Lang.EN, p_en
        else:
            lang, p_variant = self._variant(words)
            conf = (1.0 - p_en) * p_variant
        shrink = min(1.0, informative / _FULL_WORDS)
        return LangGuess(lang, round(0.34 + (conf - 0.34) * shrink, 4))

    def identify_many(self, texts: Iterable[str]) -> list[LangGuess]:
        """`identify` for each text, in order; BATCH_TEXTS texts or more are read at once
        (`viewer.core.language.batch`: the same decisions, summed with numpy)."""
        texts = list(texts)
        if len(texts) < BATCH_TEXTS:
            return [self.identify(t) for t in texts]
        if self._batch is None:
            from viewer.core.language.batch import BatchReader

            self._batch = BatchReader(self)
        return self._batch.identify_many(texts)


_INSTANCE: LanguageIdentifier | None = None
_INSTANCE_LOCK = threading.Lock()


def get_identifier() -> LanguageIdentifier:
    """The process-wide identifier, so langdetect profiles are loaded once."""
    global _INSTANCE
    if _INSTANCE is None:
        with _INSTANCE_LOCK:
            if _INSTANCE is None:
                _INSTANCE = LanguageIdentifier()
    return _INSTANCE


def identify(text: str) -> LangGuess:
    """Convenience: `get_identifier().identify(text)`."""
    return get_identifier().identify(text)
