"""The bulk scorer must rank exactly as Whoosh's own matchers do: same passages, order, scores and
totals, on one segment or several with deleted passages; its term cache stays within its limit."""

from __future__ import annotations

import pytest
from whoosh.filedb.filestore import RamStorage

from viewer.core.search import bulk, writer
from viewer.core.search import index as index_module
from viewer.core.search.index import SearchIndex

QUERIES = [
    "NAV",
    "work OR arbeid OR services",
    "implementere",
    "IPS kvalitetsskala",
    '"individual placement and support"',
    '"support placement individual"',
    '"fast ukentlig"',
    "tjenester -IPS",
    "NAV NOT IPS",
    "(work OR arbeid) -NAV",
    "kvalitetsverk*",
    "a* OR b*",
    "interventon~",
    "ips~",
    "Thumbnail OR OsloMet",
    "evidence-based intervention frontline offices",
    "kvalitet lang:nn",
    "IPS doc:news",
    "work work support",
    "IPS OR -work",
    "(IPS OR NOT arbeid) kvalitet",
]


def answers(ix: SearchIndex, **kwargs: object) -> dict[str, tuple[list[tuple[str, float]], int, str]]:
    out = {}
    for query in QUERIES:
        r = ix.search(query, pagelen=60, **kwargs)  # type: ignore[arg-type]
        out[query] = ([(h.passage_id, round(h.score, 9)) for h in r.hits], r.total, r.message)
    return out


def the_whoosh_way(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Make every search take Whoosh's path; returns a list that counts the searches that did."""
    calls: list[int] = []

    def unsupported(*args: object, **kwargs: object) -> bulk.Collected:
        calls.append(1)
        raise bulk.Unsupported("test")

    monkeypatch.setattr(bulk, "collect", unsupported)
    return calls


@pytest.fixture(scope="module")
def ix(corpus):
    with SearchIndex.build(corpus) as index:
        yield index


def test_bulk_scoring_ranks_like_whoosh(ix, monkeypatch):
    fast = answers(ix)
    assert any(hits for hits, _t, _m in fast.values())
    calls = the_whoosh_way(monkeypatch)
    assert answers(ix) == fast
    assert calls  # the comparison really went the other way


def test_bulk_scoring_ranks_like_whoosh_with_filters(ix, monkeypatch):
    fast = answers(ix, lang="nb") | {"doc": answers(ix, doc="thesis")["IPS kvalitetsskala"]}
    the_whoosh_way(monkeypatch)
    assert answers(ix, lang="nb") | {"doc": answers(ix, doc="thesis")["IPS kvalitetsskala"]} == fast


def test_several_segments_with_deleted_passages_rank_like_whoosh(corpus, monkeypatch):
    monkeypatch.setattr(writer, "CHUNK_PASSAGES", 60)
    storage = RamStorage()
    SearchIndex.build(corpus, storage).close()
    raw = storage.open_index()
    for doc in corpus.documents[:3]:  # re-indexed: the old passages stay behind, marked deleted
        writer.write_passages(raw, doc.passages, {doc.id: doc.title}, len(doc.passages), removed=[doc.id])
    with SearchIndex(storage) as updated:
        assert updated._searcher.reader().has_deletions() and len(updated._segments()) > 4
        fast = answers(updated)
        the_whoosh_way(monkeypatch)
        assert answers(updated) == fast


def test_unknown_query_shapes_go_the_whoosh_way():
    from whoosh import query as wq

    for q in (wq.And([wq.Not(wq.Term("en", "nav"))]), wq.Phrase("en", ["a", "b"], slop=3), wq.Every()):
        with pytest.raises(bulk.Unsupported):
            bulk._check_shape(q)
    bulk._check_shape(wq.And([wq.Term("en", "work"), wq.Not(wq.Phrase("en", ["a", "b"]))]))


def test_out_of_time_and_cancelled_searches_in_bulk(ix, monkeypatch):
    stopped = ix.search("work OR arbeid", budget=0.0)
    assert "took too long" in stopped.message and not stopped.total_exact
    assert ix.search("work OR arbeid", cancel=lambda: True).cancelled
    monkeypatch.setattr(index_module, "collect_whoosh", None)  # proves these went through bulk
    assert ix.search("work OR arbeid").hits


def test_the_term_cache_keeps_to_its_limit_and_gives_what_was_put():
    cache = bulk.TermCache(limit=100)
    cache.put((0, "en", "a"), {1: 0.5, 2: 0.25})
    assert cache.get((0, "en", "a")) == {1: 0.5, 2: 0.25}
    cache.put((0, "en", "big"), {d: 1.0 for d in range(30)})  # over a quarter of the limit: not kept
    assert cache.get((0, "en", "big")) is None
    for n in range(10):
        cache.put((0, "en", f"w{n}"), {d: float(d) for d in range(20)})
    assert cache._size <= 100 and cache.get((0, "en", "a")) is None  # the oldest went first
    assert cache.get((0, "en", "w9")) == {d: float(d) for d in range(20)}


PHRASES = [
    '"social work"',
    '"work inclusion"',
    '"individual placement"',
    '"NAV office"',
    '"nav kontor"',
    '"evidence based" OR NAV',
    'IPS -"social work"',
    '"supported employment" work',
    '"social work" OR "individual placement"',
    '(NAV OR "social work") -"work inclusion"',
    '"social work" NOT ("work inclusion" OR arbeid)',
    '-"social work"',
]


def phrase_answers(ix: SearchIndex, pagelen: int, **kwargs: object) -> dict[str, tuple[list[tuple[str, float]], int]]:
    out = {}
    for query in PHRASES:
        r = ix.search(query, pagelen=pagelen, **kwargs)  # type: ignore[arg-type]
        out[query] = ([(h.passage_id, round(h.score, 9)) for h in r.hits], r.total)
        assert r.total_exact, query
    return out


def test_phrases_checked_lazily_rank_and_count_like_whoosh(ix, monkeypatch):
    from viewer.core.search import scorer

    settled: list[int] = []
    real = bulk.settle

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        settled.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(scorer, "EAGER_CHECK", 0)  # every phrase's candidates are checked lazily
    monkeypatch.setattr(bulk, "settle", counted)
    lazy = {n: phrase_answers(ix, n) for n in (1, 3, 60)} | {"nb": phrase_answers(ix, 3, lang="nb")}
    assert len(settled) > len(PHRASES) and any(hits for hits, _t in lazy[60].values())
    the_whoosh_way(monkeypatch)
    assert {n: phrase_answers(ix, n) for n in (1, 3, 60)} | {"nb": phrase_answers(ix, 3, lang="nb")} == lazy


def test_a_phrase_with_too_many_candidates_to_check_gives_an_estimated_total(ix, monkeypatch):
    from viewer.core.search import scorer

    monkeypatch.setattr(scorer, "EAGER_CHECK", 0)
    monkeypatch.setattr(bulk, "CHECK_REST", 0)
    monkeypatch.setattr(bulk, "SAMPLE_RUNS", 1)
    monkeypatch.setattr(bulk, "RUN_LENGTH", 1)
    estimated = ix.search('"social work"', pagelen=2)
    assert not estimated.total_exact and estimated.total > len(estimated.hits) == 2
    monkeypatch.undo()
    exact = ix.search('"social work"', pagelen=2)
    assert exact.total_exact and [h.passage_id for h in exact.hits] == [h.passage_id for h in estimated.hits]
    assert exact.total > 2


def test_phrases_checked_lazily_over_segments_with_deleted_passages(corpus, monkeypatch):
    from viewer.core.search import scorer

    monkeypatch.setattr(writer, "CHUNK_PASSAGES", 60)
    storage = RamStorage()
    SearchIndex.build(corpus, storage).close()
    raw = storage.open_index()
    for doc in corpus.documents[:3]:
        writer.write_passages(raw, doc.passages, {doc.id: doc.title}, len(doc.passages), removed=[doc.id])
    monkeypatch.setattr(scorer, "EAGER_CHECK", 0)
    with SearchIndex(storage) as updated:
        assert updated._searcher.reader().has_deletions() and len(updated._segments()) > 4
        lazy = {n: phrase_answers(updated, n) for n in (2, 60)}
        the_whoosh_way(monkeypatch)
        whoosh = {n: phrase_answers(updated, n) for n in (2, 60)}
    assert whoosh[60] == lazy[60]
    # A short page: the same hits; the totals as with the long page (Whoosh's own collector, with
    # deleted passages, counts '"social work"' 10 times for a page of 2 and 11 for a page of 60).
    assert {q: hits for q, (hits, _t) in whoosh[2].items()} == {q: hits for q, (hits, _t) in lazy[2].items()}
    assert {q: t for q, (_h, t) in lazy[2].items()} == {q: t for q, (_h, t) in lazy[60].items()}
