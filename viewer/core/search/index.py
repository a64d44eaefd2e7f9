"""SearchIndex: the corpus's passages in a Whoosh index, searched with the query language in query.py.

Each passage is one Whoosh document. English text goes to the `en` field (English analysis),
Bokmål and Nynorsk to `no` (Norwegian analysis), undetermined text to both. A query is analysed
both ways and the two readings are OR-ed, so one BM25F ranking covers every language. A per-passage
factor scales the final score: titles and abstracts x1.2, low-value chrome and noise squeezed below
every content match. Prefix and fuzzy patterns match the unstemmed `plain` field.
`open_or_build` keeps the index in the user cache, keyed by corpus + schema + analyzer versions.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import fields, index, scoring
from whoosh import query as wq
from whoosh.columns import NumericColumn
from whoosh.filedb.filestore import FileStorage, RamStorage, Storage

from viewer.core.search import store
from viewer.core.search.analysis import (
    english_analyzer,
    english_stop_words,
    norwegian_analyzer,
    norwegian_stop_words,
    plain_analyzer,
)
from viewer.core.errors import UserError
from viewer.core.corpus.model import Passage, PassageKind
from viewer.core.search.query import LANG_FILTERS, ParsedQuery, compile_for_field, only_stop_words, parse, positive_nodes
from viewer.core.search.snippet import make_snippet, match_spans, merge_spans

SCHEMA_VERSION = "3"
Progress = Callable[[int, int, str], None]
RANK_FACTORS = {PassageKind.TITLE: 1.2, PassageKind.ABSTRACT: 1.2, PassageKind.KEYWORDS: 1.2}
# Low-value passages (chrome, layout noise) are squeezed below this score, so they rank after
# practically every content match while keeping their order among themselves.
LOW_VALUE_CAP = 0.01
# An incrementally updated index adds a segment per update; at this many, the next update merges them.
MAX_SEGMENTS = 8


class IndexDamagedError(UserError):
    """The index cannot be read and there is no corpus at hand to rebuild it from."""


@dataclass(frozen=True)
class SearchHit:
    doc_id: str
    passage_id: str
    title: str  # the document's title
    lang: str
    kind: str
    score: float
    snippet: str
    snippet_marks: list[tuple[int, int]]  # (start, end) within `snippet`
    matches: list[tuple[int, int]]  # (start, end) absolute offsets in Document.text
    low_value: bool = False


@dataclass(frozen=True)
class SearchResults:
    hits: list[SearchHit]
    total: int  # exact when `total_exact`, else Whoosh's estimate
    page: int
    message: str = ""  # one line for the user: what was repaired or why nothing was searched
    query_understood: bool = True
    total_exact: bool = True


@dataclass
class IndexStatus:
    """What `open_or_build` did, for the CLI and the status bar."""

    action: str  # "opened" | "built" | "rebuilt" | "in-memory"
    seconds: float
    passages: int
    folder: Path | None
    messages: list[str] = field(default_factory=list)
    changed_documents: tuple[str, ...] = ()  # re-indexed by an incremental update (action "built")
    removed_documents: tuple[str, ...] = ()
    incremental: bool = False  # True when the index was derived from the previous one, not built anew


def make_schema() -> fields.Schema:
    return fields.Schema(
        pid=fields.ID(stored=True, unique=True), doc=fields.ID(stored=True), lang=fields.ID(stored=True),
        kind=fields.STORED, low=fields.STORED, title=fields.STORED, start=fields.STORED, text=fields.STORED,
        sents=fields.STORED, factor=fields.COLUMN(NumericColumn("f", default=1.0)),
        en=fields.TEXT(analyzer=english_analyzer(), phrase=True),
        no=fields.TEXT(analyzer=norwegian_analyzer(), phrase=True),
        plain=fields.TEXT(analyzer=plain_analyzer(), phrase=False),  # for prefix* and fuzzy~ on real words
    )


def rank_factor(passage: Passage) -> float:
    """The score multiplier for a passage; 0 marks a low-value one (see LOW_VALUE_CAP)."""
    return 0.0 if passage.low_value else RANK_FACTORS.get(passage.kind, 1.0)


class PassageWeighting(scoring.BM25F):  # type: ignore[misc]
    """BM25F times the passage's rank factor (read from a column, so no stored-field lookups);
    low-value passages get a score below LOW_VALUE_CAP."""

    use_final = True

    def __init__(self) -> None:
        super().__init__()
        self._cache: tuple[object, object] | None = None

    def final(self, searcher, docnum, score):  # type: ignore[no-untyped-def]
        reader = searcher.reader()
        if self._cache is None or self._cache[0] is not reader:
            self._cache = (reader, reader.column_reader("factor"))
        factor = self._cache[1][docnum]  # type: ignore[index]
        return score * factor if factor else LOW_VALUE_CAP * score / (score + 1.0)


def passage_fields(passage: Passage, titles: dict[str, str]) -> dict[str, object]:
    """The Whoosh fields of one passage: its text goes to the analysed field(s) of its language."""
    lang = passage.lang.value
    doc: dict[str, object] = {
        "pid": passage.id, "doc": passage.doc_id, "lang": lang, "kind": passage.kind.value,
        "low": passage.low_value, "title": titles.get(passage.doc_id, ""), "start": passage.start,
        "text": passage.text, "factor": rank_factor(passage),
        "sents": [(s.start - passage.start, s.end - passage.start) for s in passage.sentences]}
    if lang in ("en", "und"):
        doc["en"] = passage.text
    if lang in ("nb", "nn", "und"):
        doc["no"] = passage.text
    doc["plain"] = passage.text
    return doc


def write_passages(ix: index.Index, passages: Iterable[Passage], titles: dict[str, str], total: int,
                   progress: Progress | None = None, removed: Iterable[str] = ()) -> int:
    """Add passages to an index in one commit, after deleting the passages of the `removed` document ids.

    On a fresh index this is a full build; on an existing one an incremental update (the new
    passages form a small segment; Whoosh's merge policy keeps the segment count logarithmic).
    Returns the number of passages added.
    """
    writer = ix.writer(limitmb=256)
    count = 0
    try:
        gone = sorted(set(removed))
        if gone:
            writer.delete_by_query(wq.Or([wq.Term("doc", d) for d in gone]))
        for passage in passages:
            writer.add_document(**passage_fields(passage, titles))
            count += 1
            if progress and count % 500 == 0:
                progress(count, total, "indexing passages")
        if progress:
            progress(count, total, "writing the index")
        # Many small segments slow every search down: past a few, merge them all into one.
        writer.commit(optimize=len(ix._segments()) >= MAX_SEGMENTS)
    except BaseException:
        writer.cancel()
        raise
    return count


class SearchIndex:
    """An open index. Thread-safe: searches are serialised on one searcher (each takes milliseconds)."""

    def __init__(self, storage: Storage | str | Path) -> None:
        if not isinstance(storage, Storage):
            storage = FileStorage(str(storage), readonly=True)
        self._ix = storage.open_index()
        self._searcher = self._ix.searcher(weighting=PassageWeighting())
        self._lock = threading.Lock()
        self._en, self._no, self._plain = english_analyzer(), norwegian_analyzer(), plain_analyzer()
        self._recover: Callable[[], SearchIndex] | None = None
        self.status = IndexStatus("opened", 0.0, self._searcher.doc_count(), None)

    @classmethod
    def build(cls, corpus, storage: Storage | None = None, progress: Progress | None = None) -> SearchIndex:  # type: ignore[no-untyped-def]
        """Index `corpus` into `storage` (a fresh RamStorage by default) and open it."""
        storage = storage if storage is not None else RamStorage()
        passages = list(corpus.passages())
        titles = {d.id: d.title for d in corpus.documents}
        write_passages(storage.create_index(make_schema()), passages, titles, len(passages), progress)
        return cls(storage)

    @classmethod
    def open_or_build(cls, corpus, folder: Path | None = None, progress: Progress | None = None,  # type: ignore[no-untyped-def]
                      rebuild: bool = False, wait: float = 30.0) -> SearchIndex:
        """Open the cached index for `corpus`, or (re)build it; `status` says which and why."""
        from viewer.core.search.cache import open_or_build

        return open_or_build(cls, corpus, folder, progress, rebuild, wait)

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
            self._searcher.search(wq.Term("lang", "en"), limit=1)

    def close(self) -> None:
        with self._lock:
            self._searcher.close()

    @property
    def doc_count(self) -> int:
        return int(self._searcher.doc_count())

    def search(self, text: str, *, lang: str | None = None, doc: str | None = None, page: int = 1,
               pagelen: int = 10, _retry: bool = True) -> SearchResults:
        """Ranked passages for `text`; never raises for a malformed query (see SearchResults.message).

        An unreadable index is rebuilt once (when opened by `open_or_build`) and the search retried.
        """
        if lang is not None and lang not in LANG_FILTERS:
            raise UserError(f"unknown language {lang!r} (use en, nb, nn or no)")
        page, pagelen = max(1, page), max(1, min(pagelen, 1000))
        try:
            with self._lock:
                return self._search(text, lang, doc, page, pagelen)
        except UserError:
            raise
        except Exception as exc:  # a damaged index shows up as arbitrary Whoosh/struct errors
            if self._recover is None or not _retry:
                raise IndexDamagedError(f"the search index cannot be read ({type(exc).__name__}: {exc})") from exc
            fresh = self._recover()
            with self._lock:
                self._searcher, self._ix = fresh._searcher, fresh._ix
                self.status = fresh.status
            result = self.search(text, lang=lang, doc=doc, page=page, pagelen=pagelen, _retry=False)
            note = "the index was damaged and has been rebuilt"
            message = "; ".join(filter(None, [note, result.message]))
            return SearchResults(result.hits, result.total, result.page, message, result.query_understood,
                                 result.total_exact)

    def _search(self, text: str, lang: str | None, doc: str | None, page: int, pagelen: int) -> SearchResults:
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
        compiled = {name: compile_for_field(parsed.tree, name, ana, reader, shared)
                    for name, ana in (("en", self._en), ("no", self._no))}
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
        results = self._searcher.search(q, limit=page * pagelen, filter=filt)
        exact = results.has_exact_length()
        total = len(results) if exact else results.estimated_length()
        plain = compiled["en"].plain | compiled["no"].plain
        en, no = compiled["en"].highlight, compiled["no"].highlight
        hits = [self._hit(results.docnum(i), results.score(i), en, no, plain)
                for i in range((page - 1) * pagelen, min(page * pagelen, results.scored_length()))]
        return SearchResults(hits, total, page, "; ".join(notes), understood, exact)

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

    def _hit(self, docnum: int, score: float, en_terms: set[str], no_terms: set[str], plain: set[str]) -> SearchHit:
        stored = self._searcher.stored_fields(docnum)
        text, lang = stored["text"], stored["lang"]
        groups = [match_spans(text, self._plain, plain)]
        if lang in ("en", "und"):
            groups.append(match_spans(text, self._en, en_terms))
        if lang in ("nb", "nn", "und"):
            groups.append(match_spans(text, self._no, no_terms))
        spans = merge_spans(*groups)
        snippet, marks = make_snippet(text, stored["sents"], spans)
        start = stored["start"]
        return SearchHit(doc_id=stored["doc"], passage_id=stored["pid"], title=stored["title"], lang=lang,
                         kind=stored["kind"], score=float(score), snippet=snippet, snippet_marks=marks,
                         matches=[(start + s, start + e) for s, e in spans], low_value=bool(stored["low"]))


def _combine(from_query: set[str], from_param: set[str] | None) -> set[str] | None:
    """A filter's allowed values (None = no filter); the query's and the parameter's must both hold."""
    if not from_query:
        return from_param
    return from_query if from_param is None else from_query & from_param


def open_folder(folder: Path) -> SearchIndex:
    """Open a finished index folder read-only (what `open_or_build` does once the key matches)."""
    if not (folder / store.MANIFEST).exists():
        raise IndexDamagedError(f"no finished index at {folder}")
    return SearchIndex(FileStorage(str(folder), readonly=True))
