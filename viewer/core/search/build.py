"""Writing an index folder for a corpus: a full build, or one derived from an earlier index.

Both write into `<key>.tmp-<pid>` and swap it in only when complete, so a crash never leaves a
half index in use. A derived index hard-links the earlier index's files and writes only the
added, changed and removed documents' passages (one Whoosh commit).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import whoosh
from whoosh.filedb.filestore import FileStorage
from whoosh.index import FileIndex
from whoosh.reading import SegmentReader

from viewer.core.corpus.model import Corpus
from viewer.core.progress import Progress
from viewer.core.search import store
from viewer.core.search.analysis import ANALYZER_VERSION
from viewer.core.search.schema import SCHEMA_VERSION, make_schema
from viewer.core.search.writer import small_to_merge, write_passages

log = logging.getLogger(__name__)

# Derive a new index from an old one only when at least this share of the old one's passages stays;
# otherwise a fresh build is about as fast and leaves no deleted documents behind.
MIN_KEPT_SHARE = 0.5


@dataclass(frozen=True)
class Base:
    """A sound earlier index a new one can be derived from, and what differs."""

    folder: Path
    files: dict[str, list[int]]
    changed: frozenset[str]
    removed: frozenset[str]


@dataclass(frozen=True)
class Derived:
    changed: tuple[str, ...]
    removed: tuple[str, ...]


def versions() -> str:
    """What an index must share with another to be derived from it: schema, analysis, Whoosh."""
    return f"{SCHEMA_VERSION}/{ANALYZER_VERSION}/{whoosh.versionstring()}"


def corpus_key(corpus: Corpus) -> str:
    return store.index_key(corpus.fingerprint, SCHEMA_VERSION, ANALYZER_VERSION)


def document_keys(corpus: Corpus) -> dict[str, str]:
    """Each document's key: it changes when anything the index stores for the document changes."""
    out = {}
    for d in corpus.documents:
        raw = f"{d.id}\0{d.meta.kind}\0{d.title}\0{d.fingerprint}"
        out[d.id] = hashlib.sha256(raw.encode()).hexdigest()[:32]
    return out


def build_into(corpus: Corpus, root: Path, key: str, final: Path, progress: Progress | None) -> None:
    """Build the whole index for `corpus` aside and swap it in at `final`."""
    passages = corpus.passage_count
    with _aside(corpus, root, key, final, progress, None) as tmp:
        ix = FileStorage(str(tmp)).create_index(make_schema())
        titles = {d.id: d.title for d in corpus.documents}
        write_passages(ix, corpus.passages(), titles, passages, progress)
        ix.close()


def best_base(root: Path, key: str, docs: dict[str, str]) -> Base | None:
    """The sound earlier index that needs the fewest documents re-indexed."""
    best: Base | None = None
    wanted = versions()
    for folder in root.iterdir():
        if not folder.is_dir() or folder.name == key or "." in folder.name:
            continue
        manifest, _problem = store.check_files(folder, None)
        if manifest is None or manifest.get("versions") != wanted or not isinstance(manifest.get("docs"), dict):
            continue
        old: dict[str, str] = manifest["docs"]  # type: ignore[assignment]
        changed = frozenset(d for d, k in docs.items() if old.get(d) != k)
        removed = frozenset(set(old) - set(docs))
        kept = sum(1 for d in old if d in docs and d not in changed)
        if old and kept / len(old) < MIN_KEPT_SHARE:
            continue
        if best is None or len(changed) + len(removed) < len(best.changed) + len(best.removed):
            best = Base(folder, manifest["files"], changed, removed)  # type: ignore[arg-type]
    return best


def derive_into(corpus: Corpus, root: Path, key: str, final: Path, base: Base, progress: Progress | None) -> Derived:
    """Build the index for `key` from `base`, writing only what changed; raises when the base
    cannot be trusted (the caller then builds from scratch)."""
    passages = corpus.passage_count
    titles = {d.id: d.title for d in corpus.documents}
    with _aside(corpus, root, key, final, progress, base.files) as tmp:
        store.link_files(base.folder, tmp)
        ix = FileStorage(str(tmp)).open_index()
        again = base.changed | _in_small_segments(ix)
        todo = [p for d in corpus.documents if d.id in again for p in d.passages]
        write_passages(ix, todo, titles, len(todo), progress, removed=[*again, *base.removed])
        count = ix.doc_count()
        ix.close()
        if count != passages:
            raise ValueError(f"{count} passages after the update, {passages} expected")
    return Derived(tuple(sorted(base.changed)), tuple(sorted(base.removed)))


def _in_small_segments(ix: FileIndex) -> frozenset[str]:
    """The documents in the small segments the commit would merge: they are indexed again from the
    corpus (its fast path, in workers) rather than merged through Whoosh's pool, which held them as
    a tuple per posting (seven segments of 2150 passages: 185 MB and 10 s of one core)."""
    found: set[str] = set()
    for segment in small_to_merge(ix._segments()):
        reader = SegmentReader(ix.storage, ix.schema, segment)
        try:
            found.update(term.decode("utf-8") for term in reader.lexicon("doc"))
        finally:
            reader.close()
    return frozenset(found)


@contextlib.contextmanager
def _aside(
    corpus: Corpus, root: Path, key: str, final: Path, progress: Progress | None, known: dict[str, list[int]] | None
) -> Iterator[Path]:
    """A fresh `<key>.tmp-<pid>` folder to write into; on success its manifest is written and it is
    swapped in at `final`, on any failure it is removed (a crash never leaves a half index in use)."""
    tmp = root / f"{key}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        yield tmp
        _finish(tmp, key, corpus.passage_count, document_keys(corpus), known)
        store.swap_in(root, tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if progress:
        progress(corpus.passage_count, corpus.passage_count, "index ready")


def _finish(tmp: Path, key: str, passages: int, docs: dict[str, str], known: dict[str, list[int]] | None) -> None:
    for leftover in tmp.glob("*LOCK"):
        leftover.unlink(missing_ok=True)
    store.write_manifest(tmp, key, passages, docs, versions(), known)
