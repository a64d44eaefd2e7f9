"""Pairs are user data: they survive re-imports, renames and a killed process, and the user's word
(confirmed, rejected, manual) is never overruled by the finder."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.unit.test_pairs import FIXTURES, keyed, open_workspace
from viewer.core.pairs.store import PairRow, PairStore


def texts(root: Path, name: str = "texts", groups: tuple[str, ...] = ("library", "harbour", "trap")) -> Path:
    folder = root / name
    for group in groups:
        for path in (FIXTURES / group).glob("*.txt"):
            target = folder / f"{group}_{path.name}"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
    return folder


LIBRARY = frozenset({"texts/library_report_en", "texts/library_report_no"})
HARBOUR = frozenset({"texts/harbour_harbour_survey", "texts/harbour_kartlegging_havna"})


def test_a_renamed_file_keeps_its_pair(tmp_path):
    folder = texts(tmp_path)
    with open_workspace(tmp_path / "state") as workspace:
        workspace.import_paths([folder])
        workspace.pair_confirm(*LIBRARY)
        (folder / "library_report_no.txt").rename(folder / "årsmelding.txt")
        workspace.refresh()
        pair = keyed(workspace)[LIBRARY]  # a rename keeps the document's id
        assert pair.status == "confirmed" and pair.target_path.endswith("årsmelding.txt")


def test_a_document_whose_id_changes_takes_its_pair_along(tmp_path):
    folder = texts(tmp_path)
    with open_workspace(tmp_path / "state") as workspace:
        workspace.import_paths([folder])
        workspace.pair_confirm(*LIBRARY)
        elsewhere = tmp_path / "moved"
        elsewhere.mkdir()
        shutil.move(folder / "library_report_no.txt", elsewhere / "report_no.txt")
        workspace.refresh()
        assert LIBRARY not in keyed(workspace)  # its document is gone for now: hidden, not lost
        workspace.import_paths([elsewhere])
        pair = keyed(workspace)[frozenset({"texts/library_report_en", "moved/report_no"})]
        assert pair.status == "confirmed"  # found again by the fingerprint of its text


def test_a_rejected_pair_stays_rejected_after_reimport(tmp_path):
    folder = texts(tmp_path)
    state = tmp_path / "state"
    with open_workspace(state) as workspace:
        workspace.import_paths([folder])
        assert keyed(workspace)[HARBOUR].status == "suggested"
        workspace.pair_reject(*HARBOUR)
        workspace.remove_collection("texts")
    # Imported again (new documents for the finder), in a new session, and under other ids.
    shutil.copy(FIXTURES / "singles" / "minutes.txt", folder / "minutes.txt")
    with open_workspace(state) as workspace:
        workspace.import_paths([folder])
        assert keyed(workspace)[HARBOUR].status == "rejected"
        assert not [
            p
            for p in workspace.counterparts("texts/harbour_harbour_survey")
            if p.other("texts/harbour_harbour_survey") == "texts/harbour_kartlegging_havna"
        ]
        workspace.remove_collection("texts")
        copy = tmp_path / "copy"
        shutil.copytree(folder, copy)
        workspace.import_paths([copy])
        renamed = frozenset({"copy/harbour_harbour_survey", "copy/harbour_kartlegging_havna"})
        assert keyed(workspace)[renamed].status == "rejected"


def test_confirmed_and_manual_pairs_survive_reimport_and_hold_their_places(tmp_path):
    folder = texts(tmp_path)
    state = tmp_path / "state"
    manual = frozenset({"texts/harbour_harbour_survey", "texts/trap_report_no"})
    with open_workspace(state) as workspace:
        workspace.import_paths([folder])
        workspace.pair_confirm(*LIBRARY)
        assert workspace.pair_add(*manual).status == "manual"
        assert HARBOUR not in keyed(workspace)  # the survey's Bokmål place is taken by hand
    (folder / "harbour_kartlegging_havna.txt").write_text(
        (folder / "harbour_kartlegging_havna.txt").read_text(encoding="utf-8") + "\nTillegg.\n", encoding="utf-8"
    )
    with open_workspace(state) as workspace:
        workspace.refresh()
        workspace.find_pairs(force=True)
        pairs = keyed(workspace)
        assert pairs[LIBRARY].status == "confirmed" and pairs[manual].status == "manual"
        assert HARBOUR not in pairs  # never a suggestion over the user's pair
        workspace.pair_remove(*manual)
        workspace.find_pairs(force=True)
        assert keyed(workspace)[HARBOUR].status == "suggested"


def test_the_pair_store_is_a_versioned_wal_database(tmp_path):
    path = tmp_path / "pairs.sqlite3"
    with PairStore(path) as store:
        store.put(PairRow("a\nb", "a", "fa", "en", "b", "fb", "nb", 0.9, "confirmed"))
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA user_version").fetchone()[0] >= 1
    finally:
        conn.close()


def test_a_damaged_pair_file_is_set_aside_and_a_new_one_started(tmp_path):
    path = tmp_path / "pairs.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with PairStore(path) as store:
        assert store.notice and store.rows() == []
        store.put(PairRow("a\nb", "a", "fa", "en", "b", "fb", "nb", 0.9, "manual"))
    assert [p for p in tmp_path.iterdir() if "corrupt" in p.name]  # kept, never deleted


WRITER = textwrap.dedent("""
    import sys
    from viewer.core.pairs.store import PairRow, PairStore

    store = PairStore(sys.argv[1])
    i = 0
    while True:
        if i % 10 == 9:  # a finder run: many suggestions in one transaction
            rows = [PairRow(f"s{i}-{k}\\nt", f"s{i}-{k}", "f", "en", "t", "g", "nb", 0.5, "suggested")
                    for k in range(50)]
            store.replace_suggestions(rows, {"corpus": str(i)})
        else:
            store.put(PairRow(f"a{i}\\nb{i}", f"a{i}", "fa", "en", f"b{i}", "fb", "nb", 1.0, "manual"))
        print(i, flush=True)  # only after the commit
        i += 1
""")


def test_a_killed_writer_loses_no_committed_pair(tmp_path):
    path = tmp_path / "pairs.sqlite3"
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert child.stdout is not None
    done = []
    for line in child.stdout:
        done.append(int(line))
        if len(done) >= 150:
            child.kill()  # SIGKILL: no cleanup, maybe in the middle of a transaction
            break
    child.wait(timeout=30)
    done += [int(line) for line in child.stdout.read().split()]
    with PairStore(path) as store:
        keys = {r.key for r in store.rows()}
        assert not store.notice  # the file is sound: nothing was set aside
    manual = {f"a{i}\nb{i}" for i in done if i % 10 != 9}
    assert manual <= keys
    last_run = max(i for i in done if i % 10 == 9)
    assert {f"s{last_run}-{k}\nt" for k in range(50)} <= keys  # the last finder run is whole


def test_suggestions_never_land_on_the_users_pairs_even_when_found_before_them(tmp_path):
    with PairStore(tmp_path / "pairs.sqlite3") as store:
        store.put(PairRow("a\nc", "a", "fa", "en", "c", "fc", "nb", 1.0, "manual"))  # made while the finder ran
        store.put(PairRow("d\ne", "d", "fd", "en", "e", "fe", "nn", 0.7, "rejected"))
        store.replace_suggestions(
            [
                PairRow("a\nb", "a", "fa", "en", "b", "fb", "nb", 0.9, "suggested"),  # a's Bokmål place is taken
                PairRow("d2\ne2", "d2", "fd", "en", "e2", "fe", "nn", 0.9, "suggested"),  # the rejected texts
                PairRow("a\nn", "a", "fa", "en", "n", "fn", "nn", 0.8, "suggested"),  # a's Nynorsk place is free
            ],
            {"corpus": "x"},
        )
        assert {(r.key, r.status) for r in store.rows()} == {
            ("a\nc", "manual"),
            ("d\ne", "rejected"),
            ("a\nn", "suggested"),
        }
        assert store.state("corpus") == "x"
