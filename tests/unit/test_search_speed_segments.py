"""What the faster build must not change: a build in several segments ranks like one segment, and
incremental updates still merge their small segments."""

from __future__ import annotations

import pytest
from whoosh.filedb.filestore import RamStorage

from viewer.core.search import writer
from viewer.core.search.index import SearchIndex

QUERIES = [
    "NAV",
    "work OR arbeid OR services",
    "implementere",
    "IPS kvalitetsskala",
    '"individual placement and support"',
    "tjenester -IPS",
    "kvalitetsverk*",
    "interventon~",
    "Thumbnail OR OsloMet",
]


def ranked(ix: SearchIndex, query: str) -> list[tuple[str, float]]:
    return [(h.passage_id, round(h.score, 9)) for h in ix.search(query, pagelen=40).hits]


@pytest.fixture(scope="module")
def whole(corpus):
    with SearchIndex.build(corpus) as ix:
        yield ix


def test_a_build_in_many_segments_ranks_like_one_segment(corpus, whole, monkeypatch):
    monkeypatch.setattr(writer, "CHUNK_PASSAGES", 40)
    monkeypatch.setattr(writer, "BUILD_SEGMENTS", 100)
    with SearchIndex.build(corpus) as chunked:
        assert len(chunked._ix._segments()) == -(-corpus.passage_count // 40)
        assert chunked.doc_count == whole.doc_count == corpus.passage_count
        for query in QUERIES:
            assert ranked(chunked, query) == ranked(whole, query), query


def test_a_big_build_has_at_most_build_segments(corpus, monkeypatch):
    monkeypatch.setattr(writer, "CHUNK_PASSAGES", 10)
    with SearchIndex.build(corpus) as ix:
        assert len(ix._ix._segments()) == writer.BUILD_SEGMENTS
        assert ix.doc_count == corpus.passage_count


def test_small_update_segments_are_merged_once_there_are_enough(corpus, monkeypatch):
    storage = RamStorage()
    with SearchIndex.build(corpus, storage) as ix:
        pass
    ix = storage.open_index()
    docs = list(corpus.documents)
    for round_ in range(writer.MAX_SEGMENTS + 3):
        doc = docs[round_ % len(docs)]
        writer.write_passages(ix, doc.passages, {doc.id: doc.title}, len(doc.passages), removed=[doc.id])
        assert len(ix._segments()) <= writer.MAX_SEGMENTS
    assert ix.doc_count() == corpus.passage_count
