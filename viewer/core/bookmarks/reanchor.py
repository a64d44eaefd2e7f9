"""Re-anchoring: a bookmark found again in a new version of its document's text, or marked orphaned."""

from __future__ import annotations

from dataclasses import replace

from viewer.core.bookmarks.model import Bookmark
from viewer.core.corpus.anchors import AnchorStatus, Resolution, moved_anchor, resolve
from viewer.core.corpus.model import Document


def reanchored(bookmark: Bookmark, document: Document) -> tuple[Bookmark, Resolution]:
    """The bookmark re-based on the document's current text, and how it was found.

    `ok` and `moved` re-base the anchor on the new text (the first quote stays in
    `original_exact`); `orphaned` keeps the last known anchor, so an undone edit finds it again.
    """
    fingerprint = document.fingerprint
    found = resolve(bookmark.anchor, document.text, fingerprint)
    if found.found:
        anchor = moved_anchor(bookmark.anchor, document.text, found, fingerprint)
        passage = next(iter(document.passages_at(found.start, found.start + 1)), None)
        if bookmark.anchor.passage_id and passage is not None:
            anchor = replace(anchor, passage_id=passage.id)
        return replace(bookmark, anchor=anchor, status=found.status, doc_title=document.title), found
    return replace(bookmark, status=AnchorStatus.ORPHANED), found
