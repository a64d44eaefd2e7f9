"""File > Add folder / Add files / Collections: the window's side of bringing your own texts.

The `LibraryController` runs the jobs; this asks for the paths, shows the report and the
collections, and keeps the menu and the progress bar in step with the controller.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QPushButton

from viewer.ui.library_ui import IMPORTING, CollectionsDialog, ImportReportDialog

if TYPE_CHECKING:
    from viewer.core.library.importers import ImportReport
    from viewer.core.pairs.model import DocumentPair
    from viewer.ui.library_ui import LibraryController
    from viewer.ui.main_window import MainWindow


STOP_KEYS = "Ctrl+."  # not taken by any other action (Esc clears the search box)


class LibraryActions:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.controller: LibraryController | None = None
        self.last_report_dialog: ImportReportDialog | None = None
        # The window's action (so the F1 table lists it, and its key works wherever the focus is); the
        # button in the status bar triggers it. Ctrl+. (Cmd+. on macOS: the usual "stop") is free.
        self.stop_action = QAction(QCoreApplication.translate("MainWindow", "Stop importing"), window)
        self.stop_action.setShortcut(QKeySequence(STOP_KEYS))
        self.stop_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.stop_action.setEnabled(False)
        self.stop_action.triggered.connect(self.stop)
        window.addAction(self.stop_action)
        self.stop_button = QPushButton(self.stop_action.text())
        keys = self.stop_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.stop_button.setToolTip(
            QCoreApplication.translate(
                "MainWindow", "What was imported stays; the rest is simply not there yet ({keys})"
            ).format(keys=keys)
        )
        self.stop_button.setFlat(True)
        self.stop_button.hide()
        self.stop_button.clicked.connect(self.stop_action.trigger)
        window.statusBar().addPermanentWidget(self.stop_button)

    def stop(self) -> None:
        if self.controller is not None and self.controller.cancel():
            self.stop_button.setEnabled(False)
            self.stop_action.setEnabled(False)
            self.window.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "Stopping the import after the file being read…")
            )

    def connect(self, controller: LibraryController) -> None:
        self.controller = controller
        controller.report_ready.connect(self.show_report)
        controller.busy_changed.connect(self.set_busy)
        self.set_busy(False)

    def add_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self.window, QCoreApplication.translate("MainWindow", "Add a folder of texts")
        )
        if folder:
            self.import_paths([Path(folder)])

    def add_files(self) -> None:
        from viewer.core.library.importers import SUPPORTED_SUFFIXES

        patterns = " ".join(f"*{s}" for s in SUPPORTED_SUFFIXES)
        files, _filter = QFileDialog.getOpenFileNames(
            self.window,
            QCoreApplication.translate("MainWindow", "Add texts"),
            "",
            QCoreApplication.translate("MainWindow", "Texts ({patterns})").format(patterns=patterns),
        )
        if files:
            self.import_paths([Path(f) for f in files])

    def import_paths(self, paths: list[Path]) -> bool:
        if self.controller is None:
            return False
        if not self.controller.add_paths(paths):
            self.window.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "An import is already running; try again when it is done"),
                5000,
            )
            return False
        return True

    def show_collections(self) -> QDialog | None:
        controller = self.controller
        if controller is None:
            return None
        dialog = CollectionsDialog(
            controller.workspace.library.collections(), controller.collection_counts(), self.window
        )
        dialog.remove_requested.connect(controller.remove_collection)
        dialog.show()
        return dialog

    def set_busy(self, busy: bool) -> None:
        window = self.window
        importing = window.library is None or window.library.task == IMPORTING
        for action in window.commands.library:
            action.setEnabled(not busy)
        window.commands.export_pairs.setEnabled(True)
        window.progress.setVisible(busy)
        self.stop_button.setVisible(busy and importing)  # saving a document's details is not stopped
        self.stop_button.setEnabled(busy and importing)
        self.stop_action.setEnabled(busy and importing)
        said = (
            QCoreApplication.translate("MainWindow", "Importing…")
            if importing
            else QCoreApplication.translate("MainWindow", "Saving the details and updating the index…")
        )
        if busy:
            window.progress.setRange(0, 0)
            window.statusBar().showMessage(said)
        elif not importing:  # no report says so: the status bar does
            window.statusBar().showMessage(QCoreApplication.translate("MainWindow", "Details saved"), 4000)

    def show_report(self, report: ImportReport, pairs: list[DocumentPair]) -> None:
        self.last_report_dialog = ImportReportDialog(report, pairs, self.window)
        self.window.statusBar().showMessage(self.last_report_dialog.sentence(report, pairs), 8000)
        self.last_report_dialog.show()
