"""Phrases checked lazily: a phrase's matches are the passages holding all its words, scored as the
sum of the words' scores (as Whoosh's SpanNear2 scores them), so the score is known before the
positions are read. A `Pending` carries those candidates with the highest score each can have and a
`check` that reads the positions of the passages asked about; the collector checks the best
candidates until a page is full (`settle`), not all of them. A common two-word phrase at 50 MB has
tens of thousands of candidates: checking each one's positions was most of its time.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from pickle import loads
from typing import Any

from whoosh.system import _INT_SIZE

from viewer.core.search.termcache import Directory, Scores


@dataclass
class Pending:
    """Possible matches: `bounds` holds each with the highest score it can have (its score if it
    matches, for a phrase); `check(docs)` gives those of `docs` (a subset of `bounds`, ascending)
    that really match, with their exact scores."""

    bounds: Scores
    check: Callable[[Sequence[int]], Scores]


Part = Scores | Pending  # what evaluating a query node gives: exact scores, or candidates to check


def bounds_of(part: Part) -> Scores:
    return part.bounds if isinstance(part, Pending) else part


def exact(part: Part) -> Scores:
    """Every match of a part, checked."""
    return part.check(sorted(part.bounds)) if isinstance(part, Pending) else part


class PostingValues:
    """A term's posting values (its positions in each passage) in one segment, a block at a time:
    from the blocks its scores were just read from, or read on demand through its block directory."""

    def __init__(self, reader: Any, field: str, text: str, directory: Directory) -> None:
        self._reader, self._field, self._text = reader, field, text
        self._maxids, self._offsets = directory
        self._blocks: dict[int, tuple[list[int], Sequence[bytes]]] = {}
        self._matcher: Any = None

    def keep(self, block: int, ids: list[int], values: Sequence[bytes]) -> None:
        """A block already decoded (while scoring), kept for this search."""
        self._blocks[block] = (ids, values)

    def get(self, doc: int) -> bytes:
        block = bisect_left(self._maxids, doc)
        got = self._blocks.get(block)
        if got is None:
            got = self._blocks[block] = self._read(block)
        ids, values = got
        return values[bisect_left(ids, doc)]

    def _read(self, block: int) -> tuple[list[int], Sequence[bytes]]:
        if self._matcher is None:
            m = self._reader.postings(self._field, self._text)
            self._matcher = getattr(m, "child", m)  # past Whoosh's filter of deleted documents
        m = self._matcher
        m._goto(self._offsets[block])  # WORKAROUND: Whoosh seeks blocks only forwards, one header at a time
        m._read_data()
        return list(accumulate(m._data[0])), m._data[2]


def positions(value: bytes) -> Iterable[int]:
    """A Positions posting value decoded (Whoosh's Positions.decode_positions, without its calls)."""
    return accumulate(loads(value[_INT_SIZE:] if value.endswith(b".") else value[_INT_SIZE:] + b"."))


def phrase_candidates(words: Sequence[str], scores: dict[str, Scores]) -> Scores:
    """The passages holding every word, with the sum of the words' scores (a repeated word twice)."""
    ordered = [scores[w] for w in words]
    smallest = min(ordered, key=len)
    common = set(smallest).intersection(*(t for t in ordered if t is not smallest))
    if len(ordered) == 2:  # the usual phrase: the same sum as below (0 + a + b == a + b), without a generator
        first, second = ordered
        return {d: first[d] + second[d] for d in common}
    return {d: sum(t[d] for t in ordered) for d in common}


def in_order(words: Sequence[str], values: dict[str, PostingValues], doc: int) -> bool:
    """Whether `doc` holds the words at consecutive positions (stop words were renumbered away)."""
    if len(words) == 2:  # the usual phrase, without the list and set of each further word
        firsts = set(positions(values[words[0]].get(doc)))
        return any(p - 1 in firsts for p in positions(values[words[1]].get(doc)))
    starts = set(positions(values[words[0]].get(doc)))
    for i, word in enumerate(words[1:], 1):
        starts.intersection_update([p - i for p in positions(values[word].get(doc))])
        if not starts:
            return False
    return True
