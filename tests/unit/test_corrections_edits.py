"""Editing an alignment by hand: merge, split, move, unpair, confirm, and undo/redo over a history."""

from __future__ import annotations

import random

import pytest

from viewer.core.align.corrections import (
    AUTOMATIC,
    CONFIRMED,
    EDITED,
    Bead,
    Beads,
    EditError,
    Unit,
    confirm,
    confirm_all,
    merge_next,
    merge_previous,
    move,
    redo,
    split,
    undo,
    unpair,
)
from viewer.core.align.history import EditHistory
from viewer.core.errors import UserError


def make(*shapes: tuple[int, int]) -> Beads:
    """Automatic beads of these shapes over sentences s0, s1... and t0, t1... (ids "s3", "t2")."""
    out, s, t = [], 0, 0
    for n, m in shapes:
        source = tuple(Unit(10 * (s + i), 10 * (s + i) + 8, f"s{s + i}") for i in range(n))
        target = tuple(Unit(10 * (t + j), 10 * (t + j) + 8, f"t{t + j}") for j in range(m))
        out.append(Bead(source, target, AUTOMATIC, 0.5))
        s, t = s + n, t + m
    return tuple(out)


def ids(beads: Beads) -> list[tuple[list[str], list[str], str]]:
    return [([u.id for u in b.source], [u.id for u in b.target], b.status) for b in beads]


def covered(beads: Beads) -> tuple[list[str], list[str]]:
    return [u.id for b in beads for u in b.source], [u.id for b in beads for u in b.target]


def check_undo_redo(before: Beads, result: tuple[Beads, object]) -> Beads:
    after, edit = result
    assert undo(after, edit) == before  # type: ignore[arg-type]
    assert redo(before, edit) == after  # type: ignore[arg-type]
    assert covered(after) == covered(before)  # no sentence lost, duplicated or reordered
    return after


def test_merge_with_the_next_and_the_previous_pair():
    beads = make((1, 1), (1, 1), (1, 0))
    after = check_undo_redo(beads, merge_next(beads, 0))
    assert ids(after) == [(["s0", "s1"], ["t0", "t1"], EDITED), (["s2"], [], AUTOMATIC)]
    assert after[0].score == 1.0 and after[0].shape == "2-2"
    after = check_undo_redo(beads, merge_previous(beads, 2))
    assert ids(after) == [(["s0"], ["t0"], AUTOMATIC), (["s1", "s2"], ["t1"], EDITED)]
    with pytest.raises(EditError, match="no next pair"):
        merge_next(beads, 2)
    with pytest.raises(EditError, match="no previous pair"):
        merge_previous(beads, 0)
    with pytest.raises(EditError, match="there is no pair 4"):
        merge_next(beads, 3)


def test_split_at_a_boundary_on_either_side():
    beads = make((1, 1), (2, 2), (1, 1))
    after = check_undo_redo(beads, split(beads, 1, source_at=1, target_at=1))
    assert ids(after)[1:3] == [(["s1"], ["t1"], EDITED), (["s2"], ["t2"], EDITED)]
    # One side given: the other is cut at the same share of its characters (here halfway).
    assert split(beads, 1, target_at=1)[0] == after
    # A 1-1 pair split into a 1-0 and a 0-1.
    after = check_undo_redo(beads, split(beads, 0, source_at=1, target_at=0))
    assert ids(after)[:2] == [(["s0"], [], EDITED), ([], ["t0"], EDITED)]
    with pytest.raises(EditError, match="a sentence in each"):
        split(beads, 0, source_at=1, target_at=1)
    with pytest.raises(EditError, match="no boundary there"):
        split(beads, 1, source_at=3, target_at=0)
    with pytest.raises(EditError, match="say where"):
        split(beads, 1)


def test_split_of_a_three_to_one_pair_cuts_the_other_side_by_length():
    beads = make((3, 1))
    after, _ = split(beads, 0, source_at=1)  # a third of the source: the target stays with the rest
    assert ids(after) == [(["s0"], [], EDITED), (["s1", "s2"], ["t0"], EDITED)]


def test_move_a_sentence_to_the_neighbouring_pair():
    beads = make((2, 1), (1, 1), (1, 2))
    after = check_undo_redo(beads, move(beads, 1, "source", "previous"))
    assert ids(after)[:2] == [(["s0", "s1", "s2"], ["t0"], EDITED), ([], ["t1"], EDITED)]
    after = check_undo_redo(beads, move(beads, 0, "source", "next"))
    assert ids(after)[:2] == [(["s0"], ["t0"], EDITED), (["s1", "s2"], ["t1"], EDITED)]
    after = check_undo_redo(beads, move(beads, 2, "target", "previous"))
    assert ids(after)[1:] == [(["s2"], ["t1", "t2"], EDITED), (["s3"], ["t3"], EDITED)]
    # A pair left with nothing disappears.
    lone = make((1, 0), (1, 1))
    after = check_undo_redo(lone, move(lone, 0, "source", "next"))
    assert ids(after) == [(["s0", "s1"], ["t0"], EDITED)]
    with pytest.raises(EditError, match="no previous pair"):
        move(beads, 0, "source", "previous")
    with pytest.raises(EditError, match="no next pair"):
        move(beads, 2, "target", "next")
    with pytest.raises(EditError, match="no target sentence"):
        move(lone, 0, "target", "next")


def test_a_sentence_marked_as_having_no_counterpart_becomes_its_own_pair():
    beads = make((1, 1), (3, 1))
    after = check_undo_redo(beads, unpair(beads, 0, "source"))
    assert ids(after)[:2] == [(["s0"], [], EDITED), ([], ["t0"], EDITED)]
    after = check_undo_redo(beads, unpair(beads, 0, "target"))
    assert ids(after)[:2] == [(["s0"], [], EDITED), ([], ["t0"], EDITED)]
    after = check_undo_redo(beads, unpair(beads, 1, "source", 0))
    assert ids(after)[1:] == [(["s1"], [], EDITED), (["s2", "s3"], ["t1"], EDITED)]
    after = check_undo_redo(beads, unpair(beads, 1, "source", 2))
    assert ids(after)[1:] == [(["s1", "s2"], ["t1"], EDITED), (["s3"], [], EDITED)]
    with pytest.raises(EditError, match="split the pair first"):
        unpair(beads, 1, "source", 1)
    alone = make((1, 0))
    with pytest.raises(EditError, match="already has no counterpart"):
        unpair(alone, 0, "source")


def test_confirm_a_pair_and_a_whole_document():
    beads = make((1, 1), (2, 1), (0, 1))
    after = check_undo_redo(beads, confirm(beads, 1))
    assert [b.status for b in after] == [AUTOMATIC, CONFIRMED, AUTOMATIC] and after[1].score == 1.0
    after = check_undo_redo(beads, confirm_all(beads))
    assert {b.status for b in after} == {CONFIRMED}
    # Changing a confirmed pair makes it edited again.
    assert merge_next(after, 0)[0][0].status == EDITED
    # Confirming everything keeps the record of the pairs made by hand.
    edited = merge_next(beads, 0)[0]
    assert [b.status for b in check_undo_redo(edited, confirm_all(edited))] == [EDITED, CONFIRMED]


def test_history_undoes_and_redoes_in_order():
    start = make((1, 1), (1, 1), (1, 1), (1, 1))
    history = EditHistory(start)
    assert not history.can_undo and not history.can_redo
    h1 = history.apply(merge_next, 0)
    h2 = h1.apply(confirm, 1)
    h3 = h2.apply(split, 0, source_at=1, target_at=1)
    assert h3.counts() == {AUTOMATIC: 1, EDITED: 2, CONFIRMED: 1}
    back = h3.undo().undo()
    assert back.beads == h1.beads and back.can_redo
    assert back.redo().beads == h2.beads and back.redo().redo().beads == h3.beads
    assert back.undo().beads == start and not back.undo().can_undo
    # A new edit after undo drops what could have been redone.
    branched = back.apply(confirm_all)
    assert not branched.can_redo and branched.undo().beads == h1.beads
    with pytest.raises(EditError, match="nothing to redo"):
        branched.redo()
    with pytest.raises(EditError, match="nothing to undo"):
        history.undo()
    # An edit made on another state is refused, and an edit error is one line for the user.
    with pytest.raises(EditError, match="another state") as info:
        h1.push(merge_next(start, 2))
    assert isinstance(info.value, UserError)


def test_random_edits_never_lose_a_sentence_and_undo_all_the_way_back():
    rng = random.Random(13)
    start = make(*[(rng.randint(0, 2) or 1, rng.randint(0, 2)) for _ in range(30)])
    history = EditHistory(start)
    edits = [
        lambda b: merge_next(b, rng.randrange(len(b))),
        lambda b: split(b, rng.randrange(len(b)), source_at=rng.randint(0, 2), target_at=rng.randint(0, 2)),
        lambda b: move(b, rng.randrange(len(b)), rng.choice(["source", "target"]), rng.choice(["previous", "next"])),
        lambda b: unpair(b, rng.randrange(len(b)), rng.choice(["source", "target"])),
        lambda b: confirm(b, rng.randrange(len(b))),
    ]
    made = 0
    for _ in range(400):
        try:
            history = history.push(rng.choice(edits)(history.beads))
        except EditError:
            continue
        made += 1
        assert covered(history.beads) == covered(start)
        assert all(not b.empty for b in history.beads)
    assert made > 100
    while history.can_undo:
        history = history.undo()
    assert history.beads == start
