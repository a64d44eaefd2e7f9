"""A fuzzy word's expansions from the per-letter word table are what Whoosh's multi-segment reader
finds (Damerau-Levenshtein: a transposition is one edit), in term order, on any index."""

from __future__ import annotations

import re

from whoosh.reading import IndexReader

from viewer.core.search.fuzzy import FuzzyWords
from viewer.core.search.index import SearchIndex


def test_the_word_table_finds_what_whoosh_finds(corpus):
    with SearchIndex.build(corpus) as ix:
        reader = ix._searcher.reader()
        table = FuzzyWords()
        words = sorted({w.lower() for w in re.findall(r"[^\W\d_]{2,}", " ".join(d.text for d in corpus.documents))})
        checked = found = 0
        for word in [*words[::40], "arbied", "helsa", "x", "æøå"]:
            for dist in (1, 2):
                expected = sorted(IndexReader.terms_within(reader, "plain", word, dist, prefix=1))
                assert table.within(reader, "plain", word, dist, 1) == expected, (word, dist)
                checked += 1
                found += len(expected) > 1
        assert checked > 100 and found > 20  # many words have neighbours: the comparison is not vacuous
        assert "arbeid" in table.within(reader, "plain", "arbied", 1, 1)  # a transposition is one edit


def test_a_fuzzy_search_gives_the_same_hits_through_the_table(corpus, monkeypatch):
    from viewer.core.search import writer

    monkeypatch.setattr(writer, "CHUNK_PASSAGES", 40)  # several segments: Whoosh's MultiReader way
    monkeypatch.setattr(writer, "BUILD_SEGMENTS", 1000)
    with SearchIndex.build(corpus) as ix:
        assert len(ix._searcher.reader().leaf_readers()) > 3
        for query in ("arbied~", "tjenester~", "service~ AND helse"):
            got = [(h.passage_id, h.score) for h in ix.search(query, pagelen=50).hits]
            table, ix._fuzzy = ix._fuzzy, None  # Whoosh's own terms_within
            assert got == [(h.passage_id, h.score) for h in ix.search(query, pagelen=50).hits], query
            ix._fuzzy = table
        assert ix.search("arbied~").total > 5


def test_the_one_edit_filter_keeps_every_word_one_edit_away():
    from whoosh.support.levenshtein import distance

    from viewer.core.search.fuzzy import _one_edit_candidates

    letters = "aeiknrstæø"
    for text in ("arbeid", "tjenestene", "ab", "abc", "abcd", "x", "kvalitetsskala"):
        words = {text}
        for i in range(len(text) + 1):
            for c in letters:
                words.add(text[:i] + c + text[i:])  # insertions
                if i < len(text):
                    words.add(text[:i] + c + text[i + 1 :])  # substitutions
            if i < len(text):
                words.add(text[:i] + text[i + 1 :])  # deletions
            if i + 1 < len(text):
                words.add(text[:i] + text[i + 1] + text[i] + text[i + 2 :])  # transpositions
        words |= {text[::-1], text[1:] + text[0], "z" * len(text), text[: len(text) // 2], text + "qq"}  # farther
        near = {w for w in words if distance(w, text, limit=1) <= 1}
        assert len(words) > len(near) > len(text)  # both kinds present
        for size in {len(w) for w in words}:
            group = [w for w in words if len(w) == size]
            kept = set(_one_edit_candidates(group, text, size))
            assert {w for w in group if w in near} <= kept, (text, size)
