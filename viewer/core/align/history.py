"""The history the pair editor holds: the beads now, the edits that led there and those undone.

An edit that gives a pair back exactly the sentences the aligner gave it makes that pair the
aligner's again (its status, its score): a merge undone by a split at the same place leaves no ✎.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Concatenate, ParamSpec

from viewer.core.align.corrections import EDITED, STATUSES, Bead, Beads, Edit, EditError, Result, Status, Unit

P = ParamSpec("P")

HISTORY_LIMIT = 1000  # edits kept for undo


@dataclass(frozen=True, slots=True)
class EditHistory:
    """The beads now, with the edits that led there (`done`, last last) and those undone (`undone`)."""

    beads: Beads
    done: tuple[Edit, ...] = ()
    undone: tuple[Edit, ...] = ()
    automatic: Beads = ()  # the aligner's own beads, before any correction (none: nothing is given back)

    def apply(self, edit: Callable[Concatenate[Beads, P], Result], /, *args: P.args, **kwargs: P.kwargs) -> EditHistory:
        """`history.apply(merge_next, 3)`: make the edit on the current beads and record it."""
        return self.push(edit(self.beads, *args, **kwargs))

    def push(self, result: Result) -> EditHistory:
        """Record an edit made on the current beads (what the edit functions return); redo is cleared."""
        beads, edit = result
        if self.beads[edit.start : edit.start + len(edit.before)] != edit.before or edit.apply(self.beads) != beads:
            raise EditError(f"this {edit.kind} was made on another state of the alignment")
        edit = self._given_back(edit)
        return EditHistory(edit.apply(self.beads), (*self.done, edit)[-HISTORY_LIMIT:], (), self.automatic)

    def _given_back(self, edit: Edit) -> Edit:
        """The edit with each pair it made by hand that the aligner had made the same way the aligner's."""
        own: dict[tuple[tuple[Unit, ...], tuple[Unit, ...]], Bead] = {(b.source, b.target): b for b in self.automatic}
        after = tuple(own.get((b.source, b.target), b) if b.status == EDITED else b for b in edit.after)
        return edit if after == edit.after else replace(edit, after=after)

    @property
    def can_undo(self) -> bool:
        return bool(self.done)

    @property
    def can_redo(self) -> bool:
        return bool(self.undone)

    def undo(self) -> EditHistory:
        if not self.done:
            raise EditError("there is nothing to undo")
        edit = self.done[-1]
        return EditHistory(edit.revert(self.beads), self.done[:-1], (*self.undone, edit), self.automatic)

    def redo(self) -> EditHistory:
        if not self.undone:
            raise EditError("there is nothing to redo")
        edit = self.undone[-1]
        return EditHistory(edit.apply(self.beads), (*self.done, edit), self.undone[:-1], self.automatic)

    def counts(self) -> dict[Status, int]:
        """How many beads have each status."""
        out: dict[Status, int] = dict.fromkeys(STATUSES, 0)
        for bead in self.beads:
            out[bead.status] += 1
        return out
