"""The reader's text: a Document laid into a QTextDocument, markup shown clean, and the map between
document offsets and positions in the view.

Each passage is inserted run by run (`viewer.core.corpus.markup`): a run is a verbatim slice of
`Document.text`, so inside a run an offset maps linearly to a view position, and between runs lie
only what the view adds (badges, marks, labels) or hides (markup). `PositionMap` keeps one segment
per run and says where an offset falls, treating the start and the end of a span differently, so a
highlight never spills onto the next passage's badge and a selection from a passage's first column
starts at its first character.
"""

from __future__ import annotations

import bisect
from html import escape

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QColor, QFont, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument

from viewer.core.corpus.markup import Style, render
from viewer.core.corpus.model import Document, Passage, PassageKind
from viewer.ui import theme
from viewer.ui.labels import field_labels, group_name, kind_name, lang_name
from viewer.ui.reader_marks import bookmark_chip_colour


class PositionMap:
    """Segments (document start, document end, view start) of the shown runs, in document order."""

    def __init__(self) -> None:
        self.doc_starts: list[int] = []
        self.doc_ends: list[int] = []
        self.view_starts: list[int] = []

    def add(self, start: int, end: int, view_start: int) -> None:
        self.doc_starts.append(start)
        self.doc_ends.append(end)
        self.view_starts.append(view_start)

    def __bool__(self) -> bool:
        return bool(self.doc_starts)

    def to_position(self, offset: int, *, end: bool = False) -> int:
        """The view position of a document offset; an offset in hidden markup or between passages
        goes forward to the next shown character, or, for the `end` of a span, back to the last."""
        if not self.doc_starts:
            return 0
        find = bisect.bisect_left if end else bisect.bisect_right
        i = find(self.doc_starts, offset) - 1
        if i < 0:
            return self.view_starts[0]
        start, stop, view = self.doc_starts[i], self.doc_ends[i], self.view_starts[i]
        if offset < stop or (end and offset <= stop):
            return view + offset - start
        if end or i + 1 >= len(self.doc_starts):
            return view + stop - start
        return self.view_starts[i + 1]

    def to_offset(self, position: int, *, end: bool = False) -> int | None:
        """The document offset of a view position; a position on something the view added (a
        badge, a heading) goes to the next passage's text, or for an `end`, to the previous one's."""
        if not self.view_starts:
            return None
        find = bisect.bisect_left if end else bisect.bisect_right
        i = find(self.view_starts, position) - 1
        if i < 0:
            return self.doc_starts[0]
        start, stop, view = self.doc_starts[i], self.doc_ends[i], self.view_starts[i]
        if position < view + stop - start or (end and position <= view + stop - start):
            return start + position - view
        if end or i + 1 >= len(self.doc_starts):
            return stop
        return self.doc_starts[i + 1]


def build(
    document: Document, font: QFont, bookmarked: set[str], parent: QObject | None = None
) -> tuple[QTextDocument, PositionMap]:
    """The QTextDocument of `document` (header, group headings, tinted passages) and its map."""
    doc = QTextDocument(parent)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(12)
    cursor = QTextCursor(doc)
    cursor.insertHtml(header_html(document))
    builder = _Builder(cursor, font, bookmarked)
    group = None
    for passage in document.passages:
        if passage.group and passage.group != group and "." in passage.group:
            builder.group_heading(passage)
        group = passage.group
        builder.passage(passage)
    return doc, builder.map


def header_html(document: Document) -> str:
    """Title, then authors · year · kind with only what is known (no "Unknown author", no "n.d."),
    the link, the provenance and the licence."""
    meta = document.meta
    handle = meta.extra.get("handle") or ""
    provenance = meta.provenance
    link = handle or next((w for w in provenance.split() if w.startswith("http")), "")
    byline = [escape("; ".join(meta.authors))] if meta.authors else []
    byline += [str(meta.year)] if meta.year else []
    byline += [escape(kind_name(meta.kind))]
    first = f"<b>{byline[0]}</b>" if meta.authors else byline[0]
    rows = [
        f"<h2 style='margin-bottom:2px'>{escape(meta.title)}</h2>",
        "<div>" + " · ".join([first, *byline[1:]]) + "</div>",
    ]
    if link:
        rows.append(f"<div><a href='{escape(link)}'>{escape(link)}</a></div>")
    if provenance and provenance != link:
        rows.append(f"<div style='color:gray'>{escape(provenance)}</div>")
    licence = escape(meta.licence or QCoreApplication.translate("ReaderView", "not stated"))
    licence_label = QCoreApplication.translate("ReaderView", "Licence")
    rows.append(f"<div style='color:gray'>{licence_label}: {licence}</div>")
    return "".join(rows)


class _Builder:
    """Inserts passages at a cursor and records where each shown run lands."""

    def __init__(self, cursor: QTextCursor, font: QFont, bookmarked: set[str]) -> None:
        self.cursor = cursor
        self.size = font.pointSizeF()
        self.bookmarked = bookmarked
        self.labels = field_labels()  # once per document, in the current UI language
        self.map = PositionMap()

    def group_heading(self, passage: Passage) -> None:
        block = QTextBlockFormat()
        block.setTopMargin(14)
        block.setBottomMargin(2)
        self.cursor.insertBlock(block, QTextCharFormat())
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold)
        base, _, lang = passage.group.partition(".")
        self.cursor.insertText(f"{group_name(base)} · {lang_name(lang)}", fmt)

    def passage(self, passage: Passage) -> None:
        cursor = self.cursor
        block = QTextBlockFormat()
        block.setTopMargin(3 if passage.low_value else 6)
        block.setBottomMargin(3 if passage.low_value else 6)
        block.setLeftMargin(4)
        if not passage.low_value:
            block.setBackground(theme.lang_tint(passage.lang.value))
        cursor.insertBlock(block, QTextCharFormat())
        if not passage.low_value and passage.kind is not PassageKind.METADATA:
            self._badge(passage)
        if passage.id in self.bookmarked:
            self._bookmark_chip()
        cursor.insertText(" ", QTextCharFormat())
        if passage.label in self.labels:
            label = QTextCharFormat()
            label.setForeground(theme.dimmed_text())
            cursor.insertText(self.labels[passage.label] + ": ", label)
        body = QTextCharFormat()
        if passage.low_value:
            body.setForeground(theme.dimmed_text())
            body.setFontPointSize(max(6.0, self.size * 0.85))
        elif passage.kind in (PassageKind.TITLE, PassageKind.HEADING):
            body.setFontWeight(QFont.Weight.Bold)
        elif passage.kind is PassageKind.QUOTE:
            body.setFontItalic(True)
        shown = render(passage.text, passage.start)
        for run in shown.runs:
            self.map.add(run.start, run.end, cursor.position())
            cursor.insertText(shown.run_text(run), _styled(body, run.styles))

    def _badge(self, passage: Passage) -> None:
        badge = QTextCharFormat()
        badge.setBackground(theme.lang_badge(passage.lang.value))
        badge.setForeground(QColor("white"))
        badge.setFontWeight(QFont.Weight.Bold)
        badge.setFontPointSize(max(6.0, self.size * 0.75))
        tip = QCoreApplication.translate("ReaderView", "{lang}, confidence {conf:.2f}")
        badge.setToolTip(tip.format(lang=lang_name(passage.lang.value), conf=passage.confidence))
        self.cursor.insertText(f" {passage.lang.value} ", badge)

    def _bookmark_chip(self) -> None:
        """A mark as strong as the language badge, in the bookmark colour, light or dark."""
        self.cursor.insertText(" ", QTextCharFormat())
        chip = QTextCharFormat()
        chip.setBackground(bookmark_chip_colour())
        chip.setForeground(QColor("white"))
        chip.setFontWeight(QFont.Weight.Bold)
        chip.setFontPointSize(max(6.0, self.size * 0.75))
        chip.setToolTip(QCoreApplication.translate("ReaderView", "Bookmarked"))
        self.cursor.insertText(" ★ ", chip)


def _styled(body: QTextCharFormat, styles: frozenset[Style]) -> QTextCharFormat:
    if not styles:
        return body
    fmt = QTextCharFormat(body)
    if Style.UNDERLINE in styles:
        fmt.setFontUnderline(True)
    if Style.EMPHASIS in styles or Style.QUOTE in styles:
        fmt.setFontItalic(True)
    if Style.STRONG in styles:
        fmt.setFontWeight(QFont.Weight.Bold)
    return fmt
