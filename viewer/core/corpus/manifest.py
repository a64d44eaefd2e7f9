"""A corpus folder's manifest.toml: one `[[document]]` per file, with its kind and metadata."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from viewer.core.corpus.model import DocumentMeta
from viewer.core.errors import CorpusError


@dataclass(frozen=True, kw_only=True)
class ManifestEntry(DocumentMeta):
    """One `[[document]]` of a manifest: the document's metadata plus its id and file."""

    id: str
    file: str


def load_manifest(folder: Path) -> list[ManifestEntry]:
    path = folder / "manifest.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CorpusError(f"{path}: no manifest") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: not a valid TOML manifest ({exc})") from None
    from viewer.core.corpus.sources import PARSERS as parsers  # the parsers are loaded only to build

    entries = []
    known = {"id", "file", "kind", "title", "authors", "year", "provenance", "licence", "languages"}
    for i, item in enumerate(data.get("document", [])):
        missing = [k for k in ("id", "file", "kind", "title") if k not in item]
        if missing:
            raise CorpusError(f"{path}: document {i + 1} lacks {', '.join(missing)}")
        if item["kind"] not in parsers:
            raise CorpusError(f"{path}: document {item['id']!r} has unknown kind {item['kind']!r}")
        entries.append(
            ManifestEntry(
                id=item["id"],
                file=item["file"],
                kind=item["kind"],
                title=item["title"],
                authors=tuple(item.get("authors", ())),
                year=item.get("year"),
                provenance=item.get("provenance", ""),
                licence=item.get("licence", ""),
                languages=tuple(item.get("languages", ())),
                extra={k: v for k, v in item.items() if k not in known},
            )
        )
    ids = [e.id for e in entries]
    if len(set(ids)) != len(ids):
        raise CorpusError(f"{path}: document ids are not unique")
    return entries


def entry_meta(entry: ManifestEntry) -> DocumentMeta:
    """The plain metadata of an entry (a Document's meta carries no manifest file name)."""
    return DocumentMeta(
        entry.title,
        entry.kind,
        entry.authors,
        entry.year,
        entry.provenance,
        entry.licence,
        entry.languages,
        dict(entry.extra),
    )
