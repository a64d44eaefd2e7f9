"""The index is a cache: read-only and full folders, foreign and garbage locks never stop a search."""

from __future__ import annotations

import errno
import json
import os
import socket
import subprocess
import sys
import time

import pytest

from viewer.core.search import build, store
from viewer.core.search import lock as locks
from viewer.core.search.cache import IndexCache


def hit_ids(ix, query="implementering"):
    return [h.passage_id for h in ix.search(query, pagelen=50).hits]


@pytest.fixture
def expected(corpus, tmp_path):
    with IndexCache(tmp_path / "reference").open(corpus) as ix:
        return hit_ids(ix)


def test_a_read_only_index_folder_without_an_index_searches_in_memory(corpus, tmp_path, expected, monkeypatch):
    """A read-only mount (EROFS when the build lock is created: as root, chmod alone cannot show it)."""
    root = tmp_path / "index"
    root.mkdir()

    def read_only(self):
        raise OSError(errno.EROFS, "Read-only file system", str(self.path))

    monkeypatch.setattr(locks.BuildLock, "try_acquire", read_only)
    with IndexCache(root).open(corpus) as ix:
        assert ix.status.action == "in-memory" and "cannot be written" in ix.status.messages[-1]
        assert hit_ids(ix) == expected


def test_a_full_disk_during_the_build_searches_in_memory_and_recovers(corpus, tmp_path, expected, monkeypatch):
    root = tmp_path / "index"
    real = build.build_into

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(build, "build_into", full)
    with IndexCache(root).open(corpus) as ix:
        assert ix.status.action == "in-memory" and "disk" in ix.status.messages[-1] and "full" in ix.status.messages[-1]
        assert hit_ids(ix) == expected
    assert not list(root.glob("*.lock")) and not list(root.glob("*.tmp-*"))  # nothing half-done left behind
    monkeypatch.setattr(build, "build_into", real)  # space was freed
    with IndexCache(root).open(corpus) as ix:
        assert ix.status.action == "built" and hit_ids(ix) == expected


@pytest.mark.parametrize("content", [b"", b"\x00garbage", b'{"pid": 1'])
def test_an_empty_or_garbage_lock_is_stale_after_a_few_seconds(corpus, tmp_path, content, expected):
    root = tmp_path / "index"
    root.mkdir()
    lock = root / f"{build.corpus_key(corpus)}.lock"
    lock.write_bytes(content)
    old = time.time() - 10
    os.utime(lock, (old, old))
    with IndexCache(root).open(corpus, wait=30) as ix:
        # cleared as stale at once: waiting it out would have ended in an in-memory index
        assert ix.status.action == "built" and any("stale" in m for m in ix.status.messages)
        assert hit_ids(ix) == expected


def test_a_lock_naming_a_live_unrelated_process_is_stale(corpus, tmp_path, expected):
    root = tmp_path / "index"
    root.mkdir()
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        lock = root / f"{build.corpus_key(corpus)}.lock"
        lock.write_text(
            json.dumps({"pid": sleeper.pid, "host": socket.gethostname(), "started": time.time()}), encoding="utf-8"
        )
        with IndexCache(root).open(corpus, wait=30) as ix:
            assert ix.status.action == "built" and any("stale" in m for m in ix.status.messages)
            assert hit_ids(ix) == expected
    finally:
        sleeper.kill()
        sleeper.wait()


def test_a_lock_of_our_own_program_with_a_reused_pid_is_stale(tmp_path):
    held = locks.BuildLock(tmp_path, "k")
    assert held.try_acquire()
    record = json.loads(held.path.read_text(encoding="utf-8"))
    assert record["program"] == locks.PROGRAM and locks.BuildLock(tmp_path, "k").holder() is not None
    record["process_started"] = "1"  # the same pid, but a process started at another time
    held.path.write_text(json.dumps(record), encoding="utf-8")
    assert locks.BuildLock(tmp_path, "k").holder() is None


def _largest_file(folder):
    files = [p for p in folder.iterdir() if p.is_file() and p.name != store.MANIFEST]
    return max(files, key=lambda p: p.stat().st_size)


def test_same_size_garbage_in_a_large_index_is_caught_at_open(corpus, tmp_path, monkeypatch, expected):
    """Above the whole-file checksum limit, opening checks sampled blocks: replaced bytes are seen."""
    monkeypatch.setattr(store, "CRC_LIMIT", 0)
    monkeypatch.setattr(store, "SAMPLE_BLOCKS", 4)
    monkeypatch.setattr(store, "SAMPLE_BYTES", 64)
    root = tmp_path / "index"
    with IndexCache(root).open(corpus) as ix:
        folder = ix.status.folder
    target = _largest_file(folder)
    size = target.stat().st_size
    assert size > 4 * 64  # the sampled path, not the whole-file one
    target.write_bytes(os.urandom(size))
    with IndexCache(root).open(corpus) as ix:
        assert ix.status.action == "rebuilt" and any("sampled checksum" in m for m in ix.status.messages)
        assert hit_ids(ix) == expected


def test_full_verification_finds_a_flipped_byte_the_samples_miss(corpus, tmp_path, monkeypatch, expected):
    monkeypatch.setattr(store, "CRC_LIMIT", 0)
    monkeypatch.setattr(store, "SAMPLE_BLOCKS", 2)
    monkeypatch.setattr(store, "SAMPLE_BYTES", 16)
    root = tmp_path / "index"
    cache = IndexCache(root)
    with cache.open(corpus) as ix:
        folder = ix.status.folder
    target = _largest_file(folder)
    data = bytearray(target.read_bytes())
    data[len(data) // 3] ^= 0xFF  # between the two sampled blocks
    target.write_bytes(bytes(data))
    ix = cache.open(corpus)
    assert ix.status.action == "opened"  # the samples cannot see it...
    assert "checksum mismatch" in cache.verify(ix)  # ...every byte can, and the index is set aside
    ix.close()
    with cache.open(corpus) as again:
        assert again.status.action == "built" and hit_ids(again) == expected
