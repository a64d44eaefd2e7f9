"""What the search offers beyond the passages: the concordance mode, saved searches, the search
across languages and the export of results. The window holds one `SearchActions`; its menus and
shortcuts are added by `viewer.ui.window_menus`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from viewer.ui.concordance_controller import ConcordanceController

if TYPE_CHECKING:
    from viewer.core.workspace import Workspace
    from viewer.ui.main_window import MainWindow
    from viewer.ui.search_panel import SearchPanel


class SearchActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.concordance = ConcordanceController(window)
        self.concordance_action = self._action(
            QCoreApplication.translate("MainWindow", "Concordance"), "Ctrl+Shift+K", self.concordance.toggle
        )
        self.concordance_action.setCheckable(True)
        self.concordance_action.setEnabled(False)

    def _action(self, text: str, keys: str | None, slot: object) -> QAction:
        action = QAction(text, self.window)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda *_: slot())  # type: ignore[operator]
        self.window.addAction(action)
        return action

    def wrap(self, pane: QWidget) -> QWidget:
        """The reader with the concordance's lines above it."""
        return self.concordance.wrap(pane)

    def add_menus(self, view_menu: QMenu) -> None:
        view_menu.addSeparator()
        view_menu.addAction(self.concordance_action)

    def attach(self, workspace: Workspace, panel: SearchPanel) -> None:
        self.concordance.attach(workspace, panel)
        self.concordance_action.setEnabled(True)
        panel.modes.mode_changed.connect(lambda mode: self.concordance_action.setChecked(mode == "concordance"))
