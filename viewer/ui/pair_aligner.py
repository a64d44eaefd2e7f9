"""Two documents that translate each other, aligned sentence by sentence in a worker.

`Workspace.pair_alignment` blocks (a long pair of texts takes seconds), so it runs in the window's
jobs with its progress forwarded (`progressed`) and a cancel the user can pull (`cancel`); the
result comes back as a ready `PairAlignment` over the two documents (`ready`). One pair is aligned
at a time: asking for another cancels the one under way. Results are kept until the corpus changes.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal

from viewer.core.align.texts import AlignmentCancelled
from viewer.core.errors import UserError
from viewer.ui.pair_model import short_name
from viewer.ui.pair_rows import PairAlignment, of_corrected
from viewer.ui.workers import JobPool

if TYPE_CHECKING:
    from viewer.core.corpus.model import Document
    from viewer.core.pairs.model import DocumentPair
    from viewer.core.progress import Cancel, Progress
    from viewer.core.workspace import Workspace

log = logging.getLogger(__name__)


def align_documents(workspace: Workspace, pair: DocumentPair, cancel: Cancel, *, progress: Progress) -> PairAlignment:
    """The pair's two documents aligned, as the side-by-side view shows them. Runs in a worker."""
    corrected = workspace.corrected_pair_alignment(pair.source, pair.target, progress, cancel)
    source, target = workspace.document(corrected.texts.source_id), workspace.document(corrected.texts.target_id)
    return of_corrected(corrected, source, target, pair)


class PairAligner(QObject):
    """The alignments of document pairs, made one at a time in a worker and kept by pair."""

    ready = Signal(object)  # a PairAlignment of two documents
    cancelled = Signal(object)  # the DocumentPair whose aligning was cancelled
    failed = Signal(object, object, str)  # the DocumentPair, the exception and its traceback
    progressed = Signal(int, int, str)  # done, total, what (for the status bar)
    busy_changed = Signal(bool)

    def __init__(self, jobs: JobPool, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.jobs = jobs
        self.workspace = workspace
        self._known: dict[str, PairAlignment] = {}  # pair key -> its rows
        self._running: tuple[int, DocumentPair, threading.Event] | None = None  # (token, pair, its cancel)
        self._tokens = itertools.count(1)
        self._epoch = 0  # bumped by `forget`: results of texts aligned before are not kept
        self.what = ""  # what the alignment under way says in the status bar

    def get(self, pair: DocumentPair) -> PairAlignment | None:
        return self._known.get(pair.key)

    def keep(self, alignment: PairAlignment) -> None:
        """An edit changed a pair's rows: they are what it shows from now on."""
        if alignment.pair is not None:
            self._known[alignment.pair.key] = alignment

    def running(self, pair: DocumentPair | None = None) -> bool:
        return self._running is not None and (pair is None or self._running[1].key == pair.key)

    def request(self, pair: DocumentPair) -> PairAlignment | None:
        """The pair's rows when known; else start aligning it (unless under way) and return None."""
        known = self._known.get(pair.key)
        if known is not None or self.running(pair):
            return known
        self.cancel()
        token, stop, epoch = next(self._tokens), threading.Event(), self._epoch
        what = QCoreApplication.translate("MainWindow", "Aligning {a} with {b}…").format(
            a=short_name(pair.source), b=short_name(pair.target)
        )
        job = self.jobs.run(
            align_documents,
            self.workspace,
            pair,
            stop.is_set,
            on_success=lambda result: self._done(token, epoch, pair, result),
            on_failure=lambda exc, trace: self._failed(token, pair, exc, trace),
            on_progress=lambda done, total, _detail: self._progress(token, done, total, what),
        )
        if job is not None:
            self.what = what
            self._running = (token, pair, stop)
            self.busy_changed.emit(True)
            self.progressed.emit(0, 0, self.what)
        return None

    def cancel(self) -> bool:
        """Stop the alignment under way (`cancelled` says which); True when one was running."""
        running, self._running = self._running, None
        if running is None:
            return False
        running[2].set()
        self.busy_changed.emit(False)
        self.cancelled.emit(running[1])
        return True

    def forget(self, documents: Sequence[Document]) -> None:
        """The corpus changed: alignments of documents that changed or left it go (a document that
        did not change is the same object in the new corpus)."""
        current = {d.id: d for d in documents}
        self._known = {
            key: a
            for key, a in self._known.items()
            if current.get(a.source.id) is a.source and current.get(a.target.id) is a.target
        }
        self._epoch += 1

    def _current(self, token: int) -> bool:
        return self._running is not None and self._running[0] == token

    def _progress(self, token: int, done: int, total: int, what: str) -> None:
        if self._current(token):
            self.progressed.emit(done, total, what)

    def _done(self, token: int, epoch: int, pair: DocumentPair, result: PairAlignment) -> None:
        if epoch == self._epoch:
            self._known[pair.key] = result
        if self._current(token):
            self._running = None
            self.busy_changed.emit(False)
            self.ready.emit(result)

    def _failed(self, token: int, pair: DocumentPair, exc: BaseException, trace: str) -> None:
        if isinstance(exc, AlignmentCancelled):  # `cancel` said so when it was pulled
            log.info("aligning %s cancelled", pair.key.replace("\n", " + "))
            return
        if not self._current(token):
            log.info("aligning %s failed after it was left: %s", pair.key.replace("\n", " + "), exc)
            return
        self._running = None
        self.busy_changed.emit(False)
        if not isinstance(exc, UserError):
            log.error("aligning %s failed: %s\n%s", pair.key.replace("\n", " + "), exc, trace)
        self.failed.emit(pair, exc, trace)
