"""Alignments as every reader of them sees them: the automatic alignment (computed once per text
version, then kept, between runs too: `stored`) with the user's stored corrections laid over it (`corrections_apply`).

The workspace holds one `Aligning`; the reader, bookmarks on pairs, the TMX/TSV export and the CLI
all ask it, so corrections win everywhere. An alignment is keyed by what it aligns: one document's
two language parts (its id) or two documents (source id, target id: `corrections_anchors.Key`).
`save` keeps the user's state of one alignment (the beads an editor shows); `follow` moves the
corrections of documents that were renamed or moved (the same text under a new id) to their new
ids, as the pair store does for pairs. Thread-safe.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence

from viewer.core.align import stored
from viewer.core.align.corrections import Beads
from viewer.core.align.corrections_anchors import Key, Texts, key_of, key_parts
from viewer.core.align.corrections_apply import Corrected, apply_stored
from viewer.core.align.corrections_store import CorrectionStore
from viewer.core.align.document import DocumentAlignment, align_document
from viewer.core.align.stored import Derived
from viewer.core.align.texts import TextAlignment
from viewer.core.corpus.model import Corpus, Document

log = logging.getLogger(__name__)


class Aligning:
    """The automatic alignments of documents' own parts (cached) and the user's corrections."""

    def __init__(self, corrections: CorrectionStore, kept: Derived | None = None) -> None:
        self.corrections = corrections
        self.kept = kept  # alignments kept between runs (the document cache), or None
        self._automatic: dict[str, tuple[str, DocumentAlignment | None]] = {}  # doc id -> (fingerprint, alignment)
        self._lock = threading.Lock()

    @property
    def notice(self) -> str | None:
        """What the user should know about the correction store (moved aside, read-only...)."""
        return self.corrections.notice

    def automatic(self, document: Document) -> DocumentAlignment | None:
        """The document's two language parts as the aligner pairs them (None: it has no two parts)."""
        with self._lock:
            cached = self._automatic.get(document.id)
        if cached is not None and cached[0] == document.fingerprint:
            return cached[1]
        found, alignment = stored.load_document(self.kept, document) if self.kept else (False, None)
        if not found:
            alignment = align_document(document)
            if self.kept is not None:
                stored.keep_document(self.kept, document, alignment)
        with self._lock:
            self._automatic[document.id] = (document.fingerprint, alignment)
        return alignment

    def document(self, document: Document) -> Corrected[DocumentAlignment] | None:
        """The document's own alignment with its corrections, or None when it has no two parts."""
        automatic = self.automatic(document)
        if automatic is None:
            return None
        return apply_stored(automatic, document.id, Texts.of_document(document), self.corrections)

    def pair(self, source: Document, target: Document, automatic: TextAlignment) -> Corrected[TextAlignment]:
        """Two documents' automatic alignment (`align_texts` on their texts) with their corrections."""
        texts = Texts.of_documents(source, target)
        return apply_stored(automatic, texts.key, texts, self.corrections)

    def save(self, texts: Texts, beads: Beads) -> int:
        """Keep the user's state of the alignment of `texts` (every bead as shown; the automatic ones
        are not stored). Returns how many beads made or confirmed by hand were kept."""
        return self.corrections.save(texts.key, texts, beads)

    def clear(self, key: Key) -> int:
        """Forget an alignment's corrections: back to the aligner's pairs."""
        return self.corrections.clear(key)

    def counts(self, key: Key) -> dict[str, int]:
        return self.corrections.counts(key)

    def forget(self, corpus: Corpus) -> None:
        """The corpus changed: drop the automatic alignments of texts that changed or left it."""
        current = {d.id: d.fingerprint for d in corpus.documents}
        with self._lock:
            self._automatic = {k: v for k, v in self._automatic.items() if current.get(k) == v[0]}

    def follow(self, corpus: Corpus) -> list[tuple[Key, Key]]:
        """Move the corrections of documents no longer in the corpus to the document that now has the
        same text (a file renamed or moved), when exactly one does. Returns the moves made."""
        by_id = {d.id for d in corpus.documents}
        by_fp: dict[str, list[str]] = {}  # made when a document is missing (after every refresh otherwise)
        moves = []
        for key in self.corrections.keys():
            source, target = key_parts(key)
            if source in by_id and (not target or target in by_id):
                continue
            if not by_fp:
                for d in corpus.documents:
                    by_fp.setdefault(d.fingerprint, []).append(d.id)
            fps = self.corrections.fingerprints(key)
            new_source = _followed(source, fps[0], by_id, by_fp)
            new_target = _followed(target, fps[1], by_id, by_fp) if target else ""
            if new_source is None or new_target is None:
                continue  # kept under its ids: it comes back when the documents do
            new = key_of(new_source, new_target)
            if new != key and self.corrections.relink(key, new):
                log.info("corrections of %s followed their documents to %s", key, new)
                moves.append((key, new))
        return moves

    def close(self) -> None:
        self.corrections.close()


def _followed(doc_id: str, fingerprint: str, present: set[str], by_fp: dict[str, list[str]]) -> str | None:
    """The id the document has now: its own when present, else the one document with its text."""
    if doc_id in present:
        return doc_id
    holders: Sequence[str] = by_fp.get(fingerprint, ()) if fingerprint else ()
    return holders[0] if len(holders) == 1 else None
