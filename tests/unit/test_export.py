"""Bookmark export: Markdown ready for a paper, CSV for spreadsheets, JSON that imports without duplicates."""

from __future__ import annotations

import csv
import io
import json

import pytest

from viewer.core.bookmarks.export import export, parse_json, source_link, to_csv, to_json, to_markdown
from viewer.core.bookmarks.model import PairRef
from viewer.core.bookmarks.store import BookmarkStore
from viewer.core.errors import UserError

NOTE = "Viktig for kapittel 3 «sitat» 🎉\nSecond line."


@pytest.fixture
def filled(tmp_path, corpus):
    thesis, article = corpus.get("thesis"), corpus.get("article")
    en = thesis.groups()["abstract.en"][0].sentences[0]
    nb = thesis.groups()["abstract.nb"][0].sentences[0]
    with BookmarkStore(tmp_path / "a.sqlite3") as store:
        store.add(
            thesis, sentence_id=en.id, pair=PairRef(thesis.id, nb.id, nb.start, nb.end), note=NOTE, tags=["IPS", "æøå"]
        )
        store.add(article, passage_id=article.passages[5].id, note="artikkel")
        gone = store.add(article, start=100, end=140, note="removed one")
        store.remove(gone.id)
        yield store


def lookup(corpus):
    return {d.id: d for d in corpus.documents}.get


def test_source_links_come_from_the_corpus_metadata(corpus):
    assert source_link(corpus.get("thesis").meta) == "https://hdl.handle.net/11250/3045430"
    assert source_link(corpus.get("article").meta) == "https://doi.org/10.7577/njsr.2223"


def test_markdown_has_quote_translation_citation_note_and_tags(filled, corpus):
    text = to_markdown(filled.list(), lookup(corpus))
    thesis = corpus.get("thesis")
    nb = thesis.groups()["abstract.nb"][0]
    assert (
        "> " + thesis.groups()["abstract.en"][0].sentence_text(thesis.groups()["abstract.en"][0].sentences[0]) in text
    )
    assert "*Aligned translation:* " + nb.sentence_text(nb.sentences[0]) in text
    assert "Bakkeli, Vidar (2022). *Implementing Evidence-Based Activation Work" in text
    assert "https://hdl.handle.net/11250/3045430" in text
    assert "Ask, Torunn Alise; Sagatun, Solveig (2020)." in text and "https://doi.org/10.7577/njsr.2223" in text
    assert "**Note:** " + NOTE in text and "`IPS`, `æøå`" in text
    assert "removed one" not in text


def test_markdown_without_the_document_still_writes_the_bookmark(filled):
    text = to_markdown(filled.list())
    assert "not loaded" in text and "artikkel" in text


def test_csv_has_a_bom_and_reads_back_in_a_spreadsheet_dialect(filled, corpus):
    data = to_csv(filled.list(), lookup(corpus))
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 2
    pair = next(r for r in rows if r["kind"] == "pair")
    assert pair["note"] == NOTE and pair["tags"] == "IPS; æøå" and pair["counterpart"].startswith("Basert")
    assert pair["year"] == "2022" and pair["source"] == "https://hdl.handle.net/11250/3045430"


def test_json_round_trip_merges_without_duplicates(filled, tmp_path):
    everything = filled.list(deleted="include")
    data = to_json(everything)
    document = json.loads(data)
    assert document["format"] == "corpus-viewer-bookmarks" and document["version"] == 1
    assert parse_json(data) == everything
    with BookmarkStore(tmp_path / "b.sqlite3") as other:
        report = other.merge(parse_json(data.encode("utf-8")))
        assert (report.added, report.updated, report.unchanged) == (3, 0, 0)
        assert sorted(other.list(deleted="include"), key=lambda b: b.id) == sorted(everything, key=lambda b: b.id)
        again = other.merge(parse_json(data))
        assert (again.added, again.updated, again.unchanged) == (0, 0, 3)
        assert other.count(include_deleted=True) == 3
        # A newer edit on one side wins on import; an older one does not.
        edited = other.update(everything[0].id, note="edited elsewhere")
        assert filled.merge(parse_json(to_json([edited]))).updated == 1
        assert filled.get(edited.id).note == "edited elsewhere"
        assert other.merge(parse_json(data)).unchanged == 3
        assert other.get(edited.id).note == "edited elsewhere"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfe garbage", "not UTF-8"),
        (b"{not json", "not valid JSON"),
        (b"[]", "not a bookmark export"),
        (b'{"format": "corpus-viewer-bookmarks", "version": 99, "bookmarks": []}', "newer version"),
        (b'{"format": "corpus-viewer-bookmarks", "version": 1, "bookmarks": [{"id": "x"}]}', "bookmark 1"),
        (b'{"format": "corpus-viewer-bookmarks", "version": 1, "bookmarks": {}}', "no .bookmarks. list"),
    ],
)
def test_bad_import_files_are_refused_with_one_clear_message(data, message):
    with pytest.raises(UserError, match=message):
        parse_json(data, "bad.json")


def test_one_bad_record_imports_nothing(filled):
    document = json.loads(to_json(filled.list()))
    document["bookmarks"][1]["anchor"]["start"] = -5
    with pytest.raises(UserError, match=r"bookmark 2: .*anchor.start"):
        parse_json(json.dumps(document))


def test_export_dispatch(filled):
    assert export(filled.list(), "json").decode("utf-8").startswith("{")
    with pytest.raises(UserError, match="unknown export format"):
        export([], "tmx-later")
