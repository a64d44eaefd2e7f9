"""Bring your own texts in the app: add a folder, see the report, search it, watch it change, remove it."""

from __future__ import annotations

import pytest

from viewer.ui import library_ui


@pytest.fixture()
def fast_watch(monkeypatch):
    monkeypatch.setattr(library_ui, "WATCH_DELAY_MS", 200)  # before the window makes its watcher


@pytest.fixture()
def window(fast_watch, library_window):
    return library_window


def wait_idle(qtbot, win):
    qtbot.waitUntil(lambda: not win.library.busy, timeout=60_000)


def corpus_ids(win):
    return [d.id for d in win.workspace.corpus.documents if d.collection == "bundled"]


def search(win, text):
    return win.workspace.search(text, pagelen=50)


def test_add_folder_reports_skips_and_makes_texts_searchable(qtbot, window, tmp_path):
    folder = tmp_path / "Field Notes"  # its id is field-notes; the filter shows the name
    folder.mkdir()
    (folder / "field.md").write_text(
        "# Feltnotat\n\nJobbspesialisten fortalte om arbeidsgiverkontakt i Drammen.\n", encoding="utf-8"
    )
    (folder / "page.html").write_text(
        "<html><body><nav>Menu</nav><p>Kvalitetsverktøy i Tromsø.</p></body></html>", encoding="utf-8"
    )
    (folder / "blob.txt").write_bytes(b"\x00\x01\x02" * 50)
    (folder / "empty.txt").write_text("")
    reports = []
    window.library.report_ready.connect(lambda report, _pairs: reports.append(report))
    assert window.library_actions.import_paths([folder])
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: bool(reports), timeout=10_000)
    report = reports[0]
    assert len(report.imported) == 2
    assert {p.rsplit("/", 1)[-1] for p, _reason in report.skipped} == {"blob.txt", "empty.txt"}
    dialog = window.library_actions.last_report_dialog
    assert (
        dialog.table.rowCount() == 2 and "binary" in " ".join(dialog.table.item(i, 1).text() for i in range(2)).lower()
    )
    ids = [d.id for d in window.workspace.corpus.documents]
    assert any(i.endswith("field") for i in ids)
    results = search(window, "arbeidsgiverkontakt")
    assert results.hits and results.hits[0].doc_id.endswith("field")
    combo = window.search_panel.doc_combo  # All, then the documents under a heading per collection
    listed = [combo.itemData(i) for i in range(1, combo.count()) if combo.itemData(i)]
    assert sorted(listed) == sorted(d.id for d in window.workspace.corpus.documents)
    assert [combo.itemText(i) for i in range(combo.count()) if not combo.itemData(i)][1:] == [
        f"Bundled corpus ({len(corpus_ids(window))})",
        "Field Notes (2)",
    ]


def test_watcher_picks_up_a_changed_file_and_removal_drops_the_collection(qtbot, window, tmp_path):
    folder = tmp_path / "watched"
    folder.mkdir()
    (folder / "a.txt").write_text("Første versjon om tiltaksarrangører.\n", encoding="utf-8")
    window.library_actions.import_paths([folder])
    wait_idle(qtbot, window)
    assert search(window, "tiltaksarrangører").hits
    qtbot.waitUntil(lambda: str(folder) in window.library.watcher.directories(), timeout=10_000)
    (folder / "b.txt").write_text("Ein ny tekst om sjukmelde og snøkrystallmålarar.\n", encoding="utf-8")
    qtbot.waitUntil(lambda: bool(search(window, "snøkrystallmålarar").hits), timeout=30_000)
    wait_idle(qtbot, window)
    collection = next(c for c in window.workspace.library.collections() if c.kind == "folder")
    window.library.remove_collection(collection.id)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: not search(window, "snøkrystallmålarar").hits, timeout=30_000)
    assert all(d.collection != collection.id for d in window.workspace.corpus.documents)


def test_the_report_says_what_happened_in_a_sentence_with_warnings_apart(qtbot, window):
    from viewer.core.library.importers import ImportReport
    from viewer.ui.library_dialogs import ImportReportDialog

    report = ImportReport(
        imported=["a.txt", "b.txt", "c.txt"],
        skipped=[("blob.txt", "not text")],
        warnings=["notes/latin.txt: decoded as Latin-1"],
        unchanged=4,
        seconds=0.42,
        bytes_read=1_500_000,
    )
    dialog = ImportReportDialog(report, [], window)
    qtbot.addWidget(dialog)
    assert dialog.sentence(report, []) == "3 new texts imported; 1 file not imported (see below)."
    assert dialog.details(report) == "4 unchanged · 1.5 MB read · 0.4 s"
    assert (dialog.table.rowCount(), dialog.table.item(0, 0).text()) == (1, "blob.txt")
    warned = dialog.warnings
    assert (warned.item(0, 0).text(), warned.item(0, 1).text()) == ("notes/latin.txt", "decoded as Latin-1")
    quiet = ImportReport(unchanged=7, seconds=0.1)
    assert dialog.sentence(quiet, []) == "Nothing new: every text is as it was."
    stopped = ImportReport(imported=["a.txt"], cancelled=True)
    assert dialog.sentence(stopped, []) == "The import was stopped; what it had read stays: 1 new text imported."
    pending = ImportReport(imported=["a.txt", "b.txt"], cancelled=True, pairs_pending=True)
    said = dialog.sentence(pending, [])
    assert said.startswith("The import was stopped; what it had read stays: 2 new texts imported. Translations")
    assert said.count("stopped") == 1


def test_removing_a_collection_asks_first(qtbot, window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from viewer.core.library.registry import Collection
    from viewer.ui.library_dialogs import CollectionsDialog

    collection = Collection("notes", "notes", "folder", (tmp_path,))
    dialog = CollectionsDialog([collection], {"notes": 600}, window)
    qtbot.addWidget(dialog)
    asked, removed = [], []
    dialog.remove_requested.connect(removed.append)
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **_kw: asked.append(args[2]) or answers.pop(0))
    dialog.table.selectRow(0)
    dialog._on_remove_clicked()
    assert removed == [] and "600 documents" in asked[0] and "bookmarks on them are kept" in asked[0]
    dialog._on_remove_clicked()
    assert removed == ["notes"]
