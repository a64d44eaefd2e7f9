"""The parallel concordance as a researcher uses it (issue 15): search, switch the results to the
concordance, sort the lines, open one in the reader or side by side, keep the lines of one
translation candidate; on the bundled corpus."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QStyleOptionViewItem

from viewer.core.align.lexicon import word_key
from viewer.core.concord.context import sort_words
from viewer.core.library.library import Library
from viewer.core.workspace import Workspace
from viewer.ui.concordance_model import LEFT, MATCH, RIGHT
from viewer.ui.main_window import MainWindow
from viewer.ui.pair_rows import SOURCE, TARGET

WORD = "implementering"  # 28 matches in the thesis and the article, most of them in aligned sentences


def concordance_of(qtbot, window, text):
    """Type a query, switch to the concordance (Ctrl+Shift+K) and wait for its lines."""
    panel, controller = window.search_panel, window.search_actions.concordance
    panel.query_edit.setFocus()
    panel.query_edit.setText(text)
    if not controller.active:
        qtbot.keyClick(
            panel.query_edit, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
        )
    panel.search_now()
    qtbot.waitUntil(lambda: controller.settled and controller.data is not None)
    return controller


def shown_lines(controller):
    return [controller.model.line(row) for row in range(controller.model.rowCount())]


def test_the_concordance_shows_every_match_aligned_with_counts_and_forms(qtbot, window):
    controller = concordance_of(qtbot, window, WORD)
    expected = window.workspace.concordance(WORD, width=80)
    assert controller.active and controller.area.isVisible() and window.search_actions.concordance_action.isChecked()
    assert window.search_panel.concordance_side.isVisible() and not window.search_panel.results.isVisible()
    lines = shown_lines(controller)
    assert [(line.doc, line.span) for line in lines] == [(line.doc, line.span) for line in expected.lines]
    assert len(lines) >= 20 and expected.documents == 2
    model = controller.model
    first = lines[0]
    assert model.index(0, LEFT).data()[0] == first.left and model.index(0, RIGHT).data()[0] == first.right
    assert model.index(0, MATCH).data()[0] == first.match
    aligned = next(row for row, line in enumerate(lines) if line.counterpart and line.counterpart.match)
    cp = lines[aligned].counterpart
    assert model.index(aligned, MATCH).data()[1] == cp.text[cp.match[0] : cp.match[1]]  # the translation, marked
    counts = controller.area.counts.text()
    assert f"{len(lines)} matches in 2 documents" in counts
    for lang, n in expected.languages().items():
        assert f"{lang} {n}" in counts
    listed = window.search_panel.concordance_side.forms
    forms = [listed.item(i).text() for i in range(listed.count())]
    assert forms == [f"{form}  {n}" for form, n in expected.forms.most_common()]


def test_the_lines_follow_the_query_as_it_is_typed(qtbot, window):
    controller = concordance_of(qtbot, window, WORD)
    panel = window.search_panel
    panel.query_edit.clear()
    qtbot.keyClicks(panel.query_edit, "arbeid")  # the search box's debounce, as for the passages
    qtbot.waitUntil(lambda: controller.data is not None and controller.data.concordance.query == "arbeid", timeout=5000)
    assert controller.shown_generation == controller.generation
    assert all(
        word_key(line.match.lower()) == word_key("arbeid") or "arbeid" in line.match.lower()
        for line in shown_lines(controller)
    )
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_Down)  # into the lines, as into the passages
    assert controller.view.hasFocus() and controller.view.currentIndex().row() == 0
    qtbot.keyClick(controller.view, Qt.Key.Key_Up)  # and back from the first line
    assert panel.query_edit.hasFocus()
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: controller.model.rowCount() == 0)


def test_sorting_by_the_words_around_the_match(qtbot, window):
    controller = concordance_of(qtbot, window, WORD)
    combo = controller.area.sort_combo
    combo.setCurrentIndex(combo.findData("right1"))
    firsts = [sort_words(line.left, line.right)[1][:1] for line in shown_lines(controller)]
    assert firsts == sorted(firsts) and len(set(map(tuple, firsts))) > 3
    header = controller.view.horizontalHeader()
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(header.sectionViewportPosition(LEFT) + 5, 5)
    )
    assert controller.area.sort_key() == "left1"
    lefts = [sort_words(line.left, line.right)[0][:1] for line in shown_lines(controller)]
    assert lefts == sorted(lefts)
    combo.setCurrentIndex(combo.findData("doc"))
    titles = [line.title for line in shown_lines(controller)]
    assert titles == sorted(titles, key=str.lower)


def test_clicking_a_line_opens_the_reader_at_its_match(qtbot, window):
    window.panels.set_hits_side_by_side(False)
    controller = concordance_of(qtbot, window, WORD)
    view = controller.view
    row = 4
    line = controller.model.line(row)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(controller.model.index(row, MATCH)).center()
    )
    reader = window.reader
    assert window.document.id == line.doc and window.stack.currentWidget() is reader
    current = reader.hit_index
    cursor = QTextCursor(reader.browser.document())
    cursor.setPosition(reader.offset_to_position(line.span[0]))
    cursor.setPosition(reader.offset_to_position(line.span[1], end=True), QTextCursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == line.match
    assert any(s.cursor.selectedText() == line.match for s in reader.browser.extraSelections())
    assert reader.browser.viewport().rect().contains(reader.browser.cursorRect(cursor).center())  # scrolled to it
    same_doc = sum(other.doc == line.doc for other in controller.model.lines)
    assert f"of {same_doc}" in window.hit_label.text() and current >= 0
    assert view.hasFocus() or window.focusWidget() is not window.search_panel.query_edit


def test_shift_enter_opens_the_line_beside_its_translation(qtbot, window):
    window.panels.set_hits_side_by_side(False)
    controller = concordance_of(qtbot, window, WORD)
    row, line = next((r, ln) for r, ln in enumerate(shown_lines(controller)) if ln.counterpart and ln.doc == "thesis")
    controller.view.setFocus()
    controller.view.setCurrentIndex(controller.model.index(row, MATCH))
    qtbot.keyClick(controller.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(
        lambda: window.stack.currentWidget() is window.pairs and window.pairs.selected_cell() is not None, timeout=20000
    )
    pair_row, _column = window.pairs.selected_cell()
    alignment, row_of_pair = window.pairs.alignment, window.pairs.alignment.rows[pair_row]
    sides = [c for c in (SOURCE, TARGET) if (s := row_of_pair.span(c)) and s[0] <= line.span[0] < s[1]]
    assert sides  # the pair holding the match is selected, its translation beside it
    other = TARGET if sides[0] == SOURCE else SOURCE
    assert " ".join(line.counterpart.text.split()[:4]) in alignment.text(pair_row, other)


def test_a_candidate_keeps_the_lines_whose_translation_holds_it(qtbot, window):
    controller = concordance_of(qtbot, window, WORD)
    side = window.search_panel.concordance_side
    data = controller.data
    assert data.candidates and data.candidates[0].candidate == "implementation"
    everything = controller.model.rowCount()
    first = side.candidates.item(0)
    qtbot.mouseClick(
        side.candidates.viewport(), Qt.MouseButton.LeftButton, pos=side.candidates.visualItemRect(first).center()
    )
    kept = shown_lines(controller)
    assert 0 < len(kept) < everything and len(kept) == len(data.lines_with[0])
    _sentences, model = window.workspace.concordancer.learned()
    holding = [  # the core's own reading of "this sentence holds that translation"
        line
        for line in controller.model.lines
        if line.counterpart and model.mark(line.counterpart.text, line.counterpart.lang, [data.candidates[0]])
    ]
    assert {(line.doc, line.span) for line in kept} == {(line.doc, line.span) for line in holding}
    assert f"showing the {len(kept)}" in controller.area.counts.text() and side.clear_button.isVisible()
    qtbot.mouseClick(
        side.candidates.viewport(), Qt.MouseButton.LeftButton, pos=side.candidates.visualItemRect(first).center()
    )
    assert controller.model.rowCount() == everything and not side.clear_button.isVisible()


def test_a_search_is_saved_and_run_again_from_the_searches_menu(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    controller = concordance_of(qtbot, window, WORD)
    panel, store = window.search_panel, window.workspace.saved_searches
    panel.languages.group.button(2).click()  # nb
    qtbot.waitUntil(lambda: controller.settled and controller.data is not None)
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("Implementering på bokmål", True))
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    [saved] = store.list()
    assert (saved.name, saved.query, saved.lang, saved.mode, saved.cross) == (
        "Implementering på bokmål",
        WORD,
        "nb",
        "concordance",
        False,
    )
    # Elsewhere now: another query, all languages, the passages.
    panel.languages.group.button(0).click()
    panel.modes.set_mode("passages")
    panel.query_edit.setText("arbeid")
    panel.search_now()
    menu = window.search_actions.saved.menu
    menu.aboutToShow.emit()
    [entry] = [a for a in menu.actions() if a.data() == saved.name]
    assert WORD in entry.text() and "concordance" in entry.text()
    entry.trigger()
    qtbot.waitUntil(lambda: controller.settled and controller.data is not None)
    assert panel.query() == WORD and panel.lang_filter() == "nb" and panel.modes.mode == "concordance"
    assert controller.data.concordance.query == WORD and {line.lang for line in shown_lines(controller)} == {"nb"}
    assert store.get(saved.name).last_run is not None
    dialog = window.search_actions.saved.manage()
    assert dialog.list.count() == 1
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("IPS, bokmål", True))
    dialog.rename_current()
    assert [s.name for s in store.list()] == ["IPS, bokmål"] and dialog.list.currentItem().text().startswith("IPS")
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.No)
    dialog.remove_current()
    assert len(store.list()) == 1  # asked, and the user said no
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    dialog.remove_current()
    assert store.list() == [] and dialog.list.count() == 0
    dialog.close()


def test_the_cross_language_toggle_adds_labelled_hits_through_translations_below_the_direct_ones(qtbot, window):
    panel = window.search_panel
    panel.query_edit.setText("implementation")
    panel.search_now()
    qtbot.waitUntil(lambda: panel.shown_generation == panel.generation and panel.last_results is not None)
    direct = list(panel.last_results.hits)
    assert direct and not any(h.via for h in direct)
    qtbot.keyClick(
        panel.query_edit, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert window.search_actions.cross_action.isChecked() and panel.cross
    qtbot.waitUntil(lambda: panel.shown_generation == panel.generation and any(h.via for h in panel.last_results.hits))
    hits = panel.last_results.hits
    first_via = next(i for i, h in enumerate(hits) if h.via)
    assert all(not h.via for h in hits[:first_via]) and all(h.via for h in hits[first_via:])
    assert {h.passage_id for h in hits[:first_via]} == {h.passage_id for h in direct}
    via = hits[first_via]
    index = panel.model.index_of(via)
    html = panel.results.itemDelegate().html(QStyleOptionViewItem(), index)
    assert f"via: {', '.join(via.via)}" in html and via.lang != "en" and via.doc_id == "thesis"


def test_the_concordance_and_the_results_export_as_csv_and_tsv(qtbot, window, tmp_path, monkeypatch):
    import csv

    from PySide6.QtWidgets import QFileDialog

    controller = concordance_of(qtbot, window, WORD)
    controller.area.sort_combo.setCurrentIndex(controller.area.sort_combo.findData("right1"))
    side = window.search_panel.concordance_side
    side.choose(0)  # only the lines whose translation holds the first candidate
    shown = shown_lines(controller)
    target = tmp_path / "lines.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), "CSV (*.csv)"))
    export = window.search_actions.export
    qtbot.keyClick(window.search_panel.query_edit, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: export.last_path == target and not export.running, timeout=10000)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["doc_id"], r["left"], r["match"], r["right"]) for r in rows] == [
        (line.doc, line.left, line.match, line.right) for line in shown
    ]
    assert all(r["counterpart"] and r["translation"] for r in rows[:3])
    assert window.search_actions.export_action.isEnabled() and "Exported" in window.statusBar().currentMessage()
    # The passages: every hit of the search, as TSV.
    window.search_panel.modes.set_mode("passages")
    qtbot.waitUntil(lambda: window.search_panel.shown_generation == window.search_panel.generation)
    target = tmp_path / "hits.tsv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), "TSV (*.tsv)"))
    window.search_actions.export_action.trigger()
    qtbot.waitUntil(lambda: export.last_path == target and not export.running, timeout=10000)
    lines = target.read_text(encoding="utf-8").splitlines()
    header, body = lines[0].split("\t"), [line.split("\t") for line in lines[1:]]
    hits = window.workspace.search(WORD, pagelen=1000).hits
    assert header[:4] == ["document", "doc_id", "location", "lang"] and len(body) == len(hits)
    assert [row[1] for row in body] == [h.doc_id for h in hits] and all(len(row) == len(header) for row in body)


def test_a_long_concordance_shows_a_first_screen_then_the_rest_keeping_the_line_being_read(qtbot, window):
    from viewer.ui.concordance_model import FIRST

    panel, controller = window.search_panel, window.search_actions.concordance
    panel.modes.set_mode("concordance")
    first: list = []

    def on_shown():
        if not first and controller.model.rowCount():
            first.append((controller.model.rowCount(), controller.area.counts.text(), controller.settled))
            controller.view.selectRow(7)  # the user starts reading before the rest has come
            first.append(controller.model.line(7))

    controller.shown.connect(on_shown)
    panel.query_edit.setText("co* OR in*")
    panel.search_now()
    qtbot.waitUntil(lambda: controller.settled and controller.model.rowCount() > FIRST, timeout=20000)
    (rows, counts, settled), line = first
    assert rows == FIRST and "making the rest" in counts and not settled
    expected = window.workspace.concordance("co* OR in*", width=80)
    assert [(ln.doc, ln.span) for ln in shown_lines(controller)] == [(ln.doc, ln.span) for ln in expected.lines]
    assert (controller.view.current_line().doc, controller.view.current_line().span) == (line.doc, line.span)
    assert "making the rest" not in controller.area.counts.text()


def test_the_concordance_mode_and_its_query_come_back_at_the_next_start(qtbot, window, corpus, index, tmp_path):
    concordance_of(qtbot, window, WORD)
    window.close()  # saves the window's state
    again = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(again)
    again.show()
    workspace = Workspace(Library(":memory:", ":memory:"), corpus, index_cache=index)
    workspace.open_index()
    again.attach(workspace)
    controller = again.search_actions.concordance
    assert controller.active and again.search_panel.query() == WORD
    qtbot.waitUntil(lambda: controller.settled and controller.data is not None)
    assert controller.model.rowCount() > 0


def test_candidates_found_only_elsewhere_follow_a_theme_switch(qtbot, window):
    from PySide6.QtWidgets import QApplication

    from viewer.core.concord.model import Candidate
    from viewer.ui import theme
    from viewer.ui.concordance_model import ConcordanceData

    controller = concordance_of(qtbot, window, WORD)
    side = window.search_panel.concordance_side
    data = controller.data
    elsewhere = Candidate("iverksetting", "nb", 0.4, 3)  # in no line of this concordance
    side.show_data(ConcordanceData(data.concordance, data.word, (elsewhere,), (frozenset(),)))
    item = side.candidates.item(0)
    light = item.foreground().color().name()
    assert light == theme.dimmed_text().name()
    try:
        window.panels.set_scheme("dark")
        assert item.foreground().color().name() == theme.dimmed_text().name() != light
    finally:
        window.panels.set_scheme("system")
        theme.apply_color_scheme(QApplication.instance(), "system")
