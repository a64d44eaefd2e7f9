"""The window a user sees: documents listed, the reader shows the chosen one with language marks."""

from __future__ import annotations

from PySide6.QtCore import QSettings

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
