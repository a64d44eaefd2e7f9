"""`import` on a workspace without an index builds the index once, after the import (it used to build
the bundled corpus's index first, only to derive the new one from it); a later import derives."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

NOTE = "Kvalifiseringsprogrammet gir deltakerne en fast ukentlig aktivitetsplan med oppfølging.\n"


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "viewer", *args], capture_output=True, text=True, timeout=300, env=env)


def hits(result: subprocess.CompletedProcess[str]) -> list[dict[str, object]]:
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_a_first_import_builds_the_index_once_and_the_next_one_derives_it(tmp_path):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_DATA_HOME": str(tmp_path / "data")}
    folder = tmp_path / "notes"
    folder.mkdir()
    for i in range(3):
        (folder / f"n{i}.txt").write_text(f"Note {i} about zebrafinch number {i}.\n\n{NOTE}", encoding="utf-8")
    first = run(env, "import", "--json", str(folder))
    assert first.returncode == 0, first.stderr
    index = json.loads(first.stdout)["index"]
    assert index["action"] == "built" and not index["incremental"]  # not derived from a bundled-only index
    found = run(env, "search", "zebrafinch", "--json")
    assert found.returncode == 0, found.stderr
    assert sorted(h["doc"] for h in hits(found)) == ["notes/n0", "notes/n1", "notes/n2"]

    (folder / "n1.txt").write_text("Note 1 is now about okapi grazing.\n", encoding="utf-8")
    second = run(env, "import", "--json", str(folder))
    assert second.returncode == 0, second.stderr
    index = json.loads(second.stdout)["index"]
    assert index["incremental"] and index["reindexed_documents"] == 1
    roots = [p for p in (tmp_path / "cache").rglob("index") if p.is_dir()]
    assert len(roots) == 1 and len([p for p in roots[0].iterdir() if p.is_dir()]) == 1  # the old one is gone
    found = run(env, "search", "okapi", "--json")
    assert [h["doc"] for h in hits(found)] == ["notes/n1"]


def test_import_with_no_index_leaves_no_index(tmp_path):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_DATA_HOME": str(tmp_path / "data")}
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "n.txt").write_text(NOTE, encoding="utf-8")
    result = run(env, "import", "--json", "--no-index", str(folder))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["index"] is None
    assert not [p for p in Path(tmp_path / "cache").rglob("*.toc")]
