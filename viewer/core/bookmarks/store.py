"""BookmarkStore: bookmarks in SQLite that are never lost, found again by full text and filters.

Every change is one `BEGIN IMMEDIATE` transaction (a killed process loses at most the change in
flight). One connection is shared under a lock, so the desktop app may call the store from the UI
thread and from workers. Deletes are soft (restore by id) until purged. Full-text search uses FTS5
in the same file, updated in the same transaction as the row (not by triggers, so a SQLite without
FTS5 can still write the file; it marks the index stale and the next FTS5-capable open rebuilds it).

The store holds the connection and the transactions; rows (`rows`, `fts`), new bookmarks
(`creating`), re-anchoring (`reanchor`) and list queries (`listing`) live in their own modules.
"""

from __future__ import annotations

import builtins
import logging
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from viewer.core.bookmarks import db, fts, rows, schema
from viewer.core.bookmarks.creating import check_note, new_bookmark
from viewer.core.bookmarks.listing import TAGS_SQL, Deleted, Sort, list_sql
from viewer.core.bookmarks.model import Bookmark, PairRef, normalise_tags, now_utc
from viewer.core.bookmarks.reanchor import reanchored
from viewer.core.bookmarks.rows import UnknownBookmarkError
from viewer.core.corpus.anchors import Resolution
from viewer.core.corpus.model import Document
from viewer.core.paths import user_data_dir
from viewer.core.storage import database, spec

log = logging.getLogger(__name__)

BookmarkStoreBusy = db.BookmarkStoreBusy
BookmarkStoreError = db.BookmarkStoreError
DB_NAME = "bookmarks.sqlite3"

__all__ = [
    "DB_NAME",
    "BookmarkStore",
    "BookmarkStoreBusy",
    "BookmarkStoreError",
    "MergeReport",
    "Sort",
    "UnknownBookmarkError",
    "default_path",
]


@dataclass(frozen=True, slots=True)
class MergeReport:
    added: int
    updated: int
    unchanged: int


def default_path() -> Path:
    return user_data_dir() / DB_NAME


class BookmarkStore:
    """The bookmarks of one user; `path` defaults to the user data folder, ":memory:" for tests."""

    def __init__(self, path: str | Path | None = None, *, timeout: float = 5.0) -> None:
        self.path = str(default_path() if path is None else path)
        self.timeout = timeout
        opened = db.open_store(self.path, timeout)
        self._conn = opened.conn
        self.notice: str | None = opened.notice  # tell the user (damaged file moved aside, upgrade backup)
        self.moved_to: Path | None = opened.moved_to  # the damaged file (or log) as it was found
        self.unwritable = opened.unwritable  # why changes are refused ("" when they are not)
        self._lock = threading.RLock()
        self.has_fts = schema.has_fts5(self._conn)
        self._ensure_fts()

    # -- lifecycle -------------------------------------------------------------------------------
    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> BookmarkStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction holding the write lock; a failure rolls it back and is one line (busy past
        the timeout -> BookmarkStoreBusy; read-only, a full disk, damage -> BookmarkStoreError)."""
        with self._lock:
            if self.unwritable:
                raise spec.refused(db.SPEC, self.path, self.unwritable)
            with database.transaction(db.SPEC, self._conn, self.path, self.timeout):
                yield self._conn

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                yield self._conn
            except sqlite3.DatabaseError as exc:
                error = database.user_error(db.SPEC, self.path, self.timeout, exc)
                if error is exc:
                    raise
                log.warning("reading %s failed: %s", self.path, exc)
                raise error from None

    def _read(self, sql: str, params: Iterable[Any] = ()) -> builtins.list[tuple[Any, ...]]:
        with self._reading() as conn:
            return conn.execute(sql, tuple(params)).fetchall()

    # -- adding and changing ---------------------------------------------------------------------
    def add(
        self,
        document: Document,
        *,
        passage_id: str | None = None,
        start: int | None = None,
        end: int | None = None,
        note: str = "",
        tags: Iterable[str] = (),
        sentence_id: str = "",
        pair: PairRef | None = None,
    ) -> Bookmark:
        """Bookmark a passage (`passage_id`), a range (`start`, `end`) or a sentence with its aligned pair."""
        bookmark = new_bookmark(
            document,
            passage_id=passage_id,
            start=start,
            end=end,
            note=note,
            tags=tags,
            sentence_id=sentence_id,
            pair=pair,
        )
        with self._write() as conn:
            rows.insert(conn, bookmark, self.has_fts)
        return bookmark

    def update(self, bookmark_id: str, *, note: str | None = None, tags: Iterable[str] | None = None) -> Bookmark:
        """Change the note and/or the tags (None leaves that part as it is)."""
        with self._write() as conn:
            current = rows.get(conn, bookmark_id)
            changed = replace(
                current,
                note=current.note if note is None else check_note(note),
                tags=current.tags if tags is None else normalise_tags(list(tags)),
                updated=now_utc(),
            )
            rows.store(conn, changed, self.has_fts)
        return changed

    def remove(self, bookmark_id: str) -> Bookmark:
        """Soft delete: hidden from lists, kept until purged, `restore` undoes it."""
        return self._set_deleted(bookmark_id, now_utc())

    def restore(self, bookmark_id: str) -> Bookmark:
        return self._set_deleted(bookmark_id, None)

    def _set_deleted(self, bookmark_id: str, when: str | None) -> Bookmark:
        with self._write() as conn:
            current = rows.get(conn, bookmark_id)
            changed = replace(current, deleted_at=when, updated=now_utc())
            rows.store(conn, changed, self.has_fts)
        return changed

    def purge(self, ids: Iterable[str] | None = None) -> int:
        """Delete for good the removed bookmarks (all, or those in `ids`); live ones are never purged."""
        wanted = None if ids is None else set(ids)
        with self._write() as conn:
            removed = conn.execute("SELECT seq, id FROM bookmarks WHERE deleted_at IS NOT NULL").fetchall()
            doomed = [seq for seq, id_ in removed if wanted is None or id_ in wanted]
            for seq in doomed:
                conn.execute("DELETE FROM bookmarks WHERE seq = ?", (seq,))  # tags go by ON DELETE CASCADE
                fts.delete(conn, seq, self.has_fts)
        return len(doomed)

    def reanchor(self, document: Document) -> builtins.list[tuple[Bookmark, Resolution]]:
        """Re-anchor this document's bookmarks whose text version differs; returns those it looked at.

        `ok` and `moved` re-base the anchor on the new text (the first quote stays in
        `original_exact`); `orphaned` keeps the last known anchor, so an undone edit finds it again.
        """
        stale = self._read(f"{rows.SELECT} WHERE doc_id = ? AND fingerprint != ?", (document.id, document.fingerprint))
        if not stale:
            return []
        results: builtins.list[tuple[Bookmark, Resolution]] = []
        if self.unwritable:  # found again for the caller, kept as they are in the file
            log.info("%s cannot be written: %d re-anchored bookmark(s) not saved", self.path, len(stale))
            return [reanchored(rows.from_row(row), document) for row in stale]
        with self._write() as conn:
            for row in stale:
                changed, found = reanchored(rows.from_row(row), document)
                rows.store(conn, changed, self.has_fts)
                results.append((changed, found))
        return results

    def merge(self, bookmarks: Iterable[Bookmark]) -> MergeReport:
        """Import: new ids are added, known ids take the newer `updated` version; one transaction."""
        newest: dict[str, Bookmark] = {}
        for bookmark in bookmarks:
            if bookmark.id not in newest or bookmark.updated > newest[bookmark.id].updated:
                newest[bookmark.id] = bookmark
        added = updated = unchanged = 0
        with self._write() as conn:
            for bookmark in newest.values():
                row = conn.execute(f"{rows.SELECT} WHERE id = ?", (bookmark.id,)).fetchone()
                if row is None:
                    rows.insert(conn, bookmark, self.has_fts)
                    added += 1
                elif bookmark.updated > rows.from_row(row).updated:
                    rows.store(conn, bookmark, self.has_fts)
                    updated += 1
                else:
                    unchanged += 1
        return MergeReport(added, updated, unchanged)

    # -- reading ---------------------------------------------------------------------------------
    def get(self, bookmark_id: str) -> Bookmark:
        """A bookmark by full id or unique id prefix (deleted ones too)."""
        with self._reading() as conn:
            return rows.get(conn, bookmark_id)

    def resolve_id(self, prefix: str) -> str:
        return self.get(prefix).id

    def count(self, include_deleted: bool = False) -> int:
        where = "" if include_deleted else " WHERE deleted_at IS NULL"
        return int(self._read(f"SELECT count(*) FROM bookmarks{where}")[0][0])

    def list(
        self,
        *,
        doc_id: str | None = None,
        tag: str | None = None,
        lang: str | None = None,
        status: str | None = None,
        query: str | None = None,
        sort: Sort = "date",
        deleted: Deleted = "hide",
        limit: int | None = None,
    ) -> builtins.list[Bookmark]:
        """Bookmarks matching every filter given; `query` searches notes, quotes and tags (any user text)."""
        sql, params = list_sql(
            has_fts=self.has_fts,
            doc_id=doc_id,
            tag=tag,
            lang=lang,
            status=status,
            query=query,
            sort=sort,
            deleted=deleted,
            limit=limit,
        )
        return [rows.from_row(row) for row in self._read(sql, params)]

    def tags(self) -> builtins.list[tuple[str, int]]:
        """Every tag on a live bookmark with its count, most used first."""
        return [(tag, n) for tag, n in self._read(TAGS_SQL)]

    # -- full-text index -------------------------------------------------------------------------
    def _ensure_fts(self) -> None:
        """Build the FTS index if it is missing or was left stale by a SQLite without FTS5."""
        if not self.has_fts:
            return
        state = self._read("SELECT value FROM meta WHERE key = 'fts'")
        present = self._read("SELECT 1 FROM sqlite_master WHERE name = ?", (schema.FTS_TABLE,))
        if present and state == [("synced",)]:
            return
        if self.unwritable:  # the index cannot be brought up to date: search with LIKE instead
            self.has_fts = False
            return
        with self._write() as conn:
            fts.rebuild(conn, [(row[0], rows.from_row(row)) for row in conn.execute(rows.SELECT).fetchall()])
