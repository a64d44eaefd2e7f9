"""The alignment correction store: real SQLite files, restarts, latest state wins, stale kept, kill -9, damage."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from viewer.core.align.corrections import confirm, merge_next, split, unpair
from viewer.core.align.corrections_anchors import Texts
from viewer.core.align.corrections_apply import apply_stored, beads_of, correct
from viewer.core.align.corrections_store import DB_NAME, CorrectionStore, CorrectionStoreError, default_path
from viewer.core.align.document import AlignedPair
from viewer.core.align.history import EditHistory
from viewer.core.align.texts import TextAlignment
from viewer.core.corpus.segment import split_sentences
from viewer.core.errors import UserError
from viewer.core.paths import user_data_dir

TOPICS = [
    ("the harbour", "havna"), ("winter roads", "vinterveiene"), ("apple orchards", "eplehagene"),
    ("the night train", "nattoget"), ("school meals", "skolematen"), ("mountain huts", "fjellhyttene"),
    ("the public library", "folkebiblioteket"), ("bicycle lanes", "sykkelfeltene"), ("fishing quotas", "fiskekvotene"),
    ("the old bridge", "den gamle brua"), ("reindeer herding", "reindrifta"), ("ferry prices", "ferjeprisene"),
]  # fmt: skip
N = len(TOPICS)
SOURCE = " ".join(f"In part {i + 1} we look closely at {en} and what it costs." for i, (en, _) in enumerate(TOPICS))
TARGET = " ".join(f"Del {i + 1} ser nærmere på {nb} og hva det koster." for i, (_, nb) in enumerate(TOPICS))
SENTENCES = [SOURCE[s:e] for s, e in split_sentences(SOURCE)]
KEY = ("en-doc", "nb-doc")


def automatic(source: str = SOURCE, target: str = TARGET) -> TextAlignment:
    """A one-to-one alignment of the two texts' sentences, as an aligner would give it."""
    pairs = tuple(AlignedPair(s, t, 0.9) for s, t in zip(split_sentences(source), split_sentences(target), strict=True))
    return TextAlignment(("en", "nb"), True, 0.8, pairs)


def texts(source: str = SOURCE, target: str = TARGET) -> Texts:
    return Texts.of_texts(source, target, *KEY)


def edited(state: int = 0) -> EditHistory:
    """A user's corrections: a merge, a split into 1-0 + 0-1, a confirmed pair (varied by `state`)."""
    history = EditHistory(beads_of(automatic(), texts()))
    history = history.apply(merge_next, state % 3)
    history = history.apply(unpair, 5, "source")
    return history.apply(confirm, 8 + state % 3)


def shown(beads, t: Texts | None = None):
    """Each bead as (status, source text, target text)."""
    t = t or texts()
    return [
        (
            b.status,
            " ".join(t.source[u.start : u.end] for u in b.source),
            " ".join(t.target[u.start : u.end] for u in b.target),
        )
        for b in beads
    ]


def test_saved_corrections_survive_closing_and_reopening(tmp_path):
    path = tmp_path / DB_NAME
    history = edited()
    with CorrectionStore(path) as store:
        assert store.save(KEY, texts(), history.beads) == 4  # the merge, the 1-0 and 0-1, the confirmed pair
        assert store.notice is None and not store.unwritable
    with CorrectionStore(path) as store:
        assert store.keys() == [KEY]
        assert store.counts(KEY) == {"edited": 3, "confirmed": 1, "stale": 0}
        stored, problems = store.load(KEY, texts())
        assert problems == () and [b.fit for b in stored] == ["ok"] * 4
        result = apply_stored(automatic(), KEY, texts(), store)
    assert result.beads == history.beads and result.problems == ()
    assert [p.status for p in result.alignment.pairs].count("edited") == 3
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert conn.execute("PRAGMA user_version").fetchone() == (1,)


def test_the_latest_state_wins_and_clear_goes_back_to_automatic(tmp_path):
    path = tmp_path / DB_NAME
    with CorrectionStore(path) as store:
        store.save(KEY, texts(), edited(0).beads)
        store.save(KEY, texts(), edited(1).beads)
        store.save("other", Texts.of_texts(SOURCE, TARGET, "other", "other"), edited(2).beads)
    with CorrectionStore(path) as store:
        assert apply_stored(automatic(), KEY, texts(), store).beads == edited(1).beads
        assert sorted(map(str, store.keys())) == sorted(map(str, [KEY, "other"]))
        with sqlite3.connect(path) as conn:  # older states are gone, not merely hidden
            assert conn.execute(
                "SELECT count(DISTINCT generation) FROM beads WHERE source_doc = 'en-doc'"
            ).fetchone() == (1,)
        # Undoing everything and saving is also a state: nothing corrected.
        assert store.save(KEY, texts(), beads_of(automatic(), texts())) == 0
        assert store.load(KEY, texts()) == ((), ())
        assert store.clear("other") == 4 and store.keys() == []
    with pytest.raises(ValueError):
        CorrectionStore(":memory:").save(("", "x"), texts(), ())


def test_a_correction_whose_text_is_gone_is_kept_flagged_and_carried_into_later_saves(tmp_path):
    path = tmp_path / DB_NAME
    with CorrectionStore(path) as store:
        store.save(KEY, texts(), edited().beads)
    changed = SOURCE.replace(SENTENCES[8], "Something else entirely was written here instead.")
    with CorrectionStore(path) as store:
        result = apply_stored(automatic(changed), KEY, texts(changed), store)
        assert len(result.problems) == 1 and "confirmed pair “In part 9 we look" in str(result.problems[0])
        assert "no longer fits" in str(result.problems[0])
        assert [b.fit for b in store.stored(KEY)] == ["ok", "ok", "ok", "stale"]  # recorded
        # The other corrections are applied; the confirmed pair is not (its text is gone).
        assert [s for s, _, _ in shown(result.beads, texts(changed))].count("confirmed") == 0
        # The user goes on editing and saves: the stale correction is carried, not dropped.
        store.save(KEY, texts(changed), EditHistory(result.beads).apply(confirm, 0).beads)
        assert store.counts(KEY) == {"edited": 2, "confirmed": 2, "stale": 1}
    with CorrectionStore(path) as store:
        # The text comes back (an edit undone, an older file re-imported): the correction fits again.
        result = apply_stored(automatic(), KEY, texts(), store)
        assert result.problems == () and [b.fit for b in store.stored(KEY)] == ["ok"] * 4
        assert result.beads == edited().apply(confirm, 0).beads
        assert shown(result.beads)[8] == (
            "confirmed",
            SENTENCES[8],
            "Del 9 ser nærmere på fiskekvotene og hva det koster.",
        )
        assert store.discard_stale(KEY) == 0


def test_a_correction_that_would_cross_another_is_kept_and_flagged(tmp_path):
    history = EditHistory(beads_of(automatic(), texts())).apply(confirm, 2).apply(confirm, 3)
    store = CorrectionStore(tmp_path / DB_NAME)
    store.save(KEY, texts(), history.beads)
    # The target text's sentences 2 and 3 swap places: the two confirmed pairs now cross.
    parts = [TARGET[s:e] for s, e in split_sentences(TARGET)]
    parts[2], parts[3] = parts[3], parts[2]
    swapped = " ".join(parts)
    result = apply_stored(automatic(SOURCE, swapped), KEY, texts(SOURCE, swapped), store)
    assert [p.reason for p in result.problems] == ["it would cross another correction"]
    assert [b.fit for b in store.stored(KEY)] == ["moved", "stale"]
    # The pair that still fits is laid in; the automatic beads it cut into keep their other sentences.
    assert shown(result.beads, texts(SOURCE, swapped))[2:5] == [
        ("automatic", "", parts[2]),
        ("confirmed", SENTENCES[2], parts[3]),
        ("automatic", SENTENCES[3], ""),
    ]
    assert [b.score for b in result.beads[2:5]] == [0.0, 1.0, 0.0]
    assert len(result.beads) == N + 1 and sum(len(b.source) for b in result.beads) == N
    store.close()


def test_stored_beads_over_a_different_automatic_alignment_replace_what_they_overlap():
    """The fresh aligner pairs 0-1 with 0 and 1 with nothing; the user's pairs win where they are."""
    history = EditHistory(beads_of(automatic(), texts())).apply(split, 1, source_at=1, target_at=0)
    store = CorrectionStore(":memory:")
    store.save(KEY, texts(), history.apply(confirm, 0).beads)
    src, tgt = split_sentences(SOURCE), split_sentences(TARGET)
    other = TextAlignment(("en", "nb"), True, 0.5, (
        AlignedPair((src[0][0], src[1][1]), tgt[0], 0.4),
        AlignedPair(None, tgt[1], 0.3),
        *[AlignedPair(s, t, 0.9) for s, t in zip(src[2:], tgt[2:], strict=True)],
    ))  # fmt: skip
    result = correct(other, store.load(KEY, texts())[0], texts())
    assert shown(result.beads)[:4] == [
        ("confirmed", SOURCE[slice(*src[0])], TARGET[slice(*tgt[0])]),
        ("edited", SOURCE[slice(*src[1])], ""),
        ("edited", "", TARGET[slice(*tgt[1])]),
        ("automatic", SOURCE[slice(*src[2])], TARGET[slice(*tgt[2])]),
    ]
    assert result.beads[3].score == 0.9  # untouched automatic beads stay as they were


def test_the_default_store_lives_in_the_user_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_path() == user_data_dir() / "alignment_corrections.sqlite3"
    assert user_data_dir().is_relative_to(tmp_path)
    with CorrectionStore() as store:
        assert Path(store.path) == default_path() and default_path().is_file()


def fill(path: Path, count: int = 40) -> None:
    with CorrectionStore(path) as store:
        for n in range(count):
            store.save(f"doc{n}", Texts.of_texts(SOURCE, TARGET, f"doc{n}", f"doc{n}"), edited(n).beads)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def test_a_damaged_table_page_is_set_aside_and_the_corrections_salvaged(tmp_path):
    path = tmp_path / DB_NAME
    fill(path)
    with sqlite3.connect(path) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'beads'").fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(path.read_bytes())
    data[(root - 1) * size : root * size] = random.Random(5).randbytes(size)  # the table's root page
    path.write_bytes(bytes(data))
    with CorrectionStore(path) as store:
        assert "was damaged; it was moved to" in (store.notice or "") and store.moved_to is not None
        assert store.moved_to.exists() and len(store.keys()) == 40
        key = "doc7"
        got = apply_stored(automatic(), key, Texts.of_texts(SOURCE, TARGET, key, key), store)
        assert got.beads == edited(7).beads


def test_a_damaged_file_header_is_set_aside_and_its_corrections_salvaged(tmp_path):
    path = tmp_path / DB_NAME
    fill(path)
    data = bytearray(path.read_bytes())
    data[0:100] = random.Random(3).randbytes(100)  # the header: SQLite refuses the file
    path.write_bytes(bytes(data))
    with CorrectionStore(path) as store:
        assert "was damaged; it was moved to" in (store.notice or "") and store.moved_to is not None
        assert store.moved_to.exists()
        assert len(store.keys()) == 40
        assert (
            apply_stored(automatic(), "doc7", Texts.of_texts(SOURCE, TARGET, "doc7", "doc7"), store).beads
            == edited(7).beads
        )


def test_a_file_written_by_a_newer_version_is_left_untouched(tmp_path):
    path = tmp_path / DB_NAME
    CorrectionStore(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 99")
    before = path.read_bytes()
    with pytest.raises(CorrectionStoreError, match="newer version") as info:
        CorrectionStore(path)
    assert isinstance(info.value, UserError) and path.read_bytes() == before


WRITER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, sys.argv[2])
    from test_corrections_store import KEY, edited, texts
    from viewer.core.align.corrections_anchors import Texts
    from viewer.core.align.corrections_store import CorrectionStore
    from test_corrections_store import SOURCE, TARGET

    with CorrectionStore(sys.argv[1], timeout=30) as store:
        n = 0
        while True:
            store.save(f"w{n}", Texts.of_texts(SOURCE, TARGET, f"w{n}", f"w{n}"), edited(n).beads)
            store.save(KEY, texts(), edited(n).beads)
            sys.stdout.write(f"{n}\\n")
            sys.stdout.flush()
            n += 1
    """
)


@pytest.mark.slow
def test_kill_9_while_saving_loses_no_committed_correction(tmp_path):
    path = tmp_path / DB_NAME
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    rng = random.Random(11)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    committed: list[int] = []
    for _round in range(6):
        writer = subprocess.Popen(
            [sys.executable, str(script), str(path), str(Path(__file__).parent)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        )  # fmt: skip
        time.sleep(rng.uniform(0.8, 1.6))
        writer.send_signal(signal.SIGKILL)
        out, err = writer.communicate(timeout=30)
        assert writer.returncode == -signal.SIGKILL, err
        done = [int(line) for line in out.split("\n")[:-1]]  # a line cut by the kill was never reported
        committed += done
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        with CorrectionStore(path) as store:
            assert store.notice is None
            for n in done:
                key = f"w{n}"
                got = apply_stored(automatic(), key, Texts.of_texts(SOURCE, TARGET, key, key), store)
                assert got.beads == edited(n).beads
            if done:  # the shared key holds the last reported state, or the one in flight
                state = apply_stored(automatic(), KEY, texts(), store).beads
                assert state in (edited(done[-1]).beads, edited(done[-1] + 1).beads)
    assert len(committed) > 12  # the kills really interrupted a writer that was writing
