"""A connection to a SQLite store of user data and one transaction on it: autocommit, WAL, foreign
keys, full sync, text read leniently; a database error inside a change becomes one line
(`spec.user_error`). Opening a store safely (checks, migrations, salvage) is `database`'s.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

from viewer.core.storage import text
from viewer.core.storage.spec import StoreSpec, user_error

log = logging.getLogger(__name__)


@contextlib.contextmanager
def transaction(spec: StoreSpec, conn: sqlite3.Connection, path: str, timeout: float) -> Iterator[None]:
    """One `BEGIN IMMEDIATE` transaction on an autocommit connection: committed when the block ends,
    rolled back when it raises; a database error becomes `user_error`'s one line."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.DatabaseError as exc:
        translated = user_error(spec, path, timeout, exc)
        if translated is exc:
            raise
        log.warning("cannot start a change of %s %s: %s", spec.name, path, exc)
        raise translated from None
    try:
        yield
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:  # SQLite may have rolled back already (a full disk, for one)
            try:
                conn.execute("ROLLBACK")
            except sqlite3.DatabaseError as rollback:
                log.warning("rollback failed on %s %s: %s", spec.name, path, rollback)
        if isinstance(exc, sqlite3.DatabaseError):
            translated = user_error(spec, path, timeout, exc)
            if translated is not exc:
                log.warning("write to %s %s failed: %s", spec.name, path, exc)
                raise translated from None
        raise


def connect(
    path: str,
    timeout: float,
    prepare: Callable[[sqlite3.Connection], None] | None = None,
    *,
    read_only: bool = False,
    immutable: bool = False,
) -> sqlite3.Connection:
    """A connection in autocommit mode (callers issue BEGIN IMMEDIATE themselves), shared across
    threads under the caller's lock; WAL so readers never block the writer; synchronous=FULL so a
    commit survives power loss, not only a killed process; text read leniently (`text.Lenient`).
    `read_only` opens with `mode=ro` (and `immutable`: no locking at all, for a WAL file in a folder
    where no -shm file can be made)."""
    if read_only:
        query = "mode=ro&immutable=1" if immutable else "mode=ro"
        conn = sqlite3.connect(
            f"{Path(path).absolute().as_uri()}?{query}",
            timeout=timeout,
            isolation_level=None,
            check_same_thread=False,
            uri=True,
        )
    else:
        conn = sqlite3.connect(path, timeout=timeout, isolation_level=None, check_same_thread=False)
    conn.text_factory = text.Lenient()
    try:
        if prepare is not None:
            prepare(conn)
        conn.execute("PRAGMA foreign_keys = ON")
        if not read_only:  # (both would have to read the file, which a read-only WAL file may refuse here)
            if path != ":memory:":
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
    except BaseException:
        conn.close()
        raise
    return conn


def check(conn: sqlite3.Connection) -> None:
    """Raise a corruption DatabaseError unless the file is a sound SQLite database (fast for our sizes)."""
    result = conn.execute("PRAGMA quick_check").fetchall()
    if result != [("ok",)]:
        raise sqlite3.DatabaseError(f"database disk image is malformed: {result[0][0]}")
