"""Text that is not valid UTF-8: damage SQLite's quick_check does not see, and that made every read
of the row fail in Python (`Could not decode to UTF-8 column ...`).

Store connections decode leniently (`Lenient`: U+FFFD for what cannot be decoded), so reading never
fails on it. On opening, each table of user rows is checked; the rows with such text are kept with
the replacement characters written back, after the file as it was is kept beside it, and the
notice says so once. A store that cannot be written is only reported.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from viewer.core.storage.files import free_name, stamp
from viewer.core.storage.spec import UNDECODABLE, StoreSpec

log = logging.getLogger(__name__)


class Lenient:
    """A `text_factory`: UTF-8, with U+FFFD for bytes that are not (and a count of such values)."""

    def __init__(self) -> None:
        self.bad = 0

    def __call__(self, data: bytes) -> str:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            self.bad += 1
            log.warning("text that is not UTF-8 read with replacement characters: %.60r", data)
            return data.decode("utf-8", "replace")


@dataclass(frozen=True)
class BadText:
    table: str
    where: str  # e.g. "rowid = ?" or "bookmark_id = CAST(? AS TEXT) AND tag = ?"
    params: tuple[Any, ...]
    column: str
    raw: bytes


def find(conn: sqlite3.Connection, spec: StoreSpec, version: int) -> list[BadText]:
    """Every text value of the store's tables that is not valid UTF-8 (one fast pass when there are none)."""
    found: list[BadText] = []
    previous = conn.text_factory
    try:
        for table in spec.salvage:
            if version < table.since:
                continue
            conn.text_factory = str  # strict, and decoded in C: the fast pass
            try:
                for _row in conn.execute(f"SELECT * FROM {table.name}"):
                    pass
                continue
            except sqlite3.OperationalError as exc:
                if UNDECODABLE not in str(exc).lower():
                    raise
            conn.text_factory = bytes
            found += _bad_values(conn, table.name)
    finally:
        conn.text_factory = previous
    return found


def _bad_values(conn: sqlite3.Connection, table: str) -> list[BadText]:
    info = conn.execute(f"PRAGMA table_info({table})").fetchall()
    names = [str(row[1], "utf-8", "replace") if isinstance(row[1], bytes) else str(row[1]) for row in info]
    keys = [names[int(row[0])] for row in sorted((r for r in info if r[5]), key=lambda r: int(r[5]))]
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    by_rowid = b"WITHOUT ROWID" not in b" ".join(bytes(sql).upper().split())
    columns = ", ".join(f"{name}, typeof({name})" for name in names)
    found: list[BadText] = []
    for row in conn.execute(f"SELECT {'rowid, ' if by_rowid else ''}{columns} FROM {table}"):
        values = row[1:] if by_rowid else row
        typed = {name: (values[2 * i], values[2 * i + 1]) for i, name in enumerate(names)}
        if by_rowid:
            where, params = "rowid = ?", (row[0],)
        else:
            where = " AND ".join(f"{k} = CAST(? AS TEXT)" if typed[k][1] == b"text" else f"{k} = ?" for k in keys)
            params = tuple(typed[k][0] for k in keys)
        for name, (value, kind) in typed.items():
            if kind == b"text" and isinstance(value, bytes):
                try:
                    value.decode("utf-8")
                except UnicodeDecodeError:
                    found.append(BadText(table, where, params, name, value))
    return found


def describe(spec: StoreSpec, bad: list[BadText]) -> str:
    rows = len({(b.table, b.params) for b in bad})
    return f"{rows} row(s) of {spec.name} had text that is not valid UTF-8 (damage SQLite's check does not see)"


def repair(spec: StoreSpec, conn: sqlite3.Connection, path: str, bad: list[BadText]) -> str:
    """Keep a copy of the file as it is, write the text back with replacement characters; the notice."""
    kept = free_name(Path(path), f"corrupt-{stamp()}")
    with contextlib.closing(sqlite3.connect(kept)) as copy:
        conn.backup(copy)
    log.warning("%s: %d text value(s) not UTF-8; the file as it was is kept at %s", path, len(bad), kept)
    left = 0
    conn.execute("BEGIN IMMEDIATE")
    try:
        for item in bad:
            try:
                conn.execute(
                    f"UPDATE {item.table} SET {item.column} = ? WHERE {item.where}",
                    (item.raw.decode("utf-8", "replace"), *item.params),
                )
            except sqlite3.IntegrityError as exc:  # the repaired value collides with another row's
                left += 1
                log.warning("text of %s.%s left as it is: %s", item.table, item.column, exc)
        if spec.changed is not None:
            spec.changed(conn)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    after = f" ({left} could not be rewritten and are shown so)" if left else ""
    return (
        f"{describe(spec, bad)}: they were kept with replacement characters (\ufffd){after}, and the file"
        f" as it was is kept at {kept}"
    )
