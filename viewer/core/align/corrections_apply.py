"""Corrections win over the automatic alignment: stored beads laid over a fresh automatic alignment.

`beads_of` turns an alignment's pairs into editable `Bead`s (each side's sentences found in `Texts`),
`with_beads` turns them back (`CorrectedPair`s: an `AlignedPair` with a status). `correct` lays the
stored beads of an alignment over a fresh automatic one: each is found again by its anchors and
mapped onto the fresh sentences; the corrected beads replace the automatic sentences they hold,
the automatic beads they do not touch stay as they are, and an automatic bead they cut into leaves
its other sentences as trimmed automatic beads (score 0). A stored bead whose text is gone, whose
text no longer covers whole sentences, or that would cross another correction is flagged stale,
kept, and not applied. `apply_stored` does all that from a `CorrectionStore` and records what it found.
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Generic, TypeVar

from viewer.core.align.corrections import AUTOMATIC, Bead, Beads, Status, Unit
from viewer.core.align.corrections_anchors import Fit, Key, Problem, StoredBead, Texts
from viewer.core.align.corrections_lay import lay
from viewer.core.align.corrections_store import CorrectionStore
from viewer.core.align.document import AlignedPair, DocumentAlignment, Span
from viewer.core.align.texts import TextAlignment
from viewer.core.storage.spec import StoreError

log = logging.getLogger(__name__)

A = TypeVar("A", DocumentAlignment, TextAlignment)


@dataclass(frozen=True, slots=True)
class CorrectedPair(AlignedPair):
    """An aligned pair with its status: "automatic", "edited" or "confirmed"."""

    status: Status = AUTOMATIC


@dataclass(frozen=True)
class Corrected(Generic[A]):
    """A corrected alignment, its beads over `texts` (what an editor edits and saves), and what the
    stored corrections were found to be."""

    alignment: A
    texts: Texts
    beads: Beads
    stored: tuple[StoredBead, ...]  # every stored bead, anchors re-based and `fit` as found
    problems: tuple[Problem, ...]  # the stale ones, why
    automatic: Beads = ()  # the aligner's own beads: an edit that restores one gives it back (`EditHistory`)

    @property
    def applied(self) -> int:
        return sum(b.fit != "stale" for b in self.stored)


# --- pairs <-> beads -------------------------------------------------------------------------------


def beads_of(alignment: DocumentAlignment | TextAlignment, texts: Texts) -> Beads:
    """The alignment's pairs as beads, each side's sentences found in `texts` (by id, else by span)."""
    finders = {side: _Finder(texts.sentences(side)) for side in ("source", "target")}
    out = []
    for pair in alignment.pairs:
        status = pair.status if isinstance(pair, CorrectedPair) else AUTOMATIC
        out.append(
            Bead(
                finders["source"].units(pair.source, pair.source_ids),
                finders["target"].units(pair.target, pair.target_ids),
                status,
                pair.score,
            )
        )
    return tuple(out)


class _Finder:
    def __init__(self, sentences: Sequence[Unit]) -> None:
        self.sentences = sentences
        self.starts = [u.start for u in sentences]
        self.by_id = {u.id: u for u in sentences if u.id}

    def units(self, span: Span | None, ids: Sequence[str]) -> tuple[Unit, ...]:
        if span is None:
            return ()
        if ids and all(i in self.by_id for i in ids):
            return tuple(self.by_id[i] for i in ids)
        first = bisect.bisect_left(self.starts, span[0])
        inside = []
        for unit in self.sentences[first:]:
            if unit.start >= span[1]:
                break
            if unit.end <= span[1]:
                inside.append(unit)
        return tuple(inside) or (Unit(span[0], span[1]),)


def pairs_of(beads: Sequence[Bead]) -> tuple[CorrectedPair, ...]:
    return tuple(
        CorrectedPair(_span(b.source), _span(b.target), b.score, _ids(b.source), _ids(b.target), status=b.status)
        for b in beads
    )


def _span(units: tuple[Unit, ...]) -> Span | None:
    return (units[0].start, units[-1].end) if units else None


def _ids(units: tuple[Unit, ...]) -> tuple[str, ...]:
    return tuple(u.id for u in units) if any(u.id for u in units) else ()


def with_beads(alignment: A, beads: Sequence[Bead]) -> A:
    """The alignment with these beads as its pairs; pairs made by hand make it a translation."""
    translated = alignment.translated or any(b.status != AUTOMATIC and b.source and b.target for b in beads)
    return replace(alignment, pairs=pairs_of(beads), translated=translated)


# --- stored beads over a fresh alignment -----------------------------------------------------------


def correct(automatic: A, stored: Sequence[StoredBead], texts: Texts) -> Corrected[A]:
    """The automatic alignment with the stored corrections laid over it (see the module docstring)."""
    own = beads_of(automatic, texts)
    beads, found, problems = lay(own, stored, texts)
    return Corrected(with_beads(automatic, beads), texts, beads, found, problems, own)


def corrected(automatic: A, stored: Sequence[StoredBead], texts: Texts) -> A:
    """`correct(...).alignment`: the alignment the reader, search and export show."""
    return correct(automatic, stored, texts).alignment


def apply_stored(alignment: A, key: Key, texts: Texts, store: CorrectionStore) -> Corrected[A]:
    """The stored corrections of `key` applied over `alignment`; what was found is written back
    (re-based anchors, stale flags) when the store can be written."""
    stored = store.stored(key)
    if not stored:
        own = beads_of(alignment, texts)
        return Corrected(alignment, texts, own, (), (), own)
    result = correct(alignment, stored, texts)
    try:
        store.record(key, result.stored)
    except StoreError as exc:
        log.warning("corrections of %s applied but what was found not recorded: %s", key, exc)
    return result


def fits(stored: Sequence[StoredBead]) -> dict[Fit, int]:
    """How many stored beads fit as saved, moved, or are stale."""
    out: dict[Fit, int] = {"ok": 0, "moved": 0, "stale": 0}
    for bead in stored:
        out[bead.fit] += 1
    return out
