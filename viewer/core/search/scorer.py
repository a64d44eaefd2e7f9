"""Evaluating a compiled query on one segment a posting block at a time (see `bulk`): terms scored
in one comprehension per block against the segment's arrays, unions, intersections and exclusions
as dictionaries, phrases as candidates whose positions are checked later (`phrases`)."""

from __future__ import annotations

import time
from array import array
from collections.abc import Sequence
from itertools import accumulate
from typing import Any

from whoosh import query as wq
from whoosh.util.numeric import byte_to_length

from viewer.core.progress import Cancel
from viewer.core.search.budget import SearchStopped
from viewer.core.search.phrases import Part, Pending, PostingValues, bounds_of, exact, in_order, phrase_candidates
from viewer.core.search.segments import Segment
from viewer.core.search.termcache import Directory, Scores, TermCache

EAGER_CHECK = 64  # a phrase with at most this many candidates in a segment is checked at once


class Unsupported(Exception):
    """A query shape the bulk scorer leaves to Whoosh."""


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
        self._values: dict[tuple[str, str], PostingValues] = {}  # the positions of phrases' words

    def run(self, q: wq.Query) -> Part:
        found = self._eval(q)
        if self.seg.deleted:
            scores = bounds_of(found)
            for d in self.seg.deleted.intersection(scores):
                del scores[d]
        return found

    def _eval(self, q: wq.Query) -> Part:
        if isinstance(q, type(wq.NullQuery)):
            return {}
        if isinstance(q, wq.Term):
            return self._word(q.fieldname, q.text, q.boost)
        if isinstance(q, wq.Phrase):
            return self._phrase(q)
        if isinstance(q, wq.Or):
            return self._or([self._eval(sub) for sub in q.subqueries])
        if isinstance(q, wq.And):
            return self._and(q)
        if isinstance(q, wq.Not):  # outside an AND: every passage without it, scored 1 as Whoosh does
            gone = exact(self._eval(q.query))
            self._check()
            return dict.fromkeys((d for d in range(len(self.seg.factors)) if d not in gone), 1.0)
        raise Unsupported(type(q).__name__)

    def _or(self, parts: list[Part]) -> Part:
        ordered = sorted(parts, key=lambda part: len(bounds_of(part)), reverse=True)
        union = _union([bounds_of(part) for part in ordered])
        if not any(isinstance(part, Pending) for part in ordered):
            return union

        def check(docs: Sequence[int]) -> Scores:
            self._check()
            out: Scores = {}
            for part in ordered:  # summed in the order the bounds were, so a full match scores its bound
                if isinstance(part, Pending):
                    part = part.check([d for d in docs if d in part.bounds])
                for d in docs:
                    if d in part:
                        out[d] = out[d] + part[d] if d in out else part[d]
            return out

        return Pending(union, check)

    def _and(self, q: wq.And) -> Part:
        positive = [sub for sub in q.subqueries if not isinstance(sub, wq.Not)]
        negative = [sub.query for sub in q.subqueries if isinstance(sub, wq.Not)]
        reader = self.seg.searcher.reader()
        positive.sort(key=lambda sub: sub.estimate_size(reader))  # the rarest first: an empty part ends it
        out: Scores | None = None
        parts: list[Part] = []
        for sub in positive:
            part = self._eval(sub)
            scores = bounds_of(part)
            out = dict(scores) if out is None else {d: s + scores[d] for d, s in out.items() if d in scores}
            parts.append(part)
            if not out:
                return {}
        assert out is not None  # an AND has a positive part (`_check_shape`)
        unsure: list[Pending] = []  # exclusions still to check: a candidate may or may not be excluded
        for sub in negative:  # Whoosh scores each matched exclusion as 1 (an InverseMatcher's weight)
            gone = self._eval(sub)
            if isinstance(gone, Pending):
                unsure.append(gone)
                out = {d: s + 1.0 for d, s in out.items()}
            else:
                out = {d: s + 1.0 for d, s in out.items() if d not in gone}
        if not unsure and not any(isinstance(part, Pending) for part in parts):
            return out

        def check(docs: Sequence[int]) -> Scores:
            self._check()
            checked = [part.check(docs) if isinstance(part, Pending) else part for part in parts]
            excluded = set().union(*(g.check([d for d in docs if d in g.bounds]) for g in unsure))
            found: Scores = {}
            for d in docs:
                if d in excluded or not all(d in part for part in checked):
                    continue
                s = checked[0][d]
                for part in checked[1:]:
                    s = s + part[d]
                for _sub in negative:
                    s = s + 1.0
                found[d] = s
            return found

        return Pending(out, check)

    def _phrase(self, q: wq.Phrase) -> Part:
        """Passages holding the words at consecutive positions (stop words were renumbered away when
        indexing), scored as the sum of the words' scores, as Whoosh's SpanNear2 scores them; left to
        check (Pending) when there are many."""
        words, field = q.words, q.fieldname
        scores = {w: self._word(field, w, 1.0, positions=True) for w in set(words)}
        candidates = phrase_candidates(words, scores)

        def check(docs: Sequence[int]) -> Scores:
            self._check()
            values = {w: self._values[(field, w)] for w in scores}
            return {d: candidates[d] for d in docs if in_order(words, values, d)}

        if len(candidates) <= EAGER_CHECK:
            return check(sorted(candidates))
        return Pending(candidates, check)

    def _word(self, field: str, text: str, boost: float, positions: bool = False) -> Scores:
        """A term's scores (read once per query, and kept in the term cache); with `positions`, also a
        way to its posting values for checking phrases."""
        key = (field, text, boost)
        if key in self._seen and (not positions or (field, text) in self._values):
            return self._seen[key]
        self._check()  # also between cached words: a budget is kept however the time is spent
        ckey = (self.seg.offset, field, text)
        scores = self.cache.get(ckey)
        directory = self.cache.directory(ckey)
        if scores is None or (positions and directory is None):
            blocks: list[tuple[list[int], Sequence[bytes]]] = []
            scores, directory = self._term(field, text, blocks if positions else None)
            self.cache.put(ckey, scores, directory)
            if positions:
                values = PostingValues(self.seg.searcher.reader(), field, text, directory)
                for i, (ids, vals) in enumerate(blocks):
                    values.keep(i, ids, vals)
                self._values[(field, text)] = values
        elif positions:
            assert directory is not None
            self._values[(field, text)] = PostingValues(self.seg.searcher.reader(), field, text, directory)
        if boost != 1.0:
            scores = {d: s * boost for d, s in scores.items()}
        self._seen[key] = scores
        return scores

    def _term(
        self, field: str, text: str, blocks: list[tuple[list[int], Sequence[bytes]]] | None = None
    ) -> tuple[Scores, Directory]:
        """One term's scores in this segment and its block directory; with `blocks`, each decoded
        block's document numbers and posting values (positions) go there."""
        seg = self.seg
        reader = seg.searcher.reader()
        maxids, offsets = array("I"), array("Q")
        if (field, text) not in reader:
            return {}, (maxids, offsets)
        scorer = self.weighting.scorer(seg.searcher, field, text)
        idf, avgfl, b, k1 = scorer.idf, scorer.avgfl, scorer.B, scorer.K1
        denom = [k1 * ((1 - b) + b * byte_to_length(n) / avgfl) for n in range(256)]
        lengths, factors, top = seg.lengths[field], seg.factors, idf * (k1 + 1)
        out: Scores = {}
        same: dict[float, tuple[float, list[float]]] = {}  # blocks whose postings share one weight
        m = reader.postings(field, text)
        m = getattr(m, "child", m)  # past Whoosh's FilterMatcher of deleted documents (`run` drops them)
        offset = m._baseoffset  # where the first block starts; each block knows where the next one does
        while m.is_active():
            self._check()
            maxids.append(m._maxid)
            offsets.append(offset)
            m._read_data()  # WORKAROUND: a whole block at once; Whoosh's matchers decode it a posting at a time
            ids, weights = list(accumulate(m._data[0])), m._data[1]
            if weights is None or isinstance(weights, float):
                w = 1.0 if weights is None else weights
                if w not in same:  # the same arithmetic as below, in the same order, with less of it per posting
                    same[w] = (top * w, [w + n for n in denom])
                tw, wd = same[w]
                block = [tw / wd[lengths[d]] * factors[d] for d in ids]
            else:
                block = [top * w / (w + denom[lengths[d]]) * factors[d] for d, w in zip(ids, weights, strict=True)]
            out.update(zip(ids, block, strict=True))
            if blocks is not None:
                blocks.append((ids, m._data[2]))
            offset = m._nextoffset
            m._next_block()
        return out, (maxids, offsets)

    def _check(self) -> None:
        cancelled = self.cancel is not None and self.cancel()
        if cancelled or time.monotonic() > self.deadline:
            raise SearchStopped(cancelled)


def _union(parts: list[Scores]) -> Scores:
    """Summed scores of the parts, largest first (`sorted` is stable: ties keep their order)."""
    parts = sorted(parts, key=len, reverse=True)
    if not parts:
        return {}
    out = dict(parts[0])
    for part in parts[1:]:
        get = out.get
        out.update({d: get(d, 0.0) + s for d, s in part.items()})
    return out
