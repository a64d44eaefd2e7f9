"""Faults that cost committed user data before (issue 12), each a fast test on real files, no mocks:
a damaged write-ahead log, damage quick_check does not see (text that is not UTF-8), a truncated,
empty or header-damaged file, read-only and full disks. benchmarks/store_faults_bench.py runs the
same trials many times and prints the figures."""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from viewer.core.bookmarks.store import BookmarkStore
from viewer.core.corpus.model import Document, DocumentMeta
from viewer.core.errors import UserError
from viewer.core.library.registry import FileRecord, Registry
from viewer.core.storage import files, pages, wal

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "data" / "bookmarks"))
from writer import TEXT, note_for  # noqa: E402

DOC = Document(id="faults", text=TEXT, meta=DocumentMeta(title="Faults", kind="plain"), passages=())
PAGE = 4096


def fill(path: Path, count: int, label: str = "b") -> dict[str, str]:
    with BookmarkStore(path) as store:
        return {
            store.add(
                DOC, start=n % 500, end=n % 500 + 30, note=note_for(label, n), tags=[label, f"n{n}"]
            ).id: note_for(label, n)
            for n in range(count)
        }


@contextlib.contextmanager
def held(path: Path):
    """Another connection open on the store, so its log is not checkpointed away on close."""
    BookmarkStore(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("SELECT count(*) FROM sqlite_master").fetchall()
    try:
        yield holder
    finally:
        holder.close()


def crash_copy(source: Path, target: Path) -> Path:
    """The database and its log as they are on disk now (as a crash would leave them)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    shutil.copyfile(f"{source}-wal", f"{target}-wal")
    return target


def logged(tmp: Path, count: int = 50) -> tuple[Path, dict[str, str]]:
    source = tmp / "live" / "b.sqlite3"
    source.parent.mkdir()
    with held(source):
        notes = fill(source, count, "w")
        path = crash_copy(source, tmp / "b.sqlite3")
    return path, notes


def back(path: Path, notes: dict[str, str]) -> tuple[int, BookmarkStore]:
    store = BookmarkStore(path)
    found = store.list(deleted="include")
    return sum(notes.get(b.id) == b.note for b in found), store


def damage(path: Path, offset: int, data: bytes) -> None:
    with open(path, "r+b") as handle:
        handle.seek(offset)
        handle.write(data)


# --- the write-ahead log ---------------------------------------------------------------------


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_garbage_in_the_log_loses_no_committed_bookmark(tmp_path, seed):
    path, notes = logged(tmp_path)
    log_file = Path(f"{path}-wal")
    rng = random.Random(seed)
    damage(log_file, rng.randrange(32, log_file.stat().st_size // 2), rng.randbytes(16))
    damaged = log_file.read_bytes()
    assert wal.inspect(path).damaged
    count, store = back(path, notes)
    with store:
        assert count == 50
        assert "write-ahead log of the bookmark database" in (store.notice or "")
        assert "that would have been lost were recovered from it" in (store.notice or "")
        assert all(len(b.tags) == 2 for b in store.list())  # the tags came back too
        assert [b.note for b in store.list(query="bokmerke 49")] == [note_for("w", 49)]  # and the search index
        kept = store.moved_to
    assert kept is not None and Path(f"{kept}-wal").read_bytes() == damaged  # the damaged log is kept
    again = BookmarkStore(path)  # said once
    assert again.notice is None and again.count() == 50
    again.close()


def test_a_damaged_log_header_loses_nothing(tmp_path):
    path, notes = logged(tmp_path)
    damage(Path(f"{path}-wal"), 0, b"\xa5" * 32)
    count, store = back(path, notes)
    with store:
        assert count == 50 and "its header is damaged" in (store.notice or "")


def test_a_change_after_the_damage_wins_over_the_older_row(tmp_path):
    source = tmp_path / "live" / "b.sqlite3"
    source.parent.mkdir()
    with held(source):
        notes = fill(source, 10, "u")
        first = next(iter(notes))
        with BookmarkStore(source) as store:
            store.update(first, note="changed after the damage")
        path = crash_copy(source, tmp_path / "b.sqlite3")
    frames = wal.inspect(path).frames
    damage(Path(f"{path}-wal"), frames[len(frames) // 3].offset + 100, b"\x00" * 16)
    with BookmarkStore(path) as store:
        assert store.get(first).note == "changed after the damage"
        assert store.count() == 10


def test_a_sound_log_with_frames_of_an_earlier_round_is_not_damage(tmp_path):
    source = tmp_path / "live" / "b.sqlite3"
    source.parent.mkdir()
    with held(source) as holder:
        notes = fill(source, 20, "a")
        holder.execute("PRAGMA wal_checkpoint(RESTART)")  # the next write starts the log again
        notes |= fill(source, 2, "z")
        path = crash_copy(source, tmp_path / "b.sqlite3")
    report = wal.inspect(path)
    assert report is not None and not report.damaged
    assert len(report.frames) < (report.size - 32) // (PAGE + 24)  # older frames follow, another salt
    count, store = back(path, notes)
    with store:
        assert count == 22 and store.notice is None
    assert not list(tmp_path.glob("b.sqlite3.corrupt-*"))


def test_an_interrupted_last_write_is_not_damage(tmp_path):
    path, notes = logged(tmp_path, count=5)
    log_file = Path(f"{path}-wal")
    last = wal.inspect(path).frames[-1]
    header = log_file.read_bytes()[last.offset : last.offset + 24]
    with open(log_file, "ab") as handle:  # a frame header written, its page not (a kill between the two)
        handle.write(header[:4] + b"\0\0\0\0" + header[8:] + random.Random(5).randbytes(PAGE))
        handle.write(header[:10])  # and a few bytes of the next one
    assert not wal.inspect(path).damaged
    count, store = back(path, notes)
    with store:
        assert count == 5 and store.notice is None
    assert not list(tmp_path.glob("b.sqlite3.corrupt-*"))


def test_an_empty_database_beside_its_log_is_rebuilt_from_the_log(tmp_path):
    path, notes = logged(tmp_path)
    os.truncate(path, 0)  # SQLite would start afresh and delete the log
    count, store = back(path, notes)
    with store:
        assert count == 50
        assert "was empty (0 bytes)" in (store.notice or "")
        assert "with the 50 bookmark(s) its write-ahead log still held" in (store.notice or "")


# --- the database file -----------------------------------------------------------------------


def test_a_zero_length_file_is_set_aside_and_said(tmp_path):
    path = tmp_path / "b.sqlite3"
    fill(path, 5)
    os.truncate(path, 0)
    with BookmarkStore(path) as store:
        assert store.count() == 0
        assert store.notice == (
            f"the bookmark database {path} was empty (0 bytes), which this program never leaves"
            f" behind: it was set aside as {store.moved_to} (not deleted) and a new one started;"
            " if it held bookmark(s), restore them from a backup or an export"
        )
        assert store.moved_to is not None and store.moved_to.stat().st_size == 0
    with BookmarkStore(path) as again:
        assert again.notice is None


def test_a_new_store_is_made_whole_or_not_at_all(tmp_path):
    path = tmp_path / "new.sqlite3"
    with BookmarkStore(path) as store:
        assert store.notice is None
    assert path.stat().st_size > 0 and sorted(p.name for p in tmp_path.iterdir()) == ["new.sqlite3"]

    def fail(temporary: str) -> None:
        Path(temporary).write_bytes(b"half")
        raise OSError("killed")

    with pytest.raises(OSError):
        files.create_new(tmp_path / "other.sqlite3", fail)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.sqlite3"]  # nothing empty or half-made left


def test_a_file_cut_by_one_page_keeps_every_row_not_on_that_page(tmp_path):
    path = tmp_path / "b.sqlite3"
    notes = fill(path, 300)
    with sqlite3.connect(path) as conn:
        last = path.stat().st_size // PAGE
        on_last = conn.execute(
            "SELECT coalesce(sum(ncell), 0) FROM dbstat WHERE name = 'bookmarks' AND pageno = ? AND pagetype = 'leaf'",
            (last,),
        ).fetchone()[0]
    data = path.read_bytes()
    os.truncate(path, len(data) - PAGE)
    count, store = back(path, notes)
    with store:
        assert count == 300 - on_last and "was damaged; it was moved to" in (store.notice or "")
        assert store.moved_to is not None and store.moved_to.read_bytes() == data[:-PAGE]


@pytest.mark.parametrize("where", ["page 1", "header", "root"])
def test_rows_sqlite_cannot_reach_are_read_page_by_page(tmp_path, where):
    path = tmp_path / "b.sqlite3"
    notes = fill(path, 300)
    with sqlite3.connect(path) as conn:
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'bookmarks'").fetchone()[0]
    offset, size = {"page 1": (0, PAGE), "header": (0, 100), "root": ((root - 1) * PAGE, PAGE)}[where]
    damage(path, offset, random.Random(7).randbytes(size))
    count, store = back(path, notes)
    with store:
        assert count == 300 and "could still be read" in (store.notice or "")
        assert sum(len(b.tags) for b in store.list()) == 600
        assert [b.note for b in store.list(query="bokmerke 123")] == [note_for("b", 123)]


def test_the_collection_list_is_read_page_by_page_too(tmp_path):
    path = tmp_path / "collections.sqlite3"
    registry = Registry(path)
    for c in range(3):
        collection = registry.add("folder", [Path(f"/research/f{c}")])
        for f in range(100):
            registry.put(collection.id, FileRecord(f"{f:03d}.txt", f, f, "ab" * 32, f"{collection.id}/{f}", "imported"))
    registry.close()
    damage(path, 0, random.Random(3).randbytes(PAGE))
    registry = Registry(path)
    assert "with the 3 collection(s) that could still be read" in registry.notice
    assert sum(len(registry.files(c.id)) for c in registry.collections()) == 300
    registry.close()


def test_a_record_is_read_as_sqlite_writes_it():
    with contextlib.closing(sqlite3.connect(":memory:")) as conn:
        conn.execute("CREATE TABLE t (a, b, c, d, e)")
        conn.execute("INSERT INTO t VALUES (-70000, 2.5, 'æø«»🎉', x'00ff', NULL)")
        conn.commit()
        data = conn.serialize()
    image = pages.File(data, pages.header(data).page_size)
    _kind, cells, _right, bad = image.cells(2)
    assert bad == 0 and pages.record(cells[0].payload) == ([-70000, 2.5, "æø«»🎉", b"\x00\xff", None], 0)


# --- text that is not UTF-8 ------------------------------------------------------------------


def test_text_that_is_not_utf8_is_repaired_once_and_said(tmp_path):
    path = tmp_path / "b.sqlite3"
    notes = fill(path, 20)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE bookmarks SET note = CAST(x'6869ff' AS TEXT) WHERE seq = 5")
        conn.execute("UPDATE tags SET tag = CAST(x'74ff' AS TEXT) WHERE tag = 'n7'")
    with BookmarkStore(path) as store:
        listed = store.list()
        assert len(listed) == 20
        assert store.notice is not None and store.notice.startswith(
            "2 row(s) of the bookmark database had text that is not valid UTF-8"
        )
        assert "kept with replacement characters" in store.notice
        assert sorted(b.note for b in listed if b.note not in notes.values()) == ["hi\ufffd"]
        assert any("t\ufffd" in b.tags for b in listed)
        store.add(DOC, start=0, end=10, note="after")
        kept = sorted(tmp_path.glob("b.sqlite3.corrupt-*"))
    assert len(kept) == 1
    with sqlite3.connect(kept[0]) as old:  # the original bytes are kept
        assert old.execute("SELECT CAST(note AS BLOB) FROM bookmarks WHERE seq = 5").fetchone() == (b"hi\xff",)
    with BookmarkStore(path) as again:
        assert again.notice is None and again.count() == 21


# --- read-only and full disks ----------------------------------------------------------------

CHILD = """
import json, sys
from viewer.core.bookmarks.store import BookmarkStore
from viewer.core.corpus.model import Document, DocumentMeta
from viewer.core.errors import UserError
doc = Document(id="faults", text="x" * 400, meta=DocumentMeta(title="t", kind="plain"), passages=())
store = BookmarkStore(sys.argv[1])
out = {"notice": store.notice, "notes": sorted(b.note for b in store.list(query=None))}
try:
    store.add(doc, start=0, end=10)
    out["add"] = "added"
except UserError as exc:
    out["add"] = str(exc)
print(json.dumps(out))
"""


@pytest.fixture()
def shared_tmp():
    folder = Path(tempfile.mkdtemp(prefix="store-ro-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def unprivileged(*command: str) -> subprocess.CompletedProcess[str]:
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv: file permissions cannot be enforced")
        command = (
            "setpriv",
            "--inh-caps=-all",
            "--bounding-set=-dac_override,-dac_read_search,-fowner",
            "--",
            *command,
        )
    return subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=ROOT)


def test_a_read_only_bookmark_file_is_read_and_changes_are_one_line(shared_tmp):
    path = shared_tmp / "b.sqlite3"
    notes = fill(path, 5)
    path.chmod(0o444)
    before = path.read_bytes()
    result = unprivileged(sys.executable, "-c", CHILD, str(path))
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.splitlines()[-1])
    assert out["notes"] == sorted(notes.values())
    assert out["notice"] == (
        f"the bookmark database {path} is read-only: the bookmarks can be read but not added or changed"
    )
    assert out["add"] == f"the bookmark database {path} is read-only: nothing was saved"
    assert path.read_bytes() == before
    cli = unprivileged(sys.executable, "-m", "viewer", "bookmarks", "remove", "--db", str(path), next(iter(notes)))
    assert cli.returncode == 1 and "Traceback" not in cli.stderr
    assert cli.stderr.strip().splitlines()[-1] == f"error: the bookmark database {path} is read-only: nothing was saved"


@pytest.fixture()
def tiny_disk():
    folder = Path(tempfile.mkdtemp(prefix="store-full-"))
    if (
        os.geteuid() != 0
        or subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder)], capture_output=True
        ).returncode
        != 0
    ):
        folder.rmdir()
        pytest.skip("cannot mount a tiny tmpfs here (needs root and mount rights)")
    yield folder
    subprocess.run(["umount", str(folder)], check=False)
    folder.rmdir()


def fill_disk(folder: Path) -> None:
    handle = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        while True:
            os.write(handle, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(handle)


def test_a_full_disk_refuses_each_add_in_one_line_and_keeps_reading(tiny_disk):
    path = tiny_disk / "b.sqlite3"
    notes = fill(path, 5)
    with BookmarkStore(path) as store:
        fill_disk(tiny_disk)
        for n in range(30):
            with pytest.raises(UserError) as info:
                store.add(DOC, start=n, end=n + 30, note="y" * 3000 + str(n))
            assert str(info.value) == "the disk is full: nothing was saved"
        assert {b.id: b.note for b in store.list()} == notes
    fill_disk(tiny_disk)  # (closing freed the log's space)
    with BookmarkStore(path) as again:  # opened again on the full disk: read-only (said so) or refused at commit
        if again.unwritable:
            assert again.unwritable == "the disk is full"
            assert "cannot be written (the disk is full)" in (again.notice or "")
        assert {b.id: b.note for b in again.list()} == notes
        with pytest.raises(UserError, match=r"^the disk is full: nothing was saved$"):
            again.add(DOC, start=0, end=10)


def test_a_full_data_folder_still_lists_the_collections(tiny_disk):
    path = tiny_disk / "collections.sqlite3"
    registry = Registry(path)
    registry.add("folder", [Path("/research/a")])
    registry.close()
    fill_disk(tiny_disk)
    registry = Registry(path)
    assert registry.notice == (
        f"the collection list {path} cannot be written (the disk is full): the collections can"
        " be used but not added, refreshed or removed"
    )
    assert [c.id for c in registry.collections()] == ["a"]
    with pytest.raises(UserError, match=r"^the disk is full: nothing was saved$"):
        registry.add("folder", [Path("/research/b")])
    registry.close()
