"""The right side of the window: the open document's title and hit count over the reader, or over
the side-by-side pairs once the document's alignment is ready (it is made in a worker).

Texts keep the "MainWindow" translation context they had when the window held this pane.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QStackedWidget, QToolButton, QVBoxLayout, QWidget

from viewer.core.corpus.model import Document, Passage
from viewer.ui.pair_view import PairView
from viewer.ui.reader import ReaderView, Span

if TYPE_CHECKING:
    from viewer.core.search.index import SearchHit, SearchResults
    from viewer.ui.alignments import Alignments, PairAlignment


class DocumentPane(QWidget):
    document_opened = Signal(str)  # a document id
    message = Signal(str, int)  # a status-bar message and its timeout (ms)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.alignment: PairAlignment | None = None  # the open document's, once known
        self.alignments: Alignments | None = None
        self.marked: Callable[[Document], set[str]] = lambda _document: set()  # bookmarked passage ids
        self._pending_hit: tuple[Passage, list[Span], int] | None = None  # shown when the pairs are ready
        self._want_pairs = False  # side by side was asked for while the document was being aligned

        self.reader = ReaderView()
        self.pairs = PairView()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.reader)
        self.stack.addWidget(self.pairs)
        self.doc_title = QLabel(QCoreApplication.translate("MainWindow", "No document open"))
        self.doc_title.setObjectName("docTitle")
        self.doc_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.doc_title.setWordWrap(True)
        self.doc_title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.hit_label = QLabel()
        self.side_by_side_action = QAction(QCoreApplication.translate("MainWindow", "Side-by-side view"), self)
        self.side_by_side_action.setShortcut(QKeySequence("Ctrl+T"))
        self.side_by_side_action.setCheckable(True)
        self.side_by_side_action.setEnabled(False)
        self.side_by_side_action.triggered.connect(lambda *_: self.toggle_side_by_side())
        self.pair_button = QToolButton()
        self.pair_button.setStyleSheet("QToolButton:checked { background: palette(highlight); "
                                       "color: palette(highlighted-text); border-radius: 3px; }")
        self.pair_button.setDefaultAction(self.side_by_side_action)

        header = QHBoxLayout()
        header.setContentsMargins(6, 4, 6, 0)
        header.addWidget(self.doc_title, 1)
        header.addWidget(self.hit_label)
        header.addWidget(self.pair_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.stack, 1)
        self.reader.hit_changed.connect(self._on_reader_hit_changed)
        self.pairs.sentence_selected.connect(self._on_pairs_sentence_selected)

    def set_alignments(self, alignments: Alignments) -> None:
        self.alignments = alignments
        alignments.ready.connect(self._on_alignment_ready)

    # --- opening -------------------------------------------------------------------------------

    def open_document(self, document: Document) -> None:
        """Show the text at once; its side-by-side view follows when the alignment is ready."""
        if self.document is not document:
            self.document = document
            self._pending_hit = None
            self.reader.show_document(document, self.marked(document))
            self.doc_title.setText(f"<b>{escape(document.title)}</b>")
            self.document_opened.emit(document.id)
            self._show_alignment(document)
        self.hit_label.clear()

    def show_hit(self, document: Document, hit: SearchHit, results: SearchResults | None) -> None:
        """Every match in the hit's document highlighted, this one current; a hit inside an aligned
        part (the thesis abstract) opens side by side with its sentence selected."""
        self.open_document(document)
        passage = document.passage(hit.passage_id)
        same_doc = [h for h in (results.hits if results else [hit]) if h.doc_id == hit.doc_id]
        spans = sorted({(m[0], m[1]) for h in same_doc for m in h.matches}) or [(passage.start, passage.end)]
        first = (hit.matches[0][0], hit.matches[0][1]) if hit.matches else spans[0]
        current = spans.index(first) if first in spans else 0
        self.reader.show_hits(spans, current)
        if self.alignments is not None and not self.alignments.known(document):
            self.show_side_by_side(False)
            self._pending_hit = (passage, spans, current)
            return
        self._show_hit_in_pairs(passage, spans, current)

    def show_span(self, document: Document, start: int, end: int) -> None:
        """A bookmark's text in the reader."""
        self.open_document(document)
        self._pending_hit = None
        self.show_side_by_side(False)
        self.reader.show_hits([(start, end)], 0)

    def show_removed(self, first: Document) -> None:
        """The open document left the corpus: show another, say so."""
        self.document = self.alignment = None
        self.show_side_by_side(False)
        self.side_by_side_action.setEnabled(False)
        self.reader.show_document(first)
        self.doc_title.setText(QCoreApplication.translate("MainWindow", "The open document was removed"))

    def refresh_marks(self) -> None:
        """Redraw the open document's bookmark marks where the reader is."""
        if self.document is not None:
            position = self.reader.browser.verticalScrollBar().value()
            self.reader.show_document(self.document, self.marked(self.document))
            self.reader.browser.verticalScrollBar().setValue(position)

    # --- the side-by-side view -----------------------------------------------------------------

    def _show_alignment(self, document: Document) -> None:
        known = self.alignments is None or self.alignments.request(document)
        self.alignment = self.alignments.get(document) if self.alignments is not None else None
        has_pairs = bool(self.alignment and self.alignment.rows)
        if has_pairs and self.alignment is not None:
            self.pairs.set_pairs(document, self.alignment.rows, self.alignment.languages)
        self.side_by_side_action.setEnabled(has_pairs or not known)
        if not has_pairs:
            self.show_side_by_side(False)
        self.pair_button.setToolTip(
            QCoreApplication.translate("MainWindow", "Show the two language versions side by side (Ctrl+T)")
            if has_pairs else QCoreApplication.translate("MainWindow", "This document has no aligned translation")
            if known else QCoreApplication.translate("MainWindow", "Aligning the translation…"))

    def _on_alignment_ready(self, document: Document, _alignment: PairAlignment | None) -> None:
        current = self.document
        if current is None or (current.id, current.fingerprint) != (document.id, document.fingerprint):
            return
        hit, want = self._pending_hit, self._want_pairs
        self._pending_hit, self._want_pairs = None, False
        self._show_alignment(current)
        if hit is not None:
            self._show_hit_in_pairs(*hit)
        elif want:
            self.show_side_by_side(True)

    def _show_hit_in_pairs(self, passage: Passage, spans: list[Span], current: int) -> None:
        in_pairs = bool(self.alignment and self.alignment.covers(passage))
        if in_pairs and self.pairs.model is not None:
            self.pairs.model.set_hits(spans)
        self.show_side_by_side(in_pairs)
        if in_pairs:
            self.pairs.select_offset(spans[current][0])

    @property
    def aligning(self) -> bool:
        return bool(self.document and self.alignments and not self.alignments.known(self.document))

    def toggle_side_by_side(self) -> None:
        self.show_side_by_side(not (self.stack.currentWidget() is self.pairs or self._want_pairs))

    def show_side_by_side(self, on: bool) -> None:
        """Side by side when the document has pairs; asked for while aligning, it follows when ready."""
        aligning = self.aligning
        self._want_pairs = on and aligning
        if self._want_pairs:
            self.message.emit(QCoreApplication.translate("MainWindow", "Aligning the translation…"), 3000)
        on = on and bool(self.alignment and self.alignment.rows) and not aligning
        self.stack.setCurrentWidget(self.pairs if on else self.reader)
        self.side_by_side_action.setChecked(on or self._want_pairs)

    def _on_reader_hit_changed(self, index: int, count: int) -> None:
        self.hit_label.setText(QCoreApplication.translate("MainWindow", "match {i} of {n} in this document").format(
            i=index + 1, n=count) if count else "")

    def _on_pairs_sentence_selected(self, start: int, end: int) -> None:
        counterpart = self.pairs.counterpart()
        self.reader.mark([(start, end)] + ([counterpart] if counterpart else []))
