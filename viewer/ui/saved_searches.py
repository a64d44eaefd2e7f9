"""Saved searches in the app: Searches > Save search… (Ctrl+S) names what is typed with its filters
and mode; the saved ones are listed in that menu (and under the star beside the search box) and
re-run with one click; Searches > Manage saved searches… renames and removes them.

The store is the workspace's (`viewer.core.saved.store`, SQLite in the user data folder): its calls
take milliseconds, so they run on the UI thread; what the user can act on comes back as a UserError
and is said in one line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from viewer.core.errors import UserError
from viewer.core.saved.model import SavedSearch

if TYPE_CHECKING:
    from viewer.core.saved.store import SavedSearchStore


def describe(search: SavedSearch) -> str:
    """One line for the menu: the name, then what it searches."""
    extras = [f"lang:{search.lang}"] if search.lang else []
    extras += [f"doc:{search.doc}"] if search.doc else []
    extras += [QCoreApplication.translate("SavedSearches", "concordance")] if search.mode == "concordance" else []
    extras += [QCoreApplication.translate("SavedSearches", "across languages")] if search.cross else []
    detail = " · ".join([search.query, *extras])
    return f"{search.name}  —  {detail}" if detail != search.name else search.name


class SavedSearches(QObject):
    """The saved-search actions of one window; `run_wanted` asks the window to run one."""

    changed = Signal()
    message = Signal(str, int)

    def __init__(self, parent: QWidget, current: Callable[[], dict[str, object] | None]) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.current = current  # what is searched now: query, lang, doc, mode, cross (None: nothing)
        self.store: SavedSearchStore | None = None
        self.run: Callable[[SavedSearch], None] = lambda _search: None
        self.save_action = QAction(QCoreApplication.translate("SavedSearches", "Save search…"), parent)
        self.save_action.setShortcut(QKeySequence("Ctrl+S"))
        self.save_action.triggered.connect(lambda *_: self.save())
        self.manage_action = QAction(QCoreApplication.translate("SavedSearches", "Manage saved searches…"), parent)
        self.manage_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.manage_action.triggered.connect(lambda *_: self.manage())
        for action in (self.save_action, self.manage_action):
            action.setEnabled(False)
            parent.addAction(action)
        self.menu = QMenu(QCoreApplication.translate("SavedSearches", "&Searches"), parent)
        self.menu.aboutToShow.connect(self._fill_menu)
        self.button = QToolButton()
        self.button.setText("☆")
        self.button.setObjectName("saved-searches")
        self.button.setToolTip(
            QCoreApplication.translate("SavedSearches", "Saved searches: save this one (Ctrl+S) or run one")
        )
        self.button.setMenu(self.menu)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)

    def attach(self, store: SavedSearchStore, run: Callable[[SavedSearch], None]) -> None:
        self.store, self.run = store, run
        self.save_action.setEnabled(True)
        self.manage_action.setEnabled(True)

    def searches(self) -> list[SavedSearch]:
        if self.store is None:
            return []
        try:
            return self.store.list()
        except UserError as exc:
            self.message.emit(
                QCoreApplication.translate("SavedSearches", "Saved searches cannot be read: {error}").format(error=exc),
                8000,
            )
            return []

    def _fill_menu(self) -> None:
        menu = self.menu
        menu.clear()
        menu.addAction(self.save_action)
        menu.addAction(self.manage_action)
        searches = self.searches()
        if searches:
            menu.addSection(QCoreApplication.translate("SavedSearches", "Run a saved search"))
        for search in searches:
            action = menu.addAction(describe(search))
            action.setData(search.name)
            action.triggered.connect(lambda *_a, name=search.name: self.run_named(name))

    def run_named(self, name: str) -> bool:
        if self.store is None:
            return False
        try:
            search = self.store.touch(name)
        except UserError as exc:
            self.message.emit(str(exc), 6000)
            return False
        self.run(search)
        self.message.emit(
            QCoreApplication.translate("SavedSearches", "Ran the saved search “{name}”").format(name=search.name), 4000
        )
        return True

    def save(self, name: str | None = None) -> SavedSearch | None:
        """Ask for a name (the query by default) and save what is searched now under it."""
        now = self.current()
        if self.store is None or not now or not str(now.get("query", "")).strip():
            self.message.emit(QCoreApplication.translate("SavedSearches", "Type a search first, then save it"), 5000)
            return None
        if name is None:
            name, ok = QInputDialog.getText(
                self.parent_widget,
                QCoreApplication.translate("SavedSearches", "Save search"),
                QCoreApplication.translate("SavedSearches", "Name of the saved search:"),
                text=str(now["query"]),
            )
            if not ok:
                return None
        existing = self.store.get(name) if name.strip() else None
        if existing is not None and not self._confirm(
            QCoreApplication.translate("SavedSearches", "Replace the saved search “{name}”?").format(name=existing.name)
        ):
            return None
        try:
            saved = self.store.save(name, **now)  # type: ignore[arg-type]
        except UserError as exc:
            QMessageBox.warning(
                self.parent_widget, QCoreApplication.translate("SavedSearches", "Save search"), str(exc)
            )
            return None
        self.changed.emit()
        self.message.emit(
            QCoreApplication.translate("SavedSearches", "Saved the search “{name}”").format(name=saved.name), 4000
        )
        return saved

    def _confirm(self, question: str) -> bool:
        answer = QMessageBox.question(
            self.parent_widget, QCoreApplication.translate("SavedSearches", "Saved searches"), question
        )
        return answer == QMessageBox.StandardButton.Yes

    def rename(self, old: str, new: str) -> SavedSearch | None:
        assert self.store is not None
        try:
            renamed = self.store.rename(old, new)
        except UserError as exc:
            QMessageBox.warning(
                self.parent_widget, QCoreApplication.translate("SavedSearches", "Rename saved search"), str(exc)
            )
            return None
        self.changed.emit()
        return renamed

    def remove(self, name: str) -> bool:
        assert self.store is not None
        try:
            removed = self.store.remove(name)
        except UserError as exc:
            QMessageBox.warning(
                self.parent_widget, QCoreApplication.translate("SavedSearches", "Remove saved search"), str(exc)
            )
            return False
        self.changed.emit()
        return removed

    def manage(self) -> QDialog:
        dialog = ManageDialog(self, self.parent_widget)
        dialog.show()
        return dialog


class ManageDialog(QDialog):
    """The saved searches: run (Enter), rename (F2) or remove (Delete, after asking) one."""

    def __init__(self, saved: SavedSearches, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.saved = saved
        self.setWindowTitle(QCoreApplication.translate("SavedSearches", "Saved searches"))
        self.list = QListWidget()
        self.list.setObjectName("saved-list")
        self.list.itemActivated.connect(lambda _item: self.run_current())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        for text, keys, slot in (
            (QCoreApplication.translate("SavedSearches", "Run"), "Return", self.run_current),
            (QCoreApplication.translate("SavedSearches", "Rename…"), "F2", self.rename_current),
            (QCoreApplication.translate("SavedSearches", "Remove…"), "Delete", self.remove_current),
        ):
            button = QPushButton(text)
            button.setToolTip(keys)
            button.clicked.connect(slot)
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
            if keys != "Return":
                action = QAction(text, self.list)
                action.setShortcut(QKeySequence(keys))
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                action.triggered.connect(lambda *_a, slot=slot: slot())
                self.list.addAction(action)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(520, 360)
        self.fill()

    def fill(self, current: str | None = None) -> None:
        self.list.clear()
        for search in self.saved.searches():
            item = QListWidgetItem(describe(search))
            item.setData(Qt.ItemDataRole.UserRole, search.name)
            self.list.addItem(item)
            if search.name == current:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)

    def current_name(self) -> str | None:
        item = self.list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def run_current(self) -> None:
        name = self.current_name()
        if name is not None and self.saved.run_named(name):
            self.accept()

    def rename_current(self) -> None:
        name = self.current_name()
        if name is None:
            return
        new, ok = QInputDialog.getText(
            self,
            QCoreApplication.translate("SavedSearches", "Rename saved search"),
            QCoreApplication.translate("SavedSearches", "New name:"),
            text=name,
        )
        if ok and new.strip() and new != name:
            renamed = self.saved.rename(name, new)
            self.fill(renamed.name if renamed else name)

    def remove_current(self) -> None:
        name = self.current_name()
        if name is not None and self.saved._confirm(
            QCoreApplication.translate("SavedSearches", "Remove the saved search “{name}”?").format(name=name)
        ):
            self.saved.remove(name)
            self.fill()
