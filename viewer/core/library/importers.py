"""Importing one user file: read it safely, extract its text, build the Document; and the import report.

A file that cannot be imported raises `Unusable` with the reason the report shows; nothing here
stops a whole import. Files over MAX_IMPORT_BYTES are skipped without being read (bounded memory;
at several seconds of language identification per megabyte, a 100 MB text would take minutes).
"""

from __future__ import annotations

import os
import re
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

from viewer.core.corpus.model import Document
from viewer.core.language.labels import UNDETERMINED, Lang, LangGuess
from viewer.core.library.formats import EXTRACTORS, Unusable
from viewer.core.library.scan import shown

MAX_IMPORT_BYTES = 32 * 1024 * 1024
SUPPORTED_SUFFIXES = tuple(sorted(EXTRACTORS))
_LANGS = {lang.value: lang for lang in (Lang.EN, Lang.NB, Lang.NN)}
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class ImportReport:
    """What an import or refresh did. Paths are strings; the UI lists `skipped` with their reasons."""

    collections: list[str] = field(default_factory=list)
    imported: list[str] = field(default_factory=list)  # new files now searchable
    updated: list[str] = field(default_factory=list)  # changed files re-imported
    removed: list[str] = field(default_factory=list)  # deleted files whose documents were dropped
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (old, new): the document id is kept
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    bytes_read: int = 0
    changed_doc_ids: list[str] = field(default_factory=list)  # documents to (re)index
    removed_doc_ids: list[str] = field(default_factory=list)  # documents to drop from the index
    renamed_doc_ids: list[str] = field(default_factory=list)  # same text, new path (nothing to re-index)
    cancelled: bool = False
    left_out: list[tuple[str, str]] = field(default_factory=list)  # (path, why): hidden files, FIFOs...
    file_seconds: dict[str, float] = field(default_factory=dict)  # path -> time to read and build it
    total_seconds: float = 0.0  # the whole import (reading, the corpus, the index, translations); 0: not timed
    pairs_pending: bool = False  # stopped before translations were looked for (they are at the next run)

    @property
    def has_changes(self) -> bool:
        return bool(self.changed_doc_ids or self.removed_doc_ids or self.renamed)

    def merge(self, other: ImportReport) -> None:
        for name in (
            "collections",
            "imported",
            "updated",
            "removed",
            "renamed",
            "skipped",
            "warnings",
            "changed_doc_ids",
            "removed_doc_ids",
            "renamed_doc_ids",
            "left_out",
        ):
            getattr(self, name).extend(getattr(other, name))
        self.file_seconds.update(other.file_seconds)
        self.unchanged += other.unchanged
        self.seconds += other.seconds
        self.bytes_read += other.bytes_read
        self.cancelled = self.cancelled or other.cancelled

    def summary(self) -> str:
        """One line: the counts and the time."""
        parts = [
            f"{len(self.imported)} imported",
            f"{len(self.updated)} updated",
            f"{len(self.removed)} removed",
            f"{len(self.renamed)} renamed",
            f"{self.unchanged} unchanged",
            f"{len(self.skipped)} skipped",
        ]
        if self.left_out:
            parts.append(f"{len(self.left_out)} left out")
        rate = f", {self.bytes_read / 1e6 / self.seconds:.2f} MB/s" if self.seconds > 0 and self.bytes_read else ""
        return f"{', '.join(parts)} in {self.seconds:.2f} s{rate}" + (" (cancelled)" if self.cancelled else "")

    def to_json(self) -> dict[str, Any]:
        return {
            "collections": self.collections,
            "imported": self.imported,
            "updated": self.updated,
            "removed": self.removed,
            "renamed": [list(r) for r in self.renamed],
            "unchanged": self.unchanged,
            "skipped": [{"path": p, "reason": r} for p, r in self.skipped],
            "warnings": self.warnings,
            "seconds": round(self.seconds, 3),
            "bytes_read": self.bytes_read,
            "changed_doc_ids": self.changed_doc_ids,
            "removed_doc_ids": self.removed_doc_ids,
            "renamed_doc_ids": self.renamed_doc_ids,
            "cancelled": self.cancelled,
            "left_out": [{"path": p, "reason": r} for p, r in self.left_out],
        }


def read_stable(
    path: Path, limit: int = MAX_IMPORT_BYTES, on_read: Callable[[], None] | None = None
) -> tuple[bytes, os.stat_result]:
    """The file's bytes, read once and checked unchanged (size and mtime) across the read.

    A file that changes while being read is read once more, then given up on. `on_read` runs
    between reading and the second look (tests use it to change the file at that moment).
    """
    for _attempt in range(2):
        try:
            before = os.stat(path)
            if not stat.S_ISREG(before.st_mode):
                raise Unusable("not a regular file")
            if before.st_size > limit:
                raise Unusable(
                    f"file is too large ({before.st_size / 2**20:.0f} MB; the limit is {limit / 2**20:.0f} MB)"
                )
            with open(path, "rb") as handle:
                data = handle.read(limit + 1)
            if on_read is not None:
                on_read()
            after = os.stat(path)
        except FileNotFoundError:
            raise Unusable("deleted while being read") from None
        except PermissionError:
            raise Unusable("permission denied") from None
        except OSError as exc:
            raise Unusable(f"cannot be read ({exc.strerror or exc})") from None
        if len(data) == after.st_size and (before.st_size, before.st_mtime_ns) == (after.st_size, after.st_mtime_ns):
            return data, after
        time.sleep(0.05)
    raise Unusable("changed while being read (import again once it is saved)")


def document_id(collection_id: str, key: str, taken: set[str]) -> str:
    """A stable id from the collection and the file's relative path: "notes/2023/report" (no ":")."""
    parts = PurePosixPath(key.replace(os.sep, "/")).parts
    if Path(key).is_absolute():
        parts = parts[-1:]  # a file added on its own: just its name
    names = [_slug(p) for p in parts[:-1]] + [_slug(PurePosixPath(parts[-1]).stem if parts else "document")]
    base = f"{collection_id}/{'/'.join(names)}"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _slug(name: str) -> str:
    return re.sub(r"[^\w]+", "-", name.lower(), flags=re.UNICODE).strip("-") or "document"


def build_imported(doc_id: str, data: bytes, path: Path, collection_id: str) -> Document:
    """The Document for a file's bytes: extracted by its type, then segmented, labelled and split
    like the bundled corpus. Raises Unusable when there is nothing to import.

    A TMX file states its languages: its segments take them (they beat a guess on short segments,
    and 200,000 segments are not identified one by one); a language other than English and
    Norwegian is "und". A path that is not valid UTF-8 is named escaped in the title and messages.
    """
    suffix = path.suffix.lower()
    if suffix not in EXTRACTORS:
        raise Unusable(f"unsupported file type ({suffix or 'no extension'})")
    if not data.strip():
        raise Unusable("file is empty")
    fmt, extractor = EXTRACTORS[suffix]
    extracted = extractor(data, shown(path))
    text = _SURROGATE.sub("\ufffd", extracted.text)  # lone surrogates (a broken PDF font) cannot be stored
    if not text.strip():
        raise Unusable("no text found")
    from viewer.core.corpus.build import build_document  # identification: only when building

    stated = list(extracted.extra.get("declared_languages", ()))
    declared = {f"tmx.{lang}": LangGuess(_LANGS[lang], 1.0) if lang in _LANGS else UNDETERMINED for lang in stated}
    document = build_document(
        doc_id,
        text,
        "plain",
        None,
        path=path,
        collection=collection_id,
        warnings=extracted.warnings,
        parsed=extracted.parsed,
        declared=declared,
    )
    meta = document.meta
    known = tuple(lang for lang in stated if lang in _LANGS)
    title = _SURROGATE.sub("\ufffd", extracted.title) or shown(meta.title)
    meta = replace(
        meta,
        title=title,
        kind=fmt,
        authors=extracted.authors or meta.authors,
        provenance=shown(meta.provenance),
        languages=known or meta.languages,
        extra={**meta.extra, **extracted.extra, "format": fmt},
    )
    return replace(document, meta=meta)


__all__ = [
    "MAX_IMPORT_BYTES",
    "SUPPORTED_SUFFIXES",
    "ImportReport",
    "Unusable",
    "build_imported",
    "document_id",
    "read_stable",
]
