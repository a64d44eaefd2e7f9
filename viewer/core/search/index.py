"""SearchIndex: an open Whoosh index of the corpus's passages, searched with the query language.

A query is analysed both the English and the Norwegian way and the two readings are OR-ed, so one
BM25F ranking covers every language (see `schema` for what each passage stores). Matches are scored
a posting block at a time (`bulk`), or by Whoosh's own matchers for a shape `bulk` does not know.
Opening, building and repairing the cached index on disk is `cache.IndexCache`'s job; this module
only reads.
"""

from __future__ import annotations

import logging
import pickle
import struct
import threading
import time
import zlib
from collections.abc import Callable
from types import TracebackType

from whoosh import query as wq
from whoosh.filedb.filestore import RamStorage, Storage
from whoosh.index import IndexError as WhooshIndexError

from viewer.core.corpus.model import Corpus
from viewer.core.errors import UserError
from viewer.core.progress import Cancel, Progress
from viewer.core.search import boost, bulk
from viewer.core.search.analysis import (
    english_analyzer,
    english_stop_words,
    norwegian_analyzer,
    norwegian_stop_words,
    plain_analyzer,
    terms,
)
from viewer.core.search.budget import SEARCH_BUDGET_S, Collected, SearchStopped, collect_whoosh
from viewer.core.search.compile import compile_for_field, pattern_cap
from viewer.core.search.fuzzy import FuzzyWords
from viewer.core.search.hits import make_hit
from viewer.core.search.query import (
    LANG_FILTERS,
    ParsedQuery,
    only_stop_words,
    parse,
    positive_nodes,
)
from viewer.core.search.results import IndexStatus, SearchHit, SearchResults
from viewer.core.search.schema import PassageWeighting, make_schema
from viewer.core.search.writer import write_passages

log = logging.getLogger(__name__)

# What a damaged index file shows up as when Whoosh reads it: I/O and decoding errors. Anything
# else raised inside a search is checked against the index (`check`) before it is called damage.
STORAGE_ERRORS: tuple[type[BaseException], ...] = (
    OSError,
    EOFError,
    struct.error,
    zlib.error,
    pickle.UnpicklingError,
    WhooshIndexError,
)


class IndexDamagedError(UserError):
    """The index cannot be read and there is no corpus at hand to rebuild it from."""


class SearchIndex:
    """An open index. Thread-safe: searches are serialised on one searcher (each takes milliseconds).

    `recover`, given by the cache that opened it, rebuilds a damaged index and returns the new one;
    it is used at most once. A context manager: leaving it closes the searcher.
    """

    def __init__(
        self, storage: Storage, status: IndexStatus | None = None, recover: Callable[[], SearchIndex] | None = None
    ) -> None:
        self._ix = storage.open_index()
        self._searcher = self._ix.searcher(weighting=PassageWeighting())
        self._lock = threading.Lock()
        self._en, self._no, self._plain = english_analyzer(), norwegian_analyzer(), plain_analyzer()
        self._recover = recover
        self._segs: list[bulk.Segment] | None = None  # the searcher's segments for bulk scoring, loaded at first use
        self._codes: boost.LangCodes | None = None  # each passage's languages, loaded at first use
        self._terms = bulk.TermCache()
        self._fuzzy = FuzzyWords()
        self.status = status or IndexStatus("opened", 0.0, self._searcher.doc_count(), None)
        # Loaded now, where the index is opened (a worker, in the app), not at the first keystroke:
        # 0.15 s at 50 MB.
        try:
            self._segments()
            self._lang_codes()
        except BaseException:
            self.close()
            raise

    @classmethod
    def build(
        cls,
        corpus: Corpus,
        storage: Storage | None = None,
        progress: Progress | None = None,
        status: IndexStatus | None = None,
    ) -> SearchIndex:
        """Index `corpus` into `storage` (a fresh RamStorage by default) and open it."""
        storage = storage if storage is not None else RamStorage()
        passages = list(corpus.passages())
        titles = {d.id: d.title for d in corpus.documents}
        write_passages(storage.create_index(make_schema()), passages, titles, len(passages), progress)
        return cls(storage, status)

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def check(self, passages: int) -> None:
        """Read enough of the index to trust it: counts, stored fields, both term lists."""
        reader = self._searcher.reader()
        if reader.doc_count() != passages:
            raise ValueError(f"{reader.doc_count()} passages indexed, {passages} expected")
        if passages:
            live = reader.all_doc_ids()  # an incrementally updated index has deleted document numbers
            self._searcher.stored_fields(next(live))
            self._searcher.stored_fields(reader.doc_count_all() - 1)
            for name in ("en", "no"):
                next(iter(reader.lexicon(name)), None)
            if ("lang", "en") in reader:  # a posting list's first block (scoring all of it took 0.2 s at 50 MB)
                reader.postings("lang", "en").id()

    def close(self) -> None:
        with self._lock:
            self._searcher.close()
            self._ix.close()

    @property
    def doc_count(self) -> int:
        return int(self._searcher.doc_count())

    def search(
        self,
        text: str,
        *,
        lang: str | None = None,
        doc: str | None = None,
        page: int = 1,
        pagelen: int = 10,
        cancel: Cancel | None = None,
        budget: float | None = None,
    ) -> SearchResults:
        """Ranked passages for `text`; never raises for a malformed query (see SearchResults.message).

        Collecting stops after `budget` seconds (SEARCH_BUDGET_S by default) with the best hits found
        so far and a note, or at once when `cancel()` turns true (a newer keystroke).
        A damaged index (a storage error, or any error after which `check` fails too) is rebuilt
        once, when the cache gave a way to, and the search retried. Any other error is a bug: it
        is logged and raised as it is, never taken for damage.
        """
        if lang is not None and lang not in LANG_FILTERS:
            raise UserError(f"unknown language {lang!r} (use en, nb, nn or no)")
        page, pagelen = max(1, page), max(1, min(pagelen, 1000))
        try:
            with self._lock:
                return self._search(text, lang, doc, page, pagelen, cancel, budget)
        except UserError:
            raise
        except Exception as exc:
            if not self._is_damage(exc):
                log.exception("search for %r failed (a bug, not a damaged index)", text[:200])
                raise
            log.warning("the index looks damaged (%s: %s)", type(exc).__name__, exc)
            if self._recover is None:
                raise IndexDamagedError(f"the search index cannot be read ({type(exc).__name__}: {exc})") from exc
        recover, self._recover = self._recover, None
        fresh = recover()
        with self._lock:
            old = self._searcher
            self._searcher, self._ix, self.status = fresh._searcher, fresh._ix, fresh.status
            self._segs, self._terms, self._codes, self._fuzzy = None, bulk.TermCache(), None, FuzzyWords()
        old.close()
        result = self.search(text, lang=lang, doc=doc, page=page, pagelen=pagelen, cancel=cancel, budget=budget)
        message = "; ".join(filter(None, ["the index was damaged and has been rebuilt", result.message]))
        return SearchResults(
            result.hits, result.total, result.page, message, result.query_understood, result.total_exact
        )

    def _segments(self) -> list[bulk.Segment]:
        if self._segs is None:
            self._segs = bulk.segments(self._searcher)
        return self._segs

    def _is_damage(self, exc: BaseException) -> bool:
        if isinstance(exc, STORAGE_ERRORS):
            return True
        try:
            with self._lock:
                self.check(self._searcher.doc_count())
        except Exception as problem:  # the check itself failing is what damage looks like
            log.warning("index check after %s failed: %s", type(exc).__name__, problem)
            return True
        return False

    def _search(
        self,
        text: str,
        lang: str | None,
        doc: str | None,
        page: int,
        pagelen: int,
        cancel: Cancel | None,
        budget: float | None,
    ) -> SearchResults:
        parsed = parse(text)
        notes = list(parsed.notes)
        understood = not notes
        langs = _combine(parsed.langs, set(LANG_FILTERS[lang]) if lang else None)
        docs = _combine(parsed.doc_ids, {doc} if doc else None)
        reader = self._searcher.reader()
        for d in sorted(docs or ()):
            if reader.doc_frequency("doc", d) == 0:
                notes.append(f"no document {d!r} in the index")
        shared: dict[tuple[str, bool, int], list[str]] = {}
        cap = pattern_cap(parsed.tree)
        compiled = {
            name: compile_for_field(parsed.tree, name, ana, reader, shared, cap, self._fuzzy)
            for name, ana in (("en", self._en), ("no", self._no))
        }
        for c in compiled.values():
            notes.extend(n for n in c.notes if n not in notes)
        parts = [c.query for c in compiled.values() if c.query is not None]
        if len(parts) == 2 and parts[0] == parts[1]:  # only patterns on the shared `plain` field
            parts = parts[:1]
        reason = self._nothing_to_search(parsed, bool(parts), bool(notes))
        if not reason and (langs == set() or docs == set()):
            reason = "the filters exclude each other"
        if reason:
            return SearchResults([], 0, page, "; ".join([*notes, reason]), query_understood=False)
        q = parts[0] if len(parts) == 1 else wq.Or(parts)
        filters = [wq.Or([wq.Term("lang", x) for x in sorted(langs)])] if langs else []
        if docs:
            filters.append(wq.Or([wq.Term("doc", d) for d in sorted(docs)]))
        filt = None if not filters else filters[0] if len(filters) == 1 else wq.And(filters)
        deadline = time.monotonic() + (budget if budget is not None else SEARCH_BUDGET_S)
        pref = self._preference(parsed)
        limit = page * pagelen
        try:
            try:
                segs = self._segments()
                adjust = boost.adjuster(pref, self._lang_codes()) if pref else None
                got = bulk.collect(segs, q, self._searcher, filt, limit, deadline, cancel, self._terms, adjust)
            except bulk.Unsupported:
                pool = limit * (boost.POOL if pref else 1)
                got = collect_whoosh(self._searcher, q, filt, pool, deadline, cancel)
                if pref:
                    ranked = boost.rerank(pref, self._lang_codes(), self._searcher, got.ranked)[:limit]
                    got = Collected(ranked, got.total, got.stopped)
        except SearchStopped:  # only a cancel gets here
            return SearchResults([], 0, page, "cancelled by a newer search", understood, True, cancelled=True)
        if got.stopped:
            notes.append("the search took too long and was stopped; the best hits found so far are shown")
        analyzers = {"en": self._en, "no": self._no, "plain": self._plain}
        hits = [
            make_hit(self._searcher.stored_fields(docnum), score, analyzers, compiled, label_only=bool(langs))
            for score, docnum in got.ranked[(page - 1) * pagelen :]
        ]
        return SearchResults(hits, got.total, page, "; ".join(notes), understood, got.exact)

    @staticmethod
    def _nothing_to_search(parsed: ParsedQuery, has_parts: bool, repaired: bool) -> str:
        """Why this query cannot match anything useful, or "" when it can."""
        if parsed.tree is None:
            return "nothing left to search for" if repaired else "the query is empty"
        if not positive_nodes(parsed.tree):
            return "the query only excludes words; add a word to search for"
        if only_stop_words(parsed.tree, english_stop_words() | norwegian_stop_words()):
            return "the query has only common words (stop words), which are not indexed"
        return "" if has_parts else "nothing to search for"

    def _lang_codes(self) -> boost.LangCodes:
        if self._codes is None:
            self._codes = boost.LangCodes(self._searcher)
        return self._codes

    def _preference(self, parsed: ParsedQuery) -> boost.Preference | None:
        """The language this query favours (`boost`), from its typed words that reach the index."""
        words = boost.typed_words(parsed.tree)
        stops = english_stop_words() | norwegian_stop_words()
        searched = {w for w in words if w not in stops and len(w) > 1}

        def fields(word: str) -> dict[str, str]:
            return {name: t[0] for name, ana in (("en", self._en), ("no", self._no)) if (t := terms(ana, word))}

        return boost.preference(words, searched, self._searcher, self._lang_codes(), fields)


def _combine(from_query: set[str], from_param: set[str] | None) -> set[str] | None:
    """A filter's allowed values (None = no filter); the query's and the parameter's must both hold."""
    if not from_query:
        return from_param
    return from_query if from_param is None else from_query & from_param


# The search's public face: what a search returns is importable from here too.
__all__ = ["IndexDamagedError", "IndexStatus", "SearchHit", "SearchIndex", "SearchResults"]
