"""Document > Pair with…: choose the document that translates the open one.

The candidates (every document in another language, grouped by collection, the finder's
suggestions for this document first with their scores) are gathered in a worker
(`pair_candidates`); the dialog gets them ready and filters them as the user types.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from viewer.core.corpus.model import Document
from viewer.ui.labels import lang_name
from viewer.ui.pair_model import short_name

if TYPE_CHECKING:
    from viewer.core.workspace import Workspace

DOC_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Candidate:
    doc_id: str
    title: str
    lang: str
    collection: str  # the collection's name
    score: float | None = None  # the finder's, when it suggests the pair
    status: str = ""  # the pair's status when the two are a pair already

    def matches(self, words: list[str]) -> bool:
        text = f"{self.doc_id} {self.title} {self.collection}".casefold()
        return all(w in text for w in words)


@dataclass(frozen=True)
class Candidates:
    doc_id: str
    title: str
    lang: str
    suggested: tuple[Candidate, ...]  # the finder's suggestions for this document, best first
    others: tuple[Candidate, ...]  # the rest in another language, by collection (its own first), then name


def main_language(document: Document) -> str:
    """The language most of the document's text is in ("und" when none is known)."""
    mix = document.language_mix()
    known = [(n, lang) for lang, n in mix.items() if lang in ("en", "nb", "nn")]
    return max(known)[1] if known else (document.meta.languages[0] if document.meta.languages else "und")


def pair_candidates(workspace: Workspace, doc_id: str) -> Candidates:
    """The documents the open one could be paired with. Runs in a worker."""
    document = workspace.document(doc_id)
    lang = main_language(document)
    names = {c.id: c.name for c in workspace.library.collections()}
    pairs = {p.other(doc_id): p for p in workspace.pairs() if doc_id in (p.source, p.target)}
    suggested: list[Candidate] = []
    others: list[Candidate] = []
    for other in workspace.corpus.documents:
        other_lang = main_language(other)
        if other.id == doc_id or other_lang == lang:
            continue
        pair = pairs.get(other.id)
        candidate = Candidate(
            other.id,
            other.title,
            other_lang,
            names.get(other.collection, other.collection),
            pair.score if pair is not None else None,
            pair.status if pair is not None else "",
        )
        (suggested if pair is not None and pair.status == "suggested" else others).append(candidate)
    suggested.sort(key=lambda c: -(c.score or 0.0))
    own = names.get(document.collection, document.collection)
    order = [own, *(n for n in names.values() if n != own)]  # the document's own collection first
    others.sort(
        key=lambda c: (order.index(c.collection) if c.collection in order else len(order), c.collection, c.doc_id)
    )
    return Candidates(doc_id, document.title, lang, tuple(suggested), tuple(others))


class PairWithDialog(QDialog):
    """A searchable list of candidates; `chosen()` is the document picked (after `accepted`)."""

    def __init__(self, candidates: Candidates, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.candidates = candidates
        self._groups: list[tuple[QTreeWidgetItem, list[tuple[QTreeWidgetItem, Candidate]]]] = []
        self.setWindowTitle(self.tr("Pair {name} with…").format(name=short_name(candidates.doc_id)))
        intro = QLabel(
            self.tr(
                "Choose the document that translates “{title}” ({lang}). The finder’s suggestions "
                "for it come first, with their scores."
            ).format(title=candidates.title, lang=lang_name(candidates.lang))
        )
        intro.setWordWrap(True)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter by name, title or collection"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._on_filter_text_changed)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("Document"), self.tr("Language"), self.tr("Score")])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)
        self.tree.currentItemChanged.connect(self._on_tree_current_item_changed)
        self.tree.itemActivated.connect(self._on_tree_item_activated)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.pair_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.pair_button.setText(self.tr("Pair"))
        self.pair_button.setEnabled(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.buttons)
        self._fill()
        self.resize(720, 480)
        self.filter.setFocus()

    def _fill(self) -> None:
        by_collection: dict[str, list[Candidate]] = {}
        for candidate in self.candidates.others:
            by_collection.setdefault(candidate.collection, []).append(candidate)
        groups = (
            [(self.tr("Suggested for this document"), list(self.candidates.suggested))]
            if (self.candidates.suggested)
            else []
        )
        for name, members in [*groups, *by_collection.items()]:
            group = QTreeWidgetItem([name])
            children: list[tuple[QTreeWidgetItem, Candidate]] = []
            self._groups.append((group, children))
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            self.tree.addTopLevelItem(group)
            for c in members:
                score = f"{c.score:.2f}" if c.status == "suggested" and c.score is not None else ""
                note = {
                    "confirmed": self.tr("paired"),
                    "manual": self.tr("paired"),
                    "rejected": self.tr("rejected"),
                }.get(c.status, score)
                item = QTreeWidgetItem([f"{short_name(c.doc_id)} — {c.title}", lang_name(c.lang), note])
                item.setToolTip(0, f"{c.doc_id}\n{c.title}")
                item.setData(0, DOC_ROLE, c.doc_id)
                group.addChild(item)
                children.append((item, c))
            group.setExpanded(True)
        self._select_first()

    def _visible_children(self) -> list[QTreeWidgetItem]:
        return [item for _group, children in self._groups for item, _c in children if not item.isHidden()]

    def _select_first(self) -> None:
        visible = self._visible_children()
        if visible:
            self.tree.setCurrentItem(visible[0])
        else:
            self.tree.clearSelection()
        self.pair_button.setEnabled(bool(visible))

    def chosen(self) -> str | None:
        item = self.tree.currentItem()
        value = item.data(0, DOC_ROLE) if item is not None and not item.isHidden() else None
        return str(value) if value else None

    def _on_filter_text_changed(self, text: str) -> None:
        words = text.casefold().split()
        for group, children in self._groups:
            shown = 0
            for item, candidate in children:
                hide = not candidate.matches(words)
                item.setHidden(hide)
                shown += not hide
            group.setHidden(shown == 0)
        if self.chosen() is None:
            self._select_first()

    def _on_tree_current_item_changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        self.pair_button.setEnabled(current is not None and current.data(0, DOC_ROLE) is not None)

    def _on_tree_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.data(0, DOC_ROLE):
            self.accept()
