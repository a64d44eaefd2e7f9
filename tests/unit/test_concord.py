"""The parallel concordance: keyword-in-context lines, their aligned translations with the match's
translation marked, candidates learned from aligned sentences, sorting, the CLI contracts, and a
correction by hand reaching the counterparts."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from viewer.core.align.corrections import merge_next
from viewer.core.align.history import EditHistory
from viewer.core.concord.aligned import SentencePair
from viewer.core.concord.context import kwic, words
from viewer.core.concord.translations import TranslationModel
from viewer.core.library.library import Library
from viewer.core.workspace import Workspace

LINE_KEYS = {"doc", "passage", "lang", "left", "match", "right", "span", "counterpart"}


@pytest.fixture()
def workspace(tmp_path):
    library = Library(":memory:", ":memory:")
    with Workspace(library, library.corpus()) as opened:
        opened.open_index()
        yield opened


def test_kwic_keeps_to_the_passage_and_cuts_at_words():
    text = "Before the passage. One two three  four\nfive MATCH six seven eight nine ten. After it."
    start = text.index("MATCH")
    bounds = (text.index("One"), text.index(" After"))
    left, match, right = kwic(text, (start, start + 5), bounds, width=14)
    assert (left, match, right) == ("four five ", "MATCH", " six seven")
    assert kwic(text, (start, start + 5), bounds, width=200) == (
        "One two three four five ",
        "MATCH",
        " six seven eight nine ten.",
    )


def pair(en: str, nb: str) -> SentencePair:
    return SentencePair("d", "en", (0, len(en)), en, "d", "nb", (0, len(nb)), nb)


def test_candidates_rank_the_word_that_goes_with_it_and_mark_it():
    model = TranslationModel(
        [
            pair("The caseworker met the employer.", "Saksbehandleren møtte arbeidsgiveren."),
            pair("The employer hired two people.", "Arbeidsgiveren ansatte to personer."),
            pair("An employer asked for help.", "En arbeidsgiver ba om hjelp."),
            pair("The caseworker wrote a report.", "Saksbehandleren skrev en rapport."),
        ]
    )
    best = model.candidates("employer", "en")[0]
    assert (best.candidate, best.lang, best.count) == ("arbeidsgiveren", "nb", 3)
    assert model.candidates("Saksbehandleren", "nb")[0].candidate == "caseworker"
    assert model.language_of("employer") == "en" and model.language_of("unknownword") is None
    text = "Her møtte vi arbeidsgivere i byen."
    span = model.mark(text, "nb", model.candidates("employer", "en"))
    assert span is not None and text[span[0] : span[1]] == "arbeidsgivere"


def test_with_thin_evidence_the_lexicons_word_wins_and_a_cognate_is_read_in_its_language(workspace):
    # "tjenester" is in two aligned pairs of the abstract: every word beside it once ties on
    # Dice; the evidence shrink lets the lexicon's "services" (also seen twice) come first.
    assert workspace.translations("tjenester", "nb")[0].candidate == "services"
    # implementering shares its key with implementation: the form says it is Norwegian.
    found = workspace.translations("implementering")
    assert found[0].candidate == "implementation" and {c.lang for c in found} == {"en"}
    assert {c.lang for c in workspace.translations("implementation")} <= {"nb", "nn"}
    assert workspace.translations("") == workspace.translations("  ") == []  # no word: none (it raised)


def test_a_concordance_of_the_thesis_abstract_has_its_translations_marked(workspace):
    result = workspace.concordance("implementering")
    assert len(result.lines) >= 20 and result.documents >= 1
    assert set(result.languages()) == {"en", "nb"}
    assert result.forms["implementation"] >= 5 and result.forms["implementering"] >= 3
    paired = [line for line in result.lines if line.counterpart is not None]
    assert len(paired) >= 15
    for line in paired:
        assert line.counterpart.lang != line.lang and line.doc == "thesis"
        document = workspace.document(line.counterpart.doc)
        start, end = line.counterpart.span
        assert " ".join(document.text[start:end].split()) == line.counterpart.text
    marked = [
        line.counterpart.text[slice(*line.counterpart.match)].lower() for line in paired if line.counterpart.match
    ]
    assert len(marked) >= 0.8 * len(paired) and sum(m.startswith("implem") for m in marked) >= 0.8 * len(marked)
    for line in result.lines:
        start, end = line.span
        assert workspace.document(line.doc).text[start:end] == line.match and line.match.lower().startswith("implem")


def test_lines_sort_by_the_words_around_the_match(workspace):
    lines = workspace.concordance("implementation", sort="right1").lines
    firsts = [(words(line.right) or [""])[0] for line in lines]
    assert len(set(firsts)) > 3 and firsts == sorted(firsts)
    by_left = workspace.concordance("implementation", sort="left2").lines
    seconds = [(words(line.left)[-2:-1] or [""])[0] for line in by_left]
    assert len(set(seconds)) > 3 and seconds == sorted(seconds)
    by_doc = workspace.concordance("implementation", sort="doc").lines
    assert [line.title for line in by_doc] == sorted((line.title for line in by_doc), key=str.lower)


def test_a_correction_by_hand_reaches_the_counterparts(workspace):
    thesis = workspace.document("thesis")
    corrected = workspace.corrected_alignment(thesis)
    assert corrected is not None
    before = {line.span: line.counterpart for line in workspace.concordance("intervensjonen").lines}
    history = EditHistory(corrected.beads).apply(merge_next, 0)
    workspace.save_corrections(corrected.texts, history.beads)
    after = {line.span: line.counterpart for line in workspace.concordance("intervensjonen").lines}
    merged = history.beads[0]
    inside = [span for span in after if merged.target[0].start <= span[0] < merged.target[-1].end]
    assert inside and all(after[s] is not None and after[s].span[1] == merged.source[-1].end for s in inside)
    assert after != before


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "viewer", *args], capture_output=True, text=True, timeout=300, env=env)


def test_concord_and_translations_keep_their_json_contracts(tmp_path):
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    concord = run("concord", "intervensjonen", "--json", "--sort", "left1", env=env)
    assert concord.returncode == 0, concord.stderr
    lines = [json.loads(line) for line in concord.stdout.splitlines()]
    assert lines and all(set(line) == LINE_KEYS for line in lines)
    with_counterpart = [line for line in lines if line["counterpart"]]
    assert with_counterpart
    for line in with_counterpart:
        counterpart = line["counterpart"]
        assert set(counterpart) == {"doc", "lang", "text", "match"}
        if counterpart["match"]:
            s, e = counterpart["match"]
            assert 0 <= s < e <= len(counterpart["text"])
    words = run("translations", "intervention", "--json", "--limit", "3", env=env)
    assert words.returncode == 0, words.stderr
    candidates = [json.loads(line) for line in words.stdout.splitlines()]
    assert len(candidates) == 3 and all(set(c) == {"candidate", "lang", "score", "count"} for c in candidates)
    assert candidates[0]["candidate"] == "intervensjonen" and candidates[0]["lang"] == "nb"
    table = run("concord", "implementering", "--width", "20", env=env)
    assert table.returncode == 0 and "⇄" in table.stdout and "# " in table.stdout.splitlines()[-1]


def test_concordance_and_results_export_as_csv_and_tsv(workspace):
    import csv
    import io

    from viewer.core.concord.export import COLUMNS, hit_rows, line_rows, write

    result = workspace.concordance("intervention", limit=50)
    rows = line_rows(result.lines, workspace.corpus)
    assert len(rows) == len(result.lines)
    abstract = [r for r in rows if r[7]]
    assert abstract and all(r[2].startswith("Abstract (en), paragraph") and r[8] == "nb" for r in abstract)
    assert all(r[9] in r[7] for r in abstract)  # the marked translation is a word of the counterpart
    table = list(csv.reader(io.StringIO(write(rows, "csv").decode("utf-8-sig"))))
    assert tuple(table[0]) == COLUMNS and [tuple(r) for r in table[1:]] == rows
    tricky = [("=HYPERLINK(1)", "d", "", "en", "a\tb", "-x", "c\nd", "", "", "", "")]
    assert list(csv.reader(io.StringIO(write(tricky, "csv").decode("utf-8-sig"))))[1][:6] == [
        "'=HYPERLINK(1)", "d", "", "en", "a\tb", "'-x"
    ]  # fmt: skip
    tsv = write(tricky, "tsv").decode("utf-8").splitlines()
    assert len(tsv) == 2 and tsv[1].split("\t")[4:7] == ["a b", "'-x", "c d"]
    hits = workspace.search("intervention", pagelen=50).hits
    sentences = workspace.concordancer.learned()[0]
    hit_table = hit_rows(hits, workspace.corpus, sentences)
    assert len(hit_table) == len(hits) and any(r[7] and r[8] == "nb" for r in hit_table)
    assert all(r[5].lower().startswith("intervention") for r in hit_table if r[4] or r[6])


def test_concord_writes_csv_and_tsv_files_and_keeps_its_json(tmp_path):
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    plain = run("concord", "implementering", "--json", env=env)
    with_file = run("concord", "implementering", "--json", "--tsv", str(tmp_path / "out.tsv"), env=env)
    assert with_file.returncode == 0 and with_file.stdout == plain.stdout
    rows = (tmp_path / "out.tsv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == len(plain.stdout.splitlines()) + 1 and rows[0].startswith("document\tdoc_id\tlocation")
    assert run("concord", "implementering", "--csv", str(tmp_path / "out.csv"), env=env).returncode == 0
    assert (tmp_path / "out.csv").read_bytes().startswith("\ufeffdocument,".encode())
    searched = run("search", "tjenester", "--limit", "5", "--tsv", str(tmp_path / "hits.tsv"), env=env)
    assert searched.returncode == 0 and "wrote 5 hit(s)" in searched.stderr
    hits = [line.split("\t") for line in (tmp_path / "hits.tsv").read_text(encoding="utf-8").splitlines()]
    assert len(hits) == 6 and all(row[5].lower().startswith("tjenest") for row in hits[1:])
    thesis = next(row for row in hits[1:] if row[1] == "thesis")
    assert "social services" in thesis[7] and thesis[8] == "en"  # the aligned sentence of the other language
