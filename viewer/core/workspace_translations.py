"""The workspace's translations: its document pairs, the alignments of a document's two parts and of
two documents, the user's corrections laid over them, and the aligned rows an export writes.

A part of `Workspace` (its base class), apart only to keep each file readable: every method works
on the workspace's corpus, `pairing` and `aligning`, inside its `_work` (so closing waits for it),
and blocks, so the app calls them from workers.
"""

from __future__ import annotations

import abc
import contextlib
import functools
from typing import Any

from viewer.core.align.corrections import Beads
from viewer.core.align.corrections_anchors import Key, Texts
from viewer.core.align.corrections_apply import Corrected
from viewer.core.align.document import DocumentAlignment
from viewer.core.align.service import Aligning
from viewer.core.align.texts import TextAlignment
from viewer.core.align.tmx import Exported, PairRow, pair_export
from viewer.core.concord import cross as crossing
from viewer.core.concord.concordance import Concordancer
from viewer.core.concord.model import Candidate, Concordance, SortKey
from viewer.core.corpus.model import Corpus, Document
from viewer.core.pairs.model import DocumentPair
from viewer.core.pairs.service import Pairing
from viewer.core.progress import Cancel, Progress
from viewer.core.search.results import SearchResults


class Translations(abc.ABC):
    """Document pairs and alignments: see the module docstring."""

    pairing: Pairing
    aligning: Aligning

    @property
    @abc.abstractmethod
    def corpus(self) -> Corpus: ...

    @abc.abstractmethod
    def _work(self) -> contextlib.AbstractContextManager[None]: ...

    # --- alignments, with the user's corrections -------------------------------------------------

    def alignment(self, document: Document) -> DocumentAlignment | None:
        """The document's own two language parts aligned, the user's corrections applied, or None."""
        corrected = self.corrected_alignment(document)
        return corrected.alignment if corrected is not None else None

    def corrected_alignment(self, document: Document) -> Corrected[DocumentAlignment] | None:
        """`alignment`, with its beads and texts (what an editor changes) and the stale corrections."""
        with self._work():
            return self.aligning.document(document)

    def save_corrections(self, texts: Texts, beads: Beads) -> int:
        """Keep the user's corrected state of an alignment (the beads an editor shows)."""
        with self._work():
            kept = self.aligning.save(texts, beads)
        self._corrections_changed()
        return kept

    def clear_corrections(self, key: Key) -> int:
        """Forget an alignment's corrections (`Texts.key`): back to the aligner's pairs."""
        with self._work():
            cleared = self.aligning.clear(key)
        self._corrections_changed()
        return cleared

    def _corrections_changed(self) -> None:
        learned = self.__dict__.get("concordancer")
        if learned is not None:
            learned.forget()  # what is learned from the aligned sentences is learned again

    # --- the parallel concordance ----------------------------------------------------------------

    @functools.cached_property
    def concordancer(self) -> Concordancer:
        """The concordance and translation candidates, learned from this workspace's alignments."""
        return Concordancer(self)  # type: ignore[arg-type]  # Workspace is its Searcher

    def concordance(
        self,
        query: str,
        *,
        lang: str | None = None,
        doc: str | None = None,
        width: int = 60,
        sort: SortKey | None = None,
        limit: int = 1000,
        cross: bool = False,
    ) -> Concordance:
        """Every match of `query` in context, each with its aligned translation when it has one
        (`cross`, or `~word` in the query: the matches of its translations too, after the others)."""
        with self._work():
            return self.concordancer.concordance(
                query, lang=lang, doc=doc, width=width, sort=sort, limit=limit, cross=cross
            )

    def _search_across(self, run: crossing.Search, text: str, cross: bool, **options: Any) -> SearchResults:
        """`search` with `cross` or a `~word`: the direct hits, then those found through translation."""
        query = crossing.read(text, self.concordancer.translator(), every_word=cross)
        return crossing.search(run, query, **options)

    def translations(self, word: str, lang: str | None = None, limit: int = 10) -> list[Candidate]:
        """Likely translations of `word`, learned from the library's aligned sentences."""
        with self._work():
            return self.concordancer.translations(word, lang, limit)

    # --- pairs of documents that translate each other ---------------------------------------------

    def pairs(self) -> list[DocumentPair]:
        """Every pair of the library's documents (rejected ones too): the user's first, then by score."""
        with self._work():
            return self.pairing.pairs(self.corpus)

    def counterparts(self, doc_id: str) -> list[DocumentPair]:
        """The document's pairs that are not rejected, confident ones (`DocumentPair.confident`) first."""
        with self._work():
            return self.pairing.counterparts(self.corpus, doc_id)

    def find_pairs(
        self, progress: Progress | None = None, cancel: Cancel | None = None, *, force: bool = False
    ) -> list[DocumentPair]:
        """Find the pairs of the current corpus and record them as suggestions (nothing to do when the
        corpus is the one they were last found on, unless `force`); returns every pair, as `pairs`."""
        with self._work():
            return self.pairing.find(self.corpus, progress, cancel, force=force)

    def pair_add(self, a: str, b: str) -> DocumentPair:
        """Pair two documents by hand. Unknown ids, one document twice or one language: UserError."""
        with self._work():
            return self.pairing.add(self.corpus, a, b)

    def pair_confirm(self, a: str, b: str) -> DocumentPair:
        with self._work():
            return self.pairing.confirm(self.corpus, a, b)

    def pair_reject(self, a: str, b: str) -> DocumentPair:
        """Say these two do not translate each other: the finder never suggests them again."""
        with self._work():
            return self.pairing.reject(self.corpus, a, b)

    def pair_remove(self, a: str, b: str) -> None:
        with self._work():
            self.pairing.remove(self.corpus, a, b)

    def pair_alignment(
        self, a: str, b: str, progress: Progress | None = None, cancel: Cancel | None = None
    ) -> TextAlignment:
        """The two documents aligned sentence by sentence, the user's corrections applied: the pair's
        source (the English side, or Bokmål) first; spans index each document's `text`."""
        return self.corrected_pair_alignment(a, b, progress, cancel).alignment

    def corrected_pair_alignment(
        self, a: str, b: str, progress: Progress | None = None, cancel: Cancel | None = None
    ) -> Corrected[TextAlignment]:
        """`pair_alignment` with its beads and texts (`texts.source_id`: the source document)."""
        with self._work():
            source, target, automatic = self.pairing.alignment(self.corpus, a, b, progress, cancel)
            return self.aligning.pair(source, target, automatic)

    def aligned_rows(self, doc_id: str | None = None) -> list[PairRow]:
        """`aligned_export`'s rows."""
        return self.aligned_export(doc_id).rows

    def aligned_export(self, doc_id: str | None = None) -> Exported:
        """The sentence pairs to export (corrections applied): those of `doc_id` with each confident
        counterpart that aligns as a translation, else of its own two parts; None: every document's
        own parts and every confident pair of documents. Says how many sentences have no counterpart."""
        with self._work():
            corpus = self.corpus
            pairs = [p for p in self.pairing.pairs(corpus) if p.confident]
            if doc_id is not None:
                pairs = [p for p in pairs if doc_id in (p.source, p.target)]
            exported = Exported()
            for pair in pairs:
                result = self.pair_alignment(pair.source, pair.target)
                if result.translated:
                    source, target = corpus.get(pair.source), corpus.get(pair.target)
                    exported.add(source.id, *result.languages, source.text, target.text, result.pairs)
            if doc_id is None or not exported.rows:
                documents = corpus.documents if doc_id is None else (corpus.get(doc_id),)
                exported.extend(pair_export(documents, self.alignment), first=True)
            return exported
