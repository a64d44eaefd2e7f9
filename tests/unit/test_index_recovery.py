"""The on-disk index: cache keys, damaged files (real Whoosh files, damaged on purpose), locks, swaps."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import pytest

from viewer.core.search import lock as locks
from viewer.core.search import store
from viewer.core.search.cache import IndexCache
from viewer.core.search.index import SearchIndex

QUERY = "implementere"


def hit_ids(ix: SearchIndex, query: str = QUERY) -> list[str]:
    return [h.passage_id for h in ix.search(query).hits]


@pytest.fixture()
def built(corpus, tmp_path):
    """A freshly built index in a private root; returns (root, key folder, expected hits)."""
    ix = IndexCache(tmp_path).open(corpus)
    assert ix.status.action == "built"
    expected = hit_ids(ix)
    folder = ix.status.folder
    ix.close()
    return tmp_path, folder, expected


def test_unchanged_corpus_opens_the_cached_index(corpus, built):
    root, folder, expected = built
    calls: list[tuple[int, int, str]] = []
    ix = IndexCache(root).open(corpus, progress=lambda *a: calls.append(a))
    assert ix.status.action == "opened" and ix.status.folder == folder
    assert hit_ids(ix) == expected and calls == []
    assert folder.parent == root and (folder / store.MANIFEST).exists()


def test_default_location_is_the_user_cache(corpus):
    from viewer.core.paths import user_cache_dir

    ix = IndexCache().open(corpus)
    assert ix.status.folder.is_relative_to(user_cache_dir())
    assert ix.doc_count == sum(len(d.passages) for d in corpus.documents)


def test_changed_corpus_is_rebuilt_under_a_new_key_and_the_old_one_removed(corpus, built):
    root, folder, _ = built
    smaller = replace(corpus, documents=corpus.documents[:-1])
    calls: list[tuple[int, int, str]] = []
    ix = IndexCache(root).open(smaller, progress=lambda *a: calls.append(a))
    assert ix.status.action == "built" and ix.status.folder != folder
    assert not folder.exists()
    assert calls[-1][0] == calls[-1][1] == ix.doc_count
    assert all(h.doc_id != corpus.documents[-1].id for h in ix.search("NAV", pagelen=500).hits)


def _segment(folder: Path) -> Path:
    return max(
        (p for p in folder.iterdir() if p.name.startswith("MAIN_") or p.suffix == ".seg"),
        key=lambda p: p.stat().st_size,
    )


def _damage_truncate(folder: Path) -> None:
    seg = _segment(folder)
    seg.write_bytes(seg.read_bytes()[: seg.stat().st_size // 2])


def _damage_garbage(folder: Path) -> None:
    seg = _segment(folder)
    seg.write_bytes(os.urandom(seg.stat().st_size))


def _damage_toc(folder: Path) -> None:
    for toc in folder.glob("*.toc"):
        toc.unlink()


def _damage_manifest(folder: Path) -> None:
    (folder / store.MANIFEST).unlink()


@pytest.mark.parametrize("damage", [_damage_truncate, _damage_garbage, _damage_toc, _damage_manifest])
def test_damaged_index_is_moved_aside_and_rebuilt(corpus, built, damage):
    root, folder, expected = built
    damage(folder)
    ix = IndexCache(root).open(corpus)
    assert ix.status.action == "rebuilt"
    assert any("damaged" in m or "missing" in m for m in ix.status.messages), ix.status.messages
    assert hit_ids(ix) == expected
    assert list(root.glob(f"{folder.name}.broken-*"))
    again = IndexCache(root).open(corpus)
    assert again.status.action == "opened"


def test_garbage_past_the_checksum_limit_is_caught_when_read(corpus, built, monkeypatch):
    """Large indexes skip checksums at open; garbage must then be caught by reading, at open or search."""
    root, folder, expected = built
    monkeypatch.setattr(store, "CRC_LIMIT", 0)
    seg = _segment(folder)
    seg.write_bytes(os.urandom(seg.stat().st_size))
    ix = IndexCache(root).open(corpus)
    assert hit_ids(ix) == expected  # rebuilt at open, or on the first failing search
    assert ix.status.action == "rebuilt"


def test_forced_rebuild_swaps_in_a_new_index(corpus, built):
    root, _folder, expected = built
    old = IndexCache(root).open(corpus)
    ix = IndexCache(root).open(corpus, rebuild=True)
    assert ix.status.action == "rebuilt" and hit_ids(ix) == expected
    assert hit_ids(old) == expected  # a searcher on the replaced files keeps working (POSIX)
    assert not [p for p in root.iterdir() if ".tmp-" in p.name or ".old-" in p.name]


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_stale_lock_from_a_crashed_process_is_cleared(corpus, built):
    root, folder, expected = built
    key = folder.name
    lock = root / f"{key}.lock"
    lock.write_text(f'{{"pid": {_dead_pid()}, "host": "{os.uname().nodename}", "started": 0}}', encoding="utf-8")
    (root / f"{key}.tmp-{_dead_pid()}").mkdir()  # the half-written build it left behind
    ix = IndexCache(root).open(corpus, rebuild=True)
    assert ix.status.action == "rebuilt"
    assert any("stale" in m for m in ix.status.messages)
    assert not lock.exists() and hit_ids(ix) == expected
    assert not [p for p in root.iterdir() if ".tmp-" in p.name]


def test_unreadable_old_lock_is_stale(corpus, built):
    root, folder, _ = built
    lock = root / f"{folder.name}.lock"
    lock.write_bytes(b"\x00garbage")
    old = time.time() - locks.STALE_UNREADABLE_LOCK_S - 5
    os.utime(lock, (old, old))
    assert IndexCache(root).open(corpus, rebuild=True).status.action == "rebuilt"


@pytest.fixture()
def other_instance(tmp_path):
    """A live process that holds the build lock for a given key until killed."""
    procs: list[subprocess.Popen[str]] = []

    def start(root: Path, key: str) -> subprocess.Popen[str]:
        code = textwrap.dedent(f"""
            import sys, time
            sys.path.insert(0, {str(Path(__file__).resolve().parents[2])!r})
            from pathlib import Path
            from viewer.core.search.lock import BuildLock
            assert BuildLock(Path({str(root)!r}), {key!r}).try_acquire()
            print("locked", flush=True)
            time.sleep(60)
        """)
        proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
        procs.append(proc)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
        return proc

    yield start
    for proc in procs:
        proc.kill()
        proc.wait()


def test_a_build_by_another_instance_does_not_block_searching(corpus, built, other_instance):
    root, folder, expected = built
    other_instance(root, folder.name)
    ix = IndexCache(root).open(corpus, wait=0.2)  # the sound index opens without touching the lock
    assert ix.status.action == "opened" and hit_ids(ix) == expected
    forced = IndexCache(root).open(corpus, rebuild=True, wait=0.2)
    assert forced.status.action == "opened"
    assert any("rebuild skipped" in m for m in forced.status.messages)


def test_without_an_index_a_locked_build_falls_back_to_memory(corpus, tmp_path, other_instance):
    from viewer.core.search.analysis import ANALYZER_VERSION
    from viewer.core.search.schema import SCHEMA_VERSION

    key = store.index_key(corpus.fingerprint, SCHEMA_VERSION, ANALYZER_VERSION)
    other_instance(tmp_path, key)
    ix = IndexCache(tmp_path).open(corpus, wait=0.3)
    assert ix.status.action == "in-memory"
    assert any("still building" in m for m in ix.status.messages)
    assert hit_ids(ix)


def test_a_whoosh_write_lock_left_in_the_folder_is_harmless(corpus, built):
    root, folder, expected = built
    (folder / "MAIN_WRITELOCK").write_text("", encoding="utf-8")
    ix = IndexCache(root).open(corpus)
    assert ix.status.action == "opened" and hit_ids(ix) == expected
