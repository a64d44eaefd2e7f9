"""The results list: a tree of document groups and their hits, driven from the keyboard.

Up/Down step through the hits (an open group's header is passed over; a closed one is a stop, so
it can be opened again), Left closes the group (from a hit too), Right opens it, Enter opens what
is current. Scrolling near the end, or End/Page Down at the bottom, asks for the next page.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPainter, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QStyleOptionViewItem, QTreeView, QWidget

from viewer.ui import theme
from viewer.ui.models import ITEM_ROLE, RichTextDelegate
from viewer.ui.results_model import TOP, DocumentGroup, GroupedResultsModel

ModelIndex = QModelIndex | QPersistentModelIndex
NEAR_END_PX = 400  # ask for the next page this close to the bottom: it arrives before the user gets there


class GroupedResultsDelegate(RichTextDelegate):
    """Rich text rows; a group header gets an open/closed arrow and a tinted band."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self.view = view

    def html(self, option: QStyleOptionViewItem, index: ModelIndex) -> str:
        html = super().html(option, index)
        if isinstance(index.data(ITEM_ROLE), DocumentGroup):
            arrow = "▾" if self.view.isExpanded(index.sibling(index.row(), 0)) else "▸"
            return f"<span style='color:{theme.dimmed_text().name()}'>{arrow}</span>&nbsp;{html}"
        return html

    def row_width(self, option: QStyleOptionViewItem, index: ModelIndex) -> int:
        indent = self.view.indentation() if index.parent().isValid() else 0
        return self.view.viewport().width() - indent

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        if index.internalId() == TOP and isinstance(index.data(ITEM_ROLE), DocumentGroup):
            painter.fillRect(option.rect, theme.mix(option.palette.base().color(), option.palette.text().color(), 0.06))
        super().paint(painter, option, index)


class ResultsView(QTreeView):
    """The grouped results; `next_page_wanted` when the user nears the end of what is loaded."""

    next_page_wanted = Signal()
    left_top = Signal()  # Up on the first row: back to the query box

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("results")
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)  # the delegate draws the arrow inside the header row
        self.setIndentation(14)
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setExpandsOnDoubleClick(False)  # a double click opens, as Enter does
        self.setItemsExpandable(True)
        self.setAnimated(False)
        self.setAllColumnsShowFocus(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setItemDelegate(GroupedResultsDelegate(self))
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.expanded.connect(self._on_group_toggled)
        self.collapsed.connect(self._on_group_toggled)

    def results_model(self) -> GroupedResultsModel:
        model = self.model()
        assert isinstance(model, GroupedResultsModel)
        return model

    def is_group(self, index: ModelIndex) -> bool:
        return index.isValid() and isinstance(self.results_model().item(index), DocumentGroup)

    def near_end(self) -> bool:
        """Whether the last loaded row is on screen or nearly so (also when nothing scrolls)."""
        self.executeDelayedItemsLayout()  # the scroll range of the rows just added
        bar = self.verticalScrollBar()
        return bar.maximum() - bar.value() <= NEAR_END_PX

    def viewportEvent(self, event: QEvent) -> bool:
        # WORKAROUND: QTreeView keeps each row's height from the width it was first laid out at;
        # wrapped rich text needs new heights whenever the viewport's width changes.
        if event.type() == QEvent.Type.Resize and isinstance(event, QResizeEvent):
            if event.size().width() != event.oldSize().width():
                self.scheduleDelayedItemsLayout()
        return super().viewportEvent(event)

    # --- keyboard -------------------------------------------------------------------------------

    def moveCursor(self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        current = self.currentIndex()
        if action == QAbstractItemView.CursorAction.MoveDown:
            below = self.indexBelow(current) if current.isValid() else self.results_model().index(0, 0)
            if self.is_group(below) and self.isExpanded(below):
                below = self.indexBelow(below)
            return below if below.isValid() else current
        if action == QAbstractItemView.CursorAction.MoveUp:
            above = self.indexAbove(current)
            if self.is_group(above) and self.isExpanded(above):
                above = self.indexAbove(above)
            if not above.isValid():
                self.left_top.emit()
                return current
            return above
        if action == QAbstractItemView.CursorAction.MoveLeft and current.isValid() and not self.is_group(current):
            group = current.parent()
            if group.isValid():
                self.collapse(group)
                return group
        return super().moveCursor(action, modifiers)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        at_bottom = self.verticalScrollBar().value() >= self.verticalScrollBar().maximum()
        super().keyPressEvent(event)
        if event.key() in (Qt.Key.Key_End, Qt.Key.Key_PageDown) and (at_bottom or self.near_end()):
            self.next_page_wanted.emit()

    # --- paging ---------------------------------------------------------------------------------

    def _on_scrolled(self, _value: int) -> None:
        if self.near_end():
            self.next_page_wanted.emit()

    def _on_group_toggled(self, index: QModelIndex) -> None:
        self.update(index)  # the header's arrow
        if self.near_end():  # closing a group may leave room for more
            self.next_page_wanted.emit()
