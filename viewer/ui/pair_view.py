"""Side-by-side view: two language versions, one aligned pair per row.

The versions are the two parts of one bilingual document (the thesis abstract) or two documents
that translate each other; a row's source cell shows a span of the source text, its target cell
one of the target text (`viewer.ui.pair_rows`). A single table keeps both sides in one scroll
area (they always scroll together, ParaConc and InterText style). Selecting or hovering a
sentence lights its counterpart on the other side; pairs the aligner is unsure of carry a red
score and say it in a tooltip; cells holding a search match are tinted and their row marked ●.
"""

from __future__ import annotations

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

from viewer.ui import theme
from viewer.ui.labels import lang_name
from viewer.ui.pair_rows import SCORE, SOURCE, TARGET, PairAlignment, PairRow, Span

__all__ = ["LOW_CONFIDENCE", "SCORE", "SOURCE", "TARGET", "PairRow", "PairView", "PairsModel"]

# Pairs below this confidence are marked as uncertain.
LOW_CONFIDENCE = 0.5


class PairsModel(QAbstractTableModel):
    """The rows of one `PairAlignment`; knows which cell's counterpart is lit and where the hits are."""

    def __init__(self, alignment: PairAlignment, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.alignment = alignment
        self.rows = alignment.rows
        self.languages = alignment.languages
        self.focus: tuple[int, int] | None = None  # (row, column) whose counterpart is lit
        self.hits: dict[int, list[Span]] = {SOURCE: [], TARGET: []}  # search matches per side

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def cell_span(self, row: int, column: int) -> Span | None:
        return self.rows[row].span(column)

    def text(self, row: int, column: int) -> str:
        return self.alignment.text(row, column)

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
            return self._background(row, column, pair)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == SCORE:
                return int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if role == Qt.ItemDataRole.ForegroundRole and column == SCORE:
            return QBrush(theme.dimmed_text()) if pair.score >= LOW_CONFIDENCE else None
        return None

    def _background(self, row: int, column: int, pair: PairRow) -> QBrush | None:
        if self.focus and self.focus[0] == row and column in (SOURCE, TARGET) and column != self.focus[1]:
            return QBrush(theme.highlight("counterpart"))
        if column == SCORE:
            return QBrush(theme.highlight("low")) if pair.score < LOW_CONFIDENCE else None
        lang = self.languages[0 if column == SOURCE else 1]
        return QBrush(theme.hit_cell(lang) if self.holds_hit(row, column) else theme.lang_tint(lang))

    def holds_hit(self, row: int, column: int) -> bool:
        span = self.cell_span(row, column)
        return bool(span and any(s < span[1] and span[0] < e for s, e in self.hits.get(column, ())))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            hit = self.holds_hit(section, SOURCE) or self.holds_hit(section, TARGET)
            return f"● {section + 1}" if hit else str(section + 1)
        if section == SCORE:
            return self.tr("Score")
        column = SOURCE if section == SOURCE else TARGET
        name = lang_name(self.languages[0 if column == SOURCE else 1])
        if self.alignment.two_documents:
            return f"{name} · {short_name(self.alignment.document(column).id)}"
        return name

    def set_focus(self, focus: tuple[int, int] | None) -> None:
        old, self.focus = self.focus, focus
        for cell in (old, focus):
            if cell:
                self.dataChanged.emit(self.index(cell[0], SOURCE), self.index(cell[0], TARGET))

    def set_hits(self, source: list[Span], target: list[Span]) -> None:
        """Search matches in the source and in the target text (the same list for one document)."""
        self.hits = {SOURCE: sorted(source), TARGET: sorted(target)}
        if self.rows:
            self.dataChanged.emit(self.index(0, SOURCE), self.index(len(self.rows) - 1, TARGET))
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(self.rows) - 1)

    def row_at_offset(self, offset: int, columns: tuple[int, ...] = (SOURCE, TARGET)) -> tuple[int, int] | None:
        """(row, column) of the sentence holding an offset into the text of one of `columns`."""
        for row, pair in enumerate(self.rows):
            for column in columns:
                span = pair.span(column)
                if span and span[0] <= offset < span[1]:
                    return row, column
        return None


def short_name(doc_id: str) -> str:
    """A document's name without its collection folder ("interview/nb_intervju" -> "nb_intervju")."""
    return doc_id.rsplit("/", 1)[-1]


class PairView(QWidget):
    """The table of pairs with a one-line summary above it."""

    sentence_selected = Signal(int, int, int)  # the column, then the offsets of the sentence in its text

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: PairsModel | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setContentsMargins(6, 2, 6, 2)
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

    @property
    def alignment(self) -> PairAlignment | None:
        return self.model.alignment if self.model is not None else None

    def set_pairs(self, alignment: PairAlignment) -> None:
        self.model = PairsModel(alignment, self)
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(SOURCE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(SCORE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TARGET, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentChanged.connect(self._on_selection_current_changed)
        rows = alignment.rows
        low = sum(1 for r in rows if r.score < LOW_CONFIDENCE)
        summary = self.tr(
            "{n} aligned pairs · {low} with low confidence (red score; hover for details) · ● rows with "
            "search matches · select a sentence to light up its translation"
        ).format(n=len(rows), low=low)
        if not alignment.translated:
            summary = (
                self.tr("These texts do not align as a translation: each sentence is shown on its own row.")
                + " "
                + summary
            )
        self.summary.setText(summary)

    def select_cell(self, row: int, column: int) -> None:
        if self.model is None:
            return
        index = self.model.index(row, column)
        self.table.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def select_offset(self, offset: int, columns: tuple[int, ...] = (SOURCE, TARGET)) -> bool:
        """Select the sentence holding an offset into the text of one of `columns`; True when one does."""
        cell = self.model.row_at_offset(offset, columns) if self.model else None
        if cell:
            self.select_cell(*cell)
        return cell is not None

    def counterpart(self) -> Span | None:
        """The span lit up as the counterpart of the current selection (in the other column's text)."""
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
            self.sentence_selected.emit(current.column(), *span)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.model is not None and event.type() == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
            index = self.table.indexAt(event.position().toPoint())
            if index.isValid() and index.column() != SCORE:
                self.model.set_focus((index.row(), index.column()))
        elif self.model is not None and event.type() == QEvent.Type.Leave:
            current = self.table.currentIndex()
            self.model.set_focus((current.row(), current.column()) if current.isValid() else None)
        return super().eventFilter(watched, event)
