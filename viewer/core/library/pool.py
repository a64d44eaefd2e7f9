"""Reading files in worker processes that can be stopped: a time and a memory limit per file.

Extraction and the document build run in `spawn`ed workers (never a fork: the app holds Qt), one
file at a time per worker, `workers` of them (both cores by default). A file that takes longer
than its time limit (`time_limit`: a minute, more for big files) is stopped by killing its
worker; a worker that dies (a segfault in a parser, the memory limit, a kill from outside) costs
that one file, which is skipped with the reason, and a new worker takes its place. The memory
limit is the worker's address space (`RLIMIT_AS`), set before each file from the file's size.

Results come back as they finish; the caller applies them (document ids are assigned before a
file is handed out, so the outcome does not depend on which worker was faster).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

from viewer.core.library.reader import READY, Outcome, Task, memory_limit, paused_gc, run_task, serve, time_limit

log = logging.getLogger(__name__)

K = TypeVar("K")
IDLE_POLL = 0.2  # seconds between looks at `cancel` while waiting for a worker
CANCEL_GRACE = 3.0  # seconds a cancelled import waits for the files being read before stopping them
STARTUP_SECONDS = 120.0  # a new worker's time to load its modules, before its first file's clock starts


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
        self.key: Any = None
        self.task: Task | None = None  # kept until settled: a worker that fails to start hands it on
        self.started = 0.0
        self.deadline = 0.0
        self.ready = False

    def stop(self) -> None:
        self.conn.close()
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)


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
        self._context = multiprocessing.get_context("spawn")
        self._workers: list[_Worker] = []
        self._failed_starts = 0

    def close(self) -> None:
        for worker in self._workers:
            worker.stop()
        self._workers = []

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
        try:
            while True:
                cancelled = cancelled or (cancel is not None and cancel())
                while more and not cancelled and len(self._busy()) < self.size:
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
                if not self._busy():
                    return False
                self._collect(done)
        finally:
            for worker in self._busy():  # cancelled, or an exception in `done`: stop what is running
                self._replace(worker)

    def _finish(self, done: Callable[[Any, Outcome], None], until: float) -> None:
        """Let the files being read finish until `until`; the rest are stopped (by `run`)."""
        while self._busy() and time.monotonic() < until:
            self._collect(done)

    def _busy(self) -> list[_Worker]:
        return [w for w in self._workers if w.task is not None]

    def _submit(self, key: Any, task: Task, done: Callable[[Any, Outcome], None]) -> None:
        while not self.inline:
            worker = next((w for w in self._workers if w.task is None), None)
            try:
                if worker is None:
                    worker = _Worker(self._context)
                    self._workers.append(worker)
                worker.conn.send(replace(task, memory=self.memory(len(task.data))))
            except (OSError, ValueError, RuntimeError, ImportError) as exc:  # cannot start one, or it died
                self._start_failed(worker, exc)
                continue
            worker.key, worker.task, worker.started = key, task, time.monotonic()
            worker.deadline = worker.started + self.limit(len(task.data)) + (0.0 if worker.ready else STARTUP_SECONDS)
            return
        done(key, run_task(task))

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
                    worker.ready, worker.started = True, time.monotonic()
                    worker.deadline = worker.started + self.limit(len(task.data))
                    continue
                worker.task = None
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
                self._submit(key, task, done)
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
        if code is not None and code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
            if name == "SIGKILL":  # the kernel's out-of-memory killer, or someone else
                return Outcome(
                    None, "the reader was killed while reading it (out of memory?); skipped", seconds=seconds
                )
            return Outcome(None, f"the reader crashed on it ({name}); skipped", seconds=seconds)
        return Outcome(None, f"the reader stopped while reading it (exit code {code}); skipped", seconds=seconds)

    def _replace(self, worker: _Worker) -> None:
        """Stop a worker (its file is settled or abandoned); a new one starts when next needed."""
        worker.task = None
        if worker in self._workers:
            self._workers.remove(worker)
        worker.stop()


__all__ = ["Outcome", "ReaderPool", "Task", "memory_limit", "paused_gc", "run_task", "time_limit"]
