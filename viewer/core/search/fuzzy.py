"""The index words within an edit distance of a fuzzy word (`word~`), from a per-letter word table.

Whoosh's multi-segment reader answers `terms_within` by merging every segment's words that start
with the word's first letter and computing a Damerau-Levenshtein distance in Python for each: at
20 MB nine tenths of a fuzzy query's time. Here the words of a starting letter are read once per
open index and kept by length, and the distance is computed only for words whose length is within
the edit distance (no other word can be), giving the same words in the same (sorted) order.
Memory follows the vocabulary of the letters searched so far (at most the `plain` field's words).
"""

from __future__ import annotations

import itertools
import threading
from typing import Any

from whoosh.support.levenshtein import distance


class FuzzyWords:
    """Per open index: field and starting letters -> {length: words starting so, in term order}."""

    def __init__(self) -> None:
        self._groups: dict[tuple[str, str], dict[int, list[str]]] = {}
        self._lock = threading.Lock()

    def within(self, reader: Any, fieldname: str, text: str, maxdist: int, prefix: int = 1) -> list[str]:
        """What `reader.terms_within(fieldname, text, maxdist, prefix)` yields, sorted."""
        start = text[:prefix]
        with self._lock:
            groups = self._groups.get((fieldname, start)) if start else None
            if groups is None:
                groups = self._read(reader, fieldname, start)
                if start:
                    self._groups[(fieldname, start)] = groups
        n = len(text)
        lengths = range(max(0, n - maxdist), n + maxdist + 1)
        if maxdist == 1:
            found = [w for size in lengths for w in _one_edit_candidates(groups.get(size, []), text, size)]
            return sorted(w for w in found if distance(w, text, limit=1) <= 1)
        candidates = sorted(itertools.chain.from_iterable(groups.get(size, ()) for size in lengths))
        return [w for w in candidates if distance(w, text, limit=maxdist) <= maxdist]

    @staticmethod
    def _read(reader: Any, fieldname: str, start: str) -> dict[int, list[str]]:
        field = reader.schema[fieldname]
        groups: dict[int, list[str]] = {}
        for btext in reader.expand_prefix(fieldname, start):
            word = field.from_bytes(btext)
            groups.setdefault(len(word), []).append(word)
        return groups


def _one_edit_candidates(words: list[str], text: str, size: int) -> list[str]:
    """The words of length `size` that can be one edit from `text` (Damerau: a substitution, an
    insertion, a deletion or two neighbours swapped). One edit leaves the words' common start and
    common end covering all but two characters of the longer one, so one of them covers at least
    half of that: a test in C that drops most words before the distance is computed in Python."""
    need = max(size, len(text)) - 2
    half = need // 2
    if half <= 0:
        return words
    head, tail = text[:half], text[-half:]
    kept = [w for w in words if w.startswith(head) or w.endswith(tail)]
    if len(kept) < 8 * half:  # few enough: the distance itself is cheaper than more testing
        return kept
    return [w for w in kept if _common_start(w, text) + _common_start(w[::-1], text[::-1]) >= need]


def _common_start(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):  # noqa: B905 (they differ in length)
        if x != y:
            break
        n += 1
    return n
