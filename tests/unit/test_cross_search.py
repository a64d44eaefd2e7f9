"""Cross-language search: `~word` and the cross toggle find the passages of the other language that
hold the word's translations, after every direct hit, labelled and without duplicates; paging; the
reverse direction; the language filter; `search --cross` and its JSON, and the output without it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from viewer.core.concord.cross import Translator, asks_cross, read
from viewer.core.concord.translations import TranslationModel
from viewer.core.library.library import Library
from viewer.core.workspace import Workspace

ORDER = ("doc", "passage", "title", "lang", "kind", "score", "snippet", "snippet_marks", "matches")
OLD_KEYS = set(ORDER)


@pytest.fixture(scope="module")
def workspace():
    library = Library(":memory:", ":memory:")
    with Workspace(library, library.corpus()) as opened:
        opened.open_index()
        yield opened


def test_the_query_is_read_word_by_word_keeping_its_syntax(workspace):
    translator = workspace.concordancer.translator()
    assert asks_cross("~implementation") and asks_cross('"a phrase" ~work')
    assert not asks_cross("fuzzy~ word~2") and not asks_cross("~")
    query = read('~implementation "evidence-based work" -arbeid NOT help prefix* lang:nb', translator, False)
    assert query.direct == 'implementation "evidence-based work" -arbeid NOT help prefix* lang:nb'
    assert set(query.via) == {"implementation"}
    assert query.translated is not None and "implementering" in query.translated
    assert query.translated.endswith(f"NOT ({query.direct})")  # what is found directly is not found again
    assert '"evidence-based work" -arbeid NOT help prefix* lang:nb' in query.translated
    every = read("implementation intervention", translator, True)
    assert set(every.via) == {"implementation", "intervention"} and every.side == "no"
    assert read("qwxyz", translator, True).translated is None  # nothing to translate: no cross search


def test_translations_come_from_the_learned_model_and_the_lexicon(workspace):
    translator = workspace.concordancer.translator()
    words = {t.word: t.source for t in translator.translations("implementation")}
    assert words["implementering"] == "both"  # learned, and the spelling backs it
    assert "iverksetting" in words  # the lexicon's
    assert translator.translations("arbeid")[0].word == "work"
    assert translator.side_of("implementering") == "no" and translator.side_of("implementation") == "en"
    alone = Translator(TranslationModel([]))  # no aligned texts at all: the lexicon still answers
    assert "hjelp" in {t.word for t in alone.translations("help")}


def test_hits_through_translation_come_after_the_direct_ones_labelled_and_once(workspace):
    direct = workspace.search("implementation", pagelen=100)
    both = workspace.search("~implementation", pagelen=100)
    n = len(direct.hits)
    assert n > 0 and all(not hit.via for hit in direct.hits)
    assert [h.passage_id for h in both.hits[:n]] == [h.passage_id for h in direct.hits]
    found = both.hits[n:]
    assert found, "the Norwegian abstract says implementering"
    assert all(hit.via and hit.lang in ("nb", "nn") for hit in found)
    assert any("implementering" in hit.via for hit in found)
    ids = [h.passage_id for h in both.hits]
    assert len(ids) == len(set(ids)) and both.total == len(ids)
    assert workspace.search("implementation", pagelen=100, cross=True).hits == both.hits


def test_pages_of_a_cross_search_add_up_to_the_whole(workspace):
    whole = workspace.search("~implementation", pagelen=100)
    assert len(whole.hits) > 8
    pages = []
    for page in range(1, len(whole.hits) // 4 + 2):
        got = workspace.search("~implementation", page=page, pagelen=4)
        assert got.total == whole.total
        pages += got.hits
    assert [h.passage_id for h in pages] == [h.passage_id for h in whole.hits]
    assert [h.via for h in pages] == [h.via for h in whole.hits]


def test_norwegian_finds_english_and_the_language_filter_holds_for_every_hit(workspace):
    found = [h for h in workspace.search("~arbeid", pagelen=200).hits if h.via]
    assert found and all(h.lang == "en" and h.via == ("work",) for h in found)
    only_en = workspace.search("~implementation", lang="en", pagelen=100)
    assert all(h.lang == "en" for h in only_en.hits)


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "viewer", *args], capture_output=True, text=True, env=env, timeout=120)


def test_search_cross_on_the_command_line_and_the_output_without_it(tmp_path):
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    plain = run("search", "implementation", "--json", "--limit", "50", env=env)
    assert plain.returncode == 0, plain.stderr
    records = [json.loads(line) for line in plain.stdout.splitlines()]
    assert records and all(set(r) == OLD_KEYS for r in records)  # no "via" without --cross
    assert plain.stdout == "".join(json.dumps({k: r[k] for k in ORDER}, ensure_ascii=False) + "\n" for r in records)
    cross = run("search", "--cross", "implementation", "--json", "--limit", "50", env=env)
    assert cross.returncode == 0, cross.stderr
    crossed = [json.loads(line) for line in cross.stdout.splitlines()]
    assert all(set(r) == OLD_KEYS | {"via"} for r in crossed)
    assert [{k: r[k] for k in OLD_KEYS} for r in crossed[: len(records)]] == records  # the direct hits as they were
    assert all(r["via"] == [] for r in crossed[: len(records)]) and all(r["via"] for r in crossed[len(records) :])
    text = run("search", "implementation", "--limit", "50", env=env).stdout
    assert "via translation" not in text
    crossed_text = run("search", "implementation", "--cross", "--limit", "50", env=env).stdout
    assert "via translation: implementering" in crossed_text
    assert crossed_text.splitlines()[1:3] == text.splitlines()[1:3]  # the first direct hit printed as before
