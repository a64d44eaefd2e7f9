"""Corrected beads as they are stored: each side anchored to its text by quote and context.

An alignment is keyed by what it aligns (`Key`): one document's two language parts (its id) or two
documents (source id, target id). `Texts` gives the two texts an alignment's spans index (the same
text twice for one document) and their sentences. A `StoredBead` keeps each non-empty side as an
`Anchor` (viewer.core.corpus.anchors: the quote, ~32 characters either side, the offsets and the
text's fingerprint), so it is found again after a re-import or a small edit of the text; `relocate`
does that, re-basing what moved and flagging what is lost (`fit`: ok, moved, stale).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Literal

from viewer.core.align.corrections import AUTOMATIC, Bead, Side, Status, Unit
from viewer.core.corpus.anchors import Anchor, AnchorStatus, Resolution, make_anchor, moved_anchor, resolve
from viewer.core.corpus.model import Document, text_fingerprint
from viewer.core.corpus.segment import split_sentences

log = logging.getLogger(__name__)

Key = str | tuple[str, str]  # a document's id (its two parts), or (source document id, target document id)
Fit = Literal["ok", "moved", "stale"]  # as found: where it was, found again elsewhere or changed, lost
FITS: tuple[Fit, ...] = ("ok", "moved", "stale")


def key_parts(key: Key) -> tuple[str, str]:
    """(source document id, target document id or "" for one document's two parts)."""
    if isinstance(key, str):
        parts = (key, "")
    else:
        parts = (str(key[0]), str(key[1]))
        if not parts[1]:
            raise ValueError(f"alignment key {key!r}: the target document id is empty")
    if not parts[0]:
        raise ValueError(f"alignment key {key!r}: the document id is empty")
    return parts


def key_of(source_doc: str, target_doc: str) -> Key:
    return source_doc if not target_doc else (source_doc, target_doc)


@dataclass(frozen=True)
class Texts:
    """The texts an alignment's spans index and their sentences (sorted by start) on each side."""

    source_id: str
    target_id: str
    source: str
    target: str
    source_sentences: tuple[Unit, ...] = field(repr=False, default=())
    target_sentences: tuple[Unit, ...] = field(repr=False, default=())

    @classmethod
    def of_document(cls, document: Document) -> Texts:
        """One document's two language parts (`align_document`): both sides index `document.text`."""
        units = tuple(sorted((Unit(s.start, s.end, s.id) for p in document.passages for s in p.sentences), key=_start))
        return cls(document.id, document.id, document.text, document.text, units, units)

    @classmethod
    def of_documents(cls, source: Document, target: Document) -> Texts:
        """Two documents (`align_texts` on their texts): each side's sentences as `align_texts` cuts them."""
        return cls(source.id, target.id, source.text, target.text, _cut(source), _cut(target))

    @classmethod
    def of_texts(cls, source: str, target: str, source_id: str = "source", target_id: str = "target") -> Texts:
        return cls(
            source_id,
            target_id,
            source,
            target,
            tuple(Unit(s, e) for s, e in split_sentences(source)),
            tuple(Unit(s, e) for s, e in split_sentences(target)),
        )

    @property
    def key(self) -> Key:
        return self.source_id if self.source_id == self.target_id else (self.source_id, self.target_id)

    def text(self, side: Side) -> str:
        return self.source if side == "source" else self.target

    def doc_id(self, side: Side) -> str:
        return self.source_id if side == "source" else self.target_id

    def sentences(self, side: Side) -> tuple[Unit, ...]:
        return self.source_sentences if side == "source" else self.target_sentences

    @cached_property
    def source_fp(self) -> str:
        return text_fingerprint(self.source)

    @cached_property
    def target_fp(self) -> str:
        return self.source_fp if self.target is self.source else text_fingerprint(self.target)

    def fingerprint(self, side: Side) -> str:
        return self.source_fp if side == "source" else self.target_fp


def _start(unit: Unit) -> int:
    return unit.start


def _cut(document: Document) -> tuple[Unit, ...]:
    ids = {(s.start, s.end): s.id for p in document.passages for s in p.sentences}
    return tuple(Unit(s, e, ids.get((s, e), "")) for s, e in split_sentences(document.text))


@dataclass(frozen=True, slots=True)
class StoredBead:
    """A corrected bead as kept: its status, each side's anchor (None: no sentence on that side) and
    sentence count when saved, and how it fitted the text when last looked at."""

    seq: int  # its place in the user's alignment
    status: Status  # "edited" or "confirmed"
    source: Anchor | None
    target: Anchor | None
    source_count: int = 0
    target_count: int = 0
    fit: Fit = "ok"
    row: int = 0  # the store's row and save (0: not stored yet)
    generation: int = 0

    def anchor(self, side: Side) -> Anchor | None:
        return self.source if side == "source" else self.target

    def quote(self, width: int = 60) -> str:
        """A short quote for messages: the source side, else the target side."""
        anchor = self.source or self.target
        text = " ".join(anchor.exact.split()) if anchor else ""
        return text if len(text) <= width else text[: width - 1] + "…"


@dataclass(frozen=True, slots=True)
class Problem:
    """A stored correction that does not fit the current text (kept, not applied)."""

    seq: int
    status: Status
    quote: str
    reason: str

    def __str__(self) -> str:
        article = "an" if self.status[:1] in "aeiou" else "a"
        return f"{article} {self.status} pair “{self.quote}” no longer fits the text ({self.reason}): kept, not applied"


def to_stored(beads: Sequence[Bead], texts: Texts) -> tuple[StoredBead, ...]:
    """The beads a user made or confirmed (every one that is not automatic), anchored, in order."""
    out: list[StoredBead] = []
    for bead in beads:
        if bead.status == AUTOMATIC or bead.empty:
            continue
        out.append(
            StoredBead(
                len(out),
                bead.status,
                _anchor(bead.source, texts, "source"),
                _anchor(bead.target, texts, "target"),
                len(bead.source),
                len(bead.target),
            )
        )
    return tuple(out)


def _anchor(units: tuple[Unit, ...], texts: Texts, side: Side) -> Anchor | None:
    if not units:
        return None
    text = texts.text(side)
    start, end = units[0].start, units[-1].end
    if not 0 <= start < end <= len(text):
        raise ValueError(f"{side} span ({start}, {end}) is outside its text of {len(text)} characters")
    return make_anchor(
        texts.doc_id(side), text, start, end, sentence_id=units[0].id, fingerprint=texts.fingerprint(side)
    )


def relocate(bead: StoredBead, texts: Texts) -> tuple[StoredBead, dict[Side, Resolution]]:
    """The bead found again in `texts`: anchors that moved re-based, `fit` as found (an orphaned
    anchor keeps its last known quote, so an undone edit of the text finds it again)."""
    found: dict[Side, Resolution] = {}
    anchors: dict[Side, Anchor | None] = {}
    fit: Fit = "ok"
    for side in ("source", "target"):
        anchor = bead.anchor(side)
        anchors[side] = anchor
        if anchor is None:
            continue
        resolution = resolve(anchor, texts.text(side), texts.fingerprint(side))
        found[side] = resolution
        if resolution.status is AnchorStatus.ORPHANED:
            fit = "stale"
        else:
            if resolution.status is AnchorStatus.MOVED and fit == "ok":
                fit = "moved"
            if anchor.fingerprint != texts.fingerprint(side) or resolution.status is AnchorStatus.MOVED:
                anchors[side] = moved_anchor(anchor, texts.text(side), resolution, texts.fingerprint(side))
    return replace(bead, source=anchors["source"], target=anchors["target"], fit=fit), found


def relocate_all(beads: Sequence[StoredBead], texts: Texts) -> tuple[tuple[StoredBead, ...], tuple[Problem, ...]]:
    """`relocate` for each bead; a problem for each one whose text is no longer found."""
    out: list[StoredBead] = []
    problems: list[Problem] = []
    for bead in beads:
        moved, found = relocate(bead, texts)
        out.append(moved)
        lost = [side for side, r in found.items() if not r.found]
        if lost:
            problems.append(Problem(bead.seq, bead.status, bead.quote(), f"its {' and '.join(lost)} text is gone"))
    return tuple(out), tuple(problems)
