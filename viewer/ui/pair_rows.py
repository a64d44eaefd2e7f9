"""The side-by-side view's values: rows of aligned spans and the two texts they index.

A `PairAlignment` holds a source and a target document: a row's source span indexes the source
document's text and its target span the target's. For one bilingual document (the thesis abstract,
a TMX file) both are that document; for a pair of documents (a text and its translation) they
are the two. Each row is a bead of the corrected alignment (`viewer.core.align.corrections`) with
its status: automatic (as the aligner made it), edited or confirmed by the user. `texts` and
`beads` are what the editor changes and saves; `problems` are stored corrections that no longer fit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from viewer.core.align.corrections import AUTOMATIC, Bead, Beads, Status, Unit
from viewer.core.align.corrections_anchors import Problem, Texts
from viewer.core.corpus.markup import plain
from viewer.core.corpus.model import Document, Passage

if TYPE_CHECKING:
    from viewer.core.align.corrections_apply import Corrected
    from viewer.core.align.document import DocumentAlignment
    from viewer.core.align.texts import TextAlignment
    from viewer.core.pairs.model import DocumentPair

Span = tuple[int, int]
SOURCE, SCORE, TARGET = 0, 1, 2


@dataclass(frozen=True)
class PairRow:
    """One aligned bead: a span of the source text and one of the target text (None: no counterpart)."""

    source: Span | None
    target: Span | None
    score: float
    status: Status = AUTOMATIC

    def span(self, column: int) -> Span | None:
        return self.source if column == SOURCE else self.target if column == TARGET else None


@dataclass(frozen=True)
class PairAlignment:
    """Aligned rows over two texts (the same document twice when it holds both languages)."""

    rows: list[PairRow]
    languages: tuple[str, str]
    source: Document
    target: Document
    pair: DocumentPair | None = None  # the document pair, when the texts are two documents
    translated: bool = True  # False: the aligner found no translation, each sentence stands alone
    texts: Texts | None = field(default=None, repr=False)  # what the beads index (None: not correctable)
    beads: Beads = field(default=(), repr=False)  # the rows as beads, one per row
    problems: tuple[Problem, ...] = ()  # stored corrections that no longer fit the texts (kept)
    automatic: Beads = field(default=(), repr=False)  # the aligner's own beads, before any correction

    @property
    def two_documents(self) -> bool:
        return self.source.id != self.target.id

    @property
    def editable(self) -> bool:
        return self.texts is not None and len(self.beads) == len(self.rows)

    def document(self, column: int) -> Document:
        return self.source if column == SOURCE else self.target

    def columns_of(self, doc_id: str) -> tuple[int, ...]:
        """The columns whose spans index this document's text."""
        return tuple(c for c, d in ((SOURCE, self.source), (TARGET, self.target)) if d.id == doc_id)

    def text(self, row: int, column: int) -> str:
        return self.span_text(self.rows[row].span(column), column)

    def span_text(self, span: Span | None, column: int) -> str:
        return " ".join(plain(self.document(column).text[span[0] : span[1]]).split()) if span else ""

    def sentences(self, row: int, column: int) -> tuple[Unit, ...]:
        """The sentences of a row's side, in order (none when the row cannot be edited)."""
        if not self.editable or column == SCORE:
            return ()
        return self.beads[row].side("source" if column == SOURCE else "target")

    def covers(self, passage: Passage) -> bool:
        """True when the passage holds a sentence of an aligned row (on its document's side)."""
        return any(
            span[0] < passage.end and passage.start < span[1]
            for column in self.columns_of(passage.doc_id)
            for row in self.rows
            if (span := row.span(column)) is not None
        )

    def same_texts(self, source: Document, target: Document) -> bool:
        return (self.source.id, self.source.fingerprint, self.target.id, self.target.fingerprint) == (
            source.id,
            source.fingerprint,
            target.id,
            target.fingerprint,
        )

    def with_beads(self, beads: Beads) -> PairAlignment:
        """The same texts with these beads (an edit, an undo or a redo); pairs made by hand make it
        a translation."""
        translated = self.translated or any(b.status != AUTOMATIC and b.source and b.target for b in beads)
        return replace(self, rows=rows_of(beads), beads=beads, translated=translated)


def rows_of(beads: Sequence[Bead]) -> list[PairRow]:
    """The view's rows of beads: each side's sentences as one span."""
    return [PairRow(_span(b.source), _span(b.target), b.score, b.status) for b in beads]


def _span(units: tuple[Unit, ...]) -> Span | None:
    return (units[0].start, units[-1].end) if units else None


def of_corrected(
    corrected: Corrected[DocumentAlignment] | Corrected[TextAlignment],
    source: Document,
    target: Document,
    pair: DocumentPair | None = None,
) -> PairAlignment:
    """The view's alignment of a corrected one (`Workspace.corrected_alignment` and
    `corrected_pair_alignment`): its beads, texts and stale corrections."""
    alignment = corrected.alignment
    languages = alignment.languages
    return PairAlignment(
        rows_of(corrected.beads),
        (str(languages[0]), str(languages[1])),
        source,
        target,
        pair,
        alignment.translated,
        corrected.texts,
        corrected.beads,
        corrected.problems,
        corrected.automatic,
    )
