"""Error dialogs: a readable message, and for our own bugs the details with a copy button."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def show_error(parent: QWidget | None, message: str, details: str = "") -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning if not details else QMessageBox.Icon.Critical)
    box.setWindowTitle(box.tr("Corpus Viewer"))
    box.setText(message)
    if details:
        box.setInformativeText(box.tr("This is a bug in Corpus Viewer. Copy the details into a report."))
        box.setDetailedText(details)
        copy = box.addButton(box.tr("Copy details"), QMessageBox.ButtonRole.ActionRole)
        copy.clicked.disconnect()
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(f"{message}\n\n{details}"))
    box.addButton(QMessageBox.StandardButton.Close)
    box.setModal(True)
    box.show()
    return box
