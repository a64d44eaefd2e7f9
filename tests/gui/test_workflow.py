"""A user's path through the app: search, open, read the hit, bookmark it, come back later."""

from __future__ import annotations

import sys
import threading
import time

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QDialog

from viewer.core.bookmarks.store import BookmarkStore
from viewer.core.errors import UserError
from viewer.core.library.library import Library
from viewer.core.search import cache
from viewer.core.search.cache import IndexCache
from viewer.core.workspace import Workspace
from viewer.ui import app, bookmarks_panel
from viewer.ui.main_window import MainWindow
from viewer.ui.models import DocumentEntry
from viewer.ui.pair_view import SOURCE, TARGET


def open_window(qtbot, corpus, index, tmp_path, store_path):
    """A window over a workspace with the index open; closing the window closes the store."""
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    store = BookmarkStore(store_path)
    workspace = Workspace(Library(":memory:", ":memory:"), corpus, index_cache=index, bookmarks=store)
    workspace.open_index()
    window.attach(workspace)
    return window


def new_window(qtbot, tmp_path):
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    return window


def type_query(qtbot, window, text):
    panel = window.search_panel
    panel.query_edit.clear()
    qtbot.keyClicks(panel.query_edit, text)
    qtbot.waitUntil(
        lambda: (
            panel.shown_generation == panel.generation and panel.last_results is not None and not panel.timer.isActive()
        ),
        timeout=10_000,
    )
    return panel


def test_search_open_highlight_bookmark_and_find_it_after_restart(qtbot, corpus, index, tmp_path, monkeypatch):
    store_path = tmp_path / "bookmarks.sqlite3"
    window = open_window(qtbot, corpus, index, tmp_path, store_path)
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

    # Restart on the same data directory: the bookmark is still there.
    again = open_window(qtbot, corpus, index, tmp_path, store_path)
    assert again.bookmarks_panel.model.rowCount() == 1
    assert again.bookmarks_panel.model.items[0].id == saved.id
    assert again.search_panel.query() == "jobbspesialist"  # the last query is remembered


def test_delete_and_undo_in_the_bookmarks_panel(qtbot, corpus, index, tmp_path):
    window = open_window(qtbot, corpus, index, tmp_path, ":memory:")
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


def test_malformed_query_shows_not_understood_or_plain_search(qtbot, corpus, index, tmp_path):
    window = open_window(qtbot, corpus, index, tmp_path, ":memory:")
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
    # What the engine says of the query follows the count, or the "no hits" line, never replaces it.
    for text, hits in (("(jobbspesialist AND OR", True), ('"unclosed (zxqvw AND OR', False)):
        panel.query_edit.setText(text)
        panel.search_now()
        qtbot.waitUntil(lambda: panel.shown_generation == panel.generation, timeout=10_000)
        status = panel.status.text()
        assert (panel.model.rowCount() > 0) == hits, (text, status)
        assert "matching passage" in status if hits else status.startswith("No hits for"), (text, status)
        assert " · " in status and len(status.split(" · ", 1)[1]) > 10, (text, status)
    # Esc clears the box and brings back the document list.
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_Escape)
    assert panel.query() == "" and isinstance(panel.model.items[0], DocumentEntry)


def test_opening_a_hit_in_the_abstract_opens_side_by_side_with_counterpart(qtbot, corpus, index, tmp_path):
    window = open_window(qtbot, corpus, index, tmp_path, ":memory:")
    panel = type_query(qtbot, window, "implementeringsrammeverk")
    hit = next(h for h in panel.model.items if h.doc_id == "thesis")
    window.open_hit(hit)
    assert window.reader.hit_index >= 0  # the reader shows the hit at once; the pairs once aligned
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pairs, timeout=20_000)
    focus = window.pairs.model.focus
    assert focus is not None and focus[1] == TARGET
    source = window.pairs.counterpart()
    assert "implementation frameworks" in corpus.get("thesis").text[source[0] : source[1]]
    window.pairs.select_cell(focus[0], SOURCE)
    assert window.pairs.counterpart() == window.pairs.model.rows[focus[0]].target


def test_ui_stays_responsive_while_the_index_is_built_in_a_child_process(qtbot, tmp_path, monkeypatch):
    """The real start-up path: the workspace opens in a worker, the bundled corpus's index (263
    passages, over the lowered child threshold) is built by a child process, and meanwhile the
    UI thread keeps turning (a 10 ms heartbeat) and the search box answers."""
    monkeypatch.setattr(cache, "CHILD_ABOVE_PASSAGES", 50)
    children = []
    build_in_child = cache._build_in_child
    monkeypatch.setattr(cache, "_build_in_child", lambda *args: children.append(1) or build_in_child(*args))
    interval = sys.getswitchinterval()
    app.tune_interpreter()  # as create_application does
    window = new_window(qtbot, tmp_path)
    ticks: list[float] = []
    heartbeat = QTimer()
    heartbeat.timeout.connect(lambda: ticks.append(time.monotonic()))
    heartbeat.start(10)
    try:
        app.start(
            window,
            library=Library(":memory:", ":memory:"),
            index_cache=IndexCache(tmp_path / "index"),
            bookmarks=tmp_path / "bookmarks.sqlite3",
        )
        qtbot.waitUntil(lambda: window.search_panel is not None, timeout=20_000)
        attached = time.monotonic()
        panel = window.search_panel
        qtbot.keyClicks(panel.query_edit, "jobbspesialist")
        panel.search_now()
        if window.workspace.index is None:  # the child takes over a second to start: it is not there yet
            assert "being built" in panel.status.text()
        window.open_document_by_id("news")  # reading works meanwhile
        qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Search index ready", timeout=20_000)
        ready = time.monotonic()
        qtbot.waitUntil(lambda: panel.last_results is not None and panel.model.rowCount() > 0, timeout=10_000)
    finally:
        heartbeat.stop()
        sys.setswitchinterval(interval)
    assert children == [1] and window.workspace.index.status.action == "built"
    assert panel.model.items[0].doc_id == "news"
    during = [t for t in ticks if attached <= t <= ready]
    gaps = [b - a for a, b in zip([attached, *during], [*during, ready], strict=False)]
    assert len(during) > 10 and max(gaps) < 1.0, f"the UI thread stalled {max(gaps):.2f} s"
    print(f"index built in a child in {ready - attached:.1f} s; longest UI stall {max(gaps) * 1000:.0f} ms")


def test_reading_works_before_the_index_is_ready_then_search_switches_on(qtbot, index, tmp_path, monkeypatch):
    gate = threading.Event()
    open_index = IndexCache.open

    def gated_open(self, corpus, progress=None, **options):
        gate.wait(10)
        ix = open_index(self, corpus, progress, **options)
        ix.status.messages.append("the index was damaged; moved aside and rebuilt")
        return ix

    monkeypatch.setattr(IndexCache, "open", gated_open)
    window = new_window(qtbot, tmp_path)
    app.start(window, library=Library(":memory:", ":memory:"), index_cache=index, bookmarks=False)
    qtbot.waitUntil(lambda: window.search_panel is not None, timeout=10_000)
    window.open_document_by_id("thesis")  # reading works already
    panel = window.search_panel
    panel.query_edit.setText("jobbspesialist")
    panel.search_now()
    assert "being built" in panel.status.text()
    gate.set()
    qtbot.waitUntil(lambda: panel.last_results is not None and panel.model.rowCount() > 0, timeout=10_000)
    assert "moved aside and rebuilt" in window.banner.text() and not window.banner.isHidden()


def test_an_index_that_cannot_be_opened_says_so_where_the_user_searches(qtbot, index, tmp_path, monkeypatch):
    def refused(self, corpus, progress=None, **options):
        raise UserError("the index folder /nowhere cannot be written")

    monkeypatch.setattr(IndexCache, "open", refused)
    window = new_window(qtbot, tmp_path)
    app.start(window, library=Library(":memory:", ":memory:"), index_cache=index, bookmarks=False)
    qtbot.waitUntil(lambda: "Search is unavailable" in window.banner.text(), timeout=10_000)
    panel = window.search_panel
    panel.query_edit.setText("jobbspesialist")
    panel.search_now()
    assert panel.status.text() == "Search is unavailable: the index folder /nowhere cannot be written"
    assert window.statusBar().currentMessage() == "Search is unavailable" and window.progress.isHidden()
    window.open_document_by_id("news")  # reading still works
    assert window.document is not None and window.document.id == "news"


def test_a_corpus_that_cannot_be_opened_says_why(qtbot, tmp_path):
    window = new_window(qtbot, tmp_path)
    app.start(window, [tmp_path / "missing"], library=Library(":memory:", ":memory:"), bookmarks=False)
    qtbot.waitUntil(lambda: "could not be opened" in window.loading.text(), timeout=10_000)
    assert "no such file" in window.loading.text() and window.workspace is None


def test_deleted_bookmarks_can_be_restored_after_a_restart(qtbot, corpus, index, tmp_path):
    path = tmp_path / "b.sqlite3"
    window = open_window(qtbot, corpus, index, tmp_path, path)
    news = corpus.get("news")
    window.bookmarks_panel.store_add(news, news.passages[5].start, news.passages[5].end, note="keep me")
    window.bookmarks_panel.list.setCurrentIndex(window.bookmarks_panel.model.index(0))
    window.bookmarks_panel.delete_current()
    window.close()
    again = open_window(qtbot, corpus, index, tmp_path, path)
    dock = again.bookmarks_panel
    assert dock.model.rowCount() == 0
    dock.show_deleted.setChecked(True)
    assert dock.model.rowCount() == 1 and dock.undo_button.text() == "Restore"
    dock.list.setCurrentIndex(dock.model.index(0))
    dock.undo_delete()
    dock.show_deleted.setChecked(False)
    assert [b.note for b in dock.model.items] == ["keep me"]
