"""Find in the document (Ctrl+F): a bar under the reader that finds text in a QTextDocument and
steps through the matches; the reader draws them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QTextBrowser, QToolButton, QWidget

MAX_MATCHES = 5000


class FindBar(QWidget):
    """Finds in `browser`'s document; `matches` and `index` say what to draw, `changed` when to."""

    changed = Signal()
    closed = Signal()

    def __init__(self, browser: QTextBrowser, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.browser = browser
        self.matches: list[QTextCursor] = []
        self.index = -1
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 4, 2)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(QCoreApplication.translate("ReaderView", "Find in document"))
        self.edit.setClearButtonEnabled(True)
        self.status = QLabel()
        prev_button, next_button, close_button = QToolButton(), QToolButton(), QToolButton()
        prev_button.setText("↑")
        prev_button.setToolTip(QCoreApplication.translate("ReaderView", "Previous match (Shift+F3)"))
        next_button.setText("↓")
        next_button.setToolTip(QCoreApplication.translate("ReaderView", "Next match (F3)"))
        close_button.setText("✕")
        close_button.setToolTip(QCoreApplication.translate("ReaderView", "Close (Esc)"))
        find_label = QLabel(QCoreApplication.translate("ReaderView", "Find:"))
        for widget in (find_label, self.edit, prev_button, next_button, self.status):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(close_button)
        self.edit.textChanged.connect(self._on_edit_text_changed)
        self.edit.returnPressed.connect(lambda: self.step(1))
        prev_button.clicked.connect(lambda: self.step(-1))
        next_button.clicked.connect(lambda: self.step(1))
        close_button.clicked.connect(self.close_bar)
        escape_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape_shortcut.activated.connect(self.close_bar)
        self.hide()

    def open(self, text: str = "") -> None:
        self.show()
        if text:
            self.edit.setText(text)
        self.edit.setFocus()
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.forget()
        self.closed.emit()

    def forget(self) -> None:
        """Drop the matches (the document changed)."""
        self.matches, self.index = [], -1

    def current(self) -> QTextCursor | None:
        return self.matches[self.index] if 0 <= self.index < len(self.matches) else None

    def step(self, step: int) -> None:
        if self.matches:
            self.index = (self.index + step) % len(self.matches)
        self._after_step()

    def _on_edit_text_changed(self, text: str) -> None:
        self.matches = []
        doc = self.browser.document()
        if text:
            cursor = doc.find(text, 0)
            while not cursor.isNull() and len(self.matches) < MAX_MATCHES:
                self.matches.append(cursor)
                cursor = doc.find(text, cursor)
        self.index = 0 if self.matches else -1
        self._after_step()

    def _after_step(self) -> None:
        n = len(self.matches)
        self.status.setText(
            QCoreApplication.translate("ReaderView", "{i} of {n}").format(i=self.index + 1, n=n)
            if n
            else (QCoreApplication.translate("ReaderView", "not found") if self.edit.text() else "")
        )
        self.changed.emit()
