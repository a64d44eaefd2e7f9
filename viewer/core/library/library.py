"""The Library: the bundled corpus plus the user's collections, imported and kept current incrementally.

The one way documents are loaded. `add` registers folders or files and imports them; `scan` says
cheaply what changed; `refresh` imports only new and changed files and drops deleted ones;
`corpus` gives every document, built ones from the document cache (the bundled corpus too), so
opening is fast. Paths given with `--folder` become temporary collections: imported like any
other (same formats, ids, limits and messages) but remembered only for this run.

Every method blocks: call them from a worker thread, never the UI thread. One Library may be shared
across threads (the registry and cache serialise their own access); imports run one at a time.
Files are read in worker processes (`viewer.core.library.pool`: a time and a memory limit per
file), started at the first import and stopped by `close`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from viewer.core.corpus.manifest import ManifestEntry
from viewer.core.corpus.model import Corpus, Document
from viewer.core.errors import CorpusError, UserError
from viewer.core.library.batch import Batch, build_bundled, rebuild
from viewer.core.library.bundled import bundled_documents
from viewer.core.library.cache import DocumentCache
from viewer.core.library.importers import ImportReport
from viewer.core.library.metadata import MetadataEdit, apply
from viewer.core.library.pool import ReaderPool
from viewer.core.library.registry import BUNDLED, Collection, FileRecord, Registry, ScanResult, scan
from viewer.core.library.scan import shown
from viewer.core.progress import Cancel, Progress

log = logging.getLogger(__name__)


class Library:
    """Registry (user data) + document cache (user cache) + the bundled corpus folder."""

    def __init__(
        self,
        registry: Registry | Path | str | None = None,
        cache: DocumentCache | Path | str | None = None,
        bundled: Path | None = None,
        pool: ReaderPool | None = None,
    ) -> None:
        self.registry = registry if isinstance(registry, Registry) else Registry(registry)
        self.cache = cache if isinstance(cache, DocumentCache) else DocumentCache(cache)
        self.bundled = bundled
        self.temporary = Registry(":memory:")  # --folder paths: collections of this run only
        self.problems: list[tuple[str, str]] = []  # (path, reason) of documents that could not be read now
        self.pool = pool or ReaderPool()
        self._own_pool = pool is None  # a pool given by the caller is the caller's to close
        self._reading = threading.RLock()  # one import (one user of the pool) at a time

    def close(self) -> None:
        if self._own_pool:
            with self._reading:
                self.pool.close()
        self.registry.close()
        self.temporary.close()
        self.cache.close()

    @property
    def notices(self) -> list[str]:
        """What the user should be told about the stores (a salvaged registry, a cache in memory)."""
        return [n for n in (getattr(self.registry, "notice", ""), self.cache.notice) if n]

    def collections(self) -> list[Collection]:
        """The bundled corpus first, then the added collections in the order they were added."""
        return [Collection(BUNDLED, "Bundled corpus", "bundled", ()), *self.registry.collections()]

    def add(
        self, paths: Sequence[Path], progress: Progress | None = None, cancel: Cancel | None = None
    ) -> ImportReport:
        """Add each folder as a collection (an already added folder is refreshed) and the files together
        as one collection, then import them. A missing path is a UserError, raised before any work."""
        paths = [Path(p).expanduser() for p in paths]
        for path in paths:
            if not path.exists():
                raise UserError(f"{path}: no such file or folder")
        targets: list[Collection] = []
        for folder in (p for p in paths if p.is_dir()):
            targets.append(
                self.registry.find_folder(folder)
                or self.registry.add("folder", [folder], name=shown(folder.resolve().name))
            )
        files = [p for p in paths if not p.is_dir()]
        if files:
            targets.append(self.registry.add("files", files))
        return self._refresh_each(targets, progress, cancel)

    def scan(self, collection_id: str) -> ScanResult:
        """What changed on disk since the last import (reads only files that may be renamed ones)."""
        return scan(self.registry.get(collection_id), self.registry)

    def refresh(
        self, collection_id: str | None = None, progress: Progress | None = None, cancel: Cancel | None = None
    ) -> ImportReport:
        """Import the changes of one collection (or all): new, changed, deleted and renamed files."""
        targets = [self.registry.get(collection_id)] if collection_id else self.registry.collections()
        return self._refresh_each(targets, progress, cancel)

    def remove(self, collection_id: str) -> list[str]:
        """Forget a collection; returns its document ids (drop them from the index; bookmarks stay)."""
        if collection_id == BUNDLED:
            raise UserError("the bundled corpus cannot be removed")
        doc_ids = self.registry.remove(collection_id)
        self.cache.delete(doc_ids)
        return doc_ids

    def skipped(self, collection_id: str) -> list[tuple[str, str]]:
        """Every file of the collection that is not imported, with its reason (as of the last refresh)."""
        return [(r.path, r.reason) for r in self.registry.files(collection_id).values() if r.status == "skipped"]

    def documents(
        self, collection_id: str | None = None, progress: Progress | None = None, registry: Registry | None = None
    ) -> list[Document]:
        """The imported documents (of one collection, or all), from the cache; rebuilt from a file when
        the cache lacks them (cleared, or made by another version)."""
        registry = registry or self.registry
        targets = [registry.get(collection_id)] if collection_id else registry.collections()
        out: list[Document] = []
        for collection in targets:
            records = [r for r in registry.files(collection.id).values() if r.status == "imported"]
            if progress:
                progress(0, len(records), collection.name)
            cached = self.cache.get_many({r.doc_id: r.sha256 for r in records})
            found: dict[str, Document | None] = {r.doc_id: cached.get(r.doc_id) for r in records}
            missing = [(collection, r) for r in records if found[r.doc_id] is None]
            if missing:
                with self._reading:
                    found.update(rebuild(self.pool, self.cache, missing, self.problems))
            out.extend(d for d in found.values() if d is not None)
        return self._as_described(out, registry)

    def corpus(self, extra: Sequence[Path] = (), progress: Progress | None = None) -> Corpus:
        """The bundled corpus, every imported document, and the files of `extra` paths (--folder).

        Each extra path is imported as a temporary collection (a folder already added as a
        collection is simply part of the library). An extra file that cannot be imported, or a
        folder with nothing to import, is a UserError; other skipped files are in `Corpus.skipped`.
        """
        self.problems = []
        bundled = bundled_documents(self.bundled, self.cache, progress, build=self._build_bundled)
        report = self._add_temporary(extra, progress)
        documents = [*bundled, *self.documents(progress=progress), *self._temporary_documents()]
        return Corpus(tuple(documents), tuple([*report.skipped, *self.problems]))

    def _build_bundled(self, wanted: Sequence[tuple[ManifestEntry, Path, str]]) -> dict[str, Document]:
        """Bundled texts the cache lacks, built on the readers (this process need not load the language
        models); the readers stop after them, their fork server stays for the import that may follow."""
        with self._reading:
            built = build_bundled(self.pool, self.cache, wanted)
            self.pool.rest()
        return built

    def _add_temporary(self, paths: Sequence[Path], progress: Progress | None) -> ImportReport:
        report = ImportReport()
        for raw in paths:
            path = Path(raw).expanduser()
            if not path.exists():
                raise CorpusError(f"{path}: no such file or folder")
            if path.is_dir() and self.registry.find_folder(path) is not None:
                continue  # already a collection of the library: its documents are there
            kind = "folder" if path.is_dir() else "files"
            collection = self.temporary.find_folder(path) if kind == "folder" else None
            if collection is None:
                name = shown(path.resolve().name) if kind == "folder" else ""
                collection = self.temporary.add(kind, [path], name=name)
            one = self._refresh(collection, progress, None, self.temporary)
            if not one.changed_doc_ids and not one.unchanged and not self._temporary_documents(collection.id):
                reason = one.skipped[0][1] if one.skipped else "holds no files that can be imported"
                where = path if not one.skipped or kind == "folder" else one.skipped[0][0]
                raise CorpusError(f"{where}: {reason}")
            report.merge(one)
        return report

    def _temporary_documents(self, collection_id: str | None = None) -> list[Document]:
        return self.documents(collection_id, registry=self.temporary)

    def updated_corpus(self, corpus: Corpus, report: ImportReport) -> Corpus:
        """`corpus` with a refresh's changes applied: only changed and renamed documents are read again.

        Much cheaper than `corpus()` after a small change (every other document is kept as it is).
        """
        reload = [*report.changed_doc_ids, *report.renamed_doc_ids]
        drop = set(report.removed_doc_ids) | set(reload)
        collections = {c.id: c for c in self.registry.collections()}
        records = {
            r.doc_id: (collections[cid], r)
            for cid, r in self.registry.records_of(drop)
            if r.status == "imported" and cid in collections
        }
        documents = [d for d in corpus.documents if d.id not in drop]
        cached = self.cache.get_many({doc_id: records[doc_id][1].sha256 for doc_id in reload if doc_id in records})
        found: dict[str, Document | None] = {doc_id: cached.get(doc_id) for doc_id in reload if doc_id in records}
        missing = [records[doc_id] for doc_id, document in found.items() if document is None]
        if missing:
            with self._reading:
                found.update(rebuild(self.pool, self.cache, missing, self.problems))
        documents.extend(self._as_described([d for d in found.values() if d is not None], self.registry))
        return Corpus(tuple(documents), corpus.skipped)

    # --- the user's details of documents -----------------------------------------------------------

    def set_metadata(self, doc_id: str, edit: MetadataEdit) -> None:
        """Keep the user's title, authors and year of an imported document (an empty edit: the
        file's own again). The bundled texts and --folder files of one run are not editable."""
        if doc_id not in self.registry.doc_ids():
            raise UserError(f"{doc_id!r} is not an imported document: only those can be described anew")
        self.registry.set_metadata(doc_id, edit)

    def _as_described(self, documents: list[Document], registry: Registry) -> list[Document]:
        if registry is not self.registry or not documents:
            return documents
        edits = self.registry.metadata()
        return [apply(d, edits[d.id]) if d.id in edits else d for d in documents]

    # --- the work --------------------------------------------------------------------------------

    def _refresh_each(
        self, targets: Sequence[Collection], progress: Progress | None, cancel: Cancel | None
    ) -> ImportReport:
        report = ImportReport()
        for collection in targets:
            if cancel and cancel():
                report.cancelled = True
                break
            report.merge(self._refresh(collection, progress, cancel))
        return report

    def _refresh(
        self, collection: Collection, progress: Progress | None, cancel: Cancel | None, registry: Registry | None = None
    ) -> ImportReport:
        t0 = time.perf_counter()
        registry = registry or self.registry
        report = ImportReport(collections=[collection.id])
        result = scan(collection, registry)
        report.skipped.extend(result.problems)
        report.left_out.extend(result.left_out)
        report.unchanged = result.unchanged
        renamed = [
            FileRecord(found.key, found.size, found.mtime_ns, record.sha256, record.doc_id, "imported")
            for record, found in result.renamed
        ]  # one transaction for the renames, one for the deletions
        registry.record(collection.id, renamed, forgets=[record.path for record, _found in result.renamed])
        for record, found in result.renamed:
            self.cache.rename(record.doc_id, found.path)
            report.renamed.append((record.path, found.key))
            report.renamed_doc_ids.append(record.doc_id)
        registry.record(collection.id, forgets=[record.path for record in result.deleted])
        gone = [record for record in result.deleted if record.status == "imported"]
        self.cache.delete([record.doc_id for record in gone])
        report.removed.extend(record.path for record in gone)
        report.removed_doc_ids.extend(record.doc_id for record in gone)
        known = registry.files(collection.id) if result.renamed or result.deleted else result.known
        taken = self.registry.doc_ids() | self.temporary.doc_ids()
        work = sorted(result.new + result.changed + result.retry, key=lambda found: found.key)
        with self._reading:
            Batch(self.pool, self.cache, registry, collection, taken).run(work, known, report, progress, cancel)
        if progress:
            progress(len(work), len(work), f"imported {len(work)} files from {collection.name}")
        report.seconds = time.perf_counter() - t0
        return report


__all__ = ["Library"]
