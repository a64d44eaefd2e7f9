"""The bookmark dialog moves on with Tab and asks before throwing a note away; the dock exports
what it shows (asking when a filter hides some), cites places not ids, and says where it wrote."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from viewer.core.bookmarks.store import BookmarkStore
from viewer.ui.bookmark_dialog import BookmarkDialog
from viewer.ui.bookmarks_panel import BookmarksPanel


def answer_box(button_text: str, seen: list[str]) -> None:
    """Click `button_text` in the message box about to open (and note its text)."""

    def click() -> None:
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        if not boxes:  # not open yet
            QTimer.singleShot(50, click)
            return
        seen.append(boxes[0].text())
        for button in boxes[0].buttons():
            if button.text() == button_text:
                button.click()
                return
        boxes[0].reject()  # the expected button is missing: close it, the test's asserts will say so

    QTimer.singleShot(50, click)


def test_tab_leaves_the_note_and_esc_asks_before_discarding(qtbot):
    dialog = BookmarkDialog("> a *quoted* line with o<u>ctober</u>")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert "*" not in dialog.quote.text() and "&lt;u&gt;" not in dialog.quote.text()
    dialog.note.setFocus()
    qtbot.keyClicks(dialog.note, "my note")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Tab)
    assert dialog.note.toPlainText() == "my note" and dialog.tags.hasFocus()
    seen: list[str] = []
    answer_box("Keep editing", seen)
    qtbot.keyClick(dialog.tags, Qt.Key.Key_Escape)
    assert seen and dialog.isVisible() and dialog.note.toPlainText() == "my note"
    answer_box("Discard", seen)
    qtbot.keyClick(dialog.tags, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result() == BookmarkDialog.DialogCode.Rejected


def test_esc_on_an_untouched_dialog_closes_at_once(qtbot):
    dialog = BookmarkDialog("quote", note="kept", tags=("a",))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog.note, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_export_writes_what_is_shown_and_says_where(qtbot, corpus, tmp_path):
    store = BookmarkStore(":memory:")
    thesis, news = corpus.get("thesis"), corpus.get("news")
    store.add(thesis, passage_id=thesis.groups()["abstract.en"][0].id, note="metode", tags=["IPS"])
    store.add(news, passage_id=news.passages[4].id, note="avis", tags=["presse"])
    panel = BookmarksPanel(store, corpus)
    qtbot.addWidget(panel)
    panel.show()
    panel.tag_filter.setCurrentIndex(panel.tag_filter.findData("IPS"))
    assert panel.model.rowCount() == 1
    out = panel.export_to(tmp_path / "b.md", "md")
    text = out.read_text(encoding="utf-8")
    assert "metode" in text and "avis" not in text
    assert "[thesis:" not in text and "Abstract (en), paragraph 1" in text
    assert panel.exporter.report.isVisible() and "b.md" in panel.exporter.report.text()
    assert str(tmp_path) in panel.exporter.report.text()
    # With a filter on, the dialog asks: all of them, this time.
    seen: list[str] = []
    answer_box("Export all 2", seen)
    assert sorted(b.note for b in panel.exporter.choose()) == ["avis", "metode"]
    assert seen and "1 of your 2" in seen[0]
