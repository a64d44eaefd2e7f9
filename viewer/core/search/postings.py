"""A segment's postings made and written without Whoosh's per-token and per-posting calls.

Whoosh analyses every token of a field through a chain of generators (tokenizer, lowercase, stop
words, stemmer, variant rules: five Python calls and a Token per word), adds each posting to a pool
of 5-tuples that is sorted whole when the segment is written, and then writes it a posting at a
time. A build spent most of its time there. Here:

- `FieldTerms` splits a field's text with the analyzer's own token pattern and looks each word up in
  a cache of the term the analyzer makes of that word alone (every filter of the chain works on one
  token at a time, so a word's term does not depend on its neighbours); positions are numbered as
  the stop filter renumbers them (the first kept word keeps its place, the next ones follow it).
- `Buffer` keeps a segment's postings per field and term in the order they were added (document
  numbers ascend), so nothing is sorted but the terms.
- `write` fills Whoosh's posting blocks a block at a time and writes them as Whoosh does (the same
  bytes), minifying a block's ids and weights in C loops rather than a generator step per posting.

The index is the same, byte for byte in its postings (tests/unit/test_index_postings.py compares
every posting with Whoosh's own writer on the bundled corpus).
"""

from __future__ import annotations

import contextlib
import functools
import re
import zlib
from array import array
from collections import Counter
from collections.abc import Iterator
from itertools import chain, pairwise
from operator import sub
from pickle import dumps
from typing import Any

from whoosh import formats
from whoosh.analysis import IDTokenizer, RegexTokenizer
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC
from whoosh.system import pack_uint
from whoosh.util.numeric import length_to_byte

# A field's word cache is emptied past this many words (a few tens of MB), so memory stays bounded
# however many distinct words (names, numbers, misspellings) a library holds.
WORD_CACHE = 400_000


class FieldTerms:
    """The terms, frequencies and encoded values of one analysed field's text, as Whoosh's
    `Positions` or `Frequency` format would give them (`index`)."""

    def __init__(self, field: Any) -> None:
        analyzer = field.analyzer
        tokenizer = analyzer.items[0] if hasattr(analyzer, "items") else analyzer
        if not isinstance(tokenizer, RegexTokenizer) or getattr(tokenizer, "gaps", False):
            raise TypeError("FieldTerms needs an analyzer that starts with a matching RegexTokenizer")
        pattern = tokenizer.expression
        self._words = pattern.findall if pattern.groups == 0 else _matches(pattern)
        self.pattern: str = pattern.pattern
        self._analyzer = analyzer
        self._positions = isinstance(field.format, formats.Positions)
        if not self._positions and type(field.format) is not formats.Frequency:
            raise TypeError(f"FieldTerms does not write the {type(field.format).__name__} format")
        self._boost = float(field.format.field_boost)
        if self._boost != 1.0:  # the buffer keeps frequencies, written as the weights: boost 1
            raise TypeError("FieldTerms writes fields of boost 1 only")
        self._cache: dict[str, bytes] = {}

    def _term(self, word: str) -> bytes:
        """The term `word` becomes on its own, b"" when the analyzer drops it (a stop word)."""
        if len(self._cache) >= WORD_CACHE:
            self._cache.clear()
        got = [t.text for t in self._analyzer(word, positions=True, boosts=True, mode="index") if not t.stopped]
        if len(got) > 1:  # cannot happen for a whole match of the tokenizer's pattern; never guess
            raise ValueError(f"{word!r} analyses to {len(got)} terms")
        term = self._cache[word] = got[0].encode("utf-8") if got else b""
        return term

    def words(self, text: str) -> list[str]:
        """The words of `text` as the analyzer's tokenizer splits it (fields with the same `pattern`
        split a text alike, so a text indexed in two of them is split once)."""
        return self._words(text)  # type: ignore[no-any-return]

    def _found(self, words: list[str]) -> list[bytes]:
        found = list(map(self._cache.get, words))
        if None in found:
            term_of = self._term
            found = [t if t is not None else term_of(w) for t, w in zip(found, words, strict=True)]
        return found  # type: ignore[return-value]

    def index(self, text: str) -> tuple[list[tuple[bytes, int, float, bytes]], int]:
        """(term, frequency, weight, encoded value) for each distinct term, and the field length."""
        terms: dict[bytes, list[Any]] = {}
        length = self.add(terms, 0, self._words(text))
        fb = self._boost
        return [(t, got[1], got[1] * fb, got[2]) for t, got in terms.items()], length

    def add(self, terms: dict[bytes, list[Any]], docnum: int, words: list[str]) -> int:
        """Add one document's postings for this field (its `words`) to `terms` (a `Buffer`'s term ->
        [docnum, frequency, value, ...]); returns the field length."""
        found = self._found(words)
        if not self._positions:
            kept = [t for t in found if t] if b"" in found else found
            for t, n in Counter(kept).items():
                got = terms.get(t)
                if got is None:
                    terms[t] = [docnum, n, _count(n)]
                else:
                    got += (docnum, n, _count(n))
            return len(kept)
        kept = [t for t in found if t]
        if not kept:
            return 0
        # the stop filter's numbering: the first kept word keeps its place, the next ones follow it
        first = found.index(kept[0])
        poses: dict[bytes, list[int]] = {}
        for pos, term in enumerate(kept, first):
            got = poses.get(term)
            if got is None:
                poses[term] = [pos]
            else:
                got.append(pos)
        for t, p in poses.items():
            got = terms.get(t)
            if got is None:
                terms[t] = [docnum, len(p), _encode_positions(p)]
            else:
                got += (docnum, len(p), _encode_positions(p))
        return len(kept)


def _matches(pattern: re.Pattern[str]) -> Any:
    """A pattern with groups: findall would return the groups, so the whole matches are listed."""

    def words(text: str) -> list[str]:
        return [m.group(0) for m in pattern.finditer(text)]

    return words


def _encode_positions(poslist: list[int]) -> bytes:
    """Whoosh's Positions.encode: the count, then the pickled position deltas (a word met once, as
    most are, from a table)."""
    if len(poslist) == 1:
        got = _ONE.get(poslist[0])
        if got is None:
            got = _ONE[poslist[0]] = bytes(pack_uint(1)) + dumps(poslist, 2)
        return got
    deltas = [poslist[0], *(b - a for a, b in pairwise(poslist))]
    return bytes(pack_uint(len(deltas))) + dumps(deltas, 2)


_ONE: dict[int, bytes] = {}


def _count(n: int) -> bytes:
    """Whoosh's Frequency.encode (the packed count), one shared bytes object per count: a posting
    then costs its buffer a pointer, not a new 37-byte object (a third of a segment's buffer)."""
    got = _COUNTS.get(n)
    if got is None:
        got = _COUNTS[n] = pack_uint(n)
    return got


_COUNTS: dict[int, bytes] = {}


def id_fields(schema: Any) -> dict[str, float]:
    """The fields indexed as one untouched term (Whoosh's ID), with their field boost."""
    out = {}
    for name in schema.names():
        field = schema[name]
        if field.indexed and type(field.analyzer) is IDTokenizer and type(field.format) is formats.Existence:
            out[name] = float(field.format.field_boost)
    return out


class Buffer:
    """One segment's postings in docnum order: field -> term -> [docnum, weight, value, docnum, ...],
    a flat list (three pointers a posting: the docnum object is shared by a document's postings, the
    weights are small ints, the values mostly shared bytes from `_ONE` and `_COUNTS`). Appending a
    posting is one list operation (three array appends and a tuple per posting made the buffer a
    third of a build's time); the lists are split into Whoosh's arrays a term at a time when written.
    The weights are whole numbers (this schema's field boosts are 1), as Whoosh's 32-bit floats."""

    def __init__(self) -> None:
        self.fields: dict[str, dict[bytes, list[Any]]] = {}

    def terms(self, fieldname: str) -> dict[bytes, list[Any]]:
        """The field's term -> postings, for `FieldTerms.add` to add to."""
        terms = self.fields.get(fieldname)
        if terms is None:
            terms = self.fields[fieldname] = {}
        return terms

    def add(self, fieldname: str, docnum: int, items: Any) -> None:
        """Add (term, frequency, weight, value) items, as Whoosh's fields make them."""
        terms = self.terms(fieldname)
        for tbytes, _freq, weight, vbytes in items:
            got = terms.get(tbytes)
            if got is None:
                terms[tbytes] = [docnum, weight, vbytes]
            else:
                got += (docnum, weight, vbytes)

    def tuples(self) -> Any:
        """The postings as Whoosh's pool holds them: (fieldname, term, docnum, weight, value)."""
        for name, terms in self.fields.items():
            for tbytes, flat in terms.items():
                for docnum, weight, vbytes in zip(flat[0::3], flat[1::3], flat[2::3], strict=True):
                    yield (name, tbytes, docnum, float(weight), vbytes)


def write(fieldwriter: Any, schema: Any, buffer: Buffer, lengths: dict[str, dict[int, int]]) -> None:
    """Write the buffer's postings through Whoosh's field writer, a posting block at a time.

    WORKAROUND: fills the posting writer's block buffers (`_ids`, `_weights`, `_values`, the length
    and weight bounds) as its `add_posting` would, posting by posting, then lets it write the blocks.
    """
    with _positions_counted(fieldwriter._postfile), _positions_counted(fieldwriter._tindex.dbfile):
        for fieldname in sorted(buffer.fields):
            terms = buffer.fields[fieldname]
            flen = lengths.get(fieldname, {})
            fieldwriter.start_field(fieldname, schema[fieldname])
            postwriter = fieldwriter._postwriter
            postwriter._write_block = functools.partial(_write_block, postwriter)  # for its last block
            for tbytes in sorted(terms):
                fieldwriter.start_term(tbytes)
                _fill(postwriter, terms[tbytes], flen)
                fieldwriter.finish_term()
            terms.clear()  # written: its memory goes back before the next field's
            fieldwriter.finish_field()


@contextlib.contextmanager
def _positions_counted(f: Any) -> Iterator[None]:
    """While terms are written, `f.tell()` counts the bytes written instead of asking the file.

    WORKAROUND: Whoosh asks the posting and term files for their position four times a term (a
    system call each; a sixth of writing the terms on a busy machine). Only `f.write` is used
    meanwhile; the count is checked against the file's own position before it is closed.
    """
    raw = f.file
    at = [raw.tell()]
    write = raw.write

    def counted(data: Any) -> Any:
        at[0] += len(data) if type(data) is bytes else memoryview(data).nbytes
        return write(data)

    f.write, f.tell = counted, lambda: at[0]
    try:
        yield
    finally:
        del f.write, f.tell  # the StructFile's own methods again
    if raw.tell() != at[0]:
        raise RuntimeError(f"{f}: {at[0]} bytes counted, the file is at {raw.tell()}")


def _fill(pw: Any, flat: list[Any], flen: dict[int, int]) -> None:
    limit = pw._blocklimit
    ids, weights, values = array("I", flat[0::3]), array("f", flat[1::3]), flat[2::3]
    n = len(ids)
    for start in range(0, n, limit):
        end = start + limit
        block = ids[start:end] if n > limit else ids
        pw._ids = block
        pw._weights = weights[start:end] if n > limit else weights
        pw._values = list(filter(None, values[start:end]))
        if flen:  # a scorable field: every passage with a posting has a length
            got = list(map(flen.__getitem__, block))
            shortest = min(got)
            pw._minlength = shortest if shortest else min(filter(None, got), default=None)
            pw._maxlength = max(got)
        else:
            pw._minlength, pw._maxlength = None, 0
        pw._maxweight = max(0, max(pw._weights))
        if end < n:
            _write_block(pw)  # a full block with more to come (it starts the next one)


def _write_block(pw: Any, last: bool = False) -> None:
    """Whoosh's W3PostingsWriter._write_block, the same bytes, with the block's ids and weights
    minified by C loops instead of a generator step per posting.

    WORKAROUND: Whoosh compresses even a pickle under 20 bytes (its check is overwritten on the next
    line); kept, so that the blocks stay as Whoosh writes them.
    """
    if not pw._blockcount:
        pw._postfile.write(WHOOSH3_HEADER_MAGIC)
    pw._terminfo.add_block(pw)
    ids, weights = pw._ids, pw._weights
    count = len(ids)
    if weights.count(1.0) == count:
        mini_weights: Any = None
    elif weights.count(weights[0]) == count:
        mini_weights = weights[0]
    else:
        mini_weights = tuple(weights)
    data = dumps((tuple(map(sub, ids, chain((0,), ids))), mini_weights, pw._mini_values()), 2)
    comp = pw._compression
    if comp:
        data = zlib.compress(data, comp)
    info = (count, ids[-1], pw._maxweight, comp, length_to_byte(pw._minlength), length_to_byte(pw._maxlength))
    infobytes = dumps(info, 2)
    size = len(infobytes) + len(data)
    postfile = pw._postfile
    postfile.write_int(-size if last else size)
    postfile.write(infobytes)
    postfile.write(data)
    pw._blockcount += 1
    pw._new_block()


__all__ = ["Buffer", "FieldTerms", "id_fields", "write"]
