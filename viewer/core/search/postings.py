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
- `write` fills Whoosh's posting blocks a block at a time.

The index is the same, byte for byte in its postings (tests/unit/test_index_postings.py compares
every posting with Whoosh's own writer on the bundled corpus).
"""

from __future__ import annotations

import re
from array import array
from collections import Counter
from itertools import pairwise
from pickle import dumps
from typing import Any

from whoosh import formats
from whoosh.analysis import IDTokenizer, RegexTokenizer
from whoosh.system import pack_uint

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
        self._analyzer = analyzer
        self._positions = isinstance(field.format, formats.Positions)
        if not self._positions and type(field.format) is not formats.Frequency:
            raise TypeError(f"FieldTerms does not write the {type(field.format).__name__} format")
        self._boost = float(field.format.field_boost)
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

    def index(self, text: str) -> tuple[list[tuple[bytes, int, float, bytes]], int]:
        """(term, frequency, weight, encoded value) for each distinct term, and the field length."""
        words = self._words(text)
        found = list(map(self._cache.get, words))
        if None in found:
            term_of = self._term
            found = [t if t is not None else term_of(w) for t, w in zip(found, words, strict=True)]
        fb = self._boost
        kept = [t for t in found if t]
        if not self._positions:
            return [(t, n, n * fb, _count(n)) for t, n in Counter(kept).items()], len(kept)
        if not kept:
            return [], 0
        # the stop filter's numbering: the first kept word keeps its place, the next ones follow it
        first = found.index(kept[0])
        poses: dict[bytes, list[int]] = {}
        for pos, term in enumerate(kept, first):
            got = poses.get(term)
            if got is None:
                poses[term] = [pos]
            else:
                got.append(pos)
        return [(t, len(p), len(p) * fb, _encode_positions(p)) for t, p in poses.items()], len(kept)


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
    """One segment's postings in docnum order: field -> term -> (docnums, weights, values), as
    arrays (4 bytes a number) instead of a tuple per posting: a third of the memory. Weights are
    kept as the 32-bit floats Whoosh stores them as (this schema's weights are whole numbers)."""

    def __init__(self) -> None:
        self.fields: dict[str, dict[bytes, tuple[array[int], array[float], list[bytes]]]] = {}

    def add(self, fieldname: str, docnum: int, items: Any) -> None:
        terms = self.fields.get(fieldname)
        if terms is None:
            terms = self.fields[fieldname] = {}
        for tbytes, _freq, weight, vbytes in items:
            got = terms.get(tbytes)
            if got is None:
                got = terms[tbytes] = (array("I"), array("f"), [])
            got[0].append(docnum)
            got[1].append(weight)
            got[2].append(vbytes)

    def tuples(self) -> Any:
        """The postings as Whoosh's pool holds them: (fieldname, term, docnum, weight, value)."""
        for name, terms in self.fields.items():
            for tbytes, (ids, weights, values) in terms.items():
                for docnum, weight, vbytes in zip(ids, weights, values, strict=True):
                    yield (name, tbytes, docnum, weight, vbytes)


def write(fieldwriter: Any, schema: Any, buffer: Buffer, lengths: dict[str, dict[int, int]]) -> None:
    """Write the buffer's postings through Whoosh's field writer, a posting block at a time.

    WORKAROUND: fills the posting writer's block buffers (`_ids`, `_weights`, `_values`, the length
    and weight bounds) as its `add_posting` would, posting by posting, then lets it write the blocks.
    """
    for fieldname in sorted(buffer.fields):
        terms = buffer.fields[fieldname]
        flen = lengths.get(fieldname, {})
        fieldwriter.start_field(fieldname, schema[fieldname])
        for tbytes in sorted(terms):
            fieldwriter.start_term(tbytes)
            _fill(fieldwriter._postwriter, *terms[tbytes], flen)
            fieldwriter.finish_term()
        terms.clear()  # written: its memory goes back before the next field's
        fieldwriter.finish_field()


def _fill(pw: Any, ids: array[int], weights: array[float], values: list[bytes], flen: dict[int, int]) -> None:
    limit = pw._blocklimit
    n = len(ids)
    for start in range(0, n, limit):
        end = start + limit
        block = ids[start:end] if n > limit else ids
        pw._ids = block
        pw._weights = weights[start:end] if n > limit else weights
        pw._values = [v for v in values[start:end] if v]
        got = [flen.get(d, 0) for d in block]
        nonzero = [x for x in got if x]
        pw._minlength = min(nonzero) if nonzero else None
        pw._maxlength = max(got)
        pw._maxweight = max(0, max(pw._weights))
        if end < n:
            pw._write_block()  # a full block with more to come (it starts the next one)


__all__ = ["Buffer", "FieldTerms", "id_fields", "write"]
