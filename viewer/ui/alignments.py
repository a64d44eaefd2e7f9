"""The side-by-side view's rows of each bilingual document, aligned in a worker the first time it opens
(the rows of two documents that translate each other: viewer.ui.pair_aligner).

Aligning an 800-sentence text takes over a second, so the reader shows the document at once and
the pairs follow when the worker is done (`ready`). The rows are kept per text version.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from viewer.core.corpus.model import Document
from viewer.ui.pair_rows import PairAlignment, of_corrected
from viewer.ui.workers import JobPool

if TYPE_CHECKING:
    from viewer.core.align.corrections_apply import Corrected
    from viewer.core.align.document import DocumentAlignment

__all__ = ["Alignments", "PairAlignment", "pair_alignment"]

log = logging.getLogger(__name__)


def pair_alignment(document: Document, corrected: Corrected[DocumentAlignment] | None) -> PairAlignment | None:
    """The view's rows of a document's corrected alignment, when its two parts are translations."""
    if corrected is None or not corrected.alignment.translated or not corrected.beads:
        return None
    return of_corrected(corrected, document, document)


class Alignments(QObject):
    """Each document's `PairAlignment` (or None), computed once per text version in a worker."""

    ready = Signal(object, object)  # the Document, its PairAlignment or None

    def __init__(
        self,
        jobs: JobPool,
        align: Callable[[Document], Corrected[DocumentAlignment] | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.jobs = jobs
        self.align = align  # Workspace.corrected_alignment: blocking, so only ever called in a worker
        self._known: dict[str, tuple[str, PairAlignment | None]] = {}
        self._running: set[tuple[str, str]] = set()

    def known(self, document: Document) -> bool:
        cached = self._known.get(document.id)
        return cached is not None and cached[0] == document.fingerprint

    def get(self, document: Document) -> PairAlignment | None:
        """The rows when known (see `known`), else None."""
        cached = self._known.get(document.id)
        return cached[1] if cached is not None and cached[0] == document.fingerprint else None

    def request(self, document: Document) -> bool:
        """Start aligning `document` unless it is known or under way; True when it is already known."""
        if self.known(document):
            return True
        key = (document.id, document.fingerprint)
        if key in self._running:
            return False
        job = self.jobs.run(
            self._compute,
            document,
            on_success=lambda result: self._done(document, result),
            on_failure=lambda exc, trace: self._failed(document, exc, trace),
        )
        if job is not None:
            self._running.add(key)
        return False

    def keep(self, alignment: PairAlignment) -> None:
        """An edit changed a document's rows: they are what it shows from now on."""
        document = alignment.source
        self._known[document.id] = (document.fingerprint, alignment)

    def _compute(self, document: Document) -> PairAlignment | None:
        return pair_alignment(document, self.align(document))

    def _done(self, document: Document, result: PairAlignment | None) -> None:
        self._running.discard((document.id, document.fingerprint))
        self._known[document.id] = (document.fingerprint, result)
        self.ready.emit(document, result)

    def _failed(self, document: Document, exc: BaseException, trace: str) -> None:
        log.error("aligning %s failed: %s\n%s", document.id, exc, trace)
        self._done(document, None)  # read it without the side-by-side view
