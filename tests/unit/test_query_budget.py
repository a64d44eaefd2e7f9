"""Expensive queries are bounded: a budget of expansions for the whole query, a time budget for
collecting, and a cancel that a newer keystroke uses."""

from __future__ import annotations

import pytest

from viewer.core.search.cache import IndexCache
from viewer.core.search.compile import MAX_PREFIX_TERMS, MIN_PATTERN_TERMS, QUERY_PATTERN_TERMS, pattern_cap
from viewer.core.search.query import Group, Word, parse

TWO = [
    "af",
    "pe",
    "av",
    "ar",
    "be",
    "de",
    "en",
    "fo",
    "ha",
    "in",
    "ka",
    "ko",
    "la",
    "ma",
    "me",
    "no",
    "og",
    "om",
    "pa",
    "pr",
    "re",
    "sa",
    "se",
    "sk",
    "so",
    "st",
    "ta",
    "ti",
    "tj",
    "un",
    "ve",
    "vi",
]


@pytest.fixture(scope="module")
def ix(corpus, tmp_path_factory):
    with IndexCache(tmp_path_factory.mktemp("budget-index")).open(corpus) as index:
        yield index


def test_the_expansion_budget_is_shared_by_every_pattern_of_a_query():
    assert pattern_cap(parse("arbeid").tree) == MAX_PREFIX_TERMS
    assert pattern_cap(parse("arb*").tree) == MAX_PREFIX_TERMS
    many = parse(" OR ".join(f"{p}*" for p in TWO)).tree
    assert pattern_cap(many) == QUERY_PATTERN_TERMS // len(TWO)
    # (the parser keeps 32 words; a tree built by hand can hold more)
    huge = Group("and", tuple(Word(f"x{i}", prefix=True, fuzzy=0) for i in range(500)))
    assert pattern_cap(huge) == MIN_PATTERN_TERMS


def test_many_prefixes_are_searched_with_fewer_expansions_each(ix):
    results = ix.search(" OR ".join(f"{p}*" for p in TWO))
    cap = QUERY_PATTERN_TERMS // len(TWO)
    assert results.hits and f"searched the {cap} most common" in results.message


def test_a_search_out_of_time_keeps_what_it_found_and_says_so(ix):
    full = ix.search("work OR arbeid OR services", pagelen=50)
    stopped = ix.search("work OR arbeid OR services", pagelen=50, budget=0.0)
    assert "took too long" in stopped.message and not stopped.total_exact
    assert len(stopped.hits) <= len(full.hits) and full.total_exact


def test_a_cancelled_search_returns_nothing_at_once(ix):
    results = ix.search("work OR arbeid", cancel=lambda: True)
    assert results.cancelled and results.hits == []
    assert not ix.search("work OR arbeid", cancel=lambda: False).cancelled


def test_filters_still_apply_under_the_budget(ix):
    hits = ix.search("arbeid OR work", lang="nn", pagelen=100).hits
    assert hits and {h.lang for h in hits} == {"nn"}
