"""Recent searches: queries that ran and found something, newest first, each once.

History is offered only when asked for (Down in an empty box, Alt+Down, or the clock button), as a
menu under the box; it never pops up while typing. A query is remembered when the user commits to
it (Enter, opening a result, or leaving its results on screen for a moment), so the prefixes typed
on the way to it are not; a query the parser had to repair is never kept.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from viewer.core.search.query import parse

MAX_RECENT = 20
DWELL_MS = 1500  # results left on screen this long count as a search the user made


def normalised(query: str) -> str:
    """The form two queries are compared in: spaces collapsed, case folded."""
    return " ".join(query.split()).casefold()


def well_formed(query: str) -> bool:
    """Whether the query language reads `query` without repairing anything."""
    parsed = parse(query)
    return parsed.tree is not None and not parsed.notes


class SearchHistory(QObject):
    """The recent queries and the menu that offers them; `chosen` with the query picked."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.queries: list[str] = []
        self.button = QToolButton(parent)
        self.button.setObjectName("history")
        self.button.setIcon(clock_icon(self.button.palette().buttonText().color()))
        self.button.installEventFilter(self)
        self.button.setAutoRaise(True)
        self.button.setToolTip(self.tr("Recent searches (↓ in an empty box, or Alt+↓)"))
        self.button.clicked.connect(lambda: self.show_menu(parent))
        self.menu: QMenu | None = None
        self._armed = ""  # remember this query when its results come (Enter, or picked from the menu)
        self._shown = ""  # the query whose hits are on screen
        self.dwell = QTimer(self)
        self.dwell.setSingleShot(True)
        self.dwell.setInterval(DWELL_MS)
        self.dwell.timeout.connect(self.commit)
        self._update_button()

    # --- when a query counts as a search the user made ----------------------------------------------

    def arm(self, query: str) -> None:
        """The user asked for this query outright: remember it if it finds something."""
        self._armed = query

    def searching(self) -> None:
        """Another search began: what was on screen was not dwelt on."""
        self.dwell.stop()
        self._shown = ""

    def shown(self, query: str, found: bool) -> None:
        """A search's results are on screen; `found` when it has hits."""
        self._shown = query if found else ""
        if found and query == self._armed:
            self.remember(query)
        self._armed = ""
        if found:
            self.dwell.start()

    def commit(self) -> None:
        """The user used the results on screen (opened one, or read them a while): remember their query."""
        if self._shown:
            self.remember(self._shown)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.button and event.type() == QEvent.Type.PaletteChange:  # light/dark switched
            self.button.setIcon(clock_icon(self.button.palette().buttonText().color()))
        return super().eventFilter(watched, event)

    def set_queries(self, queries: Iterable[str]) -> None:
        """Load saved history, dropping repeats and queries that would need repairing."""
        kept: list[str] = []
        seen: set[str] = set()
        for query in queries:
            query = " ".join(str(query).split())
            if query and normalised(query) not in seen and well_formed(query):
                seen.add(normalised(query))
                kept.append(query)
        self.queries = kept[:MAX_RECENT]
        self._update_button()

    def remember(self, query: str) -> None:
        """Put a query that ran and found something at the top (once)."""
        query = " ".join(query.split())
        if not query or not well_formed(query):
            return
        key = normalised(query)
        self.queries = [query, *(q for q in self.queries if normalised(q) != key)][:MAX_RECENT]
        self._update_button()

    def clear(self) -> None:
        self.queries = []
        self._update_button()

    def show_menu(self, anchor: QWidget) -> bool:
        """Offer the history under `anchor`, the newest entry active; False when there is none."""
        if not self.queries:
            return False
        menu = QMenu(anchor)
        menu.setObjectName("history_menu")
        menu.setToolTipsVisible(True)
        menu.setMinimumWidth(anchor.width())
        for query in self.queries:
            action = menu.addAction(_elided(query))
            action.setToolTip(query)
            action.triggered.connect(lambda _checked=False, q=query: self.chosen.emit(q))
        menu.addSeparator()
        menu.addAction(self.tr("Clear recent searches"), self.clear)
        self.menu = menu
        menu.aboutToHide.connect(menu.deleteLater)
        menu.setActiveAction(menu.actions()[0])
        menu.popup(anchor.mapToGlobal(QPoint(0, anchor.height())))
        return True

    def _update_button(self) -> None:
        self.button.setEnabled(bool(self.queries))


def clock_icon(colour: QColor, size: int = 16) -> QIcon:
    """A small clock face, drawn rather than taken from a font (emoji clocks are often missing)."""
    pixmap = QPixmap(size * 2, size * 2)  # drawn at twice the size: sharp on high-DPI screens
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(colour, 2.6)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    c = size
    painter.drawEllipse(QPointF(c, c), c - 3, c - 3)
    painter.drawLine(QPointF(c, c), QPointF(c, c - size * 0.55))
    painter.drawLine(QPointF(c, c), QPointF(c + size * 0.4, c + size * 0.15))
    painter.end()
    pixmap.setDevicePixelRatio(2)
    return QIcon(pixmap)


def _elided(query: str, limit: int = 60) -> str:
    """A menu entry's text: clipped to one line, `&` shown as itself rather than as a mnemonic."""
    text = query if len(query) <= limit else query[: limit - 1] + "…"
    return text.replace("&", "&&")
