"""Saved searches: the store (real SQLite files, restarts, names, damage, a newer file, read-only),
the workspace's store, and their round trip through the bookmark export."""

from __future__ import annotations

import json
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from viewer.core.bookmarks.export import parse_json, parse_searches, to_json
from viewer.core.errors import UserError
from viewer.core.paths import user_data_dir
from viewer.core.saved.model import SavedSearch
from viewer.core.saved.store import DB_NAME, SavedSearchStore, SavedSearchStoreError, default_path
from viewer.core.user_stores import open_user_stores


def fill(path: Path, count: int = 300) -> None:
    with SavedSearchStore(path) as store:
        for n in range(count):
            store.save(f"search {n:03}", f'"arbeid og velferd {n}" OR tjeneste* lang:nb {"x" * 40}', lang="nb")
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def test_saved_searches_survive_closing_and_keep_their_fields(tmp_path):
    path = tmp_path / DB_NAME
    with SavedSearchStore(path) as store:
        saved = store.save("  Velferd   i  NAV ", "tjeneste*", lang="nb", doc="thesis", mode="concordance", cross=True)
        assert saved.name == "Velferd i NAV" and saved.created and saved.last_run is None
        store.save("arbeid", "arbeid -lønn", collection="my-folder")
    with SavedSearchStore(path) as store:
        names = [s.name for s in store.list()]
        assert names == ["arbeid", "Velferd i NAV"]  # by name, regardless of case
        got = store.get("velferd i nav")  # names match in any letter case
        assert got == saved
        assert (got.query, got.lang, got.doc, got.mode, got.cross) == ("tjeneste*", "nb", "thesis", "concordance", True)
        assert store.get("arbeid").collection == "my-folder"


def test_saving_a_name_again_replaces_it_keeping_when_it_was_made_and_run(tmp_path):
    with SavedSearchStore(tmp_path / DB_NAME) as store:
        first = store.save("work", "work")
        run = store.touch("WORK")
        assert run.last_run and run.last_run >= first.created
        again = store.save("Work", "work OR arbeid", cross=True)
        assert [s.name for s in store.list()] == ["Work"]
        assert again.created == first.created and again.last_run == run.last_run and again.cross
        assert again.updated > first.updated


def test_rename_remove_and_what_is_refused(tmp_path):
    with SavedSearchStore(tmp_path / DB_NAME) as store:
        store.save("a", "alpha")
        store.save("b", "beta")
        assert store.rename("a", "A new name").name == "A new name"
        assert store.rename("a new name", "A NEW NAME").name == "A NEW NAME"  # a change of case only
        with pytest.raises(UserError, match="already a saved search named 'b'"):
            store.rename("A NEW NAME", "B")
        with pytest.raises(UserError, match="no saved search named 'zzz'"):
            store.rename("zzz", "c")
        with pytest.raises(UserError, match=r"no saved search named 'zzz'.*'A NEW NAME', 'b'"):
            store.touch("zzz")
        for bad in ("", "   ", "x" * 201, "tab\x00"):
            with pytest.raises(UserError):
                store.save(bad, "q")
        with pytest.raises(UserError, match="needs a query"):
            store.save("empty", "  ")
        with pytest.raises(UserError, match="unknown mode"):
            store.save("m", "q", mode="table")
        assert store.remove("b") and not store.remove("b")
        assert [s.name for s in store.list()] == ["A NEW NAME"]


def test_the_default_store_lives_in_the_user_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_path() == user_data_dir() / "searches.sqlite3"
    stores = open_user_stores(bookmarks=False, pairs=False, corrections=False)
    try:
        stores.searches.save("kept", "velferd")
        assert Path(stores.searches.path) == default_path() and default_path().is_file()
    finally:
        stores.searches.close()
    with SavedSearchStore() as store:
        assert [s.name for s in store.list()] == ["kept"]


def test_a_damaged_table_page_is_set_aside_and_the_searches_salvaged(tmp_path):
    path = tmp_path / DB_NAME
    fill(path)
    with sqlite3.connect(path) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'searches'").fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(path.read_bytes())
    data[(root - 1) * size : root * size] = random.Random(5).randbytes(size)  # the table's root page
    path.write_bytes(bytes(data))
    with SavedSearchStore(path) as store:
        assert "was damaged; it was moved to" in (store.notice or "") and store.moved_to is not None
        assert store.moved_to.exists() and len(store.list()) == 300
        assert store.get("search 123").query.startswith('"arbeid og velferd 123"')


def test_a_damaged_file_header_is_set_aside_and_its_searches_salvaged(tmp_path):
    path = tmp_path / DB_NAME
    fill(path, 30)
    data = bytearray(path.read_bytes())
    data[0:100] = random.Random(3).randbytes(100)
    path.write_bytes(bytes(data))
    with SavedSearchStore(path) as store:
        assert "was damaged" in (store.notice or "") and len(store.list()) == 30


def test_a_file_written_by_a_newer_version_is_left_untouched_and_the_workspace_still_opens(tmp_path):
    path = tmp_path / DB_NAME
    SavedSearchStore(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 99")
    before = path.read_bytes()
    with pytest.raises(SavedSearchStoreError, match="newer version"):
        SavedSearchStore(path)
    stores = open_user_stores(bookmarks=False, pairs=False, corrections=False, searches=path)
    try:
        assert any("Saved searches are unavailable" in m for m in stores.messages)
        stores.searches.save("for now", "q")  # kept in memory for this run
        assert path.read_bytes() == before
    finally:
        stores.searches.close()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes read-only files")
def test_a_read_only_store_runs_its_searches_and_refuses_changes_in_one_line(tmp_path):
    path = tmp_path / DB_NAME
    fill(path, 3)
    path.chmod(0o444)
    try:
        with SavedSearchStore(path) as store:
            assert "can be run but not changed" in (store.notice or "")
            assert len(store.list()) == 3 and store.touch("search 001").last_run
            with pytest.raises(SavedSearchStoreError, match="read-only: nothing was saved"):
                store.save("new", "q")
    finally:
        path.chmod(0o644)


def test_saved_searches_go_out_and_come_back_with_the_bookmark_export(tmp_path):
    with SavedSearchStore(tmp_path / "a.sqlite3") as store:
        store.save("velferd", "velferd*", lang="nb", mode="concordance", cross=True)
        store.touch("velferd")
        store.save("work", "work", doc="thesis")
        exported = store.list()
    data = to_json([], exported)
    assert json.loads(data)["searches"][0]["name"] == "velferd"
    assert parse_searches(data) == exported and parse_json(data) == []
    with SavedSearchStore(tmp_path / "b.sqlite3") as other:
        other.save("work", "an older query")  # saved now: newer than the export's, so it stays
        assert other.merge(parse_searches(data)) == (1, 0)
        assert other.merge(parse_searches(data)) == (0, 0)  # no duplicates
        assert other.get("velferd") == exported[0] and other.get("work").query == "an older query"


def test_an_export_without_searches_still_imports_and_bad_searches_are_refused():
    old = to_json([])
    assert "searches" not in json.loads(old)  # without searches: the export is as it was
    assert parse_searches(old) == [] and parse_json(old) == []
    document = json.loads(old)
    document["searches"] = [{"name": "x", "query": "q", "future_field": 1}]  # a newer export's extra field
    assert parse_searches(json.dumps(document)) == [SavedSearch("x", "q")]
    document["searches"] = [{"name": "x"}]
    with pytest.raises(UserError, match='saved search 1: a saved search has no text "query"'):
        parse_searches(json.dumps(document))
    document["searches"] = [{"name": "x", "query": "q", "mode": "grid"}]
    with pytest.raises(UserError, match="unknown mode"):
        parse_searches(json.dumps(document))


def cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "viewer", *args], capture_output=True, text=True, env=env, timeout=120)


def test_save_run_rename_remove_and_export_on_the_command_line(tmp_path):
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    assert cli("searches", "save", "impl", "implementation", "--cross", env=env).returncode == 0
    saved = cli("searches", "save", "Tjenester", "tjeneste*", "--mode", "concordance", "--lang", "nb", env=env)
    assert saved.returncode == 0 and "saved 'Tjenester'" in saved.stdout
    records = [json.loads(line) for line in cli("searches", "list", "--json", env=env).stdout.splitlines()]
    assert [(r["name"], r["mode"], r["cross"], r["last_run"]) for r in records] == [
        ("impl", "passages", True, None),
        ("Tjenester", "concordance", False, None),
    ]
    hits = cli("searches", "run", "impl", "--json", "--limit", "50", env=env)
    assert hits.returncode == 0, hits.stderr
    found = [json.loads(line) for line in hits.stdout.splitlines()]
    assert found[0]["via"] == [] and any("implementering" in h["via"] for h in found)  # searched across languages
    lines = [json.loads(line) for line in cli("searches", "run", "tjenester", "--json", env=env).stdout.splitlines()]
    assert lines and all(line["lang"] == "nb" and "match" in line for line in lines)  # a concordance
    assert cli("searches", "list", "--json", env=env).stdout.count('"last_run": null') == 0
    exported = cli("bookmarks", "export", "--format", "json", env=env)
    assert [s["name"] for s in json.loads(exported.stdout)["searches"]] == ["impl", "Tjenester"]
    assert cli("searches", "rename", "impl", "Tjenester", env=env).returncode == 1  # the name is taken
    assert cli("searches", "remove", "impl", env=env).returncode == 0
    missing = cli("searches", "run", "impl", env=env)
    assert missing.returncode == 1 and "no saved search named 'impl'" in missing.stderr
    (tmp_path / "export.json").write_text(exported.stdout, encoding="utf-8")
    back = cli("bookmarks", "import", str(tmp_path / "export.json"), env=env)
    assert "2 saved search(es): 1 added, 0 replaced, 1 unchanged" in back.stdout
    assert "impl" in cli("searches", env=env).stdout
