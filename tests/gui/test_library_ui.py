"""Bring your own texts in the app: add a folder, see the report, search it, watch it change, remove it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from viewer.core.bookmarks.store import BookmarkStore
from viewer.core.search.index import SearchIndex
from viewer.core.search.cache import IndexCache
from viewer.core.library.library import Library
from viewer.ui import library_ui
from viewer.ui.main_window import MainWindow
from viewer.ui.services import Services


@pytest.fixture()
def window(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(library_ui, "WATCH_DELAY_MS", 200)
    library = Library(registry=tmp_path / "collections.sqlite3", cache=tmp_path / "documents.sqlite3")
    corpus = library.corpus()
    index = IndexCache(tmp_path / "index").open(corpus)
    store = BookmarkStore(":memory:")
    win = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    win.attach(Services(corpus=corpus, index=index, bookmarks=store, library=library))
    yield win
    win.library.watcher.removePaths(win.library.watcher.directories())
    win.services.close()


def wait_idle(qtbot, win):
    qtbot.waitUntil(lambda: not win.library.busy, timeout=60_000)


def test_add_folder_reports_skips_and_makes_texts_searchable(qtbot, window, tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "field.md").write_text("# Feltnotat\n\nJobbspesialisten fortalte om arbeidsgiverkontakt i Drammen.\n",
                                     encoding="utf-8")
    (folder / "page.html").write_text("<html><body><nav>Menu</nav><p>Kvalitetsverktøy i Tromsø.</p></body></html>",
                                      encoding="utf-8")
    (folder / "blob.txt").write_bytes(b"\x00\x01\x02" * 50)
    (folder / "empty.txt").write_text("")
    reports = []
    window.library.report_ready.connect(reports.append)
    window.import_paths([folder])
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: bool(reports), timeout=10_000)
    report = reports[0]
    assert len(report.imported) == 2
    assert {p.rsplit("/", 1)[-1] for p, _reason in report.skipped} == {"blob.txt", "empty.txt"}
    dialog = window.last_report_dialog
    assert dialog.table.rowCount() == 2 and "binary" in " ".join(
        dialog.table.item(i, 1).text() for i in range(2)).lower()
    ids = [d.id for d in window.services.corpus.documents]
    assert any(i.endswith("field") for i in ids)
    results = window.services.index_search("arbeidsgiverkontakt")
    assert results.hits and results.hits[0].doc_id.endswith("field")
    assert window.search_panel.doc_combo.count() == len(window.services.corpus.documents) + 1


def test_watcher_picks_up_a_changed_file_and_removal_drops_the_collection(qtbot, window, tmp_path):
    folder = tmp_path / "watched"
    folder.mkdir()
    (folder / "a.txt").write_text("Første versjon om tiltaksarrangører.\n", encoding="utf-8")
    window.import_paths([folder])
    wait_idle(qtbot, window)
    assert window.services.index_search("tiltaksarrangører").hits
    (folder / "b.txt").write_text("Ein ny tekst om sjukmelde og snøkrystallmålarar.\n", encoding="utf-8")
    qtbot.waitUntil(lambda: bool(window.services.index_search("snøkrystallmålarar").hits), timeout=30_000)
    wait_idle(qtbot, window)
    collection = next(c for c in window.services.library.collections() if c.kind == "folder")
    window.library.remove_collection(collection.id)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: not window.services.index_search("snøkrystallmålarar").hits, timeout=30_000)
    assert all(d.collection != collection.id for d in window.services.corpus.documents)
