"""`python -m viewer index` and `python -m viewer search` as a user runs them (subprocesses, own cache)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict[str, str]:
    return {**os.environ, "XDG_CACHE_HOME": str(tmp_path_factory.mktemp("cli-cache"))}


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "viewer", *args], capture_output=True, text=True, timeout=300, env=env)


def test_index_builds_then_reports_up_to_date_then_rebuilds(env):
    first = run(env, "index")
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("built the index: ") and " s " in first.stdout
    assert env["XDG_CACHE_HOME"] in first.stdout
    second = run(env, "index")
    assert second.stdout.startswith("index is up to date: ")
    third = run(env, "index", "--rebuild")
    assert third.stdout.startswith("rebuilt the index: ")


def test_search_prints_ranked_hits_with_marked_snippets(env):
    result = run(env, "search", "implementere", "--limit", "3")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("4 hits; showing 3")
    assert lines[1].split()[:3] == ["1.", lines[1].split()[1], "nb"] and lines[1].split()[1].startswith("thesis:")
    assert "**implementer" in lines[2]


def test_search_json_lines_carry_offsets_into_the_document(env, corpus):
    result = run(env, "search", "services", "--lang", "en", "--doc", "project", "--json", "--limit", "5")
    assert result.returncode == 0, result.stderr
    hits = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(hits) == 5
    for hit in hits:
        assert {"doc", "passage", "lang", "score", "snippet", "matches"} <= hit.keys()
        assert hit["doc"] == "project" and hit["lang"] == "en"
        text = corpus.get("project").text
        assert {text[s:e].lower() for s, e in hit["matches"]} <= {"service", "services"}
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


@pytest.mark.parametrize("query", ['"unclosed', "(", "-", "og i på", "x" * 10_000])
def test_malformed_query_is_a_note_and_exit_zero(env, query):
    result = run(env, "search", query)
    assert result.returncode == 0
    assert result.stderr.startswith("note: ") and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_unknown_document_is_a_one_line_error(env):
    result = run(env, "search", "NAV", "--doc", "nope")
    assert result.returncode == 1
    assert result.stderr.startswith("error: unknown document id 'nope'") and result.stdout == ""


@pytest.mark.parametrize(
    "args",
    [
        ("-implementering", "work"),
        ("work", "-implementering", "--limit", "50"),
        ("--limit=50", "work", "-implementering"),
    ],
)
def test_minus_word_is_query_syntax_not_an_option(env, args):
    excluded = run(env, "search", *args, "--json")
    assert excluded.returncode == 0, excluded.stderr
    hits = [json.loads(line) for line in excluded.stdout.splitlines()]
    everything = [
        json.loads(line) for line in run(env, "search", "work", "--limit", "50", "--json").stdout.splitlines()
    ]
    assert hits and len(hits) < len(everything)
    assert not any("implement" in h["snippet"].lower() for h in hits)
