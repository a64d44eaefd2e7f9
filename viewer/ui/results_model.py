"""The search results as a two-level Qt model: a header row per document, its hits under it.

Desktop search tools (Recoll, Zotero) group hits by document so a document with nine matching
passages shows its title once. Groups come in the order of their best hit; pages fetched later
add hits to their groups (or new groups at the end) with row insertions, so the view keeps its
place. With no query the model lists the documents, flat, so the panel is also the way to browse.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt

from viewer.core.search.results import SearchHit
from viewer.ui import theme
from viewer.ui.models import HTML_ROLE, ITEM_ROLE, DocumentEntry, badge_html, document_data, marked_html, short_title

ModelIndex = QModelIndex | QPersistentModelIndex
TOP = 0  # internalId of a top-level row; a hit's is its group's row + 1
CACHED = (Qt.ItemDataRole.DisplayRole, HTML_ROLE)
ROLES = (*CACHED, ITEM_ROLE, Qt.ItemDataRole.ToolTipRole)


def passage_kind_name(kind: str) -> str:
    """A passage kind (`PassageKind` value) as a hit's row names it, never an internal label."""
    names = {
        "paragraph": QCoreApplication.translate("SearchResults", "paragraph"),
        "reference": QCoreApplication.translate("SearchResults", "reference"),
        "list_item": QCoreApplication.translate("SearchResults", "list item"),
        "heading": QCoreApplication.translate("SearchResults", "heading"),
        "metadata": QCoreApplication.translate("SearchResults", "record"),
        "chrome": QCoreApplication.translate("SearchResults", "page furniture"),
        "noise": QCoreApplication.translate("SearchResults", "fragment"),
        "abstract": QCoreApplication.translate("SearchResults", "abstract"),
        "quote": QCoreApplication.translate("SearchResults", "quotation"),
        "title": QCoreApplication.translate("SearchResults", "title"),
        "biography": QCoreApplication.translate("SearchResults", "biography"),
        "author": QCoreApplication.translate("SearchResults", "author"),
        "keywords": QCoreApplication.translate("SearchResults", "keywords"),
        "caption": QCoreApplication.translate("SearchResults", "caption"),
    }
    return names.get(kind, kind.replace("_", " "))


class DocumentGroup:
    """One document's hits in rank order (a header row in the results)."""

    def __init__(self, doc_id: str, title: str) -> None:
        self.doc_id = doc_id
        self.title = title
        self.hits: list[SearchHit] = []

    def languages(self) -> list[str]:
        """The languages of the hits, most frequent first."""
        return [lang for lang, _n in Counter(h.lang for h in self.hits).most_common()]

    def __repr__(self) -> str:
        return f"DocumentGroup({self.doc_id!r}, {len(self.hits)} hits)"


class GroupedResultsModel(QAbstractItemModel):
    """Document entries (browse mode) or hits grouped by document (search mode).

    `items` is what the list holds, flat: the entries, or the hits in rank order. Entries are
    shown ENTRIES_AT_ONCE at a time (more as the list is scrolled: Qt's fetchMore), so a library of
    thousands of documents opens without laying out a row per document.
    """

    ENTRIES_AT_ONCE = 100

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.entries: list[DocumentEntry] = []
        self._shown = 0  # how many entries are rows yet
        self.groups: list[DocumentGroup] = []
        self.hits: list[SearchHit] = []
        self._group_of: dict[str, int] = {}
        self._seen: set[str] = set()
        self._text: dict[tuple[int, int, int], str] = {}  # (role, internalId, row): a row's text

    @property
    def items(self) -> list[Any]:
        return list(self.entries) if self.entries else list(self.hits)

    @property
    def browsing(self) -> bool:
        return bool(self.entries) or not self.groups

    # --- filling --------------------------------------------------------------------------------

    def set_items(self, items: Sequence[Any]) -> None:
        """Replace everything: document entries to browse, or the first page of hits."""
        self.beginResetModel()
        self.entries = [i for i in items if isinstance(i, DocumentEntry)]
        self._shown = min(len(self.entries), self.ENTRIES_AT_ONCE)
        self.groups, self.hits, self._group_of, self._seen, self._text = [], [], {}, set(), {}
        self._append(i for i in items if isinstance(i, SearchHit))
        self.endResetModel()

    def add_hits(self, hits: Iterable[SearchHit]) -> int:
        """Add a later page of hits to their groups; returns how many were new."""
        added = 0
        for hit in hits:
            if hit.passage_id in self._seen:
                continue
            row = self._group_of.get(hit.doc_id)
            if row is None:
                self.beginInsertRows(QModelIndex(), len(self.groups), len(self.groups))
                self._append([hit])
                self.endInsertRows()
            else:
                group = self.groups[row]
                parent = self.index(row, 0)
                self.beginInsertRows(parent, len(group.hits), len(group.hits))
                self._append([hit])
                self.endInsertRows()
                for role in CACHED:  # the header's count
                    self._text.pop((role, TOP, row), None)
                self.dataChanged.emit(parent, parent)
            added += 1
        return added

    def _append(self, hits: Iterable[SearchHit]) -> None:
        for hit in hits:
            if hit.passage_id in self._seen:
                continue
            self._seen.add(hit.passage_id)
            row = self._group_of.get(hit.doc_id)
            if row is None:
                row = self._group_of[hit.doc_id] = len(self.groups)
                self.groups.append(DocumentGroup(hit.doc_id, hit.title))
            self.groups[row].hits.append(hit)
            self.hits.append(hit)

    # --- finding rows ---------------------------------------------------------------------------

    def restyle(self) -> None:
        """Light/dark changed: the cached rows carry the old palette's colours; lay them out anew."""
        self._text = {}
        self.layoutAboutToBeChanged.emit()
        self.layoutChanged.emit()

    def index_of(self, item: Any) -> QModelIndex:
        """The row showing `item` (an entry, a group or a hit); invalid when it is not shown."""
        if isinstance(item, DocumentEntry) and item in self.entries:
            row = self.entries.index(item)
            self._show(row + 1)
            return self.index(row, 0)
        if isinstance(item, DocumentGroup) and item in self.groups:
            return self.index(self.groups.index(item), 0)
        if isinstance(item, SearchHit) and item.doc_id in self._group_of:
            row = self._group_of[item.doc_id]
            hits = self.groups[row].hits
            if item in hits:
                return self.index(hits.index(item), 0, self.index(row, 0))
        return QModelIndex()

    def first_hit(self) -> QModelIndex:
        """The best hit's row, or the first document's in browse mode."""
        if self.groups:
            return self.index(0, 0, self.index(0, 0))
        return self.index(0, 0) if self.entries else QModelIndex()

    # --- the Qt model ---------------------------------------------------------------------------

    def index(self, row: int, column: int = 0, parent: ModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            count = self._shown if self.entries else len(self.groups)
            return self.createIndex(row, 0, TOP) if row < count else QModelIndex()
        if parent.internalId() != TOP or self.entries or parent.row() >= len(self.groups):
            return QModelIndex()
        group = parent.row()
        return self.createIndex(row, 0, group + 1) if row < len(self.groups[group].hits) else QModelIndex()

    def parent(self, child: ModelIndex | None = None) -> Any:
        if child is None:  # QObject.parent(), which this method's name hides
            return QObject.parent(self)
        if not child.isValid() or child.internalId() == TOP:
            return QModelIndex()
        return self.createIndex(int(child.internalId()) - 1, 0, TOP)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return self._shown if self.entries else len(self.groups)
        if parent.internalId() == TOP and not self.entries and parent.row() < len(self.groups):
            return len(self.groups[parent.row()].hits)
        return 0

    def canFetchMore(self, parent: ModelIndex) -> bool:
        return not parent.isValid() and self._shown < len(self.entries)

    def fetchMore(self, parent: ModelIndex) -> None:
        if self.canFetchMore(parent):
            self._show(self._shown + self.ENTRIES_AT_ONCE)

    def _show(self, count: int) -> None:
        """Make the first `count` entries rows."""
        count = min(count, len(self.entries))
        if count > self._shown:
            self.beginInsertRows(QModelIndex(), self._shown, count - 1)
            self._shown = count
            self.endInsertRows()

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def hasChildren(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return self.rowCount(parent) > 0

    def item(self, index: ModelIndex) -> DocumentEntry | DocumentGroup | SearchHit | None:
        if not index.isValid():
            return None
        if index.internalId() == TOP:
            if self.entries:
                return self.entries[index.row()] if index.row() < self._shown else None
            return self.groups[index.row()] if index.row() < len(self.groups) else None
        group = int(index.internalId()) - 1
        hits = self.groups[group].hits if group < len(self.groups) else []
        return hits[index.row()] if index.row() < len(hits) else None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in ROLES:  # the many roles a view asks about and this model leaves to the style
            return None
        item = self.item(index)
        if item is None:
            return None
        if role == ITEM_ROLE:
            return item
        if role in CACHED:  # laying out and painting ask each row for its text several times
            key = (role, int(index.internalId()), index.row())
            text = self._text.get(key)
            if text is None:
                text = self._text[key] = self._item_data(item, role)
            return text
        return self._item_data(item, role)

    def _item_data(self, item: DocumentEntry | DocumentGroup | SearchHit, role: int) -> Any:
        if isinstance(item, DocumentEntry):
            return self._document_data(item, role)
        if isinstance(item, DocumentGroup):
            return self._group_data(item, role)
        return self._hit_data(item, role)

    def _hit_data(self, hit: SearchHit, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.snippet
        if role == HTML_ROLE:
            kind = passage_kind_name(str(hit.kind or ""))
            dim = theme.dimmed_text().name()
            return (
                f"{badge_html(hit.lang)} <span style='color:{dim}'>{escape(kind)}</span>&nbsp; "
                f"{marked_html(hit.snippet, hit.snippet_marks)}"
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            tip = QCoreApplication.translate("ResultsModel", "{passage} · score {score:.2f}")
            return tip.format(passage=hit.passage_id, score=hit.score)
        return None

    def _group_data(self, group: DocumentGroup, role: int) -> Any:
        count = len(group.hits)
        counted = self.tr("1 passage") if count == 1 else self.tr("{n} passages").format(n=count)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{group.title} ({counted})"
        if role == HTML_ROLE:
            badges = " ".join(badge_html(lang) for lang in group.languages())
            dim = theme.dimmed_text().name()
            title = escape(short_title(group.title, 80))
            return f"<b>{title}</b>&nbsp; {badges} <span style='color:{dim}'>· {counted}</span>"
        if role == Qt.ItemDataRole.ToolTipRole:
            return group.title
        return None

    def _document_data(self, entry: DocumentEntry, role: int) -> Any:
        return document_data(entry.document, role)
