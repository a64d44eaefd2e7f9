"""Writing passages into an index: a full build in bounded memory, or an incremental update.

A build writes its passages in at most BUILD_SEGMENTS segments of at least CHUNK_PASSAGES each (in
forked workers: as many segments for each, of equal size, so below CHUNK_PASSAGES at times). Each
segment's postings stay in memory until it is written (so Whoosh never spills sorted runs to disk
and merges them back, which made a build slower), and memory follows the segment, not the corpus.
The segments are not merged afterwards: merging re-sorts every posting. An incremental update adds
one small segment; once MAX_SEGMENTS small ones pile up they are merged into the next.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from typing import Any

from whoosh import index
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3Codec
from whoosh.reading import SegmentReader
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from viewer.core.corpus.model import Passage
from viewer.core.progress import Progress
from viewer.core.search import parallel, postings
from viewer.core.search.schema import passage_fields

# Passages per segment of a build, at least: a passage's postings take about 10 KB while its segment
# is being written. A bigger build uses bigger segments so that it has at most BUILD_SEGMENTS: each
# segment costs every search a pass over its term list (prefix and fuzzy expansion) and a scorer per
# word, and at 50 MB 25 segments made a fuzzy word 10 times slower than one segment.
CHUNK_PASSAGES = 10000
BUILD_SEGMENTS = 8
# Segments below half a chunk are "small" (incremental updates); at this many, the next update merges them.
MAX_SEGMENTS = 8
# The analysed fields whose postings `postings.FieldTerms` makes (the others go through Whoosh's fields).
FAST_FIELDS = ("en", "no", "plain")
# zlib level of the posting blocks (Whoosh's default is 3): at 5 MB level 3 built in 5.7-6.2 s, level 1
# in 5.3 s, none in 4.7 s with a 40% bigger index; reading takes any level.
POSTING_COMPRESSION = 1
# Whoosh's in-memory posting pool, used only when small segments are merged (a build's postings go
# through postings.Buffer; a 10000-passage segment took 23 MB with 4096 or 64). Merging seven small
# segments of 2150 passages (5 MB) peaked 185 MB above the writer at 4096, as high at 128 (Whoosh
# under-counts its tuples) and took 10 s CPU, 18 s when spilling: large, so it never spills.
POOL_MB = 4096


class PassageWriter(SegmentWriter):  # type: ignore[misc]
    """A SegmentWriter that hands its own record of field lengths to the posting writer.

    WORKAROUND: Whoosh's SegmentWriter reads every posting's field length back from the per-document
    file it has just written (a column read per posting: a sixth of a build's time); the lengths are
    known while the documents are added, so they are recorded then. A writer that merges other
    segments in (`add_reader`) keeps Whoosh's way, since those documents' lengths are not recorded.
    """

    def __init__(self, ix: index.Index, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self._lengths: dict[str, dict[int, int]] = {}
        self._merged = False
        inner: Any = getattr(self, "perdocwriter")  # noqa: B009 (an untyped attribute of the base)
        self.perdocwriter = _LengthRecorder(inner, self._lengths)
        self._buffer = postings.Buffer()
        fast = {name: postings.FieldTerms(self.schema[name]) for name in FAST_FIELDS if name in self.schema}
        ids = postings.id_fields(self.schema)
        self._names = frozenset(self.schema.names())
        # each field in Whoosh's order (sorted): (name, field, its FieldTerms, its weight as an ID field)
        self._plan = [(name, self.schema[name], fast.get(name), ids.get(name)) for name in sorted(self._names)]

    def add_reader(self, reader: Any) -> None:
        self._merged = True
        super().add_reader(reader)

    def add_document(self, **fields: Any) -> None:
        """Whoosh's add_document for this schema (no boosts, vectors or spelling fields), with the
        analysed fields' postings made by `postings.FieldTerms` into the segment's `postings.Buffer`
        (a text in two analysed fields, as the plain and the language field, is split once)."""
        self._check_state()
        if not self._names.issuperset(fields):
            self._check_fields(self.schema, [name for name in fields if not name.startswith("_")])
        perdoc, docnum, buffer = self.perdocwriter, self.docnum, self._buffer
        split: tuple[str, str, list[str]] = ("", "", [])  # the last text split: pattern, text, words
        perdoc.start_doc(docnum)
        try:
            for name, field, fast, id_weight in self._plan:
                value = fields.get(name)
                if value is None:
                    continue
                length = 0
                if fast is not None:
                    if value is not split[1] or fast.pattern != split[0]:
                        split = (fast.pattern, value, fast.words(value))
                    length = fast.add(buffer.terms(name), docnum, split[2])
                elif id_weight is not None:  # what Whoosh's ID field gives: the whole value, once
                    buffer.add(name, docnum, [(value.encode("utf-8"), 1, id_weight, b"")])
                elif field.indexed:
                    items = list(field.index(value))
                    length = sum(freq for _t, freq, _w, _v in items) if field.scorable else 0
                    buffer.add(name, docnum, items)
                if field.stored or length:  # else Whoosh's per-document writer has nothing to do
                    perdoc.add_field(name, field, value if field.stored else None, length)
                if field.column_type:
                    perdoc.add_column_value(name, field.column_type, field.to_column_value(value))
        except Exception:
            perdoc.cancel_doc()
            raise
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self) -> None:
        if self._merged:  # the merged segments' postings come through Whoosh's pool: add ours to it
            for item in self._buffer.tuples():
                self.pool.add(item)
            super()._flush_segment()
            return
        self.perdocwriter.close()
        postings.write(self.fieldwriter, self.schema, self._buffer, self._lengths)
        self.fieldwriter.close()


class _LengthRecorder:
    """Passes everything to Whoosh's per-document writer and notes each field length on the way."""

    def __init__(self, inner: Any, lengths: dict[str, dict[int, int]]) -> None:
        self._inner = inner
        self._lengths = lengths
        self._docnum = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def start_doc(self, docnum: int) -> None:
        self._docnum = docnum
        self._inner.start_doc(docnum)

    def add_field(self, fieldname: str, fieldobj: Any, value: Any, length: int) -> None:
        if length:  # as Whoosh's per-document reader would return it: quantised to a byte and back
            self._lengths.setdefault(fieldname, {})[self._docnum] = byte_to_length(length_to_byte(length))
        self._inner.add_field(fieldname, fieldobj, value, length)


def small_to_merge(segments: list[Any]) -> list[Any]:
    """The small segments the next commit merges: all of them once there are enough ([] before)."""
    small = [s for s in segments if s.doc_count_all() < CHUNK_PASSAGES // 2]
    return small if len(small) + 1 >= MAX_SEGMENTS else []


def merge_small(writer: SegmentWriter, segments: list[Any]) -> list[Any]:
    """Whoosh merge policy: keep the build's segments; merge the small ones once there are enough.
    A segment whose documents are all deleted is dropped without a merge (a derived build deletes
    and re-indexes the documents of the small segments: `build.derive_into`)."""
    small = small_to_merge(segments)
    for segment in small:
        if segment.doc_count():
            writer.add_reader(SegmentReader(writer.storage, writer.schema, segment))
    return [s for s in segments if s not in small]


def write_passages(
    ix: index.Index,
    passages: Iterable[Passage],
    titles: dict[str, str],
    total: int,
    progress: Progress | None = None,
    removed: Iterable[str] = (),
) -> int:
    """Add passages to an index after deleting the passages of the `removed` document ids.

    On a fresh index this is a full build (a commit per chunk: the caller builds into a folder of
    its own and swaps it in when complete, so a half-written index is never used); on an existing
    one an incremental update. Two chunks or more are written by forked workers where
    `parallel.usable_procs` allows, a full build or a derived one alike (the deletions and the
    commit stay in this process). Returns the number of passages added.
    """
    gone = sorted(set(removed))
    count = 0
    size = max(CHUNK_PASSAGES, -(-total // BUILD_SEGMENTS))
    n = -(-total // size)
    procs = parallel.usable_procs(ix, n)
    if procs > 1:  # two chunks or more (a full build, or a derived one): segments in worker processes,
        n = -(-n // procs) * procs  # as many for each worker, of equal size, so both finish together
        chunks = list(_chunks(iter(passages), -(-total // n)))
        return parallel.write_segments(ix, chunks, titles, total, procs, progress, gone)
    for i, chunk in enumerate(_chunks(iter(passages), size)):
        writer = PassageWriter(ix, **writer_options())
        try:
            if i == 0 and gone:
                writer.delete_by_query(wq.Or([wq.Term("doc", d) for d in gone]))
            for passage in chunk:
                writer.add_document(**passage_fields(passage, titles))
                count += 1
                if progress and count % 500 == 0:
                    progress(count, total, "indexing passages")
            if progress:
                progress(count, total, "writing the index")
            writer.commit(mergetype=merge_small)
        except BaseException:
            writer.cancel()
            raise
    return count


def _chunks(passages: Iterator[Passage], size: int) -> Iterator[list[Passage]]:
    """`size` at a time; always at least one (possibly empty) chunk, so deletions are written."""
    chunk = list(itertools.islice(passages, size))
    yield chunk
    while len(chunk) == size:
        chunk = list(itertools.islice(passages, size))
        if chunk:
            yield chunk


def writer_options() -> dict[str, Any]:
    """A PassageWriter's buffer and codec (posting blocks compressed at zlib level POSTING_COMPRESSION)."""
    return {"limitmb": POOL_MB, "codec": W3Codec(compression=POSTING_COMPRESSION)}
