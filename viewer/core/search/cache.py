"""Open the cached index for a corpus, or build it: checked, locked, built aside and swapped in.

Unchanged corpus -> the folder for its key is checked (manifest, sizes, checksums, a read) and
opened. Missing, stale or damaged -> a damaged folder is moved aside, a new index is built in a
temporary folder under the build lock and renamed into place. When the corpus changed but an index
of the previous corpus is there (same schema and analysis), the new one is derived from it: its
files are hard-linked into the temporary folder and only the added, changed and removed documents'
passages are written (one Whoosh commit), so changing one file re-indexes that file alone.
If another live instance holds the lock, we wait for it (bounded); a forced rebuild is skipped
while a good index exists; and as a last resort the corpus is indexed in memory so that searching
still works.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from pathlib import Path
from typing import TYPE_CHECKING

from whoosh.filedb.filestore import FileStorage

from viewer.core.search import store
from viewer.core.search.analysis import ANALYZER_VERSION

if TYPE_CHECKING:
    from viewer.core.search.index import Progress, SearchIndex


def open_or_build(cls: type[SearchIndex], corpus, folder: Path | None, progress: Progress | None,  # type: ignore[no-untyped-def]
                  rebuild: bool, wait: float) -> SearchIndex:
    from viewer.core.search.index import SCHEMA_VERSION, IndexStatus

    t0 = time.perf_counter()
    root = Path(folder) if folder is not None else store.default_root()
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file where the folder should be, a read-only or missing disk
        ix = cls.build(corpus, progress=progress)
        ix.status = IndexStatus("in-memory", time.perf_counter() - t0, sum(len(d.passages) for d in corpus.documents),
                                None, [f"the index folder {root} cannot be used ({exc.strerror or exc}); "
                                       "searching a temporary in-memory index"])
        return ix
    docs = document_keys(corpus)
    key = store.index_key(corpus.fingerprint, SCHEMA_VERSION, ANALYZER_VERSION)
    final = root / key
    passages = sum(len(d.passages) for d in corpus.documents)
    messages: list[str] = []
    derived: list[tuple[str, ...]] = []

    def finish(ix: SearchIndex, action: str) -> SearchIndex:
        ix.status = IndexStatus(action, time.perf_counter() - t0, passages, final if action != "in-memory" else None,
                                messages)
        if derived:
            ix.status.changed_documents, ix.status.removed_documents = derived
            ix.status.incremental = True
        ix._recover = lambda: open_or_build(cls, corpus, folder, progress, True, wait)
        return ix

    existing, problem = (None, "") if rebuild else _try_open(cls, final, key)
    if existing is not None:
        return finish(existing, "opened")
    lock = store.BuildLock(root, key)
    if not lock.try_acquire():
        holder = lock.holder() or {}
        who = f"another instance (pid {holder.get('pid', '?')})"
        if rebuild:
            current, _ = _try_open(cls, final, key)
            if current is not None:
                messages.append(f"{who} is rebuilding the index; rebuild skipped, using the current index")
                return finish(current, "opened")
        if progress:
            progress(0, passages, f"waiting for {who} to finish building the index")
        if not lock.acquire(wait):
            current, _ = _try_open(cls, final, key)
            if current is not None:
                return finish(current, "opened")
            messages.append(f"{who} is still building the index; searching a temporary in-memory index")
            return finish(cls.build(corpus, progress=progress), "in-memory")
    try:
        if lock.cleared_stale:
            messages.append(lock.cleared_stale)
        if not rebuild:
            existing, problem = _try_open(cls, final, key)  # someone may have built it while we waited
            if existing is not None:
                return finish(existing, "opened")
        action = "rebuilt" if final.exists() else "built"
        if final.exists():
            if problem:
                aside = store.move_aside(root, final)
                messages.append(f"the index was damaged ({problem}); "
                                f"{'moved to ' + str(aside) if aside else 'deleted'} and rebuilt")
        if rebuild or action == "rebuilt" or not _derive(corpus, root, key, final, docs, passages, progress,
                                                         messages, derived):
            _build_into(cls, corpus, root, key, final, passages, progress, docs)
        store.clean_up(root, keep=key)
    finally:
        lock.release()
    opened, problem = _try_open(cls, final, key)
    if opened is None:
        raise RuntimeError(f"the index just built at {final} does not open: {problem}")
    ix = opened
    return finish(ix, action)


def _build_into(cls: type[SearchIndex], corpus, root: Path, key: str, final: Path, passages: int,  # type: ignore[no-untyped-def]
                progress: Progress | None, docs: dict[str, str] | None = None) -> None:
    from viewer.core.search.index import make_schema, write_passages

    tmp = root / f"{key}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        ix = FileStorage(str(tmp)).create_index(make_schema())
        titles = {d.id: d.title for d in corpus.documents}
        write_passages(ix, corpus.passages(), titles, passages, progress)
        ix.close()
        for leftover in tmp.glob("*LOCK"):
            leftover.unlink()
        store.write_manifest(tmp, key, passages, docs if docs is not None else document_keys(corpus), versions())
        store.swap_in(root, tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if progress:
        progress(passages, passages, "index ready")


def versions() -> str:
    """What an index must share with another to be derived from it: schema, analysis, Whoosh."""
    import whoosh

    from viewer.core.search.index import SCHEMA_VERSION

    return f"{SCHEMA_VERSION}/{ANALYZER_VERSION}/{whoosh.versionstring()}"


def document_keys(corpus) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Each document's key: it changes when anything the index stores for the document changes."""
    out = {}
    for d in corpus.documents:
        raw = f"{d.id}\0{d.meta.kind}\0{d.title}\0{d.fingerprint}"
        out[d.id] = hashlib.sha256(raw.encode()).hexdigest()[:32]
    return out


# Derive a new index from an old one only when at least this share of the old one's passages stays;
# otherwise a fresh build is about as fast and leaves no deleted documents behind.
MIN_KEPT_SHARE = 0.5


def _derive(corpus, root: Path, key: str, final: Path, docs: dict[str, str], passages: int,  # type: ignore[no-untyped-def]
            progress: Progress | None, messages: list[str], derived: list[tuple[str, ...]]) -> bool:
    """Build the index for `key` from the best sound index of an earlier corpus; False when there is none.

    Any failure (a damaged base shows up as arbitrary Whoosh errors) falls back to a full build.
    """
    from viewer.core.search.index import write_passages

    base = _best_base(root, key, docs)
    if base is None:
        return False
    folder, manifest, changed, removed = base
    titles = {d.id: d.title for d in corpus.documents}
    todo = [p for d in corpus.documents if d.id in changed for p in d.passages]
    tmp = root / f"{key}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        store.link_files(folder, tmp)
        ix = FileStorage(str(tmp)).open_index()
        write_passages(ix, todo, titles, len(todo), progress, removed=[*changed, *removed])
        count = ix.doc_count()
        ix.close()
        if count != passages:
            raise ValueError(f"{count} passages after the update, {passages} expected")
        for leftover in tmp.glob("*LOCK"):
            leftover.unlink()
        store.write_manifest(tmp, key, passages, docs, versions(), manifest["files"])
        store.swap_in(root, tmp, final)
    except Exception as exc:  # the base cannot be trusted: build from scratch instead
        shutil.rmtree(tmp, ignore_errors=True)
        messages.append(f"could not update the previous index ({type(exc).__name__}: {str(exc)[:120]}); "
                        "built it anew")
        return False
    derived.append(tuple(sorted(changed)))
    derived.append(tuple(sorted(removed)))
    if progress:
        progress(passages, passages, "index ready")
    return True


def _best_base(root: Path, key: str, docs: dict[str, str]) -> tuple[Path, dict, set[str], set[str]] | None:  # type: ignore[type-arg]
    """The sound earlier index that needs the fewest documents re-indexed, with (changed, removed) ids."""
    best = None
    wanted = versions()
    for folder in root.iterdir():
        if not folder.is_dir() or folder.name == key or "." in folder.name:
            continue
        manifest, _problem = store.check_files(folder, None)
        if manifest is None or manifest.get("versions") != wanted or not isinstance(manifest.get("docs"), dict):
            continue
        old: dict[str, str] = manifest["docs"]  # type: ignore[assignment]
        changed = {d for d, k in docs.items() if old.get(d) != k}
        removed = set(old) - set(docs)
        kept = sum(1 for d in old if d in docs and d not in changed)
        if old and kept / len(old) < MIN_KEPT_SHARE:
            continue
        if best is None or len(changed) + len(removed) < len(best[2]) + len(best[3]):
            best = (folder, manifest, changed, removed)
    return best


def _try_open(cls: type[SearchIndex], final: Path, key: str) -> tuple[SearchIndex | None, str]:
    """(index, "") when the folder holds a sound index for `key`; else (None, what is wrong or "")."""
    if not final.is_dir():
        return None, ""
    manifest, problem = store.check_files(final, key)
    if manifest is None:
        return None, problem
    ix = None
    try:
        ix = cls(FileStorage(str(final), readonly=True))
        ix.check(int(manifest["passages"]))  # type: ignore[call-overload]
    except Exception as exc:  # any failure to read it means it cannot be trusted
        if ix is not None:
            ix.close()
        return None, f"it cannot be read: {type(exc).__name__}: {str(exc)[:120]}"
    return ix, ""


def open_existing(cls: type[SearchIndex], corpus, folder: Path | None = None) -> SearchIndex | None:  # type: ignore[no-untyped-def]
    """The cached index for `corpus` if it is there and sound, else None (nothing is built)."""
    from viewer.core.search.index import SCHEMA_VERSION, IndexStatus

    t0 = time.perf_counter()
    root = Path(folder) if folder is not None else store.default_root()
    key = store.index_key(corpus.fingerprint, SCHEMA_VERSION, ANALYZER_VERSION)
    ix, _problem = _try_open(cls, root / key, key)
    if ix is not None:
        passages = sum(len(d.passages) for d in corpus.documents)
        ix.status = IndexStatus("opened", time.perf_counter() - t0, passages, root / key, [])
    return ix
