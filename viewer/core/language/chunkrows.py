"""Each chunk's counts and word ids as numpy rows, for `viewer.core.language.batch`.

A chunk (`scan.Chunk`: a space-separated piece of text as `scan` reads it) gets an id the first
time a batch holds it. Its row in `ChunkRows.attrs` holds what a text's reading adds up or looks
at (tokens, kept words, the Chunk's flags, capitals and name-like tokens) and where its words'
ids start in `ChunkRows.words`: its first word (when the text around decides whether it is kept)
and then its kept words, as ids of a `wordrows.WordRows` table. A batch's words are then gathered
by numpy indexing, with no string handled per text. The chunks and the word table start afresh
together when either is full, so the ids in `words` always point at the current table.
"""

from __future__ import annotations

from itertools import chain, repeat
from operator import attrgetter, itemgetter

import numpy as np

from viewer.core.language import cues, scan, wordrows

# Columns of `ChunkRows.attrs`.
(RAW_COUNT, LONG, SPECIAL, KEPT_COUNT, STICKY, REACH, DOI, CAPS, CAPS_LETTERS, NOT_NAMES, OFF, HAS_FIRST, OPENER) = (
    range(13)
)
COLUMNS = 13
_WITH_FIRST = attrgetter("with_first")
_RAW = attrgetter("raw")
_KEPT = attrgetter("kept")
_FIRST = itemgetter(0)


def _attributes(chunk: scan.Chunk) -> tuple[int, ...]:
    """A chunk's counts and flags (the columns up to NOT_NAMES), one by one."""
    raw = chunk.raw
    capitals = [w for w in raw if len(w) > 1 and w.isupper()]
    others = sum(not cues.looks_like_name(w) for w in raw)
    return (
        *(len(raw), chunk.long, chunk.special, len(chunk.kept), chunk.sticky, chunk.reach, chunk.doi),
        *(len(capitals), sum(map(len, capitals)), others),
    )


def _all_attributes(chunks: list[scan.Chunk]) -> np.ndarray:
    """`_attributes` of each chunk, at C level for the chunks of one token (most of them)."""
    count = len(chunks)
    rows = np.zeros((count, NOT_NAMES + 1), np.int64)
    raws = list(map(_RAW, chunks))
    rows[:, RAW_COUNT] = np.fromiter(map(len, raws), np.int64, count)
    for column, field in ((LONG, "long"), (SPECIAL, "special"), (STICKY, "sticky"), (REACH, "reach"), (DOI, "doi")):
        rows[:, column] = np.fromiter(map(attrgetter(field), chunks), np.int64, count)
    rows[:, KEPT_COUNT] = np.fromiter(map(len, map(_KEPT, chunks)), np.int64, count)
    one = np.flatnonzero(rows[:, RAW_COUNT] == 1)
    words = list(map(_FIRST, map(raws.__getitem__, one.tolist())))
    size = np.fromiter(map(len, words), np.int64, len(words))
    capitals = (size > 1) & np.fromiter(map(str.isupper, words), bool, len(words))
    rows[one, CAPS] = capitals
    rows[one, CAPS_LETTERS] = size * capitals
    capitalised = np.fromiter(map(str.isupper, map(_FIRST, words)), bool, len(words))
    rows[one, NOT_NAMES] = 1
    named = np.flatnonzero(capitalised)  # a name only if capitalised
    rows[one[named], NOT_NAMES] = [not cues.looks_like_name(words[i]) for i in named.tolist()]
    other = np.flatnonzero(rows[:, RAW_COUNT] != 1)
    if len(other):
        rows[other] = [_attributes(chunks[i]) for i in other.tolist()]
    return rows


def _opener(chunk: scan.Chunk) -> str:
    """Its first token lower-cased when capitalised (`cues.opens_with_name` compares it), else ""."""
    return chunk.raw[0].lower() if chunk.raw and chunk.raw[0][0].isupper() else ""


class ChunkRows:
    """Chunk ids, the chunks, their rows and their words' ids; bounded at scan.MAX_CHUNKS chunks."""

    def __init__(self, words: wordrows.WordRows) -> None:
        self._words = words
        self.ids: dict[str, int] = {}
        self.chunks: list[scan.Chunk] = []
        self.attrs = np.zeros((1024, COLUMNS), np.int64)
        self.words = np.zeros(4096, np.int64)
        self._used = 0  # entries of `words` in use

    def lookup(self, pieces: list[str]) -> np.ndarray:
        """The chunk id of each piece; new pieces are read (`scan.read_into`) and given rows first."""
        ids = np.fromiter(map(self.ids.get, pieces, repeat(-1)), np.int64, len(pieces))
        missing = np.flatnonzero(ids < 0)
        if not len(missing):
            return ids
        new = set(map(pieces.__getitem__, missing.tolist()))
        read: dict[str, scan.Chunk] = {}
        scan.read_into(new, read)
        chunks = list(read.values())
        words = list(chain.from_iterable(map(_WITH_FIRST, chunks)))
        openers = list(map(_opener, chunks))
        unknown = {*words, *openers}.difference(self._words.ids)
        if len(self.ids) + len(chunks) > scan.MAX_CHUNKS or len(self._words.ids) + len(unknown) > wordrows.MAX_WORDS:
            self._clear()
            scan.read_into(set(pieces).difference(read), read)
            chunks = list(read.values())
            words = list(chain.from_iterable(map(_WITH_FIRST, chunks)))
            openers = list(map(_opener, chunks))
            missing = np.arange(len(pieces))
        self._add(list(read), chunks, words, openers)
        ids[missing] = list(map(self.ids.__getitem__, map(pieces.__getitem__, missing.tolist())))
        return ids

    def _clear(self) -> None:
        self.ids.clear()
        self.chunks.clear()
        self._words.ids.clear()
        self._used = 0

    def _add(self, pieces: list[str], chunks: list[scan.Chunk], words: list[str], openers: list[str]) -> None:
        first, count = len(self.chunks), len(chunks)
        word_ids = self._words.lookup(words + [w for w in openers if w])
        rows = np.zeros((count, COLUMNS), np.int64)
        rows[:, :OFF] = _all_attributes(chunks)
        sizes = np.fromiter(map(len, map(_WITH_FIRST, chunks)), np.int64, count)
        rows[:, OFF] = self._used + np.cumsum(sizes) - sizes
        rows[:, HAS_FIRST] = np.fromiter(map(bool, map(attrgetter("first"), chunks)), bool, count)
        opened = np.fromiter(map(bool, openers), bool, count)
        rows[:, OPENER] = -1
        rows[opened, OPENER] = word_ids[len(words) :]
        self.attrs = _room(self.attrs, first + count)
        self.attrs[first : first + count] = rows
        self.words = _room(self.words, self._used + len(words))
        self.words[self._used : self._used + len(words)] = word_ids[: len(words)]
        self._used += len(words)
        self.chunks += chunks
        self.ids.update(zip(pieces, range(first, first + count), strict=True))

    def batch_words(self, ids: np.ndarray, took_first: np.ndarray, counts: np.ndarray) -> np.ndarray:
        """The word ids of chunks `ids` in order: each one's `counts` words, from its first word where
        `took_first` says the text keeps it, else from its first kept word."""
        attrs = self.attrs[ids]
        start = attrs[:, OFF] + attrs[:, HAS_FIRST] * (1 - took_first)
        total = int(counts.sum())
        ends = np.cumsum(counts)
        at = np.arange(total) + np.repeat(start - (ends - counts), counts)
        found: np.ndarray = self.words[at]
        return found


def _room(array: np.ndarray, size: int) -> np.ndarray:
    """`array`, or a copy at least twice as long when it is shorter than `size`."""
    if size <= len(array):
        return array
    grown = np.zeros((max(size, 2 * len(array)), *array.shape[1:]), array.dtype)
    grown[: len(array)] = array
    return grown
