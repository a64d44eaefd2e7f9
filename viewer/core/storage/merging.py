"""Merging salvaged rows into a sound store: each row it lacks is added and, with
`SalvageTable.newer`, a newer version of a row it has is taken; a row that breaks a constraint (its
parent was on a lost page) is left out and counted. Rows are the same when their primary key or a
unique key is (a rowid alias alone never makes two rows the same: a taken number gets a new one).
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from dataclasses import dataclass
from typing import Any

from viewer.core.storage.salvage import Salvaged
from viewer.core.storage.spec import SalvageTable, StoreSpec

log = logging.getLogger(__name__)


@dataclass
class Merged:
    added: int = 0  # counted rows the store lacked
    updated: int = 0  # counted rows the store had in an older version
    refused: int = 0  # rows (of any table) left out: a broken reference or constraint
    undecodable: int = 0  # rows found with text that was not valid UTF-8 (kept with replacement characters)


def merge(spec: StoreSpec, conn: sqlite3.Connection, salvaged: Salvaged) -> Merged:
    """Add the salvaged rows `conn` (at the latest version) lacks, in one transaction."""
    result = Merged(undecodable=salvaged.undecodable)
    conn.execute("BEGIN IMMEDIATE")
    try:
        for table in spec.salvage:
            added, updated, refused = _merge_table(conn, salvaged.rows, table)
            result.refused += refused
            if table.counted:
                result.added += added
                result.updated += updated
            if refused:
                log.warning(
                    "merge into %s: %d row(s) of %s left out (broken references)", spec.name, refused, table.name
                )
        if spec.changed is not None and (result.added or result.updated):
            spec.changed(conn)
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return result


def _merge_table(conn: sqlite3.Connection, source: sqlite3.Connection, table: SalvageTable) -> tuple[int, int, int]:
    info = conn.execute(f"PRAGMA table_info({table.name})").fetchall()
    names = [str(row[1]) for row in info]
    keys = _unique_keys(conn, table.name, info)
    had_rows = conn.execute(f"SELECT 1 FROM {table.name} LIMIT 1").fetchone() is not None
    try:
        conn.execute(f"SELECT rowid FROM {table.name} LIMIT 0")
        has_rowid = True
    except sqlite3.OperationalError:  # WITHOUT ROWID
        has_rowid = False
    alias = (
        next(
            (
                str(r[1])
                for r in info
                if r[5] == 1 and str(r[2]).upper() == "INTEGER" and sum(1 for x in info if x[5]) == 1
            ),
            None,
        )
        if has_rowid
        else None
    )
    added = updated = refused = 0
    for row in source.execute(f"SELECT {', '.join(names)} FROM {table.name}"):
        values = dict(zip(names, row, strict=True))
        found = _same_row(conn, table.name, keys or [names], values) if had_rows else None
        if found is not None:
            key, existing = found
            if (
                table.newer
                and values[table.newer] is not None
                and (existing[table.newer] is None or values[table.newer] > existing[table.newer])
            ):
                changed = [n for n in names if n != alias]
                where = " AND ".join(f"{n} IS ?" for n in key)
                try:
                    conn.execute(
                        f"UPDATE {table.name} SET {', '.join(n + ' = ?' for n in changed)} WHERE {where}",
                        (*(values[n] for n in changed), *(existing[n] for n in key)),
                    )
                    updated += 1
                except sqlite3.IntegrityError:
                    refused += 1
            continue
        if (
            alias is not None
            and values[alias] is not None
            and conn.execute(f"SELECT 1 FROM {table.name} WHERE rowid = ?", (values[alias],)).fetchone()
        ):
            values[alias] = None  # that number is taken by another row: a new one
        try:
            conn.execute(
                f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})",
                tuple(values[n] for n in names),
            )
            added += 1
        except sqlite3.IntegrityError as exc:  # e.g. a row whose parent was on a lost page
            refused += 1
            log.debug("merge: a row of %s left out: %s", table.name, exc)
    return added, updated, refused


def _unique_keys(conn: sqlite3.Connection, table: str, info: list[Any]) -> list[list[str]]:
    """The column sets that identify a row (primary key, unique indexes), the rowid alias aside."""
    keys: list[list[str]] = []
    primary = [str(r[1]) for r in sorted((r for r in info if r[5]), key=lambda r: r[5])]
    if primary and not (len(primary) == 1 and str(next(r[2] for r in info if r[5])).upper() == "INTEGER"):
        keys.append(primary)
    for index in conn.execute(f"PRAGMA index_list({table})").fetchall():  # seq, name, unique, origin, partial
        if index[2] and not index[4]:
            columns = [str(c[2]) for c in conn.execute(f"PRAGMA index_info({index[1]})") if c[1] >= 0]
            if columns and columns not in keys:
                keys.append(columns)
    return keys


def _same_row(
    conn: sqlite3.Connection, table: str, keys: list[list[str]], values: dict[str, Any]
) -> tuple[list[str], dict[str, Any]] | None:
    """The row of the store that is this one (same primary key or unique key), with the key that matched."""
    for key in keys:
        where = " AND ".join(f"{name} IS ?" for name in key)
        with contextlib.closing(
            conn.execute(f"SELECT * FROM {table} WHERE {where} LIMIT 1", tuple(values[name] for name in key))
        ) as cursor:
            row = cursor.fetchone()
            if row is not None:
                return key, dict(zip((d[0] for d in cursor.description), row, strict=True))
    return None
