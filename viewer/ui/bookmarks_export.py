"""Exporting bookmarks from the dock: what is shown (or, asked, all of them), to a file the user
picks, and a line under the list that says how many went where, with a link to the folder."""

from __future__ import annotations

import logging
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox

from viewer.core.bookmarks.export import export
from viewer.core.bookmarks.model import Bookmark
from viewer.core.corpus.model import Corpus, Document
from viewer.core.errors import UserError

if TYPE_CHECKING:
    from viewer.ui.bookmarks_panel import BookmarksPanel

log = logging.getLogger(__name__)


class BookmarkExporter(QObject):
    """The export steps of a BookmarksPanel; `report` is the label it writes its outcome into."""

    def __init__(self, panel: BookmarksPanel) -> None:
        super().__init__(panel)
        self.panel = panel
        self.report = QLabel()
        self.report.setObjectName("exportReport")
        self.report.setWordWrap(True)
        self.report.setTextFormat(Qt.TextFormat.RichText)
        self.report.setOpenExternalLinks(True)
        self.report.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.report.hide()

    def choose(self) -> list[Bookmark] | None:
        """The bookmarks to export: those the list shows, unless a filter hides some and the user
        asks for all of them; None when the user cancels."""
        panel = self.panel
        shown, total = panel.shown_bookmarks(), panel.store.count()
        filtered = (
            panel.search.text().strip()
            or panel.tag_filter.currentData()
            or panel.doc_filter.currentData()
            or panel.show_deleted.isChecked()
        )
        if not filtered or len(shown) == total:
            return shown
        box = QMessageBox(self.panel)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Export bookmarks"))
        box.setText(self.tr("The list shows {shown} of your {total} bookmarks.").format(shown=len(shown), total=total))
        box.setInformativeText(self.tr("Export only the bookmarks shown, or all of them?"))
        only = box.addButton(self.tr("Export the {n} shown").format(n=len(shown)), QMessageBox.ButtonRole.AcceptRole)
        every = box.addButton(self.tr("Export all {n}").format(n=total), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(only)
        box.exec()
        if box.clickedButton() is only:
            return shown
        if box.clickedButton() is every:
            return self.panel.store.list()
        return None

    def ask_path(self, fmt: str) -> Path | None:
        names = {"md": self.tr("Markdown (*.md)"), "csv": self.tr("CSV (*.csv)"), "json": self.tr("JSON (*.json)")}
        title = self.tr("Export bookmarks")
        path, _filter = QFileDialog.getSaveFileName(self.panel, title, f"bookmarks.{fmt}", names[fmt])
        return Path(path) if path else None

    def write(self, path: Path, fmt: str, bookmarks: list[Bookmark], corpus: Corpus) -> Path | None:
        """Write the export (a few kilobytes: no worker needed) and say where; None if it failed."""

        def lookup(doc_id: str) -> Document | None:
            try:
                return corpus.get(doc_id)
            except UserError:
                return None

        try:
            path.write_bytes(export(bookmarks, fmt, lookup))
        except OSError as exc:
            log.warning("bookmark export to %s failed: %s", path, exc)
            message = self.tr("The bookmarks could not be written to {path}: {error}")
            self.say(escape(message.format(path=path, error=exc.strerror or exc)), error=True)
            return None
        folder = QUrl.fromLocalFile(str(path.parent)).toString()
        if len(bookmarks) == 1:
            text = self.tr("Exported 1 bookmark to {file} in {folder}.")
        else:
            text = self.tr("Exported {n} bookmarks to {file} in {folder}.")
        self.say(
            escape(text).format(
                n=len(bookmarks),
                file=f"<b>{escape(path.name)}</b>",
                folder=f"<a href='{folder}'>{escape(str(path.parent))}</a>",
            )
        )
        return path

    def say(self, html: str, error: bool = False) -> None:
        self.report.setText(f"<span style='color:#e05d44'>{html}</span>" if error else html)
        self.report.show()
