"""The note-and-tags dialog for a new or an existing bookmark."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QWidget


class BookmarkDialog(QDialog):
    """Note (multi-line) and tags (comma-separated) for a new or existing bookmark."""

    def __init__(self, quote: str, note: str = "", tags: tuple[str, ...] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Bookmark"))
        shown = quote if len(quote) < 400 else quote[:400] + "…"
        self.quote = QLabel(f"«{escape(shown)}»")
        self.quote.setWordWrap(True)
        self.quote.setTextFormat(Qt.TextFormat.RichText)
        self.note = QPlainTextEdit(note)
        self.note.setPlaceholderText(self.tr("Your note (optional)"))
        self.tags = QLineEdit(", ".join(tags))
        self.tags.setPlaceholderText(self.tr("tags, separated by commas"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.quote)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(self.tr("Tags"), self.tags)
        form.addRow(buttons)
        self.resize(520, 320)

    def values(self) -> tuple[str, list[str]]:
        tags = [t.strip() for t in self.tags.text().split(",") if t.strip()]
        return self.note.toPlainText(), tags
