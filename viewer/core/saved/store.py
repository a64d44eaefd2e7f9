"""SavedSearchStore: the user's saved searches in SQLite under the user data folder (`searches.sqlite3`).

User data, opened with `viewer.core.storage`'s care through `fallback.open_store` (WAL,
synchronous=FULL, a quick check, versioned migrations with a backup, a damaged file or log set aside
and its searches salvaged, text that is not UTF-8 repaired, a newer file left untouched, read-only
and full disks reported in one line). Every change is one `BEGIN IMMEDIATE` transaction, so a killed
process loses at most the change in flight. Names are unique regardless of letter case.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

from viewer.core.errors import UserError
from viewer.core.paths import user_data_dir
from viewer.core.saved.model import Mode, SavedSearch, checked, clean_name, now_utc
from viewer.core.storage import database
from viewer.core.storage.database import SalvageTable, StoreBusy, StoreError
from viewer.core.storage.migrations import Step, ddl_step
from viewer.core.storage.store import UserStore

log = logging.getLogger(__name__)

DB_NAME = "searches.sqlite3"

V1_DDL = """
CREATE TABLE IF NOT EXISTS searches (
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    query TEXT NOT NULL,
    lang TEXT, doc TEXT, collection TEXT,
    mode TEXT NOT NULL CHECK (mode IN ('passages', 'concordance')),
    cross_lang INTEGER NOT NULL DEFAULT 0,
    created TEXT NOT NULL, last_run TEXT, updated TEXT NOT NULL
)
"""
COLUMNS = "name, query, lang, doc, collection, mode, cross_lang, created, last_run, updated"

# (version reached, step). Append new steps; never edit an old one (files in the wild went through it).
MIGRATIONS: tuple[tuple[int, Step], ...] = ((1, ddl_step(V1_DDL)),)


class SavedSearchStoreError(StoreError):
    """The saved searches cannot be used or changed as they are (the message says what to do)."""


class SavedSearchStoreBusy(SavedSearchStoreError, StoreBusy):
    """Another program held the saved searches longer than the timeout."""


SPEC = database.StoreSpec(
    name="the saved searches",
    folder="the data folder",
    items="saved search(es)",
    migrations=MIGRATIONS,
    salvage=(SalvageTable("searches", counted=True, newer="updated"),),
    error=SavedSearchStoreError,
    busy=SavedSearchStoreBusy,
    read_only="the saved searches can be run but not changed",
    unavailable="the saved searches cannot be read ({why}): searches saved now last only until the program closes",
)


def default_path() -> Path:
    return user_data_dir() / DB_NAME


def _search(row: tuple[Any, ...]) -> SavedSearch:
    name, query, lang, doc, collection, mode, cross, created, last_run, updated = row
    return SavedSearch(name, query, lang, doc, collection, cast(Mode, mode), bool(cross), created, last_run, updated)


def _values(search: SavedSearch) -> tuple[Any, ...]:
    s = search
    return (s.name, s.query, s.lang, s.doc, s.collection, s.mode, int(s.cross), s.created, s.last_run, s.updated)


class SavedSearchStore(UserStore):
    """The saved searches of one user; `path` defaults to the user data folder, ":memory:" for tests.
    Thread-safe (one connection under a lock)."""

    SPEC = SPEC

    def __init__(self, path: str | Path | None = None, *, timeout: float = 5.0) -> None:
        super().__init__(default_path() if path is None else path, timeout=timeout)

    # -- reading ---------------------------------------------------------------------------------
    def list(self) -> list[SavedSearch]:
        """Every saved search, by name."""
        return [_search(r) for r in self._read(f"SELECT {COLUMNS} FROM searches ORDER BY name COLLATE NOCASE, name")]

    def get(self, name: str) -> SavedSearch | None:
        found = self._read(f"SELECT {COLUMNS} FROM searches WHERE name = ?", (" ".join(name.split()),))
        return _search(found[0]) if found else None

    def find(self, name: str) -> SavedSearch:
        """`get`, or a UserError naming the saved searches there are."""
        found = self.get(name)
        if found is None:
            names = ", ".join(repr(s.name) for s in self.list()[:10]) or "none yet"
            raise UserError(f"no saved search named {name!r} (saved: {names})")
        return found

    # -- changing --------------------------------------------------------------------------------
    def save(
        self,
        name: str,
        query: str,
        *,
        lang: str | None = None,
        doc: str | None = None,
        collection: str | None = None,
        mode: str = "passages",
        cross: bool = False,
    ) -> SavedSearch:
        """Save a search under `name`; a search of that name (any letter case) is replaced, keeping
        when it was created and last run. Invalid values: UserError."""
        fresh = checked(name, query, lang, doc, collection, mode, cross)
        stamp = now_utc()
        with self._write() as conn:
            old = conn.execute("SELECT created, last_run FROM searches WHERE name = ?", (fresh.name,)).fetchone()
            created, last_run = (old[0], old[1]) if old else (stamp, None)
            search = replace(fresh, created=created, last_run=last_run, updated=stamp)
            conn.execute("DELETE FROM searches WHERE name = ?", (fresh.name,))
            conn.execute(f"INSERT INTO searches ({COLUMNS}) VALUES ({', '.join('?' * 10)})", _values(search))
        return search

    def rename(self, old: str, new: str) -> SavedSearch:
        """Give a saved search another name; an unknown one or a name already taken: UserError."""
        target = clean_name(new)
        with self._write() as conn:
            row = conn.execute(f"SELECT {COLUMNS} FROM searches WHERE name = ?", (" ".join(old.split()),)).fetchone()
            if row is None:
                raise UserError(f"no saved search named {old!r}")
            taken = conn.execute("SELECT name FROM searches WHERE name = ?", (target,)).fetchone()
            if taken is not None and taken[0] != row[0]:
                raise UserError(f"there is already a saved search named {taken[0]!r}")
            stamp = now_utc()
            conn.execute("UPDATE searches SET name = ?, updated = ? WHERE name = ?", (target, stamp, row[0]))
        return _search((target, *row[1:9], stamp))

    def remove(self, name: str) -> bool:
        """Forget a saved search; False when there was none of that name."""
        with self._write() as conn:
            return conn.execute("DELETE FROM searches WHERE name = ?", (" ".join(name.split()),)).rowcount > 0

    def touch(self, name: str) -> SavedSearch:
        """Record that the search was run now (the list shows it); an unknown name: UserError. A store
        that cannot be written runs it all the same (the time is not kept)."""
        found = self.find(name)
        stamp = now_utc()
        if self.unwritable:
            log.info("%s cannot be written: last run of %r not kept", self.path, name)
            return replace(found, last_run=stamp)
        with self._write() as conn:
            conn.execute("UPDATE searches SET last_run = ? WHERE name = ?", (stamp, found.name))
        return replace(found, last_run=stamp)

    def merge(self, searches: Iterable[SavedSearch]) -> tuple[int, int]:
        """Import searches (from an export) in one transaction: a new name is added, one already saved
        is replaced only by a newer version (`updated`). Returns (added, replaced)."""
        added = replaced = 0
        stamp = now_utc()
        with self._write() as conn:
            for search in searches:
                values = list(_values(search))
                values[7] = search.created or stamp
                values[9] = search.updated or values[7]
                old = conn.execute("SELECT updated FROM searches WHERE name = ?", (search.name,)).fetchone()
                if old is not None:
                    if values[9] <= old[0]:
                        continue
                    conn.execute("DELETE FROM searches WHERE name = ?", (search.name,))
                    replaced += 1
                else:
                    added += 1
                conn.execute(f"INSERT INTO searches ({COLUMNS}) VALUES ({', '.join('?' * 10)})", values)
        return added, replaced
