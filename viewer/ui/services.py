"""The core services the window works with, and how the app opens them off the UI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from viewer.core.model import Document, Passage
from viewer.ui.pair_view import PairRow

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class PairAlignment:
    """A document's aligned sentence pairs as the side-by-side view shows them."""

    rows: list[PairRow]
    languages: tuple[str, str]
    groups: frozenset[str]

    def covers(self, passage: Passage) -> bool:
        return passage.group in self.groups


@dataclass
class Services:
    corpus: Any
    index: Any = None
    bookmarks: Any = None
    aligner: Callable[[Document], PairAlignment | None] | None = None
    messages: list[str] = field(default_factory=list)
    _alignments: dict[str, PairAlignment | None] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def index_search(self, query: str, lang: str | None = None, doc: str | None = None, limit: int = 50) -> Any:
        return self.index.search(query, lang=lang, doc=doc, limit=limit)

    def alignment_for(self, document: Document) -> PairAlignment | None:
        """The document's alignment (computed once, then cached), or None when it has none."""
        with self._lock:
            if document.id not in self._alignments:
                self._alignments[document.id] = self.aligner(document) if self.aligner else None
            return self._alignments[document.id]


def open_services(extra_folders: Sequence[Path] = (), progress: Progress | None = None) -> Services:
    """Load the corpus, open (or build) the search index and the bookmark store."""
    from viewer.core.corpus import load_corpus

    corpus = load_corpus(extra=list(extra_folders), progress=progress)
    messages = [f"Skipped {path}: {reason}" for path, reason in corpus.skipped]
    return Services(corpus=corpus, messages=messages)
