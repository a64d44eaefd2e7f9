"""A saved search (a value): its name, query, filters, mode and whether it searches across languages,
and its record in a JSON export (the bookmark export's "searches" list)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from viewer.core.errors import UserError

Mode = Literal["passages", "concordance"]
MODES: tuple[Mode, ...] = ("passages", "concordance")
LANGS = ("en", "nb", "nn", "no")
MAX_NAME = 200
RECORD_KEYS = ("name", "query", "lang", "doc", "collection", "mode", "cross", "created", "last_run", "updated")


def now_utc() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True, slots=True)
class SavedSearch:
    """What re-runs a search: `query` as typed (its prefixes, `lang:`, `doc:`, `~word` included) and
    the filters chosen beside it. `last_run` is None until it is run from the list."""

    name: str
    query: str
    lang: str | None = None
    doc: str | None = None
    collection: str | None = None
    mode: Mode = "passages"
    cross: bool = False
    created: str = ""
    last_run: str | None = None
    updated: str = ""

    def to_record(self) -> dict[str, Any]:
        return {key: getattr(self, key) for key in RECORD_KEYS}


def clean_name(name: str) -> str:
    """The name as kept: trimmed; empty, too long or holding control characters is a UserError."""
    text = " ".join(name.split())
    if not text:
        raise UserError("a saved search needs a name")
    if len(text) > MAX_NAME:
        raise UserError(f"the name of a saved search is at most {MAX_NAME} characters")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs") for ch in text):
        raise UserError("the name of a saved search cannot hold control characters")
    return text


def checked(
    name: str,
    query: str,
    lang: str | None = None,
    doc: str | None = None,
    collection: str | None = None,
    mode: str = "passages",
    cross: bool = False,
) -> SavedSearch:
    """A valid SavedSearch (no times yet), or a UserError saying what is wrong."""
    if not query.strip():
        raise UserError("a saved search needs a query")
    if lang is not None and lang not in LANGS:
        raise UserError(f"unknown language {lang!r} (use {', '.join(LANGS)})")
    if mode not in MODES:
        raise UserError(f"unknown mode {mode!r} (use {' or '.join(MODES)})")
    return SavedSearch(
        clean_name(name), query.strip(), lang or None, doc or None, collection or None, mode, bool(cross)
    )


def from_record(record: dict[str, Any]) -> SavedSearch:
    """A SavedSearch from its export record (UserError when it is not one); unknown keys are ignored,
    so a newer export with more fields still imports."""
    for key in ("name", "query"):
        if not isinstance(record.get(key), str):
            raise UserError(f'a saved search has no text "{key}"')
    for key in ("lang", "doc", "collection", "last_run"):
        if record.get(key) is not None and not isinstance(record[key], str):
            raise UserError(f'a saved search\'s "{key}" is not text')
    if not isinstance(record.get("cross", False), bool):
        raise UserError('a saved search\'s "cross" is not true or false')
    search = checked(
        record["name"],
        record["query"],
        record.get("lang"),
        record.get("doc"),
        record.get("collection"),
        record.get("mode", "passages"),
        record.get("cross", False),
    )
    created = record.get("created") if isinstance(record.get("created"), str) else ""
    updated = record.get("updated") if isinstance(record.get("updated"), str) else created
    return SavedSearch(
        search.name,
        search.query,
        search.lang,
        search.doc,
        search.collection,
        search.mode,
        search.cross,
        created or "",
        record.get("last_run"),
        updated or "",
    )
