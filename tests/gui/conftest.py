"""Fixtures of the GUI tests: the bundled corpus's index, built once, and a main window over it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from viewer.core.library.library import Library
from viewer.core.search.cache import IndexCache
from viewer.core.workspace import Workspace
from viewer.ui.main_window import MainWindow


@pytest.fixture(scope="module")
def index(corpus, tmp_path_factory):
    index_cache = IndexCache(tmp_path_factory.mktemp("index"))
    index_cache.open(corpus).close()
    return index_cache


@pytest.fixture
def window(qtbot, corpus, index, tmp_path):
    """A 1280x820 window on the bundled corpus with its index open (no bookmarks, pairs in memory)."""
    window = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1280, 820)
    window.show()
    workspace = Workspace(Library(":memory:", ":memory:"), corpus, index_cache=index)
    workspace.open_index()
    window.attach(workspace)
    return window
