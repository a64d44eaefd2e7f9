"""The main window: documents on the left, the selected document's passages on the right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QTextBrowser,
)

from viewer.core.corpus import Corpus
from viewer.core.model import Document

LANG_TINT = {"en": "#e8f0fe", "nb": "#fdf1e3", "nn": "#e6f4ea", "und": "#f1f1f1"}


class MainWindow(QMainWindow):
    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.corpus = corpus
        self.setWindowTitle(self.tr("Corpus Viewer"))
        self.documents = QListWidget()
        self.documents.setWordWrap(True)
        self.reader = QTextBrowser()
        for document in corpus.documents:
            item = QListWidgetItem(f"{document.title}\n{document.id} · {document.meta.kind}")
            item.setData(Qt.ItemDataRole.UserRole, document.id)
            self.documents.addItem(item)
        splitter = QSplitter()
        splitter.addWidget(self.documents)
        splitter.addWidget(self.reader)
        splitter.setSizes([320, 880])
        self.setCentralWidget(splitter)
        self.documents.currentItemChanged.connect(self._on_documents_current_changed)
        self.resize(1200, 800)
        if corpus.documents:
            self.documents.setCurrentRow(0)

    def _on_documents_current_changed(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is not None:
            self.show_document(self.corpus.get(item.data(Qt.ItemDataRole.UserRole)))

    def show_document(self, document: Document) -> None:
        from html import escape

        parts = [f"<h2>{escape(document.title)}</h2>"]
        for p in document.passages:
            colour = "#999" if p.low_value else "#000"
            parts.append(
                f'<p style="background:{LANG_TINT.get(p.lang.value, "#fff")};color:{colour}">'
                f"<b>[{p.lang.value}]</b> {escape(p.text)}</p>"
            )
        self.reader.setHtml("".join(parts))
