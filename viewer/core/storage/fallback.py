"""Opening a store that may not be writable: the entry point for every store of user data.

`open_store` opens with all of `database.open_database`'s care; a store that cannot be written (a
read-only file, folder or file system, a full disk) is opened read-only, and one that cannot be
read at all is, if its spec says what still works without it (`StoreSpec.unavailable`), an empty
store in memory. `Opened.unwritable` then says why, `Opened.notice` tells the user, and every
change is refused with one line (`spec.refused`). Busy, or written by a newer version: the error.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from pathlib import Path

from viewer.core.storage import files, text, wal
from viewer.core.storage.connection import check, connect
from viewer.core.storage.database import open_database
from viewer.core.storage.migrations import user_version
from viewer.core.storage.spec import (
    CANTOPEN,
    FULL,
    IOERR,
    READONLY,
    Opened,
    StoreError,
    StoreSpec,
    busy_error,
    code,
    is_busy,
    is_corruption,
    newer_error,
)

log = logging.getLogger(__name__)


def open_store(spec: StoreSpec, path: str, timeout: float) -> Opened:
    try:
        opened = open_database(spec, path, timeout)
    except StoreError as exc:
        if exc.reason in ("busy", "newer"):
            raise
        log.warning("%s not opened for writing: %s", spec.name, exc)
        return _fallback(spec, path, timeout, exc, None)
    if path != ":memory:" and not writable(Path(path)):
        log.warning("%s %s is not writable: opening it read-only", spec.name, path)
        opened.conn.close()
        return _fallback(spec, path, timeout, None, opened.notice)
    return opened


def _fallback(spec: StoreSpec, path: str, timeout: float, error: StoreError | None, earlier: str | None) -> Opened:
    """Read-only when the file can still be read, else empty in memory (or the error)."""
    why = why_unwritable(spec, Path(path), error)
    if Path(path).is_file():
        try:
            conn = open_read_only(spec, path, timeout)
        except StoreError as exc:
            if exc.reason in ("busy", "newer"):
                raise
            log.warning("%s not opened read-only either: %s", spec.name, exc)
            if exc.reason == "damaged":
                why = str(exc)
            error = error or exc
        else:
            state = "is read-only" if why == "read-only" else f"cannot be written ({why})"
            notices = [earlier, f"{spec.name} {path} {state}: {spec.read_only}"]
            report = wal.inspect(Path(path))
            if report is not None and report.damaged:
                notices.append(
                    f"its write-ahead log is damaged ({report.problem}): what was saved after the damage"
                    " is not shown until it can be written"
                )
            bad = text.find(conn, spec, spec.latest)
            if bad:
                notices.append(f"{text.describe(spec, bad)}: shown with replacement characters (\ufffd)")
            return Opened(conn, "; ".join(n for n in notices if n), None, why)
    if not spec.unavailable:
        if error is not None and error.reason in ("folder", "damaged"):
            raise error
        raise spec.error(f"{spec.name} {path} cannot be opened ({why}): nothing was changed")
    notice = spec.unavailable.format(why=why)
    opened = open_database(spec, ":memory:", timeout)
    return Opened(opened.conn, notice, None, why)


def writable(path: Path) -> bool:
    """Whether the file and its folder can be written (WAL makes -wal and -shm files beside it)."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def why_unwritable(spec: StoreSpec, path: Path, error: StoreError | None) -> str:
    """Why the store cannot be written, in a few words for the notice and the refusals."""
    if error is not None and error.reason in ("folder", "damaged"):
        return str(error)
    folder = path.parent
    try:
        info = os.statvfs(folder)
        if info.f_flag & os.ST_RDONLY:
            return f"{spec.folder} {folder} is on a read-only file system"
        if info.f_bavail == 0 or (error is not None and "full" in str(error).lower()):
            return "the disk is full"
    except OSError as exc:
        log.warning("cannot examine the folder %s: %s", folder, exc)
    if path.exists() and not os.access(path, os.W_OK):
        return "read-only"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"{spec.folder} {folder} is read-only"
    return str(error) if error is not None else "read-only"


def open_read_only(spec: StoreSpec, path: str, timeout: float) -> sqlite3.Connection:
    """Open an existing file that cannot be written (`mode=ro`), checked, at the latest version; one
    that needs an upgrade or repair cannot be used this way (`spec.error`)."""
    if not files.looks_like_sqlite(Path(path)) or files.is_empty(Path(path)):
        raise spec.error(
            f"{spec.name} {path} is damaged (not a SQLite file) and cannot be repaired: it cannot be written", "damaged"
        )
    try:
        try:
            conn, version = _read_only(spec, path, timeout, immutable=False)
        except sqlite3.OperationalError as exc:
            # A WAL file in a folder where no -shm can be made (read-only, or a full disk): without a
            # -wal there is nothing committed to miss, so read the main file without locks.
            report = wal.inspect(Path(path))
            if code(exc) not in (READONLY, CANTOPEN, IOERR, FULL) or (report is not None and report.frames):
                raise
            log.warning("%s %s: read without locking (%s)", spec.name, path, exc)
            conn, version = _read_only(spec, path, timeout, immutable=True)
    except sqlite3.DatabaseError as exc:
        if is_busy(exc):
            raise busy_error(spec, path, timeout) from None
        if is_corruption(exc):
            raise spec.error(
                f"{spec.name} {path} is damaged ({exc}) and cannot be repaired: it cannot be written", "damaged"
            ) from None
        raise spec.error(f"cannot open {spec.name} {path}: {exc}") from None
    if version != spec.latest:
        conn.close()
        if version > spec.latest:
            raise newer_error(spec, path, f"schema version {version} is newer than this program's {spec.latest}")
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
