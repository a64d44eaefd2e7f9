"""Malformed and hostile queries never raise: they are repaired with a note or return no hits with a reason."""

from __future__ import annotations

import pytest
from whoosh.filedb.filestore import RamStorage

from viewer.core.corpus.model import Passage, PassageKind
from viewer.core.language.labels import Lang
from viewer.core.search.compile import MAX_PREFIX_TERMS
from viewer.core.search.index import SearchIndex
from viewer.core.search.query import parse
from viewer.core.search.schema import make_schema
from viewer.core.search.writer import write_passages


@pytest.fixture(scope="module")
def ix(corpus):
    index = SearchIndex.build(corpus)
    yield index
    index.close()


MALFORMED = [
    '"unbalanced quote',
    'services "',
    "(unbalanced paren",
    "services)",
    ")(",
    "((((",
    "AND",
    "OR",
    "NOT",
    "services AND",
    "OR services",
    "services NOT",
    "-",
    "~",
    "~2",
    "*",
    "**",
    "a*",
    "-*",
    "services~9",
    "og i på",
    "the of and",
    "frå berre",
    "x" * 10_000,
    "services " * 2000,
    "serv\x00ices \x07\x1b[31m",
    "\u200b\u200d\ufeff",
    "😀",
    "🇳🇴 services 👍",
    "lang:",
    "lang:xx services",
    "doc:",
    'doc:"" NAV',
    "\\",
    '\\\\"',
    "services^2",
    "title:services",
    "/regex/",
    "a?b",
    "[1 TO 5]",
    "{x}",
    "NAV -(",
    '-""',
    '""',
    "''",
    "a'b",
    "NOT NOT NOT",
    "-(-(-services))",
    "(" * 200 + "services" + ")" * 200,
]


@pytest.mark.parametrize("query", MALFORMED)
def test_malformed_queries_never_raise(ix, query):
    results = ix.search(query)
    assert results.page == 1
    assert results.total >= len(results.hits)
    if not results.hits:
        assert results.message or results.query_understood  # no hits needs no reason only if all was understood
    assert "\n" not in results.message


@pytest.mark.parametrize(
    "query,note",
    [
        ('"unbalanced quote', "unclosed quote"),
        ("(services", "parentheses"),
        ("services AND", "'AND'"),
        ("NOT", "'NOT'"),
        ("-", "lone operator"),
        ("~", "lone operator"),
        ("*", "'*'"),
        ("a*", "too short"),
        ("og i på", "common words"),
        ("x" * 10_000, "shortened"),
        ("-services", "only excludes"),
        ("lang:xx services", "unknown language"),
        ("😀", "empty"),
    ],
)
def test_repairs_are_explained(ix, query, note):
    results = ix.search(query)
    assert note in results.message
    assert results.query_understood is False


def test_repaired_queries_still_search_their_words(ix):
    plain = [h.passage_id for h in ix.search("frontline services").hits]
    assert plain
    for query in (
        '"frontline services',
        "(frontline services",
        "frontline AND services AND",
        "frontline\x00services",
        "😀 frontline services",
        "frontline services NOT",
    ):
        assert [h.passage_id for h in ix.search(query).hits] == plain, query


def test_control_characters_and_emoji_are_separators():
    assert parse("a\x00b").tree == parse("a b").tree
    assert parse("😀services").tree == parse("services").tree


def test_well_formed_query_is_understood(ix):
    results = ix.search('"supported employment" OR IPS -NAV lang:no kvalitet*')
    assert results.query_understood and results.message == "" and results.hits


def test_short_and_broad_prefixes_are_bounded():
    """A prefix with many expansions searches only the most frequent ones, and says so."""
    storage = RamStorage()
    passages = [
        Passage(
            id=f"syn:{i:04d}",
            doc_id="syn",
            index=i,
            start=0,
            end=30,
            text=f"ab{i:04d}x common words",
            kind=PassageKind.PARAGRAPH,
            lang=Lang.EN,
            confidence=1.0,
            sentences=(),
        )
        for i in range(MAX_PREFIX_TERMS * 3)
    ]
    write_passages(storage.create_index(make_schema()), passages, {"syn": "Synthetic"}, len(passages))
    ix = SearchIndex(storage)
    results = ix.search("ab*", pagelen=1000)
    assert f"{MAX_PREFIX_TERMS} most common" in results.message
    assert len(results.hits) == MAX_PREFIX_TERMS
    assert ix.search("a*").hits == []
    assert len(ix.search("ab000*", pagelen=1000).hits) == 10


@pytest.mark.parametrize("depth", [9, 40, 450])
def test_deeply_nested_parentheses_keep_their_words_and_say_so(depth):
    parsed = parse("(" * depth + "arbeid OR work" + ")" * depth + " tjenester")
    assert {w.text for w in _words(parsed.tree)} == {"arbeid", "work", "tjenester"}
    assert any("flattened" in note for note in parsed.notes)


def _words(node):
    from viewer.core.search.query import Group, Negated, Word

    if isinstance(node, Word):
        return [node]
    if isinstance(node, Negated):
        return _words(node.item)
    if isinstance(node, Group):
        return [w for item in node.items for w in _words(item)]
    return []
