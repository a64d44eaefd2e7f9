"""The bookmark value and its plain-dict form (the JSON export/import record, versioned).

A bookmark marks a passage, a character range, or one side of an aligned sentence pair. For a pair
it stores only what identifies the counterpart (document, sentence id, span); the counterpart's text
is looked up in the document (or asked of the aligner) when shown, never stored twice.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from viewer.core.corpus.anchors import Anchor, AnchorStatus
from viewer.core.corpus.model import Document
from viewer.core.errors import UserError

RECORD_VERSION = 1  # of the dict/JSON form below; bump when a field changes meaning


class BookmarkKind(StrEnum):
    PASSAGE = "passage"
    RANGE = "range"
    PAIR = "pair"


@dataclass(frozen=True, slots=True)
class PairRef:
    """The other side of an aligned sentence pair: where it is, not what it says."""

    doc_id: str
    sentence_id: str = ""
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Bookmark:
    id: str  # a UUID4 string: stable across export/import, so merges never duplicate
    kind: BookmarkKind
    anchor: Anchor
    note: str = ""
    tags: tuple[str, ...] = ()
    created: str = ""  # UTC ISO 8601, e.g. 2024-05-01T12:00:00.000000Z
    updated: str = ""
    status: AnchorStatus = AnchorStatus.OK
    lang: str = "und"
    doc_title: str = ""  # as it was when bookmarked: shown even when the document is gone
    original_exact: str = ""  # the quote as first taken, kept when re-anchoring changes `anchor.exact`
    pair: PairRef | None = None
    deleted_at: str | None = None

    @property
    def doc_id(self) -> str:
        return self.anchor.doc_id

    @property
    def quote(self) -> str:
        return self.anchor.exact

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None


def now_utc() -> str:
    """The current time as UTC ISO 8601 with microseconds and a Z (sorts as text)."""
    return format_time(datetime.now(UTC))


def format_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_time(text: str) -> str:
    """Any ISO 8601 time with a zone, normalised to our form; naive times are taken as UTC."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return format_time(moment)


def normalise_tags(tags: object) -> tuple[str, ...]:
    """Tags stripped, inner whitespace collapsed, duplicates (ignoring case) dropped, sorted (ignoring case)."""
    if isinstance(tags, str) or not isinstance(tags, list | tuple | set | frozenset):
        raise UserError("tags must be a list of strings")
    out: list[str] = []
    seen: set[str] = set()
    for tag in tags:
        if not isinstance(tag, str):
            raise UserError(f"a tag must be text, not {tag!r}")
        clean = " ".join(tag.split())
        if any(ord(ch) < 32 for ch in clean):
            raise UserError(f"a tag cannot hold control characters: {tag!r}")
        if clean and clean.casefold() not in seen:
            seen.add(clean.casefold())
            out.append(clean)
    return tuple(sorted(out, key=lambda tag: (tag.casefold(), tag)))


CounterpartResolver = Callable[[Document, Bookmark], "str | None"]


def counterpart_text(
    bookmark: Bookmark, document: Document | None, resolver: CounterpartResolver | None = None
) -> str | None:
    """The aligned counterpart's text, from `resolver` (the aligner) or the stored sentence id/span.

    `document` is the counterpart's document (usually the same one). None when there is no pair or
    the counterpart cannot be found in this version of the document.
    """
    pair = bookmark.pair
    if pair is None or document is None or document.id != pair.doc_id:
        return None
    if resolver is not None:
        text = resolver(document, bookmark)
        if text is not None:
            return text
    if pair.sentence_id:
        for passage in document.passages:
            for sentence in passage.sentences:
                if sentence.id == pair.sentence_id:
                    return passage.sentence_text(sentence)
    if pair.start is not None and pair.end is not None and 0 <= pair.start < pair.end <= len(document.text):
        return document.text[pair.start : pair.end]
    return None


def to_record(bookmark: Bookmark) -> dict[str, Any]:
    """The complete plain-dict form (JSON export); `from_record` reads it back unchanged."""
    a = bookmark.anchor
    return {
        "id": bookmark.id,
        "kind": bookmark.kind.value,
        "doc_id": a.doc_id,
        "doc_title": bookmark.doc_title,
        "passage_id": a.passage_id,
        "sentence_id": a.sentence_id,
        "lang": bookmark.lang,
        "note": bookmark.note,
        "tags": list(bookmark.tags),
        "status": bookmark.status.value,
        "created": bookmark.created,
        "updated": bookmark.updated,
        "deleted_at": bookmark.deleted_at,
        "anchor": {
            "exact": a.exact,
            "prefix": a.prefix,
            "suffix": a.suffix,
            "start": a.start,
            "end": a.end,
            "fingerprint": a.fingerprint,
        },
        "original_exact": bookmark.original_exact,
        "pair": None
        if bookmark.pair is None
        else {
            "doc_id": bookmark.pair.doc_id,
            "sentence_id": bookmark.pair.sentence_id,
            "start": bookmark.pair.start,
            "end": bookmark.pair.end,
        },
    }


def from_record(record: Mapping[str, Any]) -> Bookmark:
    """A bookmark from its dict form; raises UserError naming the first bad field."""
    try:
        anchor_rec = _mapping(record["anchor"], "anchor")
        anchor = Anchor(
            doc_id=_text(record["doc_id"], "doc_id", empty=False),
            exact=_text(anchor_rec["exact"], "anchor.exact"),
            prefix=_text(anchor_rec.get("prefix", ""), "anchor.prefix"),
            suffix=_text(anchor_rec.get("suffix", ""), "anchor.suffix"),
            start=_int(anchor_rec["start"], "anchor.start"),
            end=_int(anchor_rec["end"], "anchor.end"),
            fingerprint=_text(anchor_rec.get("fingerprint", ""), "anchor.fingerprint"),
            passage_id=_text(record.get("passage_id") or "", "passage_id"),
            sentence_id=_text(record.get("sentence_id") or "", "sentence_id"),
        )
        pair_rec = record.get("pair")
        pair = None
        if pair_rec is not None:
            pair_rec = _mapping(pair_rec, "pair")
            pair = PairRef(
                doc_id=_text(pair_rec["doc_id"], "pair.doc_id", empty=False),
                sentence_id=_text(pair_rec.get("sentence_id") or "", "pair.sentence_id"),
                start=_opt_int(pair_rec.get("start"), "pair.start"),
                end=_opt_int(pair_rec.get("end"), "pair.end"),
            )
        deleted = record.get("deleted_at")
        created = parse_time(_text(record["created"], "created", empty=False))
        return Bookmark(
            id=str(uuid.UUID(_text(record["id"], "id", empty=False))),
            kind=BookmarkKind(record.get("kind", "range")),
            anchor=anchor,
            note=_text(record.get("note", ""), "note"),
            tags=normalise_tags(record.get("tags", [])),
            created=created,
            updated=parse_time(_text(record.get("updated") or created, "updated")),
            status=AnchorStatus(record.get("status", "ok")),
            lang=_text(record.get("lang", "und"), "lang"),
            doc_title=_text(record.get("doc_title", ""), "doc_title"),
            original_exact=_text(record.get("original_exact") or anchor.exact, "original_exact"),
            pair=pair,
            deleted_at=None if deleted is None else parse_time(_text(deleted, "deleted_at")),
        )
    except KeyError as exc:
        raise UserError(f"bookmark record is missing {exc.args[0]!r}") from None
    except ValueError as exc:
        raise UserError(f"bookmark record has a bad value: {exc}") from None


def _mapping(value: object, name: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise UserError(f"bookmark field {name!r} must be an object")
    return value


def _text(value: object, name: str, empty: bool = True) -> str:
    if not isinstance(value, str) or (not empty and not value):
        raise UserError(f"bookmark field {name!r} must be {'text' if empty else 'non-empty text'}")
    return value


def _int(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise UserError(f"bookmark field {name!r} must be a whole number >= 0")
    return value


def _opt_int(value: object, name: str) -> int | None:
    return None if value is None else _int(value, name)
