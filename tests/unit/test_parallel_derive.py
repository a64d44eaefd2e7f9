"""A derived build (an import into an existing index) writes its new segments in forked workers:
the index it makes is the one the single-process path makes, and holds what a full build holds."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from tests.unit.test_index_postings import in_a_process_of_one_thread
from viewer.core.corpus.model import Corpus, Document
from viewer.core.search import build, parallel, writer
from viewer.core.search.cache import IndexCache
from viewer.core.search.index import SearchIndex

QUERIES = ("arbeid", "health AND care", '"sosial stønad"', "behandler~", "kvalifiser*", "kvalitet", "slides")


def _renamed(doc: Document, new_id: str) -> Document:
    passages = tuple(replace(p, id=new_id + p.id[len(doc.id) :], doc_id=new_id) for p in doc.passages)
    return replace(doc, id=new_id, passages=passages)


def _corpora(corpus: Corpus) -> tuple[Corpus, Corpus]:
    """(earlier, now): now adds two documents, changes one's title and drops one of the earlier."""
    docs = {d.id: d for d in corpus.documents}
    article = docs["article"]
    retitled = replace(article, meta=replace(article.meta, title="An earlier title"))
    # 167 passages in segments of 40: the last, small one (7 of the project's) stays whole
    earlier = Corpus((_renamed(docs["news"], "old-news"), retitled, docs["thesis"], docs["project"]))
    return earlier, corpus


def _small_chunks(monkeypatch, procs: int) -> None:
    monkeypatch.setattr(writer, "CHUNK_PASSAGES", 40)  # the 202 passages to write make six chunks
    monkeypatch.setattr(writer, "BUILD_SEGMENTS", 1000)
    monkeypatch.setattr(parallel, "PROCS", procs)
    monkeypatch.setattr(parallel, "PROGRESS_EVERY", 15)


def _derive(corpus: Corpus, root: Path, procs: int, monkeypatch, progress=None) -> Path:
    """Build the earlier corpus's index under `root`, then derive the current one's from it."""
    earlier, now = _corpora(corpus)
    _small_chunks(monkeypatch, 1)
    key0 = build.corpus_key(earlier)
    build.build_into(earlier, root, key0, root / key0, None)
    _small_chunks(monkeypatch, procs)
    key = build.corpus_key(now)
    base = build.best_base(root, key, build.document_keys(now))
    assert base is not None and base.removed == {"old-news"}
    assert base.changed == {"slides", "article", "news"}
    build.derive_into(now, root, key, root / key, base, progress)
    return root / key


def _hits(ix: SearchIndex, query: str) -> list[tuple[str, float]]:
    return [(h.passage_id, round(h.score, 9)) for h in ix.search(query, pagelen=1000).hits]


def _segments(folder: Path) -> list[tuple[int, int]]:
    from whoosh.filedb.filestore import FileStorage

    ix = FileStorage(str(folder)).open_index()
    return [(s.doc_count_all(), s.deleted_count()) for s in ix._segments()]


@in_a_process_of_one_thread
@pytest.mark.parametrize("max_segments", [writer.MAX_SEGMENTS, 2])  # 2: the small segments are merged too
def test_a_derived_build_in_workers_is_the_index_one_process_derives(corpus, tmp_path, monkeypatch, max_segments):
    monkeypatch.setattr(writer, "MAX_SEGMENTS", max_segments)
    calls = []
    real = parallel.write_segments
    monkeypatch.setattr(parallel, "write_segments", lambda *a, **k: calls.append(a[4]) or real(*a, **k))
    seen: list[tuple[int, int, str]] = []
    one = _derive(corpus, tmp_path / "one", 1, monkeypatch)
    assert calls == []
    two = _derive(corpus, tmp_path / "two", 2, monkeypatch, lambda *a: seen.append(a))
    assert calls == [2]  # the forked path ran, with two workers
    full = tmp_path / "full"
    build.build_into(corpus, full, "k", full / "k", None)
    done = [s[0] for s in seen if s[2] == "indexing passages"]
    written = 202 if max_segments != 2 else 224  # a due merge: the small segment's document (project) again
    assert len(done) > 6 and done == sorted(done) and done[-1] == written  # progress moves, to the end

    segments, serial = _segments(two), _segments(one)
    earlier = [(40, 40), (40, 40), (40, 26), (40, 0)]  # old-news and the retitled article's passages deleted
    if max_segments == 2:  # the small segment was due for a merge: its document indexed again, the segment gone
        earlier = [(40, 40), (40, 40), (40, 26), (40, 15)]  # project (22) was in the last 15 and the small 7
        assert segments == [*earlier, *[(38, 0)] * 5, (34, 0)]
        assert serial == [*earlier, *[(40, 0)] * 5, (24, 0)]
    else:
        assert segments == [*earlier, (7, 0), *[(34, 0)] * 5, (32, 0)]  # in workers: three each, of equal size
        assert serial == [*earlier, (7, 0), *[(40, 0)] * 5, (2, 0)]

    with _open(one) as a, _open(two) as b, _open(full / "k") as c:
        assert a.doc_count == b.doc_count == c.doc_count == corpus.passage_count
        assert len(_hits(a, "arbeid")) > 5
        for q in QUERIES:
            if max_segments == 2:  # same documents and statistics; ties may be ordered differently
                assert sorted(_hits(b, q)) == sorted(_hits(a, q)), q
            else:
                assert _hits(b, q) == _hits(a, q), q
            # a full build holds the same passages (its scores differ: no deleted documents in its statistics)
            assert sorted(h for h, _s in _hits(b, q)) == sorted(h for h, _s in _hits(c, q)), q
            assert not [h for h, _s in _hits(b, q) if h.startswith("old-news")], q
        titles = {h.title for h in b.search("arbeid", pagelen=1000).hits if h.doc_id == "article"}
        assert titles == {corpus.get("article").title}  # the changed document is the current one


def _open(folder: Path) -> SearchIndex:
    from viewer.core.search.cache import open_folder

    return open_folder(folder)


@in_a_process_of_one_thread
def test_a_failing_worker_fails_the_derived_build_and_the_cache_builds_anew(corpus, tmp_path, monkeypatch):
    real_one, real_segments = parallel._write_one, parallel.write_segments
    derived: list[list] = []  # the chunks of each derived build's forked writers

    def record(ix, chunks, titles, total, procs, progress, removed=None):
        if removed:
            derived.append(chunks)
        return real_segments(ix, chunks, titles, total, procs, progress, removed)

    def crash_on_a_derived_fourth(ix, chunk, titles, send):  # the worker's second (this process writes 0, 2, 4)
        if any(chunk is chunks[3] for chunks in derived):
            raise OSError("disk full (test)")
        return real_one(ix, chunk, titles, send)

    monkeypatch.setattr(parallel, "write_segments", record)
    monkeypatch.setattr(parallel, "_write_one", crash_on_a_derived_fourth)
    with pytest.raises(RuntimeError, match="worker"):
        _derive(corpus, tmp_path, 2, monkeypatch)
    earlier = build.corpus_key(_corpora(corpus)[0])
    assert sorted(p.name for p in tmp_path.iterdir()) == [earlier]  # the aside folder is gone, the base kept
    # through the cache: the failed derivation is said, and the index is built anew (forked, not derived)
    with IndexCache(tmp_path).open(corpus) as ix:
        assert len(derived) == 2 and ix.doc_count == corpus.passage_count and not ix.status.incremental
        assert any("could not update the previous index (RuntimeError" in m for m in ix.status.messages)
        assert len(ix.search("arbeid", pagelen=1000).hits) > 5


@in_a_process_of_one_thread
def test_a_cancelled_derived_build_stops_its_workers_and_leaves_the_earlier_index(corpus, tmp_path, monkeypatch):
    class Cancelled(Exception):
        pass

    def cancel_midway(done, total, message=""):
        if message == "indexing passages" and done >= 60:
            raise Cancelled

    pids: list[int] = []
    real = parallel._start
    monkeypatch.setattr(parallel, "_start", lambda *a: _noted(real(*a), pids))
    with pytest.raises(Cancelled):
        _derive(corpus, tmp_path, 2, monkeypatch, cancel_midway)
    earlier = build.corpus_key(_corpora(corpus)[0])
    assert sorted(p.name for p in tmp_path.iterdir()) == [earlier]
    assert len(pids) == 1  # one worker: this process writes the other half
    for pid in pids:  # every worker was killed and reaped
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    with _open(tmp_path / earlier) as ix:
        assert ix.doc_count == _corpora(corpus)[0].passage_count


def _noted(started: dict[int, int], pids: list[int]) -> dict[int, int]:
    pids.extend(started.values())
    return started


@in_a_process_of_one_thread
def test_a_failure_in_this_process_stops_the_worker_and_fails_the_derived_build(corpus, tmp_path, monkeypatch):
    real = parallel._write_one
    pids: list[int] = []
    real_start = parallel._start

    home = os.getpid()

    def crash_at_home(ix, chunk, titles, send):
        if os.getpid() == home and chunk[0].doc_id == "article":  # this process's third chunk (of 0, 2, 4)
            raise OSError("disk full (test)")
        return real(ix, chunk, titles, send)

    monkeypatch.setattr(parallel, "_start", lambda *a: _noted(real_start(*a), pids))
    monkeypatch.setattr(parallel, "_write_one", crash_at_home)
    with pytest.raises(OSError, match="disk full"):
        _derive(corpus, tmp_path, 2, monkeypatch)
    assert sorted(p.name for p in tmp_path.iterdir()) == [build.corpus_key(_corpora(corpus)[0])]
    assert len(pids) == 1
    with pytest.raises(ProcessLookupError):  # the worker was killed and reaped
        os.kill(pids[0], 0)


def test_small_segments_due_for_a_merge_are_indexed_again_not_merged_through_whoosh(corpus, tmp_path, monkeypatch):
    monkeypatch.setattr(writer, "CHUNK_PASSAGES", 400)  # the bundled 263 passages: one segment, not small (< 200)
    monkeypatch.setattr(writer, "MAX_SEGMENTS", 4)  # three small segments and the next commit merges them
    monkeypatch.setattr(parallel, "PROCS", 1)
    merged: list[object] = []
    monkeypatch.setattr(writer.PassageWriter, "add_reader", lambda self, reader: merged.append(reader))
    docs = {d.id: d for d in corpus.documents}
    layouts = []
    for n, doc_id in enumerate(("", "thesis", "project", "news", "article")):  # each update retitles one more
        if doc_id:
            docs[doc_id] = replace(docs[doc_id], meta=replace(docs[doc_id].meta, title=f"Retitled {n}"))
        now = Corpus(tuple(docs[d.id] for d in corpus.documents))
        with IndexCache(tmp_path).open(now) as ix:
            assert ix.doc_count == corpus.passage_count and ix.status.incremental == bool(doc_id)
            layouts.append(_segments(ix.status.folder))
    sizes = {d: len(docs[d].passages) for d in docs}
    assert layouts[3] == [(263, 108), (39, 0), (22, 0), (47, 0)]  # three small segments: the next merges
    # the fourth update indexes thesis, project and news again with the article, in one new segment
    assert layouts[4] == [(263, 167), (sizes["thesis"] + sizes["project"] + sizes["news"] + sizes["article"], 0)]
    assert merged == []  # no segment went through Whoosh's merge
    full = tmp_path / "full"
    build.build_into(now, full, "k", full / "k", None)
    with _open(full / "k") as a, IndexCache(tmp_path).open(now) as b:
        for q in QUERIES:
            assert sorted(h for h, _s in _hits(b, q)) == sorted(h for h, _s in _hits(a, q)), q
        titles = {h.doc_id: h.title for h in b.search("arbeid", pagelen=1000).hits}
        assert titles["thesis"] == "Retitled 1" and titles["article"] == "Retitled 4"
