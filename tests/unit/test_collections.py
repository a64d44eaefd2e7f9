"""Collections and incremental imports: add, change, touch, delete, rename, remove, re-add."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from viewer.core.errors import UserError
from viewer.core.library.library import Library
from viewer.core.library.registry import UnknownCollectionError

EN = "Supported employment places people in ordinary jobs quickly and trains them on the job.\n"
NB = "Arbeid med bistand gir tett oppfølging på arbeidsplassen for folk som trenger det.\n"


@pytest.fixture()
def folder(tmp_path):
    root = tmp_path / "Research Notes"
    (root / "sub").mkdir(parents=True)
    (root / "a.txt").write_text(EN, encoding="utf-8")
    (root / "b.md").write_text(f"# B\n\n{NB}", encoding="utf-8")
    (root / "sub" / "c.txt").write_text(EN + "\n" + NB, encoding="utf-8")
    return root


@pytest.fixture()
def library(tmp_path):
    lib = Library(tmp_path / "state" / "reg.sqlite3", tmp_path / "state" / "cache.sqlite3")
    yield lib
    lib.close()


def bump(path: Path, text: str) -> None:
    """Write new content and make sure the mtime differs even on coarse-clock file systems."""
    stat = path.stat()
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000))


def test_adding_a_folder_imports_it_as_a_collection_with_stable_ids(library, folder):
    report = library.add([folder])
    assert report.collections == ["research-notes"] and len(report.imported) == 3 and not report.skipped
    ids = sorted(d.id for d in library.documents())
    assert ids == ["research-notes/a", "research-notes/b", "research-notes/sub/c"]
    assert [c.id for c in library.collections()] == ["bundled", "research-notes"]
    again = library.add([folder])  # the same folder: refreshed, not added twice
    assert again.collections == ["research-notes"] and again.unchanged == 3 and not again.has_changes
    assert len(library.collections()) == 2


def test_the_library_corpus_holds_the_bundled_and_the_imported_documents(library, folder, corpus):
    library.add([folder])
    whole = library.corpus()
    assert [d.id for d in whole.documents[: len(corpus.documents)]] == corpus.ids()
    assert whole.get("research-notes/b").collection == "research-notes"
    mixed = whole.get("research-notes/sub/c")
    assert {p.lang.value for p in mixed.passages} == {"en", "nb"}  # labelled like the bundled corpus
    assert whole.passage(mixed.passages[0].id) == mixed.passages[0]


def test_scan_sees_new_changed_deleted_and_renamed_files(library, folder):
    library.add([folder])
    (folder / "new.txt").write_text(NB, encoding="utf-8")
    bump(folder / "a.txt", EN + "A new sentence about the labour market.\n")
    (folder / "b.md").unlink()
    (folder / "sub" / "c.txt").rename(folder / "sub" / "renamed.txt")
    result = library.scan("research-notes")
    assert [f.key for f in result.new] == ["new.txt"]
    assert [f.key for f in result.changed] == ["a.txt"]
    assert [r.path for r in result.deleted] == ["b.md"]
    assert [(r.path, f.key) for r, f in result.renamed] == [("sub/c.txt", "sub/renamed.txt")]


def test_refresh_reimports_only_what_changed_and_renamed_files_keep_their_id(library, folder):
    library.add([folder])
    (folder / "new.txt").write_text(NB, encoding="utf-8")
    bump(folder / "a.txt", EN + "A new sentence about the labour market.\n")
    (folder / "b.md").unlink()
    (folder / "sub" / "c.txt").rename(folder / "sub" / "renamed.txt")
    report = library.refresh("research-notes")
    assert [Path(p).name for p in report.imported] == ["new.txt"]
    assert [Path(p).name for p in report.updated] == ["a.txt"]
    assert report.removed == ["b.md"] and report.renamed == [("sub/c.txt", "sub/renamed.txt")]
    assert sorted(report.changed_doc_ids) == ["research-notes/a", "research-notes/new"]
    assert report.removed_doc_ids == ["research-notes/b"]
    docs = {d.id: d for d in library.documents()}
    assert set(docs) == {"research-notes/a", "research-notes/new", "research-notes/sub/c"}
    assert docs["research-notes/sub/c"].path == folder / "sub" / "renamed.txt"  # bookmarks follow the id
    assert "labour market" in docs["research-notes/a"].text
    assert not library.scan("research-notes").has_changes


def test_a_touched_but_unchanged_file_is_not_rebuilt(library, folder):
    library.add([folder])
    bump(folder / "a.txt", EN)
    report = library.refresh()
    assert report.unchanged == 3 and not report.has_changes
    assert not library.scan("research-notes").has_changes  # the new mtime is remembered


def test_a_file_that_becomes_unusable_leaves_the_index(library, folder):
    library.add([folder])
    bump(folder / "a.txt", "")
    report = library.refresh()
    assert report.removed_doc_ids == ["research-notes/a"] and report.skipped[0][1] == "file is empty"
    assert "research-notes/a" not in {d.id for d in library.documents()}


def test_removing_a_collection_returns_its_documents_and_forgets_it(library, folder, tmp_path):
    library.add([folder])
    files = tmp_path / "loose.txt"
    files.write_text(NB, encoding="utf-8")
    library.add([files])
    removed = library.remove("research-notes")
    assert sorted(removed) == ["research-notes/a", "research-notes/b", "research-notes/sub/c"]
    assert [c.id for c in library.collections()] == ["bundled", "files"]
    assert [d.id for d in library.documents()] == ["files/loose"]
    with pytest.raises(UnknownCollectionError):
        library.scan("research-notes")
    with pytest.raises(UserError):
        library.remove("bundled")
    back = library.add([folder])  # it returns: same ids, so orphaned bookmarks find their documents again
    assert sorted(back.changed_doc_ids) == sorted(removed)


def test_a_missing_path_is_a_user_error_before_anything_is_added(library, folder, tmp_path):
    with pytest.raises(UserError, match="no such file or folder"):
        library.add([folder, tmp_path / "nope"])
    assert [c.id for c in library.collections()] == ["bundled"]


def test_the_document_cache_can_be_lost_without_losing_documents(tmp_path, folder):
    lib = Library(tmp_path / "reg.sqlite3", tmp_path / "cache.sqlite3")
    lib.add([folder])
    before = {d.id: d.passages for d in lib.documents()}
    lib.close()
    for leftover in tmp_path.glob("cache.sqlite3*"):
        leftover.unlink()
    fresh = Library(tmp_path / "reg.sqlite3", tmp_path / "cache.sqlite3")
    assert {d.id: d.passages for d in fresh.documents()} == before  # rebuilt from the files
    fresh.close()


def test_updated_corpus_applies_a_refresh_to_the_corpus_in_memory(library, folder):
    library.add([folder])
    before = library.corpus()
    (folder / "new.txt").write_text(NB, encoding="utf-8")
    (folder / "b.md").unlink()
    (folder / "sub" / "c.txt").rename(folder / "sub" / "moved.txt")
    report = library.refresh()
    after = library.updated_corpus(before, report)
    assert sorted(after.ids()) == sorted(library.corpus().ids())
    assert after.get("research-notes/sub/c").path == folder / "sub" / "moved.txt"
    assert after.get("research-notes/new").text == NB


def test_a_missing_folder_keeps_its_documents_until_it_returns(library, folder, tmp_path):
    library.add([folder])
    away = tmp_path / "unplugged"
    folder.rename(away)
    report = library.refresh()
    assert not report.has_changes and "the folder is missing" in report.skipped[0][1]
    assert len(library.documents()) == 3
    away.rename(folder)
    assert not library.refresh().has_changes
