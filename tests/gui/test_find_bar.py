"""Find in the document: matches are found, counted, stepped through and cleared with the bar."""

from __future__ import annotations

from PySide6.QtCore import Qt

from viewer.ui.reader import ReaderView


def test_find_counts_steps_and_clears_matches(qtbot, corpus):
    reader = ReaderView()
    qtbot.addWidget(reader)
    reader.show()
    reader.activateWindow()
    qtbot.waitUntil(reader.isActiveWindow)
    reader.show_document(corpus.get("thesis"))
    reader.open_find()
    bar = reader.find_bar
    assert bar.isVisible()
    bar.edit.setText("implement")
    n = len(bar.matches)
    assert n > 3 and bar.status.text() == f"1 of {n}"
    first = bar.current().position()
    reader.next_hit()  # F3 steps through find matches while the bar is open
    assert bar.status.text() == f"2 of {n}" and bar.current().position() > first
    reader.previous_hit()
    reader.previous_hit()
    assert bar.status.text() == f"{n} of {n}"  # wraps around
    assert len(reader.browser.extraSelections()) >= n
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible() and bar.matches == [] and reader.browser.extraSelections() == []
    bar.open()
    bar.edit.setText("zzqqxx")
    assert bar.status.text() == "not found"
