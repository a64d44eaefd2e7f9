"""What the reader draws over its text, never in it: bookmarked spans, the bookmark jumped to,
counterpart marks, search hits and find matches, as extra selections in colours that read in a
light and in a dark palette."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtGui import QColor, QFont, QPalette, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QTextEdit

from viewer.core.bookmarks.model import Bookmark
from viewer.core.corpus.anchors import AnchorStatus
from viewer.core.corpus.model import Document
from viewer.ui import theme

Span = tuple[int, int]


class MarkedPassages(set[str]):
    """The ids of passages that hold a bookmark, and the bookmarked spans themselves (document
    offsets): a set, so whoever asked for passage ids still gets them, with the spans beside."""

    def __init__(self, ids: Iterable[str] = (), spans: Iterable[Span] = ()) -> None:
        super().__init__(ids)
        self.spans: list[Span] = sorted(spans)


def marks_in(document: Document, bookmarks: Iterable[Bookmark]) -> MarkedPassages:
    """The passages of `document` that hold a live (not orphaned) bookmark, and their spans."""
    ids: set[str] = set()
    spans: list[Span] = []
    for bookmark in bookmarks:
        if bookmark.status is AnchorStatus.ORPHANED or bookmark.doc_id != document.id:
            continue
        start, end = bookmark.anchor.start, max(bookmark.anchor.end, bookmark.anchor.start + 1)
        spans.append((start, end))
        ids.update(passage.id for passage in document.passages_at(start, end))
    return MarkedPassages(ids, spans)


def bookmark_chip_colour() -> QColor:
    """The bookmark mark's background: strong enough for white text on it, light or dark."""
    base = theme.palette().color(QPalette.ColorRole.Base)
    return theme.mix(base, theme.BOOKMARK, 0.8 if theme.is_dark() else 0.9)


def bookmark_tint(current: bool = False) -> QColor:
    """Behind bookmarked text: a tint that leaves the language tint visible; stronger for the
    bookmark just jumped to."""
    base = theme.palette().color(QPalette.ColorRole.Base)
    if current:
        return theme.mix(base, theme.BOOKMARK, 0.55 if theme.is_dark() else 0.38)
    return theme.mix(base, theme.BOOKMARK, 0.3 if theme.is_dark() else 0.16)


def selections(
    span_cursor: Callable[[Span], QTextCursor],
    *,
    bookmarks: Iterable[Span] = (),
    jumped: Span | None = None,
    marked: Iterable[Span] = (),
    hits: list[Span] | None = None,
    current_hit: int = -1,
    find: list[QTextCursor] | None = None,
    find_index: int = -1,
) -> list[QTextEdit.ExtraSelection]:
    """The extra selections in drawing order: later ones are drawn over earlier ones."""
    out: list[QTextEdit.ExtraSelection] = []

    def add(cursor: QTextCursor, fmt: QTextCharFormat) -> None:
        sel = QTextEdit.ExtraSelection()
        sel.cursor = cursor
        sel.format = fmt
        out.append(sel)

    underline = QColor(theme.BOOKMARK) if not theme.is_dark() else theme.mix(theme.BOOKMARK, "#ffffff", 0.35)
    for span in bookmarks:
        add(span_cursor(span), _bookmark_format(bookmark_tint(), underline))
    if jumped is not None:
        add(span_cursor(jumped), _bookmark_format(bookmark_tint(current=True), underline))
    for span in marked:
        add(span_cursor(span), _background(theme.highlight("counterpart")))
    for i, span in enumerate(hits or ()):
        colour = theme.highlight("hit")
        add(span_cursor(span), _background(colour.darker(125) if i == current_hit else colour, i == current_hit))
    for i, cursor in enumerate(find or ()):
        add(cursor, _background(theme.highlight("counterpart") if i == find_index else theme.highlight("hit")))
    return out


def _bookmark_format(tint: QColor, underline: QColor) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(tint)
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    fmt.setUnderlineColor(underline)
    return fmt


def _background(colour: QColor, bold: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(colour)
    if colour.lightness() > 150:  # keep text readable on a light mark in a dark palette
        fmt.setForeground(QColor("#000"))
    if bold:
        fmt.setProperty(QTextFormat.Property.FontWeight, int(QFont.Weight.Bold))
    return fmt
