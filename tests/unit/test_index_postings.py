"""The build's own posting path (viewer.core.search.postings) writes the index Whoosh's writer writes."""

from __future__ import annotations

import functools
import inspect
import os
import subprocess
import sys
import threading
from pathlib import Path

from whoosh.filedb.filestore import RamStorage
from whoosh.writing import SegmentWriter

from viewer.core.search import postings
from viewer.core.search.schema import make_schema, passage_fields
from viewer.core.search.writer import PassageWriter, writer_options


def _build(corpus, writer_class):
    ix = RamStorage().create_index(make_schema())
    titles = {d.id: d.title for d in corpus.documents}
    writer = writer_class(ix, **writer_options())
    for passage in corpus.passages():
        writer.add_document(**passage_fields(passage, titles))
    writer.commit()
    return ix.reader()


def _postings(reader, field, text):
    m = reader.postings(field, text)
    out = []
    while m.is_active():
        out.append((m.id(), m.weight(), m.value()))
        m.next()
    info = reader.term_info(field, text)
    return out, (info.weight(), info.doc_frequency(), info.min_length(), info.max_length(), info.max_weight())


def test_every_posting_stored_field_and_length_as_whoosh_writes_them(corpus):
    ours, whoosh = _build(corpus, PassageWriter), _build(corpus, SegmentWriter)
    terms = list(whoosh.all_terms())
    assert list(ours.all_terms()) == terms
    assert len(terms) > 3000 and {f for f, _t in terms} >= {"en", "no", "plain", "doc", "lang"}
    for field, text in terms:
        assert _postings(ours, field, text) == _postings(whoosh, field, text), (field, text)
    count = whoosh.doc_count_all()
    assert ours.doc_count_all() == count
    for docnum in range(count):
        assert ours.stored_fields(docnum) == whoosh.stored_fields(docnum)
        for field in ("en", "no", "plain"):
            assert ours.doc_field_length(docnum, field) == whoosh.doc_field_length(docnum, field)


def test_a_word_term_is_the_analyzer_term_and_positions_skip_stop_words():
    schema = make_schema()
    no = postings.FieldTerms(schema["no"])
    items, length = no.index("Og så gikk behandlerne til og fra, f.eks. i 3.2 timer")
    terms = {t.decode(): (freq, schema["no"].format.decode_positions(v)) for t, freq, _w, v in items}
    analysed = [t.text for t in schema["no"].analyzer("Og så gikk behandlerne til og fra, f.eks. i 3.2 timer")]
    assert sorted(terms) == sorted(set(analysed)) and length == len(analysed)
    # "og", "så" are stop words: the first kept word keeps its place (2), the next ones follow it
    assert terms["gikk"] == (1, [2])
    assert terms["behandl"][1] == [3]
    assert "f.eks" in terms and "3.2" in terms
    plain = postings.FieldTerms(schema["plain"])
    items, length = plain.index("Og og OG så")
    assert {t: f for t, f, _w, _v in items} == {b"og": 3, "så".encode(): 1} and length == 4


def in_a_process_of_one_thread(test):
    """Run `test` in a fresh pytest process when this one has other threads (the suite's Qt and
    worker threads): a build forks only from a process of one thread, as the app's build child is."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        if threading.active_count() == 1:
            return test(*args, **kwargs)
        node = f"{Path(inspect.getfile(test)).resolve()}::{test.__name__}"
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", node],
            capture_output=True,
            text=True,
            timeout=600,
            env=env,
        )
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
        return None

    return run


def _file_build(corpus, folder, procs, monkeypatch):
    from whoosh.filedb.filestore import FileStorage

    from viewer.core.search import parallel, writer

    monkeypatch.setattr(writer, "CHUNK_PASSAGES", 40)  # several segments from the bundled corpus
    monkeypatch.setattr(writer, "BUILD_SEGMENTS", 1000)
    monkeypatch.setattr(parallel, "PROCS", procs)
    monkeypatch.setattr(parallel, "PROGRESS_EVERY", 15)
    folder.mkdir()
    ix = FileStorage(str(folder)).create_index(make_schema())
    titles = {d.id: d.title for d in corpus.documents}
    seen = []
    count = writer.write_passages(ix, corpus.passages(), titles, corpus.passage_count, lambda *a: seen.append(a))
    return ix, count, seen


@in_a_process_of_one_thread
def test_forked_segment_writers_build_the_index_one_process_builds(corpus, tmp_path, monkeypatch):
    from viewer.core.search import parallel
    from viewer.core.search.index import SearchIndex

    one, count1, _ = _file_build(corpus, tmp_path / "one", 1, monkeypatch)
    two, count2, seen = _file_build(corpus, tmp_path / "two", 2, monkeypatch)
    assert parallel.usable_procs(two, 5) == 2  # the test process runs one thread: the forked path ran
    assert count1 == count2 == corpus.passage_count
    segments = [s.doc_count_all() for s in two._segments()]
    assert [s.doc_count_all() for s in one._segments()] == [40] * 6 + [23]  # 263 passages in chunks of 40
    assert segments == [33] * 7 + [32]  # in workers: as many for each (4), of equal size
    done = [s[0] for s in seen]  # progress moves within segments, only forward, to the end
    assert len(done) > len(segments) and done == sorted(done) and done[-1] == corpus.passage_count
    a, b = one.reader(), two.reader()
    terms = list(a.all_terms())
    assert list(b.all_terms()) == terms
    for field, text in terms[::7]:
        assert _postings(b, field, text) == _postings(a, field, text)
    with SearchIndex(one.storage) as x, SearchIndex(two.storage) as y:
        assert x.search("arbeid").total > 5
        for q in ("arbeid", "health AND care", '"sosial stønad"', "behandler~", "kvalifiser*"):
            hits = [(h.passage_id, round(h.score, 9)) for h in x.search(q, pagelen=50).hits]
            assert hits == [(h.passage_id, round(h.score, 9)) for h in y.search(q, pagelen=50).hits], q


@in_a_process_of_one_thread
def test_a_failing_forked_writer_fails_the_build(corpus, tmp_path, monkeypatch):
    import pytest

    from viewer.core.search import parallel

    real = parallel._write_one

    def crash_on_the_second(ix, chunk, titles, send):
        if chunk[0].id == list(corpus.passages())[33].id:  # the second of eight chunks of 33
            raise OSError("disk full (test)")
        return real(ix, chunk, titles, send)

    monkeypatch.setattr(parallel, "_write_one", crash_on_the_second)
    with pytest.raises(RuntimeError, match="worker"):
        _file_build(corpus, tmp_path / "two", 2, monkeypatch)
