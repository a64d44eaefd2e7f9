"""Document > Edit title, authors and year (issue 14, item 14): the user describes an imported text,
the header, the search results and citations take the new details, a bad year is said in the
dialog and nothing is kept, and the file's own details come back with one button."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialogButtonBox

from viewer.core.library.library import Library
from viewer.core.search.cache import IndexCache
from viewer.core.workspace import Workspace
from viewer.ui.main_window import MainWindow
from viewer.ui.models import HTML_ROLE, document_data


def test_describe_an_imported_text_and_go_back_to_the_files_details(qtbot, tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "feltnotat.txt").write_text(
        "Feltnotat fra Drammen\n\nJobbspesialisten fortalte om arbeidsgiverkontakt.\n", encoding="utf-8"
    )
    library = Library(registry=tmp_path / "collections.sqlite3", cache=tmp_path / "documents.sqlite3")
    workspace = Workspace(library, library.corpus(), index_cache=IndexCache(tmp_path / "index"))
    workspace.open_index()
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    window.attach(workspace)
    assert window.library_actions.import_paths([folder])
    qtbot.waitUntil(lambda: not window.library.busy, timeout=60_000)
    document = next(d for d in workspace.corpus.documents if d.collection != "bundled")
    original = document.title
    facts = document_data(document, HTML_ROLE).split("<span", 1)[1].split(">", 1)[1].split("</span>")[0]
    assert facts == f"plain text · {len(document.passages)} passages"  # nothing unknown shown, no "n.d."
    window.open_document_by_id(document.id)

    action = next(a for a in window.actions() if a.text() == "Edit title, authors and year…")
    assert action.shortcut().toString() == "Ctrl+Shift+I"
    action.trigger()
    dialog = window.document_actions.last_dialog
    assert dialog.title_edit.text() == original and not dialog.reset_button.isEnabled()
    dialog.title_edit.setText("Arbeidsgiverkontakt i Drammen")
    dialog.authors_edit.setText("Hansen, Kari; Olsen, Per")
    dialog.year_edit.setText("20x9")
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible() and "four digits" in dialog.problem.text()  # said where it was typed
    assert workspace.corpus.get(document.id).title == original
    dialog.year_edit.setText("2019")
    reader_document = window.reader.browser.document()
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    assert window.library.busy and not window.library_actions.stop_button.isVisible()  # nothing to stop
    assert "Importing" not in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: not window.library.busy, timeout=20_000)
    qtbot.waitUntil(lambda: "Arbeidsgiverkontakt i Drammen" in window.pane.doc_title.text(), timeout=20_000)
    qtbot.waitUntil(lambda: not window.library.busy, timeout=20_000)
    assert window.statusBar().currentMessage() == "Details saved"  # not a status left over
    assert window.reader.browser.document() is reader_document  # the text was not laid out again
    assert window.reader.document.title == "Arbeidsgiverkontakt i Drammen"  # citations take the details
    described = workspace.corpus.get(document.id)
    assert described.meta.authors == ("Hansen, Kari", "Olsen, Per") and described.meta.year == 2019
    hit = next(h for h in workspace.search("arbeidsgiverkontakt").hits if h.doc_id == document.id)
    assert hit.title == "Arbeidsgiverkontakt i Drammen"

    action.trigger()
    again = window.document_actions.last_dialog
    assert again.reset_button.isEnabled() and again.title_edit.placeholderText() == original
    again.reset_button.click()
    qtbot.waitUntil(lambda: workspace.corpus.get(document.id).title == original, timeout=20_000)
    qtbot.waitUntil(lambda: original in window.pane.doc_title.text(), timeout=5_000)
    window.close()


def test_the_bundled_texts_say_they_cannot_be_described(qtbot, tmp_path, corpus):
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    workspace = Workspace(Library(":memory:", ":memory:"), corpus, index_cache=IndexCache(tmp_path / "index"))
    workspace.open_index()
    window.attach(workspace)
    window.open_document_by_id("thesis")
    assert window.document_actions.edit_details() is None
    assert "Only imported documents" in window.statusBar().currentMessage()
