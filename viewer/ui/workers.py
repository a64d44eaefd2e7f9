"""Background jobs: run a callable in Qt's thread pool, get its result on the main thread.

The job never touches widgets. Its result or exception comes back through a queued signal, so
the callbacks run on the thread that owns the `Job` (the UI thread). A job may report progress
through the `progress` callable the core functions accept; it is forwarded the same way.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class Job(QObject):
    """A handle on one background call; its public signals are emitted on the thread that created it.

    WORKAROUND: a signal connected to a plain Python callable (a lambda) is delivered directly in
    the emitting thread, so the worker emits only the private signals, which reach this object's
    slots through a queued connection; the public signals are then emitted on the owner's thread.
    """

    succeeded = Signal(object)
    failed = Signal(object, str)  # the exception and its formatted traceback
    progressed = Signal(int, int, str)
    finished = Signal()
    _done = Signal(object, object, str)
    _progress = Signal(int, int, str)

    def __init__(self) -> None:
        super().__init__()
        self._done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        self._progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)

    @Slot(object, object, str)
    def _on_done(self, result: object, error: object, trace: str) -> None:
        if isinstance(error, BaseException):
            self.failed.emit(error, trace)
        else:
            self.succeeded.emit(result)
        self.finished.emit()

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, message: str) -> None:
        self.progressed.emit(done, total, message)


class _Runnable(QRunnable):
    def __init__(self, job: Job, fn: Callable[..., Any], args: tuple[Any, ...], with_progress: bool) -> None:
        super().__init__()
        self.job = job
        self.fn = fn
        self.args = args
        self.with_progress = with_progress
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            if self.with_progress:
                result = self.fn(*self.args, progress=self._progress)
            else:
                result = self.fn(*self.args)
        except BaseException as exc:
            self.job._done.emit(None, exc, traceback.format_exc())
        else:
            self.job._done.emit(result, None, "")

    def _progress(self, done: int, total: int, message: str = "") -> None:
        self.job._progress.emit(done, total, message)


_ALIVE: set[Job] = set()


def run_in_thread(
    fn: Callable[..., Any],
    *args: Any,
    on_success: Callable[[Any], None] | None = None,
    on_failure: Callable[[BaseException, str], None] | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
    pool: QThreadPool | None = None,
) -> Job:
    """Run `fn(*args)` (plus `progress=` when on_progress is given) off the UI thread."""
    job = Job()
    if on_success:
        job.succeeded.connect(on_success)
    if on_failure:
        job.failed.connect(on_failure)
    else:
        job.failed.connect(lambda exc, tb: log.error("background job failed: %s\n%s", exc, tb))
    if on_progress:
        job.progressed.connect(on_progress)
    _ALIVE.add(job)  # keep the QObject alive until its signals have been delivered
    job.finished.connect(lambda: _ALIVE.discard(job))
    (pool or QThreadPool.globalInstance()).start(_Runnable(job, fn, args, on_progress is not None))
    return job
