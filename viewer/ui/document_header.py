"""The lines over the reader: the open document's title with the side-by-side switch (Ctrl+T), then
its counterparts (the documents that translate it) with the hit count where the line ends.

Texts keep the "MainWindow" translation context they had when the window held these widgets.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout, QWidget

from viewer.ui.counterparts import CounterpartsBar


class DocumentHeader(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc_title = QLabel(QCoreApplication.translate("MainWindow", "No document open"))
        self.doc_title.setObjectName("docTitle")
        self.doc_title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.doc_title.setWordWrap(True)
        self.doc_title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.counterparts_bar = CounterpartsBar()
        self.hit_label = QLabel()
        self.side_by_side_action = QAction(QCoreApplication.translate("MainWindow", "Side-by-side view"), self)
        self.side_by_side_action.setShortcut(QKeySequence("Ctrl+T"))
        self.side_by_side_action.setCheckable(True)
        self.side_by_side_action.setEnabled(False)
        self.pair_button = QToolButton()
        self.pair_button.setStyleSheet(
            "QToolButton:checked { background: palette(highlight); "
            "color: palette(highlighted-text); border-radius: 3px; }"
        )
        self.pair_button.setDefaultAction(self.side_by_side_action)

        title_line = QHBoxLayout()
        title_line.setContentsMargins(6, 4, 6, 0)
        title_line.addWidget(self.doc_title, 1)
        title_line.addWidget(self.pair_button, 0, Qt.AlignmentFlag.AlignTop)
        counterparts_line = QHBoxLayout()  # the counterparts, and the hit count where the line ends
        counterparts_line.setContentsMargins(0, 0, 6, 0)
        counterparts_line.addWidget(self.counterparts_bar, 1)
        counterparts_line.addWidget(self.hit_label, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(title_line)
        layout.addLayout(counterparts_line)

    def show_title(self, title: str) -> None:
        self.doc_title.setText(f"<b>{escape(title)}</b>")

    def show_available(self, available: bool | None) -> None:
        """The side-by-side switch: on when there is a translation, off when there is none, waiting
        (on, saying so) while that is not known yet."""
        self.side_by_side_action.setEnabled(available is not False)
        if available:
            tip = QCoreApplication.translate("MainWindow", "Show the two language versions side by side (Ctrl+T)")
        elif available is False:
            tip = QCoreApplication.translate("MainWindow", "This document has no aligned translation")
        else:
            tip = QCoreApplication.translate("MainWindow", "Aligning the translation…")
        self.pair_button.setToolTip(tip)

    def show_hit_count(self, index: int, count: int, side_by_side: bool = False) -> None:
        """`index` of `count` matches in the reader; side by side, of the sentences holding one."""
        if count and side_by_side:
            said = (
                QCoreApplication.translate("MainWindow", "sentence {i} of {n} with matches")
                if index >= 0
                else QCoreApplication.translate("MainWindow", "{n} sentences with matches · F3 steps")
            )
            self.hit_label.setText(said.format(i=index + 1, n=count))
        elif not count:
            self.hit_label.setText("")
        elif index < 0:  # marked, none current yet
            self.hit_label.setText(
                QCoreApplication.translate("MainWindow", "{n} matches in this document · F3 steps").format(n=count)
            )
        else:
            said = QCoreApplication.translate("MainWindow", "match {i} of {n} in this document")
            self.hit_label.setText(said.format(i=index + 1, n=count))
