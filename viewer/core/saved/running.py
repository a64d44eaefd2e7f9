"""Running a saved search: its query with its filters, as passages or as a concordance, and the time
it was run recorded (`SavedSearchStore.touch`)."""

from __future__ import annotations

from dataclasses import replace
from typing import Protocol

from viewer.core.concord.model import Concordance, SortKey
from viewer.core.corpus.model import Corpus
from viewer.core.saved.model import SavedSearch
from viewer.core.saved.store import SavedSearchStore
from viewer.core.search.results import SearchResults

COLLECTION_WINDOW = 1000  # hits looked through for a collection filter (the index does not hold collections)


class Runner(Protocol):
    """What running needs of the workspace."""

    saved_searches: SavedSearchStore

    @property
    def corpus(self) -> Corpus: ...

    def search(
        self, text: str, *, lang: str | None = None, doc: str | None = None, page: int = 1, pagelen: int = 10,
        cross: bool = False,
    ) -> SearchResults: ...  # fmt: skip

    def concordance(
        self, query: str, *, lang: str | None = None, doc: str | None = None, width: int = 60,
        sort: SortKey | None = None, limit: int = 1000, cross: bool = False,
    ) -> Concordance: ...  # fmt: skip


def run(
    workspace: Runner,
    name: str,
    *,
    page: int = 1,
    pagelen: int = 10,
    width: int = 60,
    sort: SortKey | None = None,
    limit: int = 1000,
) -> tuple[SavedSearch, SearchResults | Concordance]:
    """Run the saved search `name` (UserError when there is none) and record that it was run: its
    passages (`page` of `pagelen`), or its concordance when saved in that mode."""
    search = workspace.saved_searches.touch(name)
    lang = "nb" if search.lang == "no" and search.mode == "concordance" else search.lang
    if search.mode == "concordance":
        found = workspace.concordance(
            search.query, lang=lang, doc=search.doc, width=width, sort=sort, limit=limit, cross=search.cross
        )
        if search.collection:
            inside = _documents(workspace.corpus, search.collection)
            found = replace(found, lines=tuple(line for line in found.lines if line.doc in inside))
        return search, found
    if not search.collection:
        return search, workspace.search(
            search.query, lang=lang, doc=search.doc, page=page, pagelen=pagelen, cross=search.cross
        )
    results = workspace.search(search.query, lang=lang, doc=search.doc, pagelen=COLLECTION_WINDOW, cross=search.cross)
    inside = _documents(workspace.corpus, search.collection)
    kept = [hit for hit in results.hits if hit.doc_id in inside]
    start = (max(1, page) - 1) * pagelen
    exact = results.total_exact and results.total <= COLLECTION_WINDOW
    return search, replace(results, hits=kept[start : start + pagelen], total=len(kept), page=page, total_exact=exact)


def _documents(corpus: Corpus, collection: str) -> set[str]:
    return {document.id for document in corpus.documents if document.collection == collection}
