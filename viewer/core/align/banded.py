"""Sentence alignment of two whole texts in near-linear time and bounded memory.

The field aligner (`engine.align_sentences`) searches a band around the diagonal of cumulative
length. Two documents need three more things, all measured by benchmarks/align_bench.py and
benchmarks/align_eval.py --documents:

- **Anchors** bend the band's centre line: sentence pairs sharing a key that occurs in one sentence
  of each text (a number, a name, an option, a rare cognate or word-list hit) and alike enough
  (similarity >= ANCHOR_SIMILARITY); the longest chain of them that is monotone on both sides.
  An omitted section then no longer pushes the path out of a narrow band.
- **Paragraph agreement** (`Layout`): where both texts have blank-line paragraphs, a bead that ends
  a paragraph on one side only, or that runs across a paragraph boundary, pays a cost.
- **A pair cache**: per sentence pair, the weight of each side's words the other covers and which
  units it hit, so the 2-1 and 1-2 beads reuse the 1-1 cells' work. Only the rows the DP still
  reads are kept, with the cost rows: memory is rows x band width (back-pointers, one byte each).
"""

from __future__ import annotations

import logging
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from viewer.core.align.engine import BEADS, Params, _length_cost, _Side, length_deviation, similarity
from viewer.core.progress import Cancel, Progress

log = logging.getLogger(__name__)

ANCHOR_SIMILARITY = 0.5
WIDTH = 12  # band half-width around the anchored centre line, doubled while the path touches an edge
_CHECK_EVERY = 128  # rows between cancel checks and progress reports
_WIDEN_ROWS = 64  # rows either side of an edge touch whose band is doubled
Path = list[tuple[int, int, int, int]]
_Hit = tuple[float, float, tuple[int, ...], tuple[int, ...]]
_NO_HIT: _Hit = (0.0, 0.0, (), ())


class AlignmentCancelled(Exception):
    """`cancel()` turned true while aligning; nothing was returned."""


@dataclass(frozen=True, slots=True)
class Layout:
    """Paragraph structure: ends_a[k] is True when sentence k of the first text ends its paragraph."""

    ends_a: Sequence[bool]
    ends_b: Sequence[bool]
    cross: float = 3.0  # per paragraph boundary inside a bead (a merge across paragraphs)
    disagree: float = 2.0  # a bead that ends a paragraph on one side only


def anchors(a: _Side, b: _Side) -> list[tuple[int, int]]:
    """Sentence pairs (i, j) sharing a key unique to one sentence in each text, alike, in monotone order."""
    unique_a = _unique(a.keys)
    unique_b = _unique(b.keys)
    candidates = sorted({(unique_a[k], unique_b[k]) for k in unique_a.keys() & unique_b.keys()})
    good = [(i, j) for i, j in candidates if similarity(a, i, i + 1, b, j, j + 1) >= ANCHOR_SIMILARITY]
    return _longest_chain(good)


def _unique(keys: Sequence[frozenset[str]]) -> dict[str, int]:
    seen: dict[str, int] = {}
    for i, ks in enumerate(keys):
        for k in ks:
            seen[k] = -1 if k in seen else i
    return {k: i for k, i in seen.items() if i >= 0}


def _longest_chain(points: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest subsequence strictly increasing in both coordinates (patience sorting, O(k log k))."""
    ordered = sorted(points, key=lambda p: (p[0], -p[1]))
    tails: list[int] = []  # smallest j ending a chain of each length
    tail_at: list[int] = []
    parent: list[int] = []
    for k, (_, j) in enumerate(ordered):
        pos = bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[pos] = j
            tail_at[pos] = k
        parent.append(tail_at[pos - 1] if pos else -1)
    chain = []
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        chain.append(ordered[k])
        k = parent[k]
    return chain[::-1]


def band(a: _Side, b: _Side, points: Sequence[tuple[int, int]], width: Sequence[int]) -> list[tuple[int, int]]:
    """Per row i, the [lo, hi] target range: the length diagonal between consecutive anchors, +- width[i]."""
    n, m = len(a.lengths), len(b.lengths)
    cum_a, cum_b = _cumulative(a.lengths), _cumulative(b.lengths)
    knots = [(0, 0)]
    for i, j in points:
        if i > knots[-1][0] and j > knots[-1][1]:
            knots.append((i, j))
        if i + 1 < n and j + 1 < m:
            knots.append((i + 1, j + 1))
    knots.append((n, m))
    centres = [0] * (n + 1)
    for (i1, j1), (i2, j2) in pairwise(knots):
        span_a = cum_a[i2] - cum_a[i1] or 1
        for i in range(i1, i2 + 1):
            goal = cum_b[j1] + (cum_a[i] - cum_a[i1]) / span_a * (cum_b[j2] - cum_b[j1])
            centres[i] = min(j2, max(j1, bisect_left(cum_b, goal, j1, j2 + 1)))
    rows = [(max(0, c - w), min(m, c + w)) for c, w in zip(centres, width, strict=True)]
    rows[0] = (0, rows[0][1])
    rows[-1] = (rows[-1][0], m)
    for i in range(1, n + 1):  # keep the band connected
        lo, hi = rows[i]
        rows[i] = (min(lo, rows[i - 1][1]), max(hi, rows[i - 1][0]))
    return rows


def _cumulative(lengths: Sequence[int]) -> list[int]:
    out = [0]
    for length in lengths:
        out.append(out[-1] + length + 1)
    return out


class _Pairs:
    """Cached per sentence pair: covered weight on each side and the units hit; rows freed behind the DP."""

    def __init__(self, a: _Side, b: _Side) -> None:
        self.a, self.b = a, b
        self.rows: dict[int, dict[int, _Hit]] = {}

    def get(self, i: int, j: int) -> _Hit:
        row = self.rows.get(i)
        if row is None:
            row = self.rows[i] = {}
        hit = row.get(j)
        if hit is None:
            a, b = self.a, self.b
            shared = a.keys[i] & b.keys[j]
            if not shared:
                hit = _NO_HIT
            else:
                ha = tuple(sorted({u for k in shared for u in a.index[i][k]}))
                hb = tuple(sorted({u for k in shared for u in b.index[j][k]}))
                wa, wb = a.unit_weights[i], b.unit_weights[j]
                hit = (sum(wa[u] for u in ha), sum(wb[u] for u in hb), ha, hb)
            row[j] = hit
        return hit

    def forget_before(self, i: int) -> None:
        for k in [k for k in self.rows if k < i]:
            del self.rows[k]


def _union_weight(weights: list[float], h1: tuple[int, ...], h2: tuple[int, ...]) -> float:
    if not h1 or not h2:
        return sum(weights[u] for u in h1 or h2)
    return sum(weights[u] for u in sorted(set(h1) | set(h2)))


def _similarity(pairs: _Pairs, i: int, di: int, j: int, dj: int) -> float:
    """engine.similarity of sentences [i-di, i) and [j-dj, j) for di, dj in (1, 2), from the cache."""
    a, b = pairs.a, pairs.b
    if di == 1 and dj == 1:
        wa, wb, _, _ = pairs.get(i - 1, j - 1)
        ta, tb = a.totals[i - 1], b.totals[j - 1]
        return ((wa / ta if ta > 0 else 0.0) + (wb / tb if tb > 0 else 0.0)) / 2
    if dj == 1:  # 2-1: two source sentences against one target sentence
        x, y = pairs.get(i - 2, j - 1), pairs.get(i - 1, j - 1)
        ta, tb = a.totals[i - 2] + a.totals[i - 1], b.totals[j - 1]
        cov_b = _union_weight(b.unit_weights[j - 1], x[3], y[3])
        return (((x[0] + y[0]) / ta if ta > 0 else 0.0) + (cov_b / tb if tb > 0 else 0.0)) / 2
    if di == 1:  # 1-2
        x, y = pairs.get(i - 1, j - 2), pairs.get(i - 1, j - 1)
        ta, tb = a.totals[i - 1], b.totals[j - 2] + b.totals[j - 1]
        cov_a = _union_weight(a.unit_weights[i - 1], x[2], y[2])
        return ((cov_a / ta if ta > 0 else 0.0) + ((x[1] + y[1]) / tb if tb > 0 else 0.0)) / 2
    return similarity(a, i - di, i, b, j - dj, j)


def align_long(
    a: _Side,
    b: _Side,
    ratio: float,
    params: Params,
    layout: Layout | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    width: int = WIDTH,
) -> Path:
    """Monotone beads (s0, s1, t0, t1) covering both texts, from a band around the anchor path."""
    n, m = len(a.lengths), len(b.lengths)
    points = anchors(a, b)
    log.debug("%d anchors for %d x %d sentences", len(points), n, m)
    widths = [max(1, width)] * (n + 1)
    while True:
        rows = band(a, b, points, widths)
        path, touched = _dp(a, b, ratio, params, rows, layout, progress, cancel)
        touched = [i for i in touched if widths[i] < max(n, m)]
        if not touched:
            return path
        # Widen the band only around where the path ran along its edge (the rest stays narrow).
        wide = {k for i in touched for k in range(max(0, i - _WIDEN_ROWS), min(n, i + _WIDEN_ROWS) + 1)}
        for k in wide:
            widths[k] *= 2
        log.debug("band touched its edge at %d rows: widened %d rows", len(touched), len(wide))


def _dp(
    a: _Side,
    b: _Side,
    ratio: float,
    params: Params,
    rows: list[tuple[int, int]],
    layout: Layout | None,
    progress: Progress | None,
    cancel: Cancel | None,
) -> tuple[Path, list[int]]:
    n, m = len(a.lengths), len(b.lengths)
    beads = [bd for bd in BEADS if params.two_two or bd[:2] != (2, 2)]
    pairs = _Pairs(a, b)
    cost_of: Callable[[int, int, int, int, float], float] = _coster(a, b, ratio, params, pairs, layout)
    inf = float("inf")
    recent: dict[int, list[float]] = {}  # the cost rows the recurrence still reads (i-2 .. i)
    back: list[bytearray] = []
    for i in range(n + 1):
        if i % _CHECK_EVERY == 0:
            if cancel is not None and cancel():
                raise AlignmentCancelled
            if progress is not None:
                progress(i, n, "aligning sentences")
        lo, hi = rows[i]
        row = [inf] * (hi - lo + 1)
        ptr = bytearray(hi - lo + 1)
        recent[i] = row
        for j in range(lo, hi + 1):
            if i == 0 and j == 0:
                row[0] = 0.0
                continue
            best, arg = inf, 0
            for k, (di, dj, prior) in enumerate(beads):
                pi, pj = i - di, j - dj
                if pi < 0 or pj < 0:
                    continue
                plo, phi = rows[pi]
                if not plo <= pj <= phi:
                    continue
                prev = recent[pi][pj - plo]
                if prev == inf:
                    continue
                c = prev + cost_of(i, di, j, dj, prior)
                if c < best:
                    best, arg = c, k
            row[j - lo] = best
            ptr[j - lo] = arg
        back.append(ptr)
        recent.pop(i - 3, None)
        pairs.forget_before(i - 3)
    path: Path = []
    touched: list[int] = []  # rows where the best path runs along an edge of the band
    i, j = n, m
    while i > 0 or j > 0:
        lo, hi = rows[i]
        if (j - lo <= 1 and lo > 0) or (hi - j <= 1 and hi < m):
            touched.append(i)
        di, dj, _ = beads[back[i][j - lo]]
        path.append((i - di, i, j - dj, j))
        i, j = i - di, j - dj
    return path[::-1], touched


def _coster(
    a: _Side, b: _Side, ratio: float, params: Params, pairs: _Pairs, layout: Layout | None
) -> Callable[[int, int, int, int, float], float]:
    """The cost of the bead ending at (i, j) with di, dj sentences, as a closure over the texts."""
    la, lb = a.lengths, b.lengths
    ends_a = layout.ends_a if layout else ()
    ends_b = layout.ends_b if layout else ()

    def cost(i: int, di: int, j: int, dj: int, prior: float) -> float:
        if di == 0 or dj == 0:
            return params.skip_cost
        l1 = la[i - 1] if di == 1 else sum(la[i - di : i]) + di - 1
        l2 = lb[j - 1] if dj == 1 else sum(lb[j - dj : j]) + dj - 1
        c = prior + _length_cost(length_deviation(l1, l2, ratio, params.variance))
        if params.lexical:
            c += params.lexical_weight * (params.lexical_mean - _similarity(pairs, i, di, j, dj))
        if layout is not None:
            inside = sum(ends_a[i - di : i - 1]) + sum(ends_b[j - dj : j - 1])
            c += layout.cross * inside + layout.disagree * (ends_a[i - 1] != ends_b[j - 1])
        return c

    return cost
