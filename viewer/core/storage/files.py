"""The files of a store: setting a damaged one aside (never deleting it), telling a SQLite file
from something else, and creating a new one complete or not at all."""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

log = logging.getLogger(__name__)

COMPANIONS = ("-wal", "-shm", "-journal")
MAGIC = b"SQLite format 3\x00"
_STALE_AFTER = 600.0  # seconds: a half-made new store older than this was left by a killed process


def stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def free_name(path: Path, label: str) -> Path:
    candidate = path.with_name(f"{path.name}.{label}")
    number = 1
    while candidate.exists() or Path(f"{candidate}-wal").exists():
        candidate = path.with_name(f"{path.name}.{label}-{number}")
        number += 1
    return candidate


def move_aside(path: Path) -> Path:
    """Rename the database and its WAL/SHM companions to `<name>.corrupt-<UTC time>` (kept as a set)."""
    target = free_name(path, f"corrupt-{stamp()}")
    if path.exists():  # (a log without its database is set aside too)
        os.replace(path, target)
    for suffix in COMPANIONS:
        companion = Path(f"{path}{suffix}")
        if companion.exists():
            os.replace(companion, Path(f"{target}{suffix}"))
    return target


def copy_aside(path: Path) -> Path:
    """Copy the database and its write-ahead log to `<name>.corrupt-<UTC time>` (and `-wal`), leaving
    the originals in place: the copy is what SQLite would otherwise discard."""
    target = free_name(path, f"corrupt-{stamp()}")
    try:
        for suffix in ("", "-wal"):
            source = Path(f"{path}{suffix}")
            if source.exists():
                shutil.copyfile(source, f"{target}{suffix}")
                with open(f"{target}{suffix}", "rb+") as handle:
                    os.fsync(handle.fileno())
    except OSError:
        for suffix in ("", "-wal"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        raise
    return target


def looks_like_sqlite(path: Path) -> bool:
    """False for a file that is surely not a SQLite database (a missing one is a new database; an
    empty one is judged by `is_empty`)."""
    if not path.is_file():
        return True
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(MAGIC))
    except OSError as exc:  # let SQLite say what is wrong with it
        log.warning("cannot read the header of %s: %s", path, exc)
        return True
    return not head or head == MAGIC


def is_empty(path: Path) -> bool:
    """An existing file of zero bytes: never left by this program (`create_new` makes a store whole),
    and SQLite deletes the write-ahead log of an empty database, so it is a sign of lost data."""
    try:
        return path.is_file() and path.stat().st_size == 0
    except OSError:
        return False


def create_new(path: Path, build: Callable[[str], None]) -> None:
    """Make a new store at `path` complete or not at all: `build(temporary_path)` makes it beside
    `path` under another name (and closes it), then it is linked into place, so a process killed
    meanwhile leaves no empty or half-made file where the store belongs. If another process made
    one first, theirs is kept. Raises what `build` raises (a read-only folder, a full disk...)."""
    temporary = path.with_name(f".{path.name}.new-{os.getpid()}-{secrets.token_hex(4)}")
    _remove_stale(path)
    try:
        build(str(temporary))
        try:
            os.link(temporary, path)
        except FileExistsError:
            log.info("%s was created by another process meanwhile: using it", path)
        except OSError as exc:  # no hard links on this file system (FAT, some network ones)
            log.warning("cannot link %s into place (%s): renaming it", path, exc)
            if not path.exists():
                os.replace(temporary, path)
    finally:
        for suffix in ("", *COMPANIONS):
            Path(f"{temporary}{suffix}").unlink(missing_ok=True)


def _remove_stale(path: Path) -> None:
    """Half-made new stores of killed processes (empty schemas, no user data)."""
    try:
        for old in path.parent.glob(f".{path.name}.new-*"):
            if time.time() - old.stat().st_mtime > _STALE_AFTER:
                old.unlink(missing_ok=True)
    except OSError as exc:
        log.warning("cannot remove half-made stores beside %s: %s", path, exc)
