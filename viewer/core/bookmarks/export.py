"""Writers for bookmarks: Markdown (to paste into a paper), CSV (spreadsheets) and JSON (complete,
versioned, re-importable; it may carry the saved searches too, in a top-level "searches" list that
older versions ignore and whose absence means none). TMX for aligned pairs is to come here too.

Writers take a `lookup(doc_id) -> Document | None` for citations and aligned counterparts; a
bookmark whose document is gone is still written, with what the bookmark itself remembers.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable
from typing import Any

from viewer.core.bookmarks.citing import ENGLISH, CiteWords, cite, locate, location_text, source_link
from viewer.core.bookmarks.model import (
    RECORD_VERSION,
    Bookmark,
    CounterpartResolver,
    counterpart_text,
    from_record,
    now_utc,
    to_record,
)
from viewer.core.corpus.anchors import AnchorStatus
from viewer.core.corpus.model import Document
from viewer.core.errors import UserError
from viewer.core.saved.model import SavedSearch
from viewer.core.saved.model import from_record as search_from_record
from viewer.core.spreadsheet import safe_cell as _cell

JSON_FORMAT = "corpus-viewer-bookmarks"
FORMATS = ("md", "csv", "json")
__all__ = [
    "FORMATS",
    "citation",
    "export",
    "parse_json",
    "parse_searches",
    "source_link",
    "to_csv",
    "to_json",
    "to_markdown",
]
DocumentLookup = Callable[[str], "Document | None"]

CSV_COLUMNS = (
    "id",
    "doc_id",
    "doc_title",
    "authors",
    "year",
    "source",
    "location",
    "kind",
    "passage_id",
    "sentence_id",
    "start",
    "end",
    "status",
    "lang",
    "quote",
    "counterpart",
    "note",
    "tags",
    "created",
    "updated",
    "deleted_at",
)


def citation(bookmark: Bookmark, document: Document | None, words: CiteWords = ENGLISH) -> str:
    """`Author; Author (year). *Title*, section, paragraph n. link` (`citing.cite`), or the remembered
    title if the document is gone; an orphaned quote gets no location (its place is unknown)."""
    if document is None:
        return f"*{bookmark.doc_title or bookmark.doc_id}* (document {bookmark.doc_id!r} not loaded)."
    return cite(document.meta, where=bookmark_location(bookmark, document, words), words=words, emphasis="*")


def bookmark_location(bookmark: Bookmark, document: Document | None, words: CiteWords = ENGLISH) -> str:
    """Where the bookmark is in its document, in words (`“Findings”, paragraph 3`); "" if unknown."""
    if document is None or bookmark.status is AnchorStatus.ORPHANED:
        return ""
    return location_text(locate(document, bookmark.anchor.start, bookmark.anchor.end), words)


def to_markdown(
    bookmarks: Iterable[Bookmark], lookup: DocumentLookup | None = None, resolver: CounterpartResolver | None = None
) -> str:
    """One block per bookmark: the quote, its aligned translation, the citation, the note and tags."""
    lookup = lookup or (lambda _doc_id: None)
    out = [f"# Bookmarks\n\n*Exported {now_utc()[:10]}.*\n"]
    for bookmark in bookmarks:
        document = lookup(bookmark.doc_id)
        lines = [_blockquote(bookmark.quote)]
        translation = _counterpart(bookmark, lookup, resolver)
        if translation:
            lines.append(">\n" + _blockquote(translation, lead="*Aligned translation:* "))
        lines.append(f"\n{citation(bookmark, document)}")
        if bookmark.note.strip():
            lines.append(f"\n**Note:** {bookmark.note.strip()}")
        if bookmark.tags:
            lines.append("\nTags: " + ", ".join(f"`{tag}`" for tag in bookmark.tags))
        if bookmark.status is AnchorStatus.ORPHANED:
            lines.append("\n*Orphaned: this quote was not found in the current version of the document.*")
        elif bookmark.status is AnchorStatus.MOVED and bookmark.original_exact != bookmark.quote:
            lines.append("\n*The document changed; first quoted as:* " + " ".join(bookmark.original_exact.split()))
        out.append("\n".join(lines) + "\n\n---\n")
    return "\n".join(out)


def _blockquote(text: str, lead: str = "") -> str:
    body = lead + text.strip()
    return "\n".join(f"> {line}".rstrip() for line in body.splitlines())


def _counterpart(bookmark: Bookmark, lookup: DocumentLookup, resolver: CounterpartResolver | None) -> str | None:
    if bookmark.pair is None:
        return None
    return counterpart_text(bookmark, lookup(bookmark.pair.doc_id), resolver)


def to_csv(
    bookmarks: Iterable[Bookmark], lookup: DocumentLookup | None = None, resolver: CounterpartResolver | None = None
) -> bytes:
    """UTF-8 with a byte-order mark (so spreadsheet programs read æøå), one row per bookmark."""
    lookup = lookup or (lambda _doc_id: None)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for b in bookmarks:
        document = lookup(b.doc_id)
        meta = document.meta if document else None
        writer.writerow(
            [
                _cell(v)
                for v in [
                    b.id,
                    b.doc_id,
                    meta.title if meta else b.doc_title,
                    "; ".join(meta.authors) if meta else "",
                    (meta.year or "") if meta else "",
                    (source_link(meta) or meta.provenance) if meta else "",
                    bookmark_location(b, document),
                    b.kind.value,
                    b.anchor.passage_id,
                    b.anchor.sentence_id,
                    b.anchor.start,
                    b.anchor.end,
                    b.status.value,
                    b.lang,
                    b.quote,
                    _counterpart(b, lookup, resolver) or "",
                    b.note,
                    "; ".join(b.tags),
                    b.created,
                    b.updated,
                    b.deleted_at or "",
                ]
            ]
        )
    return buffer.getvalue().encode("utf-8-sig")


def to_json(bookmarks: Iterable[Bookmark], searches: Iterable[SavedSearch] | None = None) -> str:
    """Everything the store holds about each bookmark (deleted ones too), versioned for import; with
    `searches`, the saved searches as well (a "searches" list; left out when None)."""
    records = [to_record(b) for b in bookmarks]
    document: dict[str, Any] = {
        "format": JSON_FORMAT,
        "version": RECORD_VERSION,
        "exported": now_utc(),
        "count": len(records),
        "bookmarks": records,
    }
    if searches is not None:
        document["searches"] = [s.to_record() for s in searches]
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _document(data: str | bytes, source: str) -> dict[str, Any]:
    """The checked top level of a `to_json` export (UserError when it is not one)."""
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
        document: Any = json.loads(text)
    except UnicodeDecodeError:
        raise UserError(f"{source} is not UTF-8 text, so not a bookmark export") from None
    except json.JSONDecodeError as exc:
        raise UserError(f"{source} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    if not isinstance(document, dict) or document.get("format") != JSON_FORMAT:
        raise UserError(f'{source} is not a bookmark export (no "format": "{JSON_FORMAT}")')
    version = document.get("version")
    if not isinstance(version, int) or version < 1:
        raise UserError(f"{source} has no valid export version")
    if version > RECORD_VERSION:
        raise UserError(f"{source} was exported by a newer version (format {version}); update this program")
    return document


def parse_json(data: str | bytes, source: str = "the file") -> list[Bookmark]:
    """Bookmarks from a `to_json` export, all validated before any is returned (UserError otherwise)."""
    document = _document(data, source)
    records = document.get("bookmarks")
    if not isinstance(records, list):
        raise UserError(f'{source} has no "bookmarks" list')
    bookmarks = []
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise UserError(f"{source}: bookmark {number} is not an object")
        try:
            bookmarks.append(from_record(record))
        except UserError as exc:
            raise UserError(f"{source}: bookmark {number}: {exc}") from None
    return bookmarks


def parse_searches(data: str | bytes, source: str = "the file") -> list[SavedSearch]:
    """The saved searches of a `to_json` export, all validated ([] for an export without them)."""
    records = _document(data, source).get("searches", [])
    if not isinstance(records, list):
        raise UserError(f'{source}: "searches" is not a list')
    searches = []
    for number, record in enumerate(records, start=1):
        if not isinstance(record, dict):
            raise UserError(f"{source}: saved search {number} is not an object")
        try:
            searches.append(search_from_record(record))
        except UserError as exc:
            raise UserError(f"{source}: saved search {number}: {exc}") from None
    return searches


def export(
    bookmarks: Iterable[Bookmark],
    fmt: str,
    lookup: DocumentLookup | None = None,
    resolver: CounterpartResolver | None = None,
    searches: Iterable[SavedSearch] | None = None,
) -> bytes:
    """Bookmarks in `fmt` (md, csv or json) as bytes ready to write to a file or stdout; JSON carries
    `searches` too when given."""
    if fmt == "md":
        return to_markdown(bookmarks, lookup, resolver).encode("utf-8")
    if fmt == "csv":
        return to_csv(bookmarks, lookup, resolver)
    if fmt == "json":
        return to_json(bookmarks, searches).encode("utf-8")
    raise UserError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
