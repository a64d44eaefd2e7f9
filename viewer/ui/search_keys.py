"""The search box's keys: Esc clears it, Down in an empty box (or Alt+Down) opens the recent
searches, Down or Page Down moves into the results (the passages or the concordance's lines)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

if TYPE_CHECKING:
    from viewer.ui.search_panel import SearchPanel


class QueryKeys(QObject):
    """An event filter on the panel's query box."""

    def __init__(self, panel: SearchPanel) -> None:
        super().__init__(panel)
        self.panel = panel
        panel.query_edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        panel = self.panel
        if watched is panel.query_edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key, alt = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
            if key == Qt.Key.Key_Escape:
                panel.query_edit.clear()
                panel.search_now()
                return True
            if key == Qt.Key.Key_Down and (alt or not panel.query()) and panel.history.show_menu(panel.query_edit):
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) and not alt and panel.move_into_results():
                return True
        return super().eventFilter(watched, event)
