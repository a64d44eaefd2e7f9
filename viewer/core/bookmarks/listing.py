"""The SQL behind listing bookmarks: every filter (document, tag, language, status, deleted, user
text through FTS5 or, without it, LIKE) as one SELECT, and the tag counts.
"""

from __future__ import annotations

from typing import Any, Literal

from viewer.core.bookmarks import schema
from viewer.core.bookmarks.rows import SELECT
from viewer.core.bookmarks.terms import fts_match, like_pattern, parse_terms

Sort = Literal["date", "position"]
Deleted = Literal["hide", "only", "include"]

TAGS_SQL = (
    "SELECT t.tag, count(*) FROM tags t JOIN bookmarks b ON b.id = t.bookmark_id"
    " WHERE b.deleted_at IS NULL GROUP BY t.tag ORDER BY count(*) DESC, t.tag"
)


def list_sql(
    *,
    has_fts: bool,
    doc_id: str | None = None,
    tag: str | None = None,
    lang: str | None = None,
    status: str | None = None,
    query: str | None = None,
    sort: Sort = "date",
    deleted: Deleted = "hide",
    limit: int | None = None,
) -> tuple[str, list[Any]]:
    """The SELECT (and its parameters) for bookmarks matching every filter given."""
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
    if terms and has_fts:
        where.append(f"b.seq IN (SELECT rowid FROM {schema.FTS_TABLE} WHERE {schema.FTS_TABLE} MATCH ?)")
        params.append(fts_match(terms))
    for term in terms if not has_fts else ():
        where.append(
            "(casefold(b.note) LIKE ? ESCAPE '\\' OR casefold(b.exact) LIKE ? ESCAPE '\\' OR EXISTS"
            " (SELECT 1 FROM tags t WHERE t.bookmark_id = b.id AND casefold(t.tag) LIKE ? ESCAPE '\\'))"
        )
        params.extend([like_pattern(term)] * 3)
    sql = SELECT + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY b.created DESC, b.seq DESC" if sort == "date" else " ORDER BY b.doc_id, b.start_pos, b.end_pos"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return sql, params
