"""Opening the bookmark database safely: WAL, foreign keys, full sync, migrations with a backup,
and a damaged file moved aside (never deleted) with whatever rows can still be read copied over.

The work is done by `viewer.core.storage.database`; this module describes the bookmark store to it
and keeps the names the bookmark store uses.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from viewer.core.bookmarks import schema
from viewer.core.storage import database, fallback
from viewer.core.storage.database import Opened, SalvageTable, StoreBusy, StoreError, is_busy, is_corruption

log = logging.getLogger(__name__)


class BookmarkStoreError(StoreError):
    """The bookmark database cannot be used as it is (the message says what the user can do)."""


class BookmarkStoreBusy(BookmarkStoreError, StoreBusy):
    """Another program held the database longer than the timeout."""


def _casefold(value: str | bytes | int | float | None) -> str | bytes | int | float | None:
    return value.casefold() if isinstance(value, str) else value


def _prepare(conn: sqlite3.Connection) -> None:
    conn.create_function("casefold", 1, _casefold, deterministic=True)


def _changed(conn: sqlite3.Connection) -> None:
    """Rows came back from a damaged file or were repaired: the search index is rebuilt on opening."""
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('fts', 'stale')")


SPEC = database.StoreSpec(
    name="the bookmark database",
    folder="the bookmark folder",
    items="bookmark(s)",
    migrations=schema.MIGRATIONS,
    salvage=(
        SalvageTable("bookmarks", by_rowid=True, counted=True, newer="updated"),
        SalvageTable("tags", by_rowid=False, since=2),
    ),  # WITHOUT ROWID: scanned
    error=BookmarkStoreError,
    busy=BookmarkStoreBusy,
    prepare=_prepare,
    changed=_changed,
    read_only="the bookmarks can be read but not added or changed",
)

__all__ = [
    "SPEC",
    "BookmarkStoreBusy",
    "BookmarkStoreError",
    "Opened",
    "busy_error",
    "connect",
    "is_busy",
    "is_corruption",
    "move_aside",
    "open_database",
    "open_store",
    "salvage",
]


def busy_error(path: str, timeout: float) -> BookmarkStoreBusy:
    error = database.busy_error(SPEC, path, timeout)
    assert isinstance(error, BookmarkStoreBusy)
    return error


def connect(path: str, timeout: float) -> sqlite3.Connection:
    """A connection in autocommit mode (the store issues BEGIN IMMEDIATE itself), WAL, synchronous=FULL."""
    return database.connect(path, timeout, _prepare)


def open_database(path: str, timeout: float) -> Opened:
    """Connect, check and migrate; a damaged file is moved aside and a fresh one started."""
    return database.open_database(SPEC, path, timeout)


def open_store(path: str, timeout: float) -> Opened:
    """`open_database`, or read-only when the file cannot be written (`Opened.unwritable` says why)."""
    return fallback.open_store(SPEC, path, timeout)


def move_aside(path: Path) -> Path:
    """Rename the database and its WAL/SHM companions to `<name>.corrupt-<UTC time>` (kept as a set)."""
    return database.move_aside(path)


def salvage(damaged: Path, conn: sqlite3.Connection) -> int:
    """Copy every bookmark (and tag) still readable in `damaged` into the fresh `conn`; returns the count."""
    return database.salvage(SPEC, damaged, conn)
