"""The search box, its filters and the results list.

Search as you type: each edit restarts a single-shot timer (debounce); each query carries a
generation number and runs in a worker; results of an older generation are dropped on arrival.
With no query the list shows the documents, so the panel is also the way to browse.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from viewer.core.corpus.model import Document
from viewer.ui.models import ITEM_ROLE, DocumentEntry, ResultsModel, RichTextDelegate
from viewer.ui.workers import JobPool, run_in_thread

if TYPE_CHECKING:
    from viewer.core.search.index import SearchResults

DEBOUNCE_MS = 150
PAGE_SIZE = 50
MAX_RECENT = 20

SearchFunction = Callable[..., "SearchResults"]  # Workspace.search: (text, *, lang, doc, pagelen)


def syntax_help() -> str:
    return QCoreApplication.translate(
        "SearchPanel",
        "<b>Search syntax</b><br>"
        "<code>activation work</code> both words (inflections too: <i>tjeneste</i> finds <i>tjenestene</i>)<br>"
        '<code>"evidence-based intervention"</code> exact phrase<br>'
        "<code>NAV OR IPS</code> either word · <code>-managerialism</code> or <code>NOT</code> excludes<br>"
        "<code>implement*</code> prefix · <code>implementaton~</code> fuzzy (<code>~2</code>: two edits)<br>"
        "<code>lang:nn</code> <code>lang:en</code> <code>lang:no</code> language · "
        "<code>doc:thesis</code> one document<br>"
        "Enter searches at once · Esc clears · ↓ moves into the results · Enter opens",
    )


class SearchPanel(QWidget):
    hit_activated = Signal(object)  # a SearchHit
    document_activated = Signal(str)  # a document id (browse mode)
    results_shown = Signal(int)  # generation whose results are now on screen

    def __init__(
        self, documents: Sequence[Document], parent: QWidget | None = None, *, jobs: JobPool | None = None
    ) -> None:
        super().__init__(parent)
        self.documents = list(documents)
        self.jobs = jobs  # the window's pool (closing waits for it); the global one without
        self._search: SearchFunction | None = None
        self.generation = 0
        self.shown_generation = 0
        self.last_results: SearchResults | None = None
        self.recent: list[str] = []

        self.query_edit = QLineEdit()
        self.query_edit.setObjectName("query")
        self.query_edit.setClearButtonEnabled(True)
        self.query_edit.setPlaceholderText(self.tr('Search the corpus… (e.g. implementering, "evidence-based")'))
        self.query_edit.installEventFilter(self)
        self.recent_model = QStringListModel(self)
        completer = QCompleter(self.recent_model, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.query_edit.setCompleter(completer)
        self.help_button = QToolButton()
        self.help_button.setText("?")
        self.help_button.setToolTip(syntax_help())
        self.help_button.clicked.connect(self._on_help_button_clicked)

        self.setStyleSheet(
            "QToolButton:checked { background: palette(highlight); color: palette(highlighted-text); "
            "border-radius: 3px; }"
        )
        self.lang_group = QButtonGroup(self)
        self.lang_group.setExclusive(True)
        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        for i, (code, label) in enumerate((("", self.tr("All")), ("en", "en"), ("nb", "nb"), ("nn", "nn"))):
            button = QToolButton()
            button.setText(label)
            button.setCheckable(True)
            button.setChecked(i == 0)
            button.setProperty("lang", code)
            button.setToolTip(
                self.tr("Only passages in {lang}").format(lang=label) if code else self.tr("Passages in every language")
            )
            self.lang_group.addButton(button, i)
            filters.addWidget(button)
        self.doc_combo = QComboBox()
        self.doc_combo.addItem(self.tr("All documents"), "")
        for document in self.documents:
            self.doc_combo.addItem(
                document.title if len(document.title) < 48 else document.title[:46] + "…", document.id
            )
        self.doc_combo.setToolTip(self.tr("Search one document only"))
        filters.addWidget(self.doc_combo, 1)

        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.model = ResultsModel(self)
        self.results = QListView()
        self.results.setObjectName("results")
        self.results.setModel(self.model)
        self.results.setItemDelegate(RichTextDelegate(self.results))
        self.results.setWordWrap(True)
        self.results.setUniformItemSizes(False)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setResizeMode(QListView.ResizeMode.Adjust)
        self.results.activated.connect(self._on_results_activated)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.query_edit, 1)
        top.addWidget(self.help_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.search_now)
        self.query_edit.textEdited.connect(lambda _text: self.timer.start())
        self.query_edit.textChanged.connect(self._on_query_edit_text_changed)
        self.query_edit.returnPressed.connect(self.search_now)
        self.lang_group.idClicked.connect(lambda _id: self.search_now())
        self.doc_combo.currentIndexChanged.connect(lambda _i: self.search_now())
        self.show_documents()

    # --- wiring --------------------------------------------------------------------------------

    def set_search_function(self, search: SearchFunction | None) -> None:
        """Enable searching (None while the index is being built)."""
        self._search = search
        if search is not None and self.query():
            self.search_now()

    def query(self) -> str:
        return self.query_edit.text().strip()

    def lang_filter(self) -> str | None:
        button = self.lang_group.checkedButton()
        code = button.property("lang") if button else ""
        return code or None

    def doc_filter(self) -> str | None:
        return self.doc_combo.currentData() or None

    def set_documents(self, documents: Sequence[Document]) -> None:
        """A changed corpus: refresh the document filter and, in browse mode, the list."""
        self.documents = list(documents)
        current = self.doc_combo.currentData()
        self.doc_combo.blockSignals(True)
        self.doc_combo.clear()
        self.doc_combo.addItem(self.tr("All documents"), "")
        for document in self.documents:
            self.doc_combo.addItem(
                document.title if len(document.title) < 48 else document.title[:46] + "…", document.id
            )
        self.doc_combo.setCurrentIndex(max(0, self.doc_combo.findData(current)))
        self.doc_combo.blockSignals(False)
        if self.query():
            self.search_now()
        else:
            self.show_documents()

    def set_recent(self, queries: Sequence[str]) -> None:
        self.recent = list(queries)[:MAX_RECENT]
        self.recent_model.setStringList(self.recent)

    # --- searching -----------------------------------------------------------------------------

    def search_now(self) -> None:
        self.timer.stop()
        query = self.query()
        self.generation += 1
        generation = self.generation
        if not query:
            self.show_documents()
            return
        if self._search is None:
            self.status.setText(self.tr("The search index is being built; results will appear when it is ready."))
            return
        self.status.setText(self.tr("Searching…"))
        search = partial(self._search, query, lang=self.lang_filter(), doc=self.doc_filter(), pagelen=PAGE_SIZE)
        run = self.jobs.run if self.jobs is not None else run_in_thread
        run(
            search,
            on_success=lambda results: self._on_search_done(generation, query, results),
            on_failure=lambda exc, tb: self._on_search_failed(generation, exc, tb),
        )

    def _on_search_done(self, generation: int, query: str, results: SearchResults) -> None:
        if generation != self.generation:
            return  # a newer query is on its way: drop stale results
        self.last_results = results
        self.model.set_items(results.hits)
        self._remember(query)
        if not results.query_understood:
            self.status.setText(self.tr("Query not understood: {message}").format(message=results.message))
        elif not results.hits:
            self.status.setText(results.message or self.tr("No hits for “{query}”.").format(query=query))
        else:
            self.status.setText(
                self.tr("{shown} of {total} matching passages").format(
                    shown=len(results.hits), total=_total_text(results)
                )
            )
            if results.message:
                self.status.setText(self.status.text() + " · " + results.message)
        self.shown_generation = generation
        self.results_shown.emit(generation)

    def _on_search_failed(self, generation: int, exc: BaseException, trace: str) -> None:
        if generation != self.generation:
            return
        self.model.set_items([])
        self.status.setText(self.tr("Search failed: {error}").format(error=exc))
        self.shown_generation = generation
        self.results_shown.emit(generation)
        from viewer.core.errors import UserError

        if not isinstance(exc, UserError):
            import logging

            logging.getLogger(__name__).error("search failed\n%s", trace)

    def show_documents(self) -> None:
        self.model.set_items([DocumentEntry(d) for d in self.documents])
        self.status.setText(self.tr("{n} documents · type to search").format(n=len(self.documents)))
        self.shown_generation = self.generation
        self.results_shown.emit(self.generation)

    def _remember(self, query: str) -> None:
        if query in self.recent:
            self.recent.remove(query)
        self.recent.insert(0, query)
        self.set_recent(self.recent)

    # --- user actions --------------------------------------------------------------------------

    def _on_results_activated(self, index: Any) -> None:
        item = index.data(ITEM_ROLE)
        if isinstance(item, DocumentEntry):
            self.document_activated.emit(item.document.id)
        elif item is not None:
            self.hit_activated.emit(item)

    def _on_query_edit_text_changed(self, text: str) -> None:
        if not text.strip() and self.model.items and not isinstance(self.model.items[0], DocumentEntry):
            self.search_now()

    def _on_help_button_clicked(self) -> None:
        QToolTip.showText(
            self.help_button.mapToGlobal(self.help_button.rect().bottomLeft()), syntax_help(), self.help_button
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.query_edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_Escape:
                self.query_edit.clear()
                self.search_now()
                return True
            completer = self.query_edit.completer()
            popup = completer.popup() if completer is not None else None
            popup_open = popup is not None and popup.isVisible()
            if event.key() == Qt.Key.Key_Down and self.model.rowCount() and not popup_open:
                self.results.setFocus()
                self.results.setCurrentIndex(self.model.index(0))
                return True
        return super().eventFilter(watched, event)


def _total_text(results: SearchResults) -> str:
    total = getattr(results, "total", None)
    exact = getattr(results, "total_exact", True)
    if total is None:
        return "?"
    return str(total) if exact else f"≈{total}"
