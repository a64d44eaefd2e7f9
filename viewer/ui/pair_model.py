"""The side-by-side view's model: the rows of one `PairAlignment` as a three-column table (source,
score or status, target), which cell's counterpart is lit, and where the search matches are.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush

from viewer.core.align.corrections import AUTOMATIC, CONFIRMED, EDITED
from viewer.ui import theme
from viewer.ui.labels import lang_name
from viewer.ui.pair_cells import MatchDelegate, runs
from viewer.ui.pair_rows import SCORE, SOURCE, TARGET, PairAlignment, PairRow, Span

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
        if role == MatchDelegate.MATCH_ROLE and column != SCORE:
            span = pair.span(column)
            return (
                runs(self.alignment.document(column).text, span, self.hits[column])
                if span and self.holds_hit(row, column)
                else None
            )
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
