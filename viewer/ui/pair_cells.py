"""The side-by-side cells that hold search matches: their text with the matched words marked, as in
the reader. A cell shows its span's text with runs of whitespace made single spaces; `runs` cuts
that text at the matches (offsets into the document's exact text), and `MatchDelegate` paints such
a cell as rich text (sizing it the same way); every other cell is painted by Qt as plain text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from viewer.core.corpus.markup import has_markup, pieces
from viewer.ui import theme

Span = tuple[int, int]
_SPACE = re.compile(r"\s+")
MARGIN = 3  # px around the text, as Qt's own item text margin


def runs(text: str, span: Span, matches: Sequence[Span]) -> list[tuple[str, bool]]:
    """text[span] as (piece, is a match) runs, whitespace runs made single spaces, the ends trimmed;
    `matches` (sorted, offsets into `text`) are clipped to the span."""
    start, end = span
    if has_markup(text[start:end]):  # `# Heading`, `*emphasis*`: shown clean, as the reader shows them
        inside = [(max(s, start) - start, min(e, end) - start) for s, e in matches if s < end and e > start]
        shown = [(_SPACE.sub(" ", piece), marked) for piece, _styles, marked in pieces(text[start:end], inside)]
        return _trimmed(shown)
    cuts: list[tuple[int, int, bool]] = []
    at = start
    for s, e in matches:
        s, e = max(s, start), min(e, end)
        if s >= e or s < at:
            continue
        if s > at:
            cuts.append((at, s, False))
        cuts.append((s, e, True))
        at = e
    if at < end:
        cuts.append((at, end, False))
    return _trimmed([(_SPACE.sub(" ", text[s:e]), marked) for s, e, marked in cuts])


def _trimmed(out: list[tuple[str, bool]]) -> list[tuple[str, bool]]:
    if out:
        out[0] = (out[0][0].lstrip(), out[0][1])
        out[-1] = (out[-1][0].rstrip(), out[-1][1])
    return [(piece, marked) for piece, marked in out if piece]


def html_of(pieces: Sequence[tuple[str, bool]]) -> str:
    mark = theme.highlight("hit").name()
    return "".join(
        f'<span style="background-color:{mark}; color:#000000">{escape(p)}</span>' if marked else escape(p)
        for p, marked in pieces
    )


class MatchDelegate(QStyledItemDelegate):
    """Paints cells with matches (`MATCH_ROLE`: their runs) as rich text; others as Qt does."""

    MATCH_ROLE = int(Qt.ItemDataRole.UserRole) + 1

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

    def _document(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QTextDocument | None:
        pieces = index.data(self.MATCH_ROLE)
        if not pieces:
            return None
        document = QTextDocument()
        document.setDocumentMargin(MARGIN)
        document.setDefaultFont(option.font)
        document.setHtml(html_of(pieces))
        width = option.rect.width()
        document.setTextWidth(max(40, width))
        return document

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        document = self._document(option, index)
        if document is None:
            super().paint(painter, option, index)
            return
        style_option = QStyleOptionViewItem(option)
        self.initStyleOption(style_option, index)
        style_option.text = ""
        widget = style_option.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, style_option, painter, widget)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(style_option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, style_option.palette.color(role))
        rect = style_option.rect
        painter.save()
        painter.translate(rect.topLeft())
        painter.setClipRect(QRectF(0, 0, rect.width(), rect.height()))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        document = self._document(option, index)
        if document is None:
            return super().sizeHint(option, index)
        return QSize(int(document.idealWidth()), int(document.size().height()))
