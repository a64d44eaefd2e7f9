"""The build's own posting path (viewer.core.search.postings) writes the index Whoosh's writer writes."""

from __future__ import annotations

from whoosh.filedb.filestore import RamStorage
from whoosh.writing import SegmentWriter

from viewer.core.search import postings
from viewer.core.search.schema import make_schema, passage_fields
from viewer.core.search.writer import POOL_MB, PassageWriter, _codec


def _build(corpus, writer_class):
    ix = RamStorage().create_index(make_schema())
    titles = {d.id: d.title for d in corpus.documents}
    writer = writer_class(ix, limitmb=POOL_MB, codec=_codec())
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
    assert len(terms) > 3000 and {f for f, _t in terms} >= {"en", "no", "plain", "pid", "doc", "lang"}
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
