"""Opening the bookmark database safely: WAL, foreign keys, full sync, migrations with a backup,
and a damaged file moved aside (never deleted) with whatever rows can still be read copied over.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from viewer.core.bookmarks import schema
from viewer.core.errors import UserError

_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_BUSY_CODES = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED
_COMPANIONS = ("-wal", "-shm", "-journal")
_MAX_SALVAGE_ROWS = 1_000_000


class BookmarkStoreError(UserError):
    """The bookmark database cannot be used as it is (the message says what the user can do)."""


class BookmarkStoreBusy(BookmarkStoreError):
    """Another program held the database longer than the timeout."""


@dataclass(frozen=True)
class Opened:
    conn: sqlite3.Connection
    notice: str | None  # something the user should be told (a damaged file moved aside, a backup)
    moved_to: Path | None


def is_corruption(exc: BaseException) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _CORRUPT_CODES
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


def is_busy(exc: BaseException) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _BUSY_CODES
    return "locked" in str(exc).lower() or "busy" in str(exc).lower()


def busy_error(path: str, timeout: float) -> BookmarkStoreBusy:
    return BookmarkStoreBusy(f"the bookmark database {path} is in use by another program; waited {timeout:g} s, "
                             "try again (nothing was changed)")


def connect(path: str, timeout: float) -> sqlite3.Connection:
    """A connection in autocommit mode (we issue BEGIN IMMEDIATE ourselves), shared across threads
    under the store's lock; WAL so readers never block the writer; synchronous=FULL so a commit
    survives power loss, not only a killed process."""
    conn = sqlite3.connect(path, timeout=timeout, isolation_level=None, check_same_thread=False)
    conn.create_function("casefold", 1, lambda s: s.casefold() if isinstance(s, str) else s, deterministic=True)
    conn.execute("PRAGMA foreign_keys = ON")
    if path != ":memory:":
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    return conn


def open_database(path: str, timeout: float) -> Opened:
    """Connect, check and migrate; a damaged file is moved aside and a fresh one started."""
    if path != ":memory:":
        folder = Path(path).parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise BookmarkStoreError(f"cannot create the bookmark folder {folder}: {exc.strerror}") from None
        if Path(path).is_dir():
            raise BookmarkStoreError(f"the bookmark database path {path} is a folder")
    try:
        conn = connect(path, timeout)
        try:
            _check(conn)
            notice = _migrate(conn, path)
        except BaseException:
            conn.close()
            raise
        return Opened(conn, notice, None)
    except sqlite3.DatabaseError as exc:
        if is_busy(exc):
            raise busy_error(path, timeout) from None
        if not is_corruption(exc) or path == ":memory:":
            raise BookmarkStoreError(f"cannot open the bookmark database {path}: {exc}") from None
    moved = move_aside(Path(path))
    conn = connect(path, timeout)
    try:
        saved = salvage(moved, conn)
    except sqlite3.DatabaseError:  # salvage is best effort; the fresh file must open regardless
        saved = 0
    _migrate(conn, path)
    notice = (f"the bookmark database was damaged; it was moved to {moved} (not deleted) and a new one started"
              f" with the {saved} bookmark(s) that could still be read")
    return Opened(conn, notice, moved)


def _check(conn: sqlite3.Connection) -> None:
    """Raise a corruption DatabaseError unless the file is a sound SQLite database (fast for our sizes)."""
    result = conn.execute("PRAGMA quick_check").fetchall()
    if result != [("ok",)]:
        raise sqlite3.DatabaseError(f"database disk image is malformed: {result[0][0]}")


def _migrate(conn: sqlite3.Connection, path: str) -> str | None:
    notices: list[str] = []

    def backup(version: int) -> None:
        if path == ":memory:":
            return
        target = _free_name(Path(path), f"v{version}-backup-{_stamp()}")
        with contextlib.closing(sqlite3.connect(target)) as copy:
            conn.backup(copy)
        notices.append(f"the bookmark database was upgraded from version {version}; the old file is kept at {target}")

    try:
        schema.migrate(conn, before=backup)
    except ValueError as exc:
        raise BookmarkStoreError(f"the bookmark database {path} was written by a newer version of this program "
                                 f"({exc}); it was left untouched") from None
    return "; ".join(notices) or None


def move_aside(path: Path) -> Path:
    """Rename the database and its WAL/SHM companions to `<name>.corrupt-<UTC time>` (kept as a set)."""
    target = _free_name(path, f"corrupt-{_stamp()}")
    os.replace(path, target)
    for suffix in _COMPANIONS:
        companion = Path(f"{path}{suffix}")
        if companion.exists():
            os.replace(companion, Path(f"{target}{suffix}"))
    return target


def salvage(damaged: Path, conn: sqlite3.Connection) -> int:
    """Copy every bookmark row still readable in `damaged` into the fresh `conn`; returns the count.

    Reads a temporary copy through its own connection, so the moved-aside file stays exactly as it
    was found and its errors never touch the fresh database's transaction. Best effort: any failure
    leaves the fresh database valid (maybe with fewer rows).
    """
    with tempfile.TemporaryDirectory(prefix="bookmarks-salvage-") as tmp:
        copy = Path(tmp) / "damaged.sqlite3"
        try:
            shutil.copyfile(damaged, copy)
            if Path(f"{damaged}-wal").exists():
                shutil.copyfile(f"{damaged}-wal", f"{copy}-wal")
            old = sqlite3.connect(copy, isolation_level=None)
        except (OSError, sqlite3.DatabaseError):
            return 0
        try:
            version = old.execute("PRAGMA user_version").fetchone()[0]
            if version not in {target for target, _ in schema.MIGRATIONS}:
                return 0
            bookmarks = _read_rows(old, "bookmarks", by_rowid=True)
            tags = _read_rows(old, "tags", by_rowid=False) if version >= 2 else []
        except sqlite3.DatabaseError:
            return 0
        finally:
            old.close()
    schema.migrate(conn, upto=version)
    saved = 0
    conn.execute("BEGIN IMMEDIATE")
    try:
        for table, rows in (("bookmarks", bookmarks), ("tags", tags)):
            for row in rows:
                placeholders = ", ".join("?" for _ in row)
                try:
                    count = conn.execute(f"INSERT OR IGNORE INTO {table} VALUES ({placeholders})", row).rowcount
                except sqlite3.IntegrityError:  # e.g. a tag whose bookmark was on a lost page
                    continue
                saved += count if table == "bookmarks" else 0
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return saved


def _read_rows(old: sqlite3.Connection, table: str, by_rowid: bool) -> list[tuple[object, ...]]:
    """The readable rows of `table`: one by one by rowid (a bad page costs only its rows), else a scan
    that keeps what it read before the first error."""
    rows: list[tuple[object, ...]] = []
    if by_rowid:
        try:
            top = old.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0] or 0
        except sqlite3.DatabaseError:
            top = _MAX_SALVAGE_ROWS
        for rowid in range(1, min(top, _MAX_SALVAGE_ROWS) + 1):
            try:
                row = old.execute(f"SELECT * FROM {table} WHERE rowid = ?", (rowid,)).fetchone()
            except sqlite3.DatabaseError:
                continue
            if row is not None:
                rows.append(row)
        return rows
    try:
        for row in old.execute(f"SELECT * FROM {table}"):
            rows.append(row)
    except sqlite3.DatabaseError:
        pass
    return rows


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def _free_name(path: Path, label: str) -> Path:
    candidate = path.with_name(f"{path.name}.{label}")
    number = 1
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.{label}-{number}")
        number += 1
    return candidate
