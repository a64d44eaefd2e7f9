"""What a store of user data is (a frozen `StoreSpec`), the errors it raises, and the one line the
user reads for each failure.

A new store (pairs, alignment corrections, saved searches...) describes itself once with a
`StoreSpec` - its name for messages, its migrations, the tables that hold the user's rows - and
gets every care of `viewer.core.storage` by opening with `fallback.open_store(SPEC, path, timeout)`:
checks, migrations with a backup, a damaged file or write-ahead log set aside and salvaged, text
that is not UTF-8 repaired, read-only and full disks reported in one line.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from viewer.core.errors import UserError
from viewer.core.storage.migrations import Migrations, latest

_CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB
_BUSY_CODES = {5, 6}  # SQLITE_BUSY, SQLITE_LOCKED
READONLY = 8  # SQLITE_READONLY
IOERR, FULL, CANTOPEN = 10, 13, 14
UNDECODABLE = "could not decode to utf-8"  # Python's sqlite3 on text that is not UTF-8

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
    """A table of user rows: copied out of a damaged file, merged back from a damaged log, checked
    for text that is not UTF-8."""

    name: str
    by_rowid: bool = True  # one row at a time by rowid (a bad page costs only its rows); False: a scan
    since: int = 1  # the first schema version that has the table
    counted: bool = False  # its rows are what the notice counts ("the 3 bookmark(s) that could be read")
    newer: str | None = None  # a column ordering versions of a row ("updated"): the greater one wins a merge


@dataclass(frozen=True)
class StoreSpec:
    """What the generic code needs to know about one store."""

    name: str  # for messages: "the bookmark database"
    folder: str  # its folder, for messages: "the bookmark folder"
    items: str  # what salvage counts, for messages: "bookmark(s)"
    migrations: Migrations
    salvage: tuple[SalvageTable, ...] = ()  # parents before children (foreign keys)
    error: type[StoreError] = StoreError
    busy: type[StoreError] = StoreBusy
    prepare: Callable[[sqlite3.Connection], None] | None = None  # e.g. SQL functions, run on every connection
    changed: Callable[[sqlite3.Connection], None] | None = None  # after salvage or repair changed rows
    # (inside that transaction): bring derived data such as a search index back in step
    read_only: str = "it can be read but not changed"  # what still works when it cannot be written
    unavailable: str = ""  # what still works when it cannot be read at all; "" = fail instead of
    # starting an empty store in memory

    @property
    def latest(self) -> int:
        return latest(self.migrations)


@dataclass(frozen=True)
class Opened:
    conn: sqlite3.Connection
    notice: str | None  # something the user should be told (a damaged file moved aside, a backup)
    moved_to: Path | None
    unwritable: str = ""  # why changes are refused ("" when they are not); see fallback.open_store


def code(exc: BaseException) -> int | None:
    value = getattr(exc, "sqlite_errorcode", None)
    return value & 0xFF if isinstance(value, int) else None


def is_corruption(exc: BaseException) -> bool:
    if UNDECODABLE in str(exc).lower():  # damage that quick_check does not see
        return True
    value = code(exc)
    if value is not None:
        return value in _CORRUPT_CODES
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


def is_busy(exc: BaseException) -> bool:
    value = code(exc)
    if value is not None:
        return value in _BUSY_CODES
    return "locked" in str(exc).lower() or "busy" in str(exc).lower()


def is_full(exc: BaseException) -> bool:
    value = code(exc)
    return value == FULL if value is not None else "disk is full" in str(exc).lower()


def is_read_only(exc: BaseException) -> bool:
    value = code(exc)
    return value == READONLY if value is not None else "readonly database" in str(exc).lower()


def busy_error(spec: StoreSpec, path: str, timeout: float) -> StoreError:
    return spec.busy(
        f"{spec.name} {path} is in use by another program; waited {timeout:g} s, try again (nothing was changed)",
        "busy",
    )


def refused(spec: StoreSpec, path: str, why: str) -> StoreError:
    """The one line for a change refused because the store cannot be written (`why`, a few words)."""
    if why == "the disk is full":
        return spec.error("the disk is full: nothing was saved")
    if why == "read-only":
        return spec.error(f"{spec.name} {path} is read-only: nothing was saved")
    return spec.error(f"{spec.name} {path} cannot be written ({why}): nothing was saved")


def user_error(spec: StoreSpec, path: str, timeout: float, exc: sqlite3.DatabaseError) -> Exception:
    """The one line to tell the user when a read or a change failed (a change is rolled back by
    `transaction`); other errors are returned as they are (a bug, not the user's environment)."""
    if is_busy(exc):
        return busy_error(spec, path, timeout)
    if is_corruption(exc):
        return spec.error(
            f"{spec.name} {path} is damaged ({exc}); nothing was saved. Restart the program:"
            " it sets the file aside and recovers what it can",
            "damaged",
        )
    if is_full(exc):
        return refused(spec, path, "the disk is full")
    if is_read_only(exc):
        return refused(spec, path, "read-only")
    if code(exc) in (IOERR, CANTOPEN):
        return refused(spec, path, str(exc))
    return exc


def newer_error(spec: StoreSpec, path: str, why: object) -> StoreError:
    return spec.error(
        f"{spec.name} {path} was written by a newer version of this program ({why}); it was left untouched", "newer"
    )
