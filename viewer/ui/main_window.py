"""The main window: search on the left, the reader (or side-by-side pairs) on the right,
bookmarks in a dock. It paints at once and receives the core services when they are open."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from viewer import __version__
from viewer.core.errors import UserError
from viewer.core.corpus.model import Document
from viewer.ui.errors import show_error
from viewer.ui.pair_view import PairView
from viewer.ui.reader import ReaderView
from viewer.ui.search_panel import SearchPanel
from viewer.ui.workers import run_in_thread

LIBRARIES = (
    ("Qt 6 / PySide6", "LGPL-3.0"), ("Whoosh (whoosh-reloaded)", "BSD-2-Clause"),
    ("langdetect", "Apache-2.0"), ("platformdirs", "MIT"),
)


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings or QSettings()
        self.services: Any = None
        self.document: Document | None = None
        self.search_panel: SearchPanel | None = None
        self.bookmarks_panel: Any = None
        self.library: Any = None
        self.extra_folders: list[Any] = []
        self._alignment: Any = None
        self.setWindowTitle(self.tr("Corpus Viewer"))
        self.resize(1280, 820)

        self.reader = ReaderView()
        self.pairs = PairView()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.reader)
        self.stack.addWidget(self.pairs)
        self.doc_title = QLabel(self.tr("No document open"))
        self.doc_title.setObjectName("docTitle")
        self.doc_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.doc_title.setWordWrap(True)
        self.doc_title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.hit_label = QLabel()
        self.pair_button = QToolButton()
        self.pair_button.setStyleSheet("QToolButton:checked { background: palette(highlight); "
                                       "color: palette(highlighted-text); border-radius: 3px; }")
        self.pair_button.setCheckable(True)
        self.pair_button.setEnabled(False)
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("#banner { background: #fff3cd; color: #5c4400; padding: 6px; }")
        self.banner.hide()
        self._banner_messages: list[str] = []

        right = QWidget()
        header = QHBoxLayout()
        header.setContentsMargins(6, 4, 6, 0)
        header.addWidget(self.doc_title, 1)
        header.addWidget(self.hit_label)
        header.addWidget(self.pair_button)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.banner)
        right_layout.addLayout(header)
        right_layout.addWidget(self.stack, 1)

        self.loading = QLabel(self.tr("Loading the corpus…"))
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.loading)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([380, 900])
        self.setCentralWidget(self.splitter)

        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.statusBar().addPermanentWidget(self.progress)

        self.reader.hit_changed.connect(self._on_reader_hit_changed)
        self.pairs.sentence_selected.connect(self._on_pairs_sentence_selected)
        self._build_actions()
        self._restore_geometry()

    # --- actions and menus ---------------------------------------------------------------------

    def _action(self, text: str, shortcut: str | QKeySequence.StandardKey | None, slot: Callable[[], Any],
                menu: Any, checkable: bool = False) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable)
        action.triggered.connect(lambda *_: slot())
        menu.addAction(action)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        edit_menu = bar.addMenu(self.tr("&Edit"))
        view_menu = bar.addMenu(self.tr("&View"))
        self.bookmarks_menu = bar.addMenu(self.tr("&Bookmarks"))
        help_menu = bar.addMenu(self.tr("&Help"))
        a = self._action
        self.focus_search_action = a(self.tr("Search"), "Ctrl+L", self.focus_search, edit_menu)
        a(self.tr("Find in document"), "Ctrl+F", self.reader.open_find, edit_menu)
        a(self.tr("Next hit"), "F3", self.next_hit, edit_menu)
        a(self.tr("Previous hit"), "Shift+F3", self.previous_hit, edit_menu)
        a(self.tr("Copy with citation"), "Ctrl+Shift+C", self.copy_with_citation, edit_menu)
        self.side_by_side_action = a(self.tr("Side-by-side view"), "Ctrl+T", self.toggle_side_by_side,
                                     view_menu, checkable=True)
        self.side_by_side_action.setEnabled(False)
        self.pair_button.setDefaultAction(self.side_by_side_action)
        a(self.tr("Zoom in"), "Ctrl++", self.reader.zoom_in, view_menu)
        zoom_alt = QAction(self)
        zoom_alt.setShortcut(QKeySequence("Ctrl+="))
        zoom_alt.triggered.connect(self.reader.zoom_in)
        self.addAction(zoom_alt)
        a(self.tr("Zoom out"), "Ctrl+-", self.reader.zoom_out, view_menu)
        self.add_bookmark_action = a(self.tr("Bookmark passage or selection…"), "Ctrl+D", self.add_bookmark,
                                     self.bookmarks_menu)
        self.add_bookmark_action.setEnabled(False)
        self.show_bookmarks_action = a(self.tr("Show bookmarks"), "Ctrl+B", self.toggle_bookmarks,
                                       self.bookmarks_menu)
        self.add_folder_action = a(self.tr("Add folder…"), "Ctrl+Shift+O", self.add_folder, file_menu)
        self.add_files_action = a(self.tr("Add files…"), "Ctrl+O", self.add_files, file_menu)
        self.collections_action = a(self.tr("Collections…"), None, self.show_collections, file_menu)
        self.export_pairs_action = a(self.tr("Export aligned pairs (TMX)…"), None, self.export_pairs, file_menu)
        for action in (self.add_folder_action, self.add_files_action, self.collections_action,
                       self.export_pairs_action):
            action.setEnabled(False)
        file_menu.addSeparator()
        a(self.tr("Quit"), QKeySequence.StandardKey.Quit, self.close, file_menu)
        a(self.tr("Keyboard shortcuts"), "F1", self.show_shortcuts, help_menu)
        a(self.tr("About Corpus Viewer"), None, self.show_about, help_menu)

    # --- start-up ------------------------------------------------------------------------------

    def start(self, opener: Callable[..., Any], index_opener: Callable[..., Any] | None = None) -> None:
        """Open the services in a worker (progress in the status bar) and attach them; then, if
        given, open the search index in another worker: reading works before searching does."""
        self.progress.show()
        self.progress.setRange(0, 0)
        self.statusBar().showMessage(self.tr("Loading the corpus…"))

        def attached(services: Any) -> None:
            self.attach(services)
            if index_opener is not None and services.index is None:
                self.progress.show()
                self.statusBar().showMessage(self.tr("Preparing the search index…"))
                run_in_thread(index_opener, services, on_success=self._on_index_ready,
                              on_failure=self._on_start_failed, on_progress=self._on_progress)

        run_in_thread(opener, on_success=attached, on_failure=self._on_start_failed, on_progress=self._on_progress)

    def _on_index_ready(self, index: Any) -> None:
        self.progress.hide()
        if index is not None:
            self.set_index(self.services.index_search)
            self.statusBar().showMessage(self.tr("Search index ready"), 4000)
        for message in self.services.messages:
            self.show_banner(message)

    def _on_progress(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if message:
            self.statusBar().showMessage(message)

    def _on_start_failed(self, exc: BaseException, trace: str) -> None:
        self.progress.hide()
        if self.services is None:
            self.loading.setText(self.tr("The corpus could not be opened:\n{error}").format(error=exc))
        else:
            self.show_banner(self.tr("Search is unavailable: {error}").format(error=exc))
        if not isinstance(exc, UserError):
            show_error(self, str(exc), trace)

    def attach(self, services: Any) -> None:
        """Take the opened core services and build the panels over them."""
        self.services = services
        self.progress.hide()
        panel = SearchPanel(services.corpus.documents)
        panel.hit_activated.connect(self.open_hit)
        panel.document_activated.connect(self.open_document_by_id)
        self.splitter.replaceWidget(0, panel)
        self.loading.deleteLater()
        self.search_panel = panel
        if services.index is not None:
            panel.set_search_function(services.index_search)
        panel.set_recent(self._setting_list("search/recent"))
        if services.bookmarks is not None:
            from viewer.ui.bookmarks_panel import BookmarksPanel

            self.bookmarks_panel = BookmarksPanel(services.bookmarks, services.corpus, self)
            self.bookmarks_panel.jump_requested.connect(self.open_anchor)
            self.bookmarks_panel.changed.connect(self._refresh_bookmark_marks)
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.bookmarks_panel)
            self.add_bookmark_action.setEnabled(True)
        if getattr(services, "library", None) is not None:
            from viewer.ui.library_ui import LibraryController

            self.library = LibraryController(services, self._on_progress, self.extra_folders, self)
            self.library.corpus_changed.connect(self._on_library_corpus_changed)
            self.library.report_ready.connect(self._on_library_report_ready)
            self.library.busy_changed.connect(self._on_library_busy_changed)
            self._on_library_busy_changed(False)
        self._restore_state()
        for message in services.messages:
            self.show_banner(message)
        self.statusBar().showMessage(self.tr("Ready · {n} documents").format(n=len(services.corpus.documents)), 5000)

    def set_index(self, search: Callable[..., Any] | None) -> None:
        if self.search_panel is not None:
            self.search_panel.set_search_function(search)

    def show_banner(self, message: str) -> None:
        """Add a message the user can act on to the banner above the reader (each shown once)."""
        if message and message not in self._banner_messages:
            self._banner_messages.append(message)
        self.banner.setText("\n".join(self._banner_messages))
        self.banner.setVisible(bool(self._banner_messages))

    # --- opening documents and hits ------------------------------------------------------------

    def open_document_by_id(self, doc_id: str) -> None:
        self.open_document(self.services.corpus.get(doc_id))

    def open_document(self, document: Document) -> None:
        if self.document is not document:
            self.document = document
            self.reader.show_document(document, self._bookmarked_passages(document))
            self._alignment = self.services.alignment_for(document) if self.services else None
            has_pairs = bool(self._alignment and self._alignment.rows)
            if has_pairs:
                self.pairs.set_pairs(document, self._alignment.rows, self._alignment.languages)
            self.side_by_side_action.setEnabled(has_pairs)
            if not has_pairs:
                self.show_side_by_side(False)
            self.pair_button.setToolTip(
                self.tr("Show the two language versions side by side (Ctrl+T)") if has_pairs else
                self.tr("This document has no aligned translation"))
            self.doc_title.setText(f"<b>{escape(document.title)}</b>")
            self.settings.setValue("reader/document", document.id)
        self.hit_label.clear()

    def open_hit(self, hit: Any) -> None:
        """Show a search hit: every match in its document highlighted, this one current.

        A hit inside an aligned part (the thesis abstract) opens side by side, with the
        sentence selected and its counterpart lit up.
        """
        document = self.services.corpus.get(hit.doc_id)
        self.open_document(document)
        passage = document.passage(hit.passage_id)
        results = self.search_panel.last_results if self.search_panel else None
        same_doc = [h for h in (results.hits if results else [hit]) if h.doc_id == hit.doc_id]
        spans = sorted({(m[0], m[1]) for h in same_doc for m in h.matches}) or [(passage.start, passage.end)]
        first = (hit.matches[0][0], hit.matches[0][1]) if hit.matches else spans[0]
        current = spans.index(first) if first in spans else 0
        self.reader.show_hits(spans, current)
        in_pairs = bool(self._alignment and self._alignment.covers(passage))
        if in_pairs and self.pairs.model is not None:
            self.pairs.model.set_hits(spans)
        self.show_side_by_side(in_pairs)
        if in_pairs:
            self.pairs.select_offset(spans[current][0])

    def open_anchor(self, doc_id: str, start: int, end: int) -> None:
        document = self.services.corpus.get(doc_id)
        self.open_document(document)
        self.show_side_by_side(False)
        self.reader.show_hits([(start, end)], 0)

    # --- reading -------------------------------------------------------------------------------

    def toggle_side_by_side(self) -> None:
        self.show_side_by_side(self.stack.currentWidget() is not self.pairs)

    def show_side_by_side(self, on: bool) -> None:
        on = on and self.side_by_side_action.isEnabled()
        self.stack.setCurrentWidget(self.pairs if on else self.reader)
        self.side_by_side_action.setChecked(on)

    def next_hit(self) -> None:
        self.reader.next_hit()

    def previous_hit(self) -> None:
        self.reader.previous_hit()

    def copy_with_citation(self) -> None:
        text = self.reader.copy_with_citation()
        if text:
            self.statusBar().showMessage(self.tr("Copied with citation"), 3000)

    def focus_search(self) -> None:
        if self.search_panel is not None:
            self.search_panel.query_edit.setFocus()
            self.search_panel.query_edit.selectAll()

    def _on_reader_hit_changed(self, index: int, count: int) -> None:
        self.hit_label.setText(self.tr("match {i} of {n} in this document").format(i=index + 1, n=count)
                               if count else "")

    def _on_pairs_sentence_selected(self, start: int, end: int) -> None:
        counterpart = self.pairs.counterpart()
        self.reader.mark([(start, end)] + ([counterpart] if counterpart else []))

    # --- bookmarks -----------------------------------------------------------------------------

    def add_bookmark(self) -> None:
        if self.bookmarks_panel is None or self.document is None:
            return
        if self.stack.currentWidget() is self.pairs and self.pairs.model and self.pairs.model.focus:
            row, _column = self.pairs.model.focus
            pair = self.pairs.model.rows[row]
            self.bookmarks_panel.add_pair(self.document, pair)
            return
        span = self.reader.selection_range()
        passage = self.reader.current_passage()
        if span is None and passage is None:
            self.statusBar().showMessage(self.tr("Select text or click in a passage to bookmark it"), 4000)
            return
        self.bookmarks_panel.add_from_reader(self.document, span, passage)

    def toggle_bookmarks(self) -> None:
        if self.bookmarks_panel is not None:
            self.bookmarks_panel.setVisible(not self.bookmarks_panel.isVisible())

    def _bookmarked_passages(self, document: Document) -> set[str]:
        if self.bookmarks_panel is None:
            return set()
        return self.bookmarks_panel.passages_marked(document)

    def _refresh_bookmark_marks(self) -> None:
        if self.document is not None:
            position = self.reader.browser.verticalScrollBar().value()
            self.reader.show_document(self.document, self._bookmarked_passages(self.document))
            self.reader.browser.verticalScrollBar().setValue(position)

    # --- your own texts ------------------------------------------------------------------------

    def add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add a folder of texts"))
        if folder:
            self.import_paths([Path(folder)])

    def add_files(self) -> None:
        from viewer.core.library.importers import SUPPORTED_SUFFIXES

        patterns = " ".join(f"*{s}" for s in SUPPORTED_SUFFIXES)
        files, _filter = QFileDialog.getOpenFileNames(self, self.tr("Add texts"), "",
                                                      self.tr("Texts ({patterns})").format(patterns=patterns))
        if files:
            self.import_paths([Path(f) for f in files])

    def import_paths(self, paths: list[Path]) -> None:
        if self.library is None:
            return
        if not self.library.add_paths(paths):
            self.statusBar().showMessage(self.tr("An import is already running; try again when it is done"), 5000)

    def show_collections(self) -> QDialog | None:
        if self.library is None:
            return None
        from viewer.ui.library_ui import CollectionsDialog

        dialog = CollectionsDialog(self.services.library.collections(), self.library.collection_counts(), self)
        dialog.remove_requested.connect(self.library.remove_collection)
        dialog.show()
        return dialog

    def export_pairs(self) -> Path | None:
        """The current document's aligned pairs (or every bilingual document's) as TMX 1.4."""
        from viewer import __version__
        from viewer.core.align.tmx import pair_rows, write_tmx

        documents = [self.document] if self.document is not None and self._alignment else \
            list(self.services.corpus.documents)
        rows = pair_rows(documents)
        if not rows:
            self.statusBar().showMessage(self.tr("No aligned pairs to export"), 5000)
            return None
        name = f"{documents[0].id if len(documents) == 1 else 'corpus'}.tmx".replace("/", "-")
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Export aligned pairs"), name, "TMX (*.tmx)")
        if not path:
            return None
        try:
            Path(path).write_text(write_tmx(rows, __version__), encoding="utf-8")
        except OSError as exc:
            show_error(self, self.tr("{path} cannot be written: {error}").format(path=path, error=exc.strerror or exc))
            return None
        self.statusBar().showMessage(self.tr("Exported {n} pairs to {path}").format(n=len(rows), path=path), 6000)
        return Path(path)

    def _on_library_busy_changed(self, busy: bool) -> None:
        for action in (self.add_folder_action, self.add_files_action, self.collections_action):
            action.setEnabled(not busy)
        self.export_pairs_action.setEnabled(True)
        self.progress.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)
            self.statusBar().showMessage(self.tr("Importing…"))

    def _on_library_report_ready(self, report: Any) -> None:
        from viewer.ui.library_ui import ImportReportDialog

        self.statusBar().showMessage(report.summary(), 8000)
        self.last_report_dialog = ImportReportDialog(report, self)
        self.last_report_dialog.show()

    def _on_library_corpus_changed(self) -> None:
        """An import, a refresh or a removal changed the corpus: update every view of it."""
        corpus = self.services.corpus
        if self.search_panel is not None:
            self.search_panel.set_documents(corpus.documents)
            if self.services.index is not None:
                self.search_panel.set_search_function(self.services.index_search)
        if self.bookmarks_panel is not None:
            self.bookmarks_panel.set_corpus(corpus)
        if self.document is not None:
            current = next((d for d in corpus.documents if d.id == self.document.id), None)
            if current is None:
                self.document = None
                self.reader.show_document(corpus.documents[0])
                self.doc_title.setText(self.tr("The open document was removed"))
            elif current.fingerprint != self.document.fingerprint:
                self.document = None
                self.open_document(current)

    # --- dialogs -------------------------------------------------------------------------------

    def show_shortcuts(self) -> QDialog:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Keyboard shortcuts"))
        actions = [act for act in self.actions() if act.text() and not act.shortcut().isEmpty()]
        extra = [(self.tr("Clear the search box"), "Esc"), (self.tr("Move into the results"), "↓"),
                 (self.tr("Open the selected result"), "Enter")]
        table = QTableWidget(len(actions) + len(extra), 2, dialog)
        table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Shortcut")])
        rows = [(act.text().replace("&", ""), act.shortcut().toString(QKeySequence.SequenceFormat.NativeText))
                for act in actions] + extra
        for i, (name, keys) in enumerate(rows):
            table.setItem(i, 0, QTableWidgetItem(name))
            table.setItem(i, 1, QTableWidgetItem(keys))
        table.resizeColumnsToContents()
        table.verticalHeader().hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(table)
        layout.addWidget(buttons)
        dialog.resize(460, 480)
        dialog.show()
        return dialog

    def about_text(self) -> str:
        rows = []
        not_stated = self.tr("not stated")
        intro = self.tr("Search and read a bilingual Norwegian/English research corpus.")
        texts_heading = self.tr("Bundled texts and their licences")
        libraries_heading = self.tr("Libraries")
        if self.services is not None:
            for d in self.services.corpus.documents:
                rows.append(f"<li>{escape(d.title)} — <i>{escape(d.meta.licence or not_stated)}</i></li>")
        libs = "".join(f"<li>{escape(name)} — {escape(lic)}</li>" for name, lic in LIBRARIES)
        return (f"<h3>Corpus Viewer {__version__}</h3>"
                f"<p>{intro}</p>"
                f"<p><b>{texts_heading}</b></p><ul>{''.join(rows)}</ul>"
                f"<p><b>{libraries_heading}</b></p><ul>{libs}</ul>")

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About Corpus Viewer"), self.about_text())

    # --- settings ------------------------------------------------------------------------------

    def _setting_list(self, key: str) -> list[str]:
        value = self.settings.value(key, [])
        if isinstance(value, str):
            return [value]
        return [str(v) for v in value or []]

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)

    def _restore_state(self) -> None:
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        sizes = self.settings.value("window/splitter")
        if isinstance(sizes, QByteArray):
            self.splitter.restoreState(sizes)
        doc_id = self.settings.value("reader/document", "")
        try:
            if doc_id:
                self.open_document_by_id(str(doc_id))
        except UserError:
            pass
        query = str(self.settings.value("search/query", "") or "")
        if query and self.search_panel is not None:
            self.search_panel.query_edit.setText(query)
            self.search_panel.search_now()

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        if self.search_panel is not None:
            self.settings.setValue("search/query", self.search_panel.query())
            self.settings.setValue("search/recent", self.search_panel.recent)
        self.settings.sync()

    def changeEvent(self, event: QEvent) -> None:
        """Follow the system palette: re-tint the reader when light/dark changes."""
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange) and self.document:
            self._refresh_bookmark_marks()
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        super().closeEvent(event)
