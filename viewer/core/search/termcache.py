"""The scores of recently searched words, kept between searches (a session types the same words again)."""

from __future__ import annotations

from array import array
from collections import OrderedDict

Scores = dict[int, float]  # segment document number -> score
Key = tuple[int, str, str]  # (segment offset, field, word)
# A term's posting blocks in one segment: each block's largest document number and its file offset.
Directory = tuple["array[int]", "array[int]"]
# What the TermCache of an index holds at most: 1.5 million postings, about 18 MB.
TERM_CACHE_POSTINGS = 1_500_000


class TermCache:
    """The scores of recently searched words, per segment, as arrays (12 bytes a posting), with where
    each of the word's posting blocks starts (so a phrase reads the positions of a few passages only).

    Typing a query searches each of its prefixes in turn, and a session comes back to the same
    words: a common word costs its decoding (most of a search) once, then a dictionary built from
    two arrays. At most TERM_CACHE_POSTINGS postings are kept, least recently used dropped first.
    """

    def __init__(self, limit: int = TERM_CACHE_POSTINGS) -> None:
        self.limit = limit
        self._items: OrderedDict[Key, tuple[array[int], array[float], Directory | None]] = OrderedDict()
        self._size = 0

    def get(self, key: Key) -> Scores | None:
        item = self._items.get(key)
        if item is None:
            return None
        self._items.move_to_end(key)
        return dict(zip(item[0], item[1], strict=True))

    def directory(self, key: Key) -> Directory | None:
        item = self._items.get(key)
        return item[2] if item is not None else None

    def put(self, key: Key, scores: Scores, directory: Directory | None = None) -> None:
        if len(scores) > self.limit // 4 or key in self._items:
            return
        self._items[key] = (array("I", scores), array("d", scores.values()), directory)
        self._size += len(scores)
        while self._size > self.limit:
            _key, (ids, _scores, _dir) = self._items.popitem(last=False)
            self._size -= len(ids)
