"""The workspace: one loader (--folder is a temporary collection with the ids `import` gives), cached
documents, the index through IndexCache, bugs in a search surfacing as bugs, and a close that
waits for running work."""

from __future__ import annotations

import threading

import pytest

from tests.conftest import CORPUS_DIR
from viewer.core.errors import CorpusError
from viewer.core.library.cache import DocumentCache
from viewer.core.library.library import Library
from viewer.core.search import snippet
from viewer.core.search.cache import IndexCache
from viewer.core.workspace import SearchUnavailableError, Workspace, WorkspaceClosedError


def _library(tmp_path, cache=None):
    return Library(
        tmp_path / "collections.sqlite3", cache or DocumentCache(tmp_path / "documents.sqlite3"), bundled=CORPUS_DIR
    )


def _notes(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "møte.md").write_text(
        "# Møtenotat\n\nNAV-kontoret drøftet kvartalsmøtet og oppfølging.\n", encoding="utf-8"
    )
    (folder / "report.html").write_text(
        "<html><title>Report</title><body><p>Activation work in the welfare services.</p></body></html>",
        encoding="utf-8",
    )
    return folder


def test_folder_is_a_temporary_collection_with_the_ids_import_gives(tmp_path):
    folder = _notes(tmp_path)
    with Workspace.open([folder], library=_library(tmp_path / "a"), bookmarks=False) as temporary:
        temp_ids = sorted(d.id for d in temporary.corpus.documents if d.collection != "bundled")
        assert temporary.library.collections()[1:] == []  # nothing was registered
    with Workspace.open(library=_library(tmp_path / "b"), bookmarks=False) as imported:
        imported.import_paths([folder])
        import_ids = sorted(d.id for d in imported.corpus.documents if d.collection != "bundled")
    # Every format `import` takes (here HTML), and the same ids either way, so bookmarks carry over.
    assert temp_ids == import_ids == ["notes/møte", "notes/report"]


def test_a_folder_with_nothing_to_import_and_a_missing_path_are_user_errors(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "picture.png").write_bytes(b"\x89PNG\r\n")
    with pytest.raises(CorpusError, match="unsupported file type"):
        Workspace.open([empty / "picture.png"], library=_library(tmp_path), bookmarks=False)
    with pytest.raises(CorpusError, match="no such file"):
        Workspace.open([tmp_path / "missing"], library=_library(tmp_path), bookmarks=False)


def test_built_documents_come_from_the_cache_without_identifying_again(tmp_path, monkeypatch):
    cache = DocumentCache(tmp_path / "documents.sqlite3")
    first = _library(tmp_path, cache).corpus()
    from viewer.core.language import identify

    def no_identification(*_args, **_kwargs):
        raise AssertionError("language identification ran on cached text")

    monkeypatch.setattr(identify.LanguageIdentifier, "identify", no_identification)
    second = _library(tmp_path, DocumentCache(tmp_path / "documents.sqlite3")).corpus()
    assert second.fingerprint == first.fingerprint
    assert [d.id for d in second.documents] == ["thesis", "slides", "project", "article", "news"]


def test_search_needs_an_open_index_and_then_finds_both_languages(tmp_path):
    with Workspace.open(
        library=_library(tmp_path), index_cache=IndexCache(tmp_path / "index"), bookmarks=False
    ) as workspace:
        with pytest.raises(SearchUnavailableError):
            workspace.search("implementering")
        workspace.open_index()
        langs = {hit.lang for hit in workspace.search("implementering", pagelen=50).hits}
        assert {"en", "nb"} <= langs


def test_a_bug_inside_a_search_is_raised_and_never_rebuilds_the_index(tmp_path, monkeypatch):
    cache = IndexCache(tmp_path / "index")
    with Workspace.open(library=_library(tmp_path), index_cache=cache, bookmarks=False) as workspace:
        index = workspace.open_index()
        rebuilds = []
        monkeypatch.setattr(cache, "_recovery", lambda corpus: rebuilds.append(corpus))

        def broken(*_args, **_kwargs):
            raise TypeError("a bug in the snippet code")

        monkeypatch.setattr("viewer.core.search.hits.make_snippet", broken)
        for _ in range(2):
            with pytest.raises(TypeError, match="a bug in the snippet code"):
                workspace.search("implementering")
        assert rebuilds == [] and index.status.action in ("built", "opened")
        monkeypatch.setattr("viewer.core.search.hits.make_snippet", snippet.make_snippet)
        assert workspace.search("implementering").hits  # the index was fine all along


def test_a_storage_error_inside_a_search_rebuilds_once(tmp_path, monkeypatch):
    with Workspace.open(
        library=_library(tmp_path), index_cache=IndexCache(tmp_path / "index"), bookmarks=False
    ) as workspace:
        index = workspace.open_index()
        original = index._searcher.search_with_collector
        calls = []

        def failing(*args, **kwargs):
            calls.append(1)
            if len(calls) == 1:
                raise OSError("read error on a segment")
            return original(*args, **kwargs)

        monkeypatch.setattr(index._searcher, "search_with_collector", failing)
        results = workspace.search("implementering")
        assert results.hits and "rebuilt" in results.message
        assert index.status.action == "rebuilt"


def test_close_waits_for_running_work_and_refuses_new_work(tmp_path):
    workspace = Workspace.open(library=_library(tmp_path), index_cache=IndexCache(tmp_path / "index"), bookmarks=False)
    workspace.open_index()
    started, release = threading.Event(), threading.Event()
    finished = []

    def job():
        with workspace._work():
            started.set()
            release.wait(5)
            finished.append(workspace.search("work").total)

    worker = threading.Thread(target=job)
    worker.start()
    started.wait(5)
    assert workspace.close(timeout=0.1) is False  # the job still runs: nothing was closed under it
    release.set()
    worker.join(5)
    assert finished and finished[0] > 0
    assert workspace.close(timeout=5) is True
    with pytest.raises(WorkspaceClosedError):
        workspace.open_index()


def test_an_import_updates_corpus_and_index_incrementally(tmp_path):
    folder = _notes(tmp_path)
    with Workspace.open(
        library=_library(tmp_path), index_cache=IndexCache(tmp_path / "index"), bookmarks=False
    ) as workspace:
        workspace.open_index()
        report = workspace.import_paths([folder])
        assert sorted(report.changed_doc_ids) == ["notes/møte", "notes/report"]
        assert workspace.index is not None and workspace.index.status.incremental
        assert [h.doc_id for h in workspace.search("kvartalsmøtet").hits] == ["notes/møte"]


def test_an_import_reports_one_progress_that_never_goes_back_and_can_be_stopped(tmp_path):
    from viewer.core.progress import PHASE_SCALE

    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(8):
        (folder / f"note{i}.txt").write_text(f"Notat {i} om oppfølging ved NAV-kontoret.\n", encoding="utf-8")
    with Workspace.open(
        library=_library(tmp_path), index_cache=IndexCache(tmp_path / "index"), bookmarks=False, pairs=False
    ) as workspace:
        workspace.open_index()
        seen: list[tuple[int, int, str]] = []
        workspace.import_paths([folder], lambda done, total, what: seen.append((done, total, what)))
        assert {total for _, total, _ in seen} == {PHASE_SCALE}
        done = [d for d, _, _ in seen]
        assert done == sorted(done) and done[-1] == PHASE_SCALE  # one bar: importing, indexing, pairing
        assert any(w.startswith("Importing") for *_, w in seen) and any(w.startswith("Indexing:") for *_, w in seen)

        (folder / "later").mkdir()
        for i in range(8):
            (folder / "later" / f"more{i}.txt").write_text(f"Mer {i} om arbeid.\n", encoding="utf-8")
        asked: list[int] = []

        def stop() -> bool:  # the user pulls Stop once the first new file is read
            asked.append(1)
            return len(asked) > 2

        report = workspace.refresh(None, None, stop)
        assert report.cancelled and len(report.imported) < 8
        kept = {d.id for d in workspace.corpus.documents}
        assert {f"many/note{i}" for i in range(8)} <= kept  # what was imported before stays
        assert set(report.changed_doc_ids) <= kept  # and what this run imported is there, searchable


def test_a_small_refresh_keeps_the_readers_and_a_big_one_frees_them_for_the_index(tmp_path, monkeypatch):
    import viewer.core.workspace_library as workspace_module
    from viewer.core.library.pool import ReaderPool

    folder = _notes(tmp_path)
    pool = ReaderPool(1, limit=lambda size: 60.0)
    library = Library(tmp_path / "collections.sqlite3", tmp_path / "documents.sqlite3", bundled=CORPUS_DIR, pool=pool)
    with Workspace.open(library=library, bookmarks=False, index_cache=IndexCache(tmp_path / "index")) as workspace:
        workspace.import_paths([folder])
        workspace.open_index()
        note = folder / "møte.md"
        note.write_text(note.read_text(encoding="utf-8") + "\nZebrafinkene flyr.\n", encoding="utf-8")
        readers = [w.process for w in pool._workers]
        assert workspace.refresh().changed_doc_ids == ["notes/møte"] and readers
        assert [w.process for w in pool._workers] == readers and all(p.is_alive() for p in readers)
        assert workspace.search("zebrafinkene").total == 1  # re-indexed all the same
        monkeypatch.setattr(workspace_module, "RELEASE_READERS_ABOVE", 0)
        note.write_text(note.read_text(encoding="utf-8") + "\nOg mer.\n", encoding="utf-8")
        assert workspace.refresh().changed_doc_ids == ["notes/møte"]
        assert pool._workers == [] and not any(p.is_alive() for p in readers)
    pool.close()


def test_bookmarks_are_reanchored_on_the_bookmarked_documents_only(corpus, tmp_path):
    import dataclasses

    from viewer.core.bookmarks.store import BookmarkStore

    news = corpus.get("news")
    older = dataclasses.replace(news, text="Eit avsnitt som er fjerna.\n" + news.text)
    quote = older.text.index("jobbspesialist")
    store = BookmarkStore(tmp_path / "b.sqlite3")
    store.add(older, start=quote, end=quote + len("jobbspesialist"), note="made on the old text")
    looked_at: list[str] = []
    reanchor = store.reanchor
    store.reanchor = lambda document: looked_at.append(document.id) or reanchor(document)
    workspace = Workspace(Library(":memory:", ":memory:"), corpus, bookmarks=store)
    try:
        assert workspace.reanchor_bookmarks() == 1 and looked_at == ["news"]
        (moved,) = store.list()
        assert moved.status.value == "moved" and moved.anchor.start == quote - len("Eit avsnitt som er fjerna.\n")
        assert workspace.reanchor_bookmarks() == 0  # on the current text now
    finally:
        workspace.close()
