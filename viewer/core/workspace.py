"""The Workspace: what the CLI and the app hold. It owns the library, the corpus, the search index,
the bookmark store, the document pairs and the alignments with the user's corrections, opens them
with a progress callback, applies imports (and finds the pairs they bring), and closes them after
waiting for the work still running on them. Its pairs and alignments are in its base class
(`viewer.core.workspace_translations`), imports and refreshes in `viewer.core.workspace_library`, its
stores open in `viewer.core.user_stores`.

Every method that does work blocks: the app calls them from worker threads, never the UI thread.
The corpus is an immutable value swapped whole under a lock, so a reader always sees one corpus.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

from viewer.core.align.corrections_store import CorrectionStore
from viewer.core.align.service import Aligning
from viewer.core.bookmarks.store import BookmarkStore
from viewer.core.concord.cross import asks_cross
from viewer.core.corpus.model import Corpus, Document
from viewer.core.errors import UserError
from viewer.core.library.library import Library
from viewer.core.pairs.service import Pairing
from viewer.core.pairs.store import PairStore
from viewer.core.progress import Cancel, Progress, step
from viewer.core.saved.store import SavedSearchStore
from viewer.core.search.cache import IndexCache
from viewer.core.search.index import SearchIndex
from viewer.core.search.results import SearchResults
from viewer.core.user_stores import Choice, open_user_stores
from viewer.core.workspace_library import LibraryChanges
from viewer.core.workspace_translations import Translations

log = logging.getLogger(__name__)


class SearchUnavailableError(UserError):
    """There is no search index (yet, or it could not be opened)."""


class WorkspaceClosedError(RuntimeError):
    """Work was asked of a workspace that is closing (a bug in the caller)."""


class Workspace(Translations, LibraryChanges):
    """The opened library, corpus, index, bookmarks and pairs. Thread-safe."""

    def __init__(
        self,
        library: Library,
        corpus: Corpus,
        *,
        index_cache: IndexCache | None = None,
        bookmarks: BookmarkStore | None = None,
        messages: Sequence[str] = (),
        isolate: bool = False,
        pairing: Pairing | None = None,
        aligning: Aligning | None = None,
        saved_searches: SavedSearchStore | None = None,
    ) -> None:
        self.library = library
        self.index_cache = index_cache or IndexCache()
        self.bookmarks = bookmarks
        self.pairing = pairing or Pairing(PairStore(":memory:"))
        self.aligning = aligning or Aligning(CorrectionStore(":memory:"))
        self.saved_searches = saved_searches or SavedSearchStore(":memory:")  # list/save/rename/remove/touch
        self.isolate = isolate  # build large indexes in a child process (the app)
        self.messages: list[str] = list(messages)
        self._corpus = corpus
        self._index: SearchIndex | None = None
        self._lock = threading.RLock()
        self._idle = threading.Condition(self._lock)
        self._running = 0
        self._closing = False
        self._local = threading.local()

    @classmethod
    def open(
        cls,
        folders: Sequence[Path] = (),
        *,
        progress: Progress | None = None,
        library: Library | None = None,
        index_cache: IndexCache | None = None,
        bookmarks: Choice = True,
        isolate: bool = False,
        pairs: Choice = True,
        corrections: Choice = True,
        searches: Choice = True,
    ) -> Workspace:
        """The library's corpus (bundled + collections + `folders` as temporary collections), the
        bookmark store (`bookmarks`: False for none, a path, or True for the user's) and the pair
        store (`pairs`: the same; False keeps pairs in memory and finds none at open) and the alignment
        corrections (`corrections`: the same; False keeps them in memory) and the saved searches
        (`searches`: the same). The index is
        opened separately (`open_index`), so reading can start while it builds. Pairs are found at
        open (cheap when the corpus is the one they were last found on).

        A store that cannot be opened as it is is a message, not a failure (`viewer.core.user_stores`).
        """
        library = library or Library()
        try:
            corpus = library.corpus(extra=folders, progress=step(progress, "Loading"))
        except BaseException:
            library.close()
            raise
        messages = [*library.notices, *(f"Skipped {path}: {reason}" for path, reason in corpus.skipped)]
        stores = open_user_stores(bookmarks, pairs, corrections, searches)
        workspace = cls(
            library,
            corpus,
            index_cache=index_cache,
            bookmarks=stores.bookmarks,
            messages=messages + stores.messages,
            isolate=isolate,
            pairing=Pairing(stores.pairs, library.cache),  # automatic alignments kept between runs
            aligning=Aligning(stores.corrections, library.cache),
            saved_searches=stores.searches,
        )
        if pairs is not False:
            try:
                workspace.find_pairs(step(progress, "Finding translations:"))
            except UserError as exc:
                log.warning("pairs not found at open: %s", exc)
                workspace.messages.append(f"Translation pairs were not looked for: {exc}")
            except Exception as exc:  # a bug in pairing must not keep the library closed: logged, said
                log.exception("finding pairs at open failed")
                workspace.messages.append(f"Finding translation pairs failed (a bug, see the log): {exc}")
        workspace._follow_renames()
        return workspace

    # --- state -----------------------------------------------------------------------------------

    @property
    def corpus(self) -> Corpus:
        with self._lock:
            return self._corpus

    @property
    def index(self) -> SearchIndex | None:
        with self._lock:
            return self._index

    def document(self, doc_id: str) -> Document:
        return self.corpus.get(doc_id)

    @contextlib.contextmanager
    def _work(self) -> Iterator[None]:
        depth = getattr(self._local, "depth", 0)
        with self._lock:
            if self._closing and depth == 0:  # work already running may finish what it does
                raise WorkspaceClosedError("the workspace is closing")
            self._running += 1
        self._local.depth = depth + 1
        try:
            yield
        finally:
            self._local.depth = depth
            with self._lock:
                self._running -= 1
                self._idle.notify_all()

    # --- search ----------------------------------------------------------------------------------

    def open_index(self, progress: Progress | None = None, *, rebuild: bool = False) -> SearchIndex:
        """Open (or build) the index of the current corpus; its status messages join `messages`."""
        with self._work():
            corpus = self.corpus
            index = self.index_cache.open(corpus, step(progress, "Indexing:"), rebuild=rebuild, isolate=self.isolate)
            with self._lock:
                old, self._index = self._index, index
                self.messages.extend(m for m in index.status.messages if m not in self.messages)
            if old is not None and old is not index:
                old.close()
            return index

    def verify_index(self) -> str:
        """Read every byte of the index against its checksums (for big indexes, whose opening only
        samples them); a damaged index is rebuilt. Returns what was wrong, "" when it was sound."""
        index = self.index
        if index is None:
            return ""
        with self._work():
            problem = self.index_cache.verify(index)
            if problem:
                self.messages.append(f"the search index was damaged ({problem}); it has been rebuilt")
                self.open_index()
            return problem

    def search(
        self,
        text: str,
        *,
        lang: str | None = None,
        doc: str | None = None,
        page: int = 1,
        pagelen: int = 10,
        cancel: Cancel | None = None,
        cross: bool = False,
    ) -> SearchResults:
        """Ranked passages; `cross` (or `~word` in the query) adds, after every direct hit, the passages
        that hold a translation (`SearchHit.via`; see `viewer.core.concord.cross`)."""
        index = self.index
        if index is None:
            raise SearchUnavailableError("the search index is not open yet")
        with self._work():
            if cross or asks_cross(text):
                options = {"lang": lang, "doc": doc, "page": page, "pagelen": pagelen, "cancel": cancel}
                return self._search_across(index.search, text, cross, **options)
            return index.search(text, lang=lang, doc=doc, page=page, pagelen=pagelen, cancel=cancel)

    # --- reading ---------------------------------------------------------------------------------

    def reanchor_bookmarks(self, progress: Progress | None = None) -> int:
        """Re-anchor every bookmark to the current texts; returns how many moved or were orphaned."""
        if self.bookmarks is None:
            return 0
        with self._work():
            marked = {b.doc_id for b in self.bookmarks.list(deleted="include")}  # a library has thousands
            documents = [d for d in self.corpus.documents if d.id in marked]  # of documents, a few bookmarked
            changed = 0
            for i, document in enumerate(documents):
                if progress:
                    progress(i, len(documents), f"Checking bookmarks in {document.title[:40]}")
                changed += len(self.bookmarks.reanchor(document))
            return changed

    # --- closing ---------------------------------------------------------------------------------

    def close(self, timeout: float | None = None) -> bool:
        """Wait for running work (up to `timeout` seconds), then close everything; False on timeout
        (the stores are then left open for the running work to finish with)."""
        with self._lock:
            self._closing = True
            if not self._idle.wait_for(lambda: self._running == 0, timeout):
                log.warning("closing the workspace while %d jobs still run", self._running)
                return False
            index, self._index = self._index, None
        if index is not None:
            index.close()
        if self.bookmarks is not None:
            self.bookmarks.close()
        self.pairing.close()
        self.aligning.close()
        self.saved_searches.close()
        self.library.close()
        return True

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
