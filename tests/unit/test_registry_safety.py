"""The collection list is user data: damaged, truncated, newer, read-only, unwritable, full or busy,
it never loses what can be read and never stops the bundled corpus from opening. Real files, no mocks."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from viewer.core.errors import UserError
from viewer.core.library.registry import SCHEMA_VERSION, FileRecord, Registry, RegistryBusy, RegistryError

ROOT = Path(__file__).resolve().parents[2]

# The registry's DDL before it had migrations, as it ran on every open (files in the wild have it).
UNVERSIONED_SCHEMA = """
CREATE TABLE IF NOT EXISTS collections (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, paths TEXT NOT NULL,
    added REAL NOT NULL, position INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS files (
    collection TEXT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
    path TEXT NOT NULL, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, sha256 TEXT NOT NULL,
    doc_id TEXT NOT NULL, status TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (collection, path)
);
CREATE INDEX IF NOT EXISTS files_doc ON files (doc_id);
"""


def filled(path: Path, collections: int = 4, files: int = 300) -> dict[str, int]:
    """A registry with `collections` folder collections of `files` records each; closed (WAL merged)."""
    registry = Registry(path)
    for c in range(collections):
        collection = registry.add("folder", [Path(f"/research/folder{c}")])
        for f in range(files):
            registry.put(
                collection.id,
                FileRecord(
                    f"notes/{f:04d}-{'long-name-' * 4}.txt", f, f * 1000, "ab" * 32, f"{collection.id}/{f}", "imported"
                ),
            )
    counts = {c.id: len(registry.files(c.id)) for c in registry.collections()}
    registry.close()
    return counts


def one_line(exc: BaseException) -> str:
    text = str(exc)
    assert "\n" not in text and text
    return text


def test_a_garbage_file_is_moved_aside_and_a_fresh_list_started(tmp_path):
    path = tmp_path / "collections.sqlite3"
    garbage = b"\x00garbage, not SQLite\xff" * 2000
    path.write_bytes(garbage)
    registry = Registry(path)
    moved = list(tmp_path.glob("collections.sqlite3.corrupt-*"))
    assert [m.read_bytes() for m in moved] == [garbage]  # kept, not deleted
    assert registry.notice == (
        f"the collection list was damaged; it was moved to {moved[0]} (not deleted) and a"
        " new one started with the 0 collection(s) that could still be read"
    )
    assert registry.collections() == []
    registry.add("folder", [tmp_path / "new"])
    registry.close()
    again = Registry(path)
    assert again.notice == "" and [c.id for c in again.collections()] == ["new"]
    again.close()


def test_a_page_of_garbage_costs_only_the_rows_on_it(tmp_path):
    path = tmp_path / "collections.sqlite3"
    counts = filled(path)
    with sqlite3.connect(path) as conn:
        leaves = [
            r[0]
            for r in conn.execute(
                "SELECT pageno FROM dbstat WHERE name = 'files' AND pagetype = 'leaf' ORDER BY pageno"
            )
        ]
        page = conn.execute("PRAGMA page_size").fetchone()[0]
    original = path.read_bytes()
    with open(path, "r+b") as handle:  # overwrite one page of file rows with garbage
        handle.seek((leaves[len(leaves) // 2] - 1) * page)
        handle.write(os.urandom(page))
    registry = Registry(path)
    assert "was damaged; it was moved to" in registry.notice
    assert "with the 4 collection(s) that could still be read" in registry.notice
    assert {c.id: c.paths for c in registry.collections()} == {
        f"folder{c}": (Path(f"/research/folder{c}"),) for c in range(4)
    }
    salvaged = sum(len(registry.files(c)) for c in counts)
    assert sum(counts.values()) - 100 < salvaged < sum(counts.values())  # one page lost, the rest back
    registry.close()
    (moved,) = tmp_path.glob("collections.sqlite3.corrupt-*[0-9Z]")
    assert moved.stat().st_size == len(original)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)


def test_a_truncated_file_gives_back_what_it_still_holds(tmp_path):
    path = tmp_path / "collections.sqlite3"
    filled(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    registry = Registry(path)
    assert "was damaged; it was moved to" in registry.notice
    assert len(registry.collections()) == 4  # they sit on the first pages
    assert 0 < sum(len(registry.files(c.id)) for c in registry.collections()) < 4 * 300
    registry.add("folder", [tmp_path / "more"])  # and the fresh list works
    registry.close()
    assert [p.read_bytes() for p in tmp_path.glob("collections.sqlite3.corrupt-*[0-9Z]")] == [data[: len(data) // 2]]


def test_a_newer_file_is_refused_in_one_line_and_left_untouched(tmp_path):
    path = tmp_path / "collections.sqlite3"
    filled(path, collections=1, files=1)
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    with pytest.raises(RegistryError) as info:
        Registry(path)
    assert isinstance(info.value, UserError)
    assert one_line(info.value) == (
        f"the collection list {path} was written by a newer version of this program"
        f" (schema version {SCHEMA_VERSION + 1} is newer than this program's"
        f" {SCHEMA_VERSION}); it was left untouched"
    )
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.corrupt-*")) and not list(tmp_path.glob("*backup*"))


def test_a_version_1_file_is_upgraded_with_its_rows_and_a_backup(tmp_path):
    path = tmp_path / "collections.sqlite3"
    conn = sqlite3.connect(path)  # exactly what the registry did before it had migrations
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.executescript(UNVERSIONED_SCHEMA)
    conn.execute("PRAGMA user_version=1")
    with conn:
        conn.execute(
            "INSERT INTO collections VALUES ('notes', 'Notes', 'folder', ?, 1.5, 1)", (json.dumps(["/home/u/Notes"]),)
        )
        conn.execute("INSERT INTO files VALUES ('notes', 'a.txt', 10, 20, 'ff', 'notes/a', 'imported', '')")
        conn.execute("INSERT INTO files VALUES ('notes', 'b.pdf', 1, 2, '', '', 'skipped', 'permission denied')")
    schema_before = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    conn.close()
    registry = Registry(path)
    assert registry.notice.startswith("the collection list was upgraded from version 1")
    assert [(c.id, c.name, c.kind, c.paths) for c in registry.collections()] == [
        ("notes", "Notes", "folder", (Path("/home/u/Notes"),))
    ]
    assert registry.files("notes") == {
        "a.txt": FileRecord("a.txt", 10, 20, "ff", "notes/a", "imported"),
        "b.pdf": FileRecord("b.pdf", 1, 2, "", "", "skipped", "permission denied"),
    }
    assert registry.doc_ids() == {"notes/a"}
    registry.close()
    with sqlite3.connect(path) as conn:  # the old tables as they were, the user's details table added
        schema = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
        assert [row for row in schema if "metadata" not in row[1]] == schema_before
        assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    backups = list(tmp_path.glob("*v1-backup*"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as old:  # the backup is the file as it was
        assert old.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall() == schema_before


def test_a_file_with_the_tables_but_no_version_is_adopted(tmp_path):
    path = tmp_path / "collections.sqlite3"
    with sqlite3.connect(path) as conn:  # killed between creating the tables and setting the version
        conn.executescript(UNVERSIONED_SCHEMA)
        conn.execute("INSERT INTO collections VALUES ('x', 'X', 'files', '[\"/a.txt\"]', 1.0, 1)")
    registry = Registry(path)
    assert registry.notice == "" and [c.id for c in registry.collections()] == ["x"]
    registry.close()


def test_a_data_folder_that_cannot_be_created_gives_an_empty_list_in_memory(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    path = blocker / "corpus-viewer" / "collections.sqlite3"
    registry = Registry(path)
    assert registry.notice.startswith("the collections are unavailable (cannot create the data folder")
    assert "only the bundled corpus can be read" in registry.notice
    assert registry.collections() == [] and registry.doc_ids() == set() and registry.files("x") == {}
    with pytest.raises(UserError) as info:
        registry.add("folder", [tmp_path])
    assert one_line(info.value).startswith(f"the collection list {path} cannot be written (cannot create")
    assert one_line(info.value).endswith(": nothing was saved")
    registry.close()
    assert blocker.read_text() == "a file where the data folder should be"


def test_a_full_disk_is_one_line_and_nothing_is_half_saved(tmp_path):
    path = tmp_path / "collections.sqlite3"
    registry = Registry(path)
    collection = registry.add("folder", [tmp_path / "big"])
    pages = registry._conn.execute("PRAGMA page_count").fetchone()[0]
    registry._conn.execute(f"PRAGMA max_page_count = {pages}")  # SQLite's own SQLITE_FULL, as on a full disk
    with pytest.raises(UserError) as info:
        for n in range(100):
            registry.put(collection.id, FileRecord(f"{n}-{'x' * 2000}", n, n, "00", f"big/{n}", "imported"))
    assert one_line(info.value) == "the disk is full: nothing was saved"
    kept = registry.files(collection.id)
    registry._conn.execute("PRAGMA max_page_count = 1073741823")
    registry.put(collection.id, FileRecord("after", 1, 1, "00", "big/after", "imported"))
    assert set(registry.files(collection.id)) == {*kept, "after"}
    registry.close()


def test_a_held_write_lock_is_one_busy_line(tmp_path):
    path = tmp_path / "collections.sqlite3"
    registry = Registry(path, timeout=0.2)
    registry.add("folder", [tmp_path / "a"])
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(RegistryBusy) as info:
            registry.add("folder", [tmp_path / "b"])
        assert one_line(info.value) == (
            f"the collection list {path} is in use by another program; waited 0.2 s, try again (nothing was changed)"
        )
        assert [c.id for c in registry.collections()] == ["a"]  # reading still works
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    registry.add("folder", [tmp_path / "b"])
    registry.close()


# --- read-only files and folders: checked in a child process without the right to override file
# permissions (as root, by dropping CAP_DAC_OVERRIDE with setpriv), so the denial is the kernel's.

CHILD = """
import json, sys
from pathlib import Path
from viewer.core.errors import UserError
from viewer.core.library.registry import Registry
registry = Registry(Path(sys.argv[1]))
out = {"notice": registry.notice, "collections": [c.id for c in registry.collections()],
       "files": {c.id: len(registry.files(c.id)) for c in registry.collections()}}
try:
    registry.add("folder", [Path("/somewhere/else")])
    out["add"] = "added"
except UserError as exc:
    out["add"] = str(exc)
registry.close()
print(json.dumps(out))
"""


@pytest.fixture()
def shared_tmp():
    """A folder the unprivileged child can reach (pytest's own tmp folder is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="registry-ro-"))
    folder.chmod(0o755)
    yield folder
    for sub in folder.rglob("*"):
        if sub.is_dir():
            sub.chmod(0o755)
    shutil.rmtree(folder)


def run_unprivileged(path: Path) -> dict[str, object]:
    command = [sys.executable, "-c", CHILD, str(path)]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: file permissions cannot be enforced")
        command = [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner", "--", *command]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_a_read_only_file_still_lists_collections_but_refuses_changes(shared_tmp):
    path = shared_tmp / "collections.sqlite3"
    counts = filled(path, collections=2, files=5)
    path.chmod(0o444)
    before = path.read_bytes()
    out = run_unprivileged(path)
    assert out["collections"] == ["folder0", "folder1"] and out["files"] == counts
    assert out["notice"] == (
        f"the collection list {path} is read-only: the collections can be used but not added, refreshed or removed"
    )
    assert out["add"] == f"the collection list {path} is read-only: nothing was saved"
    assert path.read_bytes() == before


def test_a_list_in_a_read_only_folder_is_still_read(shared_tmp):
    folder = shared_tmp / "data"
    folder.mkdir()
    path = folder / "collections.sqlite3"
    counts = filled(path, collections=1, files=3)
    folder.chmod(0o555)  # no -shm can be made next to the WAL file
    out = run_unprivileged(path)
    assert out["collections"] == ["folder0"] and out["files"] == counts
    assert out["notice"] == (
        f"the collection list {path} cannot be written (the data folder {folder} is read-only):"
        " the collections can be used but not added, refreshed or removed"
    )
    assert out["add"] == (
        f"the collection list {path} cannot be written (the data folder {folder} is read-only): nothing was saved"
    )


def test_a_read_only_data_folder_without_a_list_gives_an_empty_one(shared_tmp):
    folder = shared_tmp / "data"
    folder.mkdir()
    folder.chmod(0o555)
    path = folder / "collections.sqlite3"
    out = run_unprivileged(path)
    assert out["collections"] == []
    assert out["notice"] == (
        f"the collections are unavailable (the data folder {folder} is read-only): only the bundled corpus can be read"
    )
    assert out["add"] == (
        f"the collection list {path} cannot be written (the data folder {folder} is read-only): nothing was saved"
    )
    assert not path.exists()


# --- the command line ----------------------------------------------------------------------------


def test_show_works_with_a_garbage_collection_list(tmp_path):
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    ask = "from viewer.core.paths import user_data_dir; print(user_data_dir())"
    where = subprocess.run([sys.executable, "-c", ask], capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    data = Path(where.stdout.strip())
    assert data.is_relative_to(tmp_path)
    data.mkdir(parents=True)
    (data / "collections.sqlite3").write_bytes(b"this is not a database" * 200)
    result = subprocess.run(
        [sys.executable, "-m", "viewer", "show", "thesis"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "Drawing on interviews and fieldwork" in result.stdout
    assert "warning: the collection list was damaged; it was moved to" in result.stderr
    assert len(list(data.glob("collections.sqlite3.corrupt-*"))) == 1
