"""Both models' evidence for one word from a single pass over its character n-grams.

A new word used to be read twice: its 1-3-grams in langdetect's en/no profiles (`enno`), padded
with spaces, and its 2-5-grams in our Bokmål/Nynorsk model (`ngrams`), padded with "_". Their 2-
and 3-grams are the same substrings once both paddings are "_" (langdetect's grams hold no "_"), so
one table maps each 1-3-gram to a complex number, langdetect's log-likelihood ratio (real) and the
model's weight (imaginary), and a second one to the ratio's square and a count of 1. Summing a
word's grams in each table gives in two C-level sums what took ~50 dictionary look-ups in Python
loops. The sums add the same numbers in the same order as `enno` and `ngrams` do (a missing gram
adds an exact 0), so the results are bit for bit theirs; the 4- and 5-grams, which only a
Norwegian text needs, are added on to the same running sum when asked (`model_score`).

Only plain words take this path: alphabetic, lower-case, below U+0180 (where langdetect changes no
letter). Others go to `enno.word_grams` and `ngrams.word_score` themselves.

`Tables.windows` is what the identifier reads a new word with: the same 1-3-grams grouped by the
character they end at, so a word of L letters is L+1 look-ups of its 3-character windows ("_a",
"_ab", "abc", ..., "yz_") in each table instead of 3L+1 (each window's 1-, 2- and 3-gram summed
once, the first time any word has it, and kept). The same grams, added in another order: equal to
`word` up to float rounding (about 1e-15), not bit for bit.
"""

from __future__ import annotations

import threading
from itertools import repeat
from typing import NamedTuple

from viewer.core.language import enno
from viewer.core.language import ngrams as langmodel

PAD = "_"
_LATIN_END = "\u0180"


class WordGrams(NamedTuple):
    """A plain word's langdetect evidence (as `enno.Grams`) and the 2-3-gram part of its model score."""

    n: int
    total: float
    squares: float
    tail_n: int
    tail_total: float
    tail_squares: float
    model23: float  # ngrams' weights of its 2- and 3-grams, summed in ngrams' order


class Tables:
    """The joined gram tables, built once from the loaded profiles and model."""

    def __init__(self) -> None:
        reader = enno.profiles()
        reader.factory()
        llr = {gram.replace(" ", PAD): value for gram, value in reader._llr.items()}
        model = langmodel.load()
        short = {g: w for g, w in model.items() if len(g) <= 3 and not g.startswith(langmodel.WORD_PREFIX)}
        self.joint: dict[str, complex] = {g: complex(llr.get(g, 0.0), short.get(g, 0.0)) for g in {*llr, *short}}
        self.square: dict[str, complex] = {g: complex(v * v, 1.0) for g, v in llr.items()}
        self.model = model
        self._window_joint: dict[str, complex] = {}  # a window's 1-3-grams summed in `joint`...
        self._window_square: dict[str, complex] = {}  # ...and in `square`

    def windows(self, word: str) -> WordGrams | None:
        """`word(word)` read by 3-character windows (see the module notes); None when not plain."""
        if not (word.isalpha() and word.islower() and max(word) < _LATIN_END):
            return None
        padded = f"{PAD}{word}{PAD}"
        keys = list(map(padded.__getitem__, _window_spans(len(padded))))
        joint, square = self._window_joint, self._window_square
        if not all(map(joint.__contains__, keys)):
            self._add_windows(keys)
        sums = sum(map(joint.__getitem__, keys))
        squares = sum(map(square.__getitem__, keys))
        last = keys[-1]  # its grams are the two langdetect reads at the trailing space
        tail, tail_squares = joint[last], square[last]
        return WordGrams(
            round(squares.imag),
            sums.real,
            squares.real,
            round(tail_squares.imag),
            tail.real,
            tail_squares.real,
            sums.imag,
        )

    def _add_windows(self, keys: list[str]) -> None:
        joint, square = self._window_joint, self._window_square
        if len(joint) > MAX_WINDOWS:
            joint.clear()
            square.clear()
        get_joint, get_square = self.joint.get, self.square.get
        for key in keys:
            if key not in joint:
                # The 1-gram (a letter: none at the trailing pad), the 2-gram and the 3-gram ending here.
                grams = [key[-1:], key[-2:], *([key] if len(key) == 3 else [])] if key[-1] != PAD else [key[-2:], key]
                joint[key] = sum(get_joint(g, 0j) for g in grams)
                square[key] = sum(get_square(g, 0j) for g in grams)

    def word(self, word: str) -> WordGrams | None:
        """The word's evidence, or None when it is not plain (the caller reads it the general way)."""
        if not (word.isalpha() and word.islower() and max(word) < _LATIN_END):
            return None
        padded = f"{PAD}{word}{PAD}"
        spans = _spans123(len(padded))
        grams = list(map(padded.__getitem__, spans))
        joint, square = self.joint.get, self.square.get
        sums = sum(map(joint, grams, repeat(0j, len(spans))))
        squares = sum(map(square, grams, repeat(0j, len(spans))))
        # langdetect's trailing grams: the 2- and 3-gram ending at the closing pad, added in that order.
        two, three = grams[-1 - len(word)], grams[-1]
        tail = 0 + joint(two, 0j).real + joint(three, 0j).real
        tail_squares = 0j + square(two, 0j) + square(three, 0j)
        return WordGrams(
            int(squares.imag), sums.real, squares.real, int(tail_squares.imag), tail, tail_squares.real, sums.imag
        )

    def model_score(self, word: str, model23: float) -> float:
        """`ngrams.word_score(word)` for a plain word, going on from its 2-3-gram sum."""
        padded = f"{PAD}{word}{PAD}"
        spans = _spans45(len(padded))
        rest = sum(map(self.model.get, map(padded.__getitem__, spans), repeat(0.0, len(spans))), model23)
        return self.model.get(langmodel.WORD_PREFIX + word, 0.0) + rest


_SPANS123: dict[int, list[slice]] = {}
_SPANS45: dict[int, list[slice]] = {}
_WINDOWS: dict[int, list[slice]] = {}
MAX_WINDOWS = 1 << 17  # distinct windows kept (real text has some tens of thousands)


def _window_spans(size: int) -> list[slice]:
    """The windows of a padded word of `size` characters: the one ending at its first letter (2
    characters), then every 3 characters up to the closing pad."""
    spans = _WINDOWS.get(size)
    if spans is None:
        spans = _WINDOWS[size] = [slice(0, 2)] + [slice(k - 2, k + 1) for k in range(2, size)]
    return spans


def _spans123(size: int) -> list[slice]:
    """The word's letters, then the 2-grams, then the 3-grams of a padded word of `size` characters:
    langdetect's order, and for the 2- and 3-grams the model's."""
    spans = _SPANS123.get(size)
    if spans is None:
        letters = [slice(i, i + 1) for i in range(1, size - 1)]
        spans = _SPANS123[size] = letters + [slice(i, i + n) for n in (2, 3) for i in range(size - n + 1)]
    return spans


def _spans45(size: int) -> list[slice]:
    spans = _SPANS45.get(size)
    if spans is None:
        spans = _SPANS45[size] = [slice(i, i + n) for n in (4, 5) for i in range(size - n + 1)]
    return spans


_SHARED: Tables | None = None
_SHARED_LOCK = threading.Lock()


def tables() -> Tables:
    """The process-wide joined tables (built from the shared profiles and model on first use)."""
    global _SHARED
    if _SHARED is None:
        with _SHARED_LOCK:
            if _SHARED is None:
                _SHARED = Tables()
    return _SHARED
