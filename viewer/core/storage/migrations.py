"""Versioned schemas: `PRAGMA user_version` holds the version, a list of steps leads from 0 to the latest.

A fresh database replays every step from version 0, so the path an old file takes is the one every
new file takes too. Append new steps; never edit an old one (files in the wild went through it).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Sequence

log = logging.getLogger(__name__)

Step = Callable[[sqlite3.Connection], None]
Migrations = Sequence[tuple[int, Step]]  # (version reached, step), in increasing order


class NewerVersionError(ValueError):
    """The file was written by a newer version of the program (its schema is unknown here)."""


def latest(migrations: Migrations) -> int:
    return migrations[-1][0] if migrations else 0


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def statements(ddl: str) -> list[str]:
    """The statements of a DDL script, to run one by one inside a transaction (`executescript`
    would commit first)."""
    return [s.strip() for s in ddl.split(";") if s.strip()]


def ddl_step(ddl: str) -> Step:
    """A migration step that runs a DDL script's statements one by one (inside the migration's
    transaction): the usual first step of a store."""

    def step(conn: sqlite3.Connection) -> None:
        for statement in statements(ddl):
            conn.execute(statement)

    return step


def migrate(
    conn: sqlite3.Connection,
    migrations: Migrations,
    before: Callable[[int], None] | None = None,
    upto: int | None = None,
) -> int:
    """Bring `conn` (autocommit mode) to version `upto` (default: the latest), one transaction per step;
    returns the old version. Raises NewerVersionError, touching nothing, for a version beyond the latest.

    `before(old_version)` runs once before the first step on an existing file (to back it up).
    """
    newest = latest(migrations)
    target_version = newest if upto is None else upto
    version = user_version(conn)
    if version > newest:
        raise NewerVersionError(f"schema version {version} is newer than this program's {newest}")
    if 0 < version < target_version and before is not None:
        before(version)
    old = version
    # SQLite's table-rebuild recipe: foreign keys off (outside the transaction), checked before commit.
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        for target, step in migrations:
            if target <= version or target > target_version:
                continue
            conn.execute("BEGIN IMMEDIATE")
            try:
                # Another process may have migrated while we waited for the write lock.
                if user_version(conn) >= target:
                    conn.execute("COMMIT")
                    continue
                step(conn)
                if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
                    raise sqlite3.IntegrityError(f"migration to version {target} broke a foreign key")
                conn.execute(f"PRAGMA user_version = {int(target)}")
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            version = target
    finally:
        conn.execute("PRAGMA foreign_keys = ON")
    return old
