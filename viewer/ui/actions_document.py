"""Document > Edit details (title, authors, year of an imported document), Open the original file and
Show it in its folder: the file a document was read from, opened by the desktop (the bundled
corpus's files too, from the installed package)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices

from viewer.ui.details_dialog import DetailsDialog

if TYPE_CHECKING:
    from viewer.ui.main_window import MainWindow


class DocumentActions:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.last_dialog: DetailsDialog | None = None

    def edit_details(self) -> DetailsDialog | None:
        """Ask for the document's title, authors and year; keep them in a worker when saved."""
        window, document = self.window, self.window.document
        if document is None or window.library is None:
            return None
        if document.collection == "bundled" or document.path is None:
            window.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "Only imported documents can be described anew"), 5000
            )
            return None
        dialog = DetailsDialog(document, window)

        def done(result: int) -> None:
            if result and dialog.edit is not None and window.library is not None:
                if not window.library.describe(document.id, dialog.edit):
                    window.statusBar().showMessage(
                        QCoreApplication.translate("MainWindow", "Wait for the import under way to finish"), 5000
                    )

        dialog.finished.connect(done)
        dialog.open()
        self.last_dialog = dialog
        return dialog

    def _path(self) -> str | None:
        document = self.window.document
        if document is None or document.path is None or not document.path.exists():
            self.window.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "This document has no file on disk to open"), 5000
            )
            return None
        return str(document.path)

    def open_original(self) -> bool:
        path = self._path()
        return path is not None and self._open(path)

    def show_in_folder(self) -> bool:
        path = self._path()
        if path is None:
            return False
        document = self.window.document
        assert document is not None and document.path is not None
        return self._open(str(document.path.parent))

    def _open(self, path: str) -> bool:
        opened = QDesktopServices.openUrl(QUrl.fromLocalFile(path))
        if not opened:
            self.window.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "No program on this system opens {path}").format(path=path),
                6000,
            )
        return bool(opened)
