"""The `pairs` contract, the pairs in `import`'s report and `export-pairs` over a counterpart, as a
user runs them (subprocesses with their own user folders)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "pairs"
KEYS = {"source", "target", "source_path", "target_path", "languages", "score", "status"}
EN, NB, NN = "notes/interview/en_interview_notes", "notes/interview/nb_intervju", "notes/interview/nn_referat"
REPORT_EN, REPORT_NO = "notes/library/report_en", "notes/library/report_no"


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict[str, str]:
    base = tmp_path_factory.mktemp("pairs-cli")
    return {**os.environ, "XDG_CACHE_HOME": str(base / "cache"), "XDG_DATA_HOME": str(base / "data")}


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("pairs-files") / "notes"
    for group in ("interview", "library", "trap"):
        shutil.copytree(FIXTURES / group, root / group)
    return root


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "viewer", *args], capture_output=True, text=True, timeout=300, env=env)


def listed(env: dict[str, str]) -> dict[frozenset[str], dict]:
    result = run(env, "pairs", "--json")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    for row in rows:
        assert set(row) == KEYS
        assert row["status"] in ("suggested", "confirmed", "rejected", "manual")
        assert isinstance(row["score"], float) and len(row["languages"]) == 2
    return {frozenset({r["source"], r["target"]}): r for r in rows}


def test_import_reports_the_pairs_it_found(env, folder):
    result = run(env, "import", str(folder))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("collections: notes") and lines[2].startswith("index: ")
    found = [line for line in lines if line.startswith("pairs: ")]
    assert f"pairs: {EN} <-> {NB} (en-nb, score " in "\n".join(found)
    assert f"pairs: {REPORT_EN} <-> {REPORT_NO} (en-nb, score " in "\n".join(found)
    assert not [line for line in found if "notes/trap/" in line and "to confirm" not in line]
    again = run(env, "import", str(folder), "--json")
    report = json.loads(again.stdout)
    assert set(report) >= {"imported", "updated", "removed", "skipped", "warnings", "seconds", "index", "pairs"}
    assert report["imported"] == [] and {frozenset({p["source"], p["target"]}) for p in report["pairs"]} >= {
        frozenset({EN, NB}),
        frozenset({EN, NN}),
        frozenset({NB, NN}),
    }
    assert all(set(p) == KEYS for p in report["pairs"])


def test_pairs_lists_the_library_as_json_lines_english_side_first(env, folder):
    pairs = listed(env)
    en_nb = pairs[frozenset({EN, NB})]
    assert (en_nb["source"], en_nb["languages"], en_nb["status"]) == (EN, ["en", "nb"], "suggested")
    assert en_nb["source_path"] == str(folder / "interview" / "en_interview_notes.txt")
    assert pairs[frozenset({NB, NN})]["languages"] == ["nb", "nn"]
    text = run(env, "pairs")
    assert text.returncode == 0 and f"{EN}  <->  {NB}" in text.stdout


def test_reject_confirm_add_and_remove_in_either_order(env, folder):
    assert run(env, "pairs", "reject", REPORT_NO, REPORT_EN).returncode == 0
    assert run(env, "pairs", "confirm", NB, EN).returncode == 0
    assert run(env, "pairs", "add", "notes/trap/report_en", "notes/trap/report_no").returncode == 0
    pairs = listed(env)
    assert pairs[frozenset({REPORT_EN, REPORT_NO})]["status"] == "rejected"
    assert pairs[frozenset({EN, NB})]["status"] == "confirmed"
    assert pairs[frozenset({"notes/trap/report_en", "notes/trap/report_no"})]["status"] == "manual"
    assert run(env, "pairs", "remove", "notes/trap/report_no", "notes/trap/report_en").returncode == 0
    assert frozenset({"notes/trap/report_en", "notes/trap/report_no"}) not in listed(env)


def test_pair_errors_are_one_line(env, folder):
    for args, message in (
        (("add", NB, NB), "itself"),
        (("add", EN, "notes/trap/report_en"), "both in English"),
        (("confirm", EN, "missing/doc"), "unknown document id"),
        (("add", EN), "two document ids"),
    ):
        result = run(env, "pairs", *args)
        assert result.returncode == 1 and message in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_export_pairs_of_a_document_uses_its_counterparts(env, folder, tmp_path):
    out = tmp_path / "pairs.tsv"
    result = run(env, "export-pairs", "--doc", EN, "--format", "tsv", "-o", str(out))
    assert result.returncode == 0, result.stderr
    lines = out.read_text(encoding="utf-8").splitlines()[1:]
    assert {line.split("\t")[2] for line in lines} == {"nb", "nn"}  # both counterparts
    assert (
        f"{EN}\ten\tnb\tKari Hansen has worked at the office since 2016.\t"
        "Kari Hansen har jobbet ved kontoret siden 2016."
    ) in lines
