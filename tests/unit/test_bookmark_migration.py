"""Every earlier schema version opens and migrates without losing a bookmark; newer ones are refused."""

from __future__ import annotations

import json
import sqlite3

import pytest

from viewer.core.bookmarks import schema
from viewer.core.bookmarks.store import BookmarkStore, BookmarkStoreError

V1_ROWS = [
    # id, doc_id, passage_id, start, end, exact, prefix, suffix, fingerprint, note, tags, created, updated
    (
        "0b5c1a60-1111-4c4c-9d9d-000000000001",
        "thesis",
        "thesis:012",
        433,
        470,
        "Drawing on interviews and fieldwork",
        "",
        " conducted",
        "f" * 64,
        "Første notat «æøå» 🎉\nlinje 2",
        json.dumps(["IPS", "metode"]),
        "2023-01-02T03:04:05.000000Z",
        "2023-01-02T03:04:05.000000Z",
    ),
    (
        "0b5c1a60-1111-4c4c-9d9d-000000000002",
        "news",
        None,
        10,
        20,
        "AFI-studie",
        "pre",
        "suf",
        "e" * 64,
        "",
        "not json at all",
        "2023-02-02T03:04:05.000000Z",
        "2023-03-02T03:04:05.000000Z",
    ),
    (
        "0b5c1a60-1111-4c4c-9d9d-000000000003",
        "article",
        None,
        5,
        9,
        "NAV!",
        "",
        "",
        "d" * 64,
        "x" * 100_000,
        "[]",
        "2023-04-02T03:04:05.000000Z",
        "2023-04-02T03:04:05.000000Z",
    ),
]


def make_v1(path) -> None:
    """A real version-1 file: the v1 DDL as kept in the migrations list, then rows in v1's own SQL."""
    conn = sqlite3.connect(path, isolation_level=None)
    schema.migrate(conn, upto=1)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    conn.executemany(
        "INSERT INTO bookmarks (id, doc_id, passage_id, start_pos, end_pos, exact, prefix, suffix,"
        " fingerprint, note, tags, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        V1_ROWS,
    )
    conn.close()


EARLIER = {1: make_v1}


def test_every_earlier_version_has_a_migration_test():
    assert set(EARLIER) == set(range(1, schema.LATEST)), "add a builder for the version you just replaced"


def test_v1_file_migrates_with_every_bookmark_note_and_tag(tmp_path):
    db = tmp_path / "bookmarks.sqlite3"
    make_v1(db)
    with BookmarkStore(db) as store:
        assert store._conn.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST
        assert "upgraded from version 1" in (store.notice or "")
        bookmarks = {b.id: b for b in store.list(deleted="include")}
        assert set(bookmarks) == {row[0] for row in V1_ROWS}
        first, second, third = (bookmarks[row[0]] for row in V1_ROWS)
        assert first.note == V1_ROWS[0][9] and first.tags == ("IPS", "metode")
        assert first.kind.value == "passage" and first.anchor.passage_id == "thesis:012"
        assert first.original_exact == first.quote == "Drawing on interviews and fieldwork"
        assert (first.created, first.updated) == (V1_ROWS[0][11], V1_ROWS[0][12])
        assert second.tags == ("not json at all",)  # a damaged value is kept, not dropped
        assert second.kind.value == "range" and second.anchor.prefix == "pre"
        assert third.note == "x" * 100_000 and third.tags == ()
        # The new features work on migrated rows: search, tags, soft delete.
        assert [b.id for b in store.list(query="notat")] == [first.id]
        assert [b.id for b in store.list(tag="metode")] == [first.id]
        store.remove(second.id)
        assert store.count() == 2
    backups = list(tmp_path.glob("bookmarks.sqlite3.v1-backup-*"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM bookmarks").fetchone()[0] == 3
    with BookmarkStore(db) as again:
        assert again.notice is None and again.count() == 2  # migrated once, no second backup


def test_fresh_file_goes_through_every_step(tmp_path):
    with BookmarkStore(tmp_path / "b.sqlite3") as store:
        tables = {r[0] for r in store._read("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"bookmarks", "tags", "meta"} <= tables
        assert store.notice is None


def test_newer_version_is_refused_and_left_untouched(tmp_path):
    db = tmp_path / "b.sqlite3"
    with BookmarkStore(db):
        pass
    with sqlite3.connect(db) as conn:
        conn.execute(f"PRAGMA user_version = {schema.LATEST + 1}")
    before = db.read_bytes()
    with pytest.raises(BookmarkStoreError, match="newer version"):
        BookmarkStore(db)
    assert db.read_bytes() == before
    assert not list(tmp_path.glob("*.corrupt-*"))
