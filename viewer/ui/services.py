"""The core services the window works with, and how the app opens them off the UI thread."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from viewer.core.corpus.model import Document, Passage
from viewer.ui.pair_view import PairRow

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class PairAlignment:
    """A document's aligned sentence pairs as the side-by-side view shows them."""

    rows: list[PairRow]
    languages: tuple[str, str]

    def covers(self, passage: Passage) -> bool:
        """True when the passage holds a sentence of an aligned pair."""
        return any(
            span[0] < passage.end and passage.start < span[1]
            for row in self.rows for span in (row.source, row.target) if span
        )


def align_for_view(document: Document) -> PairAlignment | None:
    """The alignment engine's pairs for a document, when its two parts are translations."""
    from viewer.core.align.document import align_document

    alignment = align_document(document)
    if alignment is None or not alignment.translated or not alignment.pairs:
        return None
    rows = [PairRow(p.source, p.target, p.score) for p in alignment.pairs]
    return PairAlignment(rows, (alignment.languages[0], alignment.languages[1]))


@dataclass
class Services:
    corpus: Any
    index: Any = None
    bookmarks: Any = None
    aligner: Callable[[Document], PairAlignment | None] | None = None
    messages: list[str] = field(default_factory=list)
    library: Any = None
    _alignments: dict[str, PairAlignment | None] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def index_search(self, query: str, lang: str | None = None, doc: str | None = None, limit: int = 50) -> Any:
        return self.index.search(query, lang=lang, doc=doc, pagelen=limit)

    def close(self) -> None:
        """Release the index, the library and the bookmark database (every write is already committed)."""
        if self.library is not None:
            self.library.close()
        if self.index is not None:
            self.index.close()
        if self.bookmarks is not None:
            self.bookmarks.close()

    def replace_corpus(self, corpus: Any) -> None:
        """Take a corpus changed by an import; cached alignments of changed documents are dropped."""
        with self._lock:
            old = {d.id: d.fingerprint for d in self.corpus.documents}
            self._alignments = {k: v for k, v in self._alignments.items()
                                if any(d.id == k and old.get(k) == d.fingerprint for d in corpus.documents)}
            self.corpus = corpus

    def alignment_for(self, document: Document) -> PairAlignment | None:
        """The document's alignment (computed once, then cached), or None when it has none."""
        with self._lock:
            if document.id not in self._alignments:
                self._alignments[document.id] = self.aligner(document) if self.aligner else None
            return self._alignments[document.id]


def open_services(extra_folders: Sequence[Path] = (), bookmarks_path: Path | None = None,
                  progress: Progress | None = None) -> Services:
    """Everything at once: the corpus, the bookmark store and the search index (for scripts)."""
    services = open_core(extra_folders, bookmarks_path, progress)
    open_index(services, extra_folders, progress)
    return services


def open_core(extra_folders: Sequence[Path] = (), bookmarks_path: Path | None = None,
              progress: Progress | None = None) -> Services:
    """The corpus and the bookmark store: enough to browse, read and bookmark.

    A problem with the bookmark store is reported in `messages` (shown in the window) rather
    than stopping the app.
    """
    from viewer.core.bookmarks.store import BookmarkStore
    from viewer.core.errors import UserError
    from viewer.core.library.library import Library

    library = Library()
    corpus = library.corpus(extra=list(extra_folders), progress=_step(progress, "Loading"))
    messages = [f"Skipped {path}: {reason}" for path, reason in corpus.skipped]
    store = None
    try:
        store = BookmarkStore(bookmarks_path)
        if store.notice:
            messages.append(store.notice)
        for document in corpus.documents:
            store.reanchor(document)
    except UserError as exc:
        messages.append(f"Bookmarks are unavailable: {exc}")
    except Exception as exc:  # our bug: keep reading and searching, say so, log the details
        logging.getLogger(__name__).exception("opening the bookmarks failed")
        messages.append(f"Bookmarks could not be opened ({type(exc).__name__}: {exc}); details are in the log")
    return Services(corpus=corpus, bookmarks=store, aligner=align_for_view, messages=messages, library=library)


def open_index(services: Services, extra_folders: Sequence[Path] = (), progress: Progress | None = None) -> Any:
    """Open the search index for the services' corpus, building it first (in a child process) if needed.

    Sets and returns `services.index`; on failure the index stays None and the reason is added to
    `services.messages` (searching is then unavailable, everything else works).
    """
    from viewer.core.errors import UserError
    from viewer.core.search.cache import IndexCache

    try:
        index = IndexCache().open(services.corpus, progress=_step(progress, "Indexing"), isolate=True)
        services.messages.extend(index.status.messages)
        services.index = index
    except UserError as exc:
        services.messages.append(f"Search is unavailable: {exc}")
    return services.index


def _step(progress: Progress | None, message: str) -> Progress | None:
    if progress is None:
        return None
    return lambda done, total, detail="": progress(done, total, f"{message} {detail}".strip())


def build_index_in_child(extra_folders: Sequence[Path], progress: Progress | None) -> list[str]:
    """Build the search index in a separate process and wait for it; returns its messages.

    Whoosh holds the GIL in long stretches while it writes an index; in a thread of this process
    that freezes the window for most of a second at a time. A child process keeps the UI thread
    free; the caller then opens the finished index in milliseconds.
    """
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_index_child, args=([str(p) for p in extra_folders], sender), daemon=True)
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
                messages.append(f"Building the index in the background failed ({payload[0]}); building it here")
    finally:
        child.join(timeout=5)
    return messages


def _index_child(extra_folders: list[str], sender: Any) -> None:
    """Runs in the child process: load the corpus and build (or open) its index."""
    from viewer.core.library.library import Library
    from viewer.core.search.cache import IndexCache

    try:
        library = Library()
        corpus = library.corpus(extra=[Path(p) for p in extra_folders])
        library.close()
        index = IndexCache().open(corpus, progress=lambda done, total, message="": sender.send(
            ("progress", done, total, message)))
        sender.send(("messages", list(index.status.messages)))
        index.close()
    except Exception as exc:  # reported to the parent, which falls back to building in-process
        sender.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        sender.close()
