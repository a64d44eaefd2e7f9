"""Getting the user's rows out of a damaged store, and merging them into a sound one.

`collect` reads a set-aside copy (never changing it): its write-ahead log's trustworthy frames
applied by hand (`wal.build_image`: SQLite would stop at the first bad one), then every row SQLite
can still read one by one, then, page by page, the rows SQLite cannot reach (`recover`). The rows
go into a scratch database at the copy's version that the store's own migrations bring to the
latest. Merging them into the store is `merging`'s.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from viewer.core.storage import pages, recover, wal
from viewer.core.storage.migrations import migrate
from viewer.core.storage.spec import SalvageTable, StoreSpec
from viewer.core.storage.text import Lenient

log = logging.getLogger(__name__)

MAX_SALVAGE_ROWS = 1_000_000
GIVE_UP_AFTER = 100_000  # rowids without a row, when the table's largest rowid cannot be read


@dataclass
class Salvaged:
    rows: sqlite3.Connection  # a scratch database at the latest version holding what was found
    found: int  # rows of the counted tables
    undecodable: int  # rows whose text was not valid UTF-8 (kept with replacement characters)
    from_log: int  # frames of the write-ahead log beyond what SQLite would replay

    def close(self) -> None:
        self.rows.close()


def collect(spec: StoreSpec, damaged: Path) -> Salvaged | None:
    """Every row of `spec.salvage`'s tables still readable in `damaged` (and its `-wal`); None when
    nothing can be read or the file's schema version is unknown here."""
    with tempfile.TemporaryDirectory(prefix="store-salvage-") as tmp:
        image = Path(tmp) / "image.sqlite3"
        from_log = 0
        try:
            report = wal.inspect(damaged)
            if report is not None and report.page_size:
                from_log = wal.build_image(damaged, report, image)
            else:
                shutil.copyfile(damaged, image)
            data = image.read_bytes()
        except OSError as exc:
            log.warning("cannot read %s for salvage: %s", damaged, exc)
            return None
        head = pages.header(data)
        versions = [head.user_version] if head else sorted({v for v, _ in spec.migrations}, reverse=True)
        known = {target for target, _ in spec.migrations}
        if not set(versions) & known:
            log.warning("cannot salvage %s: unknown schema version %s", damaged, versions)
            return None
        best: tuple[int, int, dict[str, list[recover.Row]], int] | None = None  # counted, version, rows, bad
        for version in versions:
            tables = [t for t in spec.salvage if version >= t.since]
            found = _read_with_sqlite(image, tables) if head else {}
            shapes = recover.shapes(spec.migrations, version, [t.name for t in tables], spec.prepare)
            pages_found = recover.recover(data, shapes)
            log.info(
                "salvage of %s at version %d: %s; %d orphan page(s), %d ambiguous",
                damaged,
                version,
                {name: len(rows) for name, rows in pages_found.rows.items()},
                pages_found.orphan_pages,
                pages_found.ambiguous_pages,
            )
            rows = {t.name: _union(found.get(t.name, []), pages_found.rows.get(t.name, [])) for t in tables}
            counted = sum(len(rows[t.name]) for t in tables if t.counted)
            if best is None or counted > best[0]:
                best = (counted, version, rows, pages_found.undecodable)
    assert best is not None
    _counted, version, rows, undecodable = best
    scratch = sqlite3.connect(":memory:", isolation_level=None)
    try:
        if spec.prepare is not None:
            spec.prepare(scratch)
        migrate(scratch, spec.migrations, upto=version)
        scratch.execute("PRAGMA foreign_keys = OFF")  # checked when merged into the store
        for name, table_rows in rows.items():
            _insert_scratch(scratch, name, table_rows)
        migrate(scratch, spec.migrations)
    except sqlite3.DatabaseError as exc:
        scratch.close()
        log.warning("salvage of %s: the rows found cannot be brought to the latest version: %s", damaged, exc)
        return None
    counted = sum(scratch.execute(f"SELECT count(*) FROM {t.name}").fetchone()[0] for t in spec.salvage if t.counted)
    return Salvaged(scratch, int(counted), undecodable, from_log)


def _read_with_sqlite(image: Path, tables: list[SalvageTable]) -> dict[str, list[recover.Row]]:
    """What SQLite itself can read of each table, row by row (its own checks skipped: a throw-away copy)."""
    found: dict[str, list[recover.Row]] = {}
    try:
        old = sqlite3.connect(image, isolation_level=None)
    except sqlite3.DatabaseError as exc:
        log.warning("SQLite cannot open %s: %s", image, exc)
        return found
    old.text_factory = Lenient()
    try:
        old.execute("PRAGMA writable_schema = ON")  # a root page beyond a truncated end fails every statement
        for table in tables:
            try:
                found[table.name] = read_rows(old, table.name, table.by_rowid, with_rowid=True)
            except sqlite3.DatabaseError as exc:
                log.warning("salvage: %s unreadable with SQLite: %s", table.name, exc)
    finally:
        old.close()
    return found


def read_rows(old: sqlite3.Connection, table: str, by_rowid: bool, with_rowid: bool = False) -> list[Any]:
    """The readable rows of `table`: one by one by rowid (a bad page costs only its rows), else a scan
    that keeps what it read before the first error. `with_rowid`: (rowid, values) pairs (rowid None
    for a scan)."""
    rows: list[Any] = []
    if by_rowid:
        known_top = True
        try:
            top = old.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0] or 0
        except sqlite3.DatabaseError as exc:
            log.warning(
                "salvage: max(rowid) of %s unreadable (%s); trying rowids until %d in a row give nothing",
                table,
                exc,
                GIVE_UP_AFTER,
            )
            top, known_top = MAX_SALVAGE_ROWS, False
        lost = last = 0
        for rowid in range(1, min(top, MAX_SALVAGE_ROWS) + 1):
            if not known_top and rowid - last > GIVE_UP_AFTER:
                break
            try:
                row = old.execute(f"SELECT * FROM {table} WHERE rowid = ?", (rowid,)).fetchone()
            except sqlite3.DatabaseError as exc:
                lost += 1  # counted, and a warning once below (one per row would flood the log)
                log.debug("salvage: rowid %d of %s unreadable: %s", rowid, table, exc)
                continue
            if row is not None:
                rows.append((rowid, tuple(row)) if with_rowid else row)
                last = rowid
        if lost:
            log.warning("salvage: %d rowid(s) of %s unreadable", lost, table)
        return rows
    try:
        for row in old.execute(f"SELECT * FROM {table}"):
            rows.append((None, tuple(row)) if with_rowid else row)
    except sqlite3.DatabaseError as exc:
        log.warning("salvage: scan of %s stopped after %d row(s): %s", table, len(rows), exc)
    return rows


def _union(first: list[recover.Row], more: list[recover.Row]) -> list[recover.Row]:
    """SQLite's rows, then the page-read rows it did not have (by rowid; by value without one)."""
    rowids = {rowid for rowid, _ in first if rowid is not None}
    values = {row for rowid, row in first if rowid is None}
    out = list(first)
    for rowid, row in more:
        if (rowid is not None and rowid not in rowids) or (rowid is None and row not in values):
            out.append((rowid, row))
            rowids.add(rowid) if rowid is not None else values.add(row)
    return out


def _insert_scratch(scratch: sqlite3.Connection, table: str, rows: list[recover.Row]) -> None:
    names = [str(row[1]) for row in scratch.execute(f"PRAGMA table_info({table})")]
    marks = ", ".join("?" for _ in names)
    for rowid, row in rows:
        try:
            if rowid is None:
                scratch.execute(f"INSERT OR IGNORE INTO {table} ({', '.join(names)}) VALUES ({marks})", row)
            else:
                scratch.execute(
                    f"INSERT OR IGNORE INTO {table} (rowid, {', '.join(names)}) VALUES (?, {marks})", (rowid, *row)
                )
        except sqlite3.DatabaseError as exc:  # NOT NULL, CHECK: damaged bytes that happened to parse
            log.debug("salvage: a row of %s left out: %s", table, exc)
