"""Scoring a query a posting block at a time: the same BM25F scores as Whoosh's matchers, without a
chain of Python calls per matching passage.

Whoosh walks a query's matcher tree one posting at a time (`id`, `score`, `next` through every
union, each score reading two columns): a word in 40,000 passages of a 50 MB index took 0.2 s, and
block-max skipping cannot help (a block's bound pairs its largest term count with its shortest
passage, so at 50 MB not one block of a common word could be skipped). Here a term's postings are
decoded a block at a time and scored in one comprehension against arrays of the passages' rank
factors and field lengths, loaded once per segment (`segments`); unions, intersections, exclusions
and phrases combine the per-term scores as dictionaries (`scorer`). A phrase's positions are read
only for the candidates that can reach the page (`settle`). Query shapes this does not know raise
`Unsupported`, and the caller searches the Whoosh way.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable
from typing import Any

from whoosh import query as wq

from viewer.core.progress import Cancel
from viewer.core.search.budget import Collected, SearchStopped
from viewer.core.search.phrases import Pending
from viewer.core.search.scorer import Scorer, Unsupported
from viewer.core.search.segments import Segment, segments
from viewer.core.search.termcache import TERM_CACHE_POSTINGS, Scores, TermCache

Adjust = Callable[[Segment, Scores], Scores]  # re-scores one segment's matches
Ranked = list[tuple[float, int]]  # (score, global document number), best first
Unsure = list[tuple[Segment, Pending, Scores]]  # segments with candidates to check, and their adjusted bounds
Entry = tuple[float, int, int]  # a candidate: its negated bound, global document number, index into Unsure
# After the page is full, the candidates left are checked too when this few (the total is then
# exact); else SAMPLE_RUNS runs of RUN_LENGTH neighbouring ones (neighbours share posting blocks,
# so a run costs about one block read per word) estimate how many match, and the total says "about".
CHECK_REST = 64
SAMPLE_RUNS = 16
RUN_LENGTH = 12

__all__ = ["TERM_CACHE_POSTINGS", "Collected", "Segment", "TermCache", "Unsupported", "collect", "segments"]


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
    the number of all matches the filter query `allow` admits (estimated, and flagged so, when a
    phrase has too many candidates to check them all). Raises Unsupported before any work for a query
    shape it does not know, SearchStopped when cancelled; out of time, nothing is kept.

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
        best: Ranked = []
        total = 0
        unsure: Unsure = []
        try:
            for seg in self.segs:
                found = Scorer(seg, self._weighting, self.deadline, self.cancel, self.cache).run(self._q)
                scores = found.bounds if isinstance(found, Pending) else found
                offset = seg.offset
                if self.allow is not None:
                    scores = {d: s for d, s in scores.items() if d + offset in self.allow}
                if self.adjust is not None:
                    scores = self.adjust(seg, scores)
                if isinstance(found, Pending):
                    unsure.append((seg, found, scores))
                    continue
                total += len(scores)
                best = sorted([*best, *_top(scores, offset, self.limit)], key=_rank)[: self.limit]
            estimated = False
            if unsure:
                best, matched, estimated = settle(unsure, best, self.limit, self.adjust)
                total += matched
        except SearchStopped as stop:
            if stop.cancelled:
                raise
            self.collected = Collected([], total, stopped=True)
            return
        self.collected = Collected(best, total, estimated=estimated)


def settle(unsure: Unsure, best: Ranked, limit: int, adjust: Adjust | None) -> tuple[Ranked, int, bool]:
    """The best `limit` among `best` and the candidates still to check, checking candidates from the
    highest bound down until none left can rank above the last of the page (so the page is exactly
    what checking every candidate would give); and how many candidates match: counted when few are
    left, else estimated from a sample (then the flag is True)."""
    heap = [(-b, d + seg.offset, i) for i, (seg, _p, bounds) in enumerate(unsure) for d, b in bounds.items()]
    heapq.heapify(heap)
    matched = checked = 0
    while heap and not _beyond(heap[0], best, limit):
        batch: list[Entry] = []
        size = max(limit, checked // 2)  # batches grow: a phrase rare among its candidates needs thousands
        while heap and len(batch) < size and not _beyond(heap[0], best, limit):
            batch.append(heapq.heappop(heap))
        found = _check(unsure, batch, adjust)
        checked += len(batch)
        matched += len(found)
        best = sorted([*best, *found], key=_rank)[:limit]
    if len(heap) <= max(CHECK_REST, SAMPLE_RUNS * RUN_LENGTH):
        return best, matched + len(_check(unsure, heap, None)), False
    rest = sorted(heap, key=lambda entry: entry[1])  # in document order: a run is a stretch of the corpus
    step = len(rest) // SAMPLE_RUNS
    sample = [e for k in range(SAMPLE_RUNS) for e in rest[k * step : k * step + RUN_LENGTH]]
    share = len(_check(unsure, sample, None)) / len(sample)
    # At least one more than found: the rest may hold matches a page further on (the pages ask).
    return best, max(matched + 1, matched + round(share * len(heap))), True


def _beyond(candidate: Entry, best: Ranked, limit: int) -> bool:
    """Whether a candidate, at its highest possible score, would still rank below the page's last."""
    if len(best) < limit:
        return False
    last_score, last_doc = best[limit - 1]
    return (candidate[0], candidate[1]) > (-last_score, last_doc)


def _check(unsure: Unsure, entries: list[Entry], adjust: Adjust | None) -> Ranked:
    """The candidates that match, with their scores."""
    by_seg: dict[int, list[int]] = {}
    for _b, d, i in entries:
        by_seg.setdefault(i, []).append(d - unsure[i][0].offset)
    out: Ranked = []
    for i, docs in by_seg.items():
        seg, pending, _bounds = unsure[i]
        exact = pending.check(sorted(docs))
        if adjust is not None:
            exact = adjust(seg, exact)
        out.extend((s, d + seg.offset) for d, s in exact.items())
    return out


def _top(found: Scores, offset: int, limit: int) -> Ranked:
    """The best `limit` of one segment's matches as (score, global docnum), ties by docnum.

    `heapq.nlargest` over the scores alone (no key: 4x faster) finds the cut-off without a tuple per
    match; every match scoring at least the cut-off is then ranked, so a tie at the cut-off goes to
    the lower docnum."""
    if len(found) <= limit:
        return [(s, d + offset) for d, s in found.items()]
    cut = heapq.nlargest(limit, found.values())[-1]
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
