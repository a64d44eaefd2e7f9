"""The results list: a tree of document groups and their hits, driven from the keyboard.

Up/Down step through the hits (an open group's header is passed over; a closed one is a stop, so
it can be opened again), Left closes the group (from a hit too), Right opens it, Enter opens what
is current. Scrolling near the end, or End/Page Down at the bottom, asks for the next page.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyleOptionViewItem, QTreeView, QWidget

from viewer.ui import theme
from viewer.ui.models import ITEM_ROLE, DocumentEntry, RichTextDelegate, short_title
from viewer.ui.results_model import TOP, DocumentGroup, GroupedResultsModel

ModelIndex = QModelIndex | QPersistentModelIndex
NEAR_END_PX = 400  # ask for the next page this close to the bottom: it arrives before the user gets there


class GroupedResultsDelegate(RichTextDelegate):
    """Hits as wrapped rich text; a document's header as one line drawn directly: an open/closed
    arrow, the title (elided), language badges and the count, on a tinted band.

    Headers are a third of the rows of a typical page; one line of plain painting keeps them off
    the rich-text layout that is most of the cost of showing results.
    """

    PAD = 5

    ENTRY_HEIGHTS = 20_000  # laid-out heights of browse entries kept, by (document, width, font)

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self.view = view
        self._typical: dict[tuple[int, str], int] = {}  # (width, font): a browse entry's usual height
        self._heights: dict[tuple[str, int, str], int] = {}  # entries laid out (painted) so far

    def html(self, option: QStyleOptionViewItem, index: ModelIndex) -> str:
        """A hit found through a translation (cross-language search) says which, after its kind."""
        html = super().html(option, index)
        via = getattr(index.data(ITEM_ROLE), "via", ())
        if not via:
            return html
        label = escape(self.tr("via: {words}").format(words=", ".join(via)))
        tag = f" <i style='color:{theme.dimmed_text().name()}'>· {label}</i>"
        head, kind_end, snippet = html.partition("</span>&nbsp; ")  # after the language and the kind
        return f"{head}</span>{tag}&nbsp; {snippet}" if kind_end else f"{html}{tag}"

    def row_width(self, option: QStyleOptionViewItem, index: ModelIndex) -> int:
        indent = self.view.indentation() if index.parent().isValid() else 0
        return self.view.viewport().width() - indent

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        item = index.data(ITEM_ROLE) if index.internalId() == TOP else None
        if isinstance(item, DocumentGroup):
            return QSize(self.row_width(option, index), QFontMetrics(option.font).height() + 2 * self.PAD + 2)
        if isinstance(item, DocumentEntry):
            return self._entry_size(option, index, item)
        return super().sizeHint(option, index)

    def _entry_size(self, option: QStyleOptionViewItem, index: ModelIndex, entry: DocumentEntry) -> QSize:
        """A browse entry's height without laying out its rich text: the view asks for every row's
        height (thousands of documents), only the rows shown need their layout. An entry not yet
        painted takes the usual height; painting lays it out and corrects it when it differs."""
        width = self.row_width(option, index)
        font = option.font.key()
        known = self._heights.get((entry.document.id, width, font)) or self._typical.get((width, font))
        if known is None:
            known = self._typical[(width, font)] = super().sizeHint(option, index).height()
        return QSize(width, known)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        group = index.data(ITEM_ROLE) if index.internalId() == TOP else None
        if isinstance(group, DocumentEntry):
            self._lay_out_entry(option, index, group)
        if not isinstance(group, DocumentGroup):
            super().paint(painter, option, index)
            return
        palette, rect = option.palette, option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        band = (
            palette.highlight().color() if selected else theme.mix(palette.base().color(), palette.text().color(), 0.07)
        )
        text = palette.highlightedText().color() if selected else palette.text().color()
        dim = text if selected else theme.dimmed_text()
        painter.save()
        painter.fillRect(rect, band)
        bold, small = QFont(option.font), QFont(option.font)
        bold.setBold(True)
        small.setPointSizeF(max(6.0, option.font.pointSizeF() * 0.85))
        x, right, mid = rect.left() + self.PAD, rect.right() - self.PAD, rect.center().y()
        arrow = "▾" if self.view.isExpanded(index) else "▸"
        painter.setPen(dim)
        painter.drawText(QRect(x, rect.top(), 14, rect.height()), Qt.AlignmentFlag.AlignVCenter, arrow)
        x += 16
        count = len(group.hits)
        counted = self.tr("1 passage") if count == 1 else self.tr("{n} passages").format(n=count)
        painter.setFont(option.font)
        right -= QFontMetrics(option.font).horizontalAdvance(counted)
        painter.drawText(
            QRect(right, rect.top(), rect.right() - right, rect.height()), Qt.AlignmentFlag.AlignVCenter, counted
        )
        metrics = QFontMetrics(small)
        for lang in reversed(group.languages()):
            width = metrics.horizontalAdvance(lang) + 8
            right -= width + 4
            badge = QRect(right, mid - metrics.height() // 2 - 1, width, metrics.height() + 2)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.lang_badge(lang))
            painter.drawRoundedRect(badge, 3, 3)
            painter.setPen(QColor("white"))
            painter.setFont(small)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, lang)
        painter.setFont(bold)
        painter.setPen(text)
        room = max(0, right - 8 - x)
        title = QFontMetrics(bold).elidedText(short_title(group.title, 200), Qt.TextElideMode.ElideRight, room)
        painter.drawText(QRect(x, rect.top(), room, rect.height()), Qt.AlignmentFlag.AlignVCenter, title)
        painter.restore()

    def _lay_out_entry(self, option: QStyleOptionViewItem, index: ModelIndex, entry: DocumentEntry) -> None:
        width, font = self.row_width(option, index), option.font.key()
        key = (entry.document.id, width, font)
        if key in self._heights:
            return
        measured = QStyleOptionViewItem(option)
        real = RichTextDelegate.sizeHint(self, measured, index).height()
        if len(self._heights) >= self.ENTRY_HEIGHTS:
            self._heights.clear()
        self._heights[key] = real
        if real != option.rect.height():
            self.sizeHintChanged.emit(index)  # the view lays the rows out again, with this one's height


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
        self.expanded.connect(self.update)  # the header's arrow
        self.collapsed.connect(self._on_group_collapsed)

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
            model = self.results_model()
            if model.canFetchMore(QModelIndex()):  # browsing: the next entries, before the end is reached
                model.fetchMore(QModelIndex())
            self.next_page_wanted.emit()

    def _on_group_collapsed(self, index: QModelIndex) -> None:
        self.update(index)  # the header's arrow
        if self.near_end():  # closing a group may leave room for more
            self.next_page_wanted.emit()
