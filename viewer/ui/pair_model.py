"""The side-by-side view's model: the rows of one `PairAlignment` as a three-column table (source,
score or status, target), which cell's counterpart is lit, and where the search matches are.
"""

from __future__ import annotations

import bisect
import itertools

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QPalette

from viewer.core.align.corrections import AUTOMATIC, CONFIRMED, EDITED
from viewer.ui import theme
from viewer.ui.labels import lang_name
from viewer.ui.pair_cells import MatchDelegate, runs
from viewer.ui.pair_rows import SCORE, SOURCE, TARGET, PairAlignment, PairRow, Span

# Pairs below this confidence are marked as uncertain.
LOW_CONFIDENCE = 0.5
_MARKS = {EDITED: "✎", CONFIRMED: "✓"}  # shown for a pair the user corrected or confirmed


_DISPLAY, _TOOLTIP = int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole)
_BACKGROUND, _FOREGROUND = int(Qt.ItemDataRole.BackgroundRole), int(Qt.ItemDataRole.ForegroundRole)
_ALIGNMENT, _MATCHES = int(Qt.ItemDataRole.TextAlignmentRole), MatchDelegate.MATCH_ROLE
_ROLES = frozenset({_DISPLAY, _TOOLTIP, _BACKGROUND, _FOREGROUND, _ALIGNMENT, _MATCHES})
_CENTRED = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)


class PairsModel(QAbstractTableModel):
    """The rows of one `PairAlignment`; knows which cell's counterpart is lit and where the hits are."""

    def __init__(self, alignment: PairAlignment, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.alignment = alignment
        self.rows = list(alignment.rows)
        self.languages = alignment.languages
        self.focus: tuple[int, int] | None = None  # (row, column) whose counterpart is lit
        self.hits: dict[int, list[Span]] = {SOURCE: [], TARGET: []}  # search matches per side
        # Asked for many times per cell while rows are laid out, so kept: the cells' texts, the hits'
        # starts with the furthest end reached so far (to tell a cell holds one in log time), brushes.
        self._texts: dict[tuple[int, int], str] = {}
        self._starts: dict[int, list[int]] = {SOURCE: [], TARGET: []}
        self._reach: dict[int, list[int]] = {SOURCE: [], TARGET: []}
        self._brushes: dict[tuple[str, str, int], QBrush] = {}
        self.marks: dict[int, list[Span]] = {SOURCE: [], TARGET: []}  # bookmarked spans per side

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def cell_span(self, row: int, column: int) -> Span | None:
        return self.rows[row].span(column)

    def text(self, row: int, column: int) -> str:
        key = (row, column)
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = self.alignment.span_text(self.rows[row].span(column), column)
        return text

    def replace_rows(self, alignment: PairAlignment, start: int, removed: int, added: int) -> None:
        """The alignment after an edit: rows[start : start + removed] became `added` new rows."""
        self.alignment = alignment
        self._texts.clear()
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
        role = int(role)
        if role not in _ROLES or not index.isValid():  # most roles Qt asks for while laying out: none
            return None
        row, column = index.row(), index.column()
        pair = self.rows[row]
        if role == _DISPLAY:
            if column == SCORE:
                return _MARKS.get(pair.status) or f"{pair.score:.2f}"
            return self.text(row, column) or "—"
        if role == _MATCHES:
            span = pair.span(column)
            if column == SCORE or span is None or not self.holds_hit(row, column):
                return None
            return runs(self.alignment.document(column).text, span, self.hits[column])
        if role == _BACKGROUND:
            return self._background(row, column, pair)
        if role == _ALIGNMENT:
            return _CENTRED if column == SCORE else _LEFT
        if role == _FOREGROUND:
            dimmed = column == SCORE and pair.score >= LOW_CONFIDENCE and pair.status == AUTOMATIC
            return self._brush("dimmed", "") if dimmed else None
        if pair.status == CONFIRMED:  # the tooltip
            return self.tr("Confirmed by you")
        if pair.status == EDITED:
            return self.tr("Corrected by you")
        note = self.tr("low confidence") if pair.score < LOW_CONFIDENCE else self.tr("confident")
        return self.tr("Alignment confidence {score:.2f} ({note})").format(score=pair.score, note=note)

    def _background(self, row: int, column: int, pair: PairRow) -> QBrush | None:
        if self.focus and self.focus[0] == row and column in (SOURCE, TARGET) and column != self.focus[1]:
            return self._brush("highlight", "counterpart")
        if column == SCORE:
            if pair.status != AUTOMATIC:
                return self._brush("highlight", pair.status)
            return self._brush("highlight", "low") if pair.score < LOW_CONFIDENCE else None
        lang = self.languages[0 if column == SOURCE else 1]
        return self._brush("hit" if self.holds_hit(row, column) else "tint", lang)

    def _brush(self, kind: str, name: str) -> QBrush:
        key = (kind, name, theme.palette().cacheKey())  # a new palette (light/dark) makes new brushes
        brush = self._brushes.get(key)
        if brush is None:
            if kind == "dimmed":  # a score: quieter than the text, readable in light and dark
                pal = theme.palette()
                colour = theme.mix(pal.color(QPalette.ColorRole.Text), pal.color(QPalette.ColorRole.Base), 0.4)
            elif kind == "highlight":
                colour = theme.highlight(name)
            else:
                colour = theme.hit_cell(name) if kind == "hit" else theme.lang_tint(name)
            brush = self._brushes[key] = QBrush(colour)
        return brush

    def holds_hit(self, row: int, column: int) -> bool:
        span = self.cell_span(row, column)
        if span is None or column not in self._starts:
            return False
        before = bisect.bisect_left(self._starts[column], span[1])  # the hits starting before the cell ends
        return before > 0 and self._reach[column][before - 1] > span[0]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            hit = self.holds_hit(section, SOURCE) or self.holds_hit(section, TARGET)
            marks = ("★ " if self.bookmarked(section) else "") + ("● " if hit else "")
            return f"{marks}{section + 1}"
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

    def bookmarked(self, row: int) -> bool:
        """The row holds (part of) a bookmark on either side."""
        for column in (SOURCE, TARGET):
            span = self.cell_span(row, column)
            if span and any(s < span[1] and span[0] < max(e, s + 1) for s, e in self.marks[column]):
                return True
        return False

    def set_marks(self, source: list[Span], target: list[Span]) -> None:
        """The bookmarked spans of the source and the target text: their rows are marked ★."""
        self.marks = {SOURCE: list(source), TARGET: list(target)}
        if self.rows:
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(self.rows) - 1)

    def set_hits(self, source: list[Span], target: list[Span]) -> None:
        """Search matches in the source and in the target text (the same list for one document)."""
        self.hits = {SOURCE: sorted(source), TARGET: sorted(target)}
        for column, spans in self.hits.items():
            self._starts[column] = [s for s, _ in spans]
            self._reach[column] = list(itertools.accumulate((e for _, e in spans), max))
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
