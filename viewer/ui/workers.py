"""Background jobs: run a callable in Qt's thread pool, get its result on the main thread.

The job never touches widgets. Its result or exception comes back through a queued signal, so
the callbacks run on the thread that owns the `Job` (the UI thread). A job may report progress
through the `progress` callable the core functions accept; it is forwarded the same way.

The window runs its jobs through a `JobPool`: on close it stops taking new ones and waits
(bounded) for those still running before the workspace they use is closed.
"""

from __future__ import annotations

import logging
import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class Job(QObject):
    """A handle on one background call; its callbacks run on the thread that created it.

    The worker emits only private signals; this object's slots receive them through a queued
    connection on the owner's thread and call the callbacks there, so a callback never runs in
    the worker even when it is a plain lambda.
    """

    finished = Signal()
    _done = Signal(object)  # (result, error, traceback)
    _progress = Signal(int, int, str)

    def __init__(
        self,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException, str], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
    ) -> None:
        super().__init__()
        self.on_success = on_success
        self.on_failure = on_failure
        self.on_progress = on_progress
        self._done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        self._progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _on_done(self, outcome: tuple[Any, BaseException | None, str]) -> None:
        result, error, trace = outcome
        try:
            if error is not None:
                if self.on_failure is not None:
                    self.on_failure(error, trace)
                else:
                    log.error("background job failed: %s\n%s", error, trace)
            elif self.on_success is not None:
                self.on_success(result)
        finally:
            self.finished.emit()

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, message: str) -> None:
        if self.on_progress is not None:
            self.on_progress(done, total, message)


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
            self.job._done.emit((None, exc, traceback.format_exc()))
        else:
            self.job._done.emit((result, None, ""))

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
    job = Job(on_success, on_failure, on_progress)
    _ALIVE.add(job)  # keep the QObject alive until its signals have been delivered
    job.finished.connect(lambda: _ALIVE.discard(job))
    (pool or QThreadPool.globalInstance()).start(_Runnable(job, fn, args, on_progress is not None))
    return job


class JobPool:
    """A thread pool of one window's jobs: refuses new jobs once closing, and can wait for the rest.

    Results that arrive after `close` returned (a job that outlived the wait) are dropped: what
    they would update is gone. Searches, alignments and imports share the pool with the long
    index build, so it has a few threads even on a two-core machine.
    """

    def __init__(self, min_threads: int = 4) -> None:
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(max(min_threads, QThreadPool.globalInstance().maxThreadCount()))
        self.accepting = True
        self.closed = False

    def run(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException, str], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
    ) -> Job | None:
        """Like `run_in_thread`; None (and nothing runs) once the pool is closing."""
        if not self.accepting:
            log.info("job %s refused: the window is closing", getattr(fn, "__name__", fn))
            return None
        return run_in_thread(
            fn,
            *args,
            on_success=self._unless_closed(on_success),
            on_failure=self._unless_closed(on_failure),
            on_progress=self._unless_closed(on_progress),
            pool=self.pool,
        )

    def _unless_closed(self, callback: Callable[..., None] | None) -> Callable[..., None] | None:
        if callback is None:
            return None

        def call(*args: Any) -> None:
            if self.closed:
                log.info("result dropped: the window is closed")
            else:
                callback(*args)

        return call

    @property
    def active(self) -> int:
        return int(self.pool.activeThreadCount())

    def close(self, timeout: float, tick: Callable[[], None]) -> bool:
        """Refuse new jobs and wait up to `timeout` seconds for the running ones, calling `tick`
        every 50 ms meanwhile and once at the end; `tick` should process events (repaint, and
        deliver the results of finished jobs). False when some jobs were still running."""
        self.accepting = False
        deadline = time.monotonic() + timeout
        finished = True
        while not self.pool.waitForDone(50):
            if time.monotonic() >= deadline:
                log.warning("%d background jobs still running at close", self.active)
                finished = False
                break
            tick()
        tick()  # the results of the last jobs, while what they update still exists
        self.closed = True
        return finished
