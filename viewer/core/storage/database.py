"""Opening a SQLite store of user data safely: WAL, foreign keys, full sync, a quick check, versioned
migrations with a backup, a newer file refused, and a damaged file moved aside (never deleted) with
whatever rows can still be read copied into a fresh one.

A store is described once by a frozen `StoreSpec` (its name for messages, its migrations, the tables
to salvage); every message the user sees names the store, and says what happened to their data.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from viewer.core.errors import UserError
from viewer.core.storage.migrations import Migrations, NewerVersionError, latest, migrate, user_version

log = logging.getLogger(__name__)

_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_BUSY_CODES = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED
_READONLY = 8  # SQLITE_READONLY
_IOERR, _FULL, _CANTOPEN = 10, 13, 14
_COMPANIONS = ("-wal", "-shm", "-journal")
_MAGIC = b"SQLite format 3\x00"
MAX_SALVAGE_ROWS = 1_000_000
GIVE_UP_AFTER = 100_000  # rowids without a row, when the table's largest rowid cannot be read

Reason = Literal["unavailable", "busy", "newer", "damaged", "folder"]


class StoreError(UserError):
    """A store cannot be used as it is (the message says what the user can do).

    `reason`: "busy" (another program holds it), "newer" (written by a newer version, left
    untouched), "damaged" (damaged and it could not be repaired here), "folder" (its folder cannot
    be created or is not a folder), "unavailable" (anything else: permissions, a full disk...).
    """

    def __init__(self, message: str, reason: Reason = "unavailable") -> None:
        super().__init__(message)
        self.reason: Reason = reason


class StoreBusy(StoreError):
    """Another program held the database longer than the timeout."""

    def __init__(self, message: str, reason: Reason = "busy") -> None:
        super().__init__(message, reason)


@dataclass(frozen=True)
class SalvageTable:
    """A table to copy out of a damaged file, and how to read it."""

    name: str
    by_rowid: bool = True  # one row at a time by rowid (a bad page costs only its rows); False: a scan
    since: int = 1  # the first schema version that has the table
    counted: bool = False  # its rows are what the notice counts ("the 3 bookmark(s) that could be read")


@dataclass(frozen=True)
class StoreSpec:
    """What the generic code needs to know about one store."""

    name: str  # for messages: "the bookmark database"
    folder: str  # its folder, for messages: "the bookmark folder"
    items: str  # what salvage counts, for messages: "bookmark(s)"
    migrations: Migrations
    salvage: tuple[SalvageTable, ...] = ()
    error: type[StoreError] = StoreError
    busy: type[StoreError] = StoreBusy
    prepare: Callable[[sqlite3.Connection], None] | None = None  # e.g. SQL functions, run on every connection

    @property
    def latest(self) -> int:
        return latest(self.migrations)


@dataclass(frozen=True)
class Opened:
    conn: sqlite3.Connection
    notice: str | None  # something the user should be told (a damaged file moved aside, a backup)
    moved_to: Path | None


def _code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def is_corruption(exc: BaseException) -> bool:
    code = _code(exc)
    if code is not None:
        return code in _CORRUPT_CODES
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


def is_busy(exc: BaseException) -> bool:
    code = _code(exc)
    if code is not None:
        return code in _BUSY_CODES
    return "locked" in str(exc).lower() or "busy" in str(exc).lower()


def is_full(exc: BaseException) -> bool:
    code = _code(exc)
    return code == _FULL if code is not None else "disk is full" in str(exc).lower()


def is_read_only(exc: BaseException) -> bool:
    code = _code(exc)
    return code == _READONLY if code is not None else "readonly database" in str(exc).lower()


def busy_error(spec: StoreSpec, path: str, timeout: float) -> StoreError:
    return spec.busy(f"{spec.name} {path} is in use by another program; waited {timeout:g} s, "
                     "try again (nothing was changed)", "busy")


def user_error(spec: StoreSpec, path: str, timeout: float, exc: sqlite3.DatabaseError) -> Exception:
    """The one line to tell the user when a read or a change failed (a change is rolled back by
    `transaction`); other errors are returned as they are (a bug, not the user's environment)."""
    if is_busy(exc):
        return busy_error(spec, path, timeout)
    if is_corruption(exc):
        return spec.error(f"{spec.name} {path} is damaged ({exc}); nothing was changed. Restart the program:"
                          " it moves the file aside and recovers what it can", "damaged")
    if is_full(exc):
        return spec.error("the disk is full: nothing was saved")
    if is_read_only(exc):
        return spec.error(f"{spec.name} at {path} cannot be written (read-only): nothing was changed")
    if _code(exc) in (_IOERR, _CANTOPEN):
        return spec.error(f"{spec.name} at {path} cannot be written ({exc}): nothing was changed")
    return exc


@contextlib.contextmanager
def transaction(spec: StoreSpec, conn: sqlite3.Connection, path: str, timeout: float) -> Iterator[None]:
    """One `BEGIN IMMEDIATE` transaction on an autocommit connection: committed when the block ends,
    rolled back when it raises; a database error becomes `user_error`'s one line."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.DatabaseError as exc:
        raise user_error(spec, path, timeout, exc) from None
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


def connect(path: str, timeout: float, prepare: Callable[[sqlite3.Connection], None] | None = None, *,
            read_only: bool = False, immutable: bool = False) -> sqlite3.Connection:
    """A connection in autocommit mode (callers issue BEGIN IMMEDIATE themselves), shared across
    threads under the caller's lock; WAL so readers never block the writer; synchronous=FULL so a
    commit survives power loss, not only a killed process. `read_only` opens with `mode=ro` (and
    `immutable`: no locking at all, for a WAL file in a folder where no -shm file can be made)."""
    if read_only:
        query = "mode=ro&immutable=1" if immutable else "mode=ro"
        conn = sqlite3.connect(f"{Path(path).absolute().as_uri()}?{query}", timeout=timeout, isolation_level=None,
                               check_same_thread=False, uri=True)
    else:
        conn = sqlite3.connect(path, timeout=timeout, isolation_level=None, check_same_thread=False)
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


def open_database(spec: StoreSpec, path: str, timeout: float) -> Opened:
    """Connect, check and migrate; a damaged file is moved aside and a fresh one started with the
    rows that could still be read. Raises `spec.error` (or `spec.busy`) with one line."""
    if path != ":memory:":
        folder = Path(path).parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise spec.error(f"cannot create {spec.folder} {folder}: {exc.strerror or exc}", "folder") from None
        if Path(path).is_dir():
            raise spec.error(f"{spec.name} path {path} is a folder", "folder")
    if path != ":memory:" and not _looks_like_sqlite(Path(path)):
        # Never connect to it: closing a connection to a file that is not a database deletes its -wal.
        log.warning("%s %s is not a SQLite file: moving it aside", spec.name, path)
    else:
        try:
            conn = connect(path, timeout, spec.prepare)
            try:
                check(conn)
                notice = _migrate(spec, conn, path)
            except BaseException:
                conn.close()
                raise
            return Opened(conn, notice, None)
        except sqlite3.DatabaseError as exc:
            if is_busy(exc):
                raise busy_error(spec, path, timeout) from None
            if not is_corruption(exc) or path == ":memory:":
                raise spec.error(f"cannot open {spec.name} {path}: {exc}") from None
            log.warning("%s %s is damaged (%s): moving it aside", spec.name, path, exc)
    try:
        moved = move_aside(Path(path))
    except OSError as exc:
        raise spec.error(f"{spec.name} {path} is damaged and cannot be moved aside ({exc.strerror or exc});"
                         " nothing was changed", "damaged") from None
    try:
        conn = connect(path, timeout, spec.prepare)
    except sqlite3.DatabaseError as exc:
        raise spec.error(f"{spec.name} was damaged and moved to {moved} (not deleted), but a new one cannot be"
                         f" started: {exc}") from None
    try:
        try:
            saved = salvage(spec, moved, conn)
        except sqlite3.DatabaseError as exc:  # salvage is best effort; the fresh file must open regardless
            log.warning("salvage of %s into %s failed: %s", moved, path, exc)
            saved = 0
        _migrate(spec, conn, path)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise spec.error(f"{spec.name} was damaged and moved to {moved} (not deleted), but a new one cannot be"
                         f" started: {exc}") from None
    except BaseException:
        conn.close()
        raise
    notice = (f"{spec.name} was damaged; it was moved to {moved} (not deleted) and a new one started"
              f" with the {saved} {spec.items} that could still be read")
    return Opened(conn, notice, moved)


def open_read_only(spec: StoreSpec, path: str, timeout: float) -> sqlite3.Connection:
    """Open an existing file that cannot be written (`mode=ro`), checked, at the latest version; one
    that needs an upgrade or repair cannot be used this way (`spec.error`)."""
    if not _looks_like_sqlite(Path(path)):
        raise spec.error(f"{spec.name} {path} is damaged (not a SQLite file) and cannot be repaired: it cannot"
                         " be written", "damaged")
    try:
        try:
            conn, version = _read_only(spec, path, timeout, immutable=False)
        except sqlite3.OperationalError as exc:
            # A WAL file in a folder where no -shm can be made: without a -wal there is nothing
            # uncommitted to miss, so read the main file without locks.
            if _code(exc) not in (_READONLY, _CANTOPEN) or Path(f"{path}-wal").exists():
                raise
            log.warning("%s %s: read without locking (%s)", spec.name, path, exc)
            conn, version = _read_only(spec, path, timeout, immutable=True)
    except sqlite3.DatabaseError as exc:
        if is_busy(exc):
            raise busy_error(spec, path, timeout) from None
        if is_corruption(exc):
            raise spec.error(f"{spec.name} {path} is damaged ({exc}) and cannot be repaired: it cannot be"
                             " written", "damaged") from None
        raise spec.error(f"cannot open {spec.name} {path}: {exc}") from None
    if version != spec.latest:
        conn.close()
        if version > spec.latest:
            raise _newer(spec, path, f"schema version {version} is newer than this program's {spec.latest}")
        raise spec.error(f"{spec.name} {path} needs an upgrade from version {version} but cannot be written")
    return conn


def _read_only(spec: StoreSpec, path: str, timeout: float, immutable: bool) -> tuple[sqlite3.Connection, int]:
    conn = connect(path, timeout, spec.prepare, read_only=True, immutable=immutable)
    try:
        check(conn)
        return conn, user_version(conn)
    except BaseException:
        conn.close()
        raise


def _looks_like_sqlite(path: Path) -> bool:
    """False for a file that is surely not a SQLite database (an empty or missing one is a new database)."""
    if not path.is_file():
        return True
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(_MAGIC))
    except OSError as exc:  # let SQLite say what is wrong with it
        log.warning("cannot read the header of %s: %s", path, exc)
        return True
    return not head or head == _MAGIC


def check(conn: sqlite3.Connection) -> None:
    """Raise a corruption DatabaseError unless the file is a sound SQLite database (fast for our sizes)."""
    result = conn.execute("PRAGMA quick_check").fetchall()
    if result != [("ok",)]:
        raise sqlite3.DatabaseError(f"database disk image is malformed: {result[0][0]}")


def _newer(spec: StoreSpec, path: str, why: object) -> StoreError:
    return spec.error(f"{spec.name} {path} was written by a newer version of this program ({why});"
                      " it was left untouched", "newer")


def _migrate(spec: StoreSpec, conn: sqlite3.Connection, path: str) -> str | None:
    notices: list[str] = []

    def backup(version: int) -> None:
        if path == ":memory:":
            return
        target = free_name(Path(path), f"v{version}-backup-{stamp()}")
        with contextlib.closing(sqlite3.connect(target)) as copy:
            conn.backup(copy)
        notices.append(f"{spec.name} was upgraded from version {version}; the old file is kept at {target}")

    try:
        migrate(conn, spec.migrations, before=backup)
    except NewerVersionError as exc:
        raise _newer(spec, path, exc) from None
    return "; ".join(notices) or None


def move_aside(path: Path) -> Path:
    """Rename the database and its WAL/SHM companions to `<name>.corrupt-<UTC time>` (kept as a set)."""
    target = free_name(path, f"corrupt-{stamp()}")
    os.replace(path, target)
    for suffix in _COMPANIONS:
        companion = Path(f"{path}{suffix}")
        if companion.exists():
            os.replace(companion, Path(f"{target}{suffix}"))
    return target


def salvage(spec: StoreSpec, damaged: Path, conn: sqlite3.Connection) -> int:
    """Copy every row of `spec.salvage`'s tables still readable in `damaged` into the fresh `conn`
    (at the damaged file's version, which the caller then migrates); returns the counted rows.

    Reads a temporary copy through its own connection, so the moved-aside file stays exactly as it
    was found and its errors never touch the fresh database's transaction. Best effort: any failure
    leaves the fresh database valid (maybe with fewer rows). A row that breaks a constraint (a file
    whose collection was on a lost page) is left out.
    """
    with tempfile.TemporaryDirectory(prefix="store-salvage-") as tmp:
        copy = Path(tmp) / "damaged.sqlite3"
        try:
            shutil.copyfile(damaged, copy)
            if Path(f"{damaged}-wal").exists():
                shutil.copyfile(f"{damaged}-wal", f"{copy}-wal")
            old = sqlite3.connect(copy, isolation_level=None)
        except (OSError, sqlite3.DatabaseError) as exc:
            log.warning("cannot read %s for salvage: %s", damaged, exc)
            return 0
        try:
            # Skip the schema's own sanity checks (a table's root page beyond a truncated end would
            # fail every statement): this is a throw-away copy, only read.
            old.execute("PRAGMA writable_schema = ON")
            version = user_version(old)
            if version not in {target for target, _ in spec.migrations}:
                log.warning("cannot salvage %s: unknown schema version %s", damaged, version)
                return 0
            tables = [(t, read_rows(old, t.name, t.by_rowid)) for t in spec.salvage if version >= t.since]
        except sqlite3.DatabaseError as exc:
            log.warning("cannot salvage %s: %s", damaged, exc)
            return 0
        finally:
            old.close()
    migrate(conn, spec.migrations, upto=version)
    saved = 0
    conn.execute("BEGIN IMMEDIATE")
    try:
        for table, rows in tables:
            refused = 0
            for row in rows:
                placeholders = ", ".join("?" for _ in row)
                try:
                    count = conn.execute(f"INSERT OR IGNORE INTO {table.name} VALUES ({placeholders})", row).rowcount
                except sqlite3.IntegrityError as exc:  # e.g. a row whose parent was on a lost page
                    refused += 1  # a warning once below
                    log.debug("salvage: a row of %s left out: %s", table.name, exc)
                    continue
                saved += count if table.counted else 0
            if refused:
                log.warning("salvage of %s: %d row(s) of %s left out (broken references)", damaged, refused,
                            table.name)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    log.warning("salvaged %d %s from %s", saved, spec.items, damaged)
    return saved


def read_rows(old: sqlite3.Connection, table: str, by_rowid: bool) -> list[tuple[object, ...]]:
    """The readable rows of `table`: one by one by rowid (a bad page costs only its rows), else a scan
    that keeps what it read before the first error."""
    rows: list[tuple[object, ...]] = []
    if by_rowid:
        known_top = True
        try:
            top = old.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0] or 0
        except sqlite3.DatabaseError as exc:
            log.warning("salvage: max(rowid) of %s unreadable (%s); trying rowids until %d in a row give"
                        " nothing", table, exc, GIVE_UP_AFTER)
            top, known_top = MAX_SALVAGE_ROWS, False
        lost = last = 0
        for rowid in range(1, min(top, MAX_SALVAGE_ROWS) + 1):
            if not known_top and rowid - last > GIVE_UP_AFTER:
                break
            try:
                row = old.execute(f"SELECT * FROM {table} WHERE rowid = ?", (rowid,)).fetchone()
            except sqlite3.DatabaseError as exc:
                lost += 1  # counted, and a warning once below (one per row would flood the log)
                log.debug("salvage: rowid %d of %s unreadable: %s", rowid, table, exc)
                continue
            if row is not None:
                rows.append(row)
                last = rowid
        if lost:
            log.warning("salvage: %d rowid(s) of %s unreadable", lost, table)
        return rows
    try:
        for row in old.execute(f"SELECT * FROM {table}"):
            rows.append(row)
    except sqlite3.DatabaseError as exc:
        log.warning("salvage: scan of %s stopped after %d row(s): %s", table, len(rows), exc)
    return rows


def stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def free_name(path: Path, label: str) -> Path:
    candidate = path.with_name(f"{path.name}.{label}")
    number = 1
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.{label}-{number}")
        number += 1
    return candidate
