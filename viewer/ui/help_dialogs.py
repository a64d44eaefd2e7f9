"""Help > Keyboard shortcuts (every action with a shortcut, read off the window) and About."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QTableWidget, QTableWidgetItem, QVBoxLayout

from viewer import __version__
from viewer.core.corpus.model import Document

if TYPE_CHECKING:
    from viewer.ui.main_window import MainWindow

LIBRARIES = (
    ("Qt 6 / PySide6", "LGPL-3.0"),
    ("Whoosh (whoosh-reloaded)", "BSD-2-Clause"),
    ("langdetect", "Apache-2.0"),
    ("platformdirs", "MIT"),
)


def about_text(documents: Sequence[Document]) -> str:
    not_stated = QCoreApplication.translate("MainWindow", "not stated")
    intro = QCoreApplication.translate("MainWindow", "Search and read a bilingual Norwegian/English research corpus.")
    texts_heading = QCoreApplication.translate("MainWindow", "Bundled texts and their licences")
    libraries_heading = QCoreApplication.translate("MainWindow", "Libraries")
    rows = "".join(f"<li>{escape(d.title)} — <i>{escape(d.meta.licence or not_stated)}</i></li>" for d in documents)
    libs = "".join(f"<li>{escape(name)} — {escape(lic)}</li>" for name, lic in LIBRARIES)
    return (
        f"<h3>Corpus Viewer {__version__}</h3>"
        f"<p>{intro}</p>"
        f"<p><b>{texts_heading}</b></p><ul>{rows}</ul>"
        f"<p><b>{libraries_heading}</b></p><ul>{libs}</ul>"
    )


class HelpDialogs:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def show_shortcuts(self) -> QDialog:
        window = self.window
        dialog = QDialog(window)
        dialog.setWindowTitle(QCoreApplication.translate("MainWindow", "Keyboard shortcuts"))
        actions = [act for act in window.actions() if act.text() and not act.shortcut().isEmpty()]
        actions += [act for act in window.pair_editor.actions() if act is not None]
        extra = [
            (QCoreApplication.translate("MainWindow", "Clear the search box"), "Esc"),
            (QCoreApplication.translate("MainWindow", "Move into the results"), "↓"),
            (QCoreApplication.translate("MainWindow", "Open the selected result"), "Enter"),
            (QCoreApplication.translate("MainWindow", "Open a concordance line side by side"), "Shift+Enter"),
            (QCoreApplication.translate("MainWindow", "Rename or remove a saved search (in its list)"), "F2 / Del"),
        ]
        table = QTableWidget(len(actions) + len(extra), 2, dialog)
        table.setHorizontalHeaderLabels(
            [QCoreApplication.translate("MainWindow", "Action"), QCoreApplication.translate("MainWindow", "Shortcut")]
        )
        rows = [
            (act.text().replace("&", ""), act.shortcut().toString(QKeySequence.SequenceFormat.NativeText))
            for act in actions
        ] + extra
        for i, (name, keys) in enumerate(rows):
            table.setItem(i, 0, QTableWidgetItem(name))
            table.setItem(i, 1, QTableWidgetItem(keys))
        table.resizeColumnsToContents()
        table.resizeRowsToContents()
        table.verticalHeader().hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(table)
        layout.addWidget(buttons)
        screen = window.screen().availableGeometry() if window.screen() is not None else None
        needed = table.verticalHeader().length() + table.horizontalHeader().height() + 80
        tallest = max(window.height(), 480)  # no taller than the window it helps with (the table scrolls)
        if screen is not None:
            tallest = min(tallest, int(screen.height() * 0.9))
        dialog.resize(560, min(needed, tallest))
        dialog.show()
        return dialog

    def about_text(self) -> str:
        workspace = self.window.workspace
        return about_text(workspace.corpus.documents if workspace is not None else ())

    def show_about(self) -> None:
        QMessageBox.about(
            self.window, QCoreApplication.translate("MainWindow", "About Corpus Viewer"), self.about_text()
        )
