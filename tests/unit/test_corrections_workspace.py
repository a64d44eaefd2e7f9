"""Corrections through the workspace, as the app and the CLI use them: made on two imported documents,
kept across a restart, winning in the pair's alignment from either side and in the export, and
following a renamed file. Also `align --doc` and `export-pairs` in a subprocess over them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from viewer.core.align.corrections import confirm, merge_next, unpair
from viewer.core.align.history import EditHistory
from viewer.core.library.cache import DocumentCache
from viewer.core.library.library import Library
from viewer.core.search.cache import IndexCache
from viewer.core.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
CORPUS_DIR = ROOT / "viewer" / "corpus"  # not tests.conftest's: importing it moves the user folders
FIXTURES = ROOT / "tests" / "data" / "pairs" / "interview"
EN, NB = "interview/en_interview_notes", "interview/nb_intervju"


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURES, tmp_path / "interview"))


def opened(state: Path) -> Workspace:
    library = Library(state / "collections.sqlite3", DocumentCache(state / "documents.sqlite3"), bundled=CORPUS_DIR)
    return Workspace.open(
        library=library,
        bookmarks=False,
        pairs=state / "pairs.sqlite3",
        corrections=state / "corrections.sqlite3",
        index_cache=IndexCache(state / "index"),
    )


def merge_the_second_pair(workspace: Workspace) -> str:
    """Merge pairs 2 and 3 of EN + NB and confirm pair 1, as the editor does; the merged source text."""
    corrected = workspace.corrected_pair_alignment(NB, EN)
    history = EditHistory(corrected.beads).apply(merge_next, 1).apply(confirm, 0)
    assert workspace.save_corrections(corrected.texts, history.beads) == 2
    source = workspace.document(corrected.texts.source_id).text
    start, end = history.beads[1].source[0].start, history.beads[1].source[-1].end
    return " ".join(source[start:end].split())


def test_corrections_win_from_either_side_after_a_restart_and_in_the_export(tmp_path, folder):
    state = tmp_path / "state"
    with opened(state) as workspace:
        workspace.import_paths([folder])
        automatic = workspace.pair_alignment(EN, NB)
        merged = merge_the_second_pair(workspace)
    with opened(state) as workspace:
        for a, b in ((EN, NB), (NB, EN)):
            alignment = workspace.pair_alignment(a, b)
            assert [p.status for p in alignment.pairs[:3]] == ["confirmed", "edited", "automatic"]
            assert len(alignment.pairs) == len(automatic.pairs) - 1
        rows = [r for r in workspace.aligned_rows(EN) if r.target_lang == "nb"]
        assert [" ".join(r.source.split()) for r in rows][1] == merged
        assert workspace.clear_corrections((EN, NB)) == 2
        assert workspace.pair_alignment(EN, NB).pairs == automatic.pairs


def test_the_export_says_how_many_sentences_it_leaves_without_a_counterpart(tmp_path, folder):
    with opened(tmp_path / "state") as workspace:
        workspace.import_paths([folder])
        before = workspace.aligned_export(EN)
        corrected = workspace.corrected_pair_alignment(EN, NB)
        two = next(i for i, b in enumerate(corrected.beads) if len(b.source) == 1 and len(b.target) == 1)
        history = EditHistory(corrected.beads).apply(unpair, two, "source")  # now a 1-0 and a 0-1
        workspace.save_corrections(corrected.texts, history.beads)
        after = workspace.aligned_export(EN)
        assert after.left_out == before.left_out + 2
        assert len(after.rows) == len(before.rows) - 1
        assert workspace.aligned_rows(EN) == after.rows


def test_corrections_follow_a_renamed_file_and_one_moved_to_another_collection(tmp_path, folder):
    state, elsewhere = tmp_path / "state", tmp_path / "elsewhere"
    elsewhere.mkdir()
    with opened(state) as workspace:
        workspace.import_paths([folder])
        workspace.import_paths([elsewhere])
        merged = merge_the_second_pair(workspace)
        (folder / "en_interview_notes.txt").rename(folder / "interview_notes_english.txt")
        workspace.refresh()  # the library keeps a renamed file's id: nothing to follow
        (folder / "interview_notes_english.txt").rename(elsewhere / "interview_notes_english.txt")
        workspace.refresh()
        moved = next(d.id for d in workspace.corpus.documents if d.id.startswith("elsewhere/"))
        assert EN not in {d.id for d in workspace.corpus.documents}
        assert workspace.aligning.corrections.keys() == [(moved, NB)]
        alignment = workspace.pair_alignment(moved, NB)
        source = workspace.document(moved).text
        span = alignment.pairs[1].source
        assert alignment.pairs[1].status == "edited" and " ".join(source[span[0] : span[1]].split()) == merged


def test_align_doc_and_export_pairs_use_the_counterpart_and_the_corrections(tmp_path, folder):
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CACHE_HOME": str(tmp_path / "cache")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "viewer", *args], capture_output=True, text=True, timeout=300, env=env
        )

    assert run("import", str(folder)).returncode == 0
    assert run("pairs", "confirm", EN, NB).returncode == 0
    # The user's corrections, made in another process on the user's own stores (as the app does).
    save = """
from tests.unit.test_corrections_workspace import merge_the_second_pair
from viewer.core.workspace import Workspace
with Workspace.open() as w:
    print(merge_the_second_pair(w))
"""
    made = subprocess.run([sys.executable, "-c", save], capture_output=True, text=True, timeout=300, env=env)
    assert made.returncode == 0, made.stderr
    merged = made.stdout.strip()
    table = run("align", "--doc", EN, "--width", "200")
    assert table.returncode == 0, table.stderr
    assert f"# {EN} (en) -> {NB} (nb), pair confirmed" in table.stdout
    assert "# corrected by hand: pair(s) 2 edited; 1 confirmed (* edited, = confirmed)" in table.stdout
    assert f" 1.00 * {merged}" in table.stdout
    export = run("export-pairs", "--doc", EN, "--format", "tsv")
    assert export.returncode == 0, export.stderr
    sources = [line.split("\t")[3] for line in export.stdout.splitlines()[1:] if line.split("\t")[2] == "nb"]
    assert sources[1] == merged
    written = run("export-pairs", "--doc", EN, "--format", "tmx", "--output", str(tmp_path / "pairs.tmx"))
    assert written.returncode == 0 and f"pairs to {tmp_path / 'pairs.tmx'}" in written.stderr
