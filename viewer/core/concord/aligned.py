"""Every aligned sentence pair of the library, the user's corrections applied: the two language parts
of bilingual documents (the thesis abstract, TMX files) and the documents paired as translations.

`collect` asks the workspace (any `Source`) for them once per corpus; `AlignedSentences.at` finds,
for a span of a document, the aligned sentence of the other language that holds it.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from viewer.core.align.document import AlignedPair, DocumentAlignment
from viewer.core.align.texts import TextAlignment
from viewer.core.corpus.model import Corpus, Document
from viewer.core.pairs.model import DocumentPair
from viewer.core.progress import Cancel, Progress

Span = tuple[int, int]


class Source(Protocol):
    """What the concordance needs of the workspace."""

    @property
    def corpus(self) -> Corpus: ...

    def alignment(self, document: Document) -> DocumentAlignment | None: ...

    def pairs(self) -> list[DocumentPair]: ...

    def pair_alignment(
        self, a: str, b: str, progress: Progress | None = None, cancel: Cancel | None = None
    ) -> TextAlignment: ...


@dataclass(frozen=True, slots=True)
class SentencePair:
    """Two aligned sentences (or runs of sentences), each a span of its document's text."""

    doc_a: str
    lang_a: str
    span_a: Span
    text_a: str
    doc_b: str
    lang_b: str
    span_b: Span
    text_b: str

    def flipped(self) -> SentencePair:
        return SentencePair(
            self.doc_b, self.lang_b, self.span_b, self.text_b, self.doc_a, self.lang_a, self.span_a, self.text_a
        )


class AlignedSentences:
    """The pairs, and per document the sentences sorted by start (each side of a pair is one)."""

    def __init__(self, pairs: Sequence[SentencePair]) -> None:
        self.pairs = tuple(pairs)
        by_doc: dict[str, list[tuple[int, int, SentencePair]]] = {}
        for pair in self.pairs:
            by_doc.setdefault(pair.doc_a, []).append((*pair.span_a, pair))
            by_doc.setdefault(pair.doc_b, []).append((*pair.span_b, pair.flipped()))
        self._starts: dict[str, list[int]] = {}
        self._entries: dict[str, list[tuple[int, int, SentencePair]]] = {}
        for doc, entries in by_doc.items():
            entries.sort(key=lambda e: (e[0], e[1]))
            self._entries[doc] = entries
            self._starts[doc] = [e[0] for e in entries]

    def at(self, doc: str, span: Span) -> SentencePair | None:
        """The pair whose `doc` side holds `span` (that side first), None when it is in none."""
        starts = self._starts.get(doc)
        if not starts:
            return None
        i = bisect.bisect_right(starts, span[0]) - 1
        for start, end, pair in reversed(self._entries[doc][max(0, i - 3) : i + 1]):
            if start <= span[0] and span[1] <= end:
                return pair
        return None

    def __len__(self) -> int:
        return len(self.pairs)


def collect(source: Source, progress: Callable[[int, int], None] | None = None) -> AlignedSentences:
    """The library's aligned sentence pairs: each bilingual document's own two parts and each
    confident pair of documents that aligns as a translation (both with corrections applied).
    `progress(done, total)` after each text read (a document, or a pair of documents)."""
    corpus = source.corpus
    pairs: list[SentencePair] = []
    documents = corpus.documents
    total = len(documents)
    for done, document in enumerate(documents, 1):
        alignment = source.alignment(document)
        if alignment is not None and alignment.translated:
            pairs += _pairs(document, document, alignment.languages, alignment.pairs)
        if progress is not None:
            progress(done, total)
    confident = [pair for pair in source.pairs() if pair.confident]
    for done, pair in enumerate(confident, total + 1):
        result = source.pair_alignment(pair.source, pair.target)
        if result.translated:
            source_doc, target_doc = corpus.get(pair.source), corpus.get(pair.target)
            pairs += _pairs(source_doc, target_doc, result.languages, result.pairs)
        if progress is not None:
            progress(done, total + len(confident))
    return AlignedSentences(pairs)


def _pairs(
    source: Document, target: Document, languages: tuple[str, str], beads: Iterable[AlignedPair]
) -> list[SentencePair]:
    return [
        SentencePair(
            source.id,
            languages[0],
            bead.source,
            source.text[bead.source[0] : bead.source[1]],
            target.id,
            languages[1],
            bead.target,
            target.text[bead.target[0] : bead.target[1]],
        )
        for bead in beads
        if bead.source and bead.target
    ]
