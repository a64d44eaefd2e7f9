"""The language-aware reader: a whole document, passage by passage, tinted by language.

The QTextDocument is built with a cursor, inserting each passage's text verbatim, so a character
offset in `Document.text` maps linearly to a position in the view (`offset_to_position`). Hits,
find matches, bookmarks and counterparts are drawn as extra selections: the text never changes.
"""

from __future__ import annotations

import bisect
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QLabel,
    QSizePolicy,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from viewer.core.corpus.model import Document, Passage, PassageKind
from viewer.ui import theme
from viewer.ui.find_bar import FindBar
from viewer.ui.labels import citation, field_labels, group_name, kind_name, lang_name, no_date

Span = tuple[int, int]


class ReaderView(QWidget):
    """One document at a time, with a legend, a find bar and hit navigation (F3 / Shift+F3)."""

    hit_changed = Signal(int, int)  # current hit index (0-based), number of hits
    selection_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self._starts: list[int] = []  # passage starts in document offsets, for bisect
        self._positions: list[int] = []  # where each passage's text begins in the view
        self._hits: list[Span] = []
        self._current = -1
        self._bookmarked: set[str] = set()
        self._marked: list[Span] = []
        self._field_labels: dict[str, str] = {}

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

    # --- building ------------------------------------------------------------------------------

    def show_document(self, document: Document, bookmarked: set[str] | None = None) -> None:
        self.document = document
        self._bookmarked = set(bookmarked or ())
        self._hits, self._current, self._marked = [], -1, []
        self.find_bar.forget()
        doc = QTextDocument(self.browser)
        doc.setDefaultFont(self.browser.font())
        doc.setDocumentMargin(12)
        cursor = QTextCursor(doc)
        self._field_labels = field_labels()  # once per document, in the current UI language
        cursor.insertHtml(self._header_html(document))
        self._starts, self._positions = [], []
        group = None
        for passage in document.passages:
            if passage.group and passage.group != group and "." in passage.group:
                self._insert_group_heading(cursor, passage)
            group = passage.group
            self._insert_passage(cursor, passage)
        self.browser.setDocument(doc)
        self._update_legend()
        self._refresh_selections()
        self.browser.verticalScrollBar().setValue(0)

    def _header_html(self, document: Document) -> str:
        meta = document.meta
        handle = meta.extra.get("handle") or ""
        provenance = meta.provenance
        link = handle or next((w for w in provenance.split() if w.startswith("http")), "")
        unknown = self.tr("Unknown author")
        licence_label = self.tr("Licence")
        rows = [
            f"<h2 style='margin-bottom:2px'>{escape(meta.title)}</h2>",
            f"<div><b>{escape('; '.join(meta.authors) or unknown)}</b>"
            f" · {meta.year or escape(no_date())} · {escape(kind_name(meta.kind))}</div>",
        ]
        if link:
            rows.append(f"<div><a href='{escape(link)}'>{escape(link)}</a></div>")
        if provenance and provenance != link:
            rows.append(f"<div style='color:gray'>{escape(provenance)}</div>")
        licence = escape(meta.licence or self.tr("not stated"))
        rows.append(f"<div style='color:gray'>{licence_label}: {licence}</div>")
        return "".join(rows)

    def _insert_group_heading(self, cursor: QTextCursor, passage: Passage) -> None:
        block = QTextBlockFormat()
        block.setTopMargin(14)
        block.setBottomMargin(2)
        cursor.insertBlock(block, QTextCharFormat())
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold)
        base, _, lang = passage.group.partition(".")
        cursor.insertText(f"{group_name(base)} · {lang_name(lang)}", fmt)

    def _insert_passage(self, cursor: QTextCursor, passage: Passage) -> None:
        block = QTextBlockFormat()
        block.setTopMargin(3 if passage.low_value else 6)
        block.setBottomMargin(3 if passage.low_value else 6)
        block.setLeftMargin(4)
        if not passage.low_value:
            block.setBackground(theme.lang_tint(passage.lang.value))
        cursor.insertBlock(block, QTextCharFormat())
        if not passage.low_value and passage.kind is not PassageKind.METADATA:
            self._insert_badge(cursor, passage)
        plain = QTextCharFormat()
        if passage.id in self._bookmarked:
            mark = QTextCharFormat()
            mark.setForeground(theme.highlight("bookmark"))
            mark.setToolTip(self.tr("Bookmarked"))
            cursor.insertText(" ★", mark)
        cursor.insertText(" ", plain)
        if passage.label in self._field_labels:
            label = QTextCharFormat()
            label.setForeground(theme.dimmed_text())
            cursor.insertText(self._field_labels[passage.label] + ": ", label)
        body = QTextCharFormat()
        if passage.low_value:
            body.setForeground(theme.dimmed_text())
            body.setFontPointSize(max(6.0, self.browser.font().pointSizeF() * 0.85))
        elif passage.kind in (PassageKind.TITLE, PassageKind.HEADING):
            body.setFontWeight(QFont.Weight.Bold)
        elif passage.kind is PassageKind.QUOTE:
            body.setFontItalic(True)
        self._starts.append(passage.start)
        self._positions.append(cursor.position())
        cursor.insertText(passage.text, body)

    def _insert_badge(self, cursor: QTextCursor, passage: Passage) -> None:
        badge = QTextCharFormat()
        badge.setBackground(theme.lang_badge(passage.lang.value))
        badge.setForeground(QColor("white"))
        badge.setFontWeight(QFont.Weight.Bold)
        badge.setFontPointSize(max(6.0, self.browser.font().pointSizeF() * 0.75))
        badge.setToolTip(
            self.tr("{lang}, confidence {conf:.2f}").format(lang=lang_name(passage.lang.value), conf=passage.confidence)
        )
        cursor.insertText(f" {passage.lang.value} ", badge)

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

    def offset_to_position(self, offset: int) -> int:
        if not self._starts or self.document is None:
            return 0
        i = max(0, bisect.bisect_right(self._starts, offset) - 1)
        passage = self.document.passages[i]
        if offset >= passage.end and i + 1 < len(self._starts):
            return self._positions[i + 1]
        return self._positions[i] + max(0, min(offset, passage.end) - passage.start)

    def position_to_offset(self, position: int) -> int | None:
        if not self._positions or self.document is None:
            return None
        i = bisect.bisect_right(self._positions, position) - 1
        if i < 0:
            return None
        passage = self.document.passages[i]
        return passage.start + min(position - self._positions[i], passage.end - passage.start)

    def selection_range(self) -> Span | None:
        """The selected text as document offsets, or None without a selection."""
        cursor = self.browser.textCursor()
        if not cursor.hasSelection():
            return None
        start = self.position_to_offset(cursor.selectionStart())
        end = self.position_to_offset(cursor.selectionEnd())
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

    def show_hits(self, hits: list[Span], current: int = 0) -> None:
        """Highlight search matches (document offsets) and scroll to the current one."""
        self._hits = sorted(hits)
        self._current = min(max(current, 0), len(self._hits) - 1) if self._hits else -1
        self._refresh_selections()
        self._scroll_to_current()
        self.hit_changed.emit(self._current, len(self._hits))

    def mark(self, spans: list[Span]) -> None:
        """Highlight spans without scrolling (e.g. a counterpart sentence)."""
        self._marked = list(spans)
        self._refresh_selections()

    def scroll_to_offset(self, offset: int) -> None:
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(self.offset_to_position(offset))
        self._center(cursor)

    def next_hit(self) -> None:
        if self.find_bar.isVisible() and self.find_bar.matches:
            self.find_bar.step(1)
        elif self._hits:
            self._current = (self._current + 1) % len(self._hits)
            self._refresh_selections()
            self._scroll_to_current()
            self.hit_changed.emit(self._current, len(self._hits))

    def previous_hit(self) -> None:
        if self.find_bar.isVisible() and self.find_bar.matches:
            self.find_bar.step(-1)
        elif self._hits:
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
        cursor.setPosition(self.offset_to_position(span[1]), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _refresh_selections(self) -> None:
        selections = []

        def add(cursor: QTextCursor, colour: QColor, bold: bool = False) -> None:
            sel = QTextEdit.ExtraSelection()
            sel.cursor = cursor
            sel.format.setBackground(colour)
            if colour.lightness() > 150:  # keep text readable on a light mark in a dark palette
                sel.format.setForeground(QColor("#000"))
            if bold:
                sel.format.setProperty(QTextFormat.Property.FontWeight, int(QFont.Weight.Bold))
            selections.append(sel)

        for span in self._marked:
            add(self._span_cursor(span), theme.highlight("counterpart"))
        for i, span in enumerate(self._hits):
            colour = theme.highlight("hit")
            add(self._span_cursor(span), colour.darker(125) if i == self._current else colour, i == self._current)
        for i, cursor in enumerate(self.find_bar.matches):
            add(cursor, theme.highlight("counterpart") if i == self.find_bar.index else theme.highlight("hit"))
        self.browser.setExtraSelections(selections)

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

    def zoom_out(self) -> None:
        self.browser.zoomOut(1)

    def copy_with_citation(self) -> str:
        """Copy the selection (or the current passage) followed by a citation of the document."""
        if self.document is None:
            return ""
        span = self.selection_range()
        passage = self.current_passage()
        if span is None and passage is None:
            return ""
        start, end = span or (passage.start, passage.end)  # type: ignore[union-attr]
        text = f"«{self.document.text[start:end].strip()}»\n— {citation(self.document)}"
        QGuiApplication.clipboard().setText(text)
        return text
