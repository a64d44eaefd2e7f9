"""A big library's documents are kept out of the cyclic garbage collector's walks once the app has
attached its workspace (a full collection walked a 50 MB library's million objects on the UI thread)."""

from __future__ import annotations

import gc

from PySide6.QtCore import QSettings

from viewer.core.library.library import Library
from viewer.ui import app
from viewer.ui.main_window import MainWindow


def test_the_attached_library_is_frozen_out_of_the_collector_when_big(qtbot, corpus, index, tmp_path, monkeypatch):
    assert not app.settle_heap(corpus.passage_count)  # the bundled corpus is small: left as it is
    monkeypatch.setattr(app, "FREEZE_ABOVE_PASSAGES", 1)
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    before = gc.get_freeze_count()
    try:
        app.start(window, library=Library(":memory:", ":memory:"), index_cache=index, bookmarks=False)
        qtbot.waitUntil(lambda: window.search_panel is not None, timeout=10_000)
        assert gc.get_freeze_count() - before >= corpus.passage_count  # every passage, at least
        window.search_panel.query_edit.setText("jobbspesialist")  # and searching still works
        window.search_panel.search_now()
        qtbot.waitUntil(lambda: window.search_panel.model.rowCount() > 0, timeout=10_000)
    finally:
        gc.unfreeze()  # back in the collector's care, for the tests after this one
