"""Opening a SQLite store of user data safely: WAL, foreign keys, full sync, a quick check, versioned
migrations with a backup, a newer file refused; and what SQLite itself would lose or refuse kept:
a damaged file moved aside (never deleted) with whatever rows can still be read copied into a fresh
one, a damaged write-ahead log copied aside before SQLite discards it and its committed rows merged
back, an empty file set aside and reported, text that is not UTF-8 repaired and reported.

A store is described once by a frozen `StoreSpec` (`spec`); most stores open through
`fallback.open_store`, which adds the read-only and in-memory fallbacks; a connection and one
transaction on it are `connection`'s. The names that were here before the splits (errors, salvage,
set-aside files, connect, check, transaction) are still importable from this module.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import time
from pathlib import Path

from viewer.core.storage import files, merging, text, wal
from viewer.core.storage import salvage as salvaging
from viewer.core.storage.connection import check, connect, transaction
from viewer.core.storage.files import free_name, move_aside, stamp
from viewer.core.storage.migrations import NewerVersionError, migrate, user_version
from viewer.core.storage.salvage import GIVE_UP_AFTER, MAX_SALVAGE_ROWS, read_rows
from viewer.core.storage.spec import (
    Opened,
    Reason,
    SalvageTable,
    StoreBusy,
    StoreError,
    StoreSpec,
    busy_error,
    is_busy,
    is_corruption,
    is_full,
    is_read_only,
    newer_error,
    user_error,
)

log = logging.getLogger(__name__)

__all__ = [
    "GIVE_UP_AFTER",
    "MAX_SALVAGE_ROWS",
    "Opened",
    "Reason",
    "SalvageTable",
    "StoreBusy",
    "StoreError",
    "StoreSpec",
    "busy_error",
    "check",
    "connect",
    "free_name",
    "is_busy",
    "is_corruption",
    "is_full",
    "is_read_only",
    "move_aside",
    "open_database",
    "read_rows",
    "salvage",
    "stamp",
    "transaction",
    "user_error",
]


def open_database(spec: StoreSpec, path: str, timeout: float) -> Opened:
    """Connect, check and migrate, keeping what SQLite would lose (see the module's docstring).
    Raises `spec.error` (or `spec.busy`) with one line."""
    if path == ":memory:":
        conn = connect(path, timeout, spec.prepare)
        return Opened(conn, _migrate(spec, conn, path), None)
    file = Path(path)
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise spec.error(f"cannot create {spec.folder} {file.parent}: {exc.strerror or exc}", "folder") from None
    if file.is_dir():
        raise spec.error(f"{spec.name} path {path} is a folder", "folder")
    report = wal.inspect(file)
    if files.is_empty(file) or (not file.exists() and report is not None):
        return _empty(spec, file, timeout)
    kept = _keep_damaged_log(spec, file, report) if report is not None and report.damaged else None
    if not files.looks_like_sqlite(file):
        # Never connect to it: closing a connection to a file that is not a database deletes its -wal.
        log.warning("%s %s is not a SQLite file: moving it aside", spec.name, path)
    else:
        if not file.exists():
            _create(spec, file, timeout)
        try:
            conn = connect(path, timeout, spec.prepare)
            try:
                check(conn)
                notices = [_migrate(spec, conn, path)]
                if kept is not None and report is not None:
                    notices.append(_merge_log(spec, conn, file, kept, report))
                notices.append(_repair_text(spec, conn, path))
            except BaseException:
                conn.close()
                raise
            return Opened(conn, "; ".join(n for n in notices if n) or None, kept)
        except sqlite3.DatabaseError as exc:
            if is_busy(exc):
                raise busy_error(spec, path, timeout) from None
            if not is_corruption(exc):
                raise spec.error(f"cannot open {spec.name} {path}: {exc}") from None
            log.warning("%s %s is damaged (%s): moving it aside", spec.name, path, exc)
    if kept is not None:  # the originals are moved aside whole: that copy is not needed
        for suffix in ("", "-wal"):
            Path(f"{kept}{suffix}").unlink(missing_ok=True)
    moved, conn, found = _restart(spec, file, timeout, "damaged")
    notice = (
        f"{spec.name} was damaged; it was moved to {moved} (not deleted) and a new one started"
        f" with the {found.added} {spec.items} that could still be read{_undecodable(found)}"
    )
    return Opened(conn, notice, moved)


def _empty(spec: StoreSpec, file: Path, timeout: float) -> Opened:
    """A zero-byte file (SQLite would start afresh and delete its log): set aside, reported, salvaged."""
    log.warning("%s %s is empty (0 bytes) or missing beside its write-ahead log: setting it aside", spec.name, file)
    moved, conn, found = _restart(spec, file, timeout, "empty")
    notice = (
        f"{spec.name} {file} was empty (0 bytes), which this program never leaves behind: it was set aside"
        f" as {moved} (not deleted) and a new one started"
    )
    if found.added:
        notice += f" with the {found.added} {spec.items} its write-ahead log still held{_undecodable(found)}"
    else:
        notice += f"; if it held {spec.items}, restore them from a backup or an export"
    return Opened(conn, notice, moved)


def _restart(spec: StoreSpec, file: Path, timeout: float, why: str) -> tuple[Path, sqlite3.Connection, merging.Merged]:
    """Move the file aside with its companions, start a new one, salvage the old one into it."""
    try:
        moved = move_aside(file)
    except OSError as exc:
        raise spec.error(
            f"{spec.name} {file} is {why} and cannot be moved aside ({exc.strerror or exc}); nothing was changed",
            "damaged",
        ) from None
    try:
        _create(spec, file, timeout)
        conn = connect(str(file), timeout, spec.prepare)
    except (sqlite3.DatabaseError, StoreError) as exc:
        raise spec.error(
            f"{spec.name} was {why} and moved to {moved} (not deleted), but a new one cannot be started: {exc}"
        ) from None
    try:
        _migrate(spec, conn, str(file))
        found = merging.Merged()
        salvaged = salvaging.collect(spec, moved)
        if salvaged is not None:
            try:
                found = merging.merge(spec, conn, salvaged)
            finally:
                salvaged.close()
    except sqlite3.DatabaseError as exc:  # salvage is best effort; the fresh file opens regardless
        log.warning("salvage of %s into %s failed: %s", moved, file, exc)
        found = merging.Merged()
    except BaseException:
        conn.close()
        raise
    log.warning("salvaged %d %s from %s", found.added, spec.items, moved)
    return moved, conn, found


def _undecodable(found: merging.Merged) -> str:
    return (
        f" ({found.undecodable} with text that was not valid UTF-8, kept with replacement characters)"
        if found.undecodable
        else ""
    )


def _create(spec: StoreSpec, file: Path, timeout: float) -> None:
    def build(temporary: str) -> None:
        with contextlib.closing(connect(temporary, timeout, spec.prepare)) as conn:
            migrate(conn, spec.migrations)
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    try:
        files.create_new(file, build)
    except (OSError, sqlite3.DatabaseError) as exc:
        raise spec.error(f"cannot open {spec.name} {file}: {exc}") from None


def _keep_damaged_log(spec: StoreSpec, file: Path, report: wal.Report) -> Path | None:
    """Copy the database and its damaged log aside before SQLite discards the log's tail."""
    time.sleep(0.05)  # a log another program is writing this moment is not damaged: read it again
    again = wal.inspect(file)
    if again is None or again.digest != report.digest:
        log.info("write-ahead log %s changed while it was read (another program writes it): not judged", report.path)
        return None
    log.warning("write-ahead log %s is damaged (%s): copying it aside", report.path, report.problem)
    try:
        return files.copy_aside(file)
    except OSError as exc:
        raise spec.error(
            f"the write-ahead log of {spec.name} {file} is damaged ({report.problem}) and no copy of it"
            f" can be kept ({exc.strerror or exc}): it was not opened, nothing was changed",
            "damaged",
        ) from None


def _merge_log(spec: StoreSpec, conn: sqlite3.Connection, file: Path, kept: Path, report: wal.Report) -> str:
    salvaged = salvaging.collect(spec, kept)
    merged = merging.Merged()
    if salvaged is not None:
        try:
            merged = merging.merge(spec, conn, salvaged)
        finally:
            salvaged.close()
    log.warning("merged from the damaged log of %s: %s", file, merged)
    notice = (
        f"the write-ahead log of {spec.name} {file} was damaged ({report.problem}): a copy is kept at"
        f" {kept}-wal (with the database as it was at {kept}), and {merged.added} {spec.items} that would have"
        " been lost were recovered from it"
    )
    if merged.updated:
        notice += f" ({merged.updated} more brought up to date)"
    return notice


def _repair_text(spec: StoreSpec, conn: sqlite3.Connection, path: str) -> str | None:
    bad = text.find(conn, spec, user_version(conn))
    return text.repair(spec, conn, path, bad) if bad else None


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
        raise newer_error(spec, path, exc) from None
    return "; ".join(notices) or None


def salvage(spec: StoreSpec, damaged: Path, conn: sqlite3.Connection) -> int:
    """Copy every row of `spec.salvage`'s tables still readable in `damaged` (and its log) into `conn`,
    which is brought to the latest version first; returns the counted rows added."""
    found = salvaging.collect(spec, damaged)
    if found is None:
        return 0
    try:
        migrate(conn, spec.migrations)
        return merging.merge(spec, conn, found).added
    finally:
        found.close()
