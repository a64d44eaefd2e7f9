"""How the window shares its width: the search column on the left, the reader (or the side-by-side
view) in the middle, the bookmarks dock on the right. Reading is what the app is for, so the reader
gets most of it: the side panels collapse and reopen (View > Show search panel, Ctrl+B for the
bookmarks, F11 to read with both out of the way), start at proportions that leave the reader at
least half of the window, give way when the window gets small, and keep the sizes the user gave
them (saved with the window's state, `viewer.ui.window_state`).

The colour scheme (View > Theme: system, light or dark) is chosen here too and remembered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtWidgets import QApplication, QWidget

from viewer.ui import theme

if TYPE_CHECKING:
    from viewer.ui.main_window import MainWindow

SEARCH_SHARE, SEARCH_MIN, SEARCH_MAX = 0.28, 240, 420  # the search column: its share of the width, bounds
DOCK_SHARE, DOCK_MIN, DOCK_MAX = 0.22, 220, 340  # the bookmarks dock
READER_SHARE = 0.5  # the reader never gets less than this share while the panels can give way
DOCK_AT_START = 1500  # a first run shows the bookmarks dock only in a window at least this wide
SCHEMES = ("system", "light", "dark")


def clamp(value: float, low: int, high: int) -> int:
    return int(max(low, min(high, value)))


class WindowLayout(QObject):
    """The panels' visibility and widths, and the theme, for one main window."""

    def __init__(self, window: MainWindow, settings: QSettings) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self._focus_hidden: list[QWidget] = []  # what "focus on reading" hid, to bring back
        window.installEventFilter(self)
        if self.scheme() != "system":  # the user chose one: use it from the first paint
            self.set_scheme(self.scheme())

    # --- panels --------------------------------------------------------------------------------

    @property
    def search_column(self) -> QWidget | None:
        widget = self.window.splitter.widget(0)
        return widget if widget is not None and widget is self.window.search_panel else None

    def search_visible(self) -> bool:
        column = self.search_column
        return column is not None and not column.isHidden()

    def toggle_search(self) -> None:
        """Hide the search column, or bring it back at the width it had (focus in its box)."""
        column = self.search_column
        if column is None:
            return
        column.setVisible(column.isHidden())
        if not column.isHidden():
            if self.window.splitter.sizes()[0] < SEARCH_MIN:
                self._share_width()
            self.window.focus_search()
        self._focus_hidden.clear()

    def toggle_bookmarks(self) -> None:
        dock = self.window.bookmarks_panel
        if dock is None:
            return
        dock.setVisible(dock.isHidden())
        if not dock.isHidden():
            self._fit_dock()
        self._focus_hidden.clear()

    def toggle_focus(self) -> None:
        """Read with the side panels out of the way; again: bring back what was hidden."""
        if self._focus_hidden:
            for widget in self._focus_hidden:
                widget.show()
            self._focus_hidden = []
            return
        panels = [self.search_column, self.window.bookmarks_panel]
        self._focus_hidden = [w for w in panels if w is not None and not w.isHidden()]
        for widget in self._focus_hidden:
            widget.hide()

    @property
    def reading_focused(self) -> bool:
        return bool(self._focus_hidden)

    # --- widths --------------------------------------------------------------------------------

    def first_run(self) -> None:
        """No saved state: proportions for this window, the bookmarks dock only in a wide one."""
        self._share_width()
        dock = self.window.bookmarks_panel
        if dock is not None:
            dock.setVisible(self.window.width() >= DOCK_AT_START)
            self._fit_dock()

    def _share_width(self) -> None:
        splitter = self.window.splitter
        total = sum(splitter.sizes()) or self.window.width()
        left = clamp(self.window.width() * SEARCH_SHARE, SEARCH_MIN, SEARCH_MAX)
        splitter.setSizes([left, max(1, total - left)])

    def _fit_dock(self) -> None:
        dock = self.window.bookmarks_panel
        if dock is not None and not dock.isHidden() and not dock.isFloating():
            width = clamp(self.window.width() * DOCK_SHARE, DOCK_MIN, DOCK_MAX)
            if dock.width() > width:
                self.window.resizeDocks([dock], [width], Qt.Orientation.Horizontal)

    def fit(self) -> None:
        """The window got narrower: panels give way so the reader keeps at least half of it."""
        window = self.window
        reader = window.pane.width()
        if reader >= window.width() * READER_SHARE:
            return
        splitter = window.splitter
        sizes = splitter.sizes()
        if self.search_visible() and sizes[0] > SEARCH_MIN:
            left = clamp(window.width() * SEARCH_SHARE, SEARCH_MIN, sizes[0])
            splitter.setSizes([left, sum(sizes) - left])
        self._fit_dock()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Resize and self.window.isVisible():
            self.fit()
        return False

    # --- search hits ---------------------------------------------------------------------------

    def hits_side_by_side(self) -> bool:
        return str(self.settings.value("view/hits_side_by_side", "true")).lower() != "false"

    def set_hits_side_by_side(self, on: bool) -> None:
        """Whether a hit in a text with a translation opens side by side (else in the reader)."""
        self.settings.setValue("view/hits_side_by_side", "true" if on else "false")
        self.window.pane.hits_side_by_side = on

    # --- theme ---------------------------------------------------------------------------------

    def scheme(self) -> str:
        value = str(self.settings.value("view/theme", "system") or "system")
        return value if value in SCHEMES else "system"

    def set_scheme(self, scheme: str) -> None:
        """Use and remember a colour scheme; the reader and the panels are tinted again."""
        app = QApplication.instance()
        if scheme not in SCHEMES or not isinstance(app, QApplication):
            return
        self.settings.setValue("view/theme", scheme)
        theme.apply_color_scheme(app, scheme)
        self.window.restyle()  # a palette event does not reach the window in every case
