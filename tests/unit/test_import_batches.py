"""An import records its files in batched registry transactions, and a crash costs only the
batch not yet recorded: what is recorded is consistent, and the next refresh reads the rest."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from viewer.core.library import batch
from viewer.core.library.cache import DocumentCache
from viewer.core.library.library import Library
from viewer.core.library.registry import Registry

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "viewer" / "corpus"
FILES = 20


def make_folder(tmp_path: Path) -> Path:
    """Twenty small plain-text files cut from the bundled texts (en and no paragraphs)."""
    paragraphs = [p for f in sorted(CORPUS.glob("*.txt")) for p in f.read_text("utf-8").split("\n\n") if len(p) > 80]
    folder = tmp_path / "docs"
    for i in range(FILES):
        (folder / f"part{i % 3}").mkdir(parents=True, exist_ok=True)
        chosen = paragraphs[(i * 7) % len(paragraphs) :][:3]
        (folder / f"part{i % 3}" / f"file{i:02d}.txt").write_text("\n\n".join(chosen), "utf-8")
    return folder


# The child imports the folder with batches of 5 files, reading in-process, and dies (no clean-up,
# no flush: as a killed process) just before it stores the 13th file's document.
CHILD = textwrap.dedent(
    """
    import os, sys
    from viewer.core.library import batch
    from viewer.core.library.cache import DocumentCache
    from viewer.core.library.library import Library
    from viewer.core.library.pool import ReaderPool

    batch.FLUSH_FILES, batch.FLUSH_SECONDS = 5, 1e9
    class NoProcesses:
        def Pipe(self):
            import multiprocessing
            return multiprocessing.Pipe()
        def Process(self, **_kwargs):
            raise OSError("read here")
    pool = ReaderPool()
    pool._context = NoProcesses()
    stored = [0]
    put_blob = DocumentCache.put_blob
    def dying(self, *args):
        stored[0] += 1
        if stored[0] == 13:
            os._exit(3)
        put_blob(self, *args)
    DocumentCache.put_blob = dying
    Library(sys.argv[1], sys.argv[2], pool=pool).add([sys.argv[3]])
    """
)


def test_a_crash_mid_import_loses_only_the_unrecorded_batch(tmp_path: Path):
    folder = make_folder(tmp_path)
    registry_path, cache_path = tmp_path / "reg.sqlite3", tmp_path / "cache.sqlite3"
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(registry_path), str(cache_path), str(folder)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert child.returncode == 3, child.stderr
    registry, cache = Registry(registry_path), DocumentCache(cache_path)
    try:
        (collection,) = registry.collections()
        records = registry.files(collection.id)
        assert len(records) == 10  # two batches of five recorded; the two files after them lost
        for record in records.values():  # every recorded document is in the cache, for its content
            assert record.status == "imported"
            assert cache.get(record.doc_id, record.sha256) is not None
    finally:
        registry.close()
        cache.close()

    library = Library(registry_path, cache_path)
    try:
        report = library.refresh()
        assert len(report.imported) == FILES - 10 and report.unchanged == 10 and not report.skipped
        after = {d.id: d.text for d in library.documents()}
    finally:
        library.close()
    clean = Library(tmp_path / "clean-reg.sqlite3", tmp_path / "clean-cache.sqlite3")
    try:
        clean.add([folder])
        expected = {d.id: d.text for d in clean.documents()}
    finally:
        clean.close()
    assert after == expected and len(after) == FILES


def test_an_import_commits_once_per_batch_not_once_per_file(tmp_path: Path, monkeypatch):
    folder = make_folder(tmp_path)
    monkeypatch.setattr(batch, "FLUSH_FILES", 8)
    monkeypatch.setattr(batch, "FLUSH_SECONDS", 1e9)
    writes: list[int] = []
    record = Registry.record

    def counted(self, collection_id, puts=(), forgets=()):  # type: ignore[no-untyped-def]
        if puts:
            writes.append(len(puts))
        record(self, collection_id, puts, forgets)

    monkeypatch.setattr(Registry, "record", counted)
    library = Library(tmp_path / "reg.sqlite3", tmp_path / "cache.sqlite3")
    try:
        report = library.add([folder])
        assert len(report.imported) == FILES
        assert writes == [8, 8, 4]
        assert len(library.registry.files(report.collections[0])) == FILES
    finally:
        library.close()
