"""Bookmarks are never lost: kill -9 during writes, two writers at once, a locked or damaged file."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from viewer.core.bookmarks.store import BookmarkStore, BookmarkStoreBusy
from viewer.core.corpus.model import Document, DocumentMeta
from viewer.core.errors import UserError

WRITER = Path(__file__).resolve().parents[1] / "data" / "bookmarks" / "writer.py"
sys.path.insert(0, str(WRITER.parent))
from writer import TEXT, note_for  # noqa: E402

DOC = Document(id="crash", text=TEXT, meta=DocumentMeta(title="Crash test", kind="plain"), passages=())


def start_writer(db: Path, label: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(db), label, str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def reported(stdout: str) -> list[tuple[str, str, int]]:
    """Complete lines only: a line cut by the kill was never fully reported."""
    lines = stdout.split("\n")[:-1]
    return [(i, label, int(n)) for i, label, n in (line.split("\t") for line in lines)]


def assert_intact(db: Path, committed: list[tuple[str, str, int]]) -> None:
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    with BookmarkStore(db) as store:
        assert store.notice is None  # not treated as damaged
        for bookmark_id, label, n in committed:
            bookmark = store.get(bookmark_id)
            assert bookmark.note == note_for(label, n)
            assert bookmark.tags == (label,)
            start = (n * 7) % (len(TEXT) - 40)
            assert bookmark.quote == TEXT[start : start + 30]
        assert store.count() >= len(committed)


@pytest.mark.slow
def test_kill_9_at_random_moments_loses_no_committed_bookmark(tmp_path):
    db = tmp_path / "b.sqlite3"
    rng = random.Random(20240501)
    committed: list[tuple[str, str, int]] = []
    kills = 40
    for round_ in range(kills):
        writer = start_writer(db, f"r{round_}", 0)
        time.sleep(rng.uniform(0.05, 0.45))  # sometimes while opening/migrating, mostly mid-loop
        writer.send_signal(signal.SIGKILL)
        out, _err = writer.communicate(timeout=30)
        assert writer.returncode == -signal.SIGKILL
        committed += reported(out)
    assert_intact(db, committed)
    print(f"\ncrash test: {kills} kills, {len(committed)} committed bookmarks checked, 0 lost")
    assert len(committed) > kills  # the kills really interrupted a writer that was writing


def test_two_writer_processes_both_succeed(tmp_path):
    db = tmp_path / "b.sqlite3"
    writers = [start_writer(db, label, 40) for label in ("a", "b")]
    results = [w.communicate(timeout=120) for w in writers]
    for writer, (_out, err) in zip(writers, results, strict=True):
        assert writer.returncode == 0, err
    committed = [row for out, _ in results for row in reported(out)]
    assert len(committed) == 80
    assert_intact(db, committed)


def test_locked_database_waits_then_says_so_and_changes_nothing(tmp_path):
    db = tmp_path / "b.sqlite3"
    with BookmarkStore(db) as first:
        first.add(DOC, start=0, end=20)
    blocker = sqlite3.connect(db, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another instance in the middle of a write
    try:
        with BookmarkStore(db, timeout=0.3) as store:
            began = time.monotonic()
            with pytest.raises(BookmarkStoreBusy, match="in use by another program") as info:
                store.add(DOC, start=0, end=20)
            assert time.monotonic() - began >= 0.25  # it did retry for the timeout
            assert isinstance(info.value, UserError)
            assert store.count() == 1
            blocker.execute("ROLLBACK")
            store.add(DOC, start=0, end=20)
            assert store.count() == 2
    finally:
        blocker.close()


def test_garbage_file_is_moved_aside_and_a_fresh_store_started(tmp_path):
    db = tmp_path / "b.sqlite3"
    garbage = b"this is not a database \x00\xff" * 500
    db.write_bytes(garbage)
    with BookmarkStore(db) as store:
        assert store.moved_to is not None and store.moved_to.read_bytes() == garbage
        assert store.moved_to.name.startswith("b.sqlite3.corrupt-")
        assert str(store.moved_to) in (store.notice or "")
        store.add(DOC, start=0, end=20)
        assert store.count() == 1
    with BookmarkStore(db) as again:  # the fresh file is sound and kept
        assert again.notice is None and again.count() == 1


def test_damaged_pages_are_moved_aside_and_readable_bookmarks_recovered(tmp_path):
    db = tmp_path / "b.sqlite3"
    with BookmarkStore(db) as store:
        ids = [store.add(DOC, start=n, end=n + 30, note=note_for("d", n) * 8, tags=["d"]).id for n in range(60)]
    page = 4096
    leaves = table_leaf_pages(db, "bookmarks")
    victim = leaves[len(leaves) // 2] if leaves else db.stat().st_size // page // 2 + 1
    original = db.read_bytes()
    with open(db, "r+b") as handle:  # scribble over one page in the middle of the bookmarks table
        handle.seek((victim - 1) * page)
        handle.write(bytes(random.Random(1).randrange(256) for _ in range(page)))
    with BookmarkStore(db) as store:
        assert store.moved_to is not None and store.moved_to.stat().st_size == len(original)
        assert "moved to" in (store.notice or "")
        recovered = store.list(deleted="include")
        assert 0 < len(recovered) <= 60
        if leaves:  # we know a page of bookmark rows was hit: those rows are gone, the rest are back
            assert len(recovered) < 60
        for bookmark in recovered:
            n = ids.index(bookmark.id)
            assert bookmark.note == note_for("d", n) * 8
        with sqlite3.connect(db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def table_leaf_pages(db: Path, table: str) -> list[int]:
    """Page numbers holding the table's rows (from the dbstat table where SQLite has it, else [])."""
    with sqlite3.connect(db) as conn:
        try:
            rows = conn.execute(
                "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno", (table,)
            ).fetchall()
        except sqlite3.OperationalError:
            return []
    return [row[0] for row in rows]
