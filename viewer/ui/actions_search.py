"""What the search offers beyond the passages: the concordance mode (Ctrl+Shift+K), the search
across languages (Ctrl+Shift+X, the ⇄ beside the search box), saved searches (Ctrl+S, the ☆ and the
Searches menu) and the export of results. The window holds one `SearchActions`; `window_menus`
puts its entries in the menus."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QSignalBlocker
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QToolButton, QWidget

from viewer.core.saved.model import SavedSearch
from viewer.ui.concordance_controller import ConcordanceController
from viewer.ui.concordance_panel import CONCORDANCE
from viewer.ui.results_export import ResultsExport
from viewer.ui.saved_searches import SavedSearches

if TYPE_CHECKING:
    from viewer.core.workspace import Workspace
    from viewer.ui.main_window import MainWindow
    from viewer.ui.search_panel import SearchPanel


class SearchActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.panel: SearchPanel | None = None
        self.concordance = ConcordanceController(window)
        self.concordance_action = self._action(
            QCoreApplication.translate("MainWindow", "Concordance"), "Ctrl+Shift+K", self.concordance.toggle
        )
        self.cross_action = self._action(
            QCoreApplication.translate("MainWindow", "Search across languages"), "Ctrl+Shift+X", self._on_cross_toggled
        )
        self.cross_action.setIconText("⇄")
        self.cross_action.setToolTip(
            QCoreApplication.translate(
                "MainWindow",
                "Also find passages of the other language that hold a translation (Ctrl+Shift+X; ~word: one word)",
            )
        )
        for action in (self.concordance_action, self.cross_action):
            action.setCheckable(True)
            action.setEnabled(False)
        self.saved = SavedSearches(window, self.current_search)
        self.saved.message.connect(window.statusBar().showMessage)
        self.export = ResultsExport(window, self)
        self.export_action: QAction = self._action(
            QCoreApplication.translate("MainWindow", "Export results…"), "Ctrl+E", self.export.start
        )
        self.export_action.setEnabled(False)

    def _action(self, text: str, keys: str | None, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self.window)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda *_: slot())
        self.window.addAction(action)
        return action

    def wrap(self, pane: QWidget) -> QWidget:
        """The reader with the concordance's lines above it."""
        return self.concordance.wrap(pane)

    def add_menus(self, bar: QMenuBar, file_menu: QMenu, edit_menu: QMenu, view_menu: QMenu) -> None:
        """File > Export results…, Edit > Search across languages, View > Concordance, and a Searches
        menu before Help."""
        separators = [a for a in file_menu.actions() if a.isSeparator()]
        file_menu.insertAction(separators[-1] if separators else None, self.export_action)  # type: ignore[arg-type]
        edit_menu.addSeparator()
        edit_menu.addAction(self.cross_action)
        submenus = [a for a in view_menu.actions() if a.menu() is not None]  # the theme
        view_menu.insertAction(submenus[-1] if submenus else None, self.concordance_action)  # type: ignore[arg-type]
        help_menu = bar.actions()[-1] if bar.actions() else None
        bar.insertMenu(help_menu, self.saved.menu)  # type: ignore[arg-type]

    def attach(self, workspace: Workspace, panel: SearchPanel) -> None:
        self.panel = panel
        self.concordance.attach(workspace, panel)
        self.saved.attach(workspace.saved_searches, self.run_saved)
        for action in (self.concordance_action, self.cross_action, self.export_action):
            action.setEnabled(True)
        panel.modes.mode_changed.connect(lambda mode: self.concordance_action.setChecked(mode == CONCORDANCE))
        cross = QToolButton()
        cross.setObjectName("cross")
        cross.setDefaultAction(self.cross_action)
        panel.top.insertWidget(1, cross)
        panel.top.insertWidget(2, self.saved.button)

    def _on_cross_toggled(self) -> None:
        if self.panel is not None:
            self.panel.set_cross(self.cross_action.isChecked())

    # --- saved searches ----------------------------------------------------------------------------

    def current_search(self) -> dict[str, object] | None:
        """What the search panel searches now, as a saved search keeps it."""
        panel = self.panel
        if panel is None:
            return None
        return {
            "query": panel.query(),
            "lang": panel.languages.chosen_lang or None,
            "doc": panel.doc_filter(),
            "mode": panel.modes.mode,
            "cross": panel.cross,
        }

    def run_saved(self, search: SavedSearch) -> None:
        """Put a saved search back in the panel (query, filters, mode, cross) and run it."""
        panel = self.panel
        if panel is None:
            return
        panel.query_edit.setText(search.query)
        panel.languages.chosen_lang = search.lang or ""
        panel.languages.show_query(search.query)
        with QSignalBlocker(panel.doc_combo):
            panel.doc_combo.setCurrentIndex(max(0, panel.doc_combo.findData(search.doc or "")))
        self.cross_action.setChecked(search.cross)
        panel.cross = search.cross
        switched = panel.modes.mode != search.mode
        if switched:
            panel.modes.set_mode(search.mode)  # opening the concordance searches what is typed
        if not (switched and search.mode == CONCORDANCE):
            panel.search_now()
        panel.query_edit.setFocus()
