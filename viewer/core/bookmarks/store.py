"""BookmarkStore: bookmarks in SQLite that are never lost, found again by full text and filters.

Every change is one `BEGIN IMMEDIATE` transaction (a killed process loses at most the change in
flight). One connection is shared under a lock, so the desktop app may call the store from the UI
thread and from workers. Deletes are soft (restore by id) until purged. Full-text search uses FTS5
in the same file, updated in the same transaction as the row (not by triggers, so a SQLite without
FTS5 can still write the file; it marks the index stale and the next FTS5-capable open rebuilds it).
"""

from __future__ import annotations

import builtins
import sqlite3
import threading
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from viewer.core.bookmarks import db
from viewer.core.bookmarks import schema
from viewer.core.corpus.anchors import Anchor, AnchorStatus, Resolution, make_anchor, moved_anchor, resolve
from viewer.core.bookmarks.model import Bookmark, BookmarkKind, PairRef, normalise_tags, now_utc
from viewer.core.bookmarks.terms import fts_match, like_pattern, parse_terms
from viewer.core.errors import UserError
from viewer.core.corpus.model import Document, Passage
from viewer.core.paths import user_data_dir

BookmarkStoreBusy = db.BookmarkStoreBusy
BookmarkStoreError = db.BookmarkStoreError
DB_NAME = "bookmarks.sqlite3"
Sort = Literal["date", "position"]

_COLUMNS = ("id, kind, doc_id, doc_title, passage_id, sentence_id, start_pos, end_pos, exact, prefix, suffix,"
            " fingerprint, original_exact, status, lang, pair_doc_id, pair_sentence_id, pair_start, pair_end,"
            " note, created, updated, deleted_at")
_SELECT = (f"SELECT seq, {_COLUMNS}, (SELECT group_concat(tag, char(31)) FROM tags t WHERE t.bookmark_id = b.id)"
           " FROM bookmarks b")


class UnknownBookmarkError(UserError):
    """No bookmark has this id (or id prefix)."""


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
        opened = db.open_database(self.path, timeout)
        self._conn = opened.conn
        self.notice: str | None = opened.notice  # tell the user (damaged file moved aside, upgrade backup)
        self.moved_to: Path | None = opened.moved_to
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
        """One transaction holding the write lock; busy past the timeout -> BookmarkStoreBusy."""
        with self._lock:
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise self._translate(exc) from None
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.DatabaseError):
                    raise self._translate(exc) from None
                raise

    def _translate(self, exc: sqlite3.DatabaseError) -> Exception:
        if db.is_busy(exc):
            return db.busy_error(self.path, self.timeout)
        if db.is_corruption(exc):
            return BookmarkStoreError(f"the bookmark database {self.path} is damaged ({exc}); nothing was changed."
                                      " Restart the program: it moves the file aside and recovers what it can")
        return exc

    def _read(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            try:
                return self._conn.execute(sql, tuple(params)).fetchall()
            except sqlite3.OperationalError as exc:
                raise self._translate(exc) from None

    # -- adding and changing ---------------------------------------------------------------------
    def add(self, document: Document, *, passage_id: str | None = None, start: int | None = None,
            end: int | None = None, note: str = "", tags: Iterable[str] = (), sentence_id: str = "",
            pair: PairRef | None = None) -> Bookmark:
        """Bookmark a passage (`passage_id`), a range (`start`, `end`) or a sentence with its aligned pair."""
        passage: Passage | None = None
        kind = BookmarkKind.RANGE
        if sentence_id:
            passage, sentence = _find_sentence(document, sentence_id)
            start, end, lang = sentence.start, sentence.end, sentence.lang.value
            kind = BookmarkKind.PAIR if pair is not None else BookmarkKind.RANGE
        elif passage_id is not None:
            try:
                passage = document.passage(passage_id)
            except KeyError:
                raise UserError(f"document {document.id!r} has no passage {passage_id!r}") from None
            start, end, lang, kind = passage.start, passage.end, passage.lang.value, BookmarkKind.PASSAGE
        else:
            if start is None or end is None:
                raise UserError("give a passage id, a sentence id, or both a start and an end offset")
            if not 0 <= start < end <= len(document.text):
                raise UserError(f"range {start}-{end} is outside document {document.id!r} "
                                f"(0-{len(document.text)}, start < end)")
            passage = next(iter(document.passages_at(start, start + 1)), None)
            lang = _lang_at(passage, start)
        anchor = make_anchor(document.id, document.text, start, end,
                             passage_id=passage.id if passage else "", sentence_id=sentence_id,
                             fingerprint=document.fingerprint)
        if not anchor.exact.strip():
            raise UserError(f"range {start}-{end} of {document.id!r} holds only white space")
        stamp = now_utc()
        bookmark = Bookmark(id=str(uuid.uuid4()), kind=kind, anchor=anchor, note=_check_note(note),
                            tags=normalise_tags(list(tags)), created=stamp, updated=stamp, lang=lang,
                            doc_title=document.title, original_exact=anchor.exact, pair=pair)
        with self._write() as conn:
            self._insert(conn, bookmark)
        return bookmark

    def update(self, bookmark_id: str, *, note: str | None = None, tags: Iterable[str] | None = None) -> Bookmark:
        """Change the note and/or the tags (None leaves that part as it is)."""
        with self._write() as conn:
            current = self._get(conn, bookmark_id)
            changed = replace(current, note=current.note if note is None else _check_note(note),
                              tags=current.tags if tags is None else normalise_tags(list(tags)), updated=now_utc())
            self._store(conn, changed)
        return changed

    def remove(self, bookmark_id: str) -> Bookmark:
        """Soft delete: hidden from lists, kept until purged, `restore` undoes it."""
        return self._set_deleted(bookmark_id, now_utc())

    def restore(self, bookmark_id: str) -> Bookmark:
        return self._set_deleted(bookmark_id, None)

    def _set_deleted(self, bookmark_id: str, when: str | None) -> Bookmark:
        with self._write() as conn:
            current = self._get(conn, bookmark_id)
            changed = replace(current, deleted_at=when, updated=now_utc())
            self._store(conn, changed)
        return changed

    def purge(self, ids: Iterable[str] | None = None) -> int:
        """Delete for good the removed bookmarks (all, or those in `ids`); live ones are never purged."""
        wanted = None if ids is None else set(ids)
        with self._write() as conn:
            rows = conn.execute("SELECT seq, id FROM bookmarks WHERE deleted_at IS NOT NULL").fetchall()
            doomed = [seq for seq, id_ in rows if wanted is None or id_ in wanted]
            for seq in doomed:
                conn.execute("DELETE FROM bookmarks WHERE seq = ?", (seq,))  # tags go by ON DELETE CASCADE
                self._fts_delete(conn, seq)
        return len(doomed)

    def reanchor(self, document: Document) -> list[tuple[Bookmark, Resolution]]:
        """Re-anchor this document's bookmarks whose text version differs; returns those it looked at.

        `ok` and `moved` re-base the anchor on the new text (the first quote stays in
        `original_exact`); `orphaned` keeps the last known anchor, so an undone edit finds it again.
        """
        fingerprint = document.fingerprint
        stale = self._read(f"{_SELECT} WHERE doc_id = ? AND fingerprint != ?", (document.id, fingerprint))
        if not stale:
            return []
        results: list[tuple[Bookmark, Resolution]] = []
        with self._write() as conn:
            for row in stale:
                bookmark = _from_row(row)
                found = resolve(bookmark.anchor, document.text, fingerprint)
                if found.found:
                    anchor = moved_anchor(bookmark.anchor, document.text, found, fingerprint)
                    passage = next(iter(document.passages_at(found.start, found.start + 1)), None)
                    if bookmark.anchor.passage_id and passage is not None:
                        anchor = replace(anchor, passage_id=passage.id)
                    changed = replace(bookmark, anchor=anchor, status=found.status, doc_title=document.title)
                else:
                    changed = replace(bookmark, status=AnchorStatus.ORPHANED)
                self._store(conn, changed)
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
                row = conn.execute(f"{_SELECT} WHERE id = ?", (bookmark.id,)).fetchone()
                if row is None:
                    self._insert(conn, bookmark)
                    added += 1
                elif bookmark.updated > _from_row(row).updated:
                    self._store(conn, bookmark)
                    updated += 1
                else:
                    unchanged += 1
        return MergeReport(added, updated, unchanged)

    # -- reading ---------------------------------------------------------------------------------
    def get(self, bookmark_id: str) -> Bookmark:
        """A bookmark by full id or unique id prefix (deleted ones too)."""
        with self._lock:
            return self._get(self._conn, bookmark_id)

    def resolve_id(self, prefix: str) -> str:
        return self.get(prefix).id

    def count(self, include_deleted: bool = False) -> int:
        where = "" if include_deleted else " WHERE deleted_at IS NULL"
        return int(self._read(f"SELECT count(*) FROM bookmarks{where}")[0][0])

    def list(self, *, doc_id: str | None = None, tag: str | None = None, lang: str | None = None,
             status: str | None = None, query: str | None = None, sort: Sort = "date",
             deleted: Literal["hide", "only", "include"] = "hide", limit: int | None = None) -> list[Bookmark]:
        """Bookmarks matching every filter given; `query` searches notes, quotes and tags (any user text)."""
        where: list[str] = []
        params: list[Any] = []
        if deleted != "include":
            where.append("b.deleted_at IS NULL" if deleted == "hide" else "b.deleted_at IS NOT NULL")
        for column, value in (("b.doc_id", doc_id), ("b.lang", lang), ("b.status", status)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        if tag is not None:
            where.append("EXISTS (SELECT 1 FROM tags t WHERE t.bookmark_id = b.id AND casefold(t.tag) = ?)")
            params.append(" ".join(tag.split()).casefold())
        terms = parse_terms(query or "")
        if terms and self.has_fts:
            where.append(f"b.seq IN (SELECT rowid FROM {schema.FTS_TABLE} WHERE {schema.FTS_TABLE} MATCH ?)")
            params.append(fts_match(terms))
        for term in terms if not self.has_fts else ():
            where.append("(casefold(b.note) LIKE ? ESCAPE '\\' OR casefold(b.exact) LIKE ? ESCAPE '\\' OR EXISTS"
                         " (SELECT 1 FROM tags t WHERE t.bookmark_id = b.id AND casefold(t.tag) LIKE ? ESCAPE '\\'))")
            params.extend([like_pattern(term)] * 3)
        sql = _SELECT + (" WHERE " + " AND ".join(where) if where else "")
        sql += (" ORDER BY b.created DESC, b.seq DESC" if sort == "date"
                else " ORDER BY b.doc_id, b.start_pos, b.end_pos")
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [_from_row(row) for row in self._read(sql, params)]

    def tags(self) -> builtins.list[tuple[str, int]]:
        """Every tag on a live bookmark with its count, most used first."""
        return [(tag, n) for tag, n in self._read(
            "SELECT t.tag, count(*) FROM tags t JOIN bookmarks b ON b.id = t.bookmark_id"
            " WHERE b.deleted_at IS NULL GROUP BY t.tag ORDER BY count(*) DESC, t.tag")]

    # -- rows ------------------------------------------------------------------------------------
    def _get(self, conn: sqlite3.Connection, bookmark_id: str) -> Bookmark:
        key = bookmark_id.strip().lower()
        if len(key) < 4:
            raise UnknownBookmarkError(f"bookmark id {bookmark_id!r} is too short (give at least 4 characters)")
        row = conn.execute(f"{_SELECT} WHERE id = ?", (key,)).fetchone()
        if row is not None:
            return _from_row(row)
        # A prefix, as a range on the unique index (LIKE could not use it).
        rows = conn.execute(f"{_SELECT} WHERE id >= ? AND id < ? ORDER BY id LIMIT 2", (key, key + "\uffff")).fetchall()
        if not rows:
            raise UnknownBookmarkError(f"no bookmark with id {bookmark_id!r}")
        if len(rows) > 1:
            raise UnknownBookmarkError(f"bookmark id {bookmark_id!r} is ambiguous; give more characters")
        return _from_row(rows[0])

    def _insert(self, conn: sqlite3.Connection, bookmark: Bookmark) -> None:
        cursor = conn.execute(f"INSERT INTO bookmarks ({_COLUMNS}) VALUES ({', '.join('?' * 23)})",
                              _to_row(bookmark))
        self._write_tags(conn, bookmark)
        self._fts_put(conn, int(cursor.lastrowid or 0), bookmark)

    def _store(self, conn: sqlite3.Connection, bookmark: Bookmark) -> None:
        names = [c.strip() for c in _COLUMNS.split(",")][1:]
        values = _to_row(bookmark)
        conn.execute(f"UPDATE bookmarks SET {', '.join(n + ' = ?' for n in names)} WHERE id = ?",
                     (*values[1:], bookmark.id))
        conn.execute("DELETE FROM tags WHERE bookmark_id = ?", (bookmark.id,))
        self._write_tags(conn, bookmark)
        seq = conn.execute("SELECT seq FROM bookmarks WHERE id = ?", (bookmark.id,)).fetchone()[0]
        self._fts_put(conn, seq, bookmark)

    @staticmethod
    def _write_tags(conn: sqlite3.Connection, bookmark: Bookmark) -> None:
        conn.executemany("INSERT OR IGNORE INTO tags (bookmark_id, tag) VALUES (?, ?)",
                         [(bookmark.id, tag) for tag in bookmark.tags])

    # -- full-text index -------------------------------------------------------------------------
    def _ensure_fts(self) -> None:
        """Build the FTS index if it is missing or was left stale by a SQLite without FTS5."""
        if not self.has_fts:
            return
        state = self._read("SELECT value FROM meta WHERE key = 'fts'")
        present = self._read("SELECT 1 FROM sqlite_master WHERE name = ?", (schema.FTS_TABLE,))
        if present and state == [("synced",)]:
            return
        with self._write() as conn:
            if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (schema.FTS_TABLE,)).fetchone():
                conn.execute(schema.FTS_DDL)
            conn.execute(f"DELETE FROM {schema.FTS_TABLE}")
            for row in conn.execute(_SELECT).fetchall():
                self._fts_put(conn, row[0], _from_row(row))
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('fts', 'synced')")

    def _fts_put(self, conn: sqlite3.Connection, seq: int, bookmark: Bookmark) -> None:
        if not self.has_fts:
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('fts', 'stale')")
            return
        conn.execute(f"DELETE FROM {schema.FTS_TABLE} WHERE rowid = ?", (seq,))
        conn.execute(f"INSERT INTO {schema.FTS_TABLE} (rowid, note, exact, tags) VALUES (?, ?, ?, ?)",
                     (seq, bookmark.note, bookmark.anchor.exact, " ".join(bookmark.tags)))

    def _fts_delete(self, conn: sqlite3.Connection, seq: int) -> None:
        if self.has_fts:
            conn.execute(f"DELETE FROM {schema.FTS_TABLE} WHERE rowid = ?", (seq,))
        else:
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('fts', 'stale')")


def _to_row(b: Bookmark) -> tuple[Any, ...]:
    a, p = b.anchor, b.pair
    return (b.id, b.kind.value, a.doc_id, b.doc_title, a.passage_id, a.sentence_id, a.start, a.end, a.exact,
            a.prefix, a.suffix, a.fingerprint, b.original_exact or a.exact, b.status.value, b.lang,
            p.doc_id if p else None, p.sentence_id if p else None, p.start if p else None, p.end if p else None,
            b.note, b.created, b.updated, b.deleted_at)


def _from_row(row: tuple[Any, ...]) -> Bookmark:
    (_seq, id_, kind, doc_id, doc_title, passage_id, sentence_id, start, end, exact, prefix, suffix, fingerprint,
     original, status, lang, pair_doc, pair_sentence, pair_start, pair_end, note, created, updated, deleted,
     tags) = row
    anchor = Anchor(doc_id=doc_id, exact=exact, prefix=prefix, suffix=suffix, start=start, end=end,
                    fingerprint=fingerprint, passage_id=passage_id, sentence_id=sentence_id)
    pair = None if pair_doc is None else PairRef(pair_doc, pair_sentence or "", pair_start, pair_end)
    return Bookmark(id=id_, kind=BookmarkKind(kind), anchor=anchor, note=note,
                    tags=normalise_tags(tags.split("\x1f") if tags else []), created=created, updated=updated,
                    status=AnchorStatus(status), lang=lang, doc_title=doc_title, original_exact=original,
                    pair=pair, deleted_at=deleted)


def _find_sentence(document: Document, sentence_id: str) -> tuple[Passage, Any]:
    for passage in document.passages:
        for sentence in passage.sentences:
            if sentence.id == sentence_id:
                return passage, sentence
    raise UserError(f"document {document.id!r} has no sentence {sentence_id!r}")


def _lang_at(passage: Passage | None, offset: int) -> str:
    if passage is None:
        return "und"
    for sentence in passage.sentences:
        if sentence.start <= offset < sentence.end:
            return sentence.lang.value
    return passage.lang.value


MAX_NOTE = 10_000_000  # characters: far beyond any real note, short of a pasted file by mistake


def _check_note(note: str) -> str:
    if not isinstance(note, str):
        raise UserError("a note must be text")
    if len(note) > MAX_NOTE:
        raise UserError(f"a note can hold at most {MAX_NOTE:,} characters (this one has {len(note):,})")
    return note
