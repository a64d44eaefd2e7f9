"""The pane's search hits: the matches of the query marked in the open document, the one opened
current, F3 stepping through them in the reader or side by side, and the count each view states
(matches in the reader, sentences holding one side by side).

A part of `DocumentPane` (its base class), apart only to keep each file readable: it works on the
pane's reader, pairs, header and side-by-side choice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from viewer.core.corpus.model import Document, Passage
from viewer.ui.reader import Span

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStackedWidget

    from viewer.core.search.index import SearchHit, SearchResults
    from viewer.ui.document_header import DocumentHeader
    from viewer.ui.pair_view import PairView
    from viewer.ui.reader import ReaderView
    from viewer.ui.side_by_side import SideBySide


class PaneHits:
    """See the module docstring; the pane provides what is declared here."""

    document: Document | None
    choice: SideBySide
    reader: ReaderView
    pairs: PairView
    stack: QStackedWidget
    header: DocumentHeader
    hits_side_by_side: bool
    _hits: dict[str, list[Span]]  # the search matches shown, by document
    _pending_hit: tuple[Passage, list[Span], int] | None  # shown when the pairs are ready
    _hit_side_by_side: bool

    def open_document(self, document: Document) -> None:
        raise NotImplementedError

    def show_side_by_side(self, on: bool) -> None:
        raise NotImplementedError

    def _show_stack(self, pairs: bool) -> None:
        raise NotImplementedError

    def show_hit(
        self, document: Document, hit: SearchHit, results: SearchResults | None, *, side_by_side: bool = False
    ) -> None:
        """Every match in the hit's document highlighted, this one current. A hit inside an aligned
        part (the thesis abstract), or in a document with a confident counterpart, opens side by
        side with its sentence selected and the counterpart lit; else it shows in the reader."""
        self.open_document(document)
        passage = document.passage(hit.passage_id)
        self._hits = {}
        for h in results.hits if results else [hit]:
            self._hits.setdefault(h.doc_id, []).extend((m[0], m[1]) for m in h.matches)
        spans = sorted(set(self._hits.get(hit.doc_id, []))) or [(passage.start, passage.end)]
        first = (hit.matches[0][0], hit.matches[0][1]) if hit.matches else spans[0]
        current = spans.index(first) if first in spans else 0
        self.reader.show_hits(spans, current)
        self._pending_hit, self._hit_side_by_side = (passage, spans, current), side_by_side
        if not self._resolve_hit():
            self._show_stack(False)

    def take_results(self, results: SearchResults | None) -> None:
        """New results on screen: the open document's matches among them are marked where it is
        shown (no jump, no match current yet), so F3 steps through them; side by side too."""
        document = self.document
        if document is None or results is None or self._pending_hit is not None:
            return
        hits: dict[str, list[Span]] = {}
        for h in results.hits:
            hits.setdefault(h.doc_id, []).extend((m[0], m[1]) for m in h.matches)
        spans = sorted(set(hits.get(document.id, [])))
        if not spans or spans == self.reader.hits:
            return
        self._hits = hits
        current = self.reader.current_hit  # more pages of the same query keep the match being read
        self.reader.show_hits(spans, spans.index(current) if current in spans else -1, scroll=False)
        active = self.pairs.alignment
        if active is not None and self.pairs.model is not None:
            self.pairs.model.set_hits(self._hits.get(active.source.id, []), self._hits.get(active.target.id, []))

    def clear_hits(self) -> None:
        """The query changed or was cleared: the old matches leave the reader and the pairs."""
        self._hits, self._pending_hit = {}, None
        self.reader.show_hits([], 0)
        if self.pairs.model is not None:
            self.pairs.model.set_hits([], [])
        self.header.hit_label.clear()

    def _resolve_hit(self) -> bool:
        """Show the pending hit side by side once it is known where: True when it was shown there.
        With `hits_side_by_side` off, a hit opens side by side only while that view is already up."""
        choice = self.choice
        if self._pending_hit is None or self.document is None or not choice.own_known:
            return False
        wanted = self.hits_side_by_side or self._hit_side_by_side
        if not wanted and self.stack.currentWidget() is not self.pairs:
            self._pending_hit = None
            return False
        passage, spans, current = self._pending_hit
        if choice.own is not None and choice.own.covers(passage):
            choice.partner = None
        elif not choice.counterparts_known:
            return False  # still looking the counterparts up
        else:
            choice.partner = choice.confident_partner()
            if choice.partner is None:
                self._pending_hit = None
                self.show_side_by_side(False)
                return False
            if choice.aligner is not None and choice.aligner.request(choice.partner.pair) is None:
                return False  # aligning; the hit follows when it is done
        self._pending_hit = None
        self.show_side_by_side(True)
        active = self.pairs.alignment
        if active is None or self.stack.currentWidget() is not self.pairs:
            return False
        self.pairs.select_offset(spans[current][0], active.columns_of(self.document.id))
        self._show_hit_count()
        return True

    def step_hit(self, step: int) -> None:
        """F3 / Shift+F3: the next or previous match, in the reader or in the side-by-side view."""
        if self.stack.currentWidget() is self.pairs:
            index, count = self.pairs.step_hit(step)
            self.header.show_hit_count(index, count, side_by_side=True)
        elif step > 0:
            self.reader.next_hit()
        else:
            self.reader.previous_hit()

    def _on_reader_hit_changed(self, index: int, count: int) -> None:
        if self.stack.currentWidget() is not self.pairs:  # side by side counts its own (cells)
            self.header.show_hit_count(index, count)

    def _show_hit_count(self) -> None:
        """The count of the view now shown: matches in the reader, matching sentences side by side."""
        if self.stack.currentWidget() is self.pairs:
            index, count = self.pairs.hit_position()
            self.header.show_hit_count(index, count, side_by_side=True)
        else:
            current = self.reader.current_hit
            hits = self.reader.hits
            self.header.show_hit_count(hits.index(current) if current in hits else -1, len(hits))
