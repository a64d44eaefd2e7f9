"""Bookmarks as SQLite rows: the column list, a row to and from a `Bookmark`, and reading and
writing one bookmark's row and tags inside the caller's transaction (the FTS index kept in step).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from viewer.core.bookmarks import fts
from viewer.core.bookmarks.model import Bookmark, BookmarkKind, PairRef, normalise_tags
from viewer.core.corpus.anchors import Anchor, AnchorStatus
from viewer.core.errors import UserError

COLUMNS = (
    "id, kind, doc_id, doc_title, passage_id, sentence_id, start_pos, end_pos, exact, prefix, suffix,"
    " fingerprint, original_exact, status, lang, pair_doc_id, pair_sentence_id, pair_start, pair_end,"
    " note, created, updated, deleted_at"
)
SELECT = (
    f"SELECT seq, {COLUMNS}, (SELECT group_concat(tag, char(31)) FROM tags t WHERE t.bookmark_id = b.id)"
    " FROM bookmarks b"
)


class UnknownBookmarkError(UserError):
    """No bookmark has this id (or id prefix)."""


def get(conn: sqlite3.Connection, bookmark_id: str) -> Bookmark:
    """A bookmark by full id or unique id prefix (at least 4 characters; deleted ones too)."""
    key = bookmark_id.strip().lower()
    if len(key) < 4:
        raise UnknownBookmarkError(f"bookmark id {bookmark_id!r} is too short (give at least 4 characters)")
    row = conn.execute(f"{SELECT} WHERE id = ?", (key,)).fetchone()
    if row is not None:
        return from_row(row)
    # A prefix, as a range on the unique index (LIKE could not use it).
    rows = conn.execute(f"{SELECT} WHERE id >= ? AND id < ? ORDER BY id LIMIT 2", (key, key + "\uffff")).fetchall()
    if not rows:
        raise UnknownBookmarkError(f"no bookmark with id {bookmark_id!r}")
    if len(rows) > 1:
        raise UnknownBookmarkError(f"bookmark id {bookmark_id!r} is ambiguous; give more characters")
    return from_row(rows[0])


def insert(conn: sqlite3.Connection, bookmark: Bookmark, has_fts: bool) -> None:
    cursor = conn.execute(f"INSERT INTO bookmarks ({COLUMNS}) VALUES ({', '.join('?' * 23)})", to_row(bookmark))
    _write_tags(conn, bookmark)
    fts.put(conn, int(cursor.lastrowid or 0), bookmark, has_fts)


def store(conn: sqlite3.Connection, bookmark: Bookmark, has_fts: bool) -> None:
    """Overwrite the row (and tags) of the bookmark with this id."""
    names = [c.strip() for c in COLUMNS.split(",")][1:]
    values = to_row(bookmark)
    conn.execute(
        f"UPDATE bookmarks SET {', '.join(n + ' = ?' for n in names)} WHERE id = ?", (*values[1:], bookmark.id)
    )
    conn.execute("DELETE FROM tags WHERE bookmark_id = ?", (bookmark.id,))
    _write_tags(conn, bookmark)
    seq = conn.execute("SELECT seq FROM bookmarks WHERE id = ?", (bookmark.id,)).fetchone()[0]
    fts.put(conn, seq, bookmark, has_fts)


def _write_tags(conn: sqlite3.Connection, bookmark: Bookmark) -> None:
    conn.executemany(
        "INSERT OR IGNORE INTO tags (bookmark_id, tag) VALUES (?, ?)", [(bookmark.id, tag) for tag in bookmark.tags]
    )


def to_row(b: Bookmark) -> tuple[Any, ...]:
    a, p = b.anchor, b.pair
    return (
        b.id,
        b.kind.value,
        a.doc_id,
        b.doc_title,
        a.passage_id,
        a.sentence_id,
        a.start,
        a.end,
        a.exact,
        a.prefix,
        a.suffix,
        a.fingerprint,
        b.original_exact or a.exact,
        b.status.value,
        b.lang,
        p.doc_id if p else None,
        p.sentence_id if p else None,
        p.start if p else None,
        p.end if p else None,
        b.note,
        b.created,
        b.updated,
        b.deleted_at,
    )


def from_row(row: tuple[Any, ...]) -> Bookmark:
    """A bookmark from a row of `SELECT` (seq first, the tags joined by U+001F last)."""
    (
        _seq,
        id_,
        kind,
        doc_id,
        doc_title,
        passage_id,
        sentence_id,
        start,
        end,
        exact,
        prefix,
        suffix,
        fingerprint,
        original,
        status,
        lang,
        pair_doc,
        pair_sentence,
        pair_start,
        pair_end,
        note,
        created,
        updated,
        deleted,
        tags,
    ) = row
    anchor = Anchor(
        doc_id=doc_id,
        exact=exact,
        prefix=prefix,
        suffix=suffix,
        start=start,
        end=end,
        fingerprint=fingerprint,
        passage_id=passage_id,
        sentence_id=sentence_id,
    )
    pair = None if pair_doc is None else PairRef(pair_doc, pair_sentence or "", pair_start, pair_end)
    return Bookmark(
        id=id_,
        kind=BookmarkKind(kind),
        anchor=anchor,
        note=note,
        tags=normalise_tags(tags.split("\x1f") if tags else []),
        created=created,
        updated=updated,
        status=AnchorStatus(status),
        lang=lang,
        doc_title=doc_title,
        original_exact=original,
        pair=pair,
        deleted_at=deleted,
    )
