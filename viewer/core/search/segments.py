"""What the bulk scorer reads of each segment once per searcher: rank factors and field lengths as arrays."""

from __future__ import annotations

import sys
from array import array
from dataclasses import dataclass
from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield

from viewer.core.search.schema import LOW_VALUE_SCALE


@dataclass
class Segment:
    """What scoring needs of one segment, read once: rank factors and field lengths as arrays."""

    searcher: Any  # Whoosh's searcher of this segment alone
    offset: int  # its first document number in the whole index
    factors: array[float]  # low-value passages already scaled by LOW_VALUE_SCALE
    lengths: dict[str, bytes]  # field -> one length byte per document
    deleted: frozenset[int]


def segments(searcher: Any) -> list[Segment]:
    """The index's segments with their columns loaded (a few MB at 50 MB; done once per searcher)."""
    out = []
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        count = reader.doc_count_all()
        factors = _column_array(reader.column_reader("factor")._reader, count, "f", 1.0)
        factors = array("d", [f or LOW_VALUE_SCALE for f in factors])  # doubles, as Whoosh's scorer uses
        lengths = {}
        for name in ("en", "no", "plain"):
            column = reader._perdoc._cached_reader(_lenfield(name), LENGTHS_COLUMN)
            lengths[name] = bytes(_column_array(column, count, "B", 0)) if column is not None else bytes(count)
        deleted = frozenset(reader.deleted_docs_set) if reader.has_deletions() else frozenset()
        out.append(Segment(sub, offset, factors, lengths, deleted))
    return out


def _column_array(column: Any, count: int, typecode: str, default: float) -> array[Any]:
    """A fixed-width numeric Whoosh column read whole (Whoosh reads it a value at a time).

    WORKAROUND: reads the column reader's file span directly; NumericColumn stores big-endian values.
    """
    values: array[Any] = array(typecode)
    stored = min(count, column._count)
    values.frombytes(column._dbfile.get(column._basepos, stored * values.itemsize))
    if values.itemsize > 1 and sys.byteorder == "little":
        values.byteswap()
    values.extend([default] * (count - stored))
    return values
