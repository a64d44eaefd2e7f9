"""The window a user sees on launch: every document listed, the reader shows the chosen one."""

from __future__ import annotations

from PySide6.QtCore import Qt

from viewer.ui.main_window import MainWindow


def test_window_lists_documents_and_shows_the_selected_one(qtbot, corpus):
    window = MainWindow(corpus)
    qtbot.addWidget(window)
    window.show()
    assert window.documents.count() == len(corpus.documents)
    window.documents.setCurrentRow(4)
    assert window.documents.currentItem().data(Qt.ItemDataRole.UserRole) == "news"
    text = window.reader.toPlainText()
    assert "Ny rapport om kvalitetsarbeid" in text
    assert "[nn]" in text and "[nb]" in text
