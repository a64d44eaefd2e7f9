"""Collections of user files and what is known about each file, in SQLite under the user data folder.

The bundled corpus is the collection "bundled" (not stored here). Each added folder is a collection;
files added one by one form a collection of their own. Per file the registry keeps size, mtime,
content hash, document id and whether it was imported or skipped (and why), so that `scan`
(`viewer.core.library.scan`) can tell new, changed, deleted and renamed files apart without reading
unchanged ones.

The list is user data, opened with `viewer.core.storage.database`'s care: a versioned schema, a
damaged file moved aside with its readable collections salvaged, a newer file refused untouched.
A list that cannot be written (a read-only file or folder, a full disk) does not stop the program:
it is opened read-only, or empty in memory when it cannot be read at all, `notice` says so, and
every change is refused with one line.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from viewer.core.errors import UserError
from viewer.core.library.metadata import MetadataEdit
from viewer.core.library.scan import TRANSIENT, FoundFile, ScanResult, file_hash, hash_file, scan, walk
from viewer.core.paths import user_data_dir
from viewer.core.storage import database, fallback
from viewer.core.storage.database import SalvageTable, StoreBusy, StoreError
from viewer.core.storage.migrations import Step, ddl_step
from viewer.core.storage.spec import refused

log = logging.getLogger(__name__)

BUNDLED = "bundled"

# Version 1: the first schema. Files written before the schema was versioned are version 1 too.
V1_DDL = """
CREATE TABLE IF NOT EXISTS collections (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, paths TEXT NOT NULL,
    added REAL NOT NULL, position INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS files (
    collection TEXT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
    path TEXT NOT NULL, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, sha256 TEXT NOT NULL,
    doc_id TEXT NOT NULL, status TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (collection, path)
);
CREATE INDEX IF NOT EXISTS files_doc ON files (doc_id);
"""


# Version 2: the user's corrections of a document's title, authors (JSON list) and year.
V2_DDL = """
CREATE TABLE IF NOT EXISTS metadata (
    doc_id TEXT PRIMARY KEY, title TEXT, authors TEXT, year INTEGER, edited REAL NOT NULL
);
"""

# (version reached, step). Append new steps; never edit an old one (files in the wild went through it).
MIGRATIONS: tuple[tuple[int, Step], ...] = ((1, ddl_step(V1_DDL)), (2, ddl_step(V2_DDL)))
SCHEMA_VERSION = MIGRATIONS[-1][0]
DB_NAME = "collections.sqlite3"


class RegistryError(StoreError):
    """The collection list cannot be used or changed as it is (the message says what to do)."""


class RegistryBusy(RegistryError, StoreBusy):
    """Another program held the collection list longer than the timeout."""


SPEC = database.StoreSpec(
    name="the collection list",
    folder="the data folder",
    items="collection(s)",
    migrations=MIGRATIONS,
    salvage=(  # parents first
        SalvageTable("collections", counted=True),
        SalvageTable("files"),
        SalvageTable("metadata", since=2, newer="edited"),
    ),
    error=RegistryError,
    busy=RegistryBusy,
    read_only="the collections can be used but not added, refreshed or removed",
    unavailable="the collections are unavailable ({why}): only the bundled corpus can be read",
)


class UnknownCollectionError(UserError):
    def __init__(self, collection_id: str, known: Sequence[str] = ()) -> None:
        hint = f" (known: {', '.join(known)})" if known else " (there are none; add one with `import PATH`)"
        super().__init__(f"unknown collection {collection_id!r}{hint}")


@dataclass(frozen=True)
class Collection:
    id: str
    name: str
    kind: str  # "folder" | "files" | "bundled"
    paths: tuple[Path, ...]  # the folder, or the files added one by one

    @property
    def root(self) -> Path | None:
        return self.paths[0] if self.kind == "folder" else None


@dataclass(frozen=True)
class FileRecord:
    path: str  # relative to the folder (posix) for a folder collection, else absolute
    size: int
    mtime_ns: int
    sha256: str
    doc_id: str
    status: str  # "imported" | "skipped"
    reason: str = ""


class Registry:
    """The collections and their files. Thread-safe; `path` may be ":memory:" for tests.

    `notice` is what the user should be told about opening ("" when nothing happened): a damaged
    file moved aside, or a list that can only be read, or is unavailable (then changes raise).
    Busy past the timeout, or written by a newer version: RegistryError (a UserError).
    """

    def __init__(self, path: Path | str | None = None, *, timeout: float = 10.0) -> None:
        self.path = user_data_dir() / DB_NAME if path is None else path
        self.timeout = timeout
        self._lock = threading.Lock()
        opened = fallback.open_store(SPEC, str(self.path), timeout)
        self._conn = opened.conn
        self.notice = opened.notice or ""
        self._unwritable = opened.unwritable  # why changes are refused; "" when they are not

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction; a failure rolls it back and is one line (read-only, disk full, busy...)."""
        with self._lock:
            if self._unwritable:
                raise refused(SPEC, str(self.path), self._unwritable)
            with database.transaction(SPEC, self._conn, str(self.path), self.timeout):
                yield self._conn

    def _read(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            try:
                return self._conn.execute(sql, tuple(params)).fetchall()
            except sqlite3.DatabaseError as exc:
                error = database.user_error(SPEC, str(self.path), self.timeout, exc)
                if error is exc:
                    raise
                log.warning("reading the collection list failed: %s", exc)
                raise error from None

    def collections(self) -> list[Collection]:
        rows = self._read("SELECT id, name, kind, paths FROM collections ORDER BY position")
        return [Collection(i, n, k, tuple(Path(p) for p in json.loads(ps))) for i, n, k, ps in rows]

    def get(self, collection_id: str) -> Collection:
        for c in self.collections():
            if c.id == collection_id:
                return c
        raise UnknownCollectionError(collection_id, [c.id for c in self.collections()])

    def find_folder(self, folder: Path) -> Collection | None:
        """The collection of an already added folder, so adding it again refreshes it."""
        folder = folder.resolve()
        return next((c for c in self.collections() if c.kind == "folder" and c.paths[0] == folder), None)

    def add(self, kind: str, paths: Sequence[Path], name: str = "") -> Collection:
        paths = tuple(p.resolve() for p in paths)
        name = name or (paths[0].name if kind == "folder" else f"{len(paths)} files")
        taken = {c.id for c in self.collections()} | {BUNDLED}
        base = re.sub(r"[^\w]+", "-", (paths[0].name if kind == "folder" else "files").lower()).strip("-") or "c"
        cid, n = base, 2
        while cid in taken:
            cid, n = f"{base}-{n}", n + 1
        with self._write() as conn:
            position = conn.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM collections").fetchone()[0]
            conn.execute(
                "INSERT INTO collections VALUES (?, ?, ?, ?, ?, ?)",
                (cid, name, kind, json.dumps([str(p) for p in paths]), time.time(), position),
            )
        return Collection(cid, name, kind, paths)

    def remove(self, collection_id: str) -> list[str]:
        """Forget a collection and its files; returns the document ids it held."""
        self.get(collection_id)
        with self._write() as conn:
            ids = [
                r[0]
                for r in conn.execute(
                    "SELECT doc_id FROM files WHERE collection = ? AND status = 'imported'", (collection_id,)
                )
            ]
            conn.execute("DELETE FROM files WHERE collection = ?", (collection_id,))
            conn.execute("DELETE FROM collections WHERE id = ?", (collection_id,))
        return ids

    def files(self, collection_id: str) -> dict[str, FileRecord]:
        rows = self._read(
            "SELECT path, size, mtime_ns, sha256, doc_id, status, reason FROM files WHERE collection = ? ORDER BY path",
            (collection_id,),
        )
        return {r[0]: FileRecord(*r) for r in rows}

    def records_of(self, doc_ids: Iterable[str]) -> list[tuple[str, FileRecord]]:
        """(collection id, record) of the files of these documents (a refresh reads a few, not all)."""
        ids, out = list(doc_ids), list[tuple[str, FileRecord]]()
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            rows = self._read(
                "SELECT collection, path, size, mtime_ns, sha256, doc_id, status, reason FROM files "
                f"WHERE doc_id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            out.extend((r[0], FileRecord(*r[1:])) for r in rows)
        return out

    def doc_ids(self) -> set[str]:
        return {r[0] for r in self._read("SELECT doc_id FROM files WHERE doc_id != ''")}

    def put(self, collection_id: str, record: FileRecord) -> None:
        self.record(collection_id, [record])

    def forget(self, collection_id: str, path: str) -> None:
        self.record(collection_id, forgets=[path])

    def record(self, collection_id: str, puts: Sequence[FileRecord] = (), forgets: Sequence[str] = ()) -> None:
        """Forget `forgets` (paths) and keep `puts`, in that order, in one transaction: all or none
        (an import records its files in batches: one commit, one wait for the disk, per batch)."""
        if not puts and not forgets:
            return
        with self._write() as conn:
            conn.executemany(
                "DELETE FROM files WHERE collection = ? AND path = ?", [(collection_id, p) for p in forgets]
            )
            conn.executemany(
                "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(collection_id, r.path, r.size, r.mtime_ns, r.sha256, r.doc_id, r.status, r.reason) for r in puts],
            )

    # --- the user's corrections of titles, authors and years ---------------------------------------

    def metadata(self) -> dict[str, MetadataEdit]:
        rows = self._read("SELECT doc_id, title, authors, year FROM metadata")
        return {d: MetadataEdit(t, None if a is None else tuple(json.loads(a)), y) for d, t, a, y in rows}

    def set_metadata(self, doc_id: str, edit: MetadataEdit) -> None:
        """Keep the user's details of a document (an empty edit forgets them)."""
        with self._write() as conn:
            if edit.empty:
                conn.execute("DELETE FROM metadata WHERE doc_id = ?", (doc_id,))
                return
            authors = None if edit.authors is None else json.dumps(list(edit.authors), ensure_ascii=False)
            conn.execute(
                "INSERT OR REPLACE INTO metadata VALUES (?, ?, ?, ?, ?)",
                (doc_id, edit.title, authors, edit.year, time.time()),
            )


__all__ = [
    "BUNDLED",
    "SPEC",
    "TRANSIENT",
    "Collection",
    "FileRecord",
    "FoundFile",
    "Registry",
    "RegistryBusy",
    "RegistryError",
    "ScanResult",
    "UnknownCollectionError",
    "file_hash",
    "hash_file",
    "scan",
    "walk",
]
