"""The bookmarks list's model: each bookmark as rich text (quote, counterpart, note, tags, status)."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from viewer.core.bookmarks.model import Bookmark, counterpart_text
from viewer.core.corpus.anchors import AnchorStatus
from viewer.core.corpus.markup import plain
from viewer.core.corpus.model import Corpus, Document
from viewer.core.errors import UserError
from viewer.ui import theme
from viewer.ui.models import HTML_ROLE, ITEM_ROLE, ResultsModel, badge_html, short_title

STATUS_COLOURS = {AnchorStatus.OK: None, AnchorStatus.MOVED: "#d9822b", AnchorStatus.ORPHANED: "#e05d44"}


class BookmarksModel(ResultsModel):
    """Bookmarks rendered as rich text: quote, counterpart, note, tags and anchor status."""

    def __init__(self, corpus: Corpus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.corpus = corpus

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        bookmark: Bookmark = self.items[index.row()]
        if role == ITEM_ROLE:
            return bookmark
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{bookmark.quote}\n{bookmark.note}"
        if role == HTML_ROLE:
            return self._html(bookmark)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("{title} · created {created} · {status}").format(
                title=bookmark.doc_title, created=bookmark.created[:16].replace("T", " "), status=bookmark.status.value
            )
        return None

    def _html(self, bookmark: Bookmark) -> str:
        dim = theme.dimmed_text().name()
        clean = " ".join(plain(bookmark.quote).split())  # markup in the quote shown as the reader shows it
        quote = clean if len(clean) < 280 else clean[:280] + "…"
        parts = [f"{badge_html(bookmark.lang)} <i>«{escape(quote)}»</i>"]
        document = self._document(bookmark.doc_id)
        pair_doc = bookmark.pair.doc_id if bookmark.pair is not None else bookmark.doc_id
        counterpart = counterpart_text(bookmark, document if pair_doc == bookmark.doc_id else self._document(pair_doc))
        if counterpart:
            parts.append(f"<br><span style='color:{dim}'>↔ «{escape(counterpart[:200])}»</span>")
        if bookmark.note:
            parts.append(f"<br>{escape(bookmark.note).replace(chr(10), '<br>')}")
        meta = [escape(short_title(bookmark.doc_title, 48))]
        if bookmark.tags:
            meta.append(" ".join(f"#{escape(t)}" for t in bookmark.tags))
        colour = STATUS_COLOURS.get(bookmark.status)
        if colour:
            status = {AnchorStatus.MOVED: self.tr("moved"), AnchorStatus.ORPHANED: self.tr("orphaned")}
            meta.append(f"<b style='color:{colour}'>{escape(status.get(bookmark.status, ''))}</b>")
        if document is None:
            missing = self.tr("document not loaded")
            meta.append(f"<b style='color:#e05d44'>{escape(missing)}</b>")
        parts.append(f"<br><span style='color:{dim}'>{' · '.join(meta)}</span>")
        return "".join(parts)

    def _document(self, doc_id: str) -> Document | None:
        try:
            return self.corpus.get(doc_id)
        except UserError:
            return None
