"""Saving the user's alignment corrections in a worker: one save at a time per alignment, a newer
state waiting for the save under way and then replacing it, so the store always ends with the last
state the user saw. `flush` saves what is still waiting, here and now (the window is closing and
its jobs are done). A failed save is said (`failed`): the edits stay on screen and in the undo
history, and the state is saved again with the next edit or at close.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from viewer.core.align.corrections import Beads
from viewer.core.errors import UserError
from viewer.ui.workers import JobPool

if TYPE_CHECKING:
    from viewer.core.align.corrections_anchors import Key, Texts

log = logging.getLogger(__name__)

Save = Callable[["Texts", Beads], int]


class CorrectionSaver(QObject):
    """Saves each alignment's newest corrected state through `save` (Workspace.save_corrections)."""

    failed = Signal(object, str)  # the exception, its traceback ("" for a user error)

    def __init__(self, jobs: JobPool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.jobs = jobs
        self.save: Save | None = None  # set once there is a workspace
        self._pending: dict[Key, tuple[Texts, Beads]] = {}  # states waiting to be saved
        self._saving: set[Key] = set()

    def queue(self, texts: Texts, beads: Beads) -> None:
        """Save this state of the alignment of `texts` (after the save under way, if any)."""
        self._pending[texts.key] = (texts, beads)
        if texts.key not in self._saving:
            self._start_save(texts.key)

    def _start_save(self, key: Key) -> None:
        if self.save is None or key not in self._pending:
            return
        texts, beads = self._pending.pop(key)
        job = self.jobs.run(
            self.save,
            texts,
            beads,
            on_success=lambda _kept: self._saved(key),
            on_failure=lambda exc, trace: self._failed(texts, beads, exc, trace),
        )
        if job is None:  # the window is closing: `flush` saves it
            self._pending.setdefault(key, (texts, beads))
        else:
            self._saving.add(key)

    def _saved(self, key: Key) -> None:
        self._saving.discard(key)
        self._start_save(key)  # a newer state came while this one was saved

    def _failed(self, texts: Texts, beads: Beads, exc: BaseException, trace: str) -> None:
        """Said once; the state waits (unless a newer one does) for the next edit or `flush`."""
        self._saving.discard(texts.key)
        self._pending.setdefault(texts.key, (texts, beads))
        if isinstance(exc, UserError):
            log.warning("corrections not saved: %s", exc)
            self.failed.emit(exc, "")
        else:
            log.error("saving corrections failed: %s\n%s", exc, trace)
            self.failed.emit(exc, trace)

    @property
    def unsaved(self) -> int:
        """Alignments whose latest state is not saved yet."""
        return len(self._pending) + len(self._saving)

    def flush(self) -> None:
        """Save, here and now, what is still waiting (the window is closing; its jobs are done)."""
        pending, self._pending = self._pending, {}
        for texts, beads in pending.values():
            if self.save is None:
                break
            try:
                self.save(texts, beads)
            except Exception:
                log.exception("saving corrections at close failed")
