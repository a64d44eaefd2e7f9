"""Behaviour a reviewer found wanting: fuzzy words on short terms, doubled operators, snippets,
CSV cells that a spreadsheet would run as formulas."""

from __future__ import annotations

import csv
import io

import pytest

from viewer.core.bookmarks.export import to_csv
from viewer.core.bookmarks.store import BookmarkStore
from viewer.core.search.cache import IndexCache
from viewer.core.search.index import SearchIndex


@pytest.fixture(scope="module")
def index(corpus):
    return SearchIndex.build(corpus)


def test_fuzzy_short_word_is_limited_and_exact_match_ranks_first(index):
    results = index.search("IPS~2", pagelen=5)
    assert any("1 edit" in note for note in [results.message])
    assert all("IPS" in h.snippet for h in results.hits[:3])
    loose = index.search("ips~", pagelen=3)
    assert "IPS" in loose.hits[0].snippet


def test_doubled_or_is_still_or(index):
    assert index.search("IPS OR OR NAV").total == index.search("IPS OR NAV").total
    assert index.search("IPS OR OR NAV").total > index.search("IPS NAV").total


def test_snippet_that_ends_a_sentence_has_no_trailing_ellipsis(index):
    for hit in index.search("implementation", pagelen=20).hits:
        assert not hit.snippet.endswith((".…", "?…", "!…")), hit.snippet


def test_csv_cells_never_start_a_formula(corpus):
    store = BookmarkStore(":memory:")
    thesis = corpus.get("thesis")
    store.add(thesis, passage_id="thesis:013", note='=HYPERLINK("http://x","y")', tags=["@risk", "-x"])
    rows = list(csv.reader(io.StringIO(to_csv(store.list()).decode("utf-8-sig"))))
    header, row = rows[0], rows[1]
    assert row[header.index("note")] == '\'=HYPERLINK("http://x","y")'
    assert not any(cell.startswith(("=", "+", "@")) for cell in row)
    store.close()


def test_unusable_cache_folder_falls_back_to_an_in_memory_index(corpus, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    ix = IndexCache(blocker / "index").open(corpus)
    assert ix.status.action == "in-memory"
    assert "cannot be used" in ix.status.messages[0]
    assert ix.search("jobbspesialist").hits
    ix.close()
