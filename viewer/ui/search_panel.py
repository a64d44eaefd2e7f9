"""The search box, its filters and the results, grouped by document and paged.

Search as you type: each edit restarts a single-shot timer (debounce); each query carries a
generation number and runs in a worker; results of an older generation are dropped on arrival,
and a newer keystroke cancels the search still running. The first page is shown at once; later
pages are fetched in a worker when the user nears the end of the list, or all of them shortly
after the first when there are few, so the counts per document are whole. With no query the list
shows the documents, so the panel is also the way to browse.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from viewer.core.corpus.model import Document
from viewer.core.errors import UserError
from viewer.ui.concordance_panel import CONCORDANCE, results_modes
from viewer.ui.models import DocumentEntry
from viewer.ui.results_model import DocumentGroup, GroupedResultsModel
from viewer.ui.results_view import ResultsView
from viewer.ui.search_filters import DocumentFilter, LanguageButtons, fill_documents, query_langs, with_lang
from viewer.ui.search_history import SearchHistory
from viewer.ui.search_keys import QueryKeys
from viewer.ui.search_pages import PAGE_SIZE, ResultPages
from viewer.ui.search_status import help_button, status_text
from viewer.ui.workers import JobPool, run_in_thread

if TYPE_CHECKING:
    from viewer.core.search.index import SearchResults

log = logging.getLogger(__name__)

DEBOUNCE_MS = 150

SearchFunction = Callable[..., "SearchResults"]  # Workspace.search: (text, *, lang, doc, page, pagelen, cancel)


class SearchPanel(QWidget):
    hit_activated = Signal(object)  # a SearchHit
    document_activated = Signal(str)  # a document id (browse mode)
    results_shown = Signal(int)  # generation whose results are now on screen
    query_changed = Signal(str)  # the query searched for is another one ("" when cleared)
    searched = Signal(str, object, object)  # a search began (query, lang, doc); "" when cleared

    def __init__(
        self,
        documents: Sequence[Document],
        parent: QWidget | None = None,
        *,
        jobs: JobPool | None = None,
        collection_names: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.documents = list(documents)
        self.collection_names = dict(collection_names or {})  # id -> the name the user knows it by
        self.jobs = jobs  # the window's pool (closing waits for it); the global one without
        self._search: SearchFunction | None = None
        self._unavailable = ""  # why the index could not be opened (searching waits for it while "")
        self.generation = 0
        self.shown_generation = 0
        self._request: tuple[str, str | None, str | None] = ("", None, None)  # what the shown pages are of
        self._searched_query = ""
        self.cross = False  # search across languages too (the window's toggle; `~word` asks it per word)

        self.query_edit = QLineEdit()
        self.query_edit.setObjectName("query")
        self.query_edit.setClearButtonEnabled(True)
        self.query_edit.setPlaceholderText(self.tr('Search the corpus… (e.g. implementering, "evidence-based")'))
        self.query_keys = QueryKeys(self)  # Esc clears, Down opens the history or moves into the results
        self.history = SearchHistory(self)
        self.history.chosen.connect(self._on_history_chosen)
        self.help_button = help_button()

        self.setStyleSheet(
            "QToolButton:checked { background: palette(highlight); color: palette(highlighted-text); "
            "border-radius: 3px; }"
        )
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        self.languages = LanguageButtons(filters, self)
        self.lang_group = self.languages.group
        self.languages.chosen.connect(self._on_languages_chosen)
        self.doc_combo = DocumentFilter()
        fill_documents(self.doc_combo, self.documents, self.collection_names)
        self.doc_combo.setToolTip(self.tr("Search one document only"))
        # Long titles must not make the column wide: the box shows a dozen characters at least.
        self.doc_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.doc_combo.setMinimumContentsLength(12)
        filters.addWidget(self.doc_combo, 1)

        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.model = GroupedResultsModel(self)
        self.results = ResultsView()
        self.results.setModel(self.model)
        self.results.activated.connect(self._on_results_activated)
        self.pages = ResultPages(self.model, self.results, self._run_page)
        self.pages.changed.connect(self._show_status)
        self.results.left_top.connect(self.query_edit.setFocus)
        # The results as passages, or as a concordance: its lines above the reader, its candidates here.
        self.modes, self.concordance_side, self.stack = results_modes(self.results)
        self.into_concordance: Callable[[], bool] = lambda: False  # focus its first line (the window's)

        self.top = QHBoxLayout()
        self.top.setContentsMargins(0, 0, 0, 0)
        self.top.setSpacing(2)
        for widget in (self.query_edit, self.history.button, self.help_button):
            self.top.addWidget(widget, int(widget is self.query_edit))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self.top)
        layout.addLayout(filters)
        layout.addWidget(self.modes)
        layout.addWidget(self.status)
        layout.addWidget(self.stack, 1)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.search_now)
        self.query_edit.textEdited.connect(lambda _text: self.timer.start())
        self.query_edit.textChanged.connect(self._on_query_edit_text_changed)
        self.query_edit.returnPressed.connect(self._on_query_edit_return_pressed)
        self.doc_combo.currentIndexChanged.connect(lambda _i: self.search_now())
        self.show_documents()

    # --- wiring --------------------------------------------------------------------------------

    def set_unavailable(self, error: str) -> None:
        """The index could not be opened: searching says so instead of waiting for it."""
        self._unavailable = error
        if self.query():
            self.search_now()

    def set_search_function(self, search: SearchFunction | None) -> None:
        """Enable searching (None while the index is being built)."""
        self._search = search
        if search is not None:
            self._unavailable = ""
        if search is not None and self.query():
            self.search_now()

    def set_cross(self, on: bool) -> None:
        """Search across languages (or not) from now on; what is typed is searched again."""
        if on != self.cross:
            self.cross = on
            if self.query():
                self.search_now()

    def query(self) -> str:
        return self.query_edit.text().strip()

    def lang_filter(self) -> str | None:
        """The language the buttons add to the search: none when the query says lang: itself."""
        if query_langs(self.query()):
            return None
        return self.languages.chosen_lang or None

    def doc_filter(self) -> str | None:
        return self.doc_combo.currentData() or None

    def set_documents(self, documents: Sequence[Document], collection_names: Mapping[str, str] | None = None) -> None:
        """A changed corpus: refresh the document filter and, in browse mode, the list."""
        self.documents = list(documents)
        if collection_names is not None:
            self.collection_names = dict(collection_names)
        self.doc_combo.blockSignals(True)
        fill_documents(self.doc_combo, self.documents, self.collection_names)
        self.doc_combo.blockSignals(False)
        if self.query():
            self.search_now()
        else:
            self.show_documents()

    @property
    def recent(self) -> list[str]:
        """Recent searches, newest first (saved in the settings by the window)."""
        return list(self.history.queries)

    def set_recent(self, queries: Sequence[str]) -> None:
        self.history.set_queries(queries)

    # --- searching -----------------------------------------------------------------------------

    def search_now(self) -> None:
        self.timer.stop()
        self.pages.stop()
        self.history.searching()
        query = self.query()
        self.generation += 1
        generation = self.generation
        if " ".join(query.split()) != self._searched_query:
            self._searched_query = " ".join(query.split())
            self.query_changed.emit(query)
        self._request = (query, self.lang_filter(), self.doc_filter())
        self.searched.emit(*self._request)
        if not query:
            self.show_documents()
            return
        if self._search is None:
            self.status.setText(
                self.tr("Search is unavailable: {error}").format(error=self._unavailable)
                if self._unavailable
                else self.tr("The search index is being built; results will appear when it is ready.")
            )
            return
        self.status.setText(self.tr("Searching…"))
        self._run_page(1, lambda results: self._on_search_done(generation, query, results))

    def _run_page(self, page: int, done: Callable[[SearchResults], None]) -> None:
        assert self._search is not None
        generation = self.generation
        query, lang, doc = self._request
        search = partial(
            self._search,
            query,
            lang=lang,
            doc=doc,
            page=page,
            pagelen=PAGE_SIZE,
            cancel=lambda: self.generation != generation,  # read in the worker: a newer search began
            **({"cross": True} if self.cross else {}),
        )
        run = self.jobs.run if self.jobs is not None else run_in_thread
        run(search, on_success=done, on_failure=lambda exc, tb: self._on_search_failed(generation, exc, tb))

    @property
    def last_results(self) -> SearchResults | None:
        """The search on screen with every hit loaded so far (None in browse mode)."""
        return self.pages.results

    def load_next_page(self) -> bool:
        return self.pages.load_next()

    def _on_search_done(self, generation: int, query: str, results: SearchResults) -> None:
        if generation != self.generation or results.cancelled:
            return  # a newer query is on its way: drop stale results
        self.model.set_items(results.hits)
        self.results.expandAll()
        self.results.scrollToTop()  # a reset keeps the scroll bar where the last list left it
        self.pages.start(results)
        self._show_status()
        self.shown_generation = generation
        self.results_shown.emit(generation)
        self.history.shown(query, bool(results.hits))

    def _show_status(self) -> None:
        results = self.pages.results
        if results is not None:
            more, loading = self.pages.more(), self.pages.loading
            self.status.setText(status_text(results, self.query(), self.model, more=more, loading=loading))

    def _on_search_failed(self, generation: int, exc: BaseException, trace: str) -> None:
        if generation != self.generation:
            return
        if self.shown_generation == generation:  # a later page failed: keep what is shown
            self.pages.failed()
            self.status.setText(self.tr("Loading more results failed: {error}").format(error=exc))
            return
        self.model.set_items([])
        self.status.setText(self.tr("Search failed: {error}").format(error=exc))
        self.shown_generation = generation
        self.results_shown.emit(generation)
        if not isinstance(exc, UserError):
            log.error("search failed\n%s", trace)

    def show_documents(self) -> None:
        self.pages.stop()
        self.model.set_items([DocumentEntry(d) for d in self.documents])
        self.results.scrollToTop()
        self.status.setText(self.tr("{n} documents · type to search").format(n=len(self.documents)))
        self.shown_generation = self.generation
        self.results_shown.emit(self.generation)

    # --- user actions --------------------------------------------------------------------------

    def _on_results_activated(self, index: Any) -> None:
        item = self.model.item(index)
        if isinstance(item, DocumentEntry):
            self.document_activated.emit(item.document.id)
            return
        if isinstance(item, DocumentGroup):
            item = item.hits[0]  # a document's header opens its best hit
        if item is not None:
            self.history.commit()
            self.hit_activated.emit(item)

    def _on_query_edit_return_pressed(self) -> None:
        self.history.arm(self.query())
        self.search_now()

    def _on_query_edit_text_changed(self, text: str) -> None:
        self.languages.show_query(text)
        if not text.strip() and not self.model.browsing:
            self.search_now()

    def _on_languages_chosen(self, code: str) -> None:
        """A language button: rewrite the query's own lang: when it has one, else filter by it."""
        text = self.query_edit.text()
        if query_langs(text):
            self.query_edit.setText(with_lang(text, code))
        else:
            self.languages.chosen_lang = code
        self.search_now()

    def _on_history_chosen(self, query: str) -> None:
        self.query_edit.setText(query)
        self.query_edit.setFocus()
        self.history.arm(query)
        self.search_now()

    def move_into_results(self) -> bool:
        """Focus the results on the best hit (or the first document, or the first line of the
        concordance); False when the list is empty."""
        if self.modes.mode == CONCORDANCE:
            return self.into_concordance()
        first = self.model.first_hit()
        if not first.isValid():
            return False
        self.results.setFocus()
        self.results.setCurrentIndex(first)
        return True
