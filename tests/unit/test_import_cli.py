"""`import`, `collections` and `export-pairs` as a user runs them (subprocesses with their own user folders)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.import_samples import make_tmx

PAIRS = [("The office opens at nine.", "Kontoret åpner klokka ni."), ("Bring your papers.", "Ta med papirene.")]


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict[str, str]:
    base = tmp_path_factory.mktemp("import-cli")
    return {**os.environ, "XDG_CACHE_HOME": str(base / "cache"), "XDG_DATA_HOME": str(base / "data")}


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("cli-files") / "Field Notes"
    root.mkdir()
    (root / "visit.md").write_text(
        "# Visit\n\nVi besøkte NAV-kontoret og snakket om zebrafinch-tiltaket.\n", encoding="utf-8"
    )
    (root / "memory.tmx").write_bytes(make_tmx(PAIRS))
    (root / "broken.pdf").write_bytes(b"%PDF-1.4 nothing else")
    return root


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "viewer", *args], capture_output=True, text=True, timeout=300, env=env)


def test_import_reports_counts_and_each_skipped_file_and_exits_zero(env, folder):
    result = run(env, "import", str(folder))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("collections: field-notes")
    assert lines[1].startswith("2 imported, 0 updated, 0 removed, 0 renamed, 0 unchanged, 1 skipped in ")
    assert lines[2].startswith("index: ")
    assert f"skipped: {folder / 'broken.pdf'}: not a readable PDF" in result.stdout


def test_import_again_as_json_sees_nothing_new(env, folder):
    result = run(env, "import", str(folder), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["imported"] == [] and report["unchanged"] == 3  # the skipped PDF is not retried either
    assert report["index"]["passages"] > 0
    assert set(report) >= {"imported", "updated", "removed", "skipped", "warnings", "seconds", "index"}


def test_a_missing_path_is_a_one_line_error(env, tmp_path):
    result = run(env, "import", str(tmp_path / "absent"))
    assert result.returncode == 1 and result.stderr.strip() == f"error: {tmp_path / 'absent'}: no such file or folder"


def test_export_pairs_of_an_imported_tmx_document(env, folder, tmp_path):
    out = tmp_path / "pairs.tsv"
    result = run(env, "export-pairs", "--doc", "field-notes/memory", "--format", "tsv", "-o", str(out))
    assert result.returncode == 0, result.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[1:] == [f"field-notes/memory\ten\tnb\t{a}\t{b}" for a, b in PAIRS]
    tmx = run(env, "export-pairs", "--all")
    assert tmx.returncode == 0 and tmx.stdout.count("<tu ") >= len(PAIRS) + 20  # the thesis abstract too
    missing = run(env, "export-pairs", "--doc", "field-notes/visit")
    assert missing.returncode == 1 and "has no aligned pairs" in missing.stderr


def test_collections_list_and_remove(env, folder):
    listed = json.loads(run(env, "collections", "--json").stdout)
    assert [(c["id"], c["documents"], c["skipped"]) for c in listed] == [("field-notes", 2, 1)]
    removed = run(env, "collections", "remove", "field-notes")
    assert removed.returncode == 0 and "2 documents left the index" in removed.stdout
    assert json.loads(run(env, "collections", "--json").stdout) == []
    unknown = run(env, "collections", "remove", "field-notes")
    assert unknown.returncode == 1 and "unknown collection" in unknown.stderr
