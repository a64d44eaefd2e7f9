"""BookmarkStore behaviour a user relies on: adding, notes and tags, search, filters, undo, re-anchoring."""

from __future__ import annotations

import dataclasses
import threading

import pytest

from viewer.core.bookmarks import schema as bookmark_schema
from viewer.core.bookmarks.model import BookmarkKind, PairRef, counterpart_text
from viewer.core.bookmarks.store import DB_NAME, BookmarkStore, UnknownBookmarkError
from viewer.core.corpus.anchors import AnchorStatus
from viewer.core.errors import UserError
from viewer.core.paths import user_data_dir

NOTE = "Første linje: «sitat» om NAV-kontoret 🎉\nSecond line, English.\n\tIndented æøå ÆØÅ."


@pytest.fixture
def store(tmp_path):
    with BookmarkStore(tmp_path / "b.sqlite3") as s:
        yield s


@pytest.fixture(scope="module")
def thesis(corpus):
    return corpus.get("thesis")


def test_default_location_is_the_user_data_folder():
    with BookmarkStore() as store:
        assert store.path == str(user_data_dir() / DB_NAME)
        mode = store._conn.execute("PRAGMA journal_mode").fetchone()[0]
        assert mode == "wal"
        assert store._conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store._conn.execute("PRAGMA user_version").fetchone()[0] == bookmark_schema.LATEST


def test_passage_bookmark_keeps_unicode_note_tags_and_times(store, thesis):
    added = store.add(thesis, passage_id="thesis:012", note=NOTE, tags=["IPS", "ips", "  nav   kontor "])
    got = store.get(added.id)
    assert got == added
    assert got.kind is BookmarkKind.PASSAGE
    assert got.note == NOTE
    assert got.tags == ("IPS", "nav kontor")
    assert got.quote == thesis.passage("thesis:012").text
    assert got.anchor.fingerprint == thesis.fingerprint
    assert got.created.endswith("Z") and got.created == got.updated
    assert got.lang == "en" and got.doc_title == thesis.title


def test_very_long_note_round_trips(store, thesis):
    note = ("Ærlig talt 🎉 «lang» note.\n" * 20000)[:400_000]
    added = store.add(thesis, start=100, end=200, note=note)
    assert store.get(added.id).note == note
    assert [b.id for b in store.list(query="ærlig")] == [added.id]


def test_range_and_errors(store, thesis):
    added = store.add(thesis, start=5000, end=5060)
    assert added.kind is BookmarkKind.RANGE and added.quote == thesis.text[5000:5060]
    assert added.anchor.passage_id == thesis.passages_at(5000, 5001)[0].id
    for bad in ((-1, 5), (5, 5), (10, 10**7)):
        with pytest.raises(UserError, match="outside"):
            store.add(thesis, start=bad[0], end=bad[1])
    with pytest.raises(UserError, match="no passage"):
        store.add(thesis, passage_id="thesis:999")
    assert store.count() == 1


def test_pair_bookmark_stores_only_the_reference_and_shows_the_counterpart(store, thesis):
    en = thesis.groups()["abstract.en"][0].sentences[0]
    nb_passage = thesis.groups()["abstract.nb"][0]
    nb = nb_passage.sentences[0]
    added = store.add(thesis, sentence_id=en.id, pair=PairRef(thesis.id, nb.id, nb.start, nb.end), note="par")
    got = store.get(added.id)
    assert got.kind is BookmarkKind.PAIR and got.pair == PairRef(thesis.id, nb.id, nb.start, nb.end)
    assert counterpart_text(got, thesis) == nb_passage.sentence_text(nb)
    # The hook lets the aligner supply the text instead.
    assert counterpart_text(got, thesis, lambda doc, b: f"aligned:{b.pair.sentence_id}") == f"aligned:{nb.id}"
    assert counterpart_text(store.add(thesis, start=1, end=9), thesis) is None


def test_search_notes_quotes_and_tags_with_any_user_input(store, thesis):
    a = store.add(thesis, passage_id="thesis:012", note="Om arbeidsinkludering og IPS-veiledere", tags=["metode"])
    b = store.add(thesis, start=5000, end=5060, note="nothing here", tags=["Kvalitativ studie"])
    assert [x.id for x in store.list(query="arbeidsinkl")] == [a.id]  # prefix of a Norwegian compound
    assert [x.id for x in store.list(query="frontline offices")] == [a.id]  # words of the quote
    assert [x.id for x in store.list(query="kvalitativ")] == [b.id]  # a tag
    assert [x.id for x in store.list(query='"two frontline offices"')] == [a.id]
    assert store.list(query='"frontline two offices"') == []
    for hostile in ['"', "AND", "OR (", "*", "NEAR(", "note:", 'a"b', "-x", "^", "\\", "'", "%_"]:
        store.list(query=hostile)  # never raises
    assert len(store.list(query="   ")) == 2


def test_search_falls_back_to_like_without_fts5(store, thesis):
    a = store.add(thesis, passage_id="thesis:012", note="Om ÆRLIG arbeid", tags=["metode"])
    store.has_fts = False  # as on a SQLite built without FTS5
    assert [x.id for x in store.list(query="ærlig")] == [a.id]
    assert [x.id for x in store.list(query="METODE frontline")] == [a.id]
    assert store.list(query="100%") == []
    b = store.add(thesis, start=10, end=40, note="added without fts")
    assert store._read("SELECT value FROM meta WHERE key = 'fts'") == [("stale",)]
    store.has_fts = True
    store._ensure_fts()  # what the next open with FTS5 does
    assert [x.id for x in store.list(query="without fts")] == [b.id]


def test_filters_and_sorting(store, corpus, thesis):
    news = corpus.get("news")
    late = store.add(thesis, start=6000, end=6050, tags=["x"])
    early = store.add(thesis, start=100, end=150, tags=["X", "y"])
    other = store.add(news, passage_id=news.passages[3].id)
    assert [b.id for b in store.list()] == [other.id, early.id, late.id]  # newest first
    assert [b.id for b in store.list(sort="position", doc_id="thesis")] == [early.id, late.id]
    assert {b.id for b in store.list(tag="x")} == {late.id, early.id}  # tags match ignoring case
    assert [b.id for b in store.list(tag="y")] == [early.id]
    assert [b.id for b in store.list(lang=other.lang, doc_id="news")] == [other.id]
    assert store.list(status="orphaned") == []


def test_soft_delete_restore_and_purge(store, thesis):
    keep = store.add(thesis, start=10, end=40, note="keep")
    gone = store.add(thesis, start=50, end=90, note="gone")
    store.remove(gone.id[:8])
    assert [b.id for b in store.list()] == [keep.id]
    assert [b.id for b in store.list(deleted="only")] == [gone.id]
    assert store.get(gone.id).deleted
    store.restore(gone.id)
    assert store.count() == 2 and not store.get(gone.id).deleted
    store.remove(gone.id)
    assert store.purge([keep.id]) == 0  # a live bookmark is never purged
    assert store.purge() == 1
    with pytest.raises(UnknownBookmarkError):
        store.get(gone.id)
    assert store._read("SELECT count(*) FROM tags WHERE bookmark_id = ?", (gone.id,)) == [(0,)]


def test_id_prefixes(store, thesis):
    added = store.add(thesis, start=10, end=40)
    assert store.resolve_id(added.id[:6].upper()) == added.id
    with pytest.raises(UnknownBookmarkError, match="too short"):
        store.get("ab")
    with pytest.raises(UnknownBookmarkError, match="no bookmark"):
        store.get("ffffffff-0000")


def test_update_changes_note_and_tags_and_the_time(store, thesis):
    added = store.add(thesis, start=10, end=40, note="old", tags=["a"])
    changed = store.update(added.id, note="ny merknad ✓", tags=["b", "c"])
    assert store.get(added.id) == changed
    assert changed.updated > added.updated and changed.created == added.created
    assert [b.id for b in store.list(query="merknad")] == [added.id]
    assert store.list(query="old") == [] and store.list(tag="a") == []


def test_reanchor_persists_status_and_keeps_orphans(store, corpus, thesis):
    quote = "Individual Placement and Support (IPS) was implemented"
    start = thesis.text.index(quote)
    moved = store.add(thesis, start=start, end=start + len(quote), note="moves")
    passage = store.add(thesis, passage_id="thesis:012")
    edited = dataclasses.replace(thesis, text="Ny innledning.\n" + thesis.text.replace("Placement", "placement"))
    results = dict((b.id, r) for b, r in store.reanchor(edited))
    assert results[moved.id].status is AnchorStatus.MOVED
    after = store.get(moved.id)
    assert after.status is AnchorStatus.MOVED and after.anchor.start == start + len("Ny innledning.\n")
    assert after.original_exact == quote and after.quote == quote.replace("Placement", "placement")
    assert store.reanchor(edited) == []  # already anchored to this version: nothing to do
    replaced = dataclasses.replace(thesis, text=corpus.get("news").text)
    store.reanchor(replaced)
    orphan = store.get(moved.id)
    assert orphan.status is AnchorStatus.ORPHANED and orphan.note == "moves"
    assert {b.id for b in store.list(status="orphaned")} == {moved.id, passage.id}
    store.reanchor(thesis)  # the original text comes back: found again
    assert store.get(moved.id).status is not AnchorStatus.ORPHANED


def test_store_is_usable_from_several_threads(store, thesis):
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(15):
                store.add(thesis, start=10 + i, end=60 + i, note=f"thread {n} item {i}")
                store.list(query=f"thread {n}")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert store.count() == 60


def test_memory_store(thesis):
    with BookmarkStore(":memory:") as store:
        store.add(thesis, start=1, end=20)
        assert store.count() == 1
