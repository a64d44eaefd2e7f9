"""Document-cache entries: a document read back equals the one stored, its text and passages
unpacked only when first used; a damaged entry is refused when read (and rebuilt), never later."""

from __future__ import annotations

import pickle
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from viewer.core.corpus.model import Corpus, Document
from viewer.core.errors import UnknownDocumentError
from viewer.core.library.cache import DocumentCache
from viewer.core.library.entry import EntryError, StoredDocument, from_blob, to_blob, with_path


def _same(a: Document, b: Document) -> None:
    for name in ("id", "text", "meta", "path", "collection", "warnings"):
        assert getattr(a, name) == getattr(b, name), name
    assert a.passages == b.passages  # ids, offsets, kinds, labels, glosses, sentences with their ids
    assert a.fingerprint == b.fingerprint


def test_every_bundled_document_round_trips(corpus: Corpus):
    for document in corpus.documents:
        stored = from_blob(to_blob(document))
        assert isinstance(stored, StoredDocument) and not stored.unpacked
        assert stored.passage_count == len(document.passages) and stored.fingerprint == document.fingerprint
        assert not stored.unpacked  # counting and the fingerprint need no unpacking
        assert stored == document and document == stored
        _same(stored, document)
        assert stored.unpacked
        assert stored.passages[0].text == document.text[document.passages[0].start : document.passages[0].end]


def test_a_stored_document_behaves_as_a_document(corpus: Corpus):
    document = corpus.documents[0]
    stored = from_blob(to_blob(document))
    again = pickle.loads(pickle.dumps(stored))  # the index build's child is handed the corpus so
    assert not again.unpacked and again == document
    edited = replace(stored, meta=replace(stored.meta, title="Another title"))
    assert edited.title == "Another title" and edited.passages == document.passages
    assert edited.text == document.text and edited != document
    assert hash(from_blob(to_blob(document))) == hash(stored)
    assert document.language_mix() == stored.language_mix()


def test_threads_unpacking_one_document_get_the_same_passages(corpus: Corpus):
    stored = from_blob(to_blob(max(corpus.documents, key=lambda d: len(d.passages))))
    seen: list[object] = []
    threads = [threading.Thread(target=lambda: seen.append(stored.passages)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 4 and all(p is seen[0] for p in seen)


def test_a_damaged_entry_is_refused_when_read(corpus: Corpus):
    blob = to_blob(corpus.documents[1])
    for damaged in (blob[:-1], blob[:-20] + bytes(20), b"x" + blob[1:], blob[:10], b"", b"\x78\x01garbage"):
        with pytest.raises(EntryError):
            from_blob(damaged)
    moved = from_blob(with_path(blob, Path("/elsewhere/notes.txt")))
    assert moved.path == Path("/elsewhere/notes.txt") and moved.text == corpus.documents[1].text


def test_the_cache_rebuilds_a_damaged_entry_and_serves_the_rest(tmp_path: Path, corpus: Corpus):
    cache = DocumentCache(tmp_path / "documents.sqlite3")
    first, second = corpus.documents[:2]
    cache.put(first, "a")
    cache.put(second, "b")
    blob = to_blob(second)
    with cache._conn:
        cache._conn.execute("UPDATE documents SET data = ? WHERE doc_id = ?", (blob[:-5] + b"xxxxx", second.id))
    assert cache.get(second.id, "b") is None  # rebuilt from its file by the library
    assert cache.get(first.id, "a") == first
    assert cache.get(first.id, "other content") is None
    cache.close()


def test_many_documents_are_read_in_few_queries(tmp_path: Path, corpus: Corpus):
    cache = DocumentCache(":memory:")
    document = corpus.documents[0]
    for i in range(1200):  # over SQLite's 999 bound parameters of old builds
        blob = to_blob(replace(document, id=f"doc{i}"))
        cache.put_blob(f"doc{i}", f"sha{i}", blob)
    wanted = {f"doc{i}": f"sha{i}" for i in range(1200)} | {"doc7": "changed", "missing": "x"}
    found = cache.get_many(wanted)
    assert len(found) == 1199 and "doc7" not in found and "missing" not in found
    assert found["doc1100"].id == "doc1100" and found["doc1100"].text == document.text
    cache.close()


def test_corpus_get_finds_documents_by_id(corpus: Corpus):
    first = corpus.documents[0]
    doubled = Corpus((first, replace(first, text=first.text + " more"), *corpus.documents[1:]))
    assert doubled.get(first.id) is first  # the first of a repeated id, as before
    assert all(corpus.get(d.id) is d for d in corpus.documents)
    with pytest.raises(UnknownDocumentError):
        corpus.get("no-such-document")
    assert corpus.passage_count == sum(len(d.passages) for d in corpus.documents)
