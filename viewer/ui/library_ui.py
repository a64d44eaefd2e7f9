"""Bring your own texts: add folders and files, watch them, remove collections, see what was skipped.

The workspace does the work (in workers, one job at a time) and keeps its corpus and index up to
date; this module says when the corpus changed; its dialogs (the import report, the collections)
are in `viewer.ui.library_dialogs`. An import or a refresh can be stopped (`cancel`): what was
imported stays, the rest is simply not there yet.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QFileSystemWatcher, QObject, QTimer, Signal

from viewer.core.library.importers import ImportReport
from viewer.core.progress import Progress
from viewer.ui.library_dialogs import CollectionsDialog, ImportReportDialog
from viewer.ui.workers import JobPool

__all__ = ["CollectionsDialog", "ImportReportDialog", "LibraryController"]

if TYPE_CHECKING:
    from viewer.core.library.metadata import MetadataEdit
    from viewer.core.library.registry import Collection
    from viewer.core.pairs.model import DocumentPair
    from viewer.core.workspace import Workspace

WATCH_DELAY_MS = 1500  # changes on disk are gathered this long before a refresh
MAX_WATCHED_FOLDERS = 2000


IMPORTING, DESCRIBING = "importing", "describing"


class LibraryController(QObject):
    """Runs imports, refreshes and removals one at a time through the workspace (in a worker), and
    says when they changed the corpus; the workspace itself brings the corpus and index up to date."""

    corpus_changed = Signal()
    report_ready = Signal(object, object)  # an ImportReport and the pairs its collections' documents are in
    busy_changed = Signal(bool)

    def __init__(
        self, workspace: Workspace, jobs: JobPool, progress: Progress | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.jobs = jobs
        self.progress = progress
        self.busy = False
        self.task = IMPORTING  # what the running job does: IMPORTING (can be stopped) or DESCRIBING
        self._stop = threading.Event()  # set by `cancel`: the import under way stops between files
        self._pending: set[str] = set()
        self._roots: dict[str, str] = {}  # collection id -> its folder, for the watcher
        self._watch_generation = 0
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._on_watcher_changed)
        self.watcher.fileChanged.connect(self._on_watcher_changed)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(WATCH_DELAY_MS)
        self.timer.timeout.connect(self._refresh_pending)
        self.watch_collections()

    # --- user actions --------------------------------------------------------------------------

    def add_paths(self, paths: Sequence[Path]) -> bool:
        """Import files and folders in a worker; False when another job is still running."""
        workspace, stop = self.workspace, self._stop

        def run(arg: list[Path], progress: Progress) -> ImportReport:
            return workspace.import_paths(arg, progress, stop.is_set)

        return self._run(run, [Path(p) for p in paths], show_report=True)

    def remove_collection(self, collection_id: str) -> bool:
        return self._run(self.workspace.remove_collection, collection_id, show_report=False)

    def refresh(self, collection_id: str | None = None) -> bool:
        workspace, stop = self.workspace, self._stop

        def run(arg: str | None, progress: Progress) -> ImportReport:
            return workspace.refresh(arg, progress, stop.is_set)

        return self._run(run, collection_id, show_report=False)

    def describe(self, doc_id: str, edit: MetadataEdit) -> bool:
        """Keep the user's details of a document in a worker (the index takes the new title)."""
        workspace = self.workspace

        def run(arg: str, progress: Progress) -> ImportReport:
            workspace.describe(arg, edit, progress)
            return ImportReport(changed_doc_ids=[arg])  # what the index and the views must take in

        return self._run(run, doc_id, show_report=False, task=DESCRIBING)

    def cancel(self) -> bool:
        """Stop the import or refresh under way (what was imported stays); True when one runs."""
        if not self.busy:
            return False
        self._stop.set()
        return True

    def collection_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for document in self.workspace.corpus.documents:
            key = "bundled" if document.collection == "bundled" else document.collection
            counts[key] = counts.get(key, 0) + 1
        return counts

    def stop(self) -> None:
        """Stop watching (the window is closing)."""
        self.timer.stop()
        self._pending.clear()
        if self.watcher.directories():
            self.watcher.removePaths(self.watcher.directories())

    # --- the jobs ------------------------------------------------------------------------------

    def _run(self, fn: Callable[..., ImportReport], arg: object, show_report: bool, task: str = IMPORTING) -> bool:
        if self.busy:
            return False
        self.task = task
        workspace = self.workspace
        self._stop.clear()

        def job(progress: Progress) -> tuple[ImportReport, list[DocumentPair]]:
            report = fn(arg, progress=_saying_stop(progress, self._stop))
            if report.has_changes:
                workspace.reanchor_bookmarks()  # only bookmarks on changed texts move
            return report, found_pairs(workspace, report) if show_report else []

        def done(result: tuple[ImportReport, list[DocumentPair]]) -> None:
            report, pairs = result
            if report.has_changes:
                self.corpus_changed.emit()
            self.watch_collections()
            self._set_busy(False)
            if show_report or report.skipped:
                self.report_ready.emit(report, pairs)
            if self._pending:
                self.timer.start()

        def failed(exc: BaseException, trace: str) -> None:
            self._set_busy(False)
            self.report_ready.emit(ImportReport(warnings=[f"{type(exc).__name__}: {exc}"]), [])

        started = self.jobs.run(job, on_success=done, on_failure=failed, on_progress=self.progress or (lambda *_: None))
        if started is None:
            return False
        self._set_busy(True)
        return True

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_changed.emit(busy)

    # --- watching ------------------------------------------------------------------------------

    def watch_collections(self) -> None:
        """Watch every added folder (and its subfolders) for changes while the app runs: the folders
        are listed in a worker (a walk of a big tree takes a while), the watcher is set here."""
        self._watch_generation += 1
        generation = self._watch_generation
        self.jobs.run(
            folders_to_watch,
            self.workspace.library.collections,
            on_success=lambda found: self._watch(generation, *found),
        )

    def _watch(self, generation: int, roots: dict[str, str], wanted: list[str]) -> None:
        if generation != self._watch_generation or not self.jobs.accepting:
            return  # a newer listing is on its way, or the window is closing
        self._roots = roots
        current = set(self.watcher.directories())
        keep = set(wanted)
        stale = [d for d in current if d not in keep]
        if stale:
            self.watcher.removePaths(stale)
        fresh = [d for d in wanted if d not in current]
        if fresh:
            self.watcher.addPaths(fresh)

    def _on_watcher_changed(self, path: str) -> None:
        for collection_id, root in self._roots.items():
            if path == root or path.startswith(root + "/"):
                self._pending.add(collection_id)
        self.timer.start()

    def _refresh_pending(self) -> None:
        if not self._pending:
            return
        if self.busy:
            self.timer.start()
            return
        collection_id = sorted(self._pending)[0]
        self._pending.discard(collection_id)
        if not self.refresh(collection_id):
            self._pending.add(collection_id)


def _saying_stop(progress: Progress, stop: threading.Event) -> Progress:
    """Progress whose steps, once Stop is pressed, say they are what keeps what was read."""

    def said(done: int, total: int, message: str = "") -> None:
        if message and stop.is_set():
            message = QCoreApplication.translate("MainWindow", "Stopping, keeping what was read: {step}").format(
                step=message
            )
        progress(done, total, message)

    return said


def found_pairs(workspace: Workspace, report: ImportReport) -> list[DocumentPair]:
    """The pairs (not rejected) a document of the imported collections is in. Runs in a worker."""
    collections = set(report.collections)
    ids = {d.id for d in workspace.corpus.documents if d.collection in collections}
    return [p for p in workspace.pairs() if p.status != "rejected" and (p.source in ids or p.target in ids)]


def folders_to_watch(collections: Callable[[], Sequence[Collection]]) -> tuple[dict[str, str], list[str]]:
    """({collection id: folder}, every folder and subfolder to watch, at most MAX_WATCHED_FOLDERS).
    Runs in a worker."""
    roots: dict[str, str] = {}
    wanted: list[str] = []
    for collection in collections():
        root = collection.root
        if root is None or not root.is_dir():
            continue
        roots[collection.id] = str(root)
        wanted.append(str(root))
        for sub in root.rglob("*"):
            if len(wanted) >= MAX_WATCHED_FOLDERS:
                break
            if sub.is_dir() and not sub.is_symlink():
                wanted.append(str(sub))
    return roots, wanted
