"""Aligning two documents (align_texts): bead types, structure, the translation decision, the CLI's two-text form."""

from __future__ import annotations

import gzip
import json
import select
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import pytest

from viewer.core.align.decision import is_translation, threshold
from viewer.core.align.texts import AlignmentCancelled, TextAlignment, align_spans, align_texts, text_language
from viewer.core.corpus.segment import split_sentences

DATA = Path(__file__).resolve().parents[1] / "data" / "align"

EN = (
    "The project started in 2019 with funding from the Research Council of Norway. "
    "Its goal was to study coordinated services for young people outside work and education.\n\n"
    "Many colleagues in Oslo, Bergen, Tromsø and Trondheim, as well as partners abroad, helped with the "
    "interviews.\n\n"
    "The office opened in March. It had twelve employees.\n\n"
    "The results were published in 55 articles and one anthology, and the final report appeared in 2023."
)
NB = (
    "Prosjektet startet i 2019 med midler fra Norges forskningsråd. "
    "Målet var å studere koordinerte tjenester for unge utenfor arbeid og utdanning.\n\n"
    "Kontoret åpnet i mars og hadde tolv ansatte.\n\n"
    "Resultatene ble publisert i 55 artikler og én antologi. Sluttrapporten kom i 2023.\n\n"
    "Denne oversettelsen er laget av redaksjonen."
)
EN_LIST = (
    "1. Crop Tool\n\nThe Crop tool in GIMP has three modes:\n• Crop the image to a selection.\n"
    "• Resize the canvas to 800 × 600 pixels.\n• Press Shift to keep the aspect ratio.\n\n2. Options\n\n"
    "The options are shown in the Tool Options dialog."
)
NB_LIST = (
    "1. Beskjæringsverktøyet\n\nBeskjæringsverktøyet i GIMP har tre moduser:\n• Beskjær bildet til et utvalg.\n"
    "• Endre lerretet til 800 × 600 piksler.\n• Trykk Shift for å beholde sideforholdet.\n\n2. Alternativer\n\n"
    "Alternativene vises i dialogen Verktøyinnstillinger."
)


def texts(result: TextAlignment, source: str, target: str) -> list[tuple[str | None, str | None]]:
    return [
        (
            source[p.source[0] : p.source[1]] if p.source else None,
            target[p.target[0] : p.target[1]] if p.target else None,
        )
        for p in result.pairs
    ]


def docs() -> list[dict]:
    with gzip.open(DATA / "docs.jsonl.gz", "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def test_omission_addition_merge_and_split_give_the_right_beads():
    result = align_texts(EN, NB, "en", "nb")
    assert result.translated and result.languages == ("en", "nb")
    assert texts(result, EN, NB) == [
        (
            "The project started in 2019 with funding from the Research Council of Norway.",
            "Prosjektet startet i 2019 med midler fra Norges forskningsråd.",
        ),
        (
            "Its goal was to study coordinated services for young people outside work and education.",
            "Målet var å studere koordinerte tjenester for unge utenfor arbeid og utdanning.",
        ),
        (
            "Many colleagues in Oslo, Bergen, Tromsø and Trondheim, as well as partners abroad, helped with the "
            "interviews.",
            None,
        ),  # omitted by the translator: 1-0
        ("The office opened in March. It had twelve employees.", "Kontoret åpnet i mars og hadde tolv ansatte."),  # 2-1
        (
            "The results were published in 55 articles and one anthology, and the final report appeared in 2023.",
            "Resultatene ble publisert i 55 artikler og én antologi. Sluttrapporten kom i 2023.",
        ),  # 1-2
        (None, "Denne oversettelsen er laget av redaksjonen."),  # added by the translator: 0-1
    ]
    assert all(0.0 <= p.score <= 1.0 for p in result.pairs)


def test_headings_and_list_items_pair_one_to_one():
    result = align_texts(EN_LIST, NB_LIST, "en", "nb")
    assert result.translated
    pairs = texts(result, EN_LIST, NB_LIST)
    assert pairs[0] == ("1. Crop Tool", "1. Beskjæringsverktøyet")
    assert pairs[2:5] == [
        ("• Crop the image to a selection.", "• Beskjær bildet til et utvalg."),
        ("• Resize the canvas to 800 × 600 pixels.", "• Endre lerretet til 800 × 600 piksler."),
        ("• Press Shift to keep the aspect ratio.", "• Trykk Shift for å beholde sideforholdet."),
    ]
    assert pairs[5] == ("2. Options", "2. Alternativer") and len(pairs) == 7


def test_spans_index_their_own_text_cover_every_sentence_in_order():
    result = align_texts(EN, NB, "en", "nb")
    for side, text in (("source", EN), ("target", NB)):
        spans = [getattr(p, side) for p in result.pairs if getattr(p, side)]
        assert all(a[1] < b[0] for a, b in pairwise(spans))
        assert all(text[s:e].strip() == text[s:e] for s, e in spans)
        assert " ".join(text[s:e] for s, e in spans).split() == text.split()


def test_a_translated_document_pair_and_an_unrelated_pair_of_similar_length():
    real = [r for r in docs() if r["source"] == "gimp-help-nn" and "synthetic" not in r["tags"]]
    first, other = real[0], real[1]
    genuine = align_texts(first["source_text"], first["target_text"], "en", "nn")
    assert genuine.translated and sum(p.source is not None and p.target is not None for p in genuine.pairs) >= 5
    unrelated = align_texts(first["source_text"], other["target_text"], "en", "nn")
    assert not unrelated.translated and unrelated.evidence < genuine.evidence
    assert all(p.source is None or p.target is None for p in unrelated.pairs)


def test_short_texts_need_more_evidence_than_long_ones():
    assert threshold(1, 1) > threshold(5, 9) > threshold(200, 180)
    assert is_translation(0.5, 1, 1) and not is_translation(0.25, 1, 1) and is_translation(0.25, 300, 280)


def test_a_long_pair_with_an_omitted_section_aligns_in_a_narrow_band():
    en = [f"Sentence number {i} talks about topic {i % 17} in the NAV office {i}." for i in range(300)]
    nb = [f"Setning nummer {i} handler om tema {i % 17} på NAV-kontoret {i}." for i in range(300)]
    del nb[100:140]  # 40 sentences in a row: the anchors bend the band around the gap
    source, target = "\n\n".join(en), "\n\n".join(nb)
    src, tgt = split_sentences(source), split_sentences(target)
    beads, _ = align_spans(source, src, target, tgt, "en", "nb")
    expected = (
        [(i, i + 1, i, i + 1) for i in range(100)]
        + [(i, i + 1, 100, 100) for i in range(100, 140)]
        + [(i, i + 1, i - 40, i - 39) for i in range(140, 300)]
    )
    assert [(b.s0, b.s1, b.t0, b.t1) for b in beads] == expected
    # Template sentences are as alike shifted as aligned: no evidence that these are translations.
    assert not align_texts(source, target, "en", "nb").translated


def test_empty_sides_cancel_and_progress():
    assert align_texts("", "Noe tekst her.", "en", "nb").to_json() == {
        "languages": ["en", "nb"],
        "translated": False,
        "pairs": [{"source": None, "target": [0, 14], "score": 1.0}],
    }
    seen: list[tuple[int, int]] = []
    align_texts(EN, NB, "en", "nb", progress=lambda done, total, what: seen.append((done, total)))
    assert seen and seen[-1] == (1, 1)
    with pytest.raises(AlignmentCancelled):
        align_texts(EN, NB, "en", "nb", cancel=lambda: True)


def test_each_text_language_is_identified():
    assert (text_language(EN), text_language(NB)) == ("en", "nb")
    assert text_language("") == "und"


def test_cli_two_text_form_and_bad_lines():
    lines = [
        json.dumps({"source": EN, "target": NB}),
        json.dumps({"source": EN_LIST, "target": NB_LIST, "source_lang": "en", "target_lang": "nb"}),
        json.dumps({"source": EN, "target": 5}),
        json.dumps({"source": "a", "target": "b", "target_lang": "de"}),
        json.dumps({"text": "Services improved after the reform. Tjenestene ble bedre etter reformen."}),
    ]
    result = subprocess.run(
        [sys.executable, "-m", "viewer", "align"], input="\n".join(lines).encode(), capture_output=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    out = [json.loads(x) for x in result.stdout.decode().splitlines()]
    assert len(out) == len(lines)
    assert out[0] == align_texts(EN, NB, "en", "nb").to_json()
    assert set(out[0]) == {"languages", "translated", "pairs"} and out[0]["languages"] == ["en", "nb"]
    omitted = EN.index("Many colleagues")
    assert out[0]["pairs"][2]["source"] == [omitted, EN.index(".\n\nThe office") + 1]
    assert out[0]["pairs"][2]["target"] is None
    assert out[1]["translated"] and len(out[1]["pairs"]) == 7
    assert [set(o) for o in out[2:4]] == [{"error"}] * 2
    assert out[4]["split"] == 36  # the field form answers as before


def test_cli_answers_a_two_text_line_before_stdin_closes():
    proc = subprocess.Popen(
        [sys.executable, "-m", "viewer", "align"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        for line in (json.dumps({"source": EN, "target": NB}), json.dumps({"text": "x"})):
            proc.stdin.write(line.encode() + b"\n")
            proc.stdin.flush()
            ready, _, _ = select.select([proc.stdout], [], [], 60)
            assert ready, "align did not answer a line until stdin closed"
            answer = json.loads(proc.stdout.readline())
            assert (
                "translated" in answer if "source" in line else answer == {"split": None, "languages": [], "pairs": []}
            )
    finally:
        proc.stdin.close()
        proc.wait(timeout=60)
