"""The shared store opener (viewer.core.storage): a toy store with real SQLite files, no mocks."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from viewer.core.errors import UserError
from viewer.core.storage import database, fallback, migrations
from viewer.core.storage.database import SalvageTable, StoreBusy, StoreError, StoreSpec


def _v1(conn: sqlite3.Connection) -> None:
    for statement in migrations.statements("""
        CREATE TABLE shelves (id TEXT PRIMARY KEY, name TEXT NOT NULL);
        CREATE TABLE books (shelf TEXT NOT NULL REFERENCES shelves(id), title TEXT NOT NULL);
    """):
        conn.execute(statement)


def _v2(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE books ADD COLUMN pages INTEGER NOT NULL DEFAULT 0")
    conn.execute(
        "CREATE TABLE labels (title TEXT NOT NULL, label TEXT NOT NULL, PRIMARY KEY (title, label)) WITHOUT ROWID"
    )


class ShelfError(StoreError):
    pass


class ShelfBusy(ShelfError, StoreBusy):
    pass


SPEC = StoreSpec(
    name="the shelf list",
    folder="the shelf folder",
    items="shelf(s)",
    migrations=((1, _v1), (2, _v2)),
    salvage=(
        SalvageTable("shelves", counted=True),
        SalvageTable("books"),
        SalvageTable("labels", by_rowid=False, since=2),
    ),
    error=ShelfError,
    busy=ShelfBusy,
)


def fill(path: Path, shelves: int = 3, books: int = 400) -> None:
    opened = database.open_database(SPEC, str(path), 1.0)
    conn = opened.conn
    with database.transaction(SPEC, conn, str(path), 1.0):
        for s in range(shelves):
            conn.execute("INSERT INTO shelves VALUES (?, ?)", (f"s{s}", f"Shelf {s}"))
        for b in range(books):
            conn.execute("INSERT INTO books VALUES (?, ?, ?)", (f"s{b % shelves}", f"Book {b} " + "x" * 200, b))
        conn.execute("INSERT INTO labels VALUES ('Book 0', 'old')")
    conn.close()


def test_a_fresh_file_gets_every_step_wal_foreign_keys_and_full_sync(tmp_path):
    path = tmp_path / "deep" / "shelves.sqlite3"
    opened = database.open_database(SPEC, str(path), 1.0)
    conn = opened.conn
    assert opened.notice is None and opened.moved_to is None
    assert migrations.user_version(conn) == SPEC.latest == 2
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    assert conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
    assert conn.execute("PRAGMA synchronous").fetchone() == (2,)  # FULL
    assert conn.isolation_level is None  # autocommit: callers BEGIN IMMEDIATE
    conn.close()


def test_an_older_file_is_backed_up_then_upgraded_keeping_its_rows(tmp_path):
    path = tmp_path / "shelves.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    migrations.migrate(conn, SPEC.migrations, upto=1)
    conn.execute("INSERT INTO shelves VALUES ('a', 'A')")
    conn.execute("INSERT INTO books VALUES ('a', 'Kept')")
    conn.close()
    opened = database.open_database(SPEC, str(path), 1.0)
    assert "the shelf list was upgraded from version 1" in (opened.notice or "")
    assert opened.conn.execute("SELECT shelf, title, pages FROM books").fetchall() == [("a", "Kept", 0)]
    opened.conn.close()
    backups = list(tmp_path.glob("shelves.sqlite3.v1-backup-*"))
    assert len(backups) == 1 and str(backups[0]) in (opened.notice or "")
    with sqlite3.connect(backups[0]) as old:
        assert migrations.user_version(old) == 1
    again = database.open_database(SPEC, str(path), 1.0)
    assert again.notice is None  # upgraded once
    again.conn.close()


def test_a_newer_file_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "shelves.sqlite3"
    fill(path)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 3")
    before = path.read_bytes()
    with pytest.raises(ShelfError, match="newer version of this program") as info:
        database.open_database(SPEC, str(path), 1.0)
    assert info.value.reason == "newer" and isinstance(info.value, UserError)
    with pytest.raises(ShelfError, match="newer version"):
        fallback.open_read_only(SPEC, str(path), 1.0)
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.corrupt-*")) and not list(tmp_path.glob("*backup*"))


def test_a_failing_step_is_rolled_back_and_the_version_kept(tmp_path):
    conn = sqlite3.connect(tmp_path / "x.sqlite3", isolation_level=None)

    def broken(c: sqlite3.Connection) -> None:
        c.execute("CREATE TABLE half (x)")
        raise RuntimeError("step failed")

    with pytest.raises(RuntimeError):
        migrations.migrate(conn, ((1, _v1), (2, broken)))
    assert migrations.user_version(conn) == 1
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half'").fetchone() == (0,)
    assert conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
    with pytest.raises(ValueError):  # NewerVersionError is a ValueError (what bookmarks/schema raised)
        migrations.migrate(conn, ())
    conn.close()


def test_garbage_is_moved_aside_with_its_companions_and_a_fresh_file_started(tmp_path):
    path = tmp_path / "shelves.sqlite3"
    garbage = b"not a database at all \x00\xff" * 300
    path.write_bytes(garbage)
    Path(f"{path}-wal").write_bytes(b"wal garbage")
    Path(f"{path}-shm").write_bytes(b"shm garbage")
    opened = database.open_database(SPEC, str(path), 1.0)
    moved = opened.moved_to
    assert moved is not None and moved.name.startswith("shelves.sqlite3.corrupt-")
    assert moved.read_bytes() == garbage
    assert Path(f"{moved}-wal").read_bytes() == b"wal garbage"
    assert Path(f"{moved}-shm").read_bytes() == b"shm garbage"
    assert opened.notice == (
        f"the shelf list was damaged; it was moved to {moved} (not deleted) and a new one"
        " started with the 0 shelf(s) that could still be read"
    )
    assert migrations.user_version(opened.conn) == 2
    opened.conn.close()
    database.check(sqlite3.connect(path))


def test_a_damaged_page_costs_only_its_rows(tmp_path):
    path = tmp_path / "shelves.sqlite3"
    fill(path)
    with sqlite3.connect(path) as conn:
        pages = [
            r[0]
            for r in conn.execute(
                "SELECT pageno FROM dbstat WHERE name = 'books' AND pagetype = 'leaf' ORDER BY pageno"
            )
        ]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    victim = pages[len(pages) // 2]
    with open(path, "r+b") as handle:
        handle.seek((victim - 1) * page_size)
        handle.write(b"\xa5" * page_size)
    opened = database.open_database(SPEC, str(path), 1.0)
    conn = opened.conn
    assert "with the 3 shelf(s) that could still be read" in (opened.notice or "")
    books = conn.execute("SELECT title FROM books").fetchall()
    assert 300 < len(books) < 400  # one page of rows lost, the others back
    assert conn.execute("SELECT label FROM labels").fetchall() == [("old",)]  # scanned (WITHOUT ROWID)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()


def test_salvage_leaves_out_rows_whose_parent_was_lost(tmp_path):
    damaged = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(damaged, isolation_level=None)
    migrations.migrate(conn, SPEC.migrations)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("INSERT INTO shelves VALUES ('a', 'A')")
    conn.execute("INSERT INTO books VALUES ('a', 'Kept', 1)")
    conn.execute("INSERT INTO books VALUES ('gone', 'Orphan', 1)")
    conn.close()
    fresh = database.connect(str(tmp_path / "new.sqlite3"), 1.0)
    assert database.salvage(SPEC, damaged, fresh) == 1
    assert fresh.execute("SELECT title FROM books").fetchall() == [("Kept",)]
    assert migrations.user_version(fresh) == 2
    fresh.close()


def test_a_store_of_an_unknown_version_is_not_salvaged(tmp_path):
    damaged = tmp_path / "old.sqlite3"
    with sqlite3.connect(damaged) as conn:
        conn.execute("CREATE TABLE shelves (id, name)")
        conn.execute("PRAGMA user_version = 9")
    fresh = database.connect(str(tmp_path / "new.sqlite3"), 1.0)
    assert database.salvage(SPEC, damaged, fresh) == 0
    fresh.close()


def test_a_held_write_lock_is_one_busy_line_and_nothing_changes(tmp_path):
    path = tmp_path / "shelves.sqlite3"
    fill(path, books=1)
    conn = database.open_database(SPEC, str(path), 0.2).conn
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(ShelfBusy, match=r"in use by another program; waited 0.2 s") as info:
            with database.transaction(SPEC, conn, str(path), 0.2):
                conn.execute("INSERT INTO shelves VALUES ('new', 'New')")
        assert info.value.reason == "busy" and isinstance(info.value, ShelfError)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert conn.execute("SELECT count(*) FROM shelves").fetchone() == (3,)
    conn.close()


def test_a_full_disk_is_one_line_and_the_transaction_rolled_back(tmp_path):
    path = tmp_path / "shelves.sqlite3"
    fill(path, books=1)
    conn = database.open_database(SPEC, str(path), 1.0).conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 1}")  # a real SQLITE_FULL, as on a full disk
    with pytest.raises(ShelfError) as info:
        with database.transaction(SPEC, conn, str(path), 1.0):
            conn.execute("INSERT INTO shelves VALUES ('n', 'New')")
            for n in range(200):
                conn.execute("INSERT INTO books VALUES ('n', ?, 0)", ("y" * 1000 + str(n),))
    assert str(info.value) == "the disk is full: nothing was saved"
    assert not conn.in_transaction
    assert conn.execute("SELECT count(*) FROM shelves WHERE id = 'n'").fetchone() == (0,)
    conn.execute("PRAGMA max_page_count = 1000000")
    with database.transaction(SPEC, conn, str(path), 1.0):  # the connection still works
        conn.execute("INSERT INTO shelves VALUES ('n', 'New')")
    conn.close()


def test_a_read_only_connection_refuses_changes_in_one_line(tmp_path):
    path = tmp_path / "shelves.sqlite3"
    fill(path, books=1)
    conn = fallback.open_read_only(SPEC, str(path), 1.0)
    assert conn.execute("SELECT count(*) FROM shelves").fetchone() == (3,)
    with pytest.raises(ShelfError) as info:
        with database.transaction(SPEC, conn, str(path), 1.0):
            conn.execute("INSERT INTO shelves VALUES ('n', 'New')")
    assert str(info.value) == f"the shelf list {path} is read-only: nothing was saved"
    conn.close()


def test_read_only_needs_a_sound_file_at_the_latest_version(tmp_path):
    older = tmp_path / "older.sqlite3"
    conn = sqlite3.connect(older, isolation_level=None)
    migrations.migrate(conn, SPEC.migrations, upto=1)
    conn.close()
    with pytest.raises(ShelfError, match="needs an upgrade from version 1"):
        fallback.open_read_only(SPEC, str(older), 1.0)
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"garbage" * 1000)
    with pytest.raises(ShelfError) as info:
        fallback.open_read_only(SPEC, str(garbage), 1.0)
    assert info.value.reason == "damaged"
    assert garbage.read_bytes() == b"garbage" * 1000


def test_a_folder_in_the_way_is_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ShelfError, match="cannot create the shelf folder") as info:
        database.open_database(SPEC, str(blocker / "sub" / "shelves.sqlite3"), 1.0)
    assert info.value.reason == "folder"
    (tmp_path / "dir.sqlite3").mkdir()
    with pytest.raises(ShelfError, match="is a folder"):
        database.open_database(SPEC, str(tmp_path / "dir.sqlite3"), 1.0)


def test_errors_that_are_bugs_are_not_dressed_up_as_user_errors(tmp_path):
    conn = database.open_database(SPEC, ":memory:", 1.0).conn
    with pytest.raises(sqlite3.IntegrityError):
        with database.transaction(SPEC, conn, ":memory:", 1.0):
            conn.execute("INSERT INTO books VALUES ('no such shelf', 'x', 0)")
    assert not conn.in_transaction
    conn.close()


def test_classification_without_error_codes():
    assert database.is_corruption(sqlite3.DatabaseError("file is not a database"))
    assert database.is_busy(sqlite3.OperationalError("database is locked"))
    assert database.is_full(sqlite3.OperationalError("database or disk is full"))
    assert database.is_read_only(sqlite3.OperationalError("attempt to write a readonly database"))
    assert not database.is_corruption(sqlite3.OperationalError("no such table: x"))


def test_move_aside_never_overwrites_an_earlier_copy(tmp_path):
    path = tmp_path / "s.sqlite3"
    path.write_bytes(b"one")
    first = database.move_aside(path)
    path.write_bytes(b"two")
    second = database.move_aside(path)
    assert first != second and first.read_bytes() == b"one" and second.read_bytes() == b"two"
    assert not path.exists()


def test_a_damaged_page_1_is_salvaged_page_by_page_without_inventing_rows(tmp_path):
    path = tmp_path / "shelves.sqlite3"
    fill(path)
    with open(path, "r+b") as handle:  # the header and the schema gone: SQLite refuses the file
        handle.write(b"\x5a" * 4096)
    opened = database.open_database(SPEC, str(path), 1.0)
    conn = opened.conn
    assert "with the 3 shelf(s) that could still be read" in (opened.notice or "")
    assert conn.execute("SELECT id, name FROM shelves ORDER BY id").fetchall() == [
        (f"s{s}", f"Shelf {s}") for s in range(3)
    ]
    books = conn.execute("SELECT shelf, title, pages FROM books ORDER BY pages").fetchall()
    assert books == [(f"s{b % 3}", f"Book {b} " + "x" * 200, b) for b in range(400)]  # every one, none made up
    conn.close()


def test_salvage_merges_only_what_the_store_lacks(tmp_path):
    damaged = tmp_path / "old.sqlite3"
    fill(damaged, shelves=2, books=3)
    fresh = database.open_database(SPEC, str(tmp_path / "new.sqlite3"), 1.0).conn
    with database.transaction(SPEC, fresh, "new", 1.0):
        fresh.execute("INSERT INTO shelves VALUES ('s0', 'Shelf 0')")
        fresh.execute("INSERT INTO books VALUES ('s0', ?, 0)", ("Book 0 " + "x" * 200,))
    assert database.salvage(SPEC, damaged, fresh) == 1  # s1 only
    assert fresh.execute("SELECT count(*) FROM books").fetchone() == (3,)  # no duplicate of Book 0
    fresh.close()


def test_a_cell_whose_overflow_pointer_runs_past_the_page_is_skipped_and_the_rest_read():
    """A damaged leaf page: one cell's payload spills to overflow pages but its 4-byte pointer
    would lie past the page end (seen in a fuzzed file, where reading it crashed the salvage)."""
    import struct

    from viewer.core.storage.pages import TABLE_LEAF, File

    size = 512
    page = bytearray(size)
    page[0] = TABLE_LEAF
    page[3:5] = struct.pack(">H", 2)
    page[8:12] = struct.pack(">HH", 300, 415)  # a good cell, then the damaged one
    page[300:305] = bytes([3, 2]) + b"abc"  # payload of 3 bytes, rowid 2
    page[415:418] = bytes([0x84, 0x58, 1])  # payload of 600 bytes (92 on the page), rowid 1
    _kind, cells, _right, bad = File(bytes(size) + bytes(page), size).cells(2)
    assert [(c.rowid, c.payload) for c in cells] == [(2, b"abc")] and bad == 1
