"""The index follows the library incrementally: one changed file re-indexes that file alone."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import pytest

from viewer.core.library.library import Library
from viewer.core.search import store
from viewer.core.search.cache import IndexCache
from viewer.core.search.index import SearchIndex
from viewer.core.search.writer import MAX_SEGMENTS

NOTE = "Kvalifiseringsprogrammet gir deltakerne en fast ukentlig aktivitetsplan med oppfølging.\n"


def ids(ix: SearchIndex, query: str) -> list[str]:
    return [h.passage_id for h in ix.search(query, pagelen=1000).hits]


@pytest.fixture()
def setup(tmp_path, corpus):
    """A library with a three-file collection and its index in a private root."""
    folder = tmp_path / "notes"
    folder.mkdir()
    for i in range(3):
        (folder / f"n{i}.txt").write_text(f"Note {i} about zebrafinch number {i}.\n\n{NOTE}", encoding="utf-8")
    lib = Library(tmp_path / "reg.sqlite3", tmp_path / "cache.sqlite3")
    lib.add([folder])
    root = tmp_path / "index"
    ix = IndexCache(root).open(lib.corpus())
    assert ix.status.action == "built" and not ix.status.incremental
    ix.close()
    yield lib, folder, root
    lib.close()


def test_changing_one_file_reindexes_that_document_alone(setup):
    lib, folder, root = setup
    path = folder / "n1.txt"
    stat = path.stat()
    path.write_text("Note 1 is now about okapi grazing.\n", encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10_000_000))
    report = lib.refresh()
    assert report.changed_doc_ids == ["notes/n1"]
    progress: list[tuple[int, int, str]] = []
    ix = IndexCache(root).open(lib.corpus(), progress=lambda *a: progress.append(a))
    assert ix.status.incremental and ix.status.changed_documents == ("notes/n1",)
    assert ix.status.removed_documents == ()
    assert max(total for _done, total, _m in progress[:-1]) <= 2  # only n1's passages were written
    assert ids(ix, "okapi") == ["notes/n1:000"]
    assert sorted(h.split(":")[0] for h in ids(ix, "zebrafinch")) == ["notes/n0", "notes/n2"]
    assert ix.doc_count == sum(len(d.passages) for d in lib.corpus().documents)
    assert [p for p in root.iterdir() if p.is_dir()] == [ix.status.folder]  # the old index is cleaned up


def test_deleting_a_file_and_removing_a_collection_drop_their_passages(setup, corpus):
    lib, folder, root = setup
    (folder / "n0.txt").unlink()
    lib.refresh()
    ix = IndexCache(root).open(lib.corpus())
    assert ix.status.removed_documents == ("notes/n0",) and ix.status.changed_documents == ()
    assert sorted(h.split(":")[0] for h in ids(ix, "zebrafinch")) == ["notes/n1", "notes/n2"]
    lib.remove("notes")
    ix = IndexCache(root).open(lib.corpus())
    assert ix.status.incremental and ids(ix, "zebrafinch") == []
    assert ix.doc_count == sum(len(d.passages) for d in corpus.documents)


def test_an_updated_index_answers_like_a_fresh_build(setup, tmp_path):
    lib, folder, root = setup
    (folder / "extra.md").write_text("# Extra\n\nAktivitetsplan og zebrafinch i samme avsnitt.\n", encoding="utf-8")
    lib.refresh()
    whole = lib.corpus()
    updated = IndexCache(root).open(whole)
    fresh = IndexCache(tmp_path / "fresh").open(whole)
    assert updated.status.incremental and not fresh.status.incremental
    for query in ("zebrafinch", "aktivitetsplan", "NAV", "implementere", '"fast ukentlig"'):
        assert ids(updated, query) == ids(fresh, query), query


def test_many_updates_keep_the_segment_count_bounded(setup):
    lib, _folder, root = setup
    corpus = lib.corpus()
    docs = list(corpus.documents)
    for round_ in range(MAX_SEGMENTS + 4):
        target = docs[-1]
        text = target.text + f"\nRound {round_}.\n"
        from viewer.core.corpus.build import build_document

        docs[-1] = build_document(target.id, text, "plain", None, collection=target.collection)
        ix = IndexCache(root).open(replace(corpus, documents=tuple(docs)))
        assert ix.status.incremental
        ix.close()
    manifest = json.loads((ix.status.folder / store.MANIFEST).read_text(encoding="utf-8"))
    segments = [name for name in manifest["files"] if name.endswith(".seg")]
    assert 1 <= len(segments) <= MAX_SEGMENTS
    assert ids(IndexCache(root).open(replace(corpus, documents=tuple(docs))), "round") != []


def test_a_damaged_previous_index_is_not_updated_but_rebuilt(setup):
    lib, folder, root = setup
    old = next(p for p in root.iterdir() if p.is_dir())
    seg = max(old.glob("*.seg"), key=lambda p: p.stat().st_size)
    seg.write_bytes(os.urandom(seg.stat().st_size))
    (folder / "n2.txt").unlink()
    lib.refresh()
    ix = IndexCache(root).open(lib.corpus())
    assert not ix.status.incremental and ix.status.action == "built"
    assert sorted(h.split(":")[0] for h in ids(ix, "zebrafinch")) == ["notes/n0", "notes/n1"]


def test_an_index_from_before_document_keys_is_rebuilt_not_updated(setup):
    lib, folder, root = setup
    old = next(p for p in root.iterdir() if p.is_dir())
    manifest = json.loads((old / store.MANIFEST).read_text(encoding="utf-8"))
    del manifest["docs"]
    (old / store.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    (folder / "n2.txt").unlink()
    lib.refresh()
    ix = IndexCache(root).open(lib.corpus())
    assert not ix.status.incremental
    assert Path(ix.status.folder).exists()
