"""Qt item models over core values: search results (or, with no query, the documents)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from viewer.core.corpus.model import Document
from viewer.ui import theme
from viewer.ui.labels import kind_name

HTML_ROLE = Qt.ItemDataRole.UserRole + 1
ITEM_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class DocumentEntry:
    """A document shown in the results list when there is no query (browse mode)."""

    document: Document


def badge_html(lang: str) -> str:
    return f"<span style='background:{theme.lang_badge(lang).name()};color:white'>&nbsp;{escape(lang)}&nbsp;</span>"


def short_title(title: str, limit: int = 64) -> str:
    """A title that fits one line of the results list: up to its first full stop, or clipped."""
    head = title.split(". ", 1)[0]
    if len(head) <= limit:
        return head
    return head[: limit - 1].rsplit(" ", 1)[0] + "…"


def marked_html(text: str, marks: Sequence[tuple[int, int]]) -> str:
    """HTML of `text` with the marked ranges highlighted."""
    out, pos = [], 0
    colour = theme.highlight("hit").name()
    for start, end in sorted(marks):
        if start < pos:
            continue
        out.append(escape(text[pos:start]))
        out.append(f"<span style='background:{colour};color:#000;font-weight:600'>{escape(text[start:end])}</span>")
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out).replace("\n", " ")


class ResultsModel(QAbstractListModel):
    """Search hits, or document entries in browse mode; HTML_ROLE gives each row's rich text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.items: list[Any] = []

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def set_items(self, items: Sequence[Any]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.items[index.row()]
        if role == ITEM_ROLE:
            return item
        if isinstance(item, DocumentEntry):
            return self._document_data(item.document, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{item.title}\n{item.snippet}"
        if role == HTML_ROLE:
            kind = self.tr(getattr(item, "kind", "") or "")
            return (
                f"{badge_html(item.lang)} <b>{escape(short_title(item.title))}</b>"
                f" <span style='color:{theme.dimmed_text().name()}'>· {escape(kind)}</span><br>"
                f"{marked_html(item.snippet, item.snippet_marks)}"
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("{passage} · score {score:.2f}").format(passage=item.passage_id, score=item.score)
        return None

    def _document_data(self, document: Document, role: int) -> Any:
        return document_data(document, role)


def document_data(document: Document, role: int) -> Any:
    """A document's row in browse mode: title, authors, year, kind, size and language mix."""
    mix = document.language_mix()
    total = sum(mix.values()) or 1
    langs = " ".join(f"{badge_html(k)}&nbsp;{v / total:.0%}" for k, v in mix.most_common() if k != "und")
    if role == Qt.ItemDataRole.DisplayRole:
        return document.title
    if role == HTML_ROLE:
        count = QCoreApplication.translate("ResultsModel", "{n} passages").format(n=len(document.passages))
        known = ["; ".join(document.meta.authors), str(document.meta.year or ""), kind_name(document.meta.kind)]
        facts = " · ".join(escape(fact) for fact in [*known, count] if fact)  # only what is known: no "n.d."
        dim = theme.dimmed_text().name()
        return f"<b>{escape(document.title)}</b><br><span style='color:{dim}'>{facts}</span><br>{langs}"
    if role == Qt.ItemDataRole.ToolTipRole:
        return document.meta.provenance
    return None


class RichTextDelegate(QStyledItemDelegate):
    """Paints HTML_ROLE rich text, wrapped to the view's width.

    Laid-out documents are cached by (html, width): sizeHint and paint need the same layout, and
    laying out rich text is most of the cost of showing a page of results.
    """

    CACHE_SIZE = 256

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cache: dict[tuple[str, int, str], QTextDocument] = {}

    def html(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> str:
        """The rich text of a row (a subclass may add to it, e.g. a group's open/closed arrow)."""
        return index.data(HTML_ROLE) or ""

    def row_width(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> int:
        """The width a row is laid out to: the view's (a tree subtracts its indentation)."""
        return option.widget.viewport().width() if option.widget else 400  # type: ignore[attr-defined]

    def _document(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex, selected: bool = False
    ) -> QTextDocument:
        html = self.html(option, index)
        if selected:  # quiet grey text would vanish in the selection colour: it takes the selection's text colour
            quiet = f"color:{theme.dimmed_text().name()}"
            html = html.replace(quiet, f"color:{option.palette.color(QPalette.ColorRole.HighlightedText).name()}")
        width = max(100, option.rect.width() if option.rect.width() > 0 else 400)
        key = (html, width, option.font.key())
        doc = self._cache.get(key)
        if doc is None:
            if len(self._cache) >= self.CACHE_SIZE:
                self._cache.clear()
            doc = QTextDocument()
            doc.setDefaultFont(option.font)
            doc.setDocumentMargin(6)
            doc.setHtml(html)
            doc.setTextWidth(width)
            self._cache[key] = doc
        return doc

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else QApplication.style()
        text_option = QStyleOptionViewItem(option)
        text_option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, text_option, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        doc = self._document(option, index, selected)
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(QRectF(0, 0, option.rect.width(), option.rect.height()))
        context = QAbstractTextDocumentLayout.PaintContext()
        if selected:
            context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(QPalette.ColorRole.HighlightedText))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        # No initStyleOption here: only the font matters for the size, and it is the view's.
        width = self.row_width(option, index)
        option.rect.setWidth(width)
        doc = self._document(option, index)
        return QSize(width, int(doc.size().height()) + 2)
