"""Reading files in worker processes that can be stopped: a time and a memory limit per file.

Extraction and the document build run in worker processes forked from a fork server that has
loaded their models once (`viewer.core.library.forkserver`; never a fork of this process: the app
holds Qt), one file at a time per worker, `workers` of them (both cores by default). A file that
takes longer than its time limit (`time_limit`: a minute, more for big files) is stopped by
killing its worker; a worker that dies (a segfault in a parser, the memory limit, a kill from
outside) costs that one file, which is skipped with the reason, and a new worker takes its place.
The memory limit is the worker's address space (`RLIMIT_AS`), set before each file from its size.

Results come back as they finish; the caller applies them (document ids are assigned before a
file is handed out, so the outcome does not depend on which worker was faster). A reader that is
busy may hold one small file more (`LOOKAHEAD_BYTES`, which fits in the pipe, so handing it out
never blocks): it starts on it the moment it hands back the last one, instead of waiting for this
process to record that result and read the next file (with small files the readers were idle half
the time). That file's clock starts when it does; if its reader dies, it is handed out again.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

from viewer.core.library import forkserver
from viewer.core.library.reader import READY, Outcome, Task, died, memory_limit, paused_gc, run_task, serve, time_limit

log = logging.getLogger(__name__)

K = TypeVar("K")
IDLE_POLL = 0.2  # seconds between looks at `cancel` while waiting for a worker
CANCEL_GRACE = 3.0  # seconds a cancelled import waits for the files being read before stopping them
STARTUP_SECONDS = 120.0  # a new worker's time to load its modules, before its first file's clock starts
LOOKAHEAD_BYTES = 32 * 1024  # a busy reader is handed one more file up to this size (a pipe holds 64 KiB)
_LIVE: set[_Worker] = set()  # the readers of every pool, until stopped: the fork server ends after them


def _receive(conn: Connection) -> Any:
    with paused_gc():
        return conn.recv()


class _Worker:
    def __init__(self, context: Any) -> None:
        self.conn, child = context.Pipe()
        self.process: BaseProcess = context.Process(
            target=serve, args=(child,), daemon=True, name="corpus-viewer reader"
        )
        try:
            self.process.start()
        except BaseException:
            self.conn.close()
            raise
        finally:
            child.close()
        _LIVE.add(self)
        # (key, task) handed to it and not settled, the one being read first; kept until settled: a
        # worker that fails to start or dies hands the ones it has not started on
        self.queue: list[tuple[Any, Task]] = []
        self.started = 0.0
        self.deadline = 0.0
        self.ready = False

    @property
    def key(self) -> Any:
        return self.queue[0][0] if self.queue else None

    @property
    def task(self) -> Task | None:
        """The file being read, None when idle."""
        return self.queue[0][1] if self.queue else None

    def stop(self) -> None:
        self.conn.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        if not self.process.is_alive():
            _LIVE.discard(self)


class ReaderPool:
    """Up to `workers` reader processes, started when first needed and kept until `close`.

    One caller at a time (an import holds the pool for its duration). `limit` gives a file's time
    limit from its size, `memory` its memory limit (tests shorten them). Where no worker can be
    started (no permission to run Python again, a sandbox), files are read in this process, without
    the limits, and the log says so.
    """

    def __init__(
        self,
        workers: int | None = None,
        limit: Callable[[int], float] = time_limit,
        memory: Callable[[int], int] = memory_limit,
    ) -> None:
        self.size = max(1, workers or min(2, os.cpu_count() or 1))
        self.limit = limit
        self.memory = memory
        self.inline = False  # True once workers could not be started
        self._context = forkserver.context()
        self._workers: list[_Worker] = []
        self._failed_starts = 0
        self._orphans: list[tuple[Any, Task]] = []  # handed to a reader that is gone before it started them
        self._running = threading.Lock()  # held by `run`, so that `release` never stops a run's readers

    def close(self) -> None:
        """Stop the readers, and their fork server once no pool has one."""
        self._stop_readers()
        if not _LIVE:
            forkserver.stop()

    def _stop_readers(self) -> None:
        for worker in self._workers:
            worker.stop()
        self._workers = []

    def rest(self) -> bool:
        """`release`, but the fork server stays (the next readers start at once)."""
        return self._unless_running(self._stop_readers)

    def release(self) -> bool:
        """Stop the readers unless a run is using them, and their fork server (they start again when
        next needed): the memory of the language models, which an index build can use. Returns
        whether they were stopped."""
        return self._unless_running(self.close)

    def _unless_running(self, stop: Callable[[], None]) -> bool:
        if not self._running.acquire(blocking=False):
            return False
        try:
            stop()
        finally:
            self._running.release()
        return True

    def run(
        self,
        jobs: Iterable[tuple[K, Callable[[], Task | None]]],
        done: Callable[[K, Outcome], None],
        cancel: Callable[[], bool] | None = None,
    ) -> bool:
        """Hand out the jobs in order, calling `done(key, outcome)` as each finishes.

        A job's callable prepares its Task in this process when a worker is free (it returns None
        when there is nothing to hand out). Returns True when `cancel` stopped it: no new file was
        handed out after that; the ones being read are given CANCEL_GRACE seconds to finish, then
        stopped (left as they were: the next refresh imports them).
        """
        pending = iter(jobs)
        more = True
        cancelled = False
        self._orphans = []
        self._running.acquire()
        try:
            if not self.inline and len(self._workers) < self.size:
                forkserver.start(self._context)  # it loads the models while the first files are read
            while True:
                cancelled = cancelled or (cancel is not None and cancel())
                while self._orphans and not cancelled:
                    self._submit(*self._orphans.pop(0), done)
                while more and not cancelled and self._has_room():
                    item = next(pending, None)
                    if item is None:
                        more = False
                        break
                    key, prepare = item
                    task = prepare()
                    if task is not None:
                        self._submit(key, task, done)
                    cancelled = cancel is not None and cancel()
                if cancelled:
                    self._finish(done, time.monotonic() + CANCEL_GRACE)
                    return True
                if not self._busy() and not self._orphans:
                    return False
                if self._busy():
                    self._collect(done)
        finally:
            self._orphans = []
            for worker in self._busy():  # cancelled, or an exception in `done`: stop what is running
                self._replace(worker)
            self._running.release()

    def _finish(self, done: Callable[[Any, Outcome], None], until: float) -> None:
        """Let the files being read finish until `until`; the rest are stopped (by `run`)."""
        while self._busy() and time.monotonic() < until:
            self._collect(done)

    def _busy(self) -> list[_Worker]:
        return [w for w in self._workers if w.queue]

    def _has_room(self) -> bool:
        """Whether a file prepared now would be handed out at once (to an idle or a new reader, or
        as the one more a busy reader holds, if it is small)."""
        if self.inline or len(self._busy()) < self.size:
            return True
        return any(w.ready and len(w.queue) == 1 for w in self._workers)

    def _submit(self, key: Any, task: Task, done: Callable[[Any, Outcome], None]) -> None:
        while not self.inline:
            worker = next((w for w in self._workers if not w.queue), None)
            if worker is None and len(self._workers) >= self.size:
                if len(task.data) <= LOOKAHEAD_BYTES:
                    worker = next((w for w in self._workers if w.ready and len(w.queue) == 1), None)
                if worker is None:  # a big file waits for a reader of its own
                    self._collect(done)
                    continue
            try:
                if worker is None:
                    worker = _Worker(self._context)
                    self._workers.append(worker)
                worker.conn.send(replace(task, memory=self.memory(len(task.data))))
            except (OSError, ValueError, RuntimeError, ImportError) as exc:  # cannot start one, or it died
                if worker is not None and worker.queue:  # a busy reader that died: settle its file as a crash
                    self._collect(done)
                    if worker not in self._workers:
                        continue
                    self._orphans.extend(worker.queue[:1])  # still there: stopped, its file handed on
                self._start_failed(worker, exc)
                continue
            worker.queue.append((key, task))
            if len(worker.queue) == 1:
                self._start_clock(worker)
            return
        done(key, run_task(task))

    def _start_clock(self, worker: _Worker) -> None:
        """The file now first in the worker's queue starts its time limit."""
        task = worker.queue[0][1]
        worker.started = time.monotonic()
        worker.deadline = worker.started + self.limit(len(task.data)) + (0.0 if worker.ready else STARTUP_SECONDS)

    def _start_failed(self, worker: _Worker | None, exc: BaseException | str) -> None:
        log.warning("a reader process could not be started or was gone: %s", exc)
        if worker is not None:
            self._replace(worker)
        self._failed_starts += 1
        if self._failed_starts >= 2:
            log.warning(
                "reader processes cannot be started: reading files in this process, without time and memory limits"
            )
            self.inline = True

    def _collect(self, done: Callable[[Any, Outcome], None]) -> None:
        """Wait for a result, a dead worker or a deadline (at most IDLE_POLL), and settle each."""
        busy = self._busy()
        timeout = max(0.0, min(IDLE_POLL, min(w.deadline for w in busy) - time.monotonic()))
        ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout))
        for worker in busy:
            key, task = worker.key, worker.task
            assert task is not None
            outcome: Outcome | str
            if worker.conn in ready:
                try:
                    outcome = _receive(worker.conn)
                except (EOFError, OSError):
                    outcome = self._crashed(worker)
                except Exception as exc:  # an answer that cannot be unpickled: a bug, with the file
                    outcome = Outcome(None, f"{type(exc).__name__}: {exc}", bug=True)
                    self._replace(worker)
                if outcome == READY:  # loaded: the file's clock starts now
                    self._failed_starts = 0
                    worker.ready = True
                    self._start_clock(worker)
                    continue
                if worker.queue and worker.queue[0][1] is task:
                    worker.queue.pop(0)
                    if worker.queue:  # it goes straight on with the next one it holds
                        self._start_clock(worker)
            elif worker.process.sentinel in ready:
                outcome = self._crashed(worker)
            elif time.monotonic() >= worker.deadline:
                seconds = self.limit(len(task.data))
                log.warning("reading %s took longer than %.0f s: stopped", key, seconds)
                outcome = Outcome(None, f"took longer than {seconds:.0f} s to read; skipped", seconds=seconds)
                self._replace(worker)
            else:
                continue
            if isinstance(outcome, str):  # the worker died before it was ready: not the file's doing
                self._orphans.insert(0, (key, task))
                continue
            done(key, outcome)

    def _crashed(self, worker: _Worker) -> Outcome | str:
        worker.process.join(5)
        code = worker.process.exitcode
        seconds = time.monotonic() - worker.started
        was_ready = worker.ready
        self._replace(worker)
        if not was_ready:
            self._start_failed(None, f"exit code {code} before it was ready")
            return "not started"
        return died(code, seconds)

    def _replace(self, worker: _Worker) -> None:
        """Stop a worker (its file is settled or abandoned); a new one starts when next needed. The
        files it held but had not started are handed out again (`run` does, unless cancelled)."""
        self._orphans.extend(worker.queue[1:])
        worker.queue = []
        if worker in self._workers:
            self._workers.remove(worker)
        worker.stop()


__all__ = ["Outcome", "ReaderPool", "Task", "memory_limit", "paused_gc", "run_task", "time_limit"]
