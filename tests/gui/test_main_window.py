"""The window a user sees: documents listed, the reader shows the chosen one with language marks."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QTableWidget

from viewer.core.library.library import Library
from viewer.core.search.cache import IndexCache
from viewer.core.workspace import Workspace, WorkspaceClosedError
from viewer.ui import theme
from viewer.ui.main_window import MainWindow
from viewer.ui.models import ITEM_ROLE, DocumentEntry


def make_window(qtbot, corpus, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    window.attach(Workspace(Library(":memory:", ":memory:"), corpus, index_cache=IndexCache(tmp_path / "index")))
    return window


def wait_aligned(qtbot, window):
    qtbot.waitUntil(lambda: not window.pane.aligning, timeout=20_000)


def test_browse_mode_lists_documents_and_opens_one(qtbot, corpus, tmp_path):
    window = make_window(qtbot, corpus, tmp_path)
    panel = window.search_panel
    items = [panel.model.index(i).data(ITEM_ROLE) for i in range(panel.model.rowCount())]
    assert [i.document.id for i in items if isinstance(i, DocumentEntry)] == corpus.ids()
    panel.results.setCurrentIndex(panel.model.index(4))
    panel.results.activated.emit(panel.model.index(4))
    assert window.document.id == "news"
    text = window.reader.browser.toPlainText()
    assert "Ny rapport om kvalitetsarbeid" in text
    assert " nn " in text and " nb " in text


def test_reader_offsets_map_to_view_positions(qtbot, corpus, tmp_path):
    window = make_window(qtbot, corpus, tmp_path)
    thesis = corpus.get("thesis")
    window.open_document(thesis)
    view_text = window.reader.browser.document().toPlainText()
    for passage in thesis.passages[::5]:
        pos = window.reader.offset_to_position(passage.start)
        assert view_text[pos : pos + len(passage.text)] == passage.text
        assert window.reader.position_to_offset(pos) == passage.start


def test_side_by_side_pairs_light_up_counterparts_both_ways(qtbot, corpus, tmp_path):
    from viewer.ui.pair_view import SOURCE, TARGET

    window = make_window(qtbot, corpus, tmp_path)
    window.open_document_by_id("thesis")
    # The text shows at once; the pairs follow from a worker. Asked for meanwhile, they appear then.
    assert window.reader.document.id == "thesis" and window.pane.aligning
    window.side_by_side_action.trigger()
    assert window.stack.currentWidget() is window.reader and window.side_by_side_action.isChecked()
    wait_aligned(qtbot, window)
    assert window.side_by_side_action.isEnabled()
    assert window.stack.currentWidget() is window.pairs
    model = window.pairs.model
    assert model.rowCount() == 25
    assert model.text(0, TARGET).startswith("Basert på intervjuer og feltarbeid")
    window.pairs.select_cell(10, SOURCE)
    assert model.focus == (10, SOURCE)
    lit = model.data(model.index(10, TARGET), Qt.ItemDataRole.BackgroundRole).color()
    assert lit == theme.highlight("counterpart")
    assert window.pairs.counterpart() == model.rows[10].target
    window.pairs.select_cell(3, TARGET)
    assert window.pairs.counterpart() == model.rows[3].source
    # Both sides live in one table, so scrolling to a pair shows both of its sentences.
    window.pairs.select_cell(24, SOURCE)
    qtbot.wait(10)
    rect_source = window.pairs.table.visualRect(model.index(24, SOURCE))
    rect_target = window.pairs.table.visualRect(model.index(24, TARGET))
    viewport = window.pairs.table.viewport().rect()
    assert viewport.intersects(rect_source) and viewport.intersects(rect_target)
    assert rect_source.top() == rect_target.top()


def test_documents_without_translation_have_no_side_by_side(qtbot, corpus, tmp_path):
    window = make_window(qtbot, corpus, tmp_path)
    window.open_document_by_id("project")
    wait_aligned(qtbot, window)
    assert not window.side_by_side_action.isEnabled()
    window.toggle_side_by_side()
    assert window.stack.currentWidget() is window.reader


def test_every_menu_entry_and_shortcut_is_there(qtbot, corpus, tmp_path):
    window = make_window(qtbot, corpus, tmp_path)
    # Quit has the platform's standard key (none offscreen); the unnamed one is Ctrl+= for zooming in.
    shortcuts = {a.text(): a.shortcut().toString() for a in window.actions() if not a.shortcut().isEmpty()}
    assert shortcuts == {
        "Search": "Ctrl+L",
        "Find in document": "Ctrl+F",
        "Next hit": "F3",
        "Previous hit": "Shift+F3",
        "Copy with citation": "Ctrl+Shift+C",
        "Side-by-side view": "Ctrl+T",
        "Zoom in": "Ctrl++",
        "": "Ctrl+=",
        "Zoom out": "Ctrl+-",
        "Show search panel": "Ctrl+Shift+F",
        "Focus on reading": "F11",
        "Bookmark passage or selection…": "Ctrl+D",
        "Show bookmarks": "Ctrl+B",
        "Add folder…": "Ctrl+Shift+O",
        "Add files…": "Ctrl+O",
        "Keyboard shortcuts": "F1",
        "Pair with…": "Ctrl+Shift+P",
        "Confirm pair": "Ctrl+Shift+A",
        "Reject pair": "Ctrl+Shift+R",
        "Unpair": "Ctrl+Shift+U",
        "Open the original file": "Ctrl+Shift+E",
        "Edit title, authors and year…": "Ctrl+Shift+I",
        "Concordance": "Ctrl+Shift+K",
        "Search across languages": "Ctrl+Shift+X",
        "Save search…": "Ctrl+S",
        "Manage saved searches…": "Ctrl+Shift+S",
        "Export results…": "Ctrl+E",
        "Stop importing": "Ctrl+.",
    }
    menus = {m.text(): [a.text() for a in m.menu().actions() if a.text()] for m in window.menuBar().actions()}
    assert menus["&File"] == [
        "Add folder…",
        "Add files…",
        "Collections…",
        "Export aligned pairs (TMX)…",
        "Export results…",
        "Quit",
    ]
    assert menus["&View"] == [
        "Side-by-side view",
        "Zoom in",
        "Zoom out",
        "Show search panel",
        "Focus on reading",
        "Open search hits side by side",
        "Concordance",
        "Theme",
    ]
    assert menus["&Document"] == [
        "Pair with…",
        "Confirm pair",
        "Reject pair",
        "Unpair",
        "Open the original file",
        "Show in its folder",
        "Edit title, authors and year…",
        "Stop aligning",
    ]
    assert menus["&Help"] == ["Keyboard shortcuts", "About Corpus Viewer"]
    corrections = {a.text(): a.shortcut().toString() for a in window.pair_editor.actions() if a is not None}
    assert corrections == {
        "Merge with the previous pair": "Ctrl+Shift+Up",
        "Merge with the next pair": "Ctrl+Shift+Down",
        "Split the pair": "Ctrl+K",
        "Move the first sentence to the previous pair": "Alt+Up",
        "Move the last sentence to the next pair": "Alt+Down",
        "No counterpart for this sentence": "Ctrl+Shift+N",
        "Confirm this sentence pair": "Ctrl+Return",
        "Confirm every sentence pair": "Ctrl+Shift+Return",
        "Undo the correction": "Ctrl+Z",
        "Redo the correction": "Ctrl+Y",  # and Ctrl+Shift+Z: the platform's standard keys
    }
    assert menus["&Alignment"] == list(corrections)
    assert not set(corrections.values()) & set(shortcuts.values())  # no shortcut does two things
    dialog = window.help.show_shortcuts()
    table = dialog.findChild(QTableWidget)
    assert table.rowCount() == len([t for t in shortcuts if t]) + len(corrections) + 5
    assert dialog.height() <= max(window.height(), 480)  # a long table scrolls in a dialog the window's size
    assert "thesis" not in window.help.about_text() and corpus.get("thesis").title in window.help.about_text()
    window.focus_search()
    assert window.search_panel.query_edit.hasFocus() or window.search_panel.query_edit.isVisible()
    dialog.close()


def test_export_pairs_collects_them_in_a_worker_and_writes_tmx(qtbot, corpus, tmp_path, monkeypatch):
    from viewer.ui import actions_export

    window = make_window(qtbot, corpus, tmp_path)
    window.open_document_by_id("thesis")
    wait_aligned(qtbot, window)
    target = tmp_path / "thesis.tmx"
    asked = []
    monkeypatch.setattr(
        actions_export.QFileDialog,
        "getSaveFileName",
        lambda _parent, _title, name, _filter: asked.append(name) or (str(target), ""),
    )
    assert window.pair_export.start()
    assert not window.commands.export_pairs.isEnabled()  # until the worker is done
    qtbot.waitUntil(lambda: window.pair_export.last_path == target, timeout=20_000)
    assert asked == ["thesis.tmx"] and window.commands.export_pairs.isEnabled()
    tmx = target.read_text(encoding="utf-8")
    assert tmx.count("<tu>") + tmx.count("<tu ") == 25 and "Exported 25 pairs" in window.statusBar().currentMessage()
    # A document without a translation open (not even aligned yet): every bilingual document's pairs.
    window.open_document_by_id("project")
    target = tmp_path / "corpus.tmx"
    assert window.pair_export.start()
    qtbot.waitUntil(lambda: window.pair_export.last_path == target, timeout=20_000)
    assert asked == ["thesis.tmx", "corpus.tmx"] and target.read_text(encoding="utf-8").count("<tu") >= 25


def test_closing_waits_for_running_work_then_closes_the_workspace(qtbot, corpus, tmp_path):
    import threading

    window = make_window(qtbot, corpus, tmp_path)
    workspace = window.workspace
    release, finished = threading.Event(), []

    def work():
        with workspace._work():  # what every workspace method does while it runs
            release.wait(5)
            finished.append(True)

    window.jobs.run(work)
    threading.Timer(0.3, release.set).start()
    window.close()
    assert finished == [True] and window.jobs.closed
    assert "waiting for running work" in window.statusBar().currentMessage()
    assert window.jobs.run(lambda: None) is None  # no new jobs
    with pytest.raises(WorkspaceClosedError):
        workspace.import_paths([tmp_path])


def test_bookmarks_are_reanchored_in_a_worker_after_attach(qtbot, corpus, tmp_path):
    import dataclasses

    from viewer.core.bookmarks.store import BookmarkStore

    # A bookmark made on an older version of the news text: the start-up re-anchoring moves it.
    news = corpus.get("news")
    older = dataclasses.replace(news, text="Eit avsnitt som er fjerna.\n" + news.text)
    quote = older.text.index("jobbspesialist")
    store = BookmarkStore(tmp_path / "b.sqlite3")
    store.add(older, start=quote, end=quote + len("jobbspesialist"), note="made on the old text")
    threads = []
    reanchor = store.reanchor
    store.reanchor = lambda document: threads.append(threading.current_thread()) or reanchor(document)
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    window.attach(
        Workspace(Library(":memory:", ":memory:"), corpus, bookmarks=store, index_cache=IndexCache(tmp_path / "index"))
    )
    panel = window.bookmarks_panel
    qtbot.waitUntil(lambda: panel.model.items[0].status.value == "moved", timeout=10_000)
    assert threads and threading.main_thread() not in threads
    assert panel.model.items[0].anchor.start == quote - len("Eit avsnitt som er fjerna.\n")


def test_ctrl_d_bookmarks_the_selected_pair_not_the_one_under_the_pointer(qtbot, corpus, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from viewer.core.bookmarks.store import BookmarkStore
    from viewer.ui.bookmark_dialog import BookmarkDialog
    from viewer.ui.pair_view import SOURCE, TARGET

    quoted: list[str] = []

    def accept(dialog: BookmarkDialog) -> int:
        quoted.append(dialog.quote.text())
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(BookmarkDialog, "exec", accept)
    store = BookmarkStore(tmp_path / "b.sqlite3")
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    window.attach(
        Workspace(Library(":memory:", ":memory:"), corpus, bookmarks=store, index_cache=IndexCache(tmp_path / "index"))
    )
    window.open_document_by_id("thesis")
    wait_aligned(qtbot, window)
    window.show_side_by_side(True)
    model, table = window.pairs.model, window.pairs.table
    window.pairs.select_cell(5, TARGET)
    qtbot.mouseMove(table.viewport(), table.visualRect(model.index(4, SOURCE)).center())
    qtbot.waitUntil(lambda: model.focus == (4, SOURCE))  # the pointer lights another pair
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.pairs.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    from html import escape

    # the selected side, then its translation, as the export quotes a pair
    assert quoted == [f"«{escape(model.text(5, TARGET))}»<br>→ «{escape(model.text(5, SOURCE))}»"]
    bookmark = store.list()[0]
    assert (bookmark.anchor.start, bookmark.anchor.end) == model.rows[5].target
    assert (bookmark.pair.start, bookmark.pair.end) == model.rows[5].source
    single = model.rows[5].target
    qtbot.waitUntil(lambda: window.pairs.model.headerData(5, Qt.Orientation.Vertical).startswith("★"))
    assert not window.pairs.model.headerData(4, Qt.Orientation.Vertical).startswith("★")  # the bookmarked pair only

    # A bookmark on a corrected pair marks the corrected pair: two sentences merged are one pair.
    window.pair_editor.do_merge_next()
    qtbot.keyClick(window.pairs.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert quoted[-1].startswith(f"«{escape(model.text(5, TARGET))}»<br>→ «") and model.rows[5].status == "edited"
    assert {(b.anchor.start, b.anchor.end) for b in store.list()} == {single, model.rows[5].target}
    assert model.rows[5].target[0] == single[0] and model.rows[5].target[1] > single[1]
