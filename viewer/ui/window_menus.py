"""The main window's menus, actions and keyboard shortcuts (the window and its helpers do the work).

Texts keep the "MainWindow" translation context they had when the window built its own menus.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from viewer.ui.main_window import MainWindow


@dataclass(frozen=True)
class WindowCommands:
    """The actions other parts of the window enable, check or trigger."""

    focus_search: QAction
    side_by_side: QAction
    add_bookmark: QAction
    show_bookmarks: QAction
    add_folder: QAction
    add_files: QAction
    collections: QAction
    export_pairs: QAction
    bookmarks_menu: QMenu
    pair_with: QAction
    confirm_pair: QAction
    reject_pair: QAction
    unpair: QAction
    stop_aligning: QAction

    @property
    def library(self) -> tuple[QAction, ...]:
        return self.add_folder, self.add_files, self.collections


def build_menus(window: MainWindow) -> WindowCommands:
    bar = window.menuBar()
    file_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&File"))
    edit_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Edit"))
    view_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&View"))
    document_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Document"))
    alignment_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Alignment"))
    bookmarks_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Bookmarks"))
    help_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Help"))

    def a(
        text: str,
        shortcut: str | QKeySequence.StandardKey | None,
        slot: Callable[[], object],
        menu: QMenu,
        checkable: bool = False,
    ) -> QAction:
        action = QAction(text, window)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setCheckable(checkable)
        action.triggered.connect(lambda *_: slot())
        menu.addAction(action)
        window.addAction(action)
        return action

    reader, library, pairing = window.pane.reader, window.library_actions, window.pair_actions
    focus_search = a(QCoreApplication.translate("MainWindow", "Search"), "Ctrl+L", window.focus_search, edit_menu)
    a(QCoreApplication.translate("MainWindow", "Find in document"), "Ctrl+F", reader.open_find, edit_menu)
    a(QCoreApplication.translate("MainWindow", "Next hit"), "F3", lambda: window.pane.step_hit(1), edit_menu)
    a(QCoreApplication.translate("MainWindow", "Previous hit"), "Shift+F3", lambda: window.pane.step_hit(-1), edit_menu)
    a(
        QCoreApplication.translate("MainWindow", "Copy with citation"),
        "Ctrl+Shift+C",
        window.copy_with_citation,
        edit_menu,
    )
    side_by_side = window.pane.side_by_side_action
    view_menu.addAction(side_by_side)
    window.addAction(side_by_side)
    a(QCoreApplication.translate("MainWindow", "Zoom in"), "Ctrl++", reader.zoom_in, view_menu)
    zoom_alt = QAction(window)
    zoom_alt.setShortcut(QKeySequence("Ctrl+="))
    zoom_alt.triggered.connect(reader.zoom_in)
    window.addAction(zoom_alt)
    a(QCoreApplication.translate("MainWindow", "Zoom out"), "Ctrl+-", reader.zoom_out, view_menu)
    view_menu.addSeparator()
    panels = window.panels
    a(QCoreApplication.translate("MainWindow", "Show search panel"), "Ctrl+Shift+F", panels.toggle_search, view_menu)
    a(QCoreApplication.translate("MainWindow", "Focus on reading"), "F11", panels.toggle_focus, view_menu)
    beside = a(
        QCoreApplication.translate("MainWindow", "Open search hits side by side"),
        None,
        lambda: panels.set_hits_side_by_side(beside.isChecked()),
        view_menu,
        checkable=True,
    )
    beside.setChecked(panels.hits_side_by_side())
    panels.set_hits_side_by_side(beside.isChecked())
    theme_menu = view_menu.addMenu(QCoreApplication.translate("MainWindow", "Theme"))
    schemes = QActionGroup(window)
    names = {
        "system": QCoreApplication.translate("MainWindow", "As the system"),
        "light": QCoreApplication.translate("MainWindow", "Light"),
        "dark": QCoreApplication.translate("MainWindow", "Dark"),
    }
    for scheme, name in names.items():
        choice = theme_menu.addAction(name)
        choice.setCheckable(True)
        choice.setChecked(scheme == panels.scheme())
        choice.setData(scheme)
        schemes.addAction(choice)
    schemes.triggered.connect(lambda action: panels.set_scheme(str(action.data())))
    pair_with = a(
        QCoreApplication.translate("MainWindow", "Pair with…"), "Ctrl+Shift+P", pairing.pair_with, document_menu
    )
    confirm_pair = a(
        QCoreApplication.translate("MainWindow", "Confirm pair"), "Ctrl+Shift+A", pairing.confirm, document_menu
    )
    reject_pair = a(
        QCoreApplication.translate("MainWindow", "Reject pair"), "Ctrl+Shift+R", pairing.reject, document_menu
    )
    unpair = a(QCoreApplication.translate("MainWindow", "Unpair"), "Ctrl+Shift+U", pairing.unpair, document_menu)
    document_menu.addSeparator()
    files = window.document_actions
    a(
        QCoreApplication.translate("MainWindow", "Open the original file"),
        "Ctrl+Shift+E",
        files.open_original,
        document_menu,
    )
    a(QCoreApplication.translate("MainWindow", "Show in its folder"), None, files.show_in_folder, document_menu)
    a(
        QCoreApplication.translate("MainWindow", "Edit title, authors and year…"),
        "Ctrl+Shift+I",
        files.edit_details,
        document_menu,
    )
    document_menu.addSeparator()
    stop_aligning = a(
        QCoreApplication.translate("MainWindow", "Stop aligning"), None, pairing.stop_aligning, document_menu
    )
    for action in (pair_with, confirm_pair, reject_pair, unpair, stop_aligning):
        action.setEnabled(False)
    for edit in window.pair_editor.actions():  # their shortcuts work while the side-by-side view has the focus
        if edit is None:
            alignment_menu.addSeparator()
        else:
            alignment_menu.addAction(edit)
    alignment_menu.aboutToShow.connect(window.pair_editor.refresh)
    add_bookmark = a(
        QCoreApplication.translate("MainWindow", "Bookmark passage or selection…"),
        "Ctrl+D",
        window.add_bookmark,
        bookmarks_menu,
    )
    add_bookmark.setEnabled(False)
    show_bookmarks = a(
        QCoreApplication.translate("MainWindow", "Show bookmarks"), "Ctrl+B", window.toggle_bookmarks, bookmarks_menu
    )
    add_folder = a(
        QCoreApplication.translate("MainWindow", "Add folder…"), "Ctrl+Shift+O", library.add_folder, file_menu
    )
    add_files = a(QCoreApplication.translate("MainWindow", "Add files…"), "Ctrl+O", library.add_files, file_menu)
    collections = a(QCoreApplication.translate("MainWindow", "Collections…"), None, library.show_collections, file_menu)
    export_pairs = a(
        QCoreApplication.translate("MainWindow", "Export aligned pairs (TMX)…"),
        None,
        window.pair_export.start,
        file_menu,
    )
    for action in (add_folder, add_files, collections, export_pairs):
        action.setEnabled(False)
    file_menu.addSeparator()
    a(QCoreApplication.translate("MainWindow", "Quit"), QKeySequence.StandardKey.Quit, window.close, file_menu)
    a(QCoreApplication.translate("MainWindow", "Keyboard shortcuts"), "F1", window.help.show_shortcuts, help_menu)
    window.search_actions.add_menus(bar, file_menu, edit_menu, view_menu)
    a(QCoreApplication.translate("MainWindow", "About Corpus Viewer"), None, window.help.show_about, help_menu)
    return WindowCommands(
        focus_search,
        side_by_side,
        add_bookmark,
        show_bookmarks,
        add_folder,
        add_files,
        collections,
        export_pairs,
        bookmarks_menu,
        pair_with,
        confirm_pair,
        reject_pair,
        unpair,
        stop_aligning,
    )
