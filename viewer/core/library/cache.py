"""Built documents of imported files, cached in SQLite so that opening the app does not re-segment
and re-label every file (language identification costs seconds per megabyte).

A cache entry is keyed by document id and valid only for the file content (SHA-256) and the builder
version it was made from; anything else is rebuilt from the file. Like the index, it is a cache:
deleting it loses nothing.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import json
import logging
import sqlite3
import threading
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from viewer import __version__
from viewer.core.corpus.model import Document, DocumentMeta, Passage, PassageKind, Sentence
from viewer.core.errors import UserError
from viewer.core.language.labels import Lang
from viewer.core.paths import resource, user_cache_dir

log = logging.getLogger(__name__)

# (ensure_ascii JSON keeps file names that are not valid UTF-8: their surrogate escapes round-trip.)
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

    The digest is over each file's name, size and modification time (a stat, not a read: this runs
    at every start-up); an edit changes at least the time.
    """
    digest = hashlib.sha256(f"{__version__}\0{BUILDER_EPOCH}".encode())
    files: list[Path] = []
    for name in _BUILDER_PACKAGES:
        package = importlib.import_module(name)
        files.extend(sorted(Path(package.__file__ or "").parent.rglob("*.py")))
    for parts in _BUILDER_RESOURCES:
        try:
            files.append(Path(str(resource(*parts))))
        except UserError as exc:  # a missing model fails later, where it is loaded
            log.warning("builder digest: %s missing (%s)", "/".join(parts), exc)
    for path in files:
        try:
            info = path.stat()
        except OSError as exc:
            log.warning("builder digest: %s unreadable (%s)", path, exc)
            continue
        digest.update(f"{path.name}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return f"{__version__}/{digest.hexdigest()[:16]}"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    builder TEXT NOT NULL,
    data BLOB NOT NULL
);
"""


def default_path() -> Path:
    return user_cache_dir() / "documents.sqlite3"


def to_blob(document: Document) -> bytes:
    """A document as compressed JSON; passage and sentence ids are re-derived when read."""
    m = document.meta
    record = {
        "id": document.id, "text": document.text, "path": str(document.path) if document.path else None,
        "collection": document.collection, "warnings": list(document.warnings),
        "meta": [m.title, m.kind, list(m.authors), m.year, m.provenance, m.licence, list(m.languages), m.extra],
        "passages": [[p.index, p.start, p.end, p.kind.value, p.lang.value, p.confidence, p.group, p.low_value,
                      p.label, [list(g) for g in p.glosses],
                      [[s.start, s.end, s.lang.value, s.confidence] for s in p.sentences]]
                     for p in document.passages],
    }
    return zlib.compress(json.dumps(record, default=str).encode("utf-8"), 1)


def from_blob(blob: bytes) -> Document:
    record: dict[str, Any] = json.loads(zlib.decompress(blob).decode("utf-8"))
    doc_id, text = record["id"], record["text"]
    title, kind, authors, year, provenance, licence, languages, extra = record["meta"]
    passages = []
    for index, start, end, pkind, lang, conf, group, low, label, glosses, sentences in record["passages"]:
        pid = f"{doc_id}:{index:03d}"
        passages.append(Passage(
            id=pid, doc_id=doc_id, index=index, start=start, end=end, text=text[start:end],
            kind=PassageKind(pkind), lang=Lang(lang), confidence=conf,
            sentences=tuple(Sentence(f"{pid}.{j}", s, e, Lang(sl), sc) for j, (s, e, sl, sc) in enumerate(sentences)),
            group=group, low_value=low, label=label, glosses=tuple((a, b) for a, b in glosses)))
    meta = DocumentMeta(title, kind, tuple(authors), year, provenance, licence, tuple(languages), extra)
    path = Path(record["path"]) if record["path"] else None
    return Document(doc_id, text, meta, tuple(passages), path, record["collection"], tuple(record["warnings"]))


class DocumentCache:
    """doc id -> built Document, for a given file content. Thread-safe (one connection, one lock)."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = default_path() if path is None else path
        self.notice = ""
        if str(self.path) != ":memory:":
            try:
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:  # the cache is only a cache: keep it in memory for this run
                log.warning("document cache folder unusable: %s", exc)
                self.notice = f"the cache folder {Path(self.path).parent} cannot be used ({exc.strerror or exc})"
                self.path = ":memory:"
        self._lock = threading.Lock()
        self._conn = self._connect()

    def _connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(str(self.path), check_same_thread=False, timeout=10)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            log.warning("document cache %s is damaged (%s); starting it anew", self.path, exc)
            # A damaged cache is thrown away: everything in it can be rebuilt from the files.
            Path(self.path).unlink(missing_ok=True)
            conn = sqlite3.connect(str(self.path), check_same_thread=False, timeout=10)
            conn.executescript(_SCHEMA)
        return conn

    def get(self, doc_id: str, sha256: str) -> Document | None:
        with self._lock:
            row = self._conn.execute("SELECT sha256, builder, data FROM documents WHERE doc_id = ?",
                                     (doc_id,)).fetchone()
        if row is None or row[0] != sha256 or row[1] != builder_version():
            return None
        try:
            return from_blob(row[2])
        except (ValueError, KeyError, TypeError, zlib.error) as exc:  # unreadable entry: rebuilt from the file
            log.warning("cached document %s unreadable (%s); rebuilding it", doc_id, exc)
            return None

    def put(self, document: Document, sha256: str) -> None:
        blob = to_blob(document)
        with self._lock, self._conn:
            self._conn.execute("INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?)",
                               (document.id, sha256, builder_version(), blob))

    def rename(self, doc_id: str, new_path: Path) -> None:
        """Point a cached document at its file's new path (a renamed file keeps its document id)."""
        with self._lock:
            row = self._conn.execute("SELECT sha256, data FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        if row is None:
            return
        record = json.loads(zlib.decompress(row[1]).decode("utf-8"))
        record["path"] = str(new_path)
        blob = zlib.compress(json.dumps(record).encode("utf-8"), 1)
        with self._lock, self._conn:
            self._conn.execute("UPDATE documents SET data = ? WHERE doc_id = ?", (blob, doc_id))

    def delete(self, doc_ids: Iterable[str]) -> None:
        with self._lock, self._conn:
            self._conn.executemany("DELETE FROM documents WHERE doc_id = ?", [(d,) for d in doc_ids])

    def close(self) -> None:
        with self._lock:
            self._conn.close()
