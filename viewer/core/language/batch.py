"""`LanguageIdentifier.identify_many` for many texts at once: the same decisions as `identify`, with
the tokenising, the per-text sums and the decision arithmetic done over the whole batch in numpy.

The batch's tokens are read in a few C-level passes (`tokens`), looked up in a table of word rows
(`wordrows`; new words read all at once), and each text's sums are `np.add.reduceat` over its kept
words' rows. The English/Norwegian reading (`enno.trial_log_odds`, `enno.log_odds`), the name rule
for the first word, the Bokmål/Nynorsk sum with its a-infinitive bonus and the confidence shrink
are then array expressions. Texts that `identify` reads in a way that is not such a sum (written in
capitals, one word, words outside Latin script) are handed to `identify` itself: a few percent.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from viewer.core.language import cues, enno, tokens, wordrows
from viewer.core.language import identify as ident
from viewer.core.language.labels import UNDETERMINED, Lang, LangGuess
from viewer.core.language.wordrows import A4, AA, CHARS, FN, MODEL, ODD, POINTS, SQUARES, TOTAL, VOTE, N

if TYPE_CHECKING:
    from viewer.core.language.identify import LanguageIdentifier

_LANGS = (Lang.EN, Lang.NB, Lang.NN)
_NAMES = LangGuess(Lang.UND, 0.2)  # identify's answer for names or acronyms only


def _ld(n: np.ndarray, total: np.ndarray, squares: np.ndarray) -> np.ndarray:
    """`identify._ld` over arrays: langdetect's expected log-odds of English (0 without grams)."""
    with np.errstate(all="ignore"):
        mean = total / n
        variance = squares / n - mean * mean
        z = 2.0 * mean * enno.BARRIER / variance
    z = np.where(variance <= 1e-12, np.sign(mean) * np.inf, z)
    z = np.nan_to_num(z, nan=0.0, posinf=np.inf, neginf=-np.inf)
    sure = np.abs(z) >= enno.Z_SURE
    with np.errstate(invalid="ignore"):
        guess = np.clip(enno.SLOPE * z + enno.OFFSET, -enno.LD_CLIP, enno.LD_CLIP)
    out: np.ndarray = np.where(n == 0, 0.0, np.where(sure, np.copysign(enno.LD_CLIP, z), guess))
    return out


def _sigmoid(x: np.ndarray) -> np.ndarray:
    out: np.ndarray = 1.0 / (1.0 + np.exp(-np.clip(x, -30.0, 30.0)))
    return out


class BatchReader:
    """The batch path of one identifier: its word table, and the identifier's chunk store."""

    def __init__(self, owner: LanguageIdentifier) -> None:
        self._owner = owner
        self._rows = wordrows.WordRows(wordrows.codes())
        self._guesses: dict[tuple[int, float], LangGuess] = {}
        # The process-wide identifier may be asked from several threads; the tables grow in place.
        self._lock = threading.Lock()

    def identify_many(self, texts: list[str]) -> list[LangGuess]:
        """The owner's `identify` of each text: known short texts from its store, the others read
        here as one batch (when enough of them are new) and remembered as `identify` does."""
        owner = self._owner
        known = list(map(owner._texts.get, texts))
        todo = [i for i, guess in enumerate(known) if guess is None]
        if len(todo) < ident.BATCH_TEXTS:
            return [owner.identify(t) for t in texts]
        store, limit = owner._texts, owner._text_chars
        with self._lock:
            new = self.identify([texts[i] for i in todo], owner.identify)
        for i, guess in zip(todo, new, strict=True):
            known[i] = guess
            if len(texts[i]) <= limit:
                if len(store) > ident.MAX_TEXTS:
                    store.clear()
                store[texts[i]] = guess
        return known  # type: ignore[return-value]

    def identify(self, texts: list[str], single: Callable[[str], LangGuess]) -> list[LangGuess]:
        """The guesses for `texts`, in order; `single` answers the texts this path leaves to it."""
        out: list[LangGuess | None] = [None] * len(texts)
        read = tokens.read(texts)
        ids = self._rows.lookup(read.lowered)  # every token's, the kept ones and the others
        count, size = read.counts, len(texts)
        kept_of = np.bincount(read.text_of[read.kept], minlength=size)
        long = np.bincount(read.text_of[read.length > 1], minlength=size) > 0
        handed = np.zeros(size, bool)  # texts for `single`
        handed[read.odd] = True  # a "doi:" before a blank: the noise pattern runs on past it
        empty = (count == 0) | ~long
        for i in np.flatnonzero(empty & ~handed).tolist():
            out[i] = UNDETERMINED
        names = self._few_words(read, ids, kept_of, empty, handed, out)
        done = empty | names | handed
        handed |= ~done & (kept_of < 2)
        word_ids = ids[read.kept]
        if len(word_ids):
            # cues.opens_with_name's first half: the text's first token as written is capitalised and,
            # lower-cased, its first word.
            first_at = np.cumsum(kept_of) - kept_of
            opener = np.minimum(read.first, len(ids) - 1)
            opens = read.capital[opener] & (ids[opener] == word_ids[np.minimum(first_at, len(word_ids) - 1)])
            self._sums(word_ids, kept_of, opens, done, handed, out)
        for i in np.flatnonzero(handed).tolist():
            out[i] = single(texts[i])
        return out  # type: ignore[return-value]

    def _few_words(
        self,
        read: tokens.Tokens,
        ids: np.ndarray,
        words_of: np.ndarray,
        skip: np.ndarray,
        handed: np.ndarray,
        out: list[LangGuess | None],
    ) -> np.ndarray:
        """`identify`'s two readings of texts with few words: written in capitals (`cues.in_capitals`:
        handed to it, it reads them in small letters), or of three tokens or fewer that all look like
        names (`cues.looks_like_name`: `und`)."""
        size, count, text_of = len(words_of), read.counts, read.text_of
        capitals = np.bincount(text_of, read.acronym, size)
        letters = np.bincount(text_of, read.acronym * read.length, size)
        rows = self._rows.rows
        named = read.capital & (rows[ids, FN] == 0) & (rows[ids, POINTS] == 0)
        others = count - np.bincount(text_of, named, size)
        written = ~skip & (words_of <= 0.4 * count) & (capitals >= 0.6 * count) & (letters >= cues.CAPITAL_LETTERS)
        handed |= written
        names = ~skip & ~written & (count <= 3) & (others == 0)
        for i in np.flatnonzero(names).tolist():
            out[i] = _NAMES
        found: np.ndarray = names
        return found

    def _sums(
        self,
        ids: np.ndarray,
        words_of: np.ndarray,
        opens: np.ndarray,
        done: np.ndarray,
        handed: np.ndarray,
        out: list[LangGuess | None],
    ) -> None:
        """The texts' word rows (`ids`, text after text) summed, and the decisions taken from the sums."""
        rows = self._rows.rows
        table = np.zeros((len(ids) + 1, wordrows.COLUMNS))  # one row of zeros after: empty texts end there
        table[:-1] = rows[ids]
        first_at = np.cumsum(words_of) - words_of
        last_at = np.maximum(first_at + words_of - 1, 0)
        pairs = np.zeros(len(table))  # "å" then a word of 4+ letters in -a, within one text
        pairs[1:-1] = table[:-2, AA] * table[1:-1, A4]
        pairs[first_at] = 0.0
        pairs[-1] = 0.0
        sums = np.add.reduceat(table, first_at)
        bonus = np.add.reduceat(pairs, first_at)
        # A typographic apostrophe counts for langdetect's cleaning (enno.drops_latin): the letters of
        # the words that hold one are counted, so a text is handed over whenever it might apply.
        handed |= ~done & ((sums[:, ODD] > 0) | (sums[:, CHARS] > enno.MAX_TEXT + 1))
        handed |= ~done & (2 * sums[:, wordrows.LATIN] < sums[:, wordrows.APOS])
        ok = np.flatnonzero(~done & ~handed)
        if not len(ok):
            return
        sums, bonus, words_of = sums[ok], bonus[ok], words_of[ok]
        first, last = table[first_at[ok]], table[last_at[ok]]
        n = np.rint(sums[:, N]) - np.rint(last[:, wordrows.TAIL_N])
        total = sums[:, TOTAL] - last[:, wordrows.TAIL_TOTAL]
        squares = sums[:, SQUARES] - last[:, wordrows.TAIL_SQUARES]
        lex = np.rint(sums[:, VOTE])
        full = _ld(n, total, squares) + ident._LEX_WEIGHT * lex
        rest_lex = lex - np.rint(first[:, VOTE])
        rest = _ld(n - np.rint(first[:, N]), total - first[:, TOTAL], squares - first[:, SQUARES])
        rest += ident._LEX_WEIGHT * rest_lex
        # cues.opens_with_name: the text's first token as written is capitalised, is its first word,
        # and is neither a function word nor a marker of either standard.
        named = (words_of >= 3) & (first[:, FN] == 0) & (first[:, POINTS] == 0)
        named &= opens[ok]
        swap = named & ((rest > 0) != (full > 0)) & (rest_lex * rest > 0)
        log_odds = np.where(swap, rest / 2, full)
        informative = words_of - swap
        p_en = _sigmoid(log_odds)
        english = p_en >= 0.5
        rule = sums[:, POINTS] + 2 * bonus
        variant = ident.VARIANT_RULE * rule + ident.VARIANT_MODEL * sums[:, MODEL] + ident.VARIANT_BIAS
        markerless = (np.abs(rule) < 1) & (words_of < ident.MARKERLESS_WORDS)
        variant = np.where(markerless, np.clip(variant, -ident.MARKERLESS_CAP, ident.MARKERLESS_CAP), variant)
        p_nn = _sigmoid(variant)
        nynorsk = p_nn >= 0.5
        conf = np.where(english, p_en, (1.0 - p_en) * np.where(nynorsk, p_nn, 1.0 - p_nn))
        shrink = np.minimum(1.0, informative / ident._FULL_WORDS)
        # identify's round(..., 4), at once (it can differ from round() only on a tie in the 5th decimal).
        conf = np.rint((0.34 + (conf - 0.34) * shrink) * 1e4) / 1e4
        lang = np.where(english, 0, np.where(nynorsk, 2, 1)).tolist()
        guesses, make = self._guesses, self._guess
        for i, key in zip(ok.tolist(), zip(lang, conf.tolist(), strict=True), strict=True):
            out[i] = guesses.get(key) or make(key)

    def _guess(self, key: tuple[int, float]) -> LangGuess:
        guess = self._guesses[key] = LangGuess(_LANGS[key[0]], key[1])
        return guess
