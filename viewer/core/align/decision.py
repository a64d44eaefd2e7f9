"""Are two aligned texts translations of each other? Matched share against chance, with a length-aware threshold.

`engine.translation_evidence` (paired minus shifted mean similarity) cannot judge short texts: with
one or two sentences a side the shifted pairs are the aligned ones, so every such pair scored 0,
and 89 of 180 genuine dev fields fell under its threshold. Nor does it hold on long texts that
share boilerplate (two man pages of one suite: "--help", "display this help and exit"): a few
strong pairs lift the mean. So the evidence here is the share of both texts' sentences that sit
in strongly alike beads (similarity >= STRONG), minus the share expected by chance (the same rate
over shifted pairs, or CHANCE for texts too short to shift). Translations put most sentences in
such beads (dev documents: median ~0.8); unrelated texts hardly any, boilerplate-sharing ones a
third. The threshold is THRESHOLD_LONG + THRESHOLD_SHORT / sqrt(sentences on the shorter side), fitted
by benchmarks/align_decision_eval.py --fit on the tune half of the fields and document pairs.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence

from viewer.core.align.engine import DEFAULT, Bead, _Side, _sides, similarity

log = logging.getLogger(__name__)

STRONG = 0.1  # a bead at least this alike is evidence of translation (swept: 0.1-0.25)
CHANCE = 0.15  # share of sentence pairs that alike by chance, for texts too short to shift
THRESHOLD_LONG = 0.22
THRESHOLD_SHORT = 0.06
# The long-text threshold: what a document's evidence must reach (the short-text part only adds to it).
TRANSLATION_THRESHOLD = THRESHOLD_LONG


def evidence(a: _Side, b: _Side, beads: Sequence[Bead]) -> float:
    """Share of sentences in strongly alike beads minus that share by chance, in [-1, 1]."""
    n, m = len(a.lengths), len(b.lengths)
    if not n or not m:
        return 0.0
    strong = sum(
        bd.s1 - bd.s0 + bd.t1 - bd.t0 for bd in beads if bd.s1 > bd.s0 and bd.t1 > bd.t0 and bd.similarity >= STRONG
    )
    return strong / (n + m) - _chance(a, b)


def _chance(a: _Side, b: _Side) -> float:
    n, m = len(a.lengths), len(b.lengths)
    if min(n, m) < 3:
        return CHANCE
    shift = max(1, min(n, m) // 3)
    hits = 0
    for i in range(n):
        j = (i * m // n + shift) % m
        hits += similarity(a, i, i + 1, b, j, j + 1) >= STRONG
    return max(CHANCE, hits / n)


def text_evidence(
    source: Sequence[str],
    target: Sequence[str],
    beads: Sequence[Bead],
    source_english: bool,
    target_english: bool | None = None,
) -> float:
    """`evidence` for sentence texts (builds their keys)."""
    a, b = _sides(source, target, source_english, DEFAULT, target_english)
    return evidence(a, b, beads)


def threshold(n_source: int, n_target: int) -> float:
    """The evidence a pair of texts this long must reach."""
    return THRESHOLD_LONG + THRESHOLD_SHORT / math.sqrt(max(1, min(n_source, n_target)))


def is_translation(value: float, n_source: int, n_target: int) -> bool:
    """Whether texts of n_source and n_target sentences with this `evidence` are translations."""
    return value >= threshold(n_source, n_target)
