"""The side-by-side view's values: rows of aligned spans and the two texts they index.

A `PairAlignment` holds a source and a target document: a row's source span indexes the source
document's text and its target span the target's. For one bilingual document (the thesis abstract,
a TMX file) both are that document; for a pair of documents (a text and its translation) they
are the two. A row may later carry its own status (automatic, edited, confirmed) beside its score.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from viewer.core.corpus.model import Document, Passage

if TYPE_CHECKING:
    from viewer.core.pairs.model import AlignedSpans, DocumentPair

Span = tuple[int, int]
SOURCE, SCORE, TARGET = 0, 1, 2


@dataclass(frozen=True)
class PairRow:
    """One aligned bead: a span of the source text and one of the target text (None: no counterpart)."""

    source: Span | None
    target: Span | None
    score: float

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

    @property
    def two_documents(self) -> bool:
        return self.source.id != self.target.id

    def document(self, column: int) -> Document:
        return self.source if column == SOURCE else self.target

    def columns_of(self, doc_id: str) -> tuple[int, ...]:
        """The columns whose spans index this document's text."""
        return tuple(c for c, d in ((SOURCE, self.source), (TARGET, self.target)) if d.id == doc_id)

    def text(self, row: int, column: int) -> str:
        span = self.rows[row].span(column)
        return " ".join(self.document(column).text[span[0] : span[1]].split()) if span else ""

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


def rows_of(pairs: Sequence[AlignedSpans]) -> list[PairRow]:
    """The view's rows of an aligner's beads."""
    return [PairRow(p.source, p.target, p.score) for p in pairs]
