"""The window a user sees: documents listed, the reader shows the chosen one with language marks."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt

from viewer.ui import theme
from viewer.ui.main_window import MainWindow
from viewer.ui.models import ITEM_ROLE, DocumentEntry
from viewer.ui.services import Services


def make_window(qtbot, corpus, tmp_path, **services):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    window.attach(Services(corpus=corpus, **services))
    return window


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
        assert view_text[pos:pos + len(passage.text)] == passage.text
        assert window.reader.position_to_offset(pos) == passage.start


def test_side_by_side_pairs_light_up_counterparts_both_ways(qtbot, corpus, tmp_path):
    from viewer.ui.pair_view import SOURCE, TARGET
    from viewer.ui.services import align_for_view

    window = make_window(qtbot, corpus, tmp_path, aligner=align_for_view)
    window.open_document_by_id("thesis")
    assert window.side_by_side_action.isEnabled()
    window.show_side_by_side(True)
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
    from viewer.ui.services import align_for_view

    window = make_window(qtbot, corpus, tmp_path, aligner=align_for_view)
    window.open_document_by_id("project")
    assert not window.side_by_side_action.isEnabled()
    window.toggle_side_by_side()
    assert window.stack.currentWidget() is window.reader
