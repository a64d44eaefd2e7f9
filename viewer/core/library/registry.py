"""Collections of user files and what is known about each file, in SQLite under the user data folder.

The bundled corpus is the collection "bundled" (not stored here). Each added folder is a collection;
files added one by one form a collection of their own. Per file the registry keeps size, mtime,
content hash, document id and whether it was imported or skipped (and why), so that `scan` can
tell new, changed, deleted and renamed files apart without reading unchanged ones.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import stat
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from viewer.core.errors import UserError
from viewer.core.paths import user_data_dir

BUNDLED = "bundled"
SCHEMA_VERSION = 1
_SCHEMA = """
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


@dataclass(frozen=True)
class FoundFile:
    key: str  # the FileRecord.path it would have
    path: Path
    size: int
    mtime_ns: int


@dataclass
class ScanResult:
    """What changed in a collection since its last import; nothing has been read or built yet."""

    collection: str
    new: list[FoundFile] = field(default_factory=list)
    changed: list[FoundFile] = field(default_factory=list)  # size or mtime differ (content may not)
    deleted: list[FileRecord] = field(default_factory=list)
    renamed: list[tuple[FileRecord, FoundFile]] = field(default_factory=list)  # same content, new path
    unchanged: int = 0
    retry: list[FoundFile] = field(default_factory=list)  # skipped last time for a reason that may pass
    problems: list[tuple[str, str]] = field(default_factory=list)  # folders/links that could not be walked

    @property
    def has_changes(self) -> bool:
        return bool(self.new or self.changed or self.deleted or self.renamed or self.retry)


# Reasons that may go away without the file changing (fixed permissions, a finished write).
TRANSIENT = ("permission denied", "changed while being read", "deleted while being read", "cannot be read")


class Registry:
    """The collections and their files. Thread-safe; `path` may be ":memory:" for tests."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = user_data_dir() / "collections.sqlite3" if path is None else path
        if str(self.path) != ":memory:":
            try:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise UserError(f"the data folder {Path(self.path).parent} cannot be used "
                                f"({exc.strerror or exc})") from None
        try:
            self._conn = sqlite3.connect(str(self.path), check_same_thread=False, timeout=10)
            self._conn.execute("PRAGMA foreign_keys=ON")
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.executescript(_SCHEMA)
            self._conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        except sqlite3.DatabaseError as exc:
            raise UserError(f"the collection list at {self.path} cannot be read ({exc})") from None
        self._lock = threading.Lock()

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def collections(self) -> list[Collection]:
        with self._lock:
            rows = self._conn.execute("SELECT id, name, kind, paths FROM collections ORDER BY position").fetchall()
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
        with self._lock, self._conn:
            position = self._conn.execute("SELECT COALESCE(MAX(position), 0) + 1 FROM collections").fetchone()[0]
            self._conn.execute("INSERT INTO collections VALUES (?, ?, ?, ?, ?, ?)",
                               (cid, name, kind, json.dumps([str(p) for p in paths]), time.time(), position))
        return Collection(cid, name, kind, paths)

    def remove(self, collection_id: str) -> list[str]:
        """Forget a collection and its files; returns the document ids it held."""
        self.get(collection_id)
        with self._lock, self._conn:
            ids = [r[0] for r in self._conn.execute(
                "SELECT doc_id FROM files WHERE collection = ? AND status = 'imported'", (collection_id,))]
            self._conn.execute("DELETE FROM files WHERE collection = ?", (collection_id,))
            self._conn.execute("DELETE FROM collections WHERE id = ?", (collection_id,))
        return ids

    def files(self, collection_id: str) -> dict[str, FileRecord]:
        with self._lock:
            rows = self._conn.execute("SELECT path, size, mtime_ns, sha256, doc_id, status, reason FROM files "
                                      "WHERE collection = ? ORDER BY path", (collection_id,)).fetchall()
        return {r[0]: FileRecord(*r) for r in rows}

    def doc_ids(self) -> set[str]:
        with self._lock:
            return {r[0] for r in self._conn.execute("SELECT doc_id FROM files WHERE doc_id != ''")}

    def put(self, collection_id: str, record: FileRecord) -> None:
        with self._lock, self._conn:
            self._conn.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                               (collection_id, record.path, record.size, record.mtime_ns, record.sha256,
                                record.doc_id, record.status, record.reason))

    def forget(self, collection_id: str, path: str) -> None:
        with self._lock, self._conn:
            self._conn.execute("DELETE FROM files WHERE collection = ? AND path = ?", (collection_id, path))


def walk(collection: Collection) -> tuple[list[FoundFile], list[tuple[str, str]]]:
    """The collection's files now, and the folders or links that could not be followed (with why).

    Hidden files and folders (a leading dot) are left out. Symbolic links are followed, but a folder
    reached a second time (a link loop, or two links to one folder) is not walked again.
    """
    found: list[FoundFile] = []
    problems: list[tuple[str, str]] = []
    if collection.kind != "folder":
        for path in collection.paths:
            info = _stat(path, problems)
            if info is not None:
                found.append(FoundFile(str(path), path, info.st_size, info.st_mtime_ns))
        return found, problems
    root = collection.paths[0]
    try:
        top = os.stat(root)
    except OSError as exc:
        return [], [(str(root), f"the folder cannot be read ({exc.strerror or exc})")]
    seen = {(top.st_dev, top.st_ino)}
    for path, info in _walk_dir(root, seen, problems):
        found.append(FoundFile(path.relative_to(root).as_posix(), path, info.st_size, info.st_mtime_ns))
    return found, problems


def _walk_dir(folder: Path, seen: set[tuple[int, int]],
              problems: list[tuple[str, str]]) -> Iterator[tuple[Path, os.stat_result]]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except PermissionError:
        problems.append((str(folder), "permission denied (folder)"))
        return
    except OSError as exc:
        problems.append((str(folder), f"the folder cannot be read ({exc.strerror or exc})"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        info = _stat(path, problems)
        if info is None:
            continue
        if stat.S_ISDIR(info.st_mode):
            ident = (info.st_dev, info.st_ino)
            if ident in seen:
                problems.append((str(path), "symbolic link loop or second link to a folder (not followed)"))
                continue
            seen.add(ident)
            yield from _walk_dir(path, seen, problems)
        elif stat.S_ISREG(info.st_mode):
            yield path, info
        # sockets, pipes and devices are not files to import: left out silently


def _stat(path: Path, problems: list[tuple[str, str]]) -> os.stat_result | None:
    try:
        return os.stat(path)  # follows links
    except FileNotFoundError:
        problems.append((str(path), "broken symbolic link" if path.is_symlink() else "no such file"))
    except OSError as exc:
        problems.append((str(path), f"cannot be read ({exc.strerror or exc})"))
    return None


def scan(collection: Collection, registry: Registry) -> ScanResult:
    """Compare the collection's files with the registry: size and mtime first (the hash comes at import)."""
    result = ScanResult(collection.id)
    known = registry.files(collection.id)
    root = collection.root
    if root is not None and not root.is_dir():
        # An unplugged drive or an unmounted share must not empty the collection: keep its documents.
        result.problems = [(str(root), "the folder is missing (its documents are kept until it returns "
                                       "or the collection is removed)")]
        result.unchanged = len(known)
        return result
    found, result.problems = walk(collection)
    present = set()
    for f in found:
        present.add(f.key)
        record = known.get(f.key)
        if record is None:
            result.new.append(f)
        elif (record.size, record.mtime_ns) != (f.size, f.mtime_ns):
            result.changed.append(f)
        elif record.status == "skipped" and record.reason.startswith(TRANSIENT):
            result.retry.append(f)
        else:
            result.unchanged += 1
    result.deleted = [r for key, r in known.items() if key not in present]
    _find_renames(result)
    return result


def _find_renames(result: ScanResult) -> None:
    """Pair new files with deleted ones of the same size and content (hashing only those candidates)."""
    by_size: dict[int, list[FileRecord]] = {}
    for record in result.deleted:
        if record.status == "imported":
            by_size.setdefault(record.size, []).append(record)
    for f in list(result.new):
        candidates = by_size.get(f.size)
        if not candidates:
            continue
        digest = hash_file(f.path)
        match = next((r for r in candidates if r.sha256 == digest), None)
        if match is not None:
            candidates.remove(match)
            result.deleted.remove(match)
            result.new.remove(f)
            result.renamed.append((match, f))


def hash_file(path: Path, chunk: int = 1 << 20) -> str:
    """SHA-256 of a file read in chunks (bounded memory); "" when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            while block := handle.read(chunk):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


__all__ = ["BUNDLED", "Collection", "FileRecord", "FoundFile", "Registry", "ScanResult", "UnknownCollectionError",
           "file_hash", "hash_file", "scan", "walk"]
