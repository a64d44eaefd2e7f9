"""Room to read (issue 14): side-by-side rows that reflow when the width changes and keep their place,
F3 stepping through matches there with the matched words marked in the cells, the reader opened
at the selected pair, panels that collapse and come back, and the theme chosen in the app."""

from __future__ import annotations

import re

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from viewer.core.bookmarks.store import BookmarkStore
from viewer.core.library.library import Library
from viewer.core.search.cache import IndexCache
from viewer.core.workspace import Workspace
from viewer.ui import theme
from viewer.ui.main_window import MainWindow
from viewer.ui.models import HTML_ROLE
from viewer.ui.pair_cells import MatchDelegate, runs
from viewer.ui.pair_view import SOURCE, TARGET


def window_on_thesis(qtbot, corpus, tmp_path, size=(1600, 1000), bookmarks=None) -> MainWindow:
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    library = Library(":memory:", ":memory:")
    workspace = Workspace(library, corpus, index_cache=IndexCache(tmp_path / "index"), bookmarks=bookmarks)
    workspace.open_index()
    window.attach(workspace)
    window.open_document_by_id("thesis")
    qtbot.waitUntil(lambda: not window.pane.aligning, timeout=20_000)
    window.show_side_by_side(True)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pairs)
    return window


def heights(window) -> list[int]:
    return [window.pairs.table.rowHeight(r) for r in range(window.pairs.model.rowCount())]


def needed(window) -> list[int]:
    """Each row's height as its text needs it at the columns' width now (as Qt measures it)."""
    return [window.pairs.table.sizeHintForRow(r) for r in range(window.pairs.model.rowCount())]


def test_rows_reflow_when_the_width_changes_and_the_top_row_stays(qtbot, corpus, tmp_path):
    window = window_on_thesis(qtbot, corpus, tmp_path)
    qtbot.waitUntil(lambda: not window.pairs.fitting and heights(window) == needed(window), timeout=5_000)
    wide = heights(window)
    window.pairs.table.scrollTo(window.pairs.model.index(10, SOURCE), window.pairs.table.ScrollHint.PositionAtTop)
    top = window.pairs.table.rowAt(0)
    window.resize(1000, 650)
    qtbot.waitUntil(lambda: heights(window) != wide and not window.pairs.fitting, timeout=5_000)
    narrow = heights(window)
    assert narrow == needed(window) and sum(narrow) > sum(wide)  # taller rows, none left short or stale
    assert window.pairs.table.rowAt(0) == top
    window.resize(1600, 1000)
    qtbot.waitUntil(lambda: heights(window) == wide, timeout=5_000)  # no blank space left over


def test_f3_steps_through_matching_cells_and_marks_the_words(qtbot, corpus, tmp_path):
    window = window_on_thesis(qtbot, corpus, tmp_path)
    text = window.document.text
    english = [(m.start(), m.end()) for m in re.finditer("implementation", text)]
    norwegian = [(m.start(), m.end()) for m in re.finditer("implementering", text)]
    model = window.pairs.model
    model.set_hits(english, norwegian)
    cells = [(r, c) for r in range(model.rowCount()) for c in (SOURCE, TARGET) if model.holds_hit(r, c)]
    assert len(cells) >= 6
    window.pairs.select_cell(0, SOURCE)
    seen = []
    for _ in range(len(cells) + 1):
        qtbot.keyClick(window.pairs.table, Qt.Key.Key_F3)
        seen.append(window.pairs.selected_cell())
    assert seen == [*cells, cells[0]]  # every match in order, then round again
    # Side by side counts the sentences that hold a match, not the reader's matches.
    assert window.hit_label.text() == f"sentence 1 of {len(cells)} with matches"
    qtbot.keyClick(window.pairs.table, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert window.pairs.selected_cell() == cells[-1]
    row, column = cells[0]
    pieces = model.index(row, column).data(MatchDelegate.MATCH_ROLE)
    assert [p for p, marked in pieces if marked] and all(p == "implementation" for p, marked in pieces if marked)
    assert "".join(p for p, _ in pieces) == model.text(row, column)  # the cell reads as without marks
    plain = next((r, c) for r in range(model.rowCount()) for c in (SOURCE, TARGET) if not model.holds_hit(r, c))
    assert model.index(*plain).data(MatchDelegate.MATCH_ROLE) is None  # painted as plain text


def test_runs_cut_a_span_at_its_matches_with_whitespace_made_single():
    text = "Before.  The  implementation\nof it, implementation again.  After."
    first, second = text.index("implementation"), text.rindex("implementation")
    span = (text.index("The"), text.index("After") - 2)
    matches = [(0, 6), (first, first + 14), (second, second + 14)]  # the first is outside the span
    assert runs(text, span, matches) == [
        ("The ", False),
        ("implementation", True),
        (" of it, ", False),
        ("implementation", True),
        (" again.", False),
    ]


def test_back_to_the_reader_at_the_selected_pair_with_nothing_marked(qtbot, corpus, tmp_path):
    window = window_on_thesis(qtbot, corpus, tmp_path, size=(1280, 820))
    last = window.pairs.model.rowCount() - 1
    window.pairs.select_cell(last, TARGET)
    window.show_side_by_side(False)
    browser = window.reader.browser
    qtbot.waitUntil(lambda: browser.verticalScrollBar().value() > 0)
    start = window.pairs.model.rows[last].target[0]
    cursor = browser.cursorForPosition(browser.viewport().rect().center())
    shown = window.reader.position_to_offset(cursor.position())
    assert shown is not None and abs(shown - start) < 1500  # the pair's sentence is on screen
    assert window.reader._marked == []


def test_panels_collapse_and_come_back_and_focus_hides_both(qtbot, corpus, tmp_path):
    window = window_on_thesis(qtbot, corpus, tmp_path, size=(1280, 820))
    panel = window.search_panel
    assert not panel.isHidden() and window.pane.width() >= 0.5 * window.width()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert panel.isHidden()
    qtbot.waitUntil(lambda: window.pane.width() > 0.9 * window.width())
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert not panel.isHidden() and panel.query_edit.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert panel.isHidden()
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert not panel.isHidden()


def test_the_theme_is_chosen_in_the_view_menu_and_remembered(qtbot, corpus, tmp_path):
    window = window_on_thesis(qtbot, corpus, tmp_path, size=(1000, 650))
    app = QApplication.instance()
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    choices = next(a.menu() for a in view.actions() if a.text() == "Theme").actions()
    assert [a.text() for a in choices] == ["As the system", "Light", "Dark"] and choices[0].isChecked()
    try:
        choices[2].trigger()
        assert theme.is_dark() and window.panels.scheme() == "dark"
        again = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(again)
        assert again.panels.scheme() == "dark"
        choices[0].trigger()
        assert not theme.is_dark() and app.palette() == theme._SYSTEM[0][1]
    finally:
        theme.apply_color_scheme(app, "system")


def test_hits_open_in_the_reader_when_side_by_side_for_hits_is_off(qtbot, corpus, tmp_path):
    window = window_on_thesis(qtbot, corpus, tmp_path, size=(1280, 820))
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    beside = next(a for a in view.actions() if a.text() == "Open search hits side by side")
    hit = next(h for h in window.workspace.search("implementering").hits if h.doc_id == "thesis")
    assert beside.isChecked()
    window.show_side_by_side(False)
    window.open_hit(hit)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pairs)  # the default: side by side
    window.show_side_by_side(False)
    beside.trigger()
    assert not beside.isChecked() and window.panels.hits_side_by_side() is False
    window.open_hit(hit)
    qtbot.wait(200)
    assert window.stack.currentWidget() is window.reader and window.hit_label.text().startswith("match 1 of")
    window.show_side_by_side(True)
    window.open_hit(hit)  # while side by side is up, a hit stays there
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pairs)


def test_a_theme_switch_recolours_the_results_already_shown(qtbot, corpus, tmp_path):
    window = window_on_thesis(qtbot, corpus, tmp_path, size=(1280, 820))
    window.show_side_by_side(False)
    panel = window.search_panel
    panel.query_edit.setText("implementering")
    panel.search_now()
    qtbot.waitUntil(lambda: not panel.model.browsing and panel.model.rowCount() > 0, timeout=10_000)
    group = panel.model.index(0)
    hit = panel.model.index(0, 0, group)
    html = lambda: (panel.model.data(group, HTML_ROLE), panel.model.data(hit, HTML_ROLE))  # noqa: E731
    light = html()
    app = QApplication.instance()
    try:
        window.panels.set_scheme("dark")
        dark = html()
        dim = theme.dimmed_text().name()
        assert dark != light and dim in dark[0] and dim in dark[1]  # no row kept the light colours
        # The panel has a style sheet, which froze its palette: the list must not stay white.
        assert panel.results.palette().color(QPalette.ColorRole.Base).lightness() < 128
        assert panel.status.palette().color(QPalette.ColorRole.WindowText).lightness() > 128
    finally:
        window.panels.set_scheme("system")
        theme.apply_color_scheme(app, "system")


def test_the_bookmarks_dock_leaves_the_reader_most_of_a_small_window(qtbot, corpus, tmp_path):
    window = window_on_thesis(qtbot, corpus, tmp_path, size=(1000, 650), bookmarks=BookmarkStore(":memory:"))
    window.show_side_by_side(False)
    dock = window.bookmarks_panel
    assert dock is not None
    if dock.isHidden():
        window.panels.toggle_bookmarks()
    qtbot.waitUntil(lambda: dock.isVisible())
    assert dock.minimumSizeHint().width() <= 250
    qtbot.waitUntil(lambda: window.pane.width() >= 0.45 * window.width(), timeout=3_000)


def test_before_a_document_is_open_the_reader_says_how_to_begin(qtbot, corpus, tmp_path):
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    window.attach(Workspace(Library(":memory:", ":memory:"), corpus, index_cache=IndexCache(tmp_path / "index")))
    text = window.reader.browser.toPlainText()
    assert text.startswith("Start reading") and "search box" in text and "F1" in text
    window.open_document_by_id("news")
    assert "Start reading" not in window.reader.browser.toPlainText()


def test_a_new_search_marks_its_matches_in_the_open_document_and_f3_steps_through_them(qtbot, corpus, tmp_path):
    window = window_on_thesis(qtbot, corpus, tmp_path, size=(1280, 820))
    window.show_side_by_side(False)
    panel = window.search_panel
    panel.query_edit.setText("implementering")
    panel.search_now()
    qtbot.waitUntil(lambda: not panel.model.browsing and panel.model.rowCount() > 0, timeout=10_000)
    window.open_hit(next(h for h in panel.model.hits if h.doc_id == "thesis"))
    qtbot.waitUntil(lambda: window.reader.hits != [])
    window.show_side_by_side(False)
    top = window.reader.browser.verticalScrollBar().value()
    panel.query_edit.setText("intervensjonen")  # the reader stays where it is; the new matches are marked
    panel.search_now()
    qtbot.waitUntil(lambda: bool(window.reader.hits), timeout=10_000)
    thesis = window.workspace.document("thesis")
    assert all("intervensjon" in thesis.text[s:e].lower() for s, e in window.reader.hits)
    assert window.reader.browser.verticalScrollBar().value() == top
    assert window.hit_label.text().endswith("matches in this document · F3 steps")
    window.reader.next_hit()
    assert window.hit_label.text().startswith("match ") and window.reader.current_hit in window.reader.hits


def test_each_view_says_its_own_count_of_a_search(qtbot, corpus, tmp_path):
    window = window_on_thesis(qtbot, corpus, tmp_path, size=(1280, 820))
    panel = window.search_panel
    panel.query_edit.setText("implementering")
    panel.search_now()
    qtbot.waitUntil(lambda: not panel.model.browsing and panel.model.rowCount() > 0, timeout=10_000)
    window.open_hit(next(h for h in panel.model.hits if h.doc_id == "thesis"))
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.pairs)  # opened side by side
    qtbot.waitUntil(lambda: "with matches" in window.hit_label.text())
    index, count = window.pairs.hit_position()
    assert window.hit_label.text() == f"sentence {index + 1} of {count} with matches"
    window.show_side_by_side(False)
    assert window.hit_label.text().endswith(f"of {len(window.reader.hits)} in this document") or (
        window.hit_label.text().endswith("matches in this document · F3 steps")
    )


def test_a_wide_reader_keeps_its_lines_to_a_readable_length(qtbot, corpus, tmp_path):
    from PySide6.QtGui import QFontMetrics

    from viewer.ui.reader import MEASURE

    window = window_on_thesis(qtbot, corpus, tmp_path, size=(1920, 1080))
    window.show_side_by_side(False)
    browser = window.reader.browser
    widest = MEASURE * QFontMetrics(browser.font()).averageCharWidth()
    qtbot.waitUntil(lambda: browser.viewport().width() <= widest + 2)
    assert browser.viewportMargins().left() > 0  # centred, not pushed to one side
    window.resize(1000, 650)
    qtbot.waitUntil(lambda: browser.viewportMargins().left() == 0)  # a narrow window uses all of it


def test_a_theme_switch_keeps_the_search_matches_marked_in_the_open_document(qtbot, corpus, tmp_path):
    window = window_on_thesis(qtbot, corpus, tmp_path, size=(1280, 820))
    window.show_side_by_side(False)
    results = window.workspace.search("samarbeid", pagelen=50)
    hit = next(h for h in results.hits if len(h.matches) >= 1)
    window.pane.show_hit(window.workspace.document(hit.doc_id), hit, results)
    reader = window.pane.reader
    qtbot.waitUntil(lambda: bool(reader.hits))
    before, current = reader.hits, reader.current_hit
    app = QApplication.instance()
    try:
        window.panels.set_scheme("dark")
        assert reader.hits == before and reader.current_hit == current
        assert window.pane.header.hit_label.text().startswith("match ")
    finally:
        window.panels.set_scheme("system")
        theme.apply_color_scheme(app, "system")
    assert reader.hits == before
