"""The concordance table: one line per match, aligned on it (left context right-aligned and elided on
the left, the match bold in the middle, the right context elided on the right), with the aligned
sentence of the other language under each line, cut at the match's translation so that it sits
under the match. Every row has the same two-line height, so a thousand lines lay out at once.

Enter or a click opens the line in the reader; Shift+Enter opens it side by side with its counterpart.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QFont, QFontMetrics, QKeyEvent, QPainter, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from viewer.ui import theme
from viewer.ui.concordance_model import DOC, LEFT, LINE_ROLE, MATCH, RIGHT, ConcordanceModel

ModelIndex = QModelIndex | QPersistentModelIndex
PAD = 6
DOC_MIN, DOC_MAX = 90, 190  # the document column: its bounds (13% of the width between)


class ConcordanceDelegate(QStyledItemDelegate):
    """Paints a cell's two lines: the line's part, and under it the counterpart's part, quieter."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        parts = index.data(Qt.ItemDataRole.DisplayRole)
        if not parts:
            return
        top, bottom = parts
        column = index.column()
        palette, rect = option.palette, option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        if selected:
            painter.fillRect(rect, palette.highlight())
        elif index.row() % 2:
            painter.fillRect(rect, theme.mix(palette.base().color(), palette.text().color(), 0.035))
        text = palette.highlightedText().color() if selected else palette.text().color()
        dim = text if selected else theme.dimmed_text()
        metrics = QFontMetrics(option.font)
        line_height = metrics.height()
        first = QRect(rect.left() + PAD, rect.top() + PAD // 2, rect.width() - 2 * PAD, line_height)
        second = first.translated(0, line_height + 2)
        small = QFont(option.font)
        if column == DOC:
            painter.setPen(text)
            painter.drawText(
                first,
                Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(top, Qt.TextElideMode.ElideRight, first.width()),
            )
            self._badge(painter, second, bottom, small)
            painter.restore()
            return
        bold = QFont(option.font)
        bold.setBold(True)
        if column == MATCH:
            painter.setFont(bold)
            painter.setPen(text)
            bold_metrics = QFontMetrics(bold)
            painter.drawText(
                first,
                Qt.AlignmentFlag.AlignCenter,
                bold_metrics.elidedText(top, Qt.TextElideMode.ElideMiddle, first.width()),
            )
            if bottom:
                width = min(second.width(), bold_metrics.horizontalAdvance(bottom) + 6)
                mark = QRect(second.center().x() - width // 2, second.top(), width, second.height())
                if not selected:
                    painter.fillRect(mark, theme.highlight("counterpart"))
                painter.setPen(text)
                painter.drawText(
                    mark,
                    Qt.AlignmentFlag.AlignCenter,
                    bold_metrics.elidedText(bottom, Qt.TextElideMode.ElideMiddle, width),
                )
            painter.restore()
            return
        align = Qt.AlignmentFlag.AlignRight if column == LEFT else Qt.AlignmentFlag.AlignLeft
        elide = Qt.TextElideMode.ElideLeft if column == LEFT else Qt.TextElideMode.ElideRight
        painter.setPen(text)
        painter.drawText(first, align | Qt.AlignmentFlag.AlignVCenter, metrics.elidedText(top, elide, first.width()))
        painter.setPen(dim)
        painter.drawText(
            second, align | Qt.AlignmentFlag.AlignVCenter, metrics.elidedText(bottom, elide, second.width())
        )
        painter.restore()

    def _badge(self, painter: QPainter, rect: QRect, lang: str, font: QFont) -> None:
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
        metrics = QFontMetrics(font)
        badge = QRect(rect.left(), rect.top() + 1, metrics.horizontalAdvance(lang) + 8, rect.height() - 2)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.lang_badge(lang))
        painter.drawRoundedRect(badge, 3, 3)
        painter.setPen(Qt.GlobalColor.white)
        painter.setFont(font)
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, lang)


class ConcordanceView(QTableView):
    """The lines; `line_opened(line, side_by_side)` when one is clicked, or Enter / Shift+Enter."""

    line_opened = Signal(object, bool)
    left_top = Signal()  # Up on the first line: back to the search box
    sort_wanted = Signal(int)  # a column header was clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("concordance")
        self.setItemDelegate(ConcordanceDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().hide()
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(2 * QFontMetrics(self.font()).height() + PAD + 2)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsClickable(True)
        header.sectionClicked.connect(self.sort_wanted)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clicked.connect(self._on_clicked)

    def setModel(self, model: ConcordanceModel) -> None:  # type: ignore[override]
        super().setModel(model)
        header = self.horizontalHeader()
        header.setSectionResizeMode(DOC, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(LEFT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(MATCH, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(RIGHT, QHeaderView.ResizeMode.Stretch)
        model.modelReset.connect(self._fit_match_column)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.horizontalHeader().resizeSection(DOC, int(max(DOC_MIN, min(DOC_MAX, self.width() * 0.13))))

    def concordance_model(self) -> ConcordanceModel:
        model = self.model()
        assert isinstance(model, ConcordanceModel)
        return model

    def _fit_match_column(self) -> None:
        """Wide enough for the longest match and its marked translation (within bounds)."""
        model = self.concordance_model()
        bold = QFont(self.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        words = {line.match for line in model.lines} | {
            line.counterpart.text[slice(*line.counterpart.match)]
            for line in model.lines
            if line.counterpart is not None and line.counterpart.match is not None
        }
        widest = max((metrics.horizontalAdvance(w) for w in words), default=60)
        self.horizontalHeader().resizeSection(MATCH, max(70, min(220, widest + 2 * PAD + 8)))

    def current_line(self) -> object:
        index = self.currentIndex()
        return index.data(LINE_ROLE) if index.isValid() else None

    def _on_clicked(self, index: QModelIndex) -> None:
        line = index.data(LINE_ROLE)
        if line is not None:
            self.line_opened.emit(line, False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            line = self.current_line()
            if line is not None:
                self.line_opened.emit(line, bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
                return
        if event.key() == Qt.Key.Key_Up and self.currentIndex().row() <= 0:
            self.left_top.emit()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """Open in the reader, or side by side when the line has a translation (as Shift+Enter)."""
        line = self.indexAt(event.pos()).data(LINE_ROLE)
        if line is None:
            return
        menu = QMenu(self)
        menu.addAction(self.tr("Open in the reader\tEnter"), lambda: self.line_opened.emit(line, False))
        beside = menu.addAction(self.tr("Open side by side\tShift+Enter"), lambda: self.line_opened.emit(line, True))
        beside.setEnabled(line.counterpart is not None)
        menu.popup(event.globalPos())
