"""What the user corrected about a document: its title, authors and year.

Imported files often carry no usable metadata (a text file has none; a PDF's title field may be a
template's). The user's corrections are user data: kept in the collection list (`Registry`) by
document id, so they survive re-imports, renames and edits of the file, and laid over the
document each time the corpus is assembled. The text and its offsets never change.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from viewer.core.corpus.model import Document
from viewer.core.errors import UserError

YEARS = range(1000, 2200)


class MetadataError(UserError):
    """The details the user typed cannot be used as they are (the message says why)."""


@dataclass(frozen=True)
class MetadataEdit:
    """The user's values; None keeps what the file says."""

    title: str | None = None
    authors: tuple[str, ...] | None = None
    year: int | None = None

    @property
    def empty(self) -> bool:
        return self.title is None and self.authors is None and self.year is None


def edit_from_text(title: str | None = None, authors: str | None = None, year: str | None = None) -> MetadataEdit:
    """An edit from what a person types: authors separated by ";" (or new lines), a four-digit year.
    An empty title or year keeps the file's value; empty authors means none."""
    clean_title = " ".join(title.split()) if title is not None else None
    names = None
    if authors is not None:
        names = tuple(n for n in (" ".join(part.split()) for part in re.split(r"[;\n]", authors)) if n)
    number = None
    if year is not None and year.strip():
        text = year.strip()
        if not re.fullmatch(r"\d{4}", text) or int(text) not in YEARS:
            raise MetadataError(f"the year must be four digits, like 2019 (not {text!r})")
        number = int(text)
    return MetadataEdit(clean_title or None, names, number)


def apply(document: Document, edit: MetadataEdit) -> Document:
    """The document as the user described it; the file's own values stay in `meta.extra["file"]`."""
    if edit.empty:
        return document
    meta = document.meta
    changes: dict[str, object] = {}
    if edit.title is not None and edit.title != meta.title:
        changes["title"] = edit.title
    if edit.authors is not None and edit.authors != meta.authors:
        changes["authors"] = edit.authors
    if edit.year is not None and edit.year != meta.year:
        changes["year"] = edit.year
    if not changes:
        return document
    original = {"title": meta.title, "authors": list(meta.authors), "year": meta.year}
    extra = {**meta.extra, "file": original, "edited": sorted(changes)}
    return dataclasses.replace(document, meta=dataclasses.replace(meta, **changes, extra=extra))  # type: ignore[arg-type]


def file_values(document: Document) -> MetadataEdit:
    """What the file itself said (before the user's corrections)."""
    original = document.meta.extra.get("file")
    if not isinstance(original, dict):
        return MetadataEdit(document.meta.title, document.meta.authors, document.meta.year)
    return MetadataEdit(original.get("title"), tuple(original.get("authors") or ()), original.get("year"))
