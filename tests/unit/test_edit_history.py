"""The pair editor's history on the thesis abstract: an edit that gives pairs back exactly what the
aligner made gives them back their status (no ✎), and what is saved holds no correction then."""

from __future__ import annotations

import pytest

from viewer.core.align.corrections import AUTOMATIC, EDITED, confirm, merge_next, split, unpair
from viewer.core.align.corrections_anchors import Texts
from viewer.core.align.corrections_apply import apply_stored, beads_of
from viewer.core.align.corrections_store import CorrectionStore
from viewer.core.align.document import align_document
from viewer.core.align.history import EditHistory


@pytest.fixture(scope="module")
def thesis(corpus):
    return corpus.get("thesis")


@pytest.fixture(scope="module")
def own(thesis):
    return beads_of(align_document(thesis), Texts.of_document(thesis))


def first_one_to_one(beads) -> int:
    return next(i for i, b in enumerate(beads) if b.shape == "1-1" and beads[i + 1].shape == "1-1")


def test_a_merge_split_again_where_it_was_is_the_aligners_pair_again(own):
    i = first_one_to_one(own)
    merged = EditHistory(own, automatic=own).apply(merge_next, i)
    assert merged.beads[i].status == EDITED and merged.counts()[EDITED] == 1
    back = merged.apply(split, i, source_at=1, target_at=1)
    assert back.beads == own  # statuses and scores too: nothing is marked as corrected
    assert back.counts()[EDITED] == 0
    assert back.undo().beads == merged.beads and back.undo().undo().beads == own
    assert back.undo().redo().beads == own


def test_a_split_elsewhere_stays_a_correction(own):
    i = first_one_to_one(own)
    history = EditHistory(own, automatic=own).apply(merge_next, i).apply(split, i, source_at=1, target_at=0)
    assert [b.shape for b in history.beads[i : i + 2]] == ["1-0", "1-2"]
    assert [b.status for b in history.beads[i : i + 2]] == [EDITED, EDITED]


def test_without_the_aligners_beads_nothing_is_given_back(own):
    i = first_one_to_one(own)
    back = EditHistory(own).apply(merge_next, i).apply(split, i, source_at=1, target_at=1)
    assert [b.status for b in back.beads[i : i + 2]] == [EDITED, EDITED]


def test_a_confirmed_pair_stays_confirmed_and_unpairing_back_is_automatic(own):
    i = first_one_to_one(own)
    history = EditHistory(own, automatic=own).apply(confirm, i)
    assert history.beads[i].status != AUTOMATIC
    parted = history.apply(unpair, i + 1, "source")
    assert parted.beads[i].status != AUTOMATIC  # the confirmed pair is untouched
    assert parted.counts()[EDITED] >= 1


def test_what_is_saved_after_a_merge_and_split_back_holds_no_correction(tmp_path, thesis, own):
    i = first_one_to_one(own)
    texts = Texts.of_document(thesis)
    back = EditHistory(own, automatic=own).apply(merge_next, i).apply(split, i, source_at=1, target_at=1)
    with CorrectionStore(tmp_path / "c.sqlite3") as store:
        store.save(thesis.id, texts, back.beads)
        assert store.stored(thesis.id) == ()
        result = apply_stored(align_document(thesis), thesis.id, texts, store)
    assert result.beads == own and result.automatic == own
