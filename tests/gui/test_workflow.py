"""A user's path through the app: search, open, read the hit, bookmark it, come back later."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog

from viewer.core.bookmarks.store import BookmarkStore
from viewer.core.search.index import SearchIndex
from viewer.ui import bookmarks_panel
from viewer.ui.main_window import MainWindow
from viewer.ui.models import DocumentEntry
from viewer.ui.pair_view import SOURCE, TARGET
from viewer.ui.services import Services, align_for_view


@pytest.fixture(scope="module")
def index(corpus):
    return SearchIndex.build(corpus)


def open_window(qtbot, corpus, index, tmp_path, store_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    store = BookmarkStore(store_path)
    window.attach(Services(corpus=corpus, index=index, bookmarks=store, aligner=align_for_view))
    return window, store


def type_query(qtbot, window, text):
    panel = window.search_panel
    panel.query_edit.clear()
    qtbot.keyClicks(panel.query_edit, text)
    qtbot.waitUntil(lambda: panel.shown_generation == panel.generation and panel.last_results is not None
                    and not panel.timer.isActive(), timeout=10_000)
    return panel


def test_search_open_highlight_bookmark_and_find_it_after_restart(qtbot, corpus, index, tmp_path, monkeypatch):
    store_path = tmp_path / "bookmarks.sqlite3"
    window, store = open_window(qtbot, corpus, index, tmp_path, store_path)
    panel = type_query(qtbot, window, "jobbspesialist")
    assert panel.model.rowCount() > 0
    assert "matching passages" in panel.status.text()
    first = panel.model.items[0]
    assert first.doc_id == "news"

    # Keyboard: Down moves into the results, Enter opens the hit.
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_Down)
    assert panel.results.hasFocus() or panel.results.currentIndex().row() == 0
    qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.document is not None and window.document.id == "news")
    assert window.reader.hit_index >= 0
    start, end = first.matches[0]
    assert "jobbspesialist" in corpus.get("news").text[start:end].lower()
    assert window.hit_label.text().startswith("match ")
    before = window.reader.hit_index
    qtbot.keyClick(window, Qt.Key.Key_F3)
    assert window.reader.hit_index != before or "of 1" in window.hit_label.text()

    # Bookmark the current passage with a note (the dialog is answered as a user would).
    def fake_exec(dialog):
        dialog.note.setPlainText("Job specialists on quality tools — «viktig»")
        dialog.tags.setText("IPS, kvalitet")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(bookmarks_panel.BookmarkDialog, "exec", fake_exec)
    window.reader.browser.setFocus()
    cursor = window.reader.browser.textCursor()
    cursor.setPosition(window.reader.offset_to_position(start))
    window.reader.browser.setTextCursor(cursor)
    window.add_bookmark_action.trigger()
    dock = window.bookmarks_panel
    assert dock.model.rowCount() == 1
    saved = dock.model.items[0]
    assert saved.note.startswith("Job specialists") and set(saved.tags) == {"IPS", "kvalitet"}
    assert window.reader.browser.toPlainText().count("★") == 1
    window.close()
    store.close()

    # Restart on the same data directory: the bookmark is still there.
    again, store2 = open_window(qtbot, corpus, index, tmp_path, store_path)
    assert again.bookmarks_panel.model.rowCount() == 1
    assert again.bookmarks_panel.model.items[0].id == saved.id
    assert again.search_panel.query() == "jobbspesialist"  # the last query is remembered
    store2.close()


def test_delete_and_undo_in_the_bookmarks_panel(qtbot, corpus, index, tmp_path):
    window, store = open_window(qtbot, corpus, index, tmp_path, ":memory:")
    news = corpus.get("news")
    dock = window.bookmarks_panel
    dock.store_add(news, news.passages[3].start, news.passages[3].end, note="first")
    dock.list.setCurrentIndex(dock.model.index(0))
    dock.delete_current()
    assert dock.model.rowCount() == 0 and dock.undo_button.isEnabled()
    dock.undo_delete()
    assert dock.model.rowCount() == 1 and dock.model.items[0].note == "first"
    out = dock.export_to(tmp_path / "b.md", "md")
    assert "first" in out.read_text(encoding="utf-8")
    store.close()


def test_malformed_query_shows_not_understood_or_plain_search(qtbot, corpus, index, tmp_path):
    window, store = open_window(qtbot, corpus, index, tmp_path, ":memory:")
    panel = window.search_panel
    for text in ('"unbalanced', "AND", "(((", "-", "*", "~"):
        panel.query_edit.setText(text)
        panel.search_now()
        qtbot.waitUntil(lambda: panel.shown_generation == panel.generation, timeout=10_000)
        status = panel.status.text()
        assert status and "failed" not in status.lower(), (text, status)
    panel.query_edit.setText("AND")
    panel.search_now()
    qtbot.waitUntil(lambda: panel.shown_generation == panel.generation, timeout=10_000)
    assert panel.model.rowCount() == 0
    assert "not understood" in panel.status.text().lower() or "no hits" in panel.status.text().lower()
    # Esc clears the box and brings back the document list.
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_Escape)
    assert panel.query() == "" and isinstance(panel.model.items[0], DocumentEntry)
    store.close()


def test_opening_a_hit_in_the_abstract_opens_side_by_side_with_counterpart(qtbot, corpus, index, tmp_path):
    window, store = open_window(qtbot, corpus, index, tmp_path, ":memory:")
    panel = type_query(qtbot, window, "implementeringsrammeverk")
    hit = next(h for h in panel.model.items if h.doc_id == "thesis")
    window.open_hit(hit)
    assert window.stack.currentWidget() is window.pairs
    focus = window.pairs.model.focus
    assert focus is not None and focus[1] == TARGET
    source = window.pairs.counterpart()
    assert "implementation frameworks" in corpus.get("thesis").text[source[0]:source[1]]
    window.pairs.select_cell(focus[0], SOURCE)
    assert window.pairs.counterpart() == window.pairs.model.rows[focus[0]].target
    store.close()


def test_ui_stays_responsive_while_a_slow_index_build_runs(qtbot, corpus, tmp_path):
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()

    def slow_open(progress):
        for i in range(20):
            time.sleep(0.05)  # a slow build, in the worker thread
            progress(i, 20, "Indexing")
        return Services(corpus=corpus)

    ticks = []
    timer_start = time.monotonic()
    window.start(slow_open)
    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start(10)
    qtbot.waitUntil(lambda: window.services is not None, timeout=10_000)
    timer.stop()
    QApplication.processEvents()
    # The event loop kept turning during the build: many timer ticks, no long gap between them.
    assert len(ticks) > 20
    gaps = [b - a for a, b in zip([timer_start, *ticks], ticks, strict=False)]
    assert max(gaps) < 0.5
    assert window.search_panel is not None


def test_reading_works_before_the_index_is_ready_then_search_switches_on(qtbot, corpus, index, tmp_path):
    import threading

    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    gate = threading.Event()

    def open_index(services, progress):
        gate.wait(10)
        services.index = index
        services.messages.append("the index was damaged; moved aside and rebuilt")
        return index

    window.start(lambda progress: Services(corpus=corpus), open_index)
    qtbot.waitUntil(lambda: window.search_panel is not None, timeout=10_000)
    window.open_document_by_id("thesis")  # reading works already
    panel = window.search_panel
    panel.query_edit.setText("jobbspesialist")
    panel.search_now()
    assert "being built" in panel.status.text()
    gate.set()
    qtbot.waitUntil(lambda: panel.last_results is not None and panel.model.rowCount() > 0, timeout=10_000)
    assert "moved aside and rebuilt" in window.banner.text() and not window.banner.isHidden()


def test_deleted_bookmarks_can_be_restored_after_a_restart(qtbot, corpus, index, tmp_path):
    path = tmp_path / "b.sqlite3"
    window, store = open_window(qtbot, corpus, index, tmp_path, path)
    news = corpus.get("news")
    window.bookmarks_panel.store_add(news, news.passages[5].start, news.passages[5].end, note="keep me")
    window.bookmarks_panel.list.setCurrentIndex(window.bookmarks_panel.model.index(0))
    window.bookmarks_panel.delete_current()
    window.close()
    store.close()
    again, store2 = open_window(qtbot, corpus, index, tmp_path, path)
    dock = again.bookmarks_panel
    assert dock.model.rowCount() == 0
    dock.show_deleted.setChecked(True)
    assert dock.model.rowCount() == 1 and dock.undo_button.text() == "Restore"
    dock.list.setCurrentIndex(dock.model.index(0))
    dock.undo_delete()
    dock.show_deleted.setChecked(False)
    assert [b.note for b in dock.model.items] == ["keep me"]
    store2.close()
