"""Sentence alignment: the hand-aligned thesis abstract, bead types, confidence, documents, cost."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

from viewer.core.align.document import TRANSLATION_THRESHOLD, align_document, align_text
from viewer.core.align.engine import align_sentences

DATA = Path(__file__).resolve().parents[1] / "data" / "align"
THESIS = json.loads((DATA / "thesis_abstract.json").read_text(encoding="utf-8"))


def test_thesis_abstract_aligns_exactly_like_the_hand_alignment():
    result = align_text(THESIS["text"])
    assert result.split == THESIS["split"]
    assert result.languages == ("en", "nb")
    assert [[list(p.source), list(p.target)] for p in result.pairs] == THESIS["beads"]
    assert all(0.0 <= p.score <= 1.0 for p in result.pairs)


def test_one_to_two_and_two_to_one_beads_are_found():
    en = [
        "The filter enlarges the image by three times and keeps the edges sharp.",
        "It works best on pixel art.",
        "Open the dialog from the Filters menu. Then choose Enhance and click on the Scale3X entry.",
    ]
    nb = [
        "Filteret forstørrer bildet tre ganger og holder kantene skarpe, og det fungerer best på pikselkunst.",
        "Åpne dialogen fra Filter-menyen.",
        "Velg deretter Forbedre og klikk på Scale3X-oppføringen.",
    ]
    beads = align_sentences([en[0], en[1], *en[2].split(". ", 1)], nb, source_english=True)
    assert [(b.s0, b.s1, b.t0, b.t1) for b in beads] == [(0, 2, 0, 1), (2, 3, 1, 2), (3, 4, 2, 3)]


def test_an_untranslated_sentence_becomes_a_one_to_zero_bead():
    en = [
        "The project started in 2019 with funding from the Research Council of Norway.",
        "Its goal was to study coordinated services for young people outside work and education.",
        "Many colleagues in Oslo, Bergen, Tromsø and Trondheim, as well as partners abroad, helped.",
        "The results were published in 55 articles and one anthology.",
    ]
    nb = [
        "Prosjektet startet i 2019 med midler fra Norges forskningsråd.",
        "Målet var å studere koordinerte tjenester for unge utenfor arbeid og utdanning.",
        "Resultatene ble publisert i 55 artikler og én antologi.",
    ]
    beads = align_sentences(en, nb)
    assert [(b.s0, b.s1, b.t0, b.t1) for b in beads] == [(0, 1, 0, 1), (1, 2, 1, 2), (2, 3, 2, 2), (3, 4, 2, 3)]


def test_confidence_is_lower_for_a_forced_pair_than_for_a_true_one():
    [true] = align_sentences(
        ["Implementation of evidence-based interventions in NAV (2022)."],
        ["Implementering av evidensbaserte intervensjoner i NAV (2022)."],
    )
    [forced] = align_sentences(
        ["The weather was cold and wet all week."], ["Implementering av evidensbaserte intervensjoner i NAV (2022)."]
    )
    assert (true.s0, true.s1, true.t0, true.t1) == (forced.s0, forced.s1, forced.t0, forced.t1) == (0, 1, 0, 1)
    # A lone pair with no shared evidence is still the only possible pairing, so not near 0 (dev-calibrated).
    assert true.score > 0.95 and 0.5 < forced.score < true.score - 0.15


def test_monolingual_empty_and_odd_fields_follow_the_contract():
    for text in ["", "   ", "Only English here, one sentence.", "nur ein wort", "12345", "NAV"]:
        out = align_text(text).to_json()
        assert out == {"split": None, "languages": [], "pairs": []}


def test_spans_cover_each_side_in_order_without_crossing():
    text = THESIS["text"][:800] + " " + THESIS["text"][THESIS["split"] : THESIS["split"] + 700]
    result = align_text(text)
    assert result.split is not None and len(result.pairs) >= 3
    for side, lo, hi in (("source", 0, result.split), ("target", result.split, len(text))):
        spans = [getattr(pair, side) for pair in result.pairs if getattr(pair, side)]
        # In order and not overlapping, inside their own part, each stripped of whitespace...
        assert all(a[1] < b[0] for a, b in pairwise(spans))
        assert all(lo <= s < e <= hi and text[s:e].strip() == text[s:e] for s, e in spans)
        # ...and together covering the part: no sentence is dropped.
        covered = " ".join(text[s:e] for s, e in spans)
        assert covered.split() == text[lo:hi].split()


def test_a_long_field_without_punctuation_gives_one_pair():
    # Each part is one sentence of some 45,000 characters (no punctuation, no line break): the field
    # splits where the language changes and its only alignment is the whole English part paired with
    # the whole Norwegian part. (With a Norwegian part a third as long, the length cost makes the
    # engine leave both parts unpaired instead: 0-1 and 1-0 beads.)
    english = "the office helps young people find work and education " * 800
    norwegian = "kontoret hjelper unge mennesker med å finne arbeid og utdanning " * 700
    text = english + norwegian
    out = align_text(text).to_json()
    assert out["split"] == len(english) and out["languages"] == ["en", "nb"]
    [pair] = out["pairs"]
    assert (pair["source"], pair["target"]) == ([0, len(english) - 1], [len(english), len(text) - 1])
    assert 0.8 < pair["score"] <= 1


def test_thesis_document_pairs_carry_sentence_ids_and_absolute_offsets(corpus):
    document = corpus.get("thesis")
    result = align_document(document)
    assert result is not None and result.translated
    assert (result.source_group, result.target_group) == ("abstract.en", "abstract.nb")
    assert len(result.pairs) == 25
    first = result.pairs[0]
    assert first.source_ids == ("thesis:012.0",)
    assert document.text[first.target[0] :].startswith("Basert på intervjuer")
    gold_starts = [b[1][0] for b in THESIS["beads"]]
    offset = document.text.index(THESIS["text"])
    assert [p.target[0] - offset for p in result.pairs] == gold_starts


def test_project_page_summaries_are_not_translations(corpus):
    result = align_document(corpus.get("project"))
    assert result is not None and not result.translated and result.evidence < TRANSLATION_THRESHOLD
    assert result.languages == ("nb", "en")
    # Every sentence of both parts is listed once, on its own: 26 Bokmål, then 23 English.
    assert [(p.source is not None, p.target is not None) for p in result.pairs] == [(True, False)] * 26 + [
        (False, True)
    ] * 23
    ids = [i for p in result.pairs for i in (*p.source_ids, *p.target_ids)]
    assert len(ids) == len(set(ids)) == 49


def test_monolingual_document_has_nothing_to_align(corpus):
    assert align_document(corpus.get("news")) is None


def test_banded_alignment_scales_to_a_thousand_sentences():
    en = [f"Sentence number {i} talks about topic {i % 17} in the NAV office {i}." for i in range(1000)]
    nb = [f"Setning nummer {i} handler om tema {i % 17} på NAV-kontoret {i}." for i in range(1000)]
    del nb[500]  # one omission in the middle: the band must follow it
    beads = align_sentences(en, nb)
    expected = (
        [(i, i + 1, i, i + 1) for i in range(500)]
        + [(500, 501, 500, 500)]
        + [(i, i + 1, i - 1, i) for i in range(501, 1000)]
    )
    assert [(b.s0, b.s1, b.t0, b.t1) for b in beads] == expected


def test_the_band_widens_until_it_holds_a_long_omission():
    en = [f"Sentence number {i} talks about topic {i % 17} in the NAV office {i}." for i in range(300)]
    nb = [f"Setning nummer {i} handler om tema {i % 17} på NAV-kontoret {i}." for i in range(300)]
    del nb[100:140]  # 40 sentences in a row: the path leaves the first band (width 20) of the diagonal
    beads = align_sentences(en, nb)
    expected = (
        [(i, i + 1, i, i + 1) for i in range(100)]
        + [(i, i + 1, 100, 100) for i in range(100, 140)]
        + [(i, i + 1, i - 40, i - 39) for i in range(140, 300)]
    )
    assert [(b.s0, b.s1, b.t0, b.t1) for b in beads] == expected


def test_cli_contract_one_line_per_input_line():
    import subprocess
    import sys

    lines = [
        json.dumps({"text": THESIS["text"]}),
        "not json",
        "",
        '{"x": 1}',
        '{"text": ""}',
        json.dumps({"text": "x" * 100_000}),
    ]
    result = subprocess.run(
        [sys.executable, "-m", "viewer", "align"], input="\n".join(lines).encode(), capture_output=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    out = [json.loads(x) for x in result.stdout.decode().splitlines()]
    assert len(out) == len(lines)
    assert out[0]["split"] == THESIS["split"] and len(out[0]["pairs"]) == 25
    assert set(out[0]["pairs"][0]) == {"source", "target", "score"}
    assert [set(o) for o in out[1:4]] == [{"error"}] * 3 and all(o["error"] for o in out[1:4])
    assert out[4] == out[5] == {"split": None, "languages": [], "pairs": []}


def test_cli_doc_table_shows_pairs_and_scores():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "viewer", "align", "--doc", "thesis"], capture_output=True, timeout=120
    )
    text = result.stdout.decode()
    assert result.returncode == 0 and "Drawing on interviews" in text and "Basert på intervjuer" in text
    assert "abstract.en | abstract.nb" in text
    missing = subprocess.run(
        [sys.executable, "-m", "viewer", "align", "--doc", "nope"], capture_output=True, timeout=120
    )
    assert missing.returncode == 1 and missing.stderr.decode().count("\n") == 1
