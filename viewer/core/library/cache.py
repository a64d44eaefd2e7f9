"""Built documents of imported files, cached in SQLite so that opening the app does not re-segment
and re-label every file (language identification costs seconds per megabyte).

A cache entry is keyed by document id and valid only for the file content (SHA-256) and the builder
version it was made from; anything else is rebuilt from the file. Like the index, it is a cache:
deleting it loses nothing.
"""

from __future__ import annotations

import functools
import gc
import importlib
import logging
import sqlite3
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path

from viewer import __version__
from viewer.core.corpus.model import Document
from viewer.core.library.entry import from_blob, to_blob, with_path
from viewer.core.paths import code_digest, user_cache_dir

log = logging.getLogger(__name__)

# An entry's format is `viewer.core.library.entry` (ASCII JSON keeps file names that are not valid
# UTF-8: their surrogate escapes round-trip).
# Bump when what a file turns into changes in a way the code digest below cannot see.
BUILDER_EPOCH = "2"
# The code and models a built document depends on: any change to them invalidates the cache.
_BUILDER_PACKAGES = ("viewer.core.corpus", "viewer.core.language", "viewer.core.align", "viewer.core.library")
_BUILDER_RESOURCES = (("langid", "nbnn_ngrams.tsv.gz"), ("lexicon", "en-no.tsv"))


@functools.cache
def builder_version() -> str:
    """What a cached document was built with: the program version, and a digest of the parsing,
    labelling and import code and of the language models (so an edited parser or a retrained
    model never serves stale documents, without anyone remembering to bump a number).

    The digest is over each file's name, size and modification time (`viewer.core.paths.code_digest`).
    """
    files: list[Path] = []
    for name in _BUILDER_PACKAGES:
        package = importlib.import_module(name)
        files.extend(sorted(Path(package.__file__ or "").parent.rglob("*.py")))
    digest = code_digest(f"{__version__}\0{BUILDER_EPOCH}", files, _BUILDER_RESOURCES, "builder digest")
    return f"{__version__}/{digest[:16]}"


_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    builder TEXT NOT NULL,
    data BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS derived (
    key TEXT PRIMARY KEY,
    builder TEXT NOT NULL,
    data BLOB NOT NULL
);
"""


def default_path() -> Path:
    return user_cache_dir() / "documents.sqlite3"


class DocumentCache:
    """doc id -> built Document, for a given file content. Thread-safe (one connection, one lock).

    It is only a cache: when its file cannot be opened or written (a read-only folder, a full
    disk, a damaged file that cannot be replaced) it carries on in memory for this run, says so
    once in `notice`, and the next run tries the file again.
    """

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = default_path() if path is None else path
        self.notice = ""
        self._lock = threading.Lock()
        self._conn = self._connect()

    def _connect(self) -> sqlite3.Connection:
        if str(self.path) == ":memory:":
            return self._memory()
        try:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            return self._open_file()
        except sqlite3.DatabaseError as exc:
            if "malformed" not in str(exc) and "not a database" not in str(exc):
                return self._fall_back(exc)
            log.warning("document cache %s is damaged (%s); starting it anew", self.path, exc)
            try:  # everything in it can be rebuilt from the files
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)
                return self._open_file()
            except (OSError, sqlite3.Error) as again:
                return self._fall_back(again)
        except OSError as exc:
            return self._fall_back(exc)

    def _open_file(self) -> sqlite3.Connection:
        conn = sqlite3.connect(str(self.path), check_same_thread=False, timeout=10)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            # A cache: a commit need not wait for the disk (WAL stays consistent; a power cut can only
            # lose the last entries, which are rebuilt from their files). An import commits per file.
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.executescript(_SCHEMA)
        except BaseException:
            conn.close()
            raise
        return conn

    def _memory(self) -> sqlite3.Connection:
        conn = sqlite3.connect(":memory:", check_same_thread=False)
        conn.executescript(_SCHEMA)
        return conn

    def _fall_back(self, exc: BaseException) -> sqlite3.Connection:
        log.warning("document cache %s unusable (%s); keeping it in memory for this run", self.path, exc)
        reason = getattr(exc, "strerror", None) or str(exc)
        self.notice = (
            f"the document cache at {self.path} cannot be used ({reason}); documents are kept in "
            "memory for this run, so opening may be slower"
        )
        return self._memory()

    def _write(self, sql: str, rows: list[tuple[object, ...]]) -> None:
        """Write, or on a full or read-only disk switch to memory (the cache is never worth a failure)."""
        with self._lock:
            try:
                with self._conn:
                    self._conn.executemany(sql, rows)
                return
            except (sqlite3.OperationalError, sqlite3.DatabaseError, OSError) as exc:
                old, self._conn = self._conn, self._fall_back(exc)
                old.close()
            with self._conn:
                self._conn.executemany(sql, rows)

    def get(self, doc_id: str, sha256: str) -> Document | None:
        return self.get_many({doc_id: sha256}).get(doc_id)

    def get_many(self, wanted: Mapping[str, str]) -> dict[str, Document]:
        """The cached documents of `wanted` (doc id -> file hash) that are there and current, read in
        a few queries (a library opens thousands); the rest are left out, to be built again."""
        ids = list(wanted)
        rows: list[tuple[str, str, str, bytes]] = []
        for i in range(0, len(ids), 500):  # under SQLite's limit of bound parameters
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            try:
                with self._lock:
                    rows += self._conn.execute(
                        f"SELECT doc_id, sha256, builder, data FROM documents WHERE doc_id IN ({marks})", chunk
                    ).fetchall()
            except sqlite3.DatabaseError as exc:  # unreadable: the documents are built again
                log.warning("document cache read failed for %d documents: %s", len(chunk), exc)
        builder = builder_version()
        found: dict[str, Document] = {}
        collecting = gc.isenabled()
        gc.disable()  # thousands of small objects that all live on: the collector's passes over them are waste
        try:
            for doc_id, sha, made_by, data in rows:
                if sha != wanted[doc_id] or made_by != builder:
                    continue
                try:
                    found[doc_id] = from_blob(data)
                except (ValueError, KeyError, TypeError) as exc:  # an EntryError: rebuilt from the file
                    log.warning("cached document %s unreadable (%s); rebuilding it", doc_id, exc)
        finally:
            if collecting:
                gc.enable()
        return found

    def put(self, document: Document, sha256: str) -> None:
        self.put_blob(document.id, sha256, to_blob(document))

    def put_blob(self, doc_id: str, sha256: str, blob: bytes) -> None:
        """`put` of a document already made into its entry (`to_blob`, e.g. by a reader process)."""
        self._write("INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?)", [(doc_id, sha256, builder_version(), blob)])

    def rename(self, doc_id: str, new_path: Path) -> None:
        """Point a cached document at its file's new path (a renamed file keeps its document id)."""
        try:
            with self._lock:
                row = self._conn.execute("SELECT sha256, data FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        except sqlite3.DatabaseError as exc:
            log.warning("document cache read failed for %s: %s", doc_id, exc)
            return
        if row is None:
            return
        try:
            blob = with_path(row[1], new_path)
        except ValueError as exc:  # an EntryError: the document is built again when needed
            log.warning("cached document %s unreadable (%s); dropping it", doc_id, exc)
            self.delete([doc_id])
            return
        self._write("UPDATE documents SET data = ? WHERE doc_id = ?", [(blob, doc_id)])

    # --- what is derived from documents (their automatic alignments), by a key naming its inputs ---

    def derived(self, key: str) -> bytes | None:
        """The stored result for `key`, None when missing or made by other code (then made again)."""
        try:
            with self._lock:
                row = self._conn.execute("SELECT builder, data FROM derived WHERE key = ?", (key,)).fetchone()
        except sqlite3.DatabaseError as exc:
            log.warning("document cache read failed for %s: %s", key[:40], exc)
            return None
        return row[1] if row is not None and row[0] == builder_version() else None

    def keep_derived(self, key: str, data: bytes) -> None:
        self._write("INSERT OR REPLACE INTO derived VALUES (?, ?, ?)", [(key, builder_version(), data)])

    def delete(self, doc_ids: Iterable[str]) -> None:
        self._write("DELETE FROM documents WHERE doc_id = ?", [(d,) for d in doc_ids])

    def close(self) -> None:
        with self._lock:
            self._conn.close()


__all__ = ["DocumentCache", "builder_version", "default_path", "from_blob", "to_blob"]
