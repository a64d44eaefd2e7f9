"""Opening the user's stores for a workspace: bookmarks, document pairs, alignment corrections and
saved searches.

Each argument is True for the user's own store (in the user data folder), a path, or False: no
bookmarks at all, pairs, corrections and saved searches kept in memory only. A store that cannot be opened as it
is (damaged, read-only, newer) opens as well as it can and says so in `messages`; bookmarks that
or saved searches that cannot be opened at all (busy, newer) are a message too, so the rest of the library still works.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from viewer.core.align.corrections_store import CorrectionStore
from viewer.core.bookmarks.store import BookmarkStore
from viewer.core.errors import UserError
from viewer.core.pairs.store import PairStore
from viewer.core.saved.store import SavedSearchStore

log = logging.getLogger(__name__)

Choice = bool | Path | str  # True: the user's store; a path; False: none (bookmarks) or in memory


@dataclass
class UserStores:
    bookmarks: BookmarkStore | None
    pairs: PairStore
    corrections: CorrectionStore
    searches: SavedSearchStore = field(default_factory=lambda: SavedSearchStore(":memory:"))
    messages: list[str] = field(default_factory=list)  # what the user should know about them


def _where(choice: Choice) -> str | Path | None:
    return None if choice is True else ":memory:" if choice is False else choice


def open_user_stores(
    bookmarks: Choice = True, pairs: Choice = True, corrections: Choice = True, searches: Choice = True
) -> UserStores:
    messages: list[str] = []
    bookmark_store = None
    if bookmarks is not False:
        try:
            bookmark_store = BookmarkStore(_where(bookmarks))
        except UserError as exc:
            log.warning("bookmarks unavailable: %s", exc)
            messages.append(f"Bookmarks are unavailable: {exc}")
    pair_store = PairStore(_where(pairs))
    correction_store = CorrectionStore(_where(corrections))
    try:
        search_store = SavedSearchStore(_where(searches))
    except UserError as exc:  # busy or newer: this run keeps its saved searches in memory
        log.warning("saved searches unavailable: %s", exc)
        messages.append(f"Saved searches are unavailable: {exc}; searches saved now last only until the program closes")
        search_store = SavedSearchStore(":memory:")
    for store in (bookmark_store, pair_store, correction_store, search_store):
        if store is not None and store.notice:
            messages.append(store.notice)
    return UserStores(bookmark_store, pair_store, correction_store, search_store, messages)
