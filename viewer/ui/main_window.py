"""The main window: search on the left, the reader (or side-by-side pairs) on the right, bookmarks
in a dock. It paints at once; the app hands it the open workspace (`attach`) and says when the
search index is ready (`index_opened`). Work on the workspace runs in the window's `jobs`, which
closing waits for. Menus, library and export actions, help and remembered state live beside it."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QEventLoop, QSettings, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QProgressBar, QSplitter, QVBoxLayout, QWidget

from viewer.core.corpus.model import Document
from viewer.core.errors import UserError
from viewer.ui.actions_bookmarks import BookmarkActions
from viewer.ui.actions_document import DocumentActions
from viewer.ui.actions_export import PairExport
from viewer.ui.actions_library import LibraryActions
from viewer.ui.actions_pairs import PairActions
from viewer.ui.actions_search import SearchActions
from viewer.ui.document_pane import DocumentPane
from viewer.ui.errors import show_error
from viewer.ui.help_dialogs import HelpDialogs
from viewer.ui.pair_editor import PairEditor
from viewer.ui.search_panel import SearchPanel
from viewer.ui.window_layout import WindowLayout
from viewer.ui.window_menus import build_menus
from viewer.ui.window_state import WindowState
from viewer.ui.workers import JobPool

if TYPE_CHECKING:  # the window paints before the search engine and the stores are even imported
    from viewer.core.search.index import SearchHit, SearchIndex
    from viewer.core.workspace import Workspace
    from viewer.ui.alignments import PairAlignment
    from viewer.ui.bookmarks_panel import BookmarksPanel
    from viewer.ui.library_ui import LibraryController

CLOSE_TIMEOUT = 10.0  # seconds closing waits for running jobs (an index build, an import)


class MainWindow(QMainWindow):
    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        settings = settings or QSettings()
        self.state = WindowState(self, settings)
        self.panels = WindowLayout(self, settings)
        self.jobs = JobPool()
        self.workspace: Workspace | None = None
        self.search_panel: SearchPanel | None = None
        self.bookmarks_panel: BookmarksPanel | None = None
        self.library: LibraryController | None = None
        self.closed = False
        self.setWindowTitle(self.tr("Corpus Viewer"))
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        if screen is not None and screen.width() > 0:  # a first run on a small screen fits it
            self.resize(min(1280, int(screen.width() * 0.95)), min(820, int(screen.height() * 0.95)))
        else:
            self.resize(1280, 820)

        self.pane = DocumentPane()
        self.pane.document_opened.connect(self.state.remember_document)
        self.pane.message.connect(self.statusBar().showMessage)
        self.reader, self.pairs, self.stack = self.pane.reader, self.pane.pairs, self.pane.stack
        self.hit_label = self.pane.hit_label
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("#banner { background: #fff3cd; color: #5c4400; padding: 6px; }")
        self.banner.hide()
        self._banner_messages: list[str] = []
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.banner)
        self.search_actions = SearchActions(self)  # the concordance (above the reader), saved searches, export
        right_layout.addWidget(self.search_actions.wrap(self.pane), 1)

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

        self.pair_editor = PairEditor(self.pairs, self.jobs, self)
        self.pair_editor.changed.connect(self.pane.keep_alignment)
        self.stack.currentChanged.connect(lambda *_: self.pair_editor.refresh())  # only what is shown
        self.pair_editor.message.connect(self.statusBar().showMessage)
        self.pair_editor.saver.failed.connect(self._on_corrections_not_saved)
        self.library_actions = LibraryActions(self)
        self.pair_export = PairExport(self)
        self.pair_actions = PairActions(self)
        self.document_actions = DocumentActions(self)
        self.bookmark_actions = BookmarkActions(self)
        self.help = HelpDialogs(self)
        self.commands = build_menus(self)
        self.side_by_side_action = self.pane.side_by_side_action
        self.add_bookmark_action = self.commands.add_bookmark
        self.state.restore_geometry()

    # --- start-up (see viewer.ui.app.start) ------------------------------------------------------

    def show_loading(self) -> None:
        self.progress.show()
        self.progress.setRange(0, 0)
        self.statusBar().showMessage(self.tr("Loading the corpus…"))

    def show_progress(self, done: int, total: int, message: str) -> None:
        if self.closed:  # the status bar says the window is closing
            return
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if message:
            self.statusBar().showMessage(message)

    def open_failed(self, exc: BaseException, trace: str) -> None:
        self.progress.hide()
        self.loading.setText(self.tr("The corpus could not be opened:\n{error}").format(error=exc))
        if not isinstance(exc, UserError):
            show_error(self, str(exc), trace)

    def attach(self, workspace: Workspace) -> None:
        """Take the opened workspace and build the panels over it; search works once it has an index."""
        if self.closed:  # the window was closed while the workspace was opening
            workspace.close(timeout=0)
            return
        from viewer.ui.alignments import Alignments
        from viewer.ui.library_ui import LibraryController

        self.workspace = workspace
        self.pair_editor.saver.save = workspace.save_corrections
        self.progress.hide()
        corpus = workspace.corpus
        self.pane.set_alignments(Alignments(self.jobs, workspace.corrected_alignment, self))
        self.pair_actions.connect(workspace)
        panel = SearchPanel(corpus.documents, jobs=self.jobs, collection_names=self._collection_names())
        panel.hit_activated.connect(self.open_hit)
        panel.document_activated.connect(self.open_document_by_id)
        panel.query_changed.connect(lambda _query: self.pane.clear_hits())  # no stale matches left
        panel.results_shown.connect(lambda _generation: self.pane.take_results(panel.last_results))
        self.splitter.replaceWidget(0, panel)
        self.loading.deleteLater()
        self.search_panel = panel
        self.search_actions.attach(workspace, panel)
        if workspace.index is not None:
            panel.set_search_function(workspace.search)
        self.bookmark_actions.attach(workspace, corpus)
        self.library = LibraryController(workspace, self.jobs, self.show_progress, self)
        self.library.corpus_changed.connect(self._on_corpus_changed)
        self.library_actions.connect(self.library)
        self.state.restore()
        panel.query_edit.setFocus()  # type at once: search is what a session starts with
        for message in workspace.messages:
            self.show_banner(message)
        self.statusBar().showMessage(self.tr("Ready · {n} documents").format(n=len(corpus.documents)), 5000)

    def show_index_building(self) -> None:
        self.progress.setRange(0, 0)  # moving until the build reports how far it is
        self.progress.show()
        self.statusBar().showMessage(self.tr("Preparing the search index…"))

    def index_opened(self, _index: SearchIndex) -> None:
        if self.closed or self.workspace is None or self.search_panel is None:
            return
        self.progress.hide()
        self.search_panel.set_search_function(self.workspace.search)
        self.statusBar().showMessage(self.tr("Search index ready"), 4000)
        for message in self.workspace.messages:
            self.show_banner(message)

    def index_failed(self, exc: BaseException, trace: str) -> None:
        if self.closed:
            return
        self.progress.hide()
        self.statusBar().showMessage(self.tr("Search is unavailable"))
        if self.search_panel is not None:
            self.search_panel.set_unavailable(str(exc))
        self.show_banner(self.tr("Search is unavailable: {error}").format(error=exc))
        if not isinstance(exc, UserError):
            show_error(self, str(exc), trace)

    def show_banner(self, message: str) -> None:
        """Add a message the user can act on to the banner above the reader (each shown once)."""
        if message and message not in self._banner_messages:
            self._banner_messages.append(message)
        self.banner.setText("\n".join(self._banner_messages))
        self.banner.setVisible(bool(self._banner_messages))

    # --- reading -------------------------------------------------------------------------------

    @property
    def document(self) -> Document | None:
        return self.pane.document

    @property
    def alignment(self) -> PairAlignment | None:
        return self.pane.alignment

    def open_document_by_id(self, doc_id: str) -> None:
        if self.workspace is not None:
            self.pane.open_document(self.workspace.document(doc_id))

    def open_document(self, document: Document) -> None:
        self.pane.open_document(document)

    def open_hit(self, hit: SearchHit) -> None:
        if self.workspace is not None:
            results = self.search_panel.last_results if self.search_panel else None
            self.pane.show_hit(self.workspace.document(hit.doc_id), hit, results)

    def open_anchor(self, doc_id: str, start: int, end: int) -> None:
        if self.workspace is not None:
            self.pane.show_span(self.workspace.document(doc_id), start, end)

    def toggle_side_by_side(self) -> None:
        self.pane.toggle_side_by_side()

    def show_side_by_side(self, on: bool) -> None:
        self.pane.show_side_by_side(on)

    def copy_with_citation(self) -> None:
        if self.reader.copy_with_citation():
            self.statusBar().showMessage(self.tr("Copied with citation"), 3000)

    def focus_search(self) -> None:
        if self.search_panel is not None:
            self.search_panel.query_edit.setFocus()
            self.search_panel.query_edit.selectAll()

    def _collection_names(self) -> dict[str, str]:
        return {c.id: c.name for c in self.workspace.library.collections()} if self.workspace else {}

    def _on_corpus_changed(self) -> None:
        """An import, a refresh or a removal changed the corpus: update every view of it."""
        if self.workspace is None:
            return
        corpus = self.workspace.corpus
        if self.search_panel is not None:
            self.search_panel.set_documents(corpus.documents, self._collection_names())
        if self.bookmarks_panel is not None:
            self.bookmarks_panel.set_corpus(corpus)
        shown = self.pane.document
        if shown is not None:
            current = next((d for d in corpus.documents if d.id == shown.id), None)
            if current is None:
                self.pane.show_removed(corpus.documents[0])
            elif current.fingerprint != shown.fingerprint:
                self.pane.open_document(current)
            elif current.meta != shown.meta:  # new details, same text: taken in where it is shown
                self.pane.retitle(current)
        self.pair_actions.corpus_changed()

    # --- bookmarks -----------------------------------------------------------------------------

    def add_bookmark(self) -> None:
        self.bookmark_actions.add()

    def toggle_bookmarks(self) -> None:
        self.panels.toggle_bookmarks()

    def _on_corrections_not_saved(self, exc: BaseException, trace: str) -> None:
        if trace:
            show_error(self, self.tr("Your corrections could not be saved: {error}").format(error=exc), trace)
        else:
            self.show_banner(self.tr("Your corrections could not be saved: {error}").format(error=exc))

    # --- closing -------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        """Follow the system palette: re-tint the reader when light/dark changes."""
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.restyle()
        super().changeEvent(event)

    def restyle(self) -> None:
        """Light/dark changed: results and the reader drop the colours they drew with."""
        panel = getattr(self, "search_panel", None)  # palette events come while __init__ runs too
        if panel is not None:
            panel.model.restyle()
            # A widget with a style sheet keeps the palette it was polished with: polish it again.
            for widget in [panel, *panel.findChildren(QWidget)]:
                if widget.styleSheet():
                    widget.setStyleSheet(widget.styleSheet())
        if getattr(self, "document", None) and not self.closed:  # closed: the bookmark store is too
            self.pane.refresh_marks()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.closed:
            self.state.save()
            self.shut_down()
        super().closeEvent(event)

    def shut_down(self, timeout: float = CLOSE_TIMEOUT) -> bool:
        """Take no new jobs, wait (bounded, saying so) for the running ones, then close the workspace.
        False when some work was still running at the deadline."""
        if self.closed:
            return True
        self.closed = True
        if self.library is not None:
            self.library.stop()
        self.pair_actions.stop_aligning()  # its result would be dropped: no need to wait for it
        if self.jobs.active:
            self.statusBar().showMessage(self.tr("Closing: waiting for running work to finish…"))
            self.progress.setRange(0, 0)
            self.progress.show()
            self.splitter.setEnabled(False)
        deadline = time.monotonic() + timeout
        finished = self.jobs.close(
            timeout, lambda: QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        )
        self.pair_editor.saver.flush()  # the last corrections, should their save not have run
        if self.workspace is not None:
            finished = self.workspace.close(timeout=max(0.5, deadline - time.monotonic())) and finished
        return finished
