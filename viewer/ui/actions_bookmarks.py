"""The window's side of bookmarks: the dock made once the workspace is there, Bookmarks > Bookmark
(Ctrl+D: the selected pair in the side-by-side view, never the one under the pointer; else the
reader's selection or passage), and the marks the reader and the side-by-side view show."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt

from viewer.core.corpus.anchors import AnchorStatus
from viewer.core.corpus.model import Corpus, Document

if TYPE_CHECKING:
    from viewer.core.workspace import Workspace
    from viewer.ui.main_window import MainWindow


class BookmarkActions:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        window.pane.marked = self.passages
        window.pane.bookmarked_spans = self.spans

    def attach(self, workspace: Workspace, corpus: Corpus) -> None:
        """The bookmarks dock over the workspace's store (none when it has no store), re-anchored
        to the current texts in a worker."""
        from viewer.ui.bookmarks_panel import BookmarksPanel

        window = self.window
        if workspace.bookmarks is None:
            return
        panel = BookmarksPanel(workspace.bookmarks, corpus, window)
        window.bookmarks_panel = panel
        panel.jump_requested.connect(window.open_anchor)
        panel.changed.connect(window.pane.refresh_marks)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, panel)
        window.add_bookmark_action.setEnabled(True)
        window.jobs.run(workspace.reanchor_bookmarks, on_success=self._reanchored)

    def add(self) -> None:
        window = self.window
        panel, document = window.bookmarks_panel, window.document
        if panel is None or document is None:
            return
        pairs = window.pairs
        cell = pairs.selected_cell() if window.stack.currentWidget() is pairs else None
        if cell is not None and pairs.alignment is not None:  # the selected pair, never the one hovered
            panel.add_pair(pairs.alignment, *cell)
            return
        span = window.reader.selection_range()
        passage = window.reader.current_passage()
        if span is None and passage is None:
            window.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "Select text or click in a passage to bookmark it"), 4000
            )
            return
        panel.add_from_reader(document, span, passage)

    def passages(self, document: Document) -> set[str]:
        """The document's passages holding a live bookmark (the reader's marks)."""
        panel = self.window.bookmarks_panel
        return set() if panel is None else panel.passages_marked(document)

    def spans(self, document: Document) -> list[tuple[int, int]]:
        """The document's live bookmarks' spans (the side-by-side view's ★)."""
        workspace = self.window.workspace
        store = workspace.bookmarks if workspace is not None and not self.window.closed else None
        if store is None:
            return []
        return [
            (b.anchor.start, b.anchor.end) for b in store.list(doc_id=document.id) if b.status != AnchorStatus.ORPHANED
        ]

    def _reanchored(self, _changed: int) -> None:
        panel = self.window.bookmarks_panel
        if panel is not None:
            panel.refresh()
            self.window.pane.refresh_marks()
