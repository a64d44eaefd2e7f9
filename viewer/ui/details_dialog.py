"""Document > Edit details: the title, authors and year of an imported document, as the user wants
them cited and listed. The file's own values show as placeholders and come back with one button;
the text itself never changes."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from viewer.core.corpus.model import Document
from viewer.core.library.metadata import MetadataEdit, MetadataError, edit_from_text, file_values


class DetailsDialog(QDialog):
    """`edit` holds what to keep once accepted (an empty edit: the file's own details again)."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Details of the document"))
        self.setMinimumWidth(460)
        self.edit: MetadataEdit | None = None
        own = file_values(document)
        meta = document.meta
        self.title_edit = QLineEdit(meta.title)
        self.title_edit.setPlaceholderText(own.title or "")
        self.authors_edit = QLineEdit("; ".join(meta.authors))
        self.authors_edit.setPlaceholderText(self.tr("Surname, Given name; Surname, Given name"))
        self.year_edit = QLineEdit("" if meta.year is None else str(meta.year))
        self.year_edit.setPlaceholderText(self.tr("e.g. 2019"))
        self.year_edit.setMaxLength(4)
        form = QFormLayout()
        form.addRow(self.tr("&Title:"), self.title_edit)
        form.addRow(self.tr("&Authors:"), self.authors_edit)
        form.addRow(self.tr("&Year:"), self.year_edit)
        where = document.path.name if document.path is not None else document.id
        hint = QLabel(
            self.tr("Used in search results, the reader and citations. The text of {file} is not changed.").format(
                file=where
            )
        )
        hint.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c0392b")
        self.problem.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.reset_button = buttons.addButton(self.tr("Use the file's details"), QDialogButtonBox.ButtonRole.ResetRole)
        self.reset_button.setEnabled(bool(meta.extra.get("edited")))
        self.reset_button.setToolTip(self.tr("Forget your changes: title, authors and year as the file gives them"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.reset_button.clicked.connect(self.reset)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def save(self) -> None:
        try:
            edit = edit_from_text(self.title_edit.text(), self.authors_edit.text(), self.year_edit.text())
        except MetadataError as exc:
            self.problem.setText(self.tr("Not saved: {why}").format(why=str(exc)))
            self.problem.show()
            self.year_edit.setFocus()
            return
        self.edit = edit
        self.accept()

    def reset(self) -> None:
        self.edit = MetadataEdit()
        self.accept()
