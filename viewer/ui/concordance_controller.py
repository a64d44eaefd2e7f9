"""The concordance mode of the search: it follows the query as the passages do (the search panel's
debounced `searched`), computes the lines in a worker, shows them above the reader with the
candidates in the search column, and opens a line in the reader or side by side.

One concordance runs at a time: a query typed while one is being made waits, and only the newest
waiting one runs when it is done (the others were typed past); results of an older generation are
dropped on arrival.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QSplitter, QWidget

from viewer.core.concord.model import Line, SortKey
from viewer.core.errors import UserError
from viewer.core.search.results import SearchHit, SearchResults
from viewer.ui.concordance_model import FIRST, LIMIT, ConcordanceData, compute
from viewer.ui.concordance_panel import CONCORDANCE, PASSAGES, ConcordanceArea

if TYPE_CHECKING:
    from viewer.core.workspace import Workspace
    from viewer.ui.main_window import MainWindow
    from viewer.ui.search_panel import SearchPanel

log = logging.getLogger(__name__)
Request = tuple[str, str | None, str | None]  # query, lang, doc
SLOW_MS = 300  # a first screen not there by then says it is being made
READING_MS = 250  # how often a slow first screen's line says how many aligned texts are read


def hit_of(line: Line) -> SearchHit:
    """A concordance line as the search hit the reader opens (its match current)."""
    return SearchHit(line.doc, line.passage, line.title, line.lang, "", 0.0, line.match, [], [line.span])


class ConcordanceController(QObject):
    shown = Signal()  # a concordance (or its failure, or none) is on screen

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.workspace: Workspace | None = None
        self.panel: SearchPanel | None = None
        self.area = ConcordanceArea()
        self.area.hide()
        self.model, self.view = self.area.model, self.area.view
        self.data: ConcordanceData | None = None
        self.generation = self.shown_generation = 0
        self._running = False  # a first screen is being made
        self._rest = 0  # the generation whose whole concordance is being made after its first screen
        self._waiting: tuple[int, Request] | None = None
        self._request: Request = ("", None, None)
        self._sized = False
        self._slow = QTimer(self)  # a first screen that takes long says so (the first learns the translations)
        self._slow.setSingleShot(True)
        self._slow.setInterval(SLOW_MS)
        self._slow.timeout.connect(self._on_slow_timeout)
        self._reading = QTimer(self)  # while slow: the count of aligned texts read, moving
        self._reading.setInterval(READING_MS)
        self._reading.timeout.connect(self._on_slow_timeout)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("concordance-splitter")
        self.splitter.setChildrenCollapsible(False)
        self.area.sort_changed.connect(self._on_area_sort_changed)
        self.view.line_opened.connect(self.open_line)

    def wrap(self, pane: QWidget) -> QSplitter:
        """The concordance above the reader: what the window puts where the reader was."""
        self.splitter.addWidget(self.area)
        self.splitter.addWidget(pane)
        self.splitter.setStretchFactor(1, 1)
        return self.splitter

    def attach(self, workspace: Workspace, panel: SearchPanel) -> None:
        self.workspace, self.panel = workspace, panel
        panel.modes.mode_changed.connect(self._on_modes_mode_changed)
        panel.searched.connect(self._on_panel_searched)
        panel.concordance_side.candidate_chosen.connect(self._on_side_candidate_chosen)
        panel.concordance_side.show_data(None)
        panel.status.setVisible(not self.active)  # the passages' line is about the other mode
        panel.into_concordance = self.focus_first_line
        self.view.left_top.connect(panel.query_edit.setFocus)

    # --- the mode ------------------------------------------------------------------------------

    @property
    def active(self) -> bool:
        return self.panel is not None and self.panel.modes.mode == CONCORDANCE

    def toggle(self) -> None:
        if self.panel is not None:
            self.panel.modes.set_mode(PASSAGES if self.active else CONCORDANCE)

    def _on_modes_mode_changed(self, mode: str) -> None:
        on = mode == CONCORDANCE
        self.area.setVisible(on)
        if self.panel is not None:
            self.panel.status.setVisible(not on)  # the concordance says its own in the column
        if on and not self._sized:  # the lines get a bit more than half the height at first
            self._sized = True
            total = sum(self.splitter.sizes()) or self.splitter.height()
            share = 0.55 if total >= 700 else 0.4  # a short window keeps some of the text readable
            self.splitter.setSizes([int(total * share), total - int(total * share)])
        if on and self.panel is not None:
            self.panel.search_now()  # the passages and the lines of what is typed now

    # --- computing -----------------------------------------------------------------------------

    def _on_panel_searched(self, query: str, lang: str | None, doc: str | None) -> None:
        if self.active:
            self.run((query, lang, doc))

    def run(self, request: Request) -> None:
        """Make the concordance of `request` in a worker: its first screen at once (after the first
        screen being made, if any), then the rest."""
        self.generation += 1
        self._request = request
        workspace = self.workspace
        if not request[0] or workspace is None or workspace.index is None:
            self._waiting = None
            self._show(self.generation, None)
            if request[0] and self.panel is not None:  # the passages' line that says so is hidden here
                self.panel.concordance_side.status.setText(
                    self.tr("The search index is being built; the concordance will appear when it is ready.")
                )
            return
        if self._running:
            self._waiting = (self.generation, request)
            return
        self._start(self.generation, request, FIRST)

    @property
    def settled(self) -> bool:
        """The concordance of the latest request is on screen whole (or failed, or there is none)."""
        return self.shown_generation == self.generation and self._rest != self.generation

    def _start(self, generation: int, request: Request, limit: int) -> None:
        assert self.workspace is not None
        first = limit == FIRST
        if first:
            self._running = True
            self._slow.start()
            if self.panel is not None:
                self.panel.concordance_side.show_making(request[0])
        else:
            self._rest = generation
        job = self.window.jobs.run(
            compute,
            self.workspace,
            *request,
            limit,
            on_success=lambda data: self._done(generation, data, first),
            on_failure=lambda exc, trace: self._failed(generation, exc, trace, first),
        )
        if job is None:
            self._running, self._rest = False, 0

    def _on_slow_timeout(self) -> None:
        """A first screen not there yet: say why it can take a while, and how far the reading is."""
        if not self._running or self.shown_generation == self.generation:
            self._reading.stop()
            return
        self._reading.start()
        concordancer = self.workspace.concordancer if self.workspace is not None else None
        reading = concordancer.reading if concordancer is not None else None
        text = self.tr("Making the concordance of “{query}”…").format(query=self._request[0])
        note = ""
        if reading is not None:  # learning the translations: the first concordance after an import
            note = self.tr("{done} of {total} texts read").format(done=f"{reading[0]:,}", total=f"{reading[1]:,}")
            text += " " + self.tr(
                "The first one after an import reads every aligned text in the library to learn its "
                "translations (in a large library this takes a while); later ones are quick."
            )
            text += f" <b>{note}</b>"
        self.area.counts.setText(text)
        if self.panel is not None and reading:
            self.panel.concordance_side.show_making(self._request[0], note)

    def _next(self) -> bool:
        """A first screen is done: start the one typed meanwhile, if any (True)."""
        self._running = False
        self._reading.stop()
        waiting, self._waiting = self._waiting, None
        if waiting is not None and waiting[0] == self.generation:
            self._start(*waiting, FIRST)
            return True
        return False

    def _done(self, generation: int, data: ConcordanceData, first: bool) -> None:
        if not first and self._rest == generation:
            self._rest = 0
        if (first and self._next()) or generation != self.generation:
            return  # typed past: a newer concordance is on its way
        if not first:
            self._update(data)
            return
        if not data.concordance.complete:  # the first screen; the rest while it is read
            self._start(generation, self._request, LIMIT)
        self._show(generation, data)

    def _failed(self, generation: int, exc: BaseException, trace: str, first: bool) -> None:
        if not first and self._rest == generation:
            self._rest = 0
        if (first and self._next()) or generation != self.generation:
            return
        self._show(generation, None)
        self.area.counts.setText(self.tr("The concordance failed: {error}").format(error=exc))
        if not isinstance(exc, UserError):
            log.error("concordance failed\n%s", trace)

    def _show(self, generation: int, data: ConcordanceData | None) -> None:
        self.data = data
        self.model.set_data(data)
        self.view.scrollToTop()
        if self.panel is not None:
            self.panel.concordance_side.show_data(data, self._request[0])
        self.area.show_counts(data, -1, loading=self._rest == generation)
        self.shown_generation = generation
        self.shown.emit()

    def _update(self, data: ConcordanceData) -> None:
        """The whole concordance after its first screen: the same line current, at the same place,
        the same candidate chosen (when it still is one)."""
        old, line = self.data, self.view.current_line()
        scroll = self.view.verticalScrollBar().value()
        side = self.panel.concordance_side if self.panel is not None else None
        chosen = old.candidates[side.chosen] if side and old and 0 <= side.chosen < len(old.candidates) else None
        self.data = data
        self.model.set_data(data)
        row = next((i for i, c in enumerate(data.candidates) if chosen and c.key == chosen.key), -1)
        if side is not None:
            side.show_data(data)
            if row >= 0:
                side.choose(row)  # filters again and says so
        if row < 0:
            self.area.show_counts(data, -1)
        self._keep_current(line)
        self.view.verticalScrollBar().setValue(scroll)
        self.shown.emit()

    # --- sorting, filtering, opening -------------------------------------------------------------

    def _on_area_sort_changed(self, key: SortKey | None) -> None:
        line = self.view.current_line()
        self.model.set_sort(key)
        self._keep_current(line)

    def _on_side_candidate_chosen(self, row: int) -> None:
        data = self.data
        line = self.view.current_line()
        self.model.set_filter(data.lines_with[row] if data is not None and 0 <= row < len(data.lines_with) else None)
        self._keep_current(line)
        self.area.show_counts(data, row)

    def _keep_current(self, line: object) -> None:
        row = self.model.row_of(line) if isinstance(line, Line) else -1
        if row >= 0:
            self.view.selectRow(row)
            self.view.scrollTo(self.model.index(row, 0))
        else:
            self.view.scrollToTop()

    def open_line(self, line: Line, side_by_side: bool = False) -> None:
        """The reader at the line's match, every line of its document marked (F3 steps through them);
        `side_by_side`: beside the text it is aligned with, even when hits open in the reader."""
        workspace = self.workspace
        if workspace is None:
            return
        hits = [hit_of(other) for other in self.model.lines if other.doc == line.doc]
        results = SearchResults(hits, len(hits), 1)
        self.window.pane.show_hit(workspace.document(line.doc), hit_of(line), results, side_by_side=side_by_side)

    def focus_first_line(self) -> bool:
        """Down from the search box: into the lines (False when there are none)."""
        if not self.active or self.model.rowCount() == 0:
            return False
        self.view.setFocus()
        if not self.view.currentIndex().isValid():
            self.view.setCurrentIndex(self.model.index(0, 1))
        return True
