"""The corpus model on the real bundled corpus: offsets, ids, parsing of each document kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from viewer.core.corpus.build import build_document
from viewer.core.corpus.manifest import load_manifest
from viewer.core.corpus.model import Corpus, PassageKind
from viewer.core.errors import CorpusError, UnknownDocumentError
from viewer.core.language.labels import Lang
from viewer.core.library.bundled import bundled_documents
from viewer.core.library.library import Library

from ..conftest import CORPUS_DIR


def test_manifest_describes_every_bundled_document(corpus):
    entries = load_manifest(CORPUS_DIR)
    assert [e.id for e in entries] == ["thesis", "slides", "project", "article", "news"]
    for entry in entries:
        assert (CORPUS_DIR / entry.file).exists()
        assert entry.title and entry.kind and entry.licence and entry.languages
    assert load_manifest(CORPUS_DIR)[0].licence.startswith("CC BY-NC-ND 4.0")


def test_offsets_round_trip_for_every_passage_and_sentence(corpus):
    for document in corpus.documents:
        previous_end = 0
        for passage in document.passages:
            assert document.text[passage.start : passage.end] == passage.text
            assert passage.start >= previous_end, "passages overlap or are out of order"
            previous_end = passage.end
            for sentence in passage.sentences:
                assert passage.start <= sentence.start < sentence.end <= passage.end
                assert passage.sentence_text(sentence) == document.text[sentence.start : sentence.end]
                assert 0.0 <= sentence.confidence <= 1.0


def test_ids_are_stable_across_reloads_and_unique(corpus):
    again = Corpus(tuple(bundled_documents(CORPUS_DIR)))
    first = [(p.id, p.start, p.end) for p in corpus.passages()]
    assert first == [(p.id, p.start, p.end) for p in again.passages()]
    ids = [p.id for p in corpus.passages()]
    assert len(ids) == len(set(ids))
    sentence_ids = [s.id for p in corpus.passages() for s in p.sentences]
    assert len(sentence_ids) == len(set(sentence_ids))
    assert corpus.fingerprint == again.fingerprint


def test_thesis_abstract_splits_into_english_and_bokmal_halves(corpus):
    thesis = corpus.get("thesis")
    groups = thesis.groups()
    english, norwegian = groups["abstract.en"], groups["abstract.nb"]
    assert norwegian[0].text.startswith("Basert på intervjuer og feltarbeid i to NAV-kontor")
    assert english[-1].text.endswith("in street-level practice.")
    assert english[-1].end < norwegian[0].start
    assert sum(len(p.sentences) for p in english) == 25
    assert sum(len(p.sentences) for p in norwegian) == 25
    assert all(p.lang is Lang.EN for p in english)
    assert all(p.lang is Lang.NB for p in norwegian)
    # The DSpace language tag after the abstract is not content.
    assert norwegian[-1].text.endswith("førstelinjen.")
    assert not any(p.text.endswith("en_US") for p in thesis.passages)


def test_thesis_record_metadata(corpus):
    thesis = corpus.get("thesis")
    extra = thesis.meta.extra
    assert extra["authors"] == ["Bakkeli, Vidar"]
    assert extra["advisors"] == ["Breit, Eric", "Andreassen, Tone Alm"]
    assert extra["isbn"] == ["978-82-8364-417-3", "978-8264-457-9"]
    assert extra["issn"] == ["2535-471X", "2535-5414"]
    assert extra["handle"] == "https://hdl.handle.net/11250/3045430"
    assert extra["publisher"] == "OsloMet - storbyuniversitetet"
    assert extra["series"] == "OsloMet Avhandling;2022 Nr 25"
    assert extra["licence"] == "Attribution-NonCommercial-NoDerivatives 4.0 Internasjonal"
    assert extra["pages"] == 168
    assert extra["language"] == "eng"
    assert thesis.meta.year == 2022
    assert extra["title"].startswith("Implementing Evidence-Based Activation Work.")
    chrome = [p for p in thesis.passages if p.text == "Vis enkel innførsel"]
    assert chrome and all(p.low_value for p in chrome)


def test_slide_layout_noise_is_kept_but_low_value(corpus):
    slides = corpus.get("slides")
    by_text = {p.text: p for p in slides.passages}
    for junk in ("9°C", ", 長", "63", "[7]", "*", "+", "Advertisement"):
        assert by_text[junk].low_value, junk
    form = [p for p in slides.passages if "Fødselsnummer" in p.text]
    assert form and all(p.low_value for p in form)
    real = [p for p in slides.passages if p.text.startswith("- Between conditionality")]
    assert real and not real[0].low_value and real[0].lang is Lang.EN
    quote = next(p for p in slides.passages if "Mitt budskap er derfor" in p.text)
    assert quote.lang is Lang.NB


def test_article_structure_and_references(corpus):
    article = corpus.get("article")
    kinds = [p.kind for p in article.passages]
    assert kinds[0] is PassageKind.TITLE
    assert kinds.count(PassageKind.AUTHOR) == 2
    assert PassageKind.KEYWORDS in kinds
    assert article.meta.extra["keywords"][0] == "Trailing research"
    references = [p for p in article.passages if p.kind is PassageKind.REFERENCE]
    raw = article.text.split("\nReferences\n", 1)[1].split("\nPublished\n", 1)[0]
    assert len(references) == len([b for b in raw.split("\n\n") if b.strip()])
    andenaes = next(p for p in references if p.text.startswith("Andenæs"))
    glosses = [article.text[s:e] for s, e in andenaes.glosses]
    assert glosses == ["Why don’t we see the poverty? From an investigation of children in foster care"]
    assert andenaes.lang is Lang.NB
    freidson = next(p for p in references if p.text.startswith("Freidson"))
    assert freidson.glosses == () and freidson.lang is Lang.EN
    bios = [p for p in article.passages if p.kind is PassageKind.BIOGRAPHY]
    assert len(bios) == 4


def test_project_page_keeps_norwegian_and_english_apart(corpus):
    project = corpus.get("project")
    body = [p for p in project.passages if p.kind is PassageKind.PARAGRAPH]
    norwegian = [p for p in body if p.text.startswith("Formålet med INTEGRATE")]
    english = [p for p in body if p.text.startswith("The overall objective of INTEGRATE")]
    assert norwegian[0].lang is Lang.NB and english[0].lang is Lang.EN
    for p in body:
        assert p.lang in (Lang.NB, Lang.EN)
        langs = {s.lang for s in p.sentences}
        assert langs <= {p.lang, Lang.UND} or len(p.sentences) == 1, p.id
    titles = [p for p in project.passages if p.kind is PassageKind.TITLE]
    assert titles and titles[0].text.startswith("Pathways to work.")


def test_news_article_is_nynorsk_with_bokmal_quotes(corpus):
    news = corpus.get("news")
    mix = news.language_mix()
    assert mix.most_common(1)[0][0] == "nn"
    quotes = [p for p in news.passages if p.kind is PassageKind.QUOTE]
    assert len(quotes) >= 7
    markers = ("Man blir jo litt fanget", "Jeg synes det er", "SE-rollen er å være kreativ")
    bokmal = [p for p in quotes if any(m in " ".join(p.text.split()) for m in markers)]
    assert len(bokmal) == 3 and all(p.lang is Lang.NB for p in bokmal)
    # The researcher's own dash-introduced line is Nynorsk, not a Bokmål quote.
    researcher = next(p for p in quotes if " ".join(p.text.split()).startswith("− Til dømes peikar"))
    assert researcher.lang is Lang.NN
    narrative = next(p for p in news.passages if p.text.startswith("Interessa for Supported employment"))
    assert narrative.lang is Lang.NN


def test_folder_of_plain_texts_is_loaded_with_the_same_model(tmp_path: Path):
    (tmp_path / "notes.md").write_text(
        "# Mine notater\n\nNAV-kontoret har ikke nok ressurser. Det er et problem.\n\n"
        "- first point about IPS\n- second point about activation work\n",
        encoding="utf-8",
    )
    (tmp_path / "legacy.txt").write_bytes("Brukerne får hjelp på NAV-kontoret i Bærum.".encode("cp1252"))
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02garbage\x00")
    corpus = Library(":memory:", ":memory:", bundled=CORPUS_DIR).corpus(extra=[tmp_path])
    ids = {d.id.rsplit("/", 1)[-1]: d.id for d in corpus.documents}
    notes = corpus.get(ids["notes"])
    assert notes.collection != "bundled" and ids["notes"].endswith("/notes")  # the same id `import` gives
    assert notes.title == "Mine notater"
    assert [p.kind for p in notes.passages] == [
        PassageKind.TITLE,
        PassageKind.PARAGRAPH,
        PassageKind.LIST_ITEM,
        PassageKind.LIST_ITEM,
    ]
    assert notes.passages[1].lang is Lang.NB
    legacy = corpus.get(ids["legacy"])
    assert "Bærum" in legacy.text and legacy.warnings
    reasons = dict(corpus.skipped)
    assert any("empty" in r for r in reasons.values())
    assert any("binary" in r for r in reasons.values())


def test_unknown_document_and_missing_folder_are_user_errors(corpus, tmp_path):
    with pytest.raises(UnknownDocumentError, match="nope"):
        corpus.get("nope")
    with pytest.raises(CorpusError, match="no such file"):
        Library(":memory:", ":memory:", bundled=CORPUS_DIR).corpus(extra=[tmp_path / "missing"])


def test_build_document_accepts_any_text_without_crashing():
    for text in ("x", "   \n\n  ", "æøå " * 1000, "a\tb\tc\n" * 50, "😀 emoji only"):
        document = build_document("t", text, "plain", None)
        for p in document.passages:
            assert text[p.start : p.end] == p.text
