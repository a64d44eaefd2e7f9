"""What a reader process does with one file, and the limits it works under (see `pool`).

`serve` is the worker's loop: a Task (a file's bytes) in, an Outcome (its Document, or why it
was skipped) out, with the address space limited (`RLIMIT_AS`) for the file's duration. The same
`run_task` reads a file in the caller's process where no worker can be started.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import signal
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING

from viewer.core.corpus.model import Document
from viewer.core.errors import UserError

if TYPE_CHECKING:
    from viewer.core.corpus.manifest import ManifestEntry

log = logging.getLogger(__name__)

MB = 2**20
# Address space a worker may use for one file, beyond what it holds when idle (its modules and
# models): a base plus a multiple of the file's size, at most a third of the machine's memory.
MEMORY_BASE = 1024 * MB
MEMORY_PER_BYTE = 48
READY = "ready"


def time_limit(size: int) -> float:
    """Seconds one file may take: a minute, plus 20 s per MB beyond the first (32 MB: 11 minutes)."""
    return 60.0 + 20.0 * max(0.0, size / 1e6 - 1.0)


def memory_limit(size: int) -> int:
    """Bytes of address space for reading one file of `size` bytes (beyond the idle worker's)."""
    try:
        physical = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError):
        physical = 8192 * MB
    return int(min(MEMORY_BASE + MEMORY_PER_BYTE * size, max(physical // 3, MEMORY_BASE)))


@dataclass(frozen=True)
class Task:
    """One file to read: its bytes (already read and hashed by the parent) and what to build."""

    doc_id: str
    data: bytes
    path: Path  # the real path (it may hold surrogate escapes)
    collection: str
    memory: int = 0  # the address space it may use, beyond the idle worker's (set by the pool)
    keep: bool = True  # hand back the Document itself; else only its cache entry (an import needs no more)
    entry: ManifestEntry | None = None  # a bundled text: built from its file by its kind's parser (no data)


@dataclass(frozen=True)
class Outcome:
    """A worker's answer: the Document (when the task keeps it) and its document-cache entry, or why
    the file was skipped (`bug`: a bug, logged). The entry is made here, in the worker: the parent
    writes it as it is, and an import's parent never rebuilds the Document's million objects from
    a pickle only to serialise them again (a third of its time went there). So is what is derived
    from it for the cache's `derived` table: its translation-pair profile (`viewer.core.pairs.kept`),
    which the parent would otherwise make again, for every document, when it next looks for pairs."""

    document: Document | None
    reason: str = ""
    bug: bool = False
    seconds: float = 0.0
    blob: bytes = b""  # cache.to_blob(document)
    warnings: tuple[str, ...] = ()  # the document's
    derived: tuple[tuple[str, bytes], ...] = ()  # (key, data) entries for DocumentCache.keep_derived

    @property
    def built(self) -> bool:
        return self.document is not None or bool(self.blob)


def run_task(task: Task) -> Outcome:
    """Extract and build one file here (in a worker); every failure becomes an Outcome."""
    from viewer.core.library.bundled import build_entry
    from viewer.core.library.cache import to_blob
    from viewer.core.library.importers import build_imported

    t0 = time.perf_counter()
    try:
        if task.entry is not None:
            document = build_entry(task.entry, task.path)
        else:
            document = build_imported(task.doc_id, task.data, task.path, task.collection)
        blob = to_blob(document)
    except UserError as exc:  # Unusable, or a CorpusError from decoding: a reason, not a bug
        return Outcome(None, str(exc), seconds=time.perf_counter() - t0)
    except MemoryError:
        return Outcome(
            None,
            f"needed more than {(task.memory or memory_limit(len(task.data))) / MB:,.0f} MB of memory to read; skipped",
            seconds=time.perf_counter() - t0,
        )
    except RecursionError:
        return Outcome(None, "nests its parts too deeply to be read", seconds=time.perf_counter() - t0)
    except Exception as exc:  # a bug on odd input: the parent logs it with the file
        detail = "".join(traceback.format_exception(exc))
        return Outcome(None, f"{type(exc).__name__}: {exc}\n{detail}", bug=True, seconds=time.perf_counter() - t0)
    derived = _derived(document)
    kept = document if task.keep else None
    return Outcome(
        kept, seconds=time.perf_counter() - t0, blob=blob, warnings=tuple(document.warnings), derived=derived
    )


def died(code: int | None, seconds: float) -> Outcome:
    """The outcome of a file whose reader died while reading it with exit code `code`."""
    if code is not None and code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = f"signal {-code}"
        if name == "SIGKILL":  # the kernel's out-of-memory killer, or someone else
            return Outcome(None, "the reader was killed while reading it (out of memory?); skipped", seconds=seconds)
        return Outcome(None, f"the reader crashed on it ({name}); skipped", seconds=seconds)
    return Outcome(None, f"the reader stopped while reading it (exit code {code}); skipped", seconds=seconds)


def _derived(document: Document) -> tuple[tuple[str, bytes], ...]:
    """What the parent keeps beside the document: its pair profile. A failure here loses only that
    (the parent makes it again when it looks for pairs, and logs what went wrong there)."""
    from viewer.core.pairs import kept

    try:
        return (kept.entry(document),)
    except Exception:  # a bug in the pairs' code (or no memory left) must not cost the file its import
        log.warning("pair profile of %s not made here", document.id, exc_info=True)
        return ()


def serve(conn: Connection) -> None:  # pragma: no cover - runs in the worker process
    """The worker's loop: one Task in, one Outcome out, until the pipe closes."""
    import resource

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle
    from viewer.core.language.identify import get_identifier
    from viewer.core.library import importers  # noqa: F401  (load the readers before the first file)
    from viewer.core.pairs.words import word_keys

    get_identifier()
    word_keys()  # the stemmers and the lexicon the pair profiles read
    idle = _address_space()
    conn.send(READY)
    while True:
        try:
            task: Task = conn.recv()
        except EOFError:
            return
        limit = idle + (task.memory or memory_limit(len(task.data)))
        resource.setrlimit(resource.RLIMIT_AS, (limit, resource.RLIM_INFINITY))
        gc.disable()  # a build makes objects by the million and little cyclic garbage: a quarter faster
        outcome = run_task(task)
        del task
        resource.setrlimit(resource.RLIMIT_AS, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
        try:
            conn.send(outcome)
        except MemoryError:
            conn.send(Outcome(None, "its document is too large to hand back; skipped", seconds=outcome.seconds))
        del outcome
        gc.enable()


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic collector paused: a big document is a million objects, which would otherwise set
    off full collections over and over while it is unpickled or serialised (twice as slow)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _address_space() -> int:
    """This process's virtual size in bytes (0 when /proc cannot tell)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


__all__ = ["MB", "READY", "Outcome", "Task", "died", "memory_limit", "paused_gc", "run_task", "serve", "time_limit"]
