"""Laying stored corrections over a fresh automatic alignment's beads (`corrections_apply.correct`).

Each stored bead is found again by its anchors and mapped onto the fresh sentences of each side (a
run of whole sentences, each at least half inside the anchor's text). Those that fit, in the order
the user left them (then those stale before, wherever they fit), become islands; an island's empty
side is placed where the automatic alignment puts its other side's text, within its neighbours.
Between islands the automatic beads stay as they are; one an island cut into keeps its remaining
sentences as a trimmed automatic bead (score 0).
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from viewer.core.align.corrections import AUTOMATIC, HAND_SCORE, Bead, Beads, Side, Unit
from viewer.core.align.corrections_anchors import Problem, StoredBead, Texts, relocate
from viewer.core.corpus.anchors import Resolution

log = logging.getLogger(__name__)

SLACK = 0.2  # share of a side's characters by which the sentences found may differ from the anchor's quote
Run = tuple[int, int]  # sentence indices [i, j) on one side of the fresh alignment


@dataclass
class _Island:
    """A stored bead placed on the fresh sentences: [s0, s1) x [t0, t1); None until an empty side is placed."""

    stored: StoredBead
    s: Run | None
    t: Run | None
    retry: bool  # stale before: put wherever it fits, after the current state


def lay(
    auto: Beads, stored: Sequence[StoredBead], texts: Texts
) -> tuple[Beads, tuple[StoredBead, ...], tuple[Problem, ...]]:
    """The beads with the stored ones laid over `auto`, every stored bead as found (anchors re-based,
    `fit`), and the problems of those that do not fit (stale)."""
    sides = {"source": _Side([u for b in auto for u in b.source]), "target": _Side([u for b in auto for u in b.target])}
    problems: list[Problem] = []
    found: dict[int, StoredBead] = {}
    islands: list[_Island] = []
    ordered = sorted(stored, key=lambda b: b.seq)
    for bead in ordered:
        moved, resolutions = relocate(bead, texts)
        runs, reason = _locate(moved, resolutions, sides)
        if runs is None:  # kept as it was last known, so an undone edit of the text finds it again
            found[bead.seq] = replace(bead, fit="stale")
            problems.append(Problem(bead.seq, bead.status, bead.quote(), reason))
        else:
            found[bead.seq] = moved
            islands.append(_Island(moved, runs[0], runs[1], bead.fit == "stale"))
    originals = {b.seq: b for b in ordered}
    accepted = _consistent(islands)
    kept = {id(i) for i in accepted}
    for island in islands:
        if id(island) not in kept:
            bead = originals[island.stored.seq]
            found[bead.seq] = replace(bead, fit="stale")
            problems.append(Problem(bead.seq, bead.status, bead.quote(), "it would cross another correction"))
    beads = _laid(auto, accepted, sides["source"].units, sides["target"].units)
    problems.sort(key=lambda p: p.seq)
    return beads, tuple(found[b.seq] for b in ordered), tuple(problems)


class _Side:
    """One side's sentences in the fresh alignment, searchable by character offsets."""

    def __init__(self, units: list[Unit]) -> None:
        self.units = units
        self.starts = [u.start for u in units]
        self.ends = [u.end for u in units]
        self.sorted = all(a.end <= b.start for a, b in pairwise(units))

    def run(self, start: int, end: int) -> Run | None:
        """The contiguous run of sentences [start, end) covers (each at least half inside), if its text
        is [start, end) within SLACK of the length; else None."""
        if self.sorted:
            lo, hi = bisect.bisect_right(self.ends, start), bisect.bisect_left(self.starts, end)
        else:
            lo, hi = 0, len(self.units)
        units = self.units
        inside = [
            i
            for i in range(lo, hi)
            if 2 * (min(units[i].end, end) - max(units[i].start, start)) > units[i].end - units[i].start
        ]
        if not inside or inside[-1] - inside[0] + 1 != len(inside):
            return None
        off = abs(units[inside[0]].start - start) + abs(units[inside[-1]].end - end)
        if off > SLACK * max(1, end - start):
            return None
        return inside[0], inside[-1] + 1


def _locate(
    bead: StoredBead, resolutions: dict[Side, Resolution], sides: dict[str, _Side]
) -> tuple[tuple[Run | None, Run | None] | None, str]:
    """The bead's sentence runs on each side of the fresh alignment, or None and why not."""
    runs: list[Run | None] = []
    for side in ("source", "target"):
        anchor = bead.source if side == "source" else bead.target
        if anchor is None:
            runs.append(None)
            continue
        resolution = resolutions.get(side)
        if resolution is None or not resolution.found:
            return None, f"its {side} text is gone"
        run = sides[side].run(resolution.start, resolution.end)
        if run is None:
            return None, f"its {side} text no longer covers whole sentences of the alignment"
        runs.append(run)
    if runs[0] is None and runs[1] is None:
        return None, "it holds no sentence"
    return (runs[0], runs[1]), ""


def _consistent(islands: list[_Island]) -> list[_Island]:
    """The islands that keep the alignment in order, in order: the current state first (stored
    order), then those stale before or out of order now, each put where it fits if anywhere."""
    accepted: list[_Island] = []
    retried: list[_Island] = []
    cs = ct = 0
    for island in islands:
        if island.retry or (island.s and island.s[0] < cs) or (island.t and island.t[0] < ct):
            retried.append(island)
            continue
        accepted.append(island)
        cs, ct = (island.s[1] if island.s else cs), (island.t[1] if island.t else ct)
    for island in retried:
        place = _slot(accepted, island)
        if place is not None:
            accepted.insert(place, island)
    return accepted


def _slot(accepted: list[_Island], island: _Island) -> int | None:
    """Where `island` goes among `accepted` without overlap or crossing on the sides it holds."""
    n = len(accepted)
    before_s, before_t = [0] * (n + 1), [0] * (n + 1)  # the furthest end of accepted[:p]
    for p, a in enumerate(accepted, start=1):
        before_s[p] = max(before_s[p - 1], a.s[1] if a.s else 0)
        before_t[p] = max(before_t[p - 1], a.t[1] if a.t else 0)
    inf = 1 << 62
    after_s, after_t = [inf] * (n + 1), [inf] * (n + 1)  # the nearest start of accepted[p:]
    for p in range(n - 1, -1, -1):
        a = accepted[p]
        after_s[p] = min(after_s[p + 1], a.s[0] if a.s else inf)
        after_t[p] = min(after_t[p + 1], a.t[0] if a.t else inf)
    for p in range(n + 1):
        if island.s and not (before_s[p] <= island.s[0] and island.s[1] <= after_s[p]):
            continue
        if island.t and not (before_t[p] <= island.t[0] and island.t[1] <= after_t[p]):
            continue
        return p
    return None


def _laid(auto: Beads, islands: list[_Island], source: Sequence[Unit], target: Sequence[Unit]) -> Beads:
    """The fresh automatic beads with the islands laid in (an empty side placed where the automatic
    alignment puts the other side's text, within the neighbouring corrections)."""
    ns, nt = len(source), len(target)
    s_bead, t_bead = [0] * ns, [0] * nt
    spans: list[tuple[int, int, int, int]] = []
    cs = ct = 0
    for k, bead in enumerate(auto):
        spans.append((cs, cs + len(bead.source), ct, ct + len(bead.target)))
        s_bead[cs : cs + len(bead.source)] = [k] * len(bead.source)
        t_bead[ct : ct + len(bead.target)] = [k] * len(bead.target)
        cs, ct = cs + len(bead.source), ct + len(bead.target)
    next_s, next_t = [ns] * (len(islands) + 1), [nt] * (len(islands) + 1)
    for k in range(len(islands) - 1, -1, -1):
        island = islands[k]
        next_s[k] = island.s[0] if island.s else next_s[k + 1]
        next_t[k] = island.t[0] if island.t else next_t[k + 1]
    out: list[Bead] = []
    cs = ct = 0
    for k, island in enumerate(islands):
        if island.s is None and island.t is not None:
            at = max(cs, min(spans[t_bead[island.t[0]]][0], next_s[k + 1]))
            island.s = (at, at)
        elif island.t is None and island.s is not None:
            at = max(ct, min(spans[s_bead[island.s[0]]][2], next_t[k + 1]))
            island.t = (at, at)
        assert island.s is not None and island.t is not None
        out += _pieces(auto, spans, s_bead, t_bead, (cs, island.s[0]), (ct, island.t[0]))
        held = (tuple(source[island.s[0] : island.s[1]]), tuple(target[island.t[0] : island.t[1]]))
        out.append(Bead(*held, island.stored.status, HAND_SCORE))
        cs, ct = island.s[1], island.t[1]
    out += _pieces(auto, spans, s_bead, t_bead, (cs, ns), (ct, nt))
    return tuple(out)


def _pieces(
    auto: Beads,
    spans: list[tuple[int, int, int, int]],
    s_bead: list[int],
    t_bead: list[int],
    s_gap: Run,
    t_gap: Run,
) -> list[Bead]:
    """What the automatic beads hold of the sentences between two islands, in order: whole beads as
    they are, beads an island cut into as their remaining sentences (automatic, score 0)."""
    touched = sorted({s_bead[i] for i in range(*s_gap)} | {t_bead[j] for j in range(*t_gap)})
    out = []
    for k in touched:
        s0, s1, t0, t1 = spans[k]
        a, b = max(s0, s_gap[0]), min(s1, s_gap[1])
        c, d = max(t0, t_gap[0]), min(t1, t_gap[1])
        if (a, b, c, d) == (s0, s1, t0, t1):
            out.append(auto[k])
            continue
        src = auto[k].source[a - s0 : b - s0] if b > a else ()
        tgt = auto[k].target[c - t0 : d - t0] if d > c else ()
        if src or tgt:
            out.append(Bead(src, tgt, AUTOMATIC, 0.0))
    return out
