"""Rows read page by page out of a file SQLite refuses or cannot walk (the `.recover` approach).

The tables of the schema (`sqlite_master`, itself the b-tree on page 1) are walked from their root
pages, each damaged page costing only the pages under it. Leaf pages no tree reaches any more (a
damaged interior page, a damaged page 1) and that are not on the freelist are recognised by the
shape of their rows: the column count and the type each column allows (from the store's own schema
at that version), and a page is taken only when exactly one table fits every row on it.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from viewer.core.storage import pages
from viewer.core.storage.migrations import Migrations, migrate
from viewer.core.storage.pages import INDEX_INTERIOR, INDEX_LEAF, TABLE_LEAF, Value

log = logging.getLogger(__name__)

Row = tuple[int | None, tuple[Value, ...]]  # (rowid, or None for a WITHOUT ROWID table; values in column order)


@dataclass(frozen=True)
class Shape:
    """What the rows of one table look like at one schema version."""

    name: str
    columns: tuple[str, ...]
    affinities: tuple[str, ...]
    not_null: tuple[bool, ...]
    defaults: tuple[Value, ...]  # for rows written before a column was added
    alias: int | None  # the INTEGER PRIMARY KEY column (stored as NULL: the rowid is its value)
    without_rowid: bool
    stored: tuple[int, ...]  # column positions in the order the record holds them

    def fits(self, values: list[Value], exact: bool) -> bool:
        if len(values) > len(self.columns) or (exact and len(values) != len(self.columns)) or not values:
            return False
        for position, value in zip(self.stored, values, strict=False):
            if position == self.alias:
                if value is not None:
                    return False
            elif not _allowed(value, self.affinities[position], self.not_null[position]):
                return False
        return True

    def row(self, rowid: int | None, values: list[Value]) -> Row:
        full: list[Value] = list(self.defaults)
        for position, value in zip(self.stored, values, strict=False):
            full[position] = value
        if self.alias is not None:
            full[self.alias] = rowid
        return (None if self.without_rowid else rowid), tuple(full)


def _allowed(value: Value, affinity: str, not_null: bool) -> bool:
    if value is None:
        return not not_null
    if affinity == "TEXT":
        return isinstance(value, (str, bytes))
    if affinity in ("INTEGER", "REAL"):
        return isinstance(value, (int, float))
    if affinity == "NUMERIC":
        return isinstance(value, (int, float, str))
    return True


def _affinity(declared: str) -> str:
    """SQLite's rules for a column's affinity from its declared type."""
    kind = declared.upper()
    if "INT" in kind:
        return "INTEGER"
    if any(word in kind for word in ("CHAR", "CLOB", "TEXT")):
        return "TEXT"
    if "BLOB" in kind or not kind:
        return "BLOB"
    if any(word in kind for word in ("REAL", "FLOA", "DOUB")):
        return "REAL"
    return "NUMERIC"


def shapes(
    migrations: Migrations, version: int, tables: list[str], prepare: Callable[[sqlite3.Connection], None] | None = None
) -> dict[str, Shape]:
    """The shapes of `tables` at `version`, from a scratch database built by the same migrations."""
    found: dict[str, Shape] = {}
    with contextlib.closing(sqlite3.connect(":memory:", isolation_level=None)) as scratch:
        if prepare is not None:
            prepare(scratch)
        migrate(scratch, migrations, upto=version)
        for name in tables:
            sql = scratch.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone()
            if sql is None:
                continue
            info = scratch.execute(f"PRAGMA table_info({name})").fetchall()  # cid, name, type, notnull, default, pk
            without_rowid = "WITHOUT ROWID" in " ".join(str(sql[0]).upper().split())
            keys = sorted((row for row in info if row[5]), key=lambda row: row[5])
            alias = None
            if not without_rowid and len(keys) == 1 and str(keys[0][2]).upper() == "INTEGER":
                alias = int(keys[0][0])
            stored = tuple(range(len(info)))
            if without_rowid:
                key_positions = [int(row[0]) for row in keys]
                stored = (*key_positions, *(int(row[0]) for row in info if int(row[0]) not in key_positions))
            defaults = tuple(
                None if row[4] is None else scratch.execute(f"SELECT {row[4]}").fetchone()[0] for row in info
            )
            found[name] = Shape(
                name,
                tuple(str(row[1]) for row in info),
                tuple(_affinity(str(row[2])) for row in info),
                tuple(bool(row[3]) for row in info),
                defaults,
                alias,
                without_rowid,
                stored,
            )
    return found


@dataclass
class Recovered:
    rows: dict[str, list[Row]]
    undecodable: int = 0  # rows whose text was not valid (kept with U+FFFD)
    orphan_pages: int = 0  # pages no tree reached, recognised by their rows
    ambiguous_pages: int = 0  # pages that fitted more than one table (left out)


def recover(data: bytes, table_shapes: dict[str, Shape], page_size: int | None = None) -> Recovered:
    """The rows of the shaped tables found in the image `data` (a database file as bytes)."""
    head = pages.header(data)
    size = head.page_size if head else page_size or _guess_page_size(data)
    image = pages.File(data, size, head.reserved if head else 0, head.encoding if head else "utf-8")
    out = Recovered({name: [] for name in table_shapes})
    free = image.freelist(head.freelist) if head else set()
    seen: set[int] = set()
    roots: dict[str, int] = {}
    for _kind, cell in image.walk(1, seen):  # sqlite_master: type, name, tbl_name, rootpage, sql
        try:
            values, _bad = pages.record(cell.payload or b"", image.encoding)
        except pages.Malformed:
            continue
        if len(values) == 5 and isinstance(values[1], str) and isinstance(values[3], int) and values[3] > 0:
            roots[values[1]] = values[3]
    others = {name: root for name, root in roots.items() if name not in table_shapes}
    for name, shape in table_shapes.items():
        if name in roots:
            for kind, cell in image.walk(roots[name], seen):
                _take(out, shape, kind, cell, image.encoding, exact=False)
    for root in others.values():  # every other tree, so its pages are not mistaken for orphans
        for _item in image.walk(root, seen):
            pass
    for number in range(1, image.pages + 1):
        if number not in seen and number not in free:
            _orphan(out, image, number, table_shapes)
    return out


def _take(out: Recovered, shape: Shape, kind: int, cell: pages.Cell, encoding: str, exact: bool) -> bool:
    if cell.payload is None or (kind == TABLE_LEAF) == shape.without_rowid:
        return False
    try:
        values, bad = pages.record(cell.payload, encoding)
    except pages.Malformed:
        return False
    if not shape.fits(values, exact):
        return False
    out.rows[shape.name].append(shape.row(cell.rowid, values))
    out.undecodable += bool(bad)
    return True


def _orphan(out: Recovered, image: pages.File, number: int, table_shapes: dict[str, Shape]) -> None:
    try:
        kind, cells, _right, bad = image.cells(number)
    except pages.Malformed:
        return
    if kind not in (TABLE_LEAF, INDEX_LEAF, INDEX_INTERIOR) or not cells or bad:
        return
    decoded: list[tuple[pages.Cell, list[Value]]] = []
    for cell in cells:
        try:
            decoded.append((cell, pages.record(cell.payload or b"", image.encoding)[0]))
        except pages.Malformed:
            return
    fitting = [
        shape
        for shape in table_shapes.values()
        if (kind == TABLE_LEAF) != shape.without_rowid
        and all(shape.fits(values, exact=True) for _cell, values in decoded)
    ]
    if len(fitting) != 1:
        out.ambiguous_pages += len(fitting) > 1
        return
    out.orphan_pages += 1
    for cell, _values in decoded:
        _take(out, fitting[0], kind, cell, image.encoding, exact=True)


def _guess_page_size(data: bytes) -> int:
    """The page size of an image whose page 1 is gone: the smallest under which (nearly) as many of
    the pages read as sound b-tree pages as under any other (twice the size reads as well too)."""

    def sound(size: int) -> float:
        image = pages.File(data, size)
        good = 0
        for number in range(2, image.pages + 1):
            try:
                _kind, cells, _right, bad = image.cells(number)
            except pages.Malformed:
                continue
            good += bool(cells) and not bad
        return good / max(1, image.pages - 1)

    sizes = (512, 1024, 2048, 4096, 8192, 16384, 32768, 65536)
    scores = {size: sound(size) for size in sizes if len(data) >= 2 * size}
    if not scores:
        return 4096
    best = max(scores.values())
    return next(size for size in sizes if size in scores and scores[size] >= 0.75 * best)
