"""The bookmarks dock: add with a note and tags, find again, jump, edit, delete with undo, export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from viewer.core.bookmarks.model import Bookmark, PairRef
from viewer.core.bookmarks.store import BookmarkStore
from viewer.core.corpus.anchors import AnchorStatus
from viewer.core.corpus.model import Corpus, Document, Passage
from viewer.ui.bookmark_dialog import BookmarkDialog
from viewer.ui.bookmarks_export import BookmarkExporter
from viewer.ui.bookmarks_model import BookmarksModel
from viewer.ui.models import ITEM_ROLE, RichTextDelegate
from viewer.ui.pair_rows import SOURCE, TARGET, PairAlignment
from viewer.ui.reader_marks import MarkedPassages, marks_in

__all__ = ["BookmarkDialog", "BookmarksModel", "BookmarksPanel"]


class BookmarksPanel(QDockWidget):
    jump_requested = Signal(str, int, int)  # doc id, start, end
    changed = Signal()

    def __init__(self, store: BookmarkStore, corpus: Corpus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bookmarksDock")
        self.setWindowTitle(self.tr("Bookmarks"))
        self.store = store
        self.corpus = corpus
        self._undo_ids: list[str] = []

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search notes, quotes and tags"))
        self.search.setClearButtonEnabled(True)
        self.tag_filter = QComboBox()
        self.doc_filter = QComboBox()
        for combo in (self.tag_filter, self.doc_filter):  # long tags and titles must not widen the dock
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)
        self.doc_filter.addItem(self.tr("All documents"), "")
        for document in corpus.documents:
            self.doc_filter.addItem(document.id, document.id)
        self.model = BookmarksModel(corpus, self)
        self.list = QListView()
        self.list.setObjectName("bookmarks")
        self.list.setModel(self.model)
        self.list.setItemDelegate(RichTextDelegate(self.list))
        self.list.setWordWrap(True)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.activated.connect(self._on_list_activated)
        self.count = QLabel()
        self.count.setWordWrap(True)

        # Tool buttons, not push buttons: the row must fit a narrow dock (the reader needs the room).
        edit_button = _button(self.tr("Edit…"), self.tr("Edit the note and tags of the selected bookmark"))
        delete_button = _button(self.tr("Delete"), self.tr("Delete the selected bookmark (Delete)"))
        self.undo_button = _button(self.tr("Undo"), self.tr("Bring back the bookmark just deleted"))
        self.undo_button.setEnabled(False)
        export_button = _button(self.tr("Export"), self.tr("Export the bookmarks shown"))
        export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(export_button)
        for label, fmt in ((self.tr("Markdown…"), "md"), (self.tr("CSV…"), "csv"), (self.tr("JSON…"), "json")):
            action = menu.addAction(label)
            action.triggered.connect(lambda _=False, f=fmt: self.export_dialog(f))
        export_button.setMenu(menu)
        edit_button.clicked.connect(self.edit_current)
        delete_button.clicked.connect(self.delete_current)
        self.undo_button.clicked.connect(self.undo_delete)
        delete_action = QAction(self)
        delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        delete_action.triggered.connect(self.delete_current)
        self.list.addAction(delete_action)

        self.show_deleted = QCheckBox(self.tr("Deleted"))
        self.show_deleted.setToolTip(self.tr("Show deleted bookmarks, to restore them"))
        self.show_deleted.toggled.connect(lambda _on: self.refresh())
        filters = QHBoxLayout()
        filters.addWidget(self.tag_filter, 1)
        filters.addWidget(self.doc_filter, 1)
        buttons = QHBoxLayout()
        for widget in (edit_button, delete_button, self.undo_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(export_button)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        status = QHBoxLayout()
        status.addWidget(self.count, 1)
        status.addWidget(self.show_deleted, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(status)
        layout.addWidget(self.list, 1)
        self.exporter = BookmarkExporter(self)
        layout.addWidget(self.exporter.report)
        layout.addLayout(buttons)
        self.setWidget(body)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.tag_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.doc_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh()

    def set_corpus(self, corpus: Corpus) -> None:
        """A changed corpus (its bookmarks already re-anchored, in a worker): refresh filters and the list."""
        self.corpus = corpus
        self.model.corpus = corpus
        current = self.doc_filter.currentData()
        self.doc_filter.blockSignals(True)
        self.doc_filter.clear()
        self.doc_filter.addItem(self.tr("All documents"), "")
        for document in corpus.documents:
            self.doc_filter.addItem(document.id, document.id)
        self.doc_filter.setCurrentIndex(max(0, self.doc_filter.findData(current)))
        self.doc_filter.blockSignals(False)
        self.refresh()

    # --- listing -------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._reload_tags()
        deleted = self.show_deleted.isChecked()
        bookmarks = self.store.list(
            query=self.search.text().strip() or None,
            tag=self.tag_filter.currentData() or None,
            doc_id=self.doc_filter.currentData() or None,
            deleted="only" if deleted else "hide",
        )
        self.undo_button.setText(self.tr("Restore") if deleted else self.tr("Undo"))
        self.undo_button.setEnabled(bool(bookmarks) if deleted else bool(self._undo_ids))
        self.model.set_items(bookmarks)
        total = self.store.count()
        orphaned = sum(1 for b in bookmarks if b.status is AnchorStatus.ORPHANED)
        text = self.tr("{shown} of {total} bookmarks").format(shown=len(bookmarks), total=total)
        if orphaned:
            text += " · " + self.tr("{n} orphaned (their text is gone; kept and exportable)").format(n=orphaned)
        if deleted:
            text = self.tr("{n} deleted bookmarks (select one and press Restore)").format(n=len(bookmarks))
        elif total == 0:
            text = self.tr("No bookmarks yet: select text or click in a passage and press Ctrl+D.")
        self.count.setText(text)

    def _reload_tags(self) -> None:
        current = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem(self.tr("All tags"), "")
        for tag, n in self.store.tags():
            self.tag_filter.addItem(f"#{tag} ({n})", tag)
        index = self.tag_filter.findData(current) if current else 0
        self.tag_filter.setCurrentIndex(max(0, index))
        self.tag_filter.blockSignals(False)

    def passages_marked(self, document: Document) -> MarkedPassages:
        """Passages of `document` with a live bookmark, and the bookmarked spans (the reader's marks)."""
        return marks_in(document, self.store.list(doc_id=document.id))

    def current(self) -> Bookmark | None:
        item = self.list.currentIndex().data(ITEM_ROLE)
        return item if isinstance(item, Bookmark) else None

    # --- adding and editing --------------------------------------------------------------------

    def add_from_reader(
        self, document: Document, span: tuple[int, int] | None, passage: Passage | None
    ) -> Bookmark | None:
        if span is None and passage is None:
            return None
        start, end = span if span else (passage.start, passage.end)  # type: ignore[union-attr]
        dialog = BookmarkDialog(document.text[start:end], parent=self, known_tags=self._known_tags())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        note, tags = dialog.values()
        if span is None and passage is not None:
            return self.store_add(document, start, end, passage_id=passage.id, note=note, tags=tags, whole=True)
        return self.store_add(document, start, end, note=note, tags=tags)

    def add_pair(self, alignment: PairAlignment, row: int, column: int = SOURCE) -> Bookmark | None:
        """Bookmark one aligned pair: the side in `column` (else the other) is the anchor, in its
        document, and the other side its counterpart, in the other document (or the same one)."""
        columns = (column, TARGET if column == SOURCE else SOURCE)
        spans = [(c, span) for c in columns if (span := alignment.rows[row].span(c)) is not None]
        if not spans:
            return None
        (own_column, own), other = spans[0], spans[1] if len(spans) > 1 else None
        document = alignment.document(own_column)
        translation = alignment.document(other[0]).text[other[1][0] : other[1][1]] if other else ""
        dialog = BookmarkDialog(
            document.text[own[0] : own[1]], parent=self, known_tags=self._known_tags(), counterpart=translation
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        note, tags = dialog.values()
        ref = PairRef(alignment.document(other[0]).id, start=other[1][0], end=other[1][1]) if other else None
        return self.store_add(document, own[0], own[1], note=note, tags=tags, pair=ref)

    def store_add(
        self,
        document: Document,
        start: int,
        end: int,
        *,
        passage_id: str | None = None,
        note: str = "",
        tags: list[str] | tuple[str, ...] = (),
        pair: PairRef | None = None,
        whole: bool = False,
    ) -> Bookmark:
        if whole and passage_id:
            bookmark = self.store.add(document, passage_id=passage_id, note=note, tags=tags)
        else:
            bookmark = self.store.add(document, start=start, end=end, note=note, tags=tags, pair=pair)
        self.refresh()
        self.changed.emit()
        return bookmark

    def edit_current(self) -> None:
        bookmark = self.current()
        if bookmark is None:
            return
        dialog = BookmarkDialog(bookmark.quote, bookmark.note, bookmark.tags, self, self._known_tags())
        if dialog.exec() == QDialog.DialogCode.Accepted:
            note, tags = dialog.values()
            self.store.update(bookmark.id, note=note, tags=tags)
            self.refresh()

    def _known_tags(self) -> list[str]:
        return [tag for tag, _n in self.store.tags()]

    def delete_current(self) -> None:
        bookmark = self.current()
        if bookmark is None:
            return
        self.store.remove(bookmark.id)
        self._undo_ids.append(bookmark.id)
        self.undo_button.setEnabled(True)
        self.refresh()
        self.changed.emit()

    def undo_delete(self) -> None:
        """Undo the last delete, or restore the selected bookmark in the deleted view."""
        if self.show_deleted.isChecked():
            bookmark = self.current()
            if bookmark is not None:
                self.store.restore(bookmark.id)
                self.refresh()
                self.changed.emit()
            return
        if not self._undo_ids:
            return
        self.store.restore(self._undo_ids.pop())
        self.undo_button.setEnabled(bool(self._undo_ids))
        self.refresh()
        self.changed.emit()

    def _on_list_activated(self, index: QModelIndex) -> None:
        bookmark = index.data(ITEM_ROLE)
        if isinstance(bookmark, Bookmark) and bookmark.status is not AnchorStatus.ORPHANED:
            self.jump_requested.emit(bookmark.doc_id, bookmark.anchor.start, bookmark.anchor.end)

    # --- export --------------------------------------------------------------------------------

    def shown_bookmarks(self) -> list[Bookmark]:
        """The bookmarks the list shows now (search, tag, document and deleted filters applied)."""
        return list(self.model.items)

    def export_dialog(self, fmt: str) -> Path | None:
        """Ask which bookmarks (when a filter hides some), then where; say where they were written."""
        bookmarks = self.exporter.choose()
        path = None if bookmarks is None else self.exporter.ask_path(fmt)
        return None if path is None else self.export_to(path, fmt, bookmarks)

    def export_to(self, path: Path, fmt: str, bookmarks: list[Bookmark] | None = None) -> Path | None:
        """Write `bookmarks` (default: those shown) to `path` in `fmt`, and say so under the list."""
        chosen = self.shown_bookmarks() if bookmarks is None else bookmarks
        return self.exporter.write(path, fmt, chosen, self.corpus)


def _button(text: str, tip: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    return button
