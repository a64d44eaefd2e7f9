"""Sentence alignment of an English text and its Norwegian translation (or the reverse), with confidence.

Gale and Church (1993) length costs plus lexical evidence that survives translation (numbers,
names, acronyms, cognate stems and a bilingual word list: `viewer.core.align.lexicon`), in a banded
dynamic programme over beads 1-1, 1-0, 0-1, 2-1, 1-2 and 2-2. The band follows the diagonal of
cumulative character lengths and widens until the best path stays clear of its edges, so cost
and memory grow with n times the band width, not n * m.

Each bead's score is a calibrated probability that the bead is exactly right (a logistic curve over
its lexical similarity and length deviation, fitted on the tune half of tests/data/align/dev.jsonl
by benchmarks/align_eval.py --fit). Field and document entry points live in `viewer.core.align.document`.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from viewer.core.align.lexicon import SentenceKeys, get_lexicon


@dataclass(frozen=True)
class Params:
    """Cost weights of the dynamic programme; `lexical`/`lexicon` off give the length-only baseline."""

    variance: float = 6.8  # Gale-Church variance of target chars per source char
    lexical_weight: float = 24.0  # cost units per point of similarity (swept on the tune half)
    lexical_mean: float = 0.1  # similarity that neither helps nor hurts a bead
    skip_cost: float = 8.0  # a sentence with no counterpart (1-0 / 0-1)
    lexical: bool = True
    lexicon: bool = True
    two_two: bool = False  # measured: 2-2 beads cost more correct 1-1 pairs than they gain


DEFAULT = Params()
# -log prior of each bead type (Gale and Church's counts, 1-0/0-1 handled by skip_cost).
BEADS: tuple[tuple[int, int, float], ...] = (
    (1, 1, -math.log(0.89)),
    (2, 1, -math.log(0.0445)),
    (1, 2, -math.log(0.0445)),
    (2, 2, -math.log(0.011)),
    (1, 0, 0.0),
    (0, 1, 0.0),
)
# Confidence: logistic over (similarity, |length deviation|, many-to-one) fitted by align_eval --fit.
CALIBRATION = (3.02, 4.75, -1.48, -1.38)
# 1-0/0-1: too few on dev to fit (1 of 2 right on tune): 0.5, lower when a neighbour matches it.
SKIP_CALIBRATION = (0.0, -4.0)


@dataclass(frozen=True, slots=True)
class Bead:
    """Sentences [s0, s1) of the first part paired with [t0, t1) of the second; empty side = no counterpart."""

    s0: int
    s1: int
    t0: int
    t1: int
    score: float
    similarity: float  # lexical similarity of the pair; for 1-0/0-1, the best one with a neighbour
    deviation: float = 0.0  # |Gale-Church delta| of the pair's lengths


class _Side:
    """One part's sentences as lengths and lexical keys with in-text idf weights.

    Each sentence also keeps, per key, the indices of its units holding that key: a pair's coverage
    then starts from the (usually tiny) intersection of the two key sets instead of testing every
    unit against the other side (same sums, in the same order; ~4x faster on long texts).
    """

    def __init__(self, keys: list[SentenceKeys], lengths: Sequence[int], weight: dict[str, float]) -> None:
        self.lengths = list(lengths)
        self.units = [[(u, max(weight.get(k, 0.0) for k in u)) for u in sk.units] for sk in keys]
        self.keys = [sk.keys for sk in keys]
        self.weight = weight
        self.unit_weights = [[w for _, w in units] for units in self.units]
        self.totals = [sum(ws) for ws in self.unit_weights]
        self.index: list[dict[str, tuple[int, ...]]] = []
        for units in self.units:
            where: dict[str, list[int]] = {}
            for u_i, (u, _) in enumerate(units):
                for k in u:
                    where.setdefault(k, []).append(u_i)
            self.index.append({k: tuple(v) for k, v in where.items()})

    def covered(self, i: int, other: frozenset[str]) -> float:
        """Weight of sentence i's units that share a key with `other`."""
        shared = self.keys[i] & other
        if not shared:
            return 0.0
        index = self.index[i]
        if len(shared) == 1:
            hits: Sequence[int] = index[next(iter(shared))]
        else:
            hits = sorted({u for k in shared for u in index[k]})
        weights = self.unit_weights[i]
        return sum(weights[u] for u in hits)

    def coverage(self, s0: int, s1: int, other: frozenset[str]) -> float:
        """Share of the weight of sentences [s0, s1) covered by `other`'s keys, in [0, 1]."""
        if s1 - s0 == 1:
            total = self.totals[s0]
            return self.covered(s0, other) / total if total > 0 else 0.0
        total = sum(self.totals[s0:s1])
        return sum(self.covered(i, other) for i in range(s0, s1)) / total if total > 0 else 0.0

    def union(self, s0: int, s1: int) -> frozenset[str]:
        return self.keys[s0] if s1 - s0 == 1 else frozenset().union(*self.keys[s0:s1])


def _sides(
    source: Sequence[str],
    target: Sequence[str],
    source_english: bool,
    params: Params,
    target_english: bool | None = None,
) -> tuple[_Side, _Side]:
    """Both parts' sides; `target_english` defaults to the opposite of `source_english`."""
    lexicon = get_lexicon()
    use = params.lexicon
    tgt_en = not source_english if target_english is None else target_english
    sk = [lexicon.sentence_keys(t, source_english, use) for t in source]
    tk = [lexicon.sentence_keys(t, tgt_en, use) for t in target]
    df: Counter[str] = Counter()
    for keys in sk + tk:
        df.update(keys.keys)
    n = len(sk) + len(tk)
    weight = {k: math.log(1 + n / c) for k, c in df.items()}
    return _Side(sk, [len(t) for t in source], weight), _Side(tk, [len(t) for t in target], weight)


def similarity(a: _Side, s0: int, s1: int, b: _Side, t0: int, t1: int) -> float:
    """Symmetric weighted coverage of each side's words by the other side's keys, in [0, 1]."""
    return (a.coverage(s0, s1, b.union(t0, t1)) + b.coverage(t0, t1, a.union(s0, s1))) / 2


def length_ratio(source: Sequence[int], target: Sequence[int]) -> float:
    """Target characters per source character in this text, shrunk towards 1.0 for short texts.

    English and Norwegian run to about the same length (thesis abstract: 0.99); a per-text ratio
    absorbs style, but one sentence alone must not define it (its pair would always look perfect).
    """
    prior_chars = 400
    ratio = (sum(target) + prior_chars) / (sum(source) + prior_chars)
    return min(1.6, max(0.6, ratio))


def length_deviation(l1: int, l2: int, ratio: float, variance: float) -> float:
    """Gale-Church delta: how many standard deviations l2 is from ratio * l1."""
    mean = (l1 + l2 / ratio) / 2
    return (l2 - l1 * ratio) / math.sqrt(max(mean, 1.0) * variance)


def _length_cost(delta: float) -> float:
    return -math.log(max(math.erfc(abs(delta) / math.sqrt(2)), 1e-12))


def _band(a: _Side, b: _Side, width: int) -> list[tuple[int, int]]:
    """Per row i, the [lo, hi] range of target positions j, around the diagonal of cumulative length."""
    n, m = len(a.lengths), len(b.lengths)
    cum_b = [0]
    for length in b.lengths:
        cum_b.append(cum_b[-1] + length + 1)
    total_a = sum(a.lengths) + n or 1
    run = 0
    rows = []
    for i in range(n + 1):
        centre = min(m, bisect_left(cum_b, run / total_a * cum_b[-1]))
        rows.append((max(0, centre - width), min(m, centre + width)))
        if i < n:
            run += a.lengths[i] + 1
    rows[0] = (0, rows[0][1])
    rows[-1] = (rows[-1][0], m)
    for i in range(1, n + 1):  # keep the band connected
        lo, hi = rows[i]
        rows[i] = (min(lo, rows[i - 1][1]), max(hi, rows[i - 1][0]))
    return rows


def align_sentences(
    source: Sequence[str], target: Sequence[str], source_english: bool = True, params: Params = DEFAULT
) -> list[Bead]:
    """Monotone beads covering all sentences of both parts, in order."""
    n, m = len(source), len(target)
    if n == 0 or m == 0:
        return [Bead(i, i + 1, 0, 0, 1.0, 0.0) for i in range(n)] + [Bead(n, n, j, j + 1, 1.0, 0.0) for j in range(m)]
    a, b = _sides(source, target, source_english, params)
    ratio = length_ratio(a.lengths, b.lengths)
    width = max(n, m) if n * m <= 40_000 else 20
    while True:
        path, touched = _dp(a, b, ratio, params, width)
        if not touched or width >= max(n, m):
            break
        width *= 2
    return [_scored(a, b, ratio, params, s0, s1, t0, t1) for s0, s1, t0, t1 in path]


def _bead_cost(
    a: _Side, b: _Side, ratio: float, params: Params, i: int, di: int, j: int, dj: int, prior: float
) -> float:
    if di == 0 or dj == 0:
        return params.skip_cost
    l1 = sum(a.lengths[i - di : i]) + di - 1
    l2 = sum(b.lengths[j - dj : j]) + dj - 1
    cost = prior + _length_cost(length_deviation(l1, l2, ratio, params.variance))
    if params.lexical:
        cost += params.lexical_weight * (params.lexical_mean - similarity(a, i - di, i, b, j - dj, j))
    return cost


def _dp(a: _Side, b: _Side, ratio: float, params: Params, width: int) -> tuple[list[tuple[int, int, int, int]], bool]:
    """Best path in the band; also whether it ran along a band edge (so the band may be too narrow)."""
    n, m = len(a.lengths), len(b.lengths)
    rows = _band(a, b, width)
    beads = [bd for bd in BEADS if params.two_two or bd[:2] != (2, 2)]
    cost: list[list[float]] = []
    back: list[bytearray] = []
    inf = math.inf
    for i in range(n + 1):
        lo, hi = rows[i]
        row = [inf] * (hi - lo + 1)
        ptr = bytearray(hi - lo + 1)
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
                prev = (row if di == 0 else cost[pi])[pj - plo]
                if prev == inf:
                    continue
                c = prev + _bead_cost(a, b, ratio, params, i, di, j, dj, prior)
                if c < best:
                    best, arg = c, k
            row[j - lo] = best
            ptr[j - lo] = arg
        cost.append(row)
        back.append(ptr)
    path, touched = [], False
    i, j = n, m
    while i > 0 or j > 0:
        lo, hi = rows[i]
        if (j - lo <= 1 and lo > 0) or (hi - j <= 1 and hi < m):
            touched = True
        di, dj, _ = beads[back[i][j - lo]]
        path.append((i - di, i, j - dj, j))
        i, j = i - di, j - dj
    return path[::-1], touched


def _scored(a: _Side, b: _Side, ratio: float, params: Params, s0: int, s1: int, t0: int, t1: int) -> Bead:
    """A bead with its calibrated confidence."""
    if s1 == s0 or t1 == t0:
        near = _nearby_similarity(a, b, s0, s1, t0, t1)
        z = SKIP_CALIBRATION[0] + SKIP_CALIBRATION[1] * near
        return Bead(s0, s1, t0, t1, _sigmoid(z), near)
    sim = similarity(a, s0, s1, b, t0, t1)
    l1 = sum(a.lengths[s0:s1]) + s1 - s0 - 1
    l2 = sum(b.lengths[t0:t1]) + t1 - t0 - 1
    delta = abs(length_deviation(l1, l2, ratio, params.variance))
    c0, c_sim, c_len, c_many = CALIBRATION
    z = c0 + c_sim * sim + c_len * delta + c_many * (s1 - s0 + t1 - t0 > 2)
    return Bead(s0, s1, t0, t1, _sigmoid(z), sim, delta)


def _nearby_similarity(a: _Side, b: _Side, s0: int, s1: int, t0: int, t1: int) -> float:
    """Best similarity an unpaired sentence has with the two nearest sentences of the other part."""
    if s1 > s0:
        return max((similarity(a, s0, s1, b, j, j + 1) for j in (t0 - 1, t0) if 0 <= j < len(b.lengths)), default=0.0)
    return max((similarity(a, i, i + 1, b, t0, t1) for i in (s0 - 1, s0) if 0 <= i < len(a.lengths)), default=0.0)


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, x))))


def translation_evidence(
    source: Sequence[str], target: Sequence[str], beads: Sequence[Bead], source_english: bool = True
) -> float:
    """How much more alike aligned pairs are than shifted (non-corresponding) pairs, ~0 for non-translations."""
    a, b = _sides(source, target, source_english, DEFAULT)
    return side_evidence(a, b, beads)


def side_evidence(a: _Side, b: _Side, beads: Sequence[Bead]) -> float:
    """`translation_evidence` on sides already built (their keys and weights)."""
    paired = [bd.similarity for bd in beads if bd.s1 > bd.s0 and bd.t1 > bd.t0]
    if not paired:
        return 0.0
    n, m = len(a.lengths), len(b.lengths)
    shift = max(2, min(n, m) // 3)
    shifted = [similarity(a, i, i + 1, b, (i * m // n + shift) % m, (i * m // n + shift) % m + 1) for i in range(n)]
    unpaired = sum((bd.s1 - bd.s0) + (bd.t1 - bd.t0) for bd in beads if bd.s1 == bd.s0 or bd.t1 == bd.t0)
    return sum(paired) / len(paired) - sum(shifted) / len(shifted) - 0.3 * unpaired / (n + m)
