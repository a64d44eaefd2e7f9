"""The bundled documents are built once per document cache, then read from it at every start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import viewer.core.corpus.build as build
from viewer.core.library.library import Library
from viewer.core.paths import bundled_corpus_dir


def _refuse(*_args: object, **_kwargs: object) -> None:
    raise AssertionError("a bundled document was built again instead of read from the cache")


def test_a_second_library_over_the_same_cache_builds_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    first = Library(tmp_path / "collections.sqlite3", tmp_path / "documents.sqlite3")
    built = first.corpus().documents
    first.close()
    assert len(built) >= 5
    monkeypatch.setattr(build, "build_document", _refuse)
    second = Library(tmp_path / "collections.sqlite3", tmp_path / "documents.sqlite3")
    try:
        again = second.corpus().documents
    finally:
        second.close()
    assert [d.id for d in again] == [d.id for d in built]
    assert [d.text for d in again] == [d.text for d in built]
    assert [[(p.lang, p.start, p.end) for p in d.passages] for d in again] == [
        [(p.lang, p.start, p.end) for p in d.passages] for d in built
    ]


def test_the_cache_one_process_fills_serves_the_next(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """As two CLI starts: the key must not depend on anything a process draws anew (hash seeds, ids)."""
    cache = tmp_path / "documents.sqlite3"
    script = (
        "import sys; from viewer.core.library.library import Library; "
        "lib = Library(sys.argv[1], sys.argv[2]); print(len(lib.corpus().documents)); lib.close()"
    )
    env = {**os.environ, "PYTHONHASHSEED": "random"}
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "collections.sqlite3"), str(cache)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert int(done.stdout) >= 5
    monkeypatch.setattr(build, "build_document", _refuse)
    library = Library(tmp_path / "collections.sqlite3", cache, bundled=bundled_corpus_dir())
    try:
        documents = library.corpus().documents
    finally:
        library.close()
    assert len(documents) == int(done.stdout)
    assert all(d.path is not None and d.path.exists() for d in documents)
