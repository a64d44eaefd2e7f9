"""The bundled corpus: the documents a manifest folder describes, built once and then cached.

A manifest entry is built with its kind's own parser (thesis record, slides, ...). The built
document is cached under its id, keyed by the file's bytes and the entry's metadata, so a CLI
command or the app starts without re-running language identification on unchanged text.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from viewer.core.corpus.manifest import ManifestEntry, entry_meta, load_manifest
from viewer.core.corpus.model import Corpus, Document
from viewer.core.library.cache import DocumentCache
from viewer.core.paths import bundled_corpus_dir
from viewer.core.progress import Progress

log = logging.getLogger(__name__)


# Builds the documents of (entry, path, cache key) triples the cache lacks, keeping them in the
# cache (the library's reader processes); doc id -> Document.
Build = Callable[[Sequence[tuple[ManifestEntry, Path, str]]], dict[str, Document]]


def bundled_documents(
    folder: Path | None = None,
    cache: DocumentCache | None = None,
    progress: Progress | None = None,
    build: Build | None = None,
) -> list[Document]:
    """Every document of the manifest in `folder` (the bundled corpus by default), from `cache`
    where it holds them, else built (by `build` when given, else here); a missing or invalid
    manifest or file is a CorpusError."""
    folder = bundled_corpus_dir() if folder is None else folder
    entries = load_manifest(folder)
    found: dict[str, Document] = {}
    missing: list[tuple[ManifestEntry, Path, str]] = []
    for i, entry in enumerate(entries):
        if progress:
            progress(i, len(entries), entry.id)
        path = folder / entry.file
        key = _entry_key(entry, path)
        document = cache.get(entry.id, key) if cache is not None else None
        if document is None:
            missing.append((entry, path, key))
        elif document.path != path:  # the same text found elsewhere (an installed copy): point at it
            found[entry.id] = replace(document, path=path)
        else:
            found[entry.id] = document
    if missing and build is not None:
        found.update(build(missing))
    elif missing:
        for entry, path, key in missing:
            found[entry.id] = document = build_entry(entry, path)
            if cache is not None:
                cache.put(document, key)
    return [found[entry.id] for entry in entries]


def build_entry(entry: ManifestEntry, path: Path) -> Document:
    """The document of one manifest entry, built with its kind's parser."""
    from viewer.core.corpus.build import build_document  # identification: only when building
    from viewer.core.corpus.textio import read_text_file

    text, warnings = read_text_file(path)
    return build_document(entry.id, text, entry.kind, entry_meta(entry), path=path, warnings=warnings)


def _entry_key(entry: ManifestEntry, path: Path) -> str:
    """Changes with the file's bytes or anything the manifest says about it."""
    digest = hashlib.sha256(repr(entry).encode())
    try:
        digest.update(path.read_bytes())
    except OSError as exc:  # read_text_file reports it properly when the document is built
        log.warning("bundled file %s unreadable: %s", path, exc)
        digest.update(b"\0unreadable")
    return digest.hexdigest()


def bundled_corpus(folder: Path | None = None, cache: DocumentCache | None = None) -> Corpus:
    """The bundled corpus alone, as a Corpus (scripts and benchmarks; the app and CLI use the Library)."""
    return Corpus(tuple(bundled_documents(folder, cache)))
