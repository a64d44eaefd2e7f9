"""How the correction store keeps a bead: the `beads` table's columns, one row per stored bead.

Each side of a bead is eight columns (`{side}_count`, `_exact`, `_prefix`, `_suffix`, `_start`,
`_end`, `_fp`, `_sentence`): its sentence count when saved and its `Anchor`. `target_doc` is ''
for the two language parts of one document (`source_doc`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any, cast

from viewer.core.align.corrections import Status
from viewer.core.align.corrections_anchors import Fit, StoredBead
from viewer.core.corpus.anchors import Anchor

_SIDE = "{s}_count INTEGER NOT NULL, {s}_exact TEXT NOT NULL, {s}_prefix TEXT NOT NULL, {s}_suffix TEXT NOT NULL,"
_SIDE += " {s}_start INTEGER NOT NULL, {s}_end INTEGER NOT NULL, {s}_fp TEXT NOT NULL, {s}_sentence TEXT NOT NULL,"
V1_DDL = f"""
CREATE TABLE IF NOT EXISTS beads (
    id INTEGER PRIMARY KEY,
    source_doc TEXT NOT NULL,
    target_doc TEXT NOT NULL,
    generation INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('edited', 'confirmed')),
    fit TEXT NOT NULL DEFAULT 'ok' CHECK (fit IN ('ok', 'moved', 'stale')),
    {_SIDE.format(s="source")}
    {_SIDE.format(s="target")}
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    UNIQUE (source_doc, target_doc, generation, seq)
);
"""
# target_doc '' : the two language parts of the document source_doc.
_SIDE_COLUMNS = ("count", "exact", "prefix", "suffix", "start", "end", "fp", "sentence")
COLUMNS = ", ".join(
    ["id", "source_doc", "target_doc", "generation", "seq", "status", "fit"]
    + [f"{s}_{c}" for s in ("source", "target") for c in _SIDE_COLUMNS]
    + ["created", "updated"]
)


def side_values(anchor: Anchor | None, count: int) -> list[Any]:
    if anchor is None:
        return [0, "", "", "", 0, 0, "", ""]
    return [count, anchor.exact, anchor.prefix, anchor.suffix, anchor.start, anchor.end, anchor.fingerprint,
            anchor.sentence_id]  # fmt: skip


def insert(
    conn: sqlite3.Connection,
    source_doc: str,
    target_doc: str,
    generation: int,
    bead: StoredBead,
    created: str,
    stamp: str,
) -> None:
    values = [source_doc, target_doc, generation, bead.seq, bead.status, bead.fit]
    values += side_values(bead.source, bead.source_count) + side_values(bead.target, bead.target_count)
    names = COLUMNS.split(", ")[1:]
    conn.execute(
        f"INSERT INTO beads ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})", [*values, created, stamp]
    )


def bead_of(row: tuple[Any, ...]) -> StoredBead:
    row_id, source_doc, target_doc, generation, seq, status, fit = row[:7]
    source = side_of(row[7:15], source_doc)
    target = side_of(row[15:23], target_doc or source_doc)
    return StoredBead(
        int(seq),
        cast(Status, status),
        source,
        target,
        int(row[7]) if source else 0,
        int(row[15]) if target else 0,
        cast(Fit, fit),
        int(row_id),
        int(generation),
    )


def side_of(values: Sequence[Any], doc_id: str) -> Anchor | None:
    count, exact, prefix, suffix, start, end, fingerprint, sentence = values
    if not count or not exact:
        return None
    return Anchor(
        doc_id, str(exact), str(prefix), str(suffix), int(start), int(end), str(fingerprint), "", str(sentence)
    )
