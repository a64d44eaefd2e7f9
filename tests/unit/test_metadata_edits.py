"""The user's corrections of an imported document's title, authors and year (issue 14, item 14):
kept in the collection list, laid over the document everywhere (search hits, citations), kept
through a refresh of a changed file and a restart, and salvaged from a damaged list."""

from __future__ import annotations

import sqlite3

import pytest

from viewer.core.errors import UserError
from viewer.core.library.library import Library
from viewer.core.library.metadata import MetadataEdit, MetadataError, edit_from_text, file_values
from viewer.core.library.registry import Registry
from viewer.core.search.cache import IndexCache
from viewer.core.workspace import Workspace

REPORT = "Oppfølging av unge brukere i NAV\n\nRapporten ser på hvordan veiledere følger opp unge brukere.\n"


def open_workspace(tmp_path):
    library = Library(tmp_path / "collections.sqlite3", tmp_path / "cache")
    workspace = Workspace(library, library.corpus(), index_cache=IndexCache(tmp_path / "index"))
    workspace.open_index()
    return workspace


@pytest.fixture
def imported(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "rapport.txt").write_text(REPORT, encoding="utf-8")
    workspace = open_workspace(tmp_path)
    workspace.import_paths([folder])
    doc = next(d for d in workspace.corpus.documents if d.collection != "bundled")
    yield workspace, doc.id, folder
    workspace.close()


def test_typed_details_are_read_the_way_a_person_writes_them():
    edit = edit_from_text("  Oppfølging av  unge ", "Hansen, Kari; Olsen, Per\n", "2019")
    assert edit == MetadataEdit("Oppfølging av unge", ("Hansen, Kari", "Olsen, Per"), 2019)
    assert edit_from_text("", "", "") == MetadataEdit(None, (), None)
    for bad in ("19", "2019b", "0999"):
        with pytest.raises(MetadataError, match="four digits"):
            edit_from_text("T", "", bad)


def test_an_edit_reaches_search_hits_and_survives_a_restart_and_a_changed_file(imported, tmp_path):
    workspace, doc_id, folder = imported
    before = workspace.corpus.get(doc_id)
    edited = workspace.describe(doc_id, MetadataEdit("Unge brukere i NAV", ("Hansen, Kari",), 2021))
    assert (edited.title, edited.meta.authors, edited.meta.year) == ("Unge brukere i NAV", ("Hansen, Kari",), 2021)
    assert edited.text == before.text and edited.passages == before.passages  # offsets untouched
    assert file_values(edited).title == before.title  # the file's own values are still known
    hit = next(h for h in workspace.search("veiledere").hits if h.doc_id == doc_id)
    assert hit.title == "Unge brukere i NAV"  # the index was updated, not only the corpus
    workspace.close()
    (folder / "rapport.txt").write_text(REPORT + "\nEt nytt avsnitt om veiledning.\n", encoding="utf-8")
    again = open_workspace(tmp_path)
    try:
        again.refresh()
        document = again.corpus.get(doc_id)
        assert "Et nytt avsnitt" in document.text
        assert (document.title, document.meta.year) == ("Unge brukere i NAV", 2021)
        reset = again.describe(doc_id, MetadataEdit())  # back to what the file says
        assert reset.title == before.title and reset.meta.year == before.meta.year
    finally:
        again.close()


def test_bundled_texts_are_not_described_anew(imported):
    workspace, _doc_id, _folder = imported
    with pytest.raises(UserError, match="not an imported document"):
        workspace.describe("thesis", MetadataEdit("Another title"))
    assert workspace.corpus.get("thesis").title.startswith("Implementing")


def test_an_old_list_is_migrated_and_a_damaged_one_keeps_the_edits(tmp_path):
    path = tmp_path / "collections.sqlite3"
    old = sqlite3.connect(path)
    old.executescript(
        "CREATE TABLE collections (id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,"
        " paths TEXT NOT NULL, added REAL NOT NULL, position INTEGER NOT NULL);"
        "CREATE TABLE files (collection TEXT NOT NULL, path TEXT NOT NULL, size INTEGER NOT NULL,"
        " mtime_ns INTEGER NOT NULL, sha256 TEXT NOT NULL, doc_id TEXT NOT NULL, status TEXT NOT NULL,"
        " reason TEXT NOT NULL DEFAULT '', PRIMARY KEY (collection, path));"
        "PRAGMA user_version = 1;"
    )
    old.close()
    registry = Registry(path)
    registry.set_metadata("rapport", MetadataEdit("Tittel", ("A",), 2020))
    assert registry.metadata() == {"rapport": MetadataEdit("Tittel", ("A",), 2020)}
    registry.close()
    data = bytearray(path.read_bytes())
    data[0:16] = b"not a database!!"  # the header destroyed: the file is moved aside and salvaged
    path.write_bytes(bytes(data))
    salvaged = Registry(path)
    try:
        assert salvaged.notice  # the user is told
        assert salvaged.metadata().get("rapport") == MetadataEdit("Tittel", ("A",), 2020)
    finally:
        salvaged.close()
