"""The readers' look-ahead (a busy reader holds one more small file): nothing is lost or blamed wrongly."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from viewer.core.library.library import Library
from viewer.core.library.pool import LOOKAHEAD_BYTES, ReaderPool

PROSE = "Arbeidsrettet oppfølging i NAV handler om å hjelpe folk i arbeid.\n\nPeople need help to find work.\n"


@pytest.fixture()
def one_reader():  # type: ignore[no-untyped-def]
    pool = ReaderPool(1, limit=lambda size: 60.0)
    yield pool
    pool.close()


def folder_of(tmp_path: Path, name: str, files: dict[str, bytes]) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    for key, data in files.items():
        (folder / key).write_bytes(data)
    return folder


def outcomes(report) -> dict[str, str]:  # type: ignore[no-untyped-def]
    out = {Path(p).name: "imported" for p in report.imported}
    out.update({Path(p).name: r for p, r in report.skipped})
    return out


def test_one_reader_imports_many_small_files_holding_the_next_one(one_reader, tmp_path):
    lib = Library(tmp_path / "reg.sqlite3", tmp_path / "cache.sqlite3", pool=one_reader)
    try:
        files = {f"{i:02d}.txt": f"{PROSE}Fil nummer {i}.\n".encode() for i in range(12)}
        report = lib.add([folder_of(tmp_path, "docs", files)])
        assert len(report.imported) == 12 and not report.skipped
        assert [Path(p).name for p in report.imported] == sorted(files)  # the report keeps the sorted order
        corpus = lib.corpus()
        texts = {d.meta.title: d.text for d in corpus.documents if d.collection != "bundled"}
        assert len(texts) == 12 and all("Fil nummer" in t for t in texts.values())
    finally:
        lib.close()


def test_a_reader_that_dies_holding_a_small_file_costs_only_the_file_it_was_reading(one_reader, tmp_path):
    lib = Library(tmp_path / "reg.sqlite3", tmp_path / "cache.sqlite3", pool=one_reader)
    try:
        lib.add([folder_of(tmp_path, "warm", {"w.txt": PROSE.encode()})])  # the reader is up and ready
        small = PROSE.encode()
        assert len(small) <= LOOKAHEAD_BYTES

        def crash_the_reader(done: int, total: int, message: str) -> None:
            if message == "importing b.txt":  # a-long.txt is being read; b.txt goes to the same reader
                os.kill(one_reader._workers[0].process.pid, signal.SIGSEGV)

        folder = folder_of(tmp_path, "docs", {"a-long.txt": b"Word more. " * 800_000, "b.txt": small, "c.txt": small})
        report = lib.add([folder], progress=crash_the_reader)
        assert outcomes(report) == {
            "a-long.txt": "the reader crashed on it (SIGSEGV); skipped",
            "b.txt": "imported",
            "c.txt": "imported",
        }
    finally:
        lib.close()
