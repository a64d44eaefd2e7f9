"""Fixtures of the GUI tests: the bundled corpus's index, built once, and a main window over it; and a
window over a library of its own on disk, for the tests that import into it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from viewer.core.bookmarks.store import BookmarkStore
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


@pytest.fixture
def library_window(qtbot, tmp_path):
    """A window on a library of its own in `tmp_path` (collection list, document cache, index), so
    imports into it are real; closing it waits for running jobs and closes the workspace."""
    library = Library(registry=tmp_path / "collections.sqlite3", cache=tmp_path / "documents.sqlite3")
    workspace = Workspace(
        library, library.corpus(), index_cache=IndexCache(tmp_path / "index"), bookmarks=BookmarkStore(":memory:")
    )
    workspace.open_index()
    win = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    win.attach(workspace)
    yield win
    win.close()
