"""The note-and-tags dialog for a new or an existing bookmark.

Tab moves on from the note (a note never needs a tab character); Ctrl+Enter saves; Esc or Cancel
with a typed note asks before throwing it away; tags complete from the ones already used.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from viewer.core.corpus.markup import plain


class TagCompleter(QCompleter):
    """Completes the tag being typed after the last comma, keeping the tags before it."""

    def __init__(self, tags: Sequence[str], edit: QLineEdit) -> None:
        super().__init__(list(tags), edit)
        self.edit = edit
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)

    def splitPath(self, path: str) -> list[str]:
        return [path.rsplit(",", 1)[-1].strip()]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        before = self.edit.text().rsplit(",", 1)
        head = before[0] + ", " if len(before) > 1 else ""
        return head + str(index.data())


class BookmarkDialog(QDialog):
    """Note (multi-line) and tags (comma-separated) for a new or existing bookmark."""

    def __init__(
        self,
        quote: str,
        note: str = "",
        tags: tuple[str, ...] = (),
        parent: QWidget | None = None,
        known_tags: Sequence[str] = (),
        counterpart: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Bookmark"))
        quoted = f"«{escape(_shown(quote))}»"
        if counterpart:  # a sentence pair: both languages, as the export quotes it
            quoted += f"<br>→ «{escape(_shown(counterpart))}»"
        self.quote = QLabel(quoted)
        self.quote.setWordWrap(True)
        self.quote.setTextFormat(Qt.TextFormat.RichText)
        self.note = QPlainTextEdit(note)
        self.note.setPlaceholderText(self.tr("Your note (optional; Ctrl+Enter saves)"))
        self.note.setTabChangesFocus(True)
        self.tags = QLineEdit(", ".join(tags))
        self.tags.setPlaceholderText(self.tr("tags, separated by commas"))
        if known_tags:
            self.tags.setCompleter(TagCompleter(known_tags, self.tags))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.accept)
        form = QFormLayout(self)
        form.addRow(self.quote)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(self.tr("Tags"), self.tags)
        form.addRow(buttons)
        self._initial = self._typed()
        self.note.setFocus()
        self.resize(520, 320)

    def values(self) -> tuple[str, list[str]]:
        tags = [t.strip() for t in self.tags.text().split(",") if t.strip()]
        return self.note.toPlainText(), tags

    def _typed(self) -> tuple[str, str]:
        return self.note.toPlainText(), self.tags.text()

    def changed(self) -> bool:
        """True when the note or the tags differ from what the dialog opened with."""
        return self._typed() != self._initial

    def reject(self) -> None:
        """Esc, Cancel or closing: a typed note or changed tags are only thrown away when confirmed."""
        if self.changed() and not self._confirm_discard():
            return
        super().reject()

    def _confirm_discard(self) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Bookmark"))
        box.setText(self.tr("Throw away what you typed?"))
        discard = box.addButton(self.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("Keep editing"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        box.exec()
        return box.clickedButton() is discard


def _shown(text: str) -> str:
    clean = " ".join(plain(text).split())
    return clean if len(clean) < 400 else clean[:400] + "…"
