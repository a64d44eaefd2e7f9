"""The search panel as a researcher uses it: hits grouped by document, more pages as the list is
read, the keyboard through groups and hits, recent searches on request, the language buttons in
step with `lang:` in the query, and a signal when the query changes (issue 14, items 5, 7, 8)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

from viewer.ui import search_pages
from viewer.ui.results_model import DocumentGroup
from viewer.ui.search_filters import query_langs, with_lang
from viewer.ui.search_history import SearchHistory

MANY = "co* OR in*"
# WORKAROUND: the offscreen platform plugin warns when a popup menu opens (it cannot raise or grab).
popup = pytest.mark.qt_log_ignore(
    "This plugin does not support (raise|grabbing the keyboard)"
)  # more than two pages of hits in the bundled corpus


def search(qtbot, panel, text):
    panel.query_edit.setText(text)
    panel.search_now()
    qtbot.waitUntil(lambda: panel.shown_generation == panel.generation and panel.last_results is not None)


def everything(window, text, **filters):
    """Every hit of a search, straight from the workspace (the answer the panel must end up with)."""
    return window.workspace.search(text, pagelen=1000, **filters).hits


def test_hits_are_grouped_by_document_with_counts_in_rank_order(qtbot, window):
    panel = window.search_panel
    search(qtbot, panel, "work*")
    qtbot.waitUntil(lambda: not panel.pages.more() and not panel.pages.loading)
    expected = everything(window, "work*")
    model = panel.model
    assert len(model.hits) == len(expected) and {h.passage_id for h in model.hits} == {h.passage_id for h in expected}
    docs = list(dict.fromkeys(h.doc_id for h in expected))  # documents in the order of their best hit
    assert [g.doc_id for g in model.groups] == docs and model.rowCount() == len(docs)
    for row, group in enumerate(model.groups):
        header = model.index(row, 0)
        assert header.data(Qt.ItemDataRole.UserRole + 2) is group
        assert model.rowCount(header) == len(group.hits) == sum(h.doc_id == group.doc_id for h in expected)
        assert f"{len(group.hits)} passages" in header.data(Qt.ItemDataRole.DisplayRole) or len(group.hits) == 1
        assert all(
            model.index(i, 0, header).data(Qt.ItemDataRole.UserRole + 2).doc_id == group.doc_id for i in range(3)
        )
    assert panel.status.text() == f"{len(expected)} matching passages in {len(docs)} documents"
    assert all(panel.results.isExpanded(model.index(r, 0)) for r in range(model.rowCount()))


def test_a_result_of_a_few_pages_is_loaded_whole_soon_after_the_first(qtbot, window):
    panel = window.search_panel
    search(qtbot, panel, MANY)
    first = panel.status.text()
    size = search_pages.PAGE_SIZE
    assert len(panel.model.hits) == size and f"{size} of" in first and "shown" in first
    expected = everything(window, MANY)
    assert len(expected) > 2 * search_pages.PAGE_SIZE
    qtbot.waitUntil(lambda: len(panel.model.hits) == len(expected), timeout=10_000)
    assert [h.passage_id for h in panel.model.hits] == [h.passage_id for h in expected]  # no repeats, rank kept
    assert panel.last_results.hits == panel.model.hits  # the reader counts matches over every loaded hit
    docs = len({h.doc_id for h in expected})
    assert panel.status.text().startswith(f"{len(expected)} matching passages in {docs} documents")


def test_a_large_result_loads_the_next_page_when_the_user_reaches_the_end(qtbot, window, monkeypatch):
    monkeypatch.setattr(search_pages, "AUTOLOAD_UNDER", 0)  # as if the corpus were large
    panel = window.search_panel
    search(qtbot, panel, MANY)
    qtbot.wait(search_pages.SETTLE_MS + 100)
    assert len(panel.model.hits) == search_pages.PAGE_SIZE and "scroll for more" in panel.status.text()
    panel.move_into_results()
    qtbot.keyClick(panel.results, Qt.Key.Key_End)
    qtbot.waitUntil(lambda: len(panel.model.hits) > search_pages.PAGE_SIZE, timeout=10_000)
    assert len({h.passage_id for h in panel.model.hits}) == len(panel.model.hits)
    assert panel.results.currentIndex().isValid()  # the rows came in under the user, nothing was reset


def test_keyboard_walks_hits_folds_groups_and_opens_the_current_hit(qtbot, window):
    panel = window.search_panel
    search(qtbot, panel, "work*")
    model, view = panel.model, panel.results
    panel.query_edit.setFocus()
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_Down)
    assert view.hasFocus() and model.item(view.currentIndex()) is model.groups[0].hits[0]
    for hit in model.groups[0].hits[1:]:
        qtbot.keyClick(view, Qt.Key.Key_Down)
        assert model.item(view.currentIndex()) is hit
    qtbot.keyClick(view, Qt.Key.Key_Down)  # over the open group's header to its first hit
    assert model.item(view.currentIndex()) is model.groups[1].hits[0]
    qtbot.keyClick(view, Qt.Key.Key_Left)  # folds the group the hit is in
    assert model.item(view.currentIndex()) is model.groups[1] and not view.isExpanded(view.currentIndex())
    qtbot.keyClick(view, Qt.Key.Key_Down)  # a folded group is passed over whole
    assert model.item(view.currentIndex()) is model.groups[2].hits[0]
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert model.item(view.currentIndex()) is model.groups[1]
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.isExpanded(view.currentIndex())
    qtbot.keyClick(view, Qt.Key.Key_Down)
    hit = model.item(view.currentIndex())
    assert hit is model.groups[1].hits[0]
    qtbot.keyClick(view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.document is not None and window.document.id == hit.doc_id)
    assert window.reader.hit_index >= 0
    view.setFocus()
    view.setCurrentIndex(model.first_hit())
    qtbot.keyClick(view, Qt.Key.Key_Up)  # above the first hit: back to the query box
    assert panel.query_edit.hasFocus()


def test_enter_on_a_document_header_opens_its_best_hit(qtbot, window):
    panel = window.search_panel
    search(qtbot, panel, "implementering")
    group = panel.model.groups[-1]
    panel.results.setFocus()
    panel.results.setCurrentIndex(panel.model.index_of(group))
    with qtbot.waitSignal(panel.hit_activated) as opened:
        qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    assert opened.args[0] is group.hits[0] and isinstance(group, DocumentGroup)


def test_history_keeps_only_searches_that_ran_and_found_something_once(qtbot, window):
    panel = window.search_panel
    assert panel.query_edit.completer() is None  # nothing pops up while typing
    panel.set_recent(["IPS", " ips ", "(((", "", "tiltak"])
    assert panel.recent == ["IPS", "tiltak"]
    for text in ("(((", "Kvaløya", "jobbspesialist", "IPS"):  # malformed, no hits, two good ones
        panel.query_edit.setText(text)
        qtbot.keyClick(panel.query_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: panel.shown_generation == panel.generation)
    assert panel.recent == ["IPS", "jobbspesialist", "tiltak"]
    search(qtbot, panel, "arbeid")  # typed, not committed: kept once its results are opened
    assert "arbeid" not in panel.recent
    panel.move_into_results()
    qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    assert panel.recent[0] == "arbeid"


@popup
def test_history_opens_on_down_in_an_empty_box_and_runs_the_query_picked(qtbot, window):
    panel = window.search_panel
    panel.set_recent(["jobbspesialist", "arbeid"])
    panel.query_edit.setFocus()
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_Down)
    menu = panel.history.menu
    assert isinstance(menu, QMenu) and menu.isVisible()
    assert [a.text() for a in menu.actions() if a.text()][:2] == ["jobbspesialist", "arbeid"]
    menu.actions()[1].trigger()
    menu.close()
    qtbot.waitUntil(lambda: panel.shown_generation == panel.generation and panel.last_results is not None)
    assert panel.query() == "arbeid" and panel.model.hits
    QApplication.processEvents()
    # With a query typed, Down moves into the results as before; Alt+Down still offers the history.
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_Down)
    assert window.focusWidget() is panel.results and panel.results.currentIndex() == panel.model.first_hit()


def test_history_with_nothing_in_it_leaves_down_to_the_document_list(qtbot, window):
    panel = window.search_panel
    assert panel.recent == [] and not panel.history.button.isEnabled()
    panel.query_edit.setFocus()
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_Down)
    assert panel.results.hasFocus() and panel.results.currentIndex().row() == 0


def test_query_changed_is_emitted_when_the_query_changes_or_is_cleared_not_when_rerun(qtbot, window):
    panel = window.search_panel
    changes: list[str] = []
    panel.query_changed.connect(changes.append)
    search(qtbot, panel, "arbeid")
    search(qtbot, panel, "arbeid ")  # the same search
    panel.set_documents(window.workspace.corpus.documents)  # re-runs it
    search(qtbot, panel, "jobbspesialist")
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_Escape)
    assert changes == ["arbeid", "jobbspesialist", ""]


def test_language_buttons_follow_lang_in_the_query_and_rewrite_it(qtbot, window):
    panel = window.search_panel
    buttons = {b.property("lang"): b for b in panel.lang_group.buttons()}
    search(qtbot, panel, "arbeid lang:nb")
    assert buttons["nb"].isChecked() and panel.lang_filter() is None
    assert {h.lang for h in panel.model.hits} == {"nb"}
    buttons["nn"].click()  # the query says lang:, so the button rewrites it
    qtbot.waitUntil(lambda: panel.shown_generation == panel.generation)
    assert panel.query() == "arbeid lang:nn" and buttons["nn"].isChecked()
    assert panel.model.hits and {h.lang for h in panel.model.hits} == {"nn"}
    buttons[""].click()  # All takes lang: out
    qtbot.waitUntil(lambda: panel.shown_generation == panel.generation)
    assert panel.query() == "arbeid" and buttons[""].isChecked()
    buttons["en"].click()  # no lang: in the query: the button filters and the query stays
    qtbot.waitUntil(lambda: panel.shown_generation == panel.generation)
    assert panel.query() == "arbeid" and {h.lang for h in panel.model.hits} == {"en"}
    panel.query_edit.setText("arbeid lang:no")  # both Norwegian forms: no single button says it
    assert not any(b.isChecked() for b in buttons.values())
    panel.query_edit.setText("arbeid")  # the user's own choice comes back
    assert buttons["en"].isChecked()


def test_lang_parts_are_read_and_replaced_as_the_query_language_reads_them():
    assert query_langs("tiltak lang:NN") == ["nn"] and query_langs("slang:nn") == []
    assert with_lang("lang:nb tiltak lang:en", "nn") == "lang:nn tiltak"
    assert with_lang("tiltak lang:nb", "") == "tiltak" and with_lang("tiltak", "en") == "tiltak lang:en"


@popup
def test_history_menu_shows_ampersands_as_typed(qtbot):
    from PySide6.QtWidgets import QLineEdit

    box = QLineEdit()
    qtbot.addWidget(box)
    history = SearchHistory(box)
    history.set_queries(["R&D"])
    assert history.show_menu(box) and history.menu is not None
    assert history.menu.actions()[0].text() == "R&&D"
    history.menu.close()


def test_a_new_search_starts_at_its_first_hit_wherever_the_last_list_was_scrolled(qtbot, window):
    panel = window.search_panel
    window.resize(1000, 650)
    search(qtbot, panel, MANY)
    bar = panel.results.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    search(qtbot, panel, "work*")
    assert bar.value() == 0
    bar.setValue(bar.maximum())
    panel.query_edit.setText("")  # back to the list of documents
    qtbot.waitUntil(lambda: panel.model.browsing)
    assert bar.value() == 0
