"""What the window remembers between runs: geometry, docks, splitter, the open document, the query."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings

from viewer.core.errors import UserError

if TYPE_CHECKING:
    from viewer.ui.main_window import MainWindow


class WindowState:
    def __init__(self, window: MainWindow, settings: QSettings) -> None:
        self.window = window
        self.settings = settings

    def setting_list(self, key: str) -> list[str]:
        value = self.settings.value(key, [])
        if isinstance(value, str):
            return [value]
        return [str(v) for v in value or []]  # type: ignore[attr-defined]

    def restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.window.restoreGeometry(geometry)

    def restore(self) -> None:
        """Docks, splitter, the document last read and the last query (run once the panels exist)."""
        window = self.window
        state = self.settings.value("window/state")
        sizes = self.settings.value("window/splitter")
        if isinstance(state, QByteArray) and isinstance(sizes, QByteArray):
            window.restoreState(state)
            window.splitter.restoreState(sizes)
        else:
            window.panels.first_run()
        doc_id = self.settings.value("reader/document", "")
        try:
            if doc_id:
                window.open_document_by_id(str(doc_id))
        except UserError:
            pass
        query = str(self.settings.value("search/query", "") or "")
        panel = window.search_panel
        if panel is not None:
            panel.set_recent(self.setting_list("search/recent"))
            if query:
                panel.query_edit.setText(query)
                panel.search_now()
            if self.settings.value("search/mode", "") == "concordance" and not window.search_actions.concordance.active:
                window.search_actions.concordance.toggle()  # the mode the last session ended in

    def remember_document(self, doc_id: str) -> None:
        self.settings.setValue("reader/document", doc_id)

    def save(self) -> None:
        window = self.window
        self.settings.setValue("window/geometry", window.saveGeometry())
        self.settings.setValue("window/state", window.saveState())
        self.settings.setValue("window/splitter", window.splitter.saveState())
        if window.search_panel is not None:
            self.settings.setValue("search/query", window.search_panel.query())
            self.settings.setValue("search/recent", window.search_panel.recent)
            mode = "concordance" if window.search_actions.concordance.active else "passages"
            self.settings.setValue("search/mode", mode)
        self.settings.sync()
