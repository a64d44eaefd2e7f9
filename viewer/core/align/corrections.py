"""Correcting a sentence alignment by hand: beads, the edits of InterText and LF Aligner, undo and redo.

A `Bead` holds, on each side, a contiguous run of sentences (`Unit`: a character span into that side's
text and the sentence's id), either run possibly empty (a 1-0 or 0-1 bead). An alignment is a
tuple of beads in order. Every edit is a pure function `edit(beads, ...) -> (new beads, Edit)`; the
`Edit` replaces `before` by `after` at `start`, so it can be undone and redone. `history.EditHistory`
is the value the UI holds: the beads now, the edits done and the edits undone.

Each bead carries a status: `automatic` (as the aligner made it), `edited` (made or changed by hand)
or `confirmed` (checked by hand). A bead made by hand scores 1.0: the user decided it.
Converting to and from `AlignedPair`s and applying stored corrections: `corrections_apply`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from viewer.core.errors import UserError

log = logging.getLogger(__name__)

Status = Literal["automatic", "edited", "confirmed"]
AUTOMATIC: Status = "automatic"
EDITED: Status = "edited"
CONFIRMED: Status = "confirmed"
STATUSES: tuple[Status, ...] = (AUTOMATIC, EDITED, CONFIRMED)
Side = Literal["source", "target"]
Direction = Literal["previous", "next"]
HAND_SCORE = 1.0


class EditError(UserError):
    """An edit that cannot be made here (no next pair to merge with, a split inside no side...)."""


@dataclass(frozen=True, slots=True)
class Unit:
    """One sentence of one side: text[start:end] of that side's text, and its id ("" when it has none)."""

    start: int
    end: int
    id: str = ""


@dataclass(frozen=True, slots=True)
class Bead:
    """The sentences of the source side paired with those of the target side, each a run in order."""

    source: tuple[Unit, ...]
    target: tuple[Unit, ...]
    status: Status = AUTOMATIC
    score: float = 0.0

    def side(self, side: Side) -> tuple[Unit, ...]:
        return self.source if side == "source" else self.target

    def with_side(self, side: Side, units: tuple[Unit, ...]) -> Bead:
        return replace(self, source=units) if side == "source" else replace(self, target=units)

    @property
    def shape(self) -> str:
        """ "1-1", "2-1", "1-0"...: the sentences on each side."""
        return f"{len(self.source)}-{len(self.target)}"

    @property
    def empty(self) -> bool:
        return not self.source and not self.target


Beads = tuple[Bead, ...]


def hand(source: tuple[Unit, ...], target: tuple[Unit, ...], status: Status = EDITED) -> Bead:
    """A bead made by hand."""
    return Bead(source, target, status, HAND_SCORE)


@dataclass(frozen=True, slots=True)
class Edit:
    """One undoable change: beads[start : start + len(before)] became `after`."""

    kind: str  # "merge", "split", "move", "unpair", "confirm", "confirm all"
    start: int
    before: Beads
    after: Beads

    def apply(self, beads: Beads) -> Beads:
        return _swap(beads, self.start, self.before, self.after, self.kind)

    def revert(self, beads: Beads) -> Beads:
        return _swap(beads, self.start, self.after, self.before, self.kind)


def _swap(beads: Beads, start: int, old: Beads, new: Beads, kind: str) -> Beads:
    if beads[start : start + len(old)] != old:
        raise EditError(f"the alignment changed since this {kind}: it cannot be applied here")
    return beads[:start] + new + beads[start + len(old) :]


Result = tuple[Beads, Edit]


def _result(beads: Beads, kind: str, start: int, count: int, after: Sequence[Bead]) -> Result:
    edit = Edit(kind, start, beads[start : start + count], tuple(b for b in after if not b.empty))
    return edit.apply(beads), edit


def _bead(beads: Beads, i: int) -> Bead:
    if not 0 <= i < len(beads):
        raise EditError(f"there is no pair {i + 1} (the alignment has {len(beads)})")
    return beads[i]


# --- the edits -------------------------------------------------------------------------------------


def merge_next(beads: Beads, i: int) -> Result:
    """Pair i and the one after it become one pair."""
    first = _bead(beads, i)
    if i + 1 >= len(beads):
        raise EditError("the last pair has no next pair to merge with")
    second = beads[i + 1]
    return _result(beads, "merge", i, 2, [hand(first.source + second.source, first.target + second.target)])


def merge_previous(beads: Beads, i: int) -> Result:
    """Pair i and the one before it become one pair."""
    _bead(beads, i)
    if i == 0:
        raise EditError("the first pair has no previous pair to merge with")
    return merge_next(beads, i - 1)


def split(beads: Beads, i: int, *, source_at: int | None = None, target_at: int | None = None) -> Result:
    """Pair i becomes two: its first `source_at` source and `target_at` target sentences, then the rest.

    Give the boundary on either side (or both); the other side is cut where the same share of its
    characters falls (0 or all of it: that side goes wholly to one of the two pairs)."""
    bead = _bead(beads, i)
    n, m = len(bead.source), len(bead.target)
    if source_at is None and target_at is None:
        raise EditError("say where to split the pair: after which source or target sentence")
    if source_at is None:
        assert target_at is not None
        source_at = _matching_cut(bead.target, target_at, bead.source)
    elif target_at is None:
        target_at = _matching_cut(bead.source, source_at, bead.target)
    if not (0 <= source_at <= n and 0 <= target_at <= m):
        raise EditError(f"pair {i + 1} has {n} source and {m} target sentence(s): no boundary there")
    first, second = (
        hand(bead.source[:source_at], bead.target[:target_at]),
        hand(bead.source[source_at:], bead.target[target_at:]),
    )
    if first.empty or second.empty:
        raise EditError("a split must leave a sentence in each of the two pairs")
    return _result(beads, "split", i, 1, [first, second])


def _matching_cut(cut_side: tuple[Unit, ...], at: int, other: tuple[Unit, ...]) -> int:
    """The boundary of `other` nearest the share of `cut_side`'s characters before boundary `at`."""
    if not other:
        return 0
    total = sum(u.end - u.start for u in cut_side) or 1
    share = sum(u.end - u.start for u in cut_side[: max(0, at)]) / total
    other_total = sum(u.end - u.start for u in other) or 1
    best, best_gap, done = 0, share, 0
    for k, unit in enumerate(other, start=1):
        done += unit.end - unit.start
        gap = abs(done / other_total - share)
        if gap < best_gap:
            best, best_gap = k, gap
    return best


def move(beads: Beads, i: int, side: Side, direction: Direction) -> Result:
    """Move the first sentence of pair i's `side` to the previous pair, or its last to the next pair.

    A pair left with no sentence at all disappears."""
    bead = _bead(beads, i)
    units = bead.side(side)
    if not units:
        raise EditError(f"pair {i + 1} has no {side} sentence to move")
    if direction == "previous":
        if i == 0:
            raise EditError("the first pair has no previous pair")
        other = beads[i - 1]
        moved = [
            hand(*_sides(other, side, other.side(side) + units[:1])),
            hand(*_sides(bead, side, units[1:])),
        ]
        return _result(beads, "move", i - 1, 2, moved)
    if i + 1 >= len(beads):
        raise EditError("the last pair has no next pair")
    other = beads[i + 1]
    moved = [hand(*_sides(bead, side, units[:-1])), hand(*_sides(other, side, units[-1:] + other.side(side)))]
    return _result(beads, "move", i, 2, moved)


def _sides(bead: Bead, side: Side, units: tuple[Unit, ...]) -> tuple[tuple[Unit, ...], tuple[Unit, ...]]:
    return (units, bead.target) if side == "source" else (bead.source, units)


def unpair(beads: Beads, i: int, side: Side, k: int = 0) -> Result:
    """Mark sentence k of pair i's `side` as having no counterpart: it becomes its own 1-0 (or 0-1) pair.

    The sentence must be the first or the last of its side (split the pair first to free one in
    the middle); a first sentence goes before the rest of the pair, a last one after it (a side of
    one sentence: the source-only pair comes first)."""
    bead = _bead(beads, i)
    units = bead.side(side)
    if not 0 <= k < len(units):
        raise EditError(f"pair {i + 1} has no {side} sentence {k + 1}")
    other: Side = "target" if side == "source" else "source"
    if len(units) == 1 and not bead.side(other):
        raise EditError("this sentence already has no counterpart")
    if 0 < k < len(units) - 1:
        raise EditError("only the first or the last sentence of a side can be unpaired: split the pair first")
    alone = hand(*_sides(Bead((), ()), side, units[k : k + 1]))
    rest = hand(*_sides(bead, side, units[:k] + units[k + 1 :]))
    first_goes_first = k == 0 and (len(units) > 1 or side == "source")
    return _result(beads, "unpair", i, 1, [alone, rest] if first_goes_first else [rest, alone])


def confirm(beads: Beads, i: int) -> Result:
    """Pair i is right as it is."""
    bead = _bead(beads, i)
    return _result(beads, "confirm", i, 1, [replace(bead, status=CONFIRMED, score=HAND_SCORE)])


def confirm_all(beads: Beads) -> Result:
    """Every pair of the alignment is right as it is: the aligner's become confirmed, those made by
    hand stay marked edited (the record of what the user changed is kept)."""
    confirmed = [b if b.status == EDITED else replace(b, status=CONFIRMED, score=HAND_SCORE) for b in beads]
    return _result(beads, "confirm all", 0, len(beads), confirmed)


def undo(beads: Beads, edit: Edit) -> Beads:
    return edit.revert(beads)


def redo(beads: Beads, edit: Edit) -> Beads:
    return edit.apply(beads)
