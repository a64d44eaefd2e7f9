"""The FTS5 index over bookmark notes, quotes and tags, written in the same transaction as the rows.

Without FTS5 (`has_fts` false) a write only marks the index stale; `rebuild` brings it back in step.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from viewer.core.bookmarks import schema
from viewer.core.bookmarks.model import Bookmark


def put(conn: sqlite3.Connection, seq: int, bookmark: Bookmark, has_fts: bool) -> None:
    if not has_fts:
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('fts', 'stale')")
        return
    conn.execute(f"DELETE FROM {schema.FTS_TABLE} WHERE rowid = ?", (seq,))
    conn.execute(
        f"INSERT INTO {schema.FTS_TABLE} (rowid, note, exact, tags) VALUES (?, ?, ?, ?)",
        (seq, bookmark.note, bookmark.anchor.exact, " ".join(bookmark.tags)),
    )


def delete(conn: sqlite3.Connection, seq: int, has_fts: bool) -> None:
    if has_fts:
        conn.execute(f"DELETE FROM {schema.FTS_TABLE} WHERE rowid = ?", (seq,))
    else:
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('fts', 'stale')")


def rebuild(conn: sqlite3.Connection, bookmarks: Iterable[tuple[int, Bookmark]]) -> None:
    """Create the index if missing and fill it anew from every (seq, bookmark)."""
    if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (schema.FTS_TABLE,)).fetchone():
        conn.execute(schema.FTS_DDL)
    conn.execute(f"DELETE FROM {schema.FTS_TABLE}")
    for seq, bookmark in bookmarks:
        put(conn, seq, bookmark, True)
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('fts', 'synced')")
