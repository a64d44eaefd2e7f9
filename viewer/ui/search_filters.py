"""The filters above the results: the language buttons, kept in step with `lang:` in the query,
and the document filter (grouped by collection, found by typing part of a title).

The query text is the one source of truth when it says `lang:xx`: the buttons show that language
and pressing one rewrites the `lang:` part (All removes it), so the box and the buttons never
disagree. A query without `lang:` is filtered by the button the user chose.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QCoreApplication, QObject, QStringListModel, Qt, Signal
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QButtonGroup, QComboBox, QCompleter, QHBoxLayout, QToolButton, QWidget

from viewer.core.corpus.model import Document

BUTTON_LANGS = ("", "en", "nb", "nn")  # "" is All
POPUP_WIDTH = 420  # px: the document filter's lists, wider than the box
# As the query language reads it (viewer.core.search.query): `lang:` at a word's start.
_LANG = re.compile(r"(?<![^\s(])lang:(\"[^\"]*\"|[^\s()\"]+)", re.IGNORECASE)


def query_langs(text: str) -> list[str]:
    """The `lang:` values in a query, lower case, in order (unknown ones too)."""
    return [m.group(1).strip('"').lower() for m in _LANG.finditer(text)]


def with_lang(text: str, code: str) -> str:
    """`text` with its `lang:` parts replaced by one `lang:code` where the first was (none for "")."""
    parts = list(_LANG.finditer(text))
    if not parts:
        return f"{text.rstrip()} lang:{code}".strip() if code else text
    out, pos = [], 0
    for i, m in enumerate(parts):
        out.append(text[pos : m.start()])
        if i == 0 and code:
            out.append(f"lang:{code}")
        pos = m.end()
    out.append(text[pos:])
    return " ".join("".join(out).split())


def fill_documents(combo: QComboBox, documents: Sequence[Document], names: Mapping[str, str] | None = None) -> None:
    """The document filter's entries: All, then each title (clipped), under a heading per collection
    when there are several (its name from `names`, by collection id); the current choice is kept.
    Titles that several documents share say which file each is."""
    current = combo.currentData() or ""  # None before the first fill would find a heading (no data)
    model = QStandardItemModel(combo)
    model.appendRow(_entry(QCoreApplication.translate("SearchPanel", "All documents"), ""))
    groups: dict[str, list[Document]] = {}
    for document in documents:
        groups.setdefault(document.collection, []).append(document)
    labels = entry_labels(documents)
    for collection, members in groups.items():
        if len(groups) > 1:
            model.appendRow(_heading(_name(collection, names), len(members)))
        for document in sorted(members, key=lambda d: labels[d.id].casefold()):
            model.appendRow(_entry(labels[document.id], document.id, document.title))
    combo.setModel(model)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    if isinstance(combo, DocumentFilter):
        shown = [d for group in groups.values() for d in group]
        combo.documents_changed(shown, labels, {c: _name(c, names) for c in groups} if len(groups) > 1 else {})


def entry_labels(documents: Sequence[Document]) -> dict[str, str]:
    """Each document's entry: its clipped title, and the file it comes from when others share it."""
    clipped = {d.id: clip_title(d.title) for d in documents}
    seen: dict[str, int] = {}
    for label in clipped.values():
        seen[label.casefold()] = seen.get(label.casefold(), 0) + 1
    return {
        doc_id: label if seen[label.casefold()] == 1 else f"{label} ({doc_id.rsplit('/', 1)[-1]})"
        for doc_id, label in clipped.items()
    }


def clip_title(title: str) -> str:
    return title if len(title) < 48 else title[:46] + "…"


def _entry(text: str, doc_id: str, tip: str = "") -> QStandardItem:
    item = QStandardItem(text)
    item.setData(doc_id, Qt.ItemDataRole.UserRole)
    if tip:
        item.setToolTip(tip)
    return item


def _name(collection: str, names: Mapping[str, str] | None) -> str:
    if collection == "bundled":
        return QCoreApplication.translate("SearchPanel", "Bundled corpus")
    # A collection the caller did not name: its id, which comes from the folder's name.
    return (names or {}).get(collection) or collection.replace("-", " ")


def _heading(name: str, count: int) -> QStandardItem:
    item = QStandardItem(f"{name} ({count})")
    font = QFont()
    font.setBold(True)
    item.setFont(font)
    item.setFlags(Qt.ItemFlag.NoItemFlags)  # a heading: seen, never chosen
    return item


class DocumentFilter(QComboBox):
    """The document filter of a library of any size: pick from the list (grouped by collection), or
    type any part of a title and choose among the matches."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.titles = QStringListModel(self)
        self._typed: dict[str, str] = {}  # what the completer lists -> document id
        completer = QCompleter(self.titles, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setMaxVisibleItems(12)
        for view in (completer.popup(), self.view()):  # long titles need more than the box's width
            if view is not None:
                view.setMinimumWidth(POPUP_WIDTH)
        completer.activated.connect(self._on_completed)  # the text overload
        self.setMaxVisibleItems(20)
        line = self.lineEdit()
        assert line is not None
        line.setCompleter(completer)  # on the line edit: the box itself would look the listed text up among its items
        line.setPlaceholderText(QCoreApplication.translate("SearchPanel", "Type to find a document"))
        line.setClearButtonEnabled(True)  # cleared: all documents again
        line.editingFinished.connect(self._restore_text)

    def documents_changed(
        self, documents: Sequence[Document], labels: Mapping[str, str], collections: Mapping[str, str]
    ) -> None:
        """What typing finds: each entry, with its collection's name when there are several (so a
        collection's name finds its documents too)."""
        self._typed = {}
        for d in documents:
            text = f"{labels[d.id]} · {collections[d.collection]}" if collections else labels[d.id]
            self._typed[text] = d.id
        self.titles.setStringList(list(self._typed))
        completer = self.completer()
        if completer is not None and completer.model() is not self.titles:
            completer.setModel(self.titles)  # QComboBox.setModel gave it the box's items (headings too)

    def _on_completed(self, text: str) -> None:
        index = self.findData(self._typed.get(text))
        if index >= 0:
            self.setCurrentIndex(index)

    def _restore_text(self) -> None:
        """Typed text that names no document gives way to the current choice again; a box cleared
        (its text deleted, or its clear button) means all documents."""
        if not self.currentText().strip():
            self.setCurrentIndex(0)
            self.setEditText(self.itemText(0))
        elif self.findText(self.currentText(), Qt.MatchFlag.MatchExactly) < 0:
            self.setEditText(self.itemText(self.currentIndex()))


class LanguageButtons(QObject):
    """All / en / nb / nn as exclusive tool buttons; `chosen` when the user presses one."""

    chosen = Signal(str)  # "" for All

    def __init__(self, layout: QHBoxLayout, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.chosen_lang = ""  # the user's filter for queries that do not say lang:
        for i, code in enumerate(BUTTON_LANGS):
            button = QToolButton()
            button.setText(code or QCoreApplication.translate("SearchPanel", "All"))
            button.setCheckable(True)
            button.setChecked(i == 0)
            button.setProperty("lang", code)
            button.setToolTip(
                QCoreApplication.translate("SearchPanel", "Only passages in {lang}").format(lang=code)
                if code
                else QCoreApplication.translate("SearchPanel", "Passages in every language")
            )
            self.group.addButton(button, i)
            layout.addWidget(button)
        self.group.idClicked.connect(self._on_group_id_clicked)

    def shown(self) -> str | None:
        """The checked button's language ("" for All), None when none is checked (e.g. lang:no)."""
        button = self.group.checkedButton()
        return str(button.property("lang")) if button is not None else None

    def show_query(self, text: str) -> None:
        """Check the button the query's `lang:` names, or the user's own choice when it names none."""
        langs = set(query_langs(text))
        if not langs:
            self._check(self.chosen_lang)
        elif len(langs) == 1 and (code := next(iter(langs))) in BUTTON_LANGS:
            self._check(code)
        else:
            self._check(None)  # lang:no, several or unknown: no single button says it

    def _check(self, code: str | None) -> None:
        self.group.setExclusive(code is not None)
        for button in self.group.buttons():
            button.setChecked(code is not None and button.property("lang") == code)
        self.group.setExclusive(True)

    def _on_group_id_clicked(self, button_id: int) -> None:
        self.chosen.emit(BUTTON_LANGS[button_id])
