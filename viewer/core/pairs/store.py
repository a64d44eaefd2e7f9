"""PairStore: the document pairs in SQLite under the user data folder (`pairs.sqlite3`), never lost.

User data, opened with `viewer.core.storage`'s care (WAL, synchronous=FULL, a quick check, versioned
migrations with a backup, a damaged file moved aside and its pairs salvaged, a newer file refused
untouched). Every change is one `BEGIN IMMEDIATE` transaction, so a killed process loses at most
the change in flight; the finder's suggestions are replaced in one transaction together with the
corpus fingerprint they were found on. Each side of a pair is kept by document id and by the
fingerprint of its text, so a pair can follow a document whose id changed.

A store that cannot be written (read-only, a full disk, newer, busy) does not stop the program:
its pairs are copied into memory when they can be read, `notice` says that changes will not be kept.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from viewer.core.pairs.model import Status, pair_key
from viewer.core.paths import user_data_dir
from viewer.core.storage import database
from viewer.core.storage.database import SalvageTable, StoreBusy, StoreError
from viewer.core.storage.migrations import Step, ddl_step

log = logging.getLogger(__name__)

DB_NAME = "pairs.sqlite3"

V1_DDL = """
CREATE TABLE IF NOT EXISTS pairs (
    pair_key TEXT NOT NULL UNIQUE,
    source_id TEXT NOT NULL, source_fp TEXT NOT NULL, source_lang TEXT NOT NULL,
    target_id TEXT NOT NULL, target_fp TEXT NOT NULL, target_lang TEXT NOT NULL,
    score REAL NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('suggested', 'confirmed', 'rejected', 'manual')),
    created TEXT NOT NULL, updated TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS pairs_source ON pairs (source_id);
CREATE INDEX IF NOT EXISTS pairs_target ON pairs (target_id);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
COLUMNS = (
    "pair_key, source_id, source_fp, source_lang, target_id, target_fp, target_lang, score, status, created, updated"
)


# (version reached, step). Append new steps; never edit an old one (files in the wild went through it).
MIGRATIONS: tuple[tuple[int, Step], ...] = ((1, ddl_step(V1_DDL)),)


class PairStoreError(StoreError):
    """The pair store cannot be used or changed as it is (the message says what to do)."""


class PairStoreBusy(PairStoreError, StoreBusy):
    """Another program held the pair store longer than the timeout."""


SPEC = database.StoreSpec(
    name="the pair list",
    folder="the data folder",
    items="pair(s)",
    migrations=MIGRATIONS,
    salvage=(SalvageTable("pairs", counted=True),),  # `state` is derived: the finder runs again
    error=PairStoreError,
    busy=PairStoreBusy,
)


def default_path() -> Path:
    return user_data_dir() / DB_NAME


def now_utc() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True, slots=True)
class PairRow:
    """One stored pair, oriented as DocumentPair (source: the English side, or Bokmål before Nynorsk)."""

    key: str
    source_id: str
    source_fp: str
    source_lang: str
    target_id: str
    target_fp: str
    target_lang: str
    score: float
    status: Status
    created: str = ""
    updated: str = ""

    def values(self) -> tuple[Any, ...]:
        stamp = now_utc()
        return (
            self.key,
            self.source_id,
            self.source_fp,
            self.source_lang,
            self.target_id,
            self.target_fp,
            self.target_lang,
            float(self.score),
            self.status,
            self.created or stamp,
            self.updated or stamp,
        )


def _row(values: tuple[Any, ...]) -> PairRow:
    key, sid, sfp, sl, tid, tfp, tl, score, status, created, updated = values
    return PairRow(key, sid, sfp, sl, tid, tfp, tl, float(score), cast(Status, status), created, updated)


class PairStore:
    """The pairs of one user; `path` defaults to the user data folder, ":memory:" for tests. Thread-safe."""

    def __init__(self, path: str | Path | None = None, *, timeout: float = 5.0) -> None:
        self.path = str(default_path() if path is None else path)
        self.timeout = timeout
        self.notice = ""
        self.saved = True  # False: changes last only until the program closes (see notice)
        self._lock = threading.RLock()
        self._conn = self._open()

    def _open(self) -> sqlite3.Connection:
        try:
            opened = database.open_database(SPEC, self.path, self.timeout)
        except StoreError as exc:
            log.warning("pair list not opened for writing: %s", exc)
            return self._in_memory(str(exc))
        self.notice = opened.notice or ""
        if self.path != ":memory:" and not _writable(Path(self.path)):
            opened.conn.close()
            return self._in_memory("it is read-only")
        return opened.conn

    def _in_memory(self, why: str) -> sqlite3.Connection:
        """A copy in memory of what can still be read, so pairing works for this run."""
        conn = database.open_database(SPEC, ":memory:", self.timeout).conn
        copied = False
        if Path(self.path).is_file():
            try:
                with contextlib.closing(database.connect(self.path, self.timeout, read_only=True)) as source:
                    version = int(source.execute("PRAGMA user_version").fetchone()[0])
                    if version == SPEC.latest:
                        conn.close()
                        conn = database.connect(":memory:", self.timeout)
                        source.backup(conn)
                        copied = True
            except sqlite3.DatabaseError as exc:
                log.warning("pair list %s could not be read either: %s", self.path, exc)
        self.saved = False
        kept = "its pairs are used" if copied else "pairs are found again"
        self.notice = (
            f"{SPEC.name} {self.path} cannot be written ({why}): {kept}, but changes last only until the program closes"
        )
        return conn

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> PairStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock, database.transaction(SPEC, self._conn, self.path, self.timeout):
            yield self._conn

    def _read(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            try:
                return self._conn.execute(sql, tuple(params)).fetchall()
            except sqlite3.DatabaseError as exc:
                error = database.user_error(SPEC, self.path, self.timeout, exc)
                if error is exc:
                    raise
                log.warning("reading the pair list failed: %s", exc)
                raise error from None

    # --- reading ---------------------------------------------------------------------------------

    def rows(self) -> list[PairRow]:
        return [_row(r) for r in self._read(f"SELECT {COLUMNS} FROM pairs ORDER BY rowid")]

    def get(self, key: str) -> PairRow | None:
        found = self._read(f"SELECT {COLUMNS} FROM pairs WHERE pair_key = ?", (key,))
        return _row(found[0]) if found else None

    def state(self, key: str) -> str | None:
        found = self._read("SELECT value FROM state WHERE key = ?", (key,))
        return str(found[0][0]) if found else None

    # --- changing --------------------------------------------------------------------------------

    def put(self, row: PairRow, drop: Iterable[str] = ()) -> PairRow:
        """Insert or replace the pair with `row.key` (keeping its creation time); delete the pairs
        with the keys in `drop` in the same transaction (suggestions that the new pair overrules)."""
        with self._write() as conn:
            for key in drop:
                conn.execute("DELETE FROM pairs WHERE pair_key = ?", (key,))
            old = conn.execute("SELECT created FROM pairs WHERE pair_key = ?", (row.key,)).fetchone()
            stamp = now_utc()
            values = list(row.values())
            values[-2], values[-1] = (old[0] if old else row.created or stamp), stamp
            conn.execute(f"INSERT OR REPLACE INTO pairs ({COLUMNS}) VALUES ({', '.join('?' * 11)})", values)
        return _row(tuple(values))

    def delete(self, key: str) -> bool:
        with self._write() as conn:
            return conn.execute("DELETE FROM pairs WHERE pair_key = ?", (key,)).rowcount > 0

    def replace_suggestions(self, rows: Iterable[PairRow], state: dict[str, str]) -> None:
        """The finder's result, in one transaction: every old suggestion out, these in, and `state`
        (what the run was made on) recorded. A suggestion is left out when the user's pairs of the
        moment say no: the same pair (or the same two texts) rejected or already set, or a place (a
        document's counterpart in one language) held by a pair the user made or confirmed."""
        with self._write() as conn:
            conn.execute("DELETE FROM pairs WHERE status = 'suggested'")
            held: set[tuple[str, str]] = set()
            excluded: set[str] = set()
            for key, sid, sfp, slang, tid, tfp, tlang, status in conn.execute(
                "SELECT pair_key, source_id, source_fp, source_lang, target_id, target_fp, target_lang, status "
                "FROM pairs"
            ):
                excluded.update((key, pair_key(sfp, tfp)))
                if status != "rejected":
                    held.update(((sid, tlang), (tid, slang)))
            for row in rows:
                places = {(row.source_id, row.target_lang), (row.target_id, row.source_lang)}
                if row.key in excluded or pair_key(row.source_fp, row.target_fp) in excluded or places & held:
                    continue
                conn.execute(f"INSERT INTO pairs ({COLUMNS}) VALUES ({', '.join('?' * 11)})", row.values())
            for key, value in state.items():
                conn.execute("INSERT OR REPLACE INTO state (key, value) VALUES (?, ?)", (key, value))

    def relink(self, moves: Iterable[tuple[str, PairRow]]) -> None:
        """Rewrite pairs whose sides moved to other ids or texts: (old key, new row) in one transaction;
        a moved pair that lands on an existing one keeps the user's status over a suggestion."""
        with self._write() as conn:
            for old_key, row in moves:
                existing = conn.execute("SELECT status FROM pairs WHERE pair_key = ?", (row.key,)).fetchone()
                conn.execute("DELETE FROM pairs WHERE pair_key = ?", (old_key,))
                if existing is not None and row.key != old_key:
                    if existing[0] != "suggested" or row.status == "suggested":
                        continue  # the pair already there wins
                    conn.execute("DELETE FROM pairs WHERE pair_key = ?", (row.key,))
                conn.execute(f"INSERT INTO pairs ({COLUMNS}) VALUES ({', '.join('?' * 11)})", row.values())

    def forget_state(self) -> None:
        with self._write() as conn:
            conn.execute("DELETE FROM state")


def _writable(path: Path) -> bool:
    """Whether the file (if there) and its folder can be written (WAL makes -wal and -shm beside it)."""
    return (not path.exists() or os.access(path, os.W_OK)) and os.access(path.parent, os.W_OK | os.X_OK)
