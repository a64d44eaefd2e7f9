"""The pages after the first: fetched one at a time in a worker, on demand or, when few, all at once.

The first page of a search is shown as soon as it arrives; typing on must stay fast, so nothing
more is fetched until the results have been on screen for a moment (SETTLE_MS). Then a small
result (AUTOLOAD_UNDER passages) is fetched whole, so each document's count is the full one; a
large one grows a page at a time as the user nears the end of the list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, QTimer, Signal

from viewer.core.search.results import SearchResults
from viewer.ui.results_model import GroupedResultsModel
from viewer.ui.results_view import ResultsView

PAGE_SIZE = 25  # hits laid out per page: a first screen needs ~15; each row is a rich-text layout
AUTOLOAD_UNDER = 250
SETTLE_MS = 250

# (page, on_success): runs one page of the current search in a worker
RunPage = Callable[[int, Callable[[SearchResults], None]], None]


class ResultPages(QObject):
    """The loaded pages of the search on screen; `changed` when a page was added or one is asked for."""

    changed = Signal()

    def __init__(self, model: GroupedResultsModel, view: ResultsView, run_page: RunPage) -> None:
        super().__init__(view)
        self.model, self.view, self.run_page = model, view, run_page
        self.results: SearchResults | None = None  # every loaded hit, the latest total
        self.generation = 0
        self.page = 1
        self.loading = False
        self.settle = QTimer(self)
        self.settle.setSingleShot(True)
        self.settle.setInterval(SETTLE_MS)
        self.settle.timeout.connect(self._on_settled)
        view.next_page_wanted.connect(self._on_view_next_page_wanted)

    def stop(self, results: SearchResults | None = None) -> None:
        """A new search (or none): forget the pages; a page on its way is dropped when it comes."""
        self.settle.stop()
        self.generation += 1
        self.results, self.page, self.loading = results, 1, False

    def start(self, results: SearchResults) -> None:
        """The first page is on screen: the rest follows once the user has stopped typing."""
        self.stop(results)
        if self.more():
            self.settle.start()

    def more(self) -> bool:
        """Whether the search has hits beyond those loaded."""
        if self.results is None or not self.model.hits:
            return False
        loaded = len(self.model.hits)
        return loaded >= self.page * PAGE_SIZE and loaded < self.results.total

    def small(self) -> bool:
        return self.results is not None and self.results.total_exact and self.results.total <= AUTOLOAD_UNDER

    def load_next(self) -> bool:
        """Fetch the next page in a worker; False when all are loaded or one is on its way."""
        if self.loading or not self.more():
            return False
        self.loading = True
        generation, page = self.generation, self.page + 1
        self.run_page(page, lambda results: self._on_page_done(generation, page, results))
        self.changed.emit()
        return True

    def failed(self) -> None:
        self.loading = False

    def _on_settled(self) -> None:
        if self.small() or self.view.near_end():
            self.load_next()

    def _on_view_next_page_wanted(self) -> None:
        if not self.settle.isActive():
            self.load_next()

    def _on_page_done(self, generation: int, page: int, results: SearchResults) -> None:
        if generation != self.generation or results.cancelled or self.results is None:
            return
        self.loading = False
        self.page = page
        self.model.add_hits(results.hits)
        loaded = len(self.model.hits)
        last = len(results.hits) < PAGE_SIZE  # the last page: now the total is known exactly
        total = loaded if last else max(results.total, loaded)
        exact = last or results.total_exact
        self.results = replace(self.results, hits=list(self.model.hits), total=total, total_exact=exact)
        self.changed.emit()
        if self.small() or self.view.near_end():
            self.load_next()
