"""Bring your own texts: add folders and files, watch them, remove collections, see what was skipped.

The core `Library` does the work (in workers, one job at a time); this module turns its reports
into a refreshed corpus and index, and shows an import report the user can read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from viewer.ui.workers import run_in_thread

WATCH_DELAY_MS = 1500  # changes on disk are gathered this long before a refresh
MAX_WATCHED_FOLDERS = 2000
# An import that changes more documents than this rebuilds the index in a child process, so
# Whoosh's long GIL holds never freeze the window; smaller ones update it in place.


class ImportReportDialog(QDialog):
    """The counts of an import, and every skipped file with its reason."""

    def __init__(self, report: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import report"))
        summary = QLabel(report.summary())
        summary.setWordWrap(True)
        self.table = QTableWidget(len(report.skipped) + len(report.warnings), 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("File"), self.tr("Reason")])
        rows = [(p, r) for p, r in report.skipped] + [("", w) for w in report.warnings]
        for i, (path, reason) in enumerate(rows):
            self.table.setItem(i, 0, QTableWidgetItem(path))
            self.table.setItem(i, 1, QTableWidgetItem(reason))
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnToContents(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        if rows:
            layout.addWidget(QLabel(self.tr("Not imported, with the reason:")))
            layout.addWidget(self.table)
        else:
            self.table.hide()
        layout.addWidget(buttons)
        self.resize(720, 420 if rows else 140)


class CollectionsDialog(QDialog):
    """The bundled corpus and each added collection, with their document counts; remove one."""

    remove_requested = Signal(str)

    def __init__(self, collections: Sequence[Any], counts: dict[str, int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Collections"))
        self.collections = list(collections)
        self.table = QTableWidget(len(self.collections), 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("Collection"), self.tr("Documents"), self.tr("Where")])
        for i, c in enumerate(self.collections):
            self.table.setItem(i, 0, QTableWidgetItem(c.name))
            self.table.setItem(i, 1, QTableWidgetItem(str(counts.get(c.id, 0))))
            self.table.setItem(i, 2, QTableWidgetItem("; ".join(str(p) for p in c.paths) or "corpus/"))
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        remove = QPushButton(self.tr("Remove collection"))
        remove.setToolTip(self.tr("Its documents leave the index; bookmarks on them are kept (shown as orphaned)"))
        remove.clicked.connect(self._on_remove_clicked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(remove, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(720, 320)

    def _on_remove_clicked(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self.collections) and self.collections[row].kind != "bundled":
            self.remove_requested.emit(self.collections[row].id)
            self.accept()


class LibraryController(QObject):
    """Runs imports, refreshes and removals one at a time, and keeps the window's corpus and index current."""

    corpus_changed = Signal()
    report_ready = Signal(object)  # an ImportReport, for the dialog
    busy_changed = Signal(bool)

    def __init__(self, services: Any, progress: Callable[[int, int, str], None] | None = None,
                 extra_folders: Sequence[Path] = (), parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.progress = progress
        self.extra_folders = list(extra_folders)
        self.busy = False
        self._pending: set[str] = set()
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
        return self._run(self.services.library.add, [Path(p) for p in paths], show_report=True)

    def remove_collection(self, collection_id: str) -> bool:
        return self._run(self._remove, collection_id, show_report=False)

    def refresh(self, collection_id: str | None = None) -> bool:
        return self._run(self.services.library.refresh, collection_id, show_report=False)

    def collection_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for document in self.services.corpus.documents:
            key = "bundled" if document.collection == "bundled" else document.collection
            counts[key] = counts.get(key, 0) + 1
        return counts

    # --- the jobs ------------------------------------------------------------------------------

    def _remove(self, collection_id: str, progress: Callable[..., None] | None = None) -> Any:
        from viewer.core.library.importers import ImportReport

        removed = self.services.library.remove(collection_id)
        return ImportReport(collections=[collection_id], removed_doc_ids=list(removed), removed=list(removed))

    def _run(self, fn: Callable[..., Any], arg: Any, show_report: bool) -> bool:
        if self.busy:
            return False
        self._set_busy(True)
        corpus, index = self.services.corpus, self.services.index

        def job(progress: Callable[..., None]) -> tuple[Any, Any, Any]:
            report = fn(arg, progress=progress)
            if not report.has_changes:
                return report, None, None
            new_corpus = self.services.library.updated_corpus(corpus, report)
            return report, new_corpus, self._updated_index(new_corpus, report, progress)

        def done(outcome: tuple[Any, Any, Any]) -> None:
            report, new_corpus, new_index = outcome
            if new_corpus is not None:
                self.services.replace_corpus(new_corpus)
                if new_index is not None:
                    self.services.index = new_index
                    if index is not None and index is not new_index:
                        index.close()
                self.corpus_changed.emit()
            self.watch_collections()
            self._set_busy(False)
            if show_report or report.skipped:
                self.report_ready.emit(report)
            if self._pending:
                self.timer.start()

        def failed(exc: BaseException, trace: str) -> None:
            self._set_busy(False)
            from viewer.core.library.importers import ImportReport

            self.report_ready.emit(ImportReport(warnings=[f"{type(exc).__name__}: {exc}"]))

        run_in_thread(lambda progress: job(progress), on_success=done, on_failure=failed,
                      on_progress=self.progress or (lambda *_: None))
        return True

    def _updated_index(self, corpus: Any, report: Any, progress: Callable[..., None]) -> Any:
        from viewer.core.search.cache import IndexCache

        return IndexCache().open(corpus, progress=progress, isolate=True)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_changed.emit(busy)

    # --- watching ------------------------------------------------------------------------------

    def watch_collections(self) -> None:
        """Watch every added folder (and its subfolders) for changes while the app runs."""
        wanted: list[str] = []
        for collection in self.services.library.collections():
            root = getattr(collection, "root", None)
            if root is None or not Path(root).is_dir():
                continue
            wanted.append(str(root))
            for sub in Path(root).rglob("*"):
                if len(wanted) >= MAX_WATCHED_FOLDERS:
                    break
                if sub.is_dir() and not sub.is_symlink():
                    wanted.append(str(sub))
        current = set(self.watcher.directories())
        stale = [d for d in current if d not in wanted]
        if stale:
            self.watcher.removePaths(stale)
        fresh = [d for d in wanted if d not in current]
        if fresh:
            self.watcher.addPaths(fresh)

    def _on_watcher_changed(self, path: str) -> None:
        for collection in self.services.library.collections():
            root = getattr(collection, "root", None)
            if root is not None and (path == str(root) or path.startswith(str(root) + "/")):
                self._pending.add(collection.id)
        self.timer.start()

    def _refresh_pending(self) -> None:
        if not self._pending:
            return
        if self.busy:
            self.timer.start()
            return
        collection_id = sorted(self._pending)[0]
        self._pending.discard(collection_id)
        self.refresh(collection_id)
