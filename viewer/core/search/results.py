"""What a search returns (hits with snippets and match offsets) and what opening an index did."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


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
    via: tuple[str, ...] = ()  # cross-language search: the translations that found it (empty: a direct hit)


@dataclass(frozen=True)
class SearchResults:
    hits: list[SearchHit]
    total: int  # exact when `total_exact`; else estimated (out of time, or a phrase with many candidates unchecked)
    page: int
    message: str = ""  # one line for the user: what was repaired or why nothing was searched
    query_understood: bool = True
    total_exact: bool = True
    cancelled: bool = False  # a newer search asked this one to stop; nothing to show


@dataclass
class IndexStatus:
    """What `IndexCache.open` did, for the CLI and the status bar."""

    action: str  # "opened" | "built" | "rebuilt" | "in-memory"
    seconds: float
    passages: int
    folder: Path | None
    messages: list[str] = field(default_factory=list)
    changed_documents: tuple[str, ...] = ()  # re-indexed by an incremental update (action "built")
    removed_documents: tuple[str, ...] = ()
    incremental: bool = False  # True when the index was derived from the previous one, not built anew
