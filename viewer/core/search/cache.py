"""IndexCache: the one place that opens the cached index for a corpus, or builds it.

Unchanged corpus -> the folder for its key is checked (manifest, sizes, checksums, a read) and
opened. Missing, stale or damaged -> a damaged folder is moved aside and a new index is built
aside under the build lock and swapped in (derived from an earlier index when most of it still
holds, see `build`). If another live instance holds the lock, we wait for it (bounded); a forced
rebuild is skipped while a good index exists; and as a last resort the corpus is indexed in
memory so that searching still works. With `isolate=True` (the app) a large build runs in a child
process, which is handed the corpus: Whoosh holds the GIL in long stretches while it writes, and
in a thread that would freeze the window.
"""

from __future__ import annotations

import errno
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from whoosh.filedb.filestore import FileStorage

from viewer.core.corpus.model import Corpus
from viewer.core.progress import Progress
from viewer.core.search import build, store
from viewer.core.search.index import SearchIndex
from viewer.core.search.lock import BuildLock
from viewer.core.search.results import IndexStatus

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

log = logging.getLogger(__name__)

# With isolate=True, builds that write more passages than this run in a child process; smaller
# ones take well under a second here, less than starting a child costs.
CHILD_ABOVE_PASSAGES = 3000


@dataclass
class _Run:
    """The bookkeeping of one `open` call (what becomes the index's status)."""

    t0: float = field(default_factory=time.perf_counter)
    messages: list[str] = field(default_factory=list)
    derived: build.Derived | None = None


class IndexCache:
    """Index folders under `root` (the user cache by default), one per corpus key."""

    def __init__(self, root: Path | str | None = None) -> None:
        self.root = Path(root) if root is not None else store.default_root()

    def open_existing(self, corpus: Corpus) -> SearchIndex | None:
        """The cached index for `corpus` if it is there and sound, else None (nothing is built)."""
        t0 = time.perf_counter()
        key = build.corpus_key(corpus)
        ix, _problem = self._try_open(key, corpus, _Run(t0), "opened")
        return ix

    def open(
        self,
        corpus: Corpus,
        progress: Progress | None = None,
        *,
        rebuild: bool = False,
        wait: float = 30.0,
        isolate: bool = False,
    ) -> SearchIndex:
        """Open the index for `corpus`, building it first when needed; its `status` says what was done."""
        run = _Run()
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # a file where the folder should be, a read-only or missing disk
            log.warning("index folder %s unusable: %s", self.root, exc)
            run.messages.append(
                f"the index folder {self.root} cannot be used ({exc.strerror or exc}); "
                "searching a temporary in-memory index"
            )
            return self._in_memory(corpus, progress, run)
        key = build.corpus_key(corpus)
        if not rebuild:
            existing, _problem = self._try_open(key, corpus, run, "opened")
            if existing is not None:
                return existing
        if isolate and not rebuild and self._work(corpus, key) > CHILD_ABOVE_PASSAGES:
            run.messages.extend(_build_in_child(self.root, corpus, progress))
            existing, _problem = self._try_open(key, corpus, run, "built")
            if existing is not None:
                return existing
        try:
            return self._open_or_build(corpus, key, progress, rebuild, wait, run)
        except OSError as exc:  # a read-only or full disk: a cache must never stop searching
            log.warning("index folder %s cannot be written", self.root, exc_info=True)
            if not rebuild:
                existing, _problem = self._try_open(key, corpus, run, "opened")
                if existing is not None:
                    return existing
            run.messages.append(
                f"{_disk_problem(exc, self.root)}; searching a temporary in-memory index "
                "(it is built again on disk once the folder can be written)"
            )
            return self._in_memory(corpus, progress, run)

    def verify(self, index: SearchIndex) -> str:
        """Check every byte of an opened index's files (slow on a big index: run it in a worker);
        a damaged one is moved aside so that the next open rebuilds it. Returns what was wrong."""
        folder = index.status.folder
        if folder is None:
            return ""
        problem = store.verify_files(folder)
        if problem:
            log.warning("index at %s failed verification: %s", folder, problem)
            store.move_aside(self.root, folder)
        return problem

    # --- the policy ------------------------------------------------------------------------------

    def _open_or_build(
        self, corpus: Corpus, key: str, progress: Progress | None, rebuild: bool, wait: float, run: _Run
    ) -> SearchIndex:
        final = self.root / key
        lock = BuildLock(self.root, key)
        if not lock.try_acquire():
            holder = lock.holder() or {}
            who = f"another instance (pid {holder.get('pid', '?')})"
            if rebuild:
                current, _ = self._try_open(key, corpus, run, "opened")
                if current is not None:
                    run.messages.append(f"{who} is rebuilding the index; rebuild skipped, using the current index")
                    return current
            if progress:
                progress(0, corpus.passage_count, f"waiting for {who} to finish building the index")
            if not lock.acquire(wait):
                current, _ = self._try_open(key, corpus, run, "opened")
                if current is not None:
                    return current
                run.messages.append(f"{who} is still building the index; searching a temporary in-memory index")
                return self._in_memory(corpus, progress, run)
        try:
            if lock.cleared_stale:
                run.messages.append(lock.cleared_stale)
            problem = ""
            if not rebuild:
                existing, problem = self._try_open(key, corpus, run, "opened")  # built while we waited?
                if existing is not None:
                    return existing
            action = "rebuilt" if final.exists() else "built"
            if final.exists() and problem:
                aside = store.move_aside(self.root, final)
                run.messages.append(
                    f"the index was damaged ({problem}); {'moved to ' + str(aside) if aside else 'deleted'} and rebuilt"
                )
            if rebuild or action == "rebuilt" or not self._derive(corpus, key, progress, run):
                build.build_into(corpus, self.root, key, final, progress)
            store.clean_up(self.root, keep=key)
        finally:
            lock.release()
        opened, problem = self._try_open(key, corpus, run, action)
        if opened is None:
            raise RuntimeError(f"the index just built at {final} does not open: {problem}")
        return opened

    def _derive(self, corpus: Corpus, key: str, progress: Progress | None, run: _Run) -> bool:
        base = build.best_base(self.root, key, build.document_keys(corpus))
        if base is None:
            return False
        try:
            run.derived = build.derive_into(corpus, self.root, key, self.root / key, base, progress)
        except Exception as exc:  # a damaged base shows up as arbitrary Whoosh errors: build anew
            log.warning("deriving the index from %s failed", base.folder, exc_info=True)
            run.messages.append(
                f"could not update the previous index ({type(exc).__name__}: {str(exc)[:120]}); built it anew"
            )
            return False
        return True

    def _work(self, corpus: Corpus, key: str) -> int:
        """How many passages a build for `key` would write (fewer when it can be derived)."""
        base = build.best_base(self.root, key, build.document_keys(corpus)) if self.root.is_dir() else None
        if base is None:
            return corpus.passage_count
        return sum(len(d.passages) for d in corpus.documents if d.id in base.changed)

    # --- opening ---------------------------------------------------------------------------------

    def _status(self, action: str, corpus: Corpus, folder: Path | None, run: _Run) -> IndexStatus:
        status = IndexStatus(action, time.perf_counter() - run.t0, corpus.passage_count, folder, run.messages)
        if run.derived is not None:
            status.changed_documents, status.removed_documents = run.derived.changed, run.derived.removed
            status.incremental = True
        return status

    def _recovery(self, corpus: Corpus) -> SearchIndex:
        return self.open(corpus, rebuild=True)

    def _try_open(self, key: str, corpus: Corpus, run: _Run, action: str) -> tuple[SearchIndex | None, str]:
        """(index, "") when the folder holds a sound index for `key`; else (None, what is wrong or "")."""
        final = self.root / key
        if not final.is_dir():
            return None, ""
        manifest, problem = store.check_files(final, key)
        if manifest is None:
            return None, problem
        ix = None
        try:
            ix = SearchIndex(
                FileStorage(str(final), readonly=True),
                self._status(action, corpus, final, run),
                recover=lambda: self._recovery(corpus),
            )
            ix.check(int(manifest["passages"]))  # type: ignore[call-overload]
        except Exception as exc:  # any failure to read it means it cannot be trusted
            log.warning("index at %s cannot be read", final, exc_info=True)
            if ix is not None:
                ix.close()
            return None, f"it cannot be read: {type(exc).__name__}: {str(exc)[:120]}"
        return ix, ""

    def _in_memory(self, corpus: Corpus, progress: Progress | None, run: _Run) -> SearchIndex:
        ix = SearchIndex.build(corpus, progress=progress)
        ix.status = self._status("in-memory", corpus, None, run)
        return ix


def _disk_problem(exc: OSError, root: Path) -> str:
    if exc.errno == errno.ENOSPC:
        return f"the disk holding {root} is full, so the search index could not be saved"
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return f"the index folder {root} cannot be written ({exc.strerror})"
    return f"the index folder {root} cannot be used ({exc.strerror or exc})"


def open_folder(folder: Path) -> SearchIndex:
    """Open a finished index folder read-only, without checking its key (benchmarks, inspection)."""
    if not (folder / store.MANIFEST).exists():
        raise FileNotFoundError(f"no finished index at {folder}")
    return SearchIndex(FileStorage(str(folder), readonly=True))


def _build_in_child(root: Path, corpus: Corpus, progress: Progress | None) -> list[str]:
    """Build the index for `corpus` under `root` in a child process and wait; returns its messages.

    The child is handed the corpus itself (pickled), never re-derives it. If the child fails, the
    caller builds in this process.
    """
    import multiprocessing  # only the app builds in a child; the CLI never pays for the import

    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child_main, args=(str(root), corpus, sender), daemon=True)
    child.start()
    sender.close()
    messages: list[str] = []
    try:
        while True:
            try:
                kind, *payload = receiver.recv()
            except EOFError:
                break
            if kind == "progress" and progress is not None:
                progress(*payload)
            elif kind == "messages":
                messages.extend(payload[0])
            elif kind == "error":
                log.error("the index build in a child process failed: %s", payload[0])
                messages.append(f"building the index in the background failed ({payload[0]}); building it here")
    finally:
        receiver.close()
        child.join(timeout=10)
    return messages


def _child_main(root: str, corpus: Corpus, sender: Connection) -> None:
    """Runs in the child process: build (or open) the index and report back."""

    def progress(done: int, total: int, message: str = "") -> None:
        sender.send(("progress", done, total, message))

    try:
        with IndexCache(root).open(corpus, progress=progress) as index:
            sender.send(("messages", list(index.status.messages)))
    except Exception as exc:  # reported to the parent, which falls back to building in-process
        sender.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        sender.close()
