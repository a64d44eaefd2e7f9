"""Side-by-side view: two language versions, one aligned pair per row.

The versions are the two parts of one bilingual document (the thesis abstract) or two documents
that translate each other; a row's source cell shows a span of the source text, its target cell
one of the target text (`viewer.ui.pair_rows`). A single table keeps both sides in one scroll
area (they always scroll together, ParaConc and InterText style). Selecting or hovering a
sentence lights its counterpart on the other side; pairs the aligner is unsure of carry a red
score and say it in a tooltip; pairs the user corrected show ✎ and those confirmed ✓ instead of a
score; cells holding a search match are tinted and their row marked ●. The rows change in place
when the user corrects the alignment (`PairsModel.replace_rows`, driven by `viewer.ui.pair_editor`).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from viewer.core.align.corrections import AUTOMATIC, CONFIRMED, EDITED
from viewer.ui import theme
from viewer.ui.labels import lang_name
from viewer.ui.pair_rows import SCORE, SOURCE, TARGET, PairAlignment, PairRow, Span

__all__ = ["LOW_CONFIDENCE", "SCORE", "SOURCE", "TARGET", "PairRow", "PairView", "PairsModel"]

# Pairs below this confidence are marked as uncertain.
LOW_CONFIDENCE = 0.5
_MARKS = {EDITED: "✎", CONFIRMED: "✓"}  # shown for a pair the user corrected or confirmed


class PairsModel(QAbstractTableModel):
    """The rows of one `PairAlignment`; knows which cell's counterpart is lit and where the hits are."""

    def __init__(self, alignment: PairAlignment, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.alignment = alignment
        self.rows = list(alignment.rows)
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
        return self.alignment.span_text(self.rows[row].span(column), column)

    def replace_rows(self, alignment: PairAlignment, start: int, removed: int, added: int) -> None:
        """The alignment after an edit: rows[start : start + removed] became `added` new rows."""
        self.alignment = alignment
        if removed == added:
            self.rows = list(alignment.rows)
            if added:
                self.dataChanged.emit(self.index(start, SOURCE), self.index(start + added - 1, TARGET))
                self.headerDataChanged.emit(Qt.Orientation.Vertical, start, len(self.rows) - 1)
            return
        if removed:
            self.beginRemoveRows(QModelIndex(), start, start + removed - 1)
            del self.rows[start : start + removed]
            self.endRemoveRows()
        if added:
            self.beginInsertRows(QModelIndex(), start, start + added - 1)
            self.rows[start:start] = alignment.rows[start : start + added]
            self.endInsertRows()
        self.headerDataChanged.emit(Qt.Orientation.Vertical, start, max(start, len(self.rows) - 1))

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        pair = self.rows[row]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == SCORE:
                return _MARKS.get(pair.status) or f"{pair.score:.2f}"
            return self.text(row, column) or "—"
        if role == Qt.ItemDataRole.ToolTipRole:
            if pair.status == CONFIRMED:
                return self.tr("Confirmed by you")
            if pair.status == EDITED:
                return self.tr("Corrected by you")
            note = self.tr("low confidence") if pair.score < LOW_CONFIDENCE else self.tr("confident")
            return self.tr("Alignment confidence {score:.2f} ({note})").format(score=pair.score, note=note)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(row, column, pair)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == SCORE:
                return int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        if role == Qt.ItemDataRole.ForegroundRole and column == SCORE:
            return QBrush(theme.dimmed_text()) if pair.score >= LOW_CONFIDENCE and pair.status == AUTOMATIC else None
        return None

    def _background(self, row: int, column: int, pair: PairRow) -> QBrush | None:
        if self.focus and self.focus[0] == row and column in (SOURCE, TARGET) and column != self.focus[1]:
            return QBrush(theme.highlight("counterpart"))
        if column == SCORE:
            if pair.status != AUTOMATIC:
                return QBrush(theme.highlight(pair.status))
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
    menu_requested = Signal(QPoint)  # a right click on a pair (selected first), in global coordinates
    current_changed = Signal()  # another pair or side was selected, or the rows changed

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
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._on_context_menu)
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
        self.refresh_summary()
        self.current_changed.emit()

    def replace_rows(self, alignment: PairAlignment, start: int, removed: int, added: int) -> None:
        """The alignment after an edit (see `PairsModel.replace_rows`); the selection stays where it was."""
        if self.model is None:
            self.set_pairs(alignment)
            return
        self.model.replace_rows(alignment, start, removed, added)
        self.refresh_summary()
        self.current_changed.emit()

    def refresh_summary(self) -> None:
        if self.model is None:
            return
        alignment, rows = self.model.alignment, self.model.rows
        low = sum(1 for r in rows if r.score < LOW_CONFIDENCE and r.status == AUTOMATIC)
        summary = self.tr(
            "{n} aligned pairs · {low} with low confidence (red score; hover for details) · ● rows with "
            "search matches · select a sentence to light up its translation"
        ).format(n=len(rows), low=low)
        confirmed = sum(1 for r in rows if r.status == CONFIRMED)
        edited = sum(1 for r in rows if r.status == EDITED)
        if confirmed or edited:
            summary += " · " + self.tr("{e} corrected (✎), {c} confirmed (✓) by you").format(e=edited, c=confirmed)
        elif alignment.editable:
            summary += " · " + self.tr("right-click a pair to correct it")
        if alignment.problems:
            summary += " · " + self.tr(
                "{n} of your corrections no longer fit the changed text: they are kept but not shown"
            ).format(n=len(alignment.problems))
        if not alignment.translated:
            summary = (
                self.tr("These texts do not align as a translation: each sentence is shown on its own row.")
                + " "
                + summary
            )
        self.summary.setText(summary)

    def selected_cell(self) -> tuple[int, int] | None:
        """(row, column) of the selected pair: the selected side, the source when the score is."""
        index = self.table.currentIndex()
        if self.model is None or not index.isValid():
            return None
        return index.row(), SOURCE if index.column() == SCORE else index.column()

    def _on_context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if self.model is None or not index.isValid():
            return
        if index != self.table.currentIndex():
            self.select_cell(index.row(), index.column())
        self.menu_requested.emit(self.table.viewport().mapToGlobal(position))

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
        self.current_changed.emit()
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
