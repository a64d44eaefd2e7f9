"""The right side of the window: the open document's title, its counterparts line (the documents it
is paired with) and hit count over the reader, or over the side-by-side pairs: of the document's
own two language parts (the thesis abstract) or of the document and a counterpart
(`viewer.ui.side_by_side` says which). Every alignment is made in a worker; the pane shows the
reader meanwhile and follows when it is ready.

Texts keep the "MainWindow" translation context they had when the window held this pane.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from viewer.core.corpus.model import Document, Passage
from viewer.ui.document_header import DocumentHeader
from viewer.ui.pair_rows import SOURCE, TARGET, PairAlignment
from viewer.ui.pair_view import PairView
from viewer.ui.pane_hits import PaneHits
from viewer.ui.reader import ReaderView, Span
from viewer.ui.side_by_side import SideBySide

if TYPE_CHECKING:
    from viewer.core.pairs.model import DocumentPair
    from viewer.ui.alignments import Alignments
    from viewer.ui.pair_aligner import PairAligner
    from viewer.ui.pairing import Counterparts, PairingController


class DocumentPane(PaneHits, QWidget):
    document_opened = Signal(str)  # a document id
    message = Signal(str, int)  # a status-bar message and its timeout (ms)
    counterparts_changed = Signal(object)  # the open document's Counterparts (None: not known yet)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: Document | None = None
        self.choice = SideBySide()
        self.pairing: PairingController | None = None
        self.marked: Callable[[Document], set[str]] = lambda _document: set()  # bookmarked passage ids
        self.bookmarked_spans: Callable[[Document], list[Span]] = lambda _document: []  # for the pairs' ★
        self._hits: dict[str, list[Span]] = {}  # the search matches shown, by document
        self._pending_hit: tuple[Passage, list[Span], int] | None = None  # shown when the pairs are ready
        self._want_pairs = False  # side by side was asked for while the document was being aligned
        self.hits_side_by_side = True  # View > Open search hits side by side
        self._hit_side_by_side = False  # this hit opens side by side whatever hits_side_by_side says

        self.reader = ReaderView()
        self.pairs = PairView()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.reader)
        self.stack.addWidget(self.pairs)
        self.header = DocumentHeader()
        self.doc_title, self.hit_label = self.header.doc_title, self.header.hit_label
        self.counterparts_bar, self.pair_button = self.header.counterparts_bar, self.header.pair_button
        self.side_by_side_action = self.header.side_by_side_action
        self.counterparts_bar.open_requested.connect(self.open_counterpart)
        self.side_by_side_action.triggered.connect(lambda *_: self.toggle_side_by_side())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.header)
        layout.addWidget(self.stack, 1)
        self.reader.hit_changed.connect(self._on_reader_hit_changed)
        self.pairs.sentence_selected.connect(self._on_pairs_sentence_selected)

    def set_alignments(self, alignments: Alignments) -> None:
        self.choice.alignments = alignments
        alignments.ready.connect(self._on_alignments_ready)

    def set_pairing(self, pairing: PairingController, aligner: PairAligner) -> None:
        self.pairing, self.choice.aligner = pairing, aligner
        self.choice.looks_up_counterparts = True
        pairing.counterparts_loaded.connect(self._on_pairing_counterparts_loaded)
        aligner.ready.connect(self._on_aligner_ready)
        aligner.cancelled.connect(self._on_aligner_stopped)
        aligner.failed.connect(lambda pair, _exc, _trace: self._on_aligner_stopped(pair))
        self.refresh_counterparts()

    @property
    def alignment(self) -> PairAlignment | None:
        """What side by side shows for the open document (once aligned)."""
        return self.choice.alignment

    @property
    def aligning(self) -> bool:
        return self.choice.aligning

    # --- opening -------------------------------------------------------------------------------

    def open_document(self, document: Document) -> None:
        """Show the text at once; its counterparts and side-by-side view follow from workers."""
        if self.document is not document:
            self.document = document
            self.choice.reset(document)
            self._pending_hit, self._hits = None, {}
            self.counterparts_bar.show_counterparts(None)
            self.reader.show_document(document, self.marked(document))
            self.header.show_title(document.title)
            self.document_opened.emit(document.id)
            self.counterparts_changed.emit(None)
            self.refresh_counterparts()
            self._show_alignment()
        self.hit_label.clear()

    def retitle(self, document: Document) -> None:
        """The same text with new details (title, authors, year): taken in where it is shown, without
        laying the text out again or leaving the side-by-side view."""
        self.document = document
        self.reader.document = document
        self.header.show_title(document.title)

    def show_span(self, document: Document, start: int, end: int) -> None:
        """A bookmark's text in the reader."""
        self.open_document(document)
        self._pending_hit = None
        self.show_side_by_side(False)
        self.reader.show_bookmark(start, end)

    def show_removed(self, first: Document) -> None:
        """The open document left the corpus: show another, say so."""
        self.document = None
        self.choice.reset(None)
        self.counterparts_bar.show_counterparts(None)
        self.show_side_by_side(False)
        self.side_by_side_action.setEnabled(False)
        self.reader.show_document(first)
        self.doc_title.setText(QCoreApplication.translate("MainWindow", "The open document was removed"))

    def refresh_marks(self) -> None:
        """Redraw the open document's bookmark marks where the reader is, and the pairs' ★."""
        active, model = self.pairs.alignment, self.pairs.model
        if active is not None and model is not None:
            model.set_marks(self.bookmarked_spans(active.source), self.bookmarked_spans(active.target))
        if self.document is not None:
            reader = self.reader
            position, hits, current = reader.browser.verticalScrollBar().value(), reader.hits, reader.current_hit
            reader.show_document(self.document, self.marked(self.document))
            if hits:  # the search's matches stay marked (a theme switch redraws the marks too)
                reader.show_hits(hits, hits.index(current) if current in hits else -1, scroll=False)
            reader.browser.verticalScrollBar().setValue(position)

    def refresh_counterparts(self) -> None:
        """Look the open document's counterparts up again (the library or its pairs changed)."""
        if self.document is not None and self.pairing is not None:
            self.pairing.load(self.document.id)

    # --- counterparts --------------------------------------------------------------------------

    def open_counterpart(self, doc_id: str) -> None:
        """Read the open document side by side with one of its counterparts."""
        if self.choice.choose(doc_id) is not None:
            self.show_side_by_side(True)

    def _on_pairing_counterparts_loaded(self, found: Counterparts) -> None:
        if self.document is None or found.doc_id != self.document.id:
            return
        if not self.choice.take(found) and self.stack.currentWidget() is self.pairs:
            self.show_side_by_side(False)  # unpaired or rejected while read side by side
        self._update_action()
        self._update_bar()
        self.counterparts_changed.emit(found)
        self._resolve_hit()

    def _update_bar(self) -> None:
        partner = self.choice.partner
        shown = partner.doc_id if partner is not None and self.stack.currentWidget() is self.pairs else None
        self.counterparts_bar.show_counterparts(self.choice.counterparts, shown)

    # --- the side-by-side view -----------------------------------------------------------------

    def _show_alignment(self) -> None:
        self.choice.request_own()
        self._update_action()
        if not self.choice.has_own and self.choice.partner is None:
            self.show_side_by_side(False)

    def _update_action(self) -> None:
        self.header.show_available(self.choice.available)

    def _on_alignments_ready(self, document: Document, _alignment: PairAlignment | None) -> None:
        current = self.document
        if current is None or (current.id, current.fingerprint) != (document.id, document.fingerprint):
            return
        want, self._want_pairs = self._want_pairs, False
        self._show_alignment()
        self._follow(want)

    def _on_aligner_ready(self, result: PairAlignment) -> None:
        partner = self.choice.partner
        if partner is None or result.pair is None or result.pair.key != partner.pair.key:
            return
        want, self._want_pairs = self._want_pairs, False
        self._follow(want)

    def _follow(self, want: bool) -> None:
        """An alignment came: show what was waiting for it."""
        if self._pending_hit is not None:
            self._resolve_hit()
        elif want:
            self.show_side_by_side(True)

    def _on_aligner_stopped(self, pair: DocumentPair) -> None:
        """Aligning the pair was cancelled or failed: read the document alone."""
        partner = self.choice.partner
        if partner is None or pair.key != partner.pair.key:
            return
        self._pending_hit, self._want_pairs = None, False
        self.choice.partner = None
        self.show_side_by_side(False)

    def toggle_side_by_side(self) -> None:
        self.show_side_by_side(not (self.stack.currentWidget() is self.pairs or self._want_pairs))

    def show_side_by_side(self, on: bool) -> None:
        """Side by side with the document's own parts, else with a counterpart; asked for while they
        are aligned, it follows when they are ready."""
        choice = self.choice
        if on and choice.partner is None and choice.own_known and not choice.has_own:
            choice.partner = choice.any_partner()
        if on and choice.partner is not None and choice.aligner is not None:
            choice.aligner.request(choice.partner.pair)
        aligning = choice.aligning
        self._want_pairs = on and aligning
        if self._want_pairs and choice.partner is None:  # a pair's aligning says so itself, with progress
            self.message.emit(QCoreApplication.translate("MainWindow", "Aligning the translation…"), 3000)
        active = choice.alignment
        self._show_stack(on and bool(active and active.rows) and not aligning)

    def _show_stack(self, pairs: bool) -> None:
        if not pairs and self.stack.currentWidget() is self.pairs:
            self._reader_at_selected_pair()
        active = self.choice.alignment
        if pairs and active is not None:
            if self.pairs.alignment is not active:
                self.pairs.set_pairs(active)
            if self.pairs.model is not None:
                self.pairs.model.set_hits(self._hits.get(active.source.id, []), self._hits.get(active.target.id, []))
                self.pairs.model.set_marks(self.bookmarked_spans(active.source), self.bookmarked_spans(active.target))
        self.stack.setCurrentWidget(self.pairs if pairs else self.reader)
        self._show_hit_count()
        self.side_by_side_action.setChecked(pairs or self._want_pairs)
        self._update_bar()

    def keep_alignment(self, alignment: PairAlignment) -> None:
        """The user corrected the side-by-side rows: they are what these texts show from now on."""
        choice = self.choice
        if alignment.two_documents:
            if choice.aligner is not None:
                choice.aligner.keep(alignment)
        elif choice.alignments is not None:
            choice.alignments.keep(alignment)
            if choice.document is not None and choice.document.id == alignment.source.id:
                choice.own = alignment

    def _on_pairs_sentence_selected(self, _column: int, _start: int, _end: int) -> None:
        """Nothing is marked in the reader while side by side (a mark there read as a find match);
        going back to the reader opens it at the selected pair (`_reader_at_selected_pair`)."""

    def _reader_at_selected_pair(self) -> None:
        """The reader scrolled to the sentence of the selected pair that is in this document."""
        active, document, cell = self.pairs.alignment, self.document, self.pairs.selected_cell()
        if active is None or document is None or cell is None:
            return
        row, column = cell
        for side in (column, TARGET if column == SOURCE else SOURCE):
            span = active.rows[row].span(side) if row < len(active.rows) else None
            if span is not None and active.document(side).id == document.id:
                self.reader.mark([])
                self.reader.scroll_to_offset(span[0])
                return
