"""`ReaderPool.release`: the readers stop between imports (their memory is the index build's), never
under a running import, and the next import starts new ones."""

from __future__ import annotations

import threading
from pathlib import Path

from viewer.core.library.library import Library
from viewer.core.library.pool import ReaderPool

PROSE = "Arbeidsrettet oppfølging i NAV handler om å hjelpe folk i arbeid.\n\nPeople need help to find work.\n"


def _folder(tmp_path: Path, name: str, count: int) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for i in range(count):
        (folder / f"{i:02d}.txt").write_text(f"{PROSE}Fil nummer {i} i {name}.\n", encoding="utf-8")
    return folder


def test_release_stops_idle_readers_never_a_running_import_and_the_next_import_starts_new_ones(tmp_path):
    pool = ReaderPool(2, limit=lambda size: 60.0)
    lib = Library(tmp_path / "reg.sqlite3", tmp_path / "cache.sqlite3", pool=pool)
    try:
        first = lib.add([_folder(tmp_path, "one", 6)])
        readers = [w.process for w in pool._workers]
        assert len(first.imported) == 6 and readers and all(p.is_alive() for p in readers)
        assert pool.release() and pool._workers == []
        assert not any(p.is_alive() for p in readers)  # the processes are gone, not just forgotten

        refused: list[bool] = []
        alive: list[int] = []

        def release_midway(done: int, total: int, message: str = "") -> None:
            if done == 3 and not refused:  # the import is running: its readers stay
                refused.append(pool.release())
                alive.append(sum(w.process.is_alive() for w in pool._workers))

        second = lib.add([_folder(tmp_path, "two", 6)], progress=release_midway)
        assert refused == [False] and alive[0] >= 1
        assert len(second.imported) == 6 and not second.skipped
        texts = [d.text for d in lib.corpus().documents if d.collection == "two"]
        assert len(texts) == 6 and all("i two" in t for t in texts)
    finally:
        lib.close()


def test_release_waits_for_no_one_while_another_thread_runs_the_pool(tmp_path):
    pool = ReaderPool(1, limit=lambda size: 60.0)
    lib = Library(tmp_path / "reg.sqlite3", tmp_path / "cache.sqlite3", pool=pool)
    started, finish = threading.Event(), threading.Event()

    def slow_progress(done: int, total: int, message: str = "") -> None:
        started.set()
        finish.wait(30)

    worker = threading.Thread(target=lambda: lib.add([_folder(tmp_path, "three", 2)], progress=slow_progress))
    try:
        worker.start()
        assert started.wait(30)
        assert pool.release() is False  # returns at once: the import in the other thread holds the pool
    finally:
        finish.set()
        worker.join(60)
        lib.close()
    assert not worker.is_alive()
