"""The language-aware reader: a whole document, passage by passage, tinted by language.

The text is laid out by `reader_text` (markup shown clean, each shown run a verbatim slice of
`Document.text`, with a map between offsets and view positions); hits, find matches, bookmarks and
counterparts are drawn over it by `reader_marks` as extra selections: the text never changes.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics, QGuiApplication, QResizeEvent, QTextCursor
from PySide6.QtWidgets import QLabel, QSizePolicy, QTextBrowser, QVBoxLayout, QWidget

from viewer.core.corpus.markup import plain
from viewer.core.corpus.model import Document, Passage
from viewer.ui import theme
from viewer.ui.find_bar import FindBar
from viewer.ui.labels import citation, lang_name
from viewer.ui.reader_marks import selections
from viewer.ui.reader_text import PositionMap, build

Span = tuple[int, int]


MEASURE = 110  # characters in a line at most (a wide window centres the text)


class ReaderView(QWidget):
    """One document at a time, with a legend, a find bar and hit navigation (F3 / Shift+F3)."""

    hit_changed = Signal(int, int)  # current hit index (0-based), number of hits
    selection_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self._map = PositionMap()
        self._hits: list[Span] = []
        self._current = -1
        self._bookmarked: set[str] = set()
        self._bookmark_spans: list[Span] = []
        self._jumped: Span | None = None  # the bookmark last jumped to, drawn stronger
        self._marked: list[Span] = []

        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setObjectName("reader")
        self.browser.selectionChanged.connect(self.selection_changed)
        self.legend = QLabel()
        self.legend.setObjectName("legend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        self.legend.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.find_bar = FindBar(self.browser)
        self.find_bar.changed.connect(self._on_find_bar_changed)
        self.find_bar.closed.connect(self._on_find_bar_closed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.legend)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.find_bar)
        self._update_legend()
        self.show_welcome()

    def show_welcome(self) -> None:
        """Before a document is open: how to begin, in a few lines (F1 has the rest)."""
        lines = [
            self.tr("Type in the search box to find passages in every language; press ? for the query language."),
            self.tr("Or open a document from the list on the left with Enter or a double click."),
            self.tr("Ctrl+T reads a text beside its translation, sentence by sentence; Ctrl+D bookmarks a passage."),
            self.tr("File > Add folder… brings in your own texts. F1 lists every shortcut."),
        ]
        heading = self.tr("Start reading")
        items = "".join(f"<li style='margin-bottom:6px'>{escape(line)}</li>" for line in lines)
        self.browser.setHtml(f"<h3>{escape(heading)}</h3><ul>{items}</ul>")

    # --- building ------------------------------------------------------------------------------

    def show_document(self, document: Document, bookmarked: set[str] | None = None) -> None:
        """Show `document`; `bookmarked` holds the ids of passages with a bookmark (their mark) and,
        when it is a `MarkedPassages`, the bookmarked spans (drawn as highlights)."""
        self.document = document
        self._bookmarked = set(bookmarked or ())
        self._bookmark_spans = list(getattr(bookmarked, "spans", ()))
        self._hits, self._current, self._marked, self._jumped = [], -1, [], None
        self.find_bar.forget()
        doc, self._map = build(document, self.browser.font(), self._bookmarked, self.browser)
        self.browser.setDocument(doc)
        self._update_legend()
        self._refresh_selections()
        self.browser.verticalScrollBar().setValue(0)

    def _update_legend(self) -> None:
        swatches = " ".join(
            f"<span style='background:{theme.lang_badge(code).name()};color:white'>&nbsp;{code}&nbsp;</span>"
            f"&nbsp;{escape(lang_name(code))}&nbsp;&nbsp;"
            for code in ("en", "nb", "nn", "und")
        )
        dim = theme.dimmed_text().name()
        noise = self.tr("grey = layout noise")
        self.legend.setText(f"{swatches}<span style='color:{dim}'>{escape(noise)}</span>")

    # --- offsets <-> view positions ------------------------------------------------------------

    def offset_to_position(self, offset: int, *, end: bool = False) -> int:
        """The view position of a document offset (`end`: as the end of a span)."""
        return self._map.to_position(offset, end=end)

    def position_to_offset(self, position: int, *, end: bool = False) -> int | None:
        """The document offset of a view position (`end`: as the end of a span), None when empty."""
        return self._map.to_offset(position, end=end)

    def selection_range(self) -> Span | None:
        """The selected text as document offsets, or None without a selection."""
        cursor = self.browser.textCursor()
        if not cursor.hasSelection():
            return None
        start = self.position_to_offset(cursor.selectionStart())
        end = self.position_to_offset(cursor.selectionEnd(), end=True)
        if start is None or end is None or end <= start:
            return None
        return start, end

    def current_passage(self) -> Passage | None:
        """The passage under the text cursor, else the current hit's passage."""
        if self.document is None:
            return None
        offset = self.position_to_offset(self.browser.textCursor().position())
        if self._current >= 0:
            offset = self._hits[self._current][0] if offset is None else offset
        if offset is None:
            return None
        for passage in self.document.passages:
            if passage.start <= offset < passage.end:
                return passage
        return None

    # --- hits, marks and find ------------------------------------------------------------------

    def show_hits(self, hits: list[Span], current: int = 0, *, scroll: bool = True) -> None:
        """Highlight search matches (document offsets) and scroll to the current one; `current` -1:
        none is current yet (F3 goes to the first after the place being read)."""
        self._hits, self._jumped = sorted(hits), None
        self._current = min(max(current, 0), len(self._hits) - 1) if self._hits and current >= 0 else -1
        self._refresh_selections()
        if scroll:
            self._scroll_to_current()
        self.hit_changed.emit(self._current, len(self._hits))

    @property
    def hits(self) -> list[Span]:
        return list(self._hits)

    @property
    def current_hit(self) -> Span | None:
        return self._hits[self._current] if 0 <= self._current < len(self._hits) else None

    def mark(self, spans: list[Span]) -> None:
        """Highlight spans without scrolling (e.g. a counterpart sentence)."""
        self._marked = list(spans)
        self._refresh_selections()

    def show_bookmark(self, start: int, end: int) -> None:
        """Jump to a bookmark: its text drawn as the bookmark it is (not as a search match, so no
        "match 1 of 1"), scrolled to, and the text cursor put at its start."""
        self._hits, self._current, self._jumped = [], -1, (start, end)
        self._refresh_selections()
        cursor = self._span_cursor((start, end))
        self._center(cursor)
        at = QTextCursor(self.browser.document())
        at.setPosition(cursor.selectionStart())
        self.browser.setTextCursor(at)
        self.hit_changed.emit(-1, 0)

    def set_bookmarks(self, spans: list[Span]) -> None:
        """Redraw the bookmarked spans without rebuilding the text."""
        self._bookmark_spans = sorted(spans)
        self._refresh_selections()

    def scroll_to_offset(self, offset: int) -> None:
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(self.offset_to_position(offset))
        self._center(cursor)

    def next_hit(self) -> None:
        if self.find_bar.isVisible() and self.find_bar.matches:
            self.find_bar.step(1)
        elif self._hits:
            if self._current < 0:  # none current yet: the first match after the place being read
                self._current = self._first_after_view() - 1
            self._current = (self._current + 1) % len(self._hits)
            self._refresh_selections()
            self._scroll_to_current()
            self.hit_changed.emit(self._current, len(self._hits))

    def previous_hit(self) -> None:
        if self.find_bar.isVisible() and self.find_bar.matches:
            self.find_bar.step(-1)
        elif self._hits:
            if self._current < 0:
                self._current = self._first_after_view()
            self._current = (self._current - 1) % len(self._hits)
            self._refresh_selections()
            self._scroll_to_current()
            self.hit_changed.emit(self._current, len(self._hits))

    @property
    def hit_index(self) -> int:
        return self._current

    def _span_cursor(self, span: Span) -> QTextCursor:
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(self.offset_to_position(span[0]))
        end = max(cursor.position(), self.offset_to_position(span[1], end=True))
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _refresh_selections(self) -> None:
        self.browser.setExtraSelections(
            selections(
                self._span_cursor,
                bookmarks=self._bookmark_spans,
                jumped=self._jumped,
                marked=self._marked,
                hits=self._hits,
                current_hit=self._current,
                find=self.find_bar.matches,
                find_index=self.find_bar.index,
            )
        )

    def _first_after_view(self) -> int:
        """The index of the first match at or below the top of what is shown."""
        top = self.browser.cursorForPosition(self.browser.viewport().rect().topLeft()).position()
        for i, span in enumerate(self._hits):
            if self._span_cursor(span).selectionStart() >= top:
                return i
        return 0

    def _scroll_to_current(self) -> None:
        if 0 <= self._current < len(self._hits):
            self._center(self._span_cursor(self._hits[self._current]))

    def _center(self, cursor: QTextCursor) -> None:
        rect = self.browser.cursorRect(cursor)
        bar = self.browser.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - self.browser.viewport().height() // 3)

    def open_find(self) -> None:
        selected = self.browser.textCursor().selectedText()
        self.find_bar.open(selected if selected and "\u2029" not in selected else "")

    def close_find(self) -> None:
        self.find_bar.close_bar()

    def _on_find_bar_changed(self) -> None:
        self._refresh_selections()
        current = self.find_bar.current()
        if current is not None:
            self._center(current)

    def _on_find_bar_closed(self) -> None:
        self._refresh_selections()
        self.browser.setFocus()

    # --- zoom and copy -------------------------------------------------------------------------

    def zoom_in(self) -> None:
        self.browser.zoomIn(1)
        self._fit_measure()

    def zoom_out(self) -> None:
        self.browser.zoomOut(1)
        self._fit_measure()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_measure()

    def _fit_measure(self) -> None:
        """Lines of at most MEASURE characters, centred: a full-width line on a wide screen is hard
        to read back to its start."""
        widest = MEASURE * QFontMetrics(self.browser.font()).averageCharWidth()
        spare = self.browser.width() - self.browser.verticalScrollBar().sizeHint().width() - widest
        side = max(0, spare // 2)
        self.browser.setViewportMargins(side, 0, side, 0)

    def copy_with_citation(self) -> str:
        """Copy the selection (or the current passage) followed by a citation of the document."""
        if self.document is None:
            return ""
        span = self.selection_range()
        passage = self.current_passage()
        if span is None and passage is None:
            return ""
        start, end = span or (passage.start, passage.end)  # type: ignore[union-attr]
        quote = " ".join(plain(self.document.text[start:end]).split())
        text = f"«{quote}»\n— {citation(self.document, (start, end))}"
        QGuiApplication.clipboard().setText(text)
        return text
