"""The document pairs in the app: a document's counterparts, and the user's pairing, confirming,
rejecting and unpairing. Every call into the workspace runs in a worker (`JobPool`); the results
come back on the main thread as ready values (`Counterparts`) through the controller's signals.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from viewer.core.errors import UserError
from viewer.ui.workers import JobPool

if TYPE_CHECKING:
    from viewer.core.pairs.model import DocumentPair
    from viewer.core.workspace import Workspace

log = logging.getLogger(__name__)

USER_SET = ("confirmed", "manual")


@dataclass(frozen=True)
class Counterpart:
    """The other document of one of a document's pairs."""

    pair: DocumentPair
    doc_id: str
    lang: str
    title: str

    @property
    def status(self) -> str:
        return self.pair.status

    @property
    def confident(self) -> bool:
        """Taken as the document's translation (a search hit opens side by side with it)."""
        return self.pair.confident


@dataclass(frozen=True)
class Counterparts:
    """A document's counterparts (not rejected): the user's pairs first, then confident suggestions."""

    doc_id: str
    items: tuple[Counterpart, ...] = ()

    def get(self, doc_id: str) -> Counterpart | None:
        return next((c for c in self.items if c.doc_id == doc_id), None)

    def best(self) -> Counterpart | None:
        """The counterpart to read beside the document: a confirmed or hand-made pair, else the best
        confident suggestion; None when there is neither."""
        ranked = sorted((c for c in self.items if c.confident), key=lambda c: (c.status not in USER_SET, -c.pair.score))
        return ranked[0] if ranked else None

    def suggested(self) -> Counterpart | None:
        return next((c for c in self.items if c.status == "suggested"), None)


def counterparts_of(workspace: Workspace, doc_id: str) -> Counterparts:
    """The document's counterparts with their titles. Runs in a worker."""
    items = []
    ranked = sorted(workspace.counterparts(doc_id), key=lambda p: (p.status not in USER_SET, not p.confident))
    for pair in ranked:  # the user's pairs first, then confident suggestions (each by score, as they came)
        other = pair.other(doc_id)
        try:
            title = workspace.document(other).title
        except UserError as exc:  # the corpus changed under the pair: it is found again at the next refresh
            log.info("counterpart %s of %s is gone: %s", other, doc_id, exc)
            continue
        items.append(Counterpart(pair, other, pair.language_of(other), title))
    return Counterparts(doc_id, tuple(items))


class PairingController(QObject):
    """Runs pair look-ups and changes through the workspace in workers, one signal per outcome."""

    counterparts_loaded = Signal(object)  # Counterparts
    pair_changed = Signal(str, str, str, object)  # what ("added", "confirmed", "rejected", "removed"), a, b, pair
    failed = Signal(object, str)  # the exception and its traceback (a UserError is one line to show)

    def __init__(self, workspace: Workspace, jobs: JobPool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.jobs = jobs
        self._seq = itertools.count(1)
        self._delivered: dict[str, int] = {}  # doc id -> the newest look-up shown (older ones are stale)

    def load(self, doc_id: str) -> None:
        """Look up the document's counterparts (`counterparts_loaded` brings them)."""
        seq = next(self._seq)
        self.jobs.run(
            counterparts_of,
            self.workspace,
            doc_id,
            on_success=lambda found: self._deliver(seq, found),
            on_failure=self._on_job_failed,
        )

    def add(self, a: str, b: str) -> None:
        self._change("added", self.workspace.pair_add, a, b)

    def confirm(self, a: str, b: str) -> None:
        self._change("confirmed", self.workspace.pair_confirm, a, b)

    def reject(self, a: str, b: str) -> None:
        self._change("rejected", self.workspace.pair_reject, a, b)

    def remove(self, a: str, b: str) -> None:
        self._change("removed", self.workspace.pair_remove, a, b)

    def _change(self, what: str, change: Callable[[str, str], DocumentPair | None], a: str, b: str) -> None:
        """Make the change in a worker, then look up `a`'s counterparts again there."""
        workspace = self.workspace
        seq = next(self._seq)

        def job() -> tuple[DocumentPair | None, Counterparts]:
            pair = change(a, b)
            return pair, counterparts_of(workspace, a)

        def done(result: tuple[DocumentPair | None, Counterparts]) -> None:
            pair, found = result
            self.pair_changed.emit(what, a, b, pair)
            self._deliver(seq, found)

        self.jobs.run(job, on_success=done, on_failure=self._on_job_failed)

    def _deliver(self, seq: int, found: Counterparts) -> None:
        if seq < self._delivered.get(found.doc_id, 0):
            return  # a newer look-up of this document already came back
        self._delivered[found.doc_id] = seq
        self.counterparts_loaded.emit(found)

    def _on_job_failed(self, exc: BaseException, trace: str) -> None:
        if not isinstance(exc, UserError):
            log.error("a pairing job failed: %s\n%s", exc, trace)
        self.failed.emit(exc, trace)
