"""Side-by-side view: two language versions, one aligned pair per row.

The versions are the two parts of one bilingual document (the thesis abstract) or two documents
that translate each other; a row's source cell shows a span of the source text, its target cell
one of the target text (`viewer.ui.pair_rows`). A single table keeps both sides in one scroll
area (they always scroll together, ParaConc and InterText style). Selecting or hovering a
sentence lights its counterpart on the other side; pairs the aligner is unsure of carry a red
score and say it in a tooltip; pairs the user corrected show ✎ and those confirmed ✓ instead of a
score; cells holding a search match are tinted, their matched words marked (`viewer.ui.pair_cells`)
and their row marked ●; F3 steps through them. Rows are as tall as their text at the current width
and are laid out again when it changes, the top row kept in place. The rows change in place when
the user corrects the alignment (`PairsModel.replace_rows` in `viewer.ui.pair_model`, driven by
`viewer.ui.pair_editor`).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from viewer.core.align.corrections import AUTOMATIC, CONFIRMED, EDITED
from viewer.ui.pair_cells import MatchDelegate
from viewer.ui.pair_model import LOW_CONFIDENCE, PairsModel
from viewer.ui.pair_rows import SCORE, SOURCE, TARGET, PairAlignment, PairRow, Span

FIT_SLICE = 150  # rows laid out between two events while a long alignment is fitted to a new width

__all__ = ["LOW_CONFIDENCE", "SCORE", "SOURCE", "TARGET", "PairRow", "PairView", "PairsModel"]


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
        # Row heights follow the text: laid out again (the top row kept in place) whenever the columns
        # get wider or narrower, since Qt keeps a row's height from when it was first measured.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._relayout = QTimer(self)
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(40)
        self._relayout.timeout.connect(self.fit_rows)
        self.table.horizontalHeader().sectionResized.connect(lambda *_: self._relayout.start())
        self._unfitted: list[int] = []  # rows still to lay out at the current width, next first
        self._fitting = QTimer(self)
        self._fitting.setSingleShot(True)
        self._fitting.setInterval(0)
        self._fitting.timeout.connect(self._fit_slice)
        self.table.setItemDelegate(MatchDelegate(self.table))
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
        self.fit_rows()
        self.refresh_summary()
        self.current_changed.emit()

    def replace_rows(self, alignment: PairAlignment, start: int, removed: int, added: int) -> None:
        """The alignment after an edit (see `PairsModel.replace_rows`); the selection stays where it was."""
        if self.model is None:
            self.set_pairs(alignment)
            return
        self.model.replace_rows(alignment, start, removed, added)
        for row in range(start, min(start + added, self.model.rowCount())):
            self.table.resizeRowToContents(row)
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

    def fit_rows(self) -> None:
        """Every row as tall as its text at the columns' width now; the row at the top stays there.

        The rows on screen are laid out at once; the others follow in slices of `FIT_SLICE` rows
        between events, so a long document never holds the window up (`fitting` while they do)."""
        if self.model is None or not self.model.rowCount():
            self._unfitted = []
            return
        count = self.model.rowCount()
        top = max(0, self.table.rowAt(0))
        bottom = self.table.rowAt(self.table.viewport().height() - 1)
        bottom = count - 1 if bottom < 0 else bottom
        shown = list(range(top, bottom + 1))
        self._unfitted = [*range(bottom + 1, count), *range(top - 1, -1, -1)]  # below first, then above
        self._fit(shown)
        if self._unfitted:
            self._fitting.start()

    @property
    def fitting(self) -> bool:
        """Rows off screen are still being laid out at the current width."""
        return bool(self._unfitted)

    def _fit_slice(self) -> None:
        rows, self._unfitted = self._unfitted[:FIT_SLICE], self._unfitted[FIT_SLICE:]
        self._fit(rows)
        if self._unfitted:
            self._fitting.start()

    def _fit(self, rows: list[int]) -> None:
        """Lay out these rows, keeping the row at the top where it is on screen."""
        if self.model is None:
            return
        top = self.table.rowAt(0)
        offset = self.table.rowViewportPosition(top) if top >= 0 else 0
        count = self.model.rowCount()
        for row in rows:
            if row < count:
                self.table.resizeRowToContents(row)
        if top >= 0:  # the scroll range is updated later by Qt: make room for the new heights now
            bar, header = self.table.verticalScrollBar(), self.table.verticalHeader()
            bar.setRange(0, max(bar.maximum(), header.length() - self.table.viewport().height()))
            bar.setValue(header.sectionPosition(top) - offset)

    def step_hit(self, step: int) -> tuple[int, int]:
        """Select the next (step 1) or previous (-1) cell holding a search match, from the selected
        one, wrapping around; (its number from 0, how many there are), (0, 0) when there are none."""
        cells = self.hit_cells()
        if not cells:
            return 0, 0
        current = self.selected_cell()
        if current in cells:
            i = (cells.index(current) + step) % len(cells)
        elif current is None:
            i = 0 if step > 0 else len(cells) - 1
        else:
            after = [k for k, cell in enumerate(cells) if cell > current]
            before = [k for k, cell in enumerate(cells) if cell < current]
            i = (after[0] if after else 0) if step > 0 else (before[-1] if before else len(cells) - 1)
        self.select_cell(*cells[i])
        return i, len(cells)

    def hit_cells(self) -> list[tuple[int, int]]:
        """The (row, column) cells holding a search match, in reading order."""
        model = self.model
        if model is None:
            return []
        return [(r, c) for r in range(model.rowCount()) for c in (SOURCE, TARGET) if model.holds_hit(r, c)]

    def hit_position(self) -> tuple[int, int]:
        """(the selected cell's number among the matching cells, -1 when it holds none; how many)."""
        cells = self.hit_cells()
        current = self.selected_cell()
        return (cells.index(current) if current in cells else -1), len(cells)

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
