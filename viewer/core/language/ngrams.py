"""Bokmål vs Nynorsk from words and their character n-grams: a logistic model trained on software
translations that exist in both standards plus dictionary-only word forms (benchmarks/train_langid.py;
sources in viewer/resources/langid/SOURCES.md). It complements `viewer.core.language.nbnn`'s hand-written vote on
text without marker words, e.g. short everyday sentences.

The model file is a gzip TSV of `feature<TAB>weight` (positive = Nynorsk), loaded lazily once per
process.
"""

from __future__ import annotations

import gzip
import threading
from collections.abc import Iterable, Iterator
from itertools import repeat

from viewer.core.language import nbnn
from viewer.core.paths import resource

MODEL_FILE = ("langid", "nbnn_ngrams.tsv.gz")
MIN_N, MAX_N = 2, 5  # character n-gram sizes, over each word padded with "_" at both ends
WORD_PREFIX = "="  # whole-word features are "=word"; "=" never occurs inside a token

_model: dict[str, float] | None = None
_lock = threading.Lock()


def word_features(word: str) -> Iterator[str]:
    """The whole word plus the character n-grams of `_word_`."""
    yield WORD_PREFIX + word
    padded = f"_{word}_"
    for n in range(MIN_N, MAX_N + 1):
        for i in range(len(padded) - n + 1):
            yield padded[i : i + n]


def features(text: str) -> list[str]:
    """Features of a text: those of each lower-cased token (names and acronyms dropped, see nbnn.tokens)."""
    return [f for word in nbnn.tokens(text) for f in word_features(word)]


def load() -> dict[str, float]:
    """The shipped model, read on first use (tens of ms) and kept for the process."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                with resource(*MODEL_FILE).open("rb") as fp:
                    text = gzip.decompress(fp.read()).decode("utf-8")
                while text.startswith("#"):  # header comments
                    text = text.partition("\n")[2]
                cells = iter(text.rstrip("\n").replace("\n", "\t").split("\t"))
                _model = dict(zip(cells, map(float, cells), strict=True))  # pairs; ~4x faster than a line loop
    return _model


def word_score(word: str) -> float:
    """`score([word])`, without the generator: the sum of the weights of the word's features."""
    get = load().get
    padded = f"_{word}_"
    spans = _spans(len(padded))
    grams = map(padded.__getitem__, spans)
    return get(WORD_PREFIX + word, 0.0) + sum(map(get, grams, repeat(0.0, len(spans))))


_SPANS: dict[int, list[slice]] = {}


def _spans(size: int) -> list[slice]:
    """The slices of the MIN_N..MAX_N-grams of a string of `size` characters."""
    spans = _SPANS.get(size)
    if spans is None:
        spans = _SPANS[size] = [slice(i, i + n) for n in range(MIN_N, MAX_N + 1) for i in range(size - n + 1)]
    return spans


def score(words: Iterable[str]) -> float:
    """Log-odds evidence (without bias) from lower-cased words; positive favours Nynorsk, 0 when nothing is known."""
    model = load()
    get = model.get
    return sum(get(f, 0.0) for w in words for f in word_features(w))
