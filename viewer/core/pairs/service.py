"""Pairing: the workspace's pairs - the store, the finder run over a corpus, the user's changes and
the cached alignments of pairs. The workspace holds one and passes it its current corpus.

Before anything is read, stored pairs are brought in step with the corpus (`viewer.core.pairs.view`).
Profiles and alignment checks are kept between runs in the document cache (`viewer.core.pairs.kept`;
a reader process makes a document's profile as it builds it), so a run after one file changed
reads them instead of making them again; the finder's counts are kept too (`blocking`), and
`prepare` reads and counts them in a thread while a refresh reads its files. The user's changes are
in `viewer.core.pairs.changes`.
"""

from __future__ import annotations

import logging
import threading

from viewer.core.align import stored
from viewer.core.align.stored import Derived
from viewer.core.align.texts import TextAlignment
from viewer.core.corpus.model import Corpus, Document
from viewer.core.pairs import finder, kept
from viewer.core.pairs.align import align_pair, check_evidence
from viewer.core.pairs.blocking import Blocking
from viewer.core.pairs.changes import PairChanges
from viewer.core.pairs.model import USER_STATUSES, DocumentPair, pair_key
from viewer.core.pairs.profile import Profile, prose
from viewer.core.pairs.score import Weights
from viewer.core.pairs.store import PairRow, PairStore
from viewer.core.pairs.view import View, reconcile, suggestion
from viewer.core.progress import Cancel, Progress, phase

log = logging.getLogger(__name__)

MAX_ALIGNMENTS = 32  # pair alignments kept in memory (the oldest goes first)
# `prepare` waits this long before reading: a refresh that finds nothing changed (5,000 files: ~0.07 s)
# calls it off, one that reads files (the readers take longer) has the profiles read meanwhile.
AHEAD_DELAY = 0.15


class Pairing(PairChanges):
    """The pairs of a library. Thread-safe; blocking (call from worker threads)."""

    def __init__(self, store: PairStore, kept: Derived | None = None) -> None:
        self.store = store
        self.kept = kept  # alignments kept between runs (the document cache), or None
        self._lock = threading.RLock()
        self._finding = threading.Lock()
        self._view: View | None = None
        self._profiles: dict[tuple[str, str, str | None], Profile | None] = {}
        self._checks: dict[tuple[str, str, str, str], float] = {}  # (fingerprints, languages) -> evidence
        self._alignments: dict[tuple[str, str], TextAlignment] = {}
        self._blocking = Blocking()  # the finder's counts, updated by what changed since its last run
        self._ahead: threading.Thread | None = None  # `prepare`'s reading
        self._ahead_off = threading.Event()  # set: `prepare`'s reading is not wanted (any more)
        self._closing = threading.Event()

    def close(self) -> None:
        self._closing.set()
        self._ahead_off.set()
        if self._ahead is not None:
            self._ahead.join()
        self.store.close()

    # --- the corpus ------------------------------------------------------------------------------

    def _viewed(self, corpus: Corpus) -> View:
        with self._lock:
            if self._view is None or self._view.corpus is not corpus:
                self._view = View(corpus)
            return self._view

    def profile(self, document: Document, fp: str | None = None) -> Profile | None:
        """The document's profile: held, kept in the document cache, or built (and kept)."""
        fp = fp or document.fingerprint
        key = (document.id, fp, str(document.path) if document.path else None)
        with self._lock:
            if key in self._profiles:
                return self._profiles[key]
        made = kept.profile(self.kept, document, fp)
        with self._lock:
            self._profiles[key] = made
        return made

    def _check(self, view: View, source: Profile, target: Profile, cancel: Cancel | None) -> float | None:
        """The alignment check of two profiles' texts (read from their documents), held and kept."""
        ids = (source.fingerprint, target.fingerprint, source.lang, target.lang)
        with self._lock:
            if ids in self._checks:
                return self._checks[ids]
        key = kept.check_key(*ids)
        evidence = kept.load_check(self.kept, key) if self.kept is not None else None
        if evidence is None:
            texts = prose(view.by_id[source.doc_id]), prose(view.by_id[target.doc_id])
            evidence = check_evidence(*texts, source.lang, target.lang, cancel=cancel)
            if evidence is None:
                return None  # cancelled
            if self.kept is not None:
                kept.keep_check(self.kept, key, evidence)
        with self._lock:
            self._checks[ids] = evidence
        return evidence

    def _pair(self, view: View, row: PairRow) -> DocumentPair:
        def where(doc_id: str) -> str | None:
            document = view.by_id.get(doc_id)
            return str(document.path) if document is not None and document.path is not None else None

        return DocumentPair(
            row.source_id,
            row.target_id,
            where(row.source_id),
            where(row.target_id),
            (row.source_lang, row.target_lang),
            row.score,
            row.status,
        )

    # --- reading ---------------------------------------------------------------------------------

    def pairs(self, corpus: Corpus) -> list[DocumentPair]:
        """Every pair whose two documents are in the corpus (rejected ones too), best first."""
        view = self._viewed(corpus)
        rows = [r for r in reconcile(self.store, view) if r.source_id in view.by_id and r.target_id in view.by_id]
        order = {"manual": 0, "confirmed": 0, "suggested": 1, "rejected": 2}
        rows.sort(key=lambda r: (order[r.status], -r.score, r.source_id, r.target_id))
        return [self._pair(view, r) for r in rows]

    def counterparts(self, corpus: Corpus, doc_id: str) -> list[DocumentPair]:
        """The document's pairs that are not rejected: confident ones first, then by score."""
        corpus.get(doc_id)  # an unknown id is a UserError
        found = [p for p in self.pairs(corpus) if doc_id in (p.source, p.target) and p.status != "rejected"]
        return sorted(found, key=lambda p: (not p.confident, -p.score))

    # --- finding ---------------------------------------------------------------------------------

    def find(
        self, corpus: Corpus, progress: Progress | None = None, cancel: Cancel | None = None, force: bool = False
    ) -> list[DocumentPair]:
        """Run the finder over the corpus and record its suggestions (nothing to do when the corpus
        is the one of the last run, unless `force`). Returns every pair, as `pairs`."""
        view = self._viewed(corpus)
        if not force and self.store.state("corpus") == view.fingerprint:  # not waiting for `prepare`
            self._ahead_off.set()  # nothing changed: the reading ahead is not needed
            return self.pairs(corpus)
        with self._finding:  # one run at a time; readers and the user's changes go on meanwhile
            self._ahead_off.set()  # a reading ahead not begun yet would read an old corpus
            if not force and self.store.state("corpus") == view.fingerprint:
                return self.pairs(corpus)
            rows = reconcile(self.store, view)
            profiles = self._read(view, phase(progress, "", 0.0, 0.4), cancel)  # then comparing: one bar
            if profiles is None:
                return self.pairs(corpus)
            self._forget_profiles(view)
            taken: list[tuple[str, str]] = []
            excluded: set[str] = set()
            for r in rows:
                if r.status in USER_STATUSES:
                    excluded.update((r.key, pair_key(r.source_fp, r.target_fp)))
                    if r.status != "rejected":
                        taken += [(r.source_id, r.target_lang), (r.target_id, r.source_lang)]

            def check(source: Profile, target: Profile, cancel: Cancel | None) -> float | None:
                return self._check(view, source, target, cancel)

            blocked = self._blocked(profiles)
            chosen = finder.find(profiles, check, taken, excluded, phase(progress, "", 0.4, 1.0), cancel, blocked)
            if cancel and cancel():
                return self.pairs(corpus)
            # The store checks again against the user's pairs of the moment (one may have come meanwhile).
            self.store.replace_suggestions([suggestion(c) for c in chosen], {"corpus": view.fingerprint})
            return self.pairs(corpus)

    def _read(self, view: View, progress: Progress | None, cancel: Cancel | None) -> list[Profile] | None:
        """The profiles of the view's documents (None when cancelled)."""
        documents, profiles = view.corpus.documents, []
        for i, document in enumerate(documents):
            if progress:
                progress(i, len(documents), f"Reading {document.title[:40]}")
            if cancel and cancel():
                return None
            profile = self.profile(document, view.fp[document.id])
            if profile is not None:
                profiles.append(profile)
        if progress:  # weighing and blocking every candidate pair takes a while before any check
            progress(len(documents), len(documents), "Comparing the texts with one another")
        return profiles

    def _blocked(self, profiles: list[Profile]) -> tuple[set[tuple[int, int]], Weights]:
        try:
            return self._blocking.update(profiles)
        except BaseException:  # half updated: the next run counts from scratch
            self._blocking = Blocking()
            raise

    def prepare(self, corpus: Corpus) -> None:
        """Read the corpus's profiles and count them for the finder in a thread of its own, returning
        at once: a refresh calls it while the reader processes build the changed files, so the first
        finder of a session finds every other document's profile read and counted."""
        with self._lock:
            if self._closing.is_set() or (self._ahead is not None and self._ahead.is_alive()):
                return
            self._ahead_off.clear()
            self._ahead = threading.Thread(target=self._read_ahead, args=(corpus,), name="pairs ahead", daemon=True)
            self._ahead.start()

    def _read_ahead(self, corpus: Corpus) -> None:
        if self._ahead_off.wait(AHEAD_DELAY):  # a quiet refresh is over by then, with nothing to read
            return
        try:
            with self._finding:
                profiles = self._read(self._viewed(corpus), None, self._ahead_off.is_set)
                if profiles is not None:
                    self._blocked(profiles)
        except Exception:  # the finder reads them again itself: logged, not raised in a thread
            log.exception("reading the pair profiles ahead failed")

    def _forget_profiles(self, view: View) -> None:
        """Drop the profiles of texts no longer in the corpus."""
        with self._lock:
            for key in [k for k in self._profiles if view.fp.get(k[0]) != k[1]]:
                del self._profiles[key]
            texts = set(view.fp.values())
            for ids in [k for k in self._checks if not {k[0], k[1]} <= texts]:
                del self._checks[ids]

    # --- aligning --------------------------------------------------------------------------------

    def alignment(
        self, corpus: Corpus, a: str, b: str, progress: Progress | None = None, cancel: Cancel | None = None
    ) -> tuple[Document, Document, TextAlignment]:
        """(source, target, their alignment): the two documents oriented (the English side, or Bokmål,
        first) and their texts aligned sentence by sentence, spans indexing the source and the target
        document's `text`. Cached per texts."""
        source, slang, target, tlang = self._sides(corpus, a, b)
        view = self._viewed(corpus)
        key = (view.fp[source.id], view.fp[target.id])
        with self._lock:
            cached = self._alignments.get(key)
        if cached is None:
            kept_key = stored.texts_key(source.text, target.text, slang, tlang) if self.kept else ""
            cached = stored.load_texts(self.kept, kept_key) if self.kept else None
            if cached is None:
                cached = align_pair(source.text, target.text, slang, tlang, progress=progress, cancel=cancel)
                if self.kept is not None:
                    stored.keep_texts(self.kept, kept_key, cached)
            with self._lock:
                if len(self._alignments) >= MAX_ALIGNMENTS:
                    self._alignments.pop(next(iter(self._alignments)))
                self._alignments[key] = cached
        return source, target, cached
