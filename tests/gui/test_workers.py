"""Background jobs: results and failures arrive on the UI thread; Qt bindings that corrupt
reference counts on signal emission are refused."""

from __future__ import annotations

import sys
import threading

from PySide6.QtCore import QObject, Signal

from viewer.ui.workers import run_in_thread


def test_result_and_failure_arrive_on_the_main_thread(qtbot):
    seen = {}

    def work(x):
        seen["worker"] = threading.current_thread()
        return x * 2

    job = run_in_thread(work, 21, on_success=lambda r: seen.update(result=r, where=threading.current_thread()))
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert seen["result"] == 42
    assert seen["where"] is threading.main_thread() and seen["worker"] is not threading.main_thread()

    def boom():
        raise ValueError("bad input")

    failures = []
    job = run_in_thread(boom, on_failure=lambda exc, tb: failures.append((exc, tb)))
    with qtbot.waitSignal(job.finished, timeout=5000):
        pass
    assert isinstance(failures[0][0], ValueError) and "bad input" in failures[0][1]


class _Emitter(QObject):
    fired = Signal(object)


def test_signal_emission_keeps_reference_counts_intact():
    # PySide6 6.12.0 drops a reference to the bool that emit() returns on every call: an app dies
    # ("bool_dealloc") after a few hundred emits. pyproject.toml excludes it; this keeps it out.
    emitter = _Emitter()
    before = sys.getrefcount(True), sys.getrefcount(None)
    for _ in range(200):
        emitter.fired.emit(None)
    after = sys.getrefcount(True), sys.getrefcount(None)
    assert after[0] > before[0] - 20 and after[1] > before[1] - 20


def test_many_jobs_returning_none(qtbot):
    jobs = [run_in_thread(lambda: None, on_success=lambda r: None) for _ in range(300)]
    with qtbot.waitSignal(jobs[-1].finished, timeout=10_000):
        pass


def test_job_pool_waits_for_running_jobs_then_refuses_new_ones_and_drops_late_results(qtbot):
    from PySide6.QtWidgets import QApplication

    from viewer.ui.workers import JobPool

    pool = JobPool()
    release, done, late = threading.Event(), [], []
    pool.run(lambda: release.wait(5) and "slow", on_success=done.append)
    pool.run(lambda: threading.Event().wait(0.3) or "stuck", on_success=late.append)
    threading.Timer(0.1, release.set).start()
    ticks = []
    # The first job ends within the wait; the second outlives a short one and its result is dropped.
    assert pool.close(0.2, lambda: ticks.append(QApplication.processEvents())) is False
    assert done == ["slow"] and ticks and not pool.accepting
    assert pool.run(lambda: 1, on_success=late.append) is None
    assert pool.pool.waitForDone(5000)
    qtbot.wait(50)
    assert late == []
