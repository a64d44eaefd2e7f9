"""Corrections win over the automatic alignment: the thesis abstract corrected, re-imported, edited;
two texts; the export and the `align --doc` table."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys

import pytest

from viewer.core.align.corrections import AUTOMATIC, confirm, merge_next, split, unpair
from viewer.core.align.corrections_anchors import Texts
from viewer.core.align.corrections_apply import CorrectedPair, apply_stored, beads_of, corrected, with_beads
from viewer.core.align.corrections_store import CorrectionStore, default_path
from viewer.core.align.document import align_document
from viewer.core.align.history import EditHistory
from viewer.core.align.texts import TextAlignment, align_texts
from viewer.core.align.tmx import pair_rows, write_tmx
from viewer.core.corpus.build import build_document


@pytest.fixture(scope="module")
def thesis(corpus):
    return corpus.get("thesis")


def rebuilt(document, text):
    """The document as a re-import of `text` builds it (a new Document, sentences found again)."""
    return build_document(document.id, text, document.meta.kind, document.meta)


def user_state(document) -> EditHistory:
    """Pairs 3 and 4 merged, pair 6's source sentence unpaired, pairs 1 and 11 confirmed."""
    history = EditHistory(beads_of(align_document(document), Texts.of_document(document)))
    return history.apply(merge_next, 2).apply(unpair, 5, "source").apply(confirm, 0).apply(confirm, 10)


def hand_made(beads, text):
    """The beads made or confirmed by hand, as (status, source text, target text)."""
    return [
        (b.status, " ".join(text[u.start : u.end] for u in b.source), " ".join(text[u.start : u.end] for u in b.target))
        for b in beads
        if b.status != AUTOMATIC
    ]


def reopened(tmp_path, document):
    with CorrectionStore(tmp_path / "c.sqlite3") as store:
        store.save(document.id, Texts.of_document(document), user_state(document).beads)
    return CorrectionStore(tmp_path / "c.sqlite3")


def test_a_reimport_of_the_same_text_finds_every_correction(tmp_path, thesis):
    expected = hand_made(user_state(thesis).beads, thesis.text)
    assert len(expected) == 5
    again = rebuilt(thesis, thesis.text)
    with reopened(tmp_path, thesis) as store:
        result = apply_stored(align_document(again), thesis.id, Texts.of_document(again), store)
        assert result.problems == () and {b.fit for b in store.stored(thesis.id)} == {"ok"}
    assert result.beads == user_state(thesis).beads
    assert hand_made(result.beads, again.text) == expected
    pairs = result.alignment.pairs
    merged = user_state(thesis).beads[2]
    assert all(isinstance(p, CorrectedPair) for p in pairs) and len(pairs[2].source_ids) == 2
    assert pairs[2].source_ids == tuple(u.id for u in merged.source) and pairs[2].status == "edited"
    assert [p.status for p in pairs].count("confirmed") == 2


def test_corrections_survive_a_word_changed_elsewhere(tmp_path, thesis):
    alignment = align_document(thesis)
    s, e = alignment.pairs[20].target
    sentence = thesis.text[s:e]
    word = sentence.split()[3]
    text = thesis.text[:s] + sentence.replace(word, word.upper() + "X", 1) + thesis.text[e:]
    changed = rebuilt(thesis, text)
    with reopened(tmp_path, thesis) as store:
        result = apply_stored(align_document(changed), thesis.id, Texts.of_document(changed), store)
        assert result.problems == () and {b.fit for b in store.stored(thesis.id)} <= {"ok", "moved"}
    assert hand_made(result.beads, changed.text) == hand_made(user_state(thesis).beads, thesis.text)
    assert len(result.beads) == len(user_state(thesis).beads)


def test_corrections_survive_a_sentence_inserted_before_them(tmp_path, thesis):
    alignment = align_document(thesis)
    at = alignment.pairs[0].source[0]
    added = "This new opening sentence was added when the record was updated."
    text = thesis.text[:at] + added + " " + thesis.text[at:]
    changed = rebuilt(thesis, text)
    with reopened(tmp_path, thesis) as store:
        result = apply_stored(align_document(changed), thesis.id, Texts.of_document(changed), store)
        assert result.problems == () and {b.fit for b in store.stored(thesis.id)} == {"moved"}
        again = apply_stored(align_document(changed), thesis.id, Texts.of_document(changed), store)
        assert again.beads == result.beads and {b.fit for b in store.stored(thesis.id)} == {"ok"}  # re-based
    assert hand_made(result.beads, changed.text) == hand_made(user_state(thesis).beads, thesis.text)
    # The new sentence is in the alignment, on its own or with the automatic pair it fell into.
    sources = [changed.text[u.start : u.end] for b in result.beads for u in b.source]
    assert sources.count(added) == 1 and sources.index(added) == 0
    fresh = beads_of(align_document(changed), Texts.of_document(changed))
    for side in ("source", "target"):  # every sentence of the fresh alignment once, in order
        assert [u for b in result.beads for u in b.side(side)] == [u for b in fresh for u in b.side(side)]


def test_a_correction_whose_sentence_was_rewritten_is_kept_and_flagged(tmp_path, thesis):
    state = user_state(thesis)
    confirmed = [b for b in state.beads if b.status == "confirmed"][1]
    s, e = confirmed.source[0].start, confirmed.source[-1].end
    text = thesis.text[:s] + "Nothing in this replacement resembles what the sentence said before." + thesis.text[e:]
    changed = rebuilt(thesis, text)
    with reopened(tmp_path, thesis) as store:
        result = apply_stored(align_document(changed), thesis.id, Texts.of_document(changed), store)
        assert len(result.problems) == 1 and "its source text is gone" in str(result.problems[0])
        assert [b.fit for b in store.stored(thesis.id)].count("stale") == 1
        assert len(hand_made(result.beads, changed.text)) == 4  # the other corrections are applied
        assert store.counts(thesis.id) == {"edited": 3, "confirmed": 2, "stale": 1}
    # Re-importing the old text again brings it back.
    with CorrectionStore(tmp_path / "c.sqlite3") as store:
        result = apply_stored(align_document(thesis), thesis.id, Texts.of_document(thesis), store)
        assert result.problems == () and result.beads == state.beads


def test_the_export_shows_the_corrected_pairs(thesis):
    state = user_state(thesis)
    texts = Texts.of_document(thesis)
    store = CorrectionStore(":memory:")
    store.save(thesis.id, texts, state.beads)
    fixed = corrected(align_document(thesis), store.stored(thesis.id), texts)
    rows = pair_rows([thesis], lambda document: fixed)
    merged = state.beads[2]
    assert (rows[2].source, rows[2].target) == (
        thesis.text[merged.source[0].start : merged.source[-1].end],
        thesis.text[merged.target[0].start : merged.target[-1].end],
    )
    unpaired = thesis.text[state.beads[5].source[0].start : state.beads[5].source[0].end]
    assert not any(unpaired in r.source for r in rows)  # a sentence with no counterpart is no pair
    assert len(rows) == len(align_document(thesis).pairs) - 2  # a merge, and one pair split into 1-0 + 0-1
    tmx = write_tmx(rows, "test")
    assert tmx.count("<tu ") == len(rows)


def test_two_texts_are_corrected_under_their_pair_of_ids(tmp_path):
    source = "The office opens at nine. It closes at four on Fridays. Bring your papers."
    target = "Kontoret åpner klokka ni, men stenger klokka fire på fredager. Ta med papirene dine."
    alignment = align_texts(source, target, "en", "nb")
    texts = Texts.of_texts(source, target, "office-en", "office-nb")
    assert texts.key == ("office-en", "office-nb")
    history = EditHistory(beads_of(alignment, texts))
    assert [b.shape for b in history.beads] == ["2-1", "1-1"]
    history = history.apply(split, 0, source_at=1, target_at=1).apply(confirm, 2)
    with CorrectionStore(tmp_path / "c.sqlite3") as store:
        store.save(texts.key, texts, history.beads)
    with CorrectionStore(tmp_path / "c.sqlite3") as store:
        assert store.keys() == [("office-en", "office-nb")]
        result = apply_stored(align_texts(source, target, "en", "nb"), texts.key, texts, store)
    assert isinstance(result.alignment, TextAlignment)
    assert result.beads == history.beads
    pairs = [(source[slice(*p.source)] if p.source else "", target[slice(*p.target)] if p.target else "")
             for p in result.alignment.pairs]  # fmt: skip
    assert pairs == [
        ("The office opens at nine.", target.split(" Ta ")[0]),
        ("It closes at four on Fridays.", ""),
        ("Bring your papers.", "Ta med papirene dine."),
    ]
    assert [p.status for p in result.alignment.pairs] == ["edited", "edited", "confirmed"]
    assert result.alignment.to_json()["pairs"][0].keys() == {"source", "target", "score"}  # the JSON contract


def test_pairs_made_by_hand_make_an_untranslated_alignment_a_translation(thesis):
    alignment = align_document(thesis)
    texts = Texts.of_document(thesis)
    lonely = with_beads(alignment, beads_of(alignment, texts))
    assert lonely.translated and all(p.status == "automatic" for p in lonely.pairs)
    untranslated = dataclasses.replace(alignment, translated=False)
    assert with_beads(untranslated, EditHistory(beads_of(alignment, texts)).apply(confirm, 0).beads).translated


def test_align_doc_prints_the_corrected_table(tmp_path, thesis, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    with CorrectionStore(default_path()) as store:
        store.save(thesis.id, Texts.of_document(thesis), user_state(thesis).beads)
    result = subprocess.run(
        [sys.executable, "-m", "viewer", "align", "--doc", "thesis"], capture_output=True, timeout=180, env=os.environ
    )
    out = result.stdout.decode()
    assert result.returncode == 0, result.stderr.decode()
    assert "# corrected by hand: pair(s) 3, 6-7 edited; 1, 11 confirmed (* edited, = confirmed)" in out
    assert " 1.00 = Drawing on interviews" in out and " 1.00 * " in out
    assert "Drawing on interviews" in out and "Basert på intervjuer" in out
