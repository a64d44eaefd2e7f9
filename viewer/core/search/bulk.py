"""Scoring a query a posting block at a time: the same BM25F scores as Whoosh's matchers, without a
chain of Python calls per matching passage.

Whoosh walks a query's matcher tree one posting at a time (`id`, `score`, `next` through every
union, each score reading two columns): a word in 40,000 passages of a 50 MB index took 0.2 s, and
block-max skipping cannot help (a block's bound pairs its largest term count with its shortest
passage, so at 50 MB not one block of a common word could be skipped). Here a term's postings are
decoded a block at a time and scored in one comprehension against arrays of the passages' rank
factors and field lengths, loaded once per segment; unions, intersections, exclusions and phrases
combine the per-term scores as dictionaries. Query shapes this does not know raise `Unsupported`,
and the caller searches the Whoosh way.
"""

from __future__ import annotations

import heapq
import sys
import time
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import accumulate
from pickle import loads
from typing import Any

from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.system import _INT_SIZE
from whoosh.util.numeric import byte_to_length

from viewer.core.progress import Cancel
from viewer.core.search.budget import Collected, SearchStopped
from viewer.core.search.schema import LOW_VALUE_SCALE

Scores = dict[int, float]  # segment document number -> score
Adjust = Callable[["Segment", Scores], Scores]  # re-scores one segment's matches
# What the TermCache of an index holds at most: 1.5 million postings, about 18 MB.
TERM_CACHE_POSTINGS = 1_500_000


class Unsupported(Exception):
    """A query shape the bulk scorer leaves to Whoosh."""


@dataclass
class Segment:
    """What scoring needs of one segment, read once: rank factors and field lengths as arrays."""

    searcher: Any  # Whoosh's searcher of this segment alone
    offset: int  # its first document number in the whole index
    factors: array[float]  # low-value passages already scaled by LOW_VALUE_SCALE
    lengths: dict[str, bytes]  # field -> one length byte per document
    deleted: frozenset[int]


def segments(searcher: Any) -> list[Segment]:
    """The index's segments with their columns loaded (a few MB at 50 MB; done once per searcher)."""
    out = []
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        count = reader.doc_count_all()
        factors = _column_array(reader.column_reader("factor")._reader, count, "f", 1.0)
        factors = array("d", [f or LOW_VALUE_SCALE for f in factors])  # doubles, as Whoosh's scorer uses
        lengths = {}
        for name in ("en", "no", "plain"):
            column = reader._perdoc._cached_reader(_lenfield(name), LENGTHS_COLUMN)
            lengths[name] = bytes(_column_array(column, count, "B", 0)) if column is not None else bytes(count)
        deleted = frozenset(reader.deleted_docs_set) if reader.has_deletions() else frozenset()
        out.append(Segment(sub, offset, factors, lengths, deleted))
    return out


def _column_array(column: Any, count: int, typecode: str, default: float) -> array[Any]:
    """A fixed-width numeric Whoosh column read whole (Whoosh reads it a value at a time).

    WORKAROUND: reads the column reader's file span directly; NumericColumn stores big-endian values.
    """
    values: array[Any] = array(typecode)
    stored = min(count, column._count)
    values.frombytes(column._dbfile.get(column._basepos, stored * values.itemsize))
    if values.itemsize > 1 and sys.byteorder == "little":
        values.byteswap()
    values.extend([default] * (count - stored))
    return values


class TermCache:
    """The scores of recently searched words, per segment, as arrays (12 bytes a posting).

    Typing a query searches each of its prefixes in turn, and a session comes back to the same
    words: a common word costs its decoding (most of a search) once, then a dictionary built from
    two arrays. At most TERM_CACHE_POSTINGS postings are kept, least recently used dropped first.
    """

    def __init__(self, limit: int = TERM_CACHE_POSTINGS) -> None:
        self.limit = limit
        self._items: OrderedDict[tuple[int, str, str], tuple[array[int], array[float]]] = OrderedDict()
        self._size = 0

    def get(self, key: tuple[int, str, str]) -> Scores | None:
        item = self._items.get(key)
        if item is None:
            return None
        self._items.move_to_end(key)
        return dict(zip(*item, strict=True))

    def put(self, key: tuple[int, str, str], scores: Scores) -> None:
        if len(scores) > self.limit // 4 or key in self._items:
            return
        self._items[key] = (array("I", scores), array("d", scores.values()))
        self._size += len(scores)
        while self._size > self.limit:
            _key, (ids, _scores) = self._items.popitem(last=False)
            self._size -= len(ids)


class Scorer:
    """Evaluates one compiled query on one segment, checking the deadline and cancel between blocks."""

    def __init__(
        self, segment: Segment, weighting: Any, deadline: float, cancel: Cancel | None, cache: TermCache
    ) -> None:
        self.seg = segment
        self.weighting = weighting
        self.deadline = deadline
        self.cancel = cancel
        self.cache = cache
        self._seen: dict[tuple[str, str, float], Scores] = {}  # a word repeated in a query is read once

    def run(self, q: wq.Query) -> Scores:
        scores = self._eval(q)
        if self.seg.deleted:
            for d in self.seg.deleted.intersection(scores):
                del scores[d]
        return scores

    def _eval(self, q: wq.Query) -> Scores:
        if isinstance(q, type(wq.NullQuery)):
            return {}
        if isinstance(q, wq.Term):
            key = (q.fieldname, q.text, q.boost)
            if key not in self._seen:
                self._seen[key] = self._cached_term(*key)
            return self._seen[key]
        if isinstance(q, wq.Phrase):
            return self._phrase(q)
        if isinstance(q, wq.Or):
            return _union([self._eval(sub) for sub in q.subqueries])
        if isinstance(q, wq.And):
            return self._and(q)
        if isinstance(q, wq.Not):  # outside an AND: every passage without it, scored 1 as Whoosh does
            gone = self._eval(q.query)
            self._check()
            return dict.fromkeys((d for d in range(len(self.seg.factors)) if d not in gone), 1.0)
        raise Unsupported(type(q).__name__)

    def _and(self, q: wq.And) -> Scores:
        positive = [sub for sub in q.subqueries if not isinstance(sub, wq.Not)]
        negative = [sub.query for sub in q.subqueries if isinstance(sub, wq.Not)]
        reader = self.seg.searcher.reader()
        positive.sort(key=lambda sub: sub.estimate_size(reader))  # the rarest first: an empty part ends it
        out: Scores | None = None
        for sub in positive:
            part = self._eval(sub)
            out = dict(part) if out is None else {d: s + part[d] for d, s in out.items() if d in part}
            if not out:
                return {}
        assert out is not None  # an AND has a positive part (`_check_shape`)
        for sub in negative:  # Whoosh scores each matched exclusion as 1 (an InverseMatcher's weight)
            gone = self._eval(sub)
            out = {d: s + 1.0 for d, s in out.items() if d not in gone}
        return out

    def _phrase(self, q: wq.Phrase) -> Scores:
        """Passages holding the words at consecutive positions (stop words were renumbered away when
        indexing), scored as the sum of the words' scores, as Whoosh's SpanNear2 scores them."""
        values: dict[str, dict[int, bytes]] = {w: {} for w in q.words}
        scores = {w: self._term(q.fieldname, w, 1.0, values[w]) for w in values}
        ordered = [scores[w] for w in q.words]
        first, rest = values[q.words[0]], [(i, values[w]) for i, w in enumerate(q.words[1:], 1)]
        out: Scores = {}
        for d in set(ordered[0]).intersection(*ordered[1:]):
            starts = set(_positions(first[d]))
            for i, vals in rest:
                starts.intersection_update([p - i for p in _positions(vals[d])])
                if not starts:
                    break
            if starts:
                out[d] = sum(t[d] for t in ordered)
        return out

    def _cached_term(self, field: str, text: str, boost: float) -> Scores:
        self._check()  # also between cached words: a budget is kept however the time is spent
        key = (self.seg.offset, field, text)
        scores = self.cache.get(key)
        if scores is None:
            scores = self._term(field, text, 1.0)
            self.cache.put(key, scores)
        return scores if boost == 1.0 else {d: s * boost for d, s in scores.items()}

    def _term(self, field: str, text: str, boost: float, values: dict[int, bytes] | None = None) -> Scores:
        """One term's scores in this segment; with `values`, its postings' values (positions) go there."""
        seg = self.seg
        reader = seg.searcher.reader()
        if (field, text) not in reader:
            return {}
        scorer = self.weighting.scorer(seg.searcher, field, text)
        idf, avgfl, b, k1 = scorer.idf, scorer.avgfl, scorer.B, scorer.K1
        denom = [k1 * ((1 - b) + b * byte_to_length(n) / avgfl) for n in range(256)]
        lengths, factors, top = seg.lengths[field], seg.factors, idf * (k1 + 1)
        out: Scores = {}
        m = reader.postings(field, text)
        m = getattr(m, "child", m)  # past Whoosh's FilterMatcher of deleted documents (`run` drops them)
        while m.is_active():
            self._check()
            m._read_data()  # WORKAROUND: a whole block at once; Whoosh's matchers decode it a posting at a time
            ids, weights = list(accumulate(m._data[0])), m._data[1]
            if weights is None or isinstance(weights, float):
                w = 1.0 if weights is None else weights
                block = [top * w / (w + denom[lengths[d]]) * factors[d] for d in ids]
            else:
                block = [top * w / (w + denom[lengths[d]]) * factors[d] for d, w in zip(ids, weights, strict=True)]
            if boost != 1.0:
                block = [s * boost for s in block]
            out.update(zip(ids, block, strict=True))
            if values is not None:
                values.update(zip(ids, m._data[2], strict=True))
            m._next_block()
        return out

    def _check(self) -> None:
        cancelled = self.cancel is not None and self.cancel()
        if cancelled or time.monotonic() > self.deadline:
            raise SearchStopped(cancelled)


def _positions(value: bytes) -> Iterable[int]:
    """A Positions posting value decoded (Whoosh's Positions.decode_positions, without its calls)."""
    return accumulate(loads(value[_INT_SIZE:] if value.endswith(b".") else value[_INT_SIZE:] + b"."))


def _union(parts: list[Scores]) -> Scores:
    parts = sorted(parts, key=len, reverse=True)
    if not parts:
        return {}
    out = dict(parts[0])
    for part in parts[1:]:
        get = out.get
        out.update({d: get(d, 0.0) + s for d, s in part.items()})
    return out


def collect(
    segs: list[Segment],
    q: wq.Query,
    searcher: Any,
    allow: wq.Query | None,
    limit: int,
    deadline: float,
    cancel: Cancel | None,
    cache: TermCache,
    adjust: Adjust | None = None,
) -> Collected:
    """The best `limit` matches, best first with ties by document number (as Whoosh orders them), and
    the number of all matches the filter query `allow` admits. Raises Unsupported before any work for
    a query shape it does not know, SearchStopped when cancelled; out of time, nothing is kept.

    It runs through `searcher.search_with_collector`, as a collector, so that the searcher stays the
    one way into the index. `adjust(segment, scores)`, when given, re-scores each segment's matches
    before the best are chosen (`boost` uses it to favour the query's language).
    """
    _check_shape(q)
    run = _BulkRun(segs, limit, deadline, cancel, cache)
    run.adjust = adjust
    run.allow = searcher._filter_to_comb(allow) if allow is not None else None
    searcher.search_with_collector(q, run)
    return run.collected


class _BulkRun:
    """What `Searcher.search_with_collector` drives (`prepare`, then `run`): the bulk scoring."""

    def __init__(
        self, segs: list[Segment], limit: int, deadline: float, cancel: Cancel | None, cache: TermCache
    ) -> None:
        self.segs, self.limit, self.deadline, self.cancel, self.cache = segs, limit, deadline, cancel, cache
        self.allow: Any = None
        self.adjust: Adjust | None = None
        self.collected = Collected([], 0)
        self._q: wq.Query | None = None
        self._weighting: Any = None

    def prepare(self, top_searcher: Any, q: wq.Query, context: Any) -> None:
        self._q, self._weighting = q, top_searcher.weighting

    def run(self) -> None:
        best: list[tuple[float, int]] = []
        total = 0
        try:
            for seg in self.segs:
                found = Scorer(seg, self._weighting, self.deadline, self.cancel, self.cache).run(self._q)
                offset = seg.offset
                if self.allow is not None:
                    found = {d: s for d, s in found.items() if d + offset in self.allow}
                if self.adjust is not None:
                    found = self.adjust(seg, found)
                total += len(found)
                best = sorted([*best, *_top(found, offset, self.limit)], key=_rank)[: self.limit]
        except SearchStopped as stop:
            if stop.cancelled:
                raise
            self.collected = Collected([], total, stopped=True)
            return
        self.collected = Collected(best, total)


def _top(found: Scores, offset: int, limit: int) -> list[tuple[float, int]]:
    """The best `limit` of one segment's matches as (score, global docnum), ties by docnum.

    `heapq.nlargest` over the scores alone finds the cut-off without a tuple per match; every match
    scoring at least the cut-off is then ranked, so a tie at the cut-off goes to the lower docnum."""
    if len(found) <= limit:
        return [(s, d + offset) for d, s in found.items()]
    cut = found[heapq.nlargest(limit, found, key=found.__getitem__)[-1]]
    return sorted(((s, d + offset) for d, s in found.items() if s >= cut), key=_rank)[:limit]


def _rank(hit: tuple[float, int]) -> tuple[float, int]:
    return -hit[0], hit[1]


def _check_shape(q: wq.Query) -> None:
    """Raise Unsupported unless every node is one the Scorer evaluates."""
    if isinstance(q, type(wq.NullQuery) | wq.Term):
        return
    if isinstance(q, wq.Phrase):
        if q.slop != 1 or q.boost != 1.0:
            raise Unsupported("a sloppy or boosted phrase")
        return
    if isinstance(q, wq.Not):
        _check_shape(q.query)
        return
    if isinstance(q, wq.Or) and q.boost == 1.0 and not q.scale:
        pass
    elif isinstance(q, wq.And) and q.boost == 1.0:
        if all(isinstance(sub, wq.Not) for sub in q.subqueries):
            raise Unsupported("only negations")
    else:
        raise Unsupported(type(q).__name__)
    for sub in q.subqueries:
        _check_shape(sub)
