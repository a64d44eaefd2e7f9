"""`LanguageIdentifier.identify_many` for many texts at once: the same decisions as `identify`, with
the per-text sums and the decision arithmetic done over the whole batch in numpy.

The texts' chunks are read as `scan.scan` reads them and kept as numpy rows with their words' ids
(`chunkrows`; new chunks and new words read all at once, `wordrows`), so a batch's words are
gathered by indexing and each text's sums are `np.add.reduceat` over its words' rows. The
English/Norwegian reading (`enno.trial_log_odds`, `enno.log_odds`), the name rule for the first
word, the Bokmål/Nynorsk sum with its a-infinitive bonus and the confidence shrink are then array
expressions. Texts that `identify` reads in a way that is not such a sum (written in capitals, one
word, words outside Latin script, a "doi:" that runs across a space, a capitalised word whose
reading looks further back than its neighbour) are handed to `identify` itself: a few percent.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from itertools import repeat
from typing import TYPE_CHECKING

import numpy as np

from viewer.core.language import chunkrows, cues, enno, scan, wordrows
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


class _Parts:
    """A batch's chunks by position, looked up by chunk id only where asked."""

    def __init__(self, chunks: list[scan.Chunk], ids: list[int]) -> None:
        self._chunks, self._ids = chunks, ids

    def __getitem__(self, i: int) -> scan.Chunk:
        return self._chunks[self._ids[i]]

    def span(self, start: int, end: int) -> list[scan.Chunk]:
        return list(map(self._chunks.__getitem__, self._ids[start:end]))

    def at(self, positions: list[int]) -> list[scan.Chunk]:
        return list(map(self._chunks.__getitem__, map(self._ids.__getitem__, positions)))


class BatchReader:
    """The batch path of one identifier: its word table, and the identifier's chunk store."""

    def __init__(self, owner: LanguageIdentifier) -> None:
        self._owner = owner
        self._rows = wordrows.WordRows(wordrows.codes())
        self._guesses: dict[tuple[int, float], LangGuess] = {}
        self._chunks = chunkrows.ChunkRows(self._rows)
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
        chunks_of = np.fromiter(map(str.count, texts, repeat(" ")), np.int64, len(texts)) + 1
        ids = self._chunks.lookup(" ".join(texts).split(" "))
        parts = _Parts(self._chunks.chunks, ids.tolist())
        starts = np.cumsum(chunks_of) - chunks_of
        handed = np.zeros(len(texts), bool)  # texts for `single`
        attrs = self._chunks.attrs[ids]
        raw_count, kept_of = attrs[:, chunkrows.RAW_COUNT], attrs[:, chunkrows.KEPT_COUNT]
        took_first = self._first_words(parts, attrs, starts, chunks_of, handed)
        kept_of += took_first
        count = np.add.reduceat(raw_count, starts)
        long = np.logical_or.reduceat(attrs[:, chunkrows.LONG], starts)
        words_of = np.add.reduceat(kept_of, starts)
        empty = (count == 0) | (long == 0)
        for i in np.flatnonzero(empty & ~handed).tolist():
            out[i] = UNDETERMINED
        names = self._few_words(attrs, starts, count, words_of, empty | handed, handed, out)
        done = empty | names
        handed |= ~done & (words_of < 2)
        word_ids = self._chunks.batch_words(ids, took_first, kept_of)
        if len(word_ids):
            self._sums(attrs, raw_count, word_ids, starts, words_of, done, handed, out)
        for i in np.flatnonzero(handed).tolist():
            out[i] = single(texts[i])
        return out  # type: ignore[return-value]

    @staticmethod
    def _first_words(
        parts: _Parts, attrs: np.ndarray, starts: np.ndarray, chunks_of: np.ndarray, handed: np.ndarray
    ) -> np.ndarray:
        """`scan.scan`'s reading of the chunks whose first word depends on what precedes them: 1 for
        each chunk whose first word is kept, else 0."""
        took = np.zeros(len(attrs), np.int64)
        special = np.flatnonzero(attrs[:, chunkrows.SPECIAL])
        if not len(special):
            return took
        text_of = np.repeat(np.arange(len(starts)), chunks_of)[special]
        doi = attrs[special, chunkrows.DOI] == 1  # the noise pattern may span chunks: `identify` reads it whole
        handed[text_of[doi]] = True
        opening = special == starts[text_of]  # nothing before it: kept
        before = attrs[np.maximum(special - 1, 0), chunkrows.STICKY]
        near = ~opening & (attrs[special, chunkrows.REACH] == scan._LOOKBACK) & (before >= 0)  # its neighbour decides
        keep = ~doi & (opening | (near & (before == 0)))
        far = np.flatnonzero(~doi & ~opening & ~near)  # it looks further back: read as scan does
        for j, i, s in zip(far.tolist(), special[far].tolist(), starts[text_of[far]].tolist(), strict=True):
            keep[j] = not scan._follows_word(parts.span(s, i + 1), i - s, parts[i].reach)
        took[special[keep]] = 1
        return took

    @staticmethod
    def _few_words(
        attrs: np.ndarray,
        starts: np.ndarray,
        count: np.ndarray,
        words_of: np.ndarray,
        skip: np.ndarray,
        handed: np.ndarray,
        out: list[LangGuess | None],
    ) -> np.ndarray:
        """`identify`'s two readings of texts with few words: written in capitals (`cues.in_capitals`:
        handed to it, it reads them in small letters), or of three tokens or fewer that all look like
        names (`und`). Taken from per-chunk counts."""
        columns = (chunkrows.CAPS, chunkrows.CAPS_LETTERS, chunkrows.NOT_NAMES)
        capitals, letters, others = (np.add.reduceat(attrs[:, c], starts) for c in columns)
        written = ~skip & (words_of <= 0.4 * count) & (capitals >= 0.6 * count) & (letters >= cues.CAPITAL_LETTERS)
        handed |= written
        names = ~skip & ~written & (count <= 3) & (others == 0)
        for i in np.flatnonzero(names).tolist():
            out[i] = _NAMES
        found: np.ndarray = names
        return found

    def _sums(
        self,
        attrs: np.ndarray,
        raw_count: np.ndarray,
        ids: np.ndarray,
        starts: np.ndarray,
        words_of: np.ndarray,
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
        named &= _opens_with_first_word(attrs, raw_count, ids, starts[ok], first_at[ok])
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


def _opens_with_first_word(
    attrs: np.ndarray, raw_count: np.ndarray, ids: np.ndarray, starts: np.ndarray, first_at: np.ndarray
) -> np.ndarray:
    """Whether each text's first token as written is capitalised and, lower-cased, its first word."""
    has_raw = np.flatnonzero(raw_count)
    # The first chunk with a token at or after each text's first chunk (every text here has one).
    opener = attrs[has_raw[np.searchsorted(has_raw, starts)], chunkrows.OPENER]
    both: np.ndarray = (opener >= 0) & (opener == ids[first_at])
    return both
