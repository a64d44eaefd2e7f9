"""The bookmark database schema, its versions and the migrations between them.

`PRAGMA user_version` holds the version (steps run by `viewer.core.storage.migrations`). A fresh
database replays every step from version 0, so the path an old file takes is the one every new file
takes too. Full-text search (FTS5) is not part of the versioned schema: it is an index over the
bookmarks, rebuilt whenever it is missing or stale, so a Python whose SQLite lacks FTS5 can still
open and write the same file.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable

from viewer.core.storage import migrations

log = logging.getLogger(__name__)

# Version 1: the first release. Tags were a JSON array in a column; deletes were final.
V1_DDL = """
CREATE TABLE bookmarks (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    passage_id TEXT,
    start_pos INTEGER NOT NULL,
    end_pos INTEGER NOT NULL,
    exact TEXT NOT NULL,
    prefix TEXT NOT NULL,
    suffix TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
"""

# Version 2: a stable integer rowid (the FTS key), bookmark kinds and aligned pairs, anchor status,
# language, soft delete, the quote as first taken, and a tags table (filterable, indexable).
V2_DDL = """
CREATE TABLE bookmarks_v2 (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('passage', 'range', 'pair')),
    doc_id TEXT NOT NULL,
    doc_title TEXT NOT NULL DEFAULT '',
    passage_id TEXT NOT NULL DEFAULT '',
    sentence_id TEXT NOT NULL DEFAULT '',
    start_pos INTEGER NOT NULL,
    end_pos INTEGER NOT NULL,
    exact TEXT NOT NULL,
    prefix TEXT NOT NULL,
    suffix TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    original_exact TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'moved', 'orphaned')),
    lang TEXT NOT NULL DEFAULT 'und',
    pair_doc_id TEXT,
    pair_sentence_id TEXT,
    pair_start INTEGER,
    pair_end INTEGER,
    note TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    deleted_at TEXT
);
"""

V2_AFTER_RENAME = """
CREATE TABLE tags (
    bookmark_id TEXT NOT NULL REFERENCES bookmarks(id) ON DELETE CASCADE ON UPDATE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (bookmark_id, tag)
) WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE INDEX bookmarks_doc_pos ON bookmarks (doc_id, start_pos);
CREATE INDEX bookmarks_created ON bookmarks (created);
CREATE INDEX tags_tag ON tags (tag);
"""


def _to_v1(conn: sqlite3.Connection) -> None:
    conn.execute(V1_DDL)


def _v1_to_v2(conn: sqlite3.Connection) -> None:
    # The documented SQLite way to change a table: build the new one, copy, drop, rename.
    conn.execute(V2_DDL)
    rows = conn.execute(
        "SELECT id, doc_id, passage_id, start_pos, end_pos, exact, prefix, suffix, fingerprint,"
        " note, tags, created, updated FROM bookmarks ORDER BY created, id"
    ).fetchall()
    for id_, doc_id, passage_id, start, end, exact, prefix, suffix, fingerprint, note, _tags, created, updated in rows:
        # Version 1 set passage_id only for bookmarks on a whole passage.
        kind = "passage" if passage_id else "range"
        conn.execute(
            "INSERT INTO bookmarks_v2 (id, kind, doc_id, passage_id, start_pos, end_pos, exact, prefix,"
            " suffix, fingerprint, original_exact, note, created, updated)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                id_,
                kind,
                doc_id,
                passage_id or "",
                start,
                end,
                exact,
                prefix,
                suffix,
                fingerprint,
                exact,
                note,
                created,
                updated,
            ),
        )
    conn.execute("DROP TABLE bookmarks")
    conn.execute("ALTER TABLE bookmarks_v2 RENAME TO bookmarks")
    for statement in V2_AFTER_RENAME.split(";"):
        if statement.strip():
            conn.execute(statement)
    for id_, tags in ((row[0], row[10]) for row in rows):
        for tag in _v1_tags(tags):
            conn.execute("INSERT OR IGNORE INTO tags (bookmark_id, tag) VALUES (?, ?)", (id_, tag))


def _v1_tags(raw: str) -> list[str]:
    """Version 1's JSON tag list; a damaged value is kept as one tag rather than dropped."""
    try:
        value = json.loads(raw)
    except (TypeError, ValueError) as exc:
        log.warning("version 1 tag list %.80r is not JSON (%s): kept as one tag", raw, exc)
        return [raw] if raw else []
    if isinstance(value, list):
        return [str(tag) for tag in value if str(tag).strip()]
    return [str(value)]


# (version reached, step). Append new steps; never edit an old one (files in the wild went through it).
MIGRATIONS: tuple[tuple[int, Callable[[sqlite3.Connection], None]], ...] = (
    (1, _to_v1),
    (2, _v1_to_v2),
)
LATEST = MIGRATIONS[-1][0]

FTS_TABLE = "bookmarks_fts"
FTS_DDL = f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(note, exact, tags, tokenize = 'unicode61 remove_diacritics 2')"


def migrate(conn: sqlite3.Connection, before: Callable[[int], None] | None = None, upto: int = LATEST) -> int:
    """Bring `conn` (autocommit mode) to version `upto`, one transaction per step; returns the old version.

    `before(old_version)` runs once before the first step on an existing file (to back it up). A
    version newer than LATEST raises ValueError (`migrations.NewerVersionError`) and changes nothing.
    """
    return migrations.migrate(conn, MIGRATIONS, before=before, upto=upto)


def has_fts5(conn: sqlite3.Connection) -> bool:
    """Whether this SQLite build has the FTS5 module (most do; some system builds do not)."""
    try:
        conn.execute("CREATE VIRTUAL TABLE temp._fts5_probe USING fts5(x)")
        conn.execute("DROP TABLE temp._fts5_probe")
        return True
    except sqlite3.OperationalError as exc:
        log.warning("this SQLite has no FTS5 (%s): bookmark search falls back to LIKE", exc)
        return False
