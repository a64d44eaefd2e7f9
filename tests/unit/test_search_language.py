"""Search in the user's language on the bundled corpus: the typed form and standard rank first,
Norwegian plural/definite forms meet, English glosses of Norwegian references count and show as
English, and a phrase highlights only where it occurs."""

from __future__ import annotations

from pathlib import Path

import pytest

from viewer.core.search.analysis import norwegian_analyzer, terms
from viewer.core.search.glosses import gloss_spans
from viewer.core.search.index import SearchIndex

DATA = Path(__file__).resolve().parents[1] / "data" / "search"


def rows(name: str) -> list[list[str]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


@pytest.fixture(scope="module")
def ix(corpus):
    index = SearchIndex.build(corpus)
    yield index
    index.close()


def words_of(corpus, hit) -> set[str]:
    text = corpus.get(hit.doc_id).text
    return {text[s:e].lower() for s, e in hit.matches}


def test_bokmal_query_ranks_the_typed_form_then_bokmal_above_nynorsk(ix, corpus):
    hits = ix.search("tjenestene", pagelen=50).hits
    assert {"tenester", "tenesta"} <= set().union(*(words_of(corpus, h) for h in hits))  # both standards match
    exact = ["tjenestene" in words_of(corpus, h) for h in hits]
    assert exact[0] and exact == sorted(exact, reverse=True)  # every passage holding the typed form first
    langs = [h.lang for h in hits if "tjenestene" not in words_of(corpus, h)]
    assert langs.index("nn") > langs.index("nb")
    assert hits[0].lang == "nb"
    first_nn = next(i for i, h in enumerate(hits) if h.lang == "nn")
    assert all(h.lang == "nb" for h in hits[:first_nn])


def test_nynorsk_query_ranks_nynorsk_above_bokmal(ix, corpus):
    for query in ("tenestene", "utfordringar", "forskarane", "arbeidsgivarar"):
        hits = ix.search(query, pagelen=50).hits
        assert hits[0].lang == "nn", query
        assert query in words_of(corpus, hits[0]), query
        assert "nb" in {h.lang for h in hits}, query  # the Bokmål variants are still found, lower
    # a Nynorsk function word tells the standard of a word both standards share
    assert ix.search("frå jobbspesialist").hits[0].lang == "nn"


def test_every_query_of_the_ranking_set_has_the_expected_top(ix):
    for query, expect, _why in rows("ranking.tsv"):
        top = ix.search(query).hits[0]
        assert (top.passage_id if ":" in expect else top.lang) == expect, query


def test_preferred_ranking_pages_agree_with_one_long_page(ix):
    for query in ("tjenester", "tenestene", "child poverty"):
        whole = [h.passage_id for h in ix.search(query, pagelen=12).hits]
        paged = [h.passage_id for p in (1, 2, 3) for h in ix.search(query, page=p, pagelen=4).hits]
        assert paged == whole, query


def test_english_query_is_not_steered_to_norwegian(ix):
    hits = ix.search("welfare services", pagelen=5).hits
    assert [h.lang for h in hits] == ["en"] * 5


def test_plural_and_definite_forms_meet():
    ana = norwegian_analyzer()
    assert terms(ana, "behandlere") == terms(ana, "behandlerne") == terms(ana, "behandlarane") == ["behandl"]
    for lemma, _std, forms in rows("inflections.tsv"):
        assert len({tuple(terms(ana, f)) for f in forms.split()}) == 1, lemma
    for a, b in rows("distinct.tsv"):
        assert terms(ana, a) != terms(ana, b), (a, b)


def test_plural_definite_finds_both_standards_in_the_corpus(ix, corpus):
    found = set().union(*(words_of(corpus, h) for h in ix.search("forskerne", pagelen=50).hits))
    assert {"forskere", "forskerne", "forskarane"} <= found
    before = norwegian_analyzer(inflect=False)
    assert terms(before, "forskerne") != terms(before, "forskere")  # what Snowball alone did


def test_english_gloss_of_a_norwegian_reference_shows_and_ranks_as_english(ix, corpus):
    passage = corpus.passage("article:021")
    assert passage.lang.value == "nb"
    spans = gloss_spans(passage.text, "nb")
    assert [passage.text[s:e] for s, e, _l in spans] == [
        "Holistic measures against child poverty. A summary of knowledge"
    ]
    hits = ix.search("holistic measures", pagelen=5).hits
    assert hits[0].passage_id == "article:021" and hits[0].lang == "en"
    # the Norwegian title of the same passage shows as Norwegian
    norwegian = next(h for h in ix.search("kunnskapsoppsummering", pagelen=5).hits if h.passage_id == "article:021")
    assert norwegian.lang == "nb"
    # English matches all count as English: each hit of an English query shows en
    assert {h.lang for h in ix.search("child poverty", pagelen=10).hits} == {"en"}


def test_a_norwegian_bracket_in_an_english_reference_is_norwegian(corpus):
    passage = corpus.passage("article:022")
    spans = gloss_spans(passage.text, passage.lang.value)
    if passage.lang.value == "en":
        assert [passage.text[s:e] for s, e, _l in spans] == ["Riksrevisjonens undersøking av barnefattigdom"]
        assert spans[0][2] in ("nb", "nn")
    assert gloss_spans("Sagatun, S. (2013). NAV [2013]. Oslo.", "nb") == []  # not a gloss: no words


def test_phrase_highlights_only_where_it_occurs(ix, corpus):
    results = ix.search('"evidence-based"', pagelen=50)
    assert results.hits
    for hit in results.hits:
        text = corpus.get(hit.doc_id).text
        assert {" ".join(text[s:e].lower().replace("-", " ").split()) for s, e in hit.matches} == {"evidence based"}
        for s, e in hit.snippet_marks:
            assert hit.snippet[s:e].lower().replace("-", " ") == "evidence based"
    marked = next(h for h in results.hits if "practice-based" in corpus.passage(h.passage_id).text)
    text = corpus.get(marked.doc_id).text
    assert not any(text[s:e].lower() in ("practice-based", "evidence-oriented") for s, e in marked.matches)
    # the word alone still marks every place it occurs, inside evidence-oriented too
    single = next(h for h in ix.search("evidence", pagelen=50).hits if h.passage_id == marked.passage_id)
    assert len(single.matches) > len(marked.matches)


def test_inflection_sets_cover_both_standards():
    lemmas = {}
    for lemma, std, _forms in rows("inflections.tsv"):
        lemmas.setdefault(lemma, set()).add(std)
    assert sum(stds == {"nb", "nn"} for stds in lemmas.values()) >= 20


def test_the_whoosh_fallback_ranks_in_the_typed_language_too(ix, corpus, monkeypatch):
    from viewer.core.search import bulk

    expected = [h.passage_id for h in ix.search("tenestene", pagelen=5).hits]

    def unsupported(*args, **kwargs):
        raise bulk.Unsupported("forced")

    monkeypatch.setattr(bulk, "collect", unsupported)
    hits = ix.search("tenestene", pagelen=5).hits
    assert [h.passage_id for h in hits] == expected
    assert hits[0].lang == "nn"


def test_a_language_filter_selects_and_shows_passage_labels(ix):
    hits = ix.search("child poverty", lang="nb", pagelen=20).hits
    assert hits and {h.lang for h in hits} == {"nb"}  # the glossed Norwegian references, labelled nb
    assert "en" in {h.lang for h in ix.search("child poverty", pagelen=20).hits if h.passage_id == hits[0].passage_id}


def test_the_passages_of_typed_forms_are_kept_between_searches_within_a_limit(ix, monkeypatch):
    from viewer.core.search import boost

    codes = boost.LangCodes(ix._searcher)
    reader = ix._searcher.reader()
    leaf, offset = boost._leaves(reader)[0]
    words = ["tjenestene", "arbeid", "implementering", "kvalitet"]
    expected = {w: set(boost.doc_ids(leaf, "plain", w)) for w in words}
    assert all(expected.values())
    monkeypatch.setattr(boost, "FORM_POSTINGS", max(len(v) for v in expected.values()) + 1)
    for w in words:
        assert codes.holding(leaf, offset, w) == expected[w]
        assert codes._form_postings <= boost.FORM_POSTINGS or len(codes._forms) == 1
    assert (offset, words[-1]) in codes._forms and (offset, words[0]) not in codes._forms  # the oldest went
    assert codes.holding(leaf, offset, words[-1]) == expected[words[-1]]  # from the cache, as read
