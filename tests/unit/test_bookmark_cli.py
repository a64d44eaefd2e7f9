"""The `bookmarks` command-line contract, run as a user runs it: `python -m viewer bookmarks ...`."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "viewer", "bookmarks", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "cli.sqlite3")


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.slow
def test_add_list_search_remove_restore(db):
    note = "Merknad «æøå» 🎉\nandre linje"
    first = ok(
        run("add", "thesis", "--passage", "thesis:012", "--note", note, "--tag", "IPS", "metode", "--db", db)
    ).strip()
    second = ok(run("add", "article", "--start", "100", "--end", "160", "--tag", "artikkel", "--db", db)).strip()
    pair = ok(run("add", "thesis", "--sentence", "thesis:012.0", "--pair", "thesis:018.0", "--db", db)).strip()
    assert len({first, second, pair}) == 3 and all(len(i) == 36 for i in (first, second, pair))
    lines = ok(run("list", "--db", db)).splitlines()
    assert [line.split("\t")[0] for line in lines] == [pair[:8], second[:8], first[:8]]
    assert lines[2].split("\t")[1:4] == ["ok", "thesis", "thesis:012"]
    records = json.loads(ok(run("list", "--no-check", "--json", "--search", "æøå", "--db", db)))
    assert [r["id"] for r in records] == [first] and records[0]["note"] == note
    assert records[0]["tags"] == ["IPS", "metode"]
    for option, value in (("--tag", "artikkel"), ("--doc", "article")):
        found = json.loads(ok(run("list", "--no-check", "--json", option, value, "--db", db)))
        assert [r["id"] for r in found] == [second]
    assert json.loads(ok(run("list", "--no-check", "--json", "--search", '"zqxj AND ( NEAR*', "--db", db))) == []
    assert "restore" in ok(run("remove", first[:8], "--db", db))
    assert first[:8] not in ok(run("list", "--db", db))
    assert first[:8] in ok(run("list", "--no-check", "--deleted", "--db", db))
    ok(run("restore", first[:8], "--db", db))
    assert first[:8] in ok(run("list", "--db", db))


@pytest.mark.slow
def test_export_and_import_round_trip(db, tmp_path):
    ok(run("add", "thesis", "--passage", "thesis:012", "--note", "en «note»", "--db", db))
    ok(run("add", "news", "--start", "200", "--end", "260", "--db", db))
    md, csv_file, json_file = (tmp_path / f"out.{ext}" for ext in ("md", "csv", "json"))
    ok(run("export", "--format", "md", "-o", str(md), "--db", db))
    assert "Bakkeli, Vidar (2022)" in md.read_text("utf-8") and "en «note»" in md.read_text("utf-8")
    ok(run("export", "--format", "csv", "-o", str(csv_file), "--db", db))
    assert csv_file.read_bytes().startswith(b"\xef\xbb\xbfid,")
    ok(run("export", "--format", "json", "-o", str(json_file), "--db", db))
    assert "0 added, 0 updated, 2 unchanged" in ok(run("import", str(json_file), "--db", db))
    other = str(tmp_path / "other.sqlite3")
    assert "2 added" in ok(run("import", str(json_file), "--db", other))
    assert "0 added" in ok(run("import", str(json_file), "--db", other))
    assert len(json.loads(ok(run("list", "--no-check", "--json", "--db", other)))) == 2
    assert ok(run("export", "--format", "json", "--db", other)).startswith("{")


@pytest.mark.parametrize(
    "args",
    [
        ("add", "nosuchdoc", "--passage", "x:1"),
        ("add", "thesis", "--passage", "thesis:999"),
        ("add", "thesis", "--start", "10", "--end", "99999999"),
        ("add", "thesis", "--start", "10"),
        ("remove", "ffffffff"),
        ("restore", "ab"),
        ("import", "/no/such/file.json"),
    ],
)
def test_user_errors_are_one_line_and_exit_1(db, args):
    result = run(*args, "--db", db)
    assert result.returncode == 1
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr


def test_bad_import_file(db, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something else"}', "utf-8")
    result = run("import", str(bad), "--db", db)
    assert result.returncode == 1 and "not a bookmark export" in result.stderr
    assert result.stderr.count("\n") == 1


def test_damaged_database_is_reported_and_work_goes_on(tmp_path):
    db = tmp_path / "b.sqlite3"
    db.write_bytes(b"definitely not sqlite" * 100)
    result = run("add", "thesis", "--passage", "thesis:012", "--db", str(db))
    assert result.returncode == 0
    assert "warning: the bookmark database was damaged; it was moved to" in result.stderr
    assert len(list(tmp_path.glob("b.sqlite3.corrupt-*"))) == 1
