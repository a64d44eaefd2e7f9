"""The workspace's library changes: imports, refreshes, removals and edited details, taken into the
corpus, the index and the translation pairs, with one progress bar for the whole of each.

A part of `Workspace` (its base class), apart only to keep each file readable: every method works
inside the workspace's `_work` (so closing waits for it) and blocks, so the app calls them from
workers. The corpus is swapped whole under the workspace's lock.
"""

from __future__ import annotations

import abc
import contextlib
import logging
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from viewer.core.align.service import Aligning
from viewer.core.corpus.model import Corpus, Document
from viewer.core.errors import UserError
from viewer.core.library.importers import ImportReport
from viewer.core.library.library import Library
from viewer.core.library.metadata import MetadataEdit
from viewer.core.pairs.model import DocumentPair
from viewer.core.pairs.service import Pairing
from viewer.core.progress import PHASE_SCALE, Cancel, Progress, phase, step
from viewer.core.search.index import SearchIndex

log = logging.getLogger(__name__)

# Bytes imported above which the readers stop once they are done, before the corpus takes the
# documents in (their fork server stays: the next import's readers start at once); below, they stay
# for the next refresh.
REST_READERS_ABOVE = 1_000_000
# Bytes imported above which the fork server stops too before re-indexing (its memory is the index's).
RELEASE_READERS_ABOVE = 5_000_000
# An import's share of one progress bar: reading up to READ, the corpus to CORPUS, the index to
# INDEXED, translations the rest (600 files, 6.5 MB, 2 cores: reading ~10 s, the corpus ~1.5 s, the
# index ~9 s, translations 0.4-4 s, more when the texts have counterparts to compare).
READ, CORPUS, INDEXED = 0.4, 0.5, 0.8


class LibraryChanges(abc.ABC):
    """Imports and refreshes: see the module docstring."""

    library: Library
    aligning: Aligning
    pairing: Pairing
    _lock: threading.RLock
    _corpus: Corpus
    _index: SearchIndex | None

    @property
    @abc.abstractmethod
    def corpus(self) -> Corpus: ...

    @abc.abstractmethod
    def _work(self) -> contextlib.AbstractContextManager[None]: ...

    @abc.abstractmethod
    def open_index(self, progress: Progress | None = None, *, rebuild: bool = False) -> SearchIndex: ...

    @abc.abstractmethod
    def find_pairs(
        self, progress: Progress | None = None, cancel: Cancel | None = None, *, force: bool = False
    ) -> list[DocumentPair]: ...

    def import_paths(
        self, paths: Sequence[Path], progress: Progress | None = None, cancel: Cancel | None = None
    ) -> ImportReport:
        """Add folders or files as collections, import them, bring corpus and index up to date and find
        the pairs the new documents make."""
        with self._work():
            started = time.perf_counter()
            report = self.library.add(
                paths, progress=phase(progress, "Importing", 0.0, READ, count=True), cancel=cancel
            )
            return self._take_in(report, progress, cancel, started)

    def refresh(
        self, collection_id: str | None = None, progress: Progress | None = None, cancel: Cancel | None = None
    ) -> ImportReport:
        with self._work():
            started = time.perf_counter()
            self.pairing.prepare(self.corpus)  # the pairs' reading, while the readers read the files
            imported = phase(progress, "Importing", 0.0, READ, count=True)
            report = self.library.refresh(collection_id, progress=imported, cancel=cancel)
            return self._take_in(report, progress, cancel, started)

    def _take_in(
        self, report: ImportReport, progress: Progress | None, cancel: Cancel | None, started: float
    ) -> ImportReport:
        """After reading: the corpus, the index and the translations take in what the import changed;
        the report gets the whole time, and whether a stop came before translations were looked for."""
        if report.bytes_read > REST_READERS_ABOVE:
            self.library.pool.rest()
        if progress and report.has_changes:
            progress(int(PHASE_SCALE * READ), PHASE_SCALE, "Adding the texts to the library")
        self._apply(report, phase(progress, "Indexing:", CORPUS, INDEXED))
        self.find_pairs(phase(progress, "Finding translations:", INDEXED, 1.0), cancel)
        report.pairs_pending = bool(cancel and cancel())  # a stopped search records nothing
        report.total_seconds = time.perf_counter() - started
        return report

    def remove_collection(self, collection_id: str, progress: Progress | None = None) -> ImportReport:
        with self._work():
            removed = self.library.remove(collection_id)
            report = ImportReport(collections=[collection_id], removed_doc_ids=list(removed), removed=list(removed))
            self._apply(report, progress)
            self.find_pairs(step(progress, "Finding translations:"))
            return report

    def describe(self, doc_id: str, edit: MetadataEdit, progress: Progress | None = None) -> Document:
        """Keep the user's title, authors and year of an imported document; the index follows."""
        with self._work():
            self.library.set_metadata(doc_id, edit)
            self._apply(ImportReport(changed_doc_ids=[doc_id]), progress)
            return self.corpus.get(doc_id)

    def _apply(self, report: ImportReport, progress: Progress | None) -> None:
        """Take a refresh's changes into the corpus (only changed documents are read) and the index."""
        if not report.has_changes:
            return
        corpus = self.library.updated_corpus(self.corpus, report)
        with self._lock:
            self._corpus = corpus
            had_index = self._index is not None
        self.aligning.forget(corpus)
        self._follow_renames()
        if had_index:
            if report.bytes_read > RELEASE_READERS_ABOVE:  # their memory goes to a big build (they restart)
                self.library.pool.release()
            self.open_index(progress)

    def _follow_renames(self) -> None:
        """Corrections of renamed or moved documents follow them (a store that cannot be written
        keeps them under the old ids, where they apply again if the documents come back)."""
        try:
            self.aligning.follow(self.corpus)
        except UserError as exc:
            log.warning("corrections did not follow renamed documents: %s", exc)
