"""Side-by-side view: the two language versions of a text, one aligned pair per row.

A single table keeps both sides in one scroll area (they always scroll together, ParaConc and
InterText style). Selecting or hovering a sentence highlights its counterpart on the other side;
pairs the aligner is unsure of are tinted and carry their score in a tooltip.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from viewer.core.corpus.model import Document
from viewer.ui import theme
from viewer.ui.labels import lang_name

Span = tuple[int, int]
SOURCE, SCORE, TARGET = 0, 1, 2
# Pairs below this confidence are marked as uncertain.
LOW_CONFIDENCE = 0.5


@dataclass(frozen=True)
class PairRow:
    source: Span | None
    target: Span | None
    score: float


class PairsModel(QAbstractTableModel):
    """Rows of aligned pairs over one document's text; knows which cell is highlighted."""

    def __init__(self, document: Document, rows: Sequence[PairRow], languages: tuple[str, str],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.rows = list(rows)
        self.languages = languages
        self.focus: tuple[int, int] | None = None  # (row, column) whose counterpart is lit
        self.hits: list[Span] = []

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def cell_span(self, row: int, column: int) -> Span | None:
        pair = self.rows[row]
        return pair.source if column == SOURCE else pair.target if column == TARGET else None

    def text(self, row: int, column: int) -> str:
        span = self.cell_span(row, column)
        return " ".join(self.document.text[span[0]:span[1]].split()) if span else ""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        pair = self.rows[row]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == SCORE:
                return f"{pair.score:.2f}"
            return self.text(row, column) or "—"
        if role == Qt.ItemDataRole.ToolTipRole:
            note = self.tr("low confidence") if pair.score < LOW_CONFIDENCE else self.tr("confident")
            return self.tr("Alignment confidence {score:.2f} ({note})").format(score=pair.score, note=note)
        if role == Qt.ItemDataRole.BackgroundRole:
            if self.focus and self.focus[0] == row and column in (SOURCE, TARGET) and column != self.focus[1]:
                return QBrush(theme.highlight("counterpart"))
            if column == SCORE and pair.score < LOW_CONFIDENCE:
                return QBrush(theme.highlight("low"))
            if column in (SOURCE, TARGET):
                return QBrush(theme.lang_tint(self.languages[0 if column == SOURCE else 1]))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == SCORE:
                return int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if role == Qt.ItemDataRole.ForegroundRole and column == SCORE:
            return QBrush(theme.dimmed_text()) if pair.score >= LOW_CONFIDENCE else None
        return None

    def _holds_hit(self, row: int, column: int) -> bool:
        span = self.cell_span(row, column)
        return bool(span and any(s < span[1] and span[0] < e for s, e in self.hits))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            hit = self._holds_hit(section, SOURCE) or self._holds_hit(section, TARGET)
            return f"● {section + 1}" if hit else str(section + 1)
        if section == SCORE:
            return self.tr("Score")
        return lang_name(self.languages[0 if section == SOURCE else 1])

    def set_focus(self, focus: tuple[int, int] | None) -> None:
        old, self.focus = self.focus, focus
        for cell in (old, focus):
            if cell:
                self.dataChanged.emit(self.index(cell[0], SOURCE), self.index(cell[0], TARGET))

    def set_hits(self, hits: list[Span]) -> None:
        self.hits = list(hits)
        if self.rows:
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(self.rows) - 1)

    def row_at_offset(self, offset: int) -> tuple[int, int] | None:
        """(row, column) of the sentence holding a document offset."""
        for row, pair in enumerate(self.rows):
            for column, span in ((SOURCE, pair.source), (TARGET, pair.target)):
                if span and span[0] <= offset < span[1]:
                    return row, column
        return None


class PairView(QWidget):
    """The table of pairs with a one-line summary above it."""

    sentence_selected = Signal(int, int)  # document offsets of the selected sentence

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: PairsModel | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableView()
        self.table.setObjectName("pairs")
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setMouseTracking(True)
        self.table.viewport().installEventFilter(self)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def set_pairs(self, document: Document, rows: Sequence[PairRow], languages: tuple[str, str]) -> None:
        self.model = PairsModel(document, rows, languages, self)
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(SOURCE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(SCORE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TARGET, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentChanged.connect(self._on_selection_current_changed)
        low = sum(1 for r in rows if r.score < LOW_CONFIDENCE)
        self.summary.setText(self.tr(
            "{n} aligned pairs · {low} with low confidence (red score; hover for details) · ● rows with "
            "search matches · select a sentence to light up its translation").format(n=len(rows), low=low))

    def select_cell(self, row: int, column: int) -> None:
        if self.model is None:
            return
        index = self.model.index(row, column)
        self.table.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def select_offset(self, offset: int) -> bool:
        """Select the sentence that holds a document offset; True when one does."""
        cell = self.model.row_at_offset(offset) if self.model else None
        if cell:
            self.select_cell(*cell)
        return cell is not None

    def counterpart(self) -> Span | None:
        """The span lit up as the counterpart of the current selection."""
        if self.model is None or self.model.focus is None:
            return None
        row, column = self.model.focus
        return self.model.cell_span(row, TARGET if column == SOURCE else SOURCE)

    def _on_selection_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.model is None or not current.isValid() or current.column() == SCORE:
            return
        self.model.set_focus((current.row(), current.column()))
        span = self.model.cell_span(current.row(), current.column())
        if span:
            self.sentence_selected.emit(*span)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.model is not None and event.type() == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
            index = self.table.indexAt(event.position().toPoint())
            if index.isValid() and index.column() != SCORE:
                self.model.set_focus((index.row(), index.column()))
        elif self.model is not None and event.type() == QEvent.Type.Leave:
            current = self.table.currentIndex()
            self.model.set_focus((current.row(), current.column()) if current.isValid() else None)
        return super().eventFilter(watched, event)
