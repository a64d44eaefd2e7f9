"""One collection's new and changed files imported through the reader pool, in a fixed order.

The parent reads each file (once: the hash and the text agree), decides what needs no reading
(an unsupported type, a file touched but not changed), assigns the document id in sorted order,
and hands the bytes to a worker; results are recorded as they come back, and the report lists
them in sorted order whichever worker finished first. Every failure is one skipped file with its
reason, never an exception (a bug is logged and reported with the file).

Outcomes are recorded in the registry in batches (every FLUSH_FILES files or FLUSH_SECONDS, and
when the run ends, however it ends), each batch one transaction: what is recorded is consistent
(a file's cache entry is written before its record), and a crash loses at most the batch not yet
recorded, whose files the next refresh finds new or changed and reads again.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from viewer.core.corpus.manifest import ManifestEntry
from viewer.core.corpus.model import Document
from viewer.core.errors import CorpusError, UserError
from viewer.core.library.cache import DocumentCache
from viewer.core.library.importers import SUPPORTED_SUFFIXES, ImportReport, Unusable, document_id, read_stable
from viewer.core.library.pool import Outcome, ReaderPool, Task
from viewer.core.library.registry import BUNDLED, Collection, FileRecord, Registry
from viewer.core.library.scan import FoundFile, file_hash, real_path, shown
from viewer.core.progress import Cancel, Progress

log = logging.getLogger(__name__)

FLUSH_FILES = 200  # records per registry transaction during an import, at most
FLUSH_SECONDS = 1.0  # and at most this long between two


@dataclass
class _File:
    found: FoundFile
    old: FileRecord | None
    report: ImportReport = field(default_factory=ImportReport)  # this file's part of the report
    doc_id: str = ""
    sha: str = ""
    size: int = 0
    mtime_ns: int = 0


@dataclass
class Batch:
    """The files of one refresh of `collection` still to read, and where their results go."""

    pool: ReaderPool
    cache: DocumentCache
    registry: Registry
    collection: Collection
    taken: set[str]  # document ids in use (new ones are added as they are assigned)
    _pending: list[FileRecord] = field(default_factory=list, init=False)  # outcomes not yet recorded
    _since: float = field(default_factory=time.monotonic, init=False)  # when the last batch was recorded

    def run(
        self,
        work: list[FoundFile],
        known: dict[str, FileRecord],
        report: ImportReport,
        progress: Progress | None,
        cancel: Cancel | None,
    ) -> None:
        """Import `work` (sorted by key); the report gets each file's outcome in that order."""
        files = [_File(found, known.get(found.key)) for found in work]

        def jobs() -> Iterator[tuple[_File, Callable[[], Task | None]]]:
            for i, item in enumerate(files):

                def prepare(i: int = i, item: _File = item) -> Task | None:
                    if progress:
                        progress(i, len(files), f"importing {item.found.key}")
                    return self._prepare(item)

                yield item, prepare

        try:
            cancelled = self.pool.run(jobs(), self._done, cancel)
        except BaseException:
            with contextlib.suppress(UserError):  # keep what was done; the first error is the one raised
                self.flush()
            raise
        self.flush()
        report.cancelled = cancelled or report.cancelled
        for item in files:
            report.merge(item.report)

    def _prepare(self, item: _File) -> Task | None:
        """Read the file here; None when it is settled without a worker (skipped, unchanged)."""
        found, old = item.found, item.old
        item.doc_id = old.doc_id if old is not None and old.doc_id else ""
        try:
            if found.path.suffix.lower() not in SUPPORTED_SUFFIXES:  # decided without reading the file
                raise Unusable(f"unsupported file type ({found.path.suffix.lower() or 'no extension'})")
            data, info = read_stable(found.path)
        except UserError as exc:
            self._skip(item, str(exc))
            return None
        item.report.bytes_read += len(data)
        item.sha, item.size, item.mtime_ns = file_hash(data), info.st_size, info.st_mtime_ns
        if old is not None and old.status == "imported" and old.sha256 == item.sha:
            # Touched but not changed: remember the new mtime, keep the document.
            self._record(FileRecord(found.key, item.size, item.mtime_ns, item.sha, item.doc_id, "imported"))
            item.report.unchanged += 1
            return None
        if not item.doc_id:
            item.doc_id = document_id(self.collection.id, found.key, self.taken)
            self.taken.add(item.doc_id)
        return Task(item.doc_id, data, found.path, self.collection.id, keep=False)

    def _done(self, item: _File, outcome: Outcome) -> None:
        found, old = item.found, item.old
        item.report.file_seconds[shown(found.path)] = outcome.seconds
        if not outcome.built:
            reason = outcome.reason
            if outcome.bug:
                log.error("importing %s failed: %s", shown(found.path), reason)
                reason = f"could not be imported ({reason.splitlines()[0]}; a bug, logged)"
            self._skip(item, reason)
            return
        self.cache.put_blob(item.doc_id, item.sha, outcome.blob)  # before its record (see the module note)
        for key, data in outcome.derived:
            self.cache.keep_derived(key, data)
        self._record(FileRecord(found.key, item.size, item.mtime_ns, item.sha, item.doc_id, "imported"))
        (item.report.imported if old is None or old.status != "imported" else item.report.updated).append(
            shown(found.path)
        )
        item.report.changed_doc_ids.append(item.doc_id)
        item.report.warnings.extend(outcome.warnings)

    def _skip(self, item: _File, reason: str) -> None:
        found, old = item.found, item.old
        if old is not None and old.status == "imported":  # it was searchable; now it is not
            self.cache.delete([old.doc_id])
            item.report.removed_doc_ids.append(old.doc_id)
        self._record(FileRecord(found.key, found.size, found.mtime_ns, item.sha, item.doc_id, "skipped", reason))
        item.report.skipped.append((shown(found.path), reason))

    def _record(self, record: FileRecord) -> None:
        self._pending.append(record)
        if len(self._pending) >= FLUSH_FILES or time.monotonic() - self._since >= FLUSH_SECONDS:
            self.flush()

    def flush(self) -> None:
        """Record the outcomes not yet recorded, in one transaction."""
        pending, self._pending = self._pending, []
        self._since = time.monotonic()
        self.registry.record(self.collection.id, pending)


def rebuild(
    pool: ReaderPool,
    cache: DocumentCache,
    items: Sequence[tuple[Collection, FileRecord]],
    problems: list[tuple[str, str]],
) -> dict[str, Document]:
    """Cached documents built again from their files (the cache was cleared, or made by another
    version), on all the readers: doc id -> Document. A file changed since is left out (the next
    refresh imports it); one that cannot be read now is left out and listed in `problems`."""
    built: dict[str, Document] = {}
    names: dict[str, str] = {}
    hashes = {record.doc_id: record.sha256 for _collection, record in items}

    def jobs() -> Iterator[tuple[str, Callable[[], Task | None]]]:
        for collection, record in items:

            def prepare(collection: Collection = collection, record: FileRecord = record) -> Task | None:
                path = real_path(collection.root, record.path)
                names[record.doc_id] = name = shown(path)
                try:
                    data, _info = read_stable(path)
                except UserError as exc:  # unreadable now: the next refresh reports why
                    log.warning("%s could not be read again: %s", name, exc)
                    problems.append((name, f"could not be read again ({exc}); refresh the collection"))
                    return None
                if file_hash(data) != record.sha256:
                    return None
                return Task(record.doc_id, data, path, collection.id)

            yield record.doc_id, prepare

    def done(doc_id: str, outcome: Outcome) -> None:
        name = names[doc_id]
        if outcome.document is not None:
            cache.put_blob(doc_id, hashes[doc_id], outcome.blob)
            for key, data in outcome.derived:
                cache.keep_derived(key, data)
            built[doc_id] = outcome.document
        elif outcome.bug:
            log.error("rebuilding %s failed: %s", name, outcome.reason)
            problems.append((name, f"could not be rebuilt ({outcome.reason.splitlines()[0]}; a bug, logged)"))
        else:
            log.warning("%s could not be read again: %s", name, outcome.reason)
            problems.append((name, f"could not be read again ({outcome.reason}); refresh the collection"))

    pool.run(jobs(), done)
    return built


def build_bundled(
    pool: ReaderPool, cache: DocumentCache, wanted: Sequence[tuple[ManifestEntry, Path, str]]
) -> dict[str, Document]:
    """The bundled texts the cache lacks ((entry, path, cache key) each), built on the readers and
    kept in the cache: doc id -> Document. One that cannot be built is a CorpusError, as when it
    was built in this process (this process then never loads the language models for them)."""
    built: dict[str, Document] = {}
    problems: list[str] = []
    keys = {entry.id: (path, key) for entry, path, key in wanted}

    def jobs() -> Iterator[tuple[str, Callable[[], Task | None]]]:
        for entry, path, _key in wanted:

            def prepare(entry: ManifestEntry = entry, path: Path = path) -> Task:
                return Task(entry.id, b"", path, BUNDLED, entry=entry)

            yield entry.id, prepare

    def done(doc_id: str, outcome: Outcome) -> None:
        if outcome.document is None:
            if outcome.bug:
                log.error("building the bundled text %s failed: %s", doc_id, outcome.reason)
            first = outcome.reason.splitlines()[0] if outcome.reason else "not built"
            problems.append(f"{keys[doc_id][0]}: could not be built ({first}; a bug, logged)" if outcome.bug else first)
            return
        cache.put_blob(doc_id, keys[doc_id][1], outcome.blob)
        for key, data in outcome.derived:
            cache.keep_derived(key, data)
        built[doc_id] = outcome.document

    pool.run(jobs(), done)
    if problems:
        raise CorpusError(problems[0])
    return built


__all__ = ["Batch", "build_bundled", "rebuild"]
