"""Readers forked from one fork server that holds their models (they share its pages), rested and
released; the bundled texts built on them, so that the main process never loads the models."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import viewer.core.library.pool as pool_module
import viewer.core.workspace_library as workspace_library
from tests.conftest import CORPUS_DIR
from tests.unit.test_pool_release import _folder
from viewer.core.errors import CorpusError
from viewer.core.library.bundled import bundled_documents
from viewer.core.library.entry import to_blob
from viewer.core.library.library import Library
from viewer.core.library.pool import ReaderPool
from viewer.core.search.cache import IndexCache
from viewer.core.workspace import Workspace

MB = 2**20


def _parent(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


def _shared_kb(pid: int) -> int:
    rows = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:])
    return int(rows["Shared_Dirty"].split()[0])


@pytest.mark.skipif(not Path("/proc/self/smaps_rollup").exists(), reason="needs Linux's /proc")
def test_readers_share_one_servers_models_rest_keeps_the_server_and_release_stops_it(tmp_path):
    pool = ReaderPool(2, limit=lambda size: 60.0)
    lib = Library(tmp_path / "reg.sqlite3", tmp_path / "cache.sqlite3", pool=pool)
    try:
        assert len(lib.add([_folder(tmp_path, "one", 6)]).imported) == 6
        readers = [w.process.pid for w in pool._workers]
        servers = {_parent(pid) for pid in readers}
        assert len(readers) == 2 and len(servers) == 1 and os.getpid() not in servers
        server = servers.pop()
        assert b"multiprocessing.forkserver" in Path(f"/proc/{server}/cmdline").read_bytes()
        # the models and the warm-up's tables are the server's pages, shared (copy-on-write), not copies
        assert all(_shared_kb(pid) > 20 * 1024 for pid in readers)

        assert pool.rest() and pool._workers == []
        assert not any(Path(f"/proc/{pid}").exists() for pid in readers)
        assert Path(f"/proc/{server}").exists()  # the server stays: the next readers start at once
        assert len(lib.add([_folder(tmp_path, "two", 3)]).imported) == 3
        assert {_parent(w.process.pid) for w in pool._workers} == {server}

        assert pool.release() and pool._workers == []
        assert not Path(f"/proc/{server}").exists() or pool_module._LIVE  # another pool's readers keep it
        assert len(lib.add([_folder(tmp_path, "three", 2)]).imported) == 2  # a new server, new readers
    finally:
        lib.close()


def test_a_fresh_cache_builds_the_bundled_texts_on_the_readers_as_this_process_would(tmp_path):
    """The main process does not load the language models for them (a fifth of its memory)."""
    script = (
        "import hashlib, sys\n"
        "from viewer.core.library.entry import to_blob\n"
        "from viewer.core.library.library import Library\n"
        "lib = Library(sys.argv[1], sys.argv[2])\n"
        "docs = lib.corpus().documents\n"
        "lib.close()\n"
        "print(sorted(m for m in ('numpy', 'langdetect', 'viewer.core.language.identify') if m in sys.modules))\n"
        "for d in docs: print(d.id, hashlib.sha256(to_blob(d)).hexdigest())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "reg.sqlite3"), str(tmp_path / "cache.sqlite3")],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    loaded, *rows = done.stdout.splitlines()
    assert loaded == "[]"
    here = [f"{d.id} {hashlib.sha256(to_blob(d)).hexdigest()}" for d in bundled_documents(CORPUS_DIR)]
    assert rows == here and len(rows) >= 5


def test_a_bundled_text_that_cannot_be_built_is_a_corpus_error(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(CORPUS_DIR, folder)
    (folder / "news.txt").write_bytes(b"")
    lib = Library(tmp_path / "reg.sqlite3", tmp_path / "cache.sqlite3", bundled=folder)
    try:
        with pytest.raises(CorpusError, match=r"news\.txt: file is empty"):
            lib.corpus()
    finally:
        lib.close()


def test_a_big_import_rests_the_readers_before_the_corpus_takes_it_in(tmp_path, monkeypatch):
    monkeypatch.setattr(workspace_library, "REST_READERS_ABOVE", 0)
    pool = ReaderPool(1, limit=lambda size: 60.0)
    library = Library(tmp_path / "reg.sqlite3", tmp_path / "cache.sqlite3", bundled=CORPUS_DIR, pool=pool)
    seen: list[int] = []
    taken_in = workspace_library.LibraryChanges._apply

    def apply(self, report, progress):  # type: ignore[no-untyped-def]
        seen.append(len(pool._workers))
        taken_in(self, report, progress)

    monkeypatch.setattr(workspace_library.LibraryChanges, "_apply", apply)
    with Workspace.open(library=library, bookmarks=False, index_cache=IndexCache(tmp_path / "index")) as workspace:
        report = workspace.import_paths([_folder(tmp_path, "notes", 4)])
        assert len(report.imported) == 4 and seen == [0]
        assert {d.id for d in workspace.corpus.documents} >= set(report.changed_doc_ids)
    pool.close()
