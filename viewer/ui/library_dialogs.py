"""The library's dialogs: what an import did (a sentence first, then the translation pairs found,
the files not imported with their reasons and the warnings apart), and the collections, with a
removal that asks first.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from viewer.ui.labels import lang_name

if TYPE_CHECKING:
    from viewer.core.library.importers import ImportReport
    from viewer.core.library.registry import Collection
    from viewer.core.pairs.model import DocumentPair


class ImportReportDialog(QDialog):
    """The counts of an import, the translation pairs its documents are in, and every skipped file
    with its reason."""

    def __init__(self, report: ImportReport, pairs: Sequence[DocumentPair] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import report"))
        summary = QLabel(self.sentence(report, pairs))
        summary.setObjectName("importSentence")
        summary.setWordWrap(True)
        details = QLabel(self.details(report))
        details.setEnabled(False)  # dimmed: the figures behind the sentence
        self.pairs_table = self._pairs_table(pairs)
        self.table = self._files_table([(p, r) for p, r in report.skipped])
        self.warnings = self._files_table([(_path_of(w), _reason_of(w)) for w in report.warnings])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(details)
        sections = (
            (self.pairs_table, bool(pairs), self.tr(
                "Translation pairs found (confirm or reject them from a document’s Translations line or the "
                "Document menu):"
            )),
            (self.table, bool(report.skipped), self.tr("Not imported, with the reason:")),
            (self.warnings, bool(report.warnings), self.tr("Imported, with a warning:")),
        )  # fmt: skip
        for table, shown, title in sections:
            if shown:
                layout.addWidget(QLabel(title))
                layout.addWidget(table)
            else:
                table.hide()
        layout.addWidget(buttons)
        rows = len(report.skipped) + len(report.warnings)
        if rows or pairs:
            self.resize(
                800 if pairs else 720, 160 + (200 if rows else 0) + (60 + 28 * min(len(pairs), 6) if pairs else 0)
            )
        else:  # a sentence and its figures: as tall as they are, no empty space below
            width = 560
            shape = layout
            height = shape.totalHeightForWidth(width) if shape.hasHeightForWidth() else shape.sizeHint().height()
            self.resize(width, max(height, shape.minimumSize().height()))

    def sentence(self, report: ImportReport, pairs: Sequence[DocumentPair]) -> str:
        """What happened, as a person would say it: "3 new texts imported; 2 translation pairs found." """
        counts = [
            (len(report.imported), self.tr("1 new text imported"), self.tr("{n} new texts imported")),
            (len(report.updated), self.tr("1 changed text read again"), self.tr("{n} changed texts read again")),
            (
                len(report.removed),
                self.tr("1 text removed (its file is gone)"),
                self.tr("{n} texts removed (their files are gone)"),
            ),
            (len(report.renamed), self.tr("1 file renamed"), self.tr("{n} files renamed")),
            (
                len(report.skipped),
                self.tr("1 file not imported (see below)"),
                self.tr("{n} files not imported (see below)"),
            ),
            (len(pairs), self.tr("1 translation pair found"), self.tr("{n} translation pairs found")),
        ]
        said = [(one if n == 1 else many.format(n=n)) for n, one, many in counts if n]
        if not said:
            said = [self.tr("Nothing new: every text is as it was")]
        text = "; ".join(said) + "."
        if report.cancelled:
            text = self.tr("The import was stopped; what it had read stays:") + " " + text
        if report.pairs_pending and report.cancelled:  # the workspace looks again at the next start (or import)
            text += " " + self.tr(
                "Translations among these texts are looked for when the app next starts, or at the next import."
            )
        elif report.pairs_pending:
            text += " " + self.tr(
                "The import was stopped before translations were looked for among these texts: they are looked "
                "for when the app next starts, or at the next import."
            )
        return text[0].upper() + text[1:]

    def details(self, report: ImportReport) -> str:
        """The figures: files unchanged, what was read, how long the whole import took and, of that,
        the reading of the files (the corpus, the index and the translations took the rest)."""
        parts = []
        if report.unchanged:
            parts.append(self.tr("{n} unchanged").format(n=report.unchanged))
        if report.bytes_read:
            parts.append(self.tr("{mb:.1f} MB read").format(mb=report.bytes_read / 1e6))
        if report.total_seconds > report.seconds:
            parts.append(
                self.tr("{total:.1f} s in all (reading the files {read:.1f} s)").format(
                    total=report.total_seconds, read=report.seconds
                )
            )
        else:
            parts.append(self.tr("{s:.1f} s").format(s=report.seconds))
        return " · ".join(parts)

    def _files_table(self, rows: Sequence[tuple[str, str]]) -> QTableWidget:
        table = QTableWidget(len(rows), 2, self)
        table.setHorizontalHeaderLabels([self.tr("File"), self.tr("Reason")])
        for i, (path, reason) in enumerate(rows):
            table.setItem(i, 0, QTableWidgetItem(path))
            table.setItem(i, 1, QTableWidgetItem(reason))
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        table.resizeColumnToContents(0)
        table.verticalHeader().hide()
        return table

    def _pairs_table(self, pairs: Sequence[DocumentPair]) -> QTableWidget:
        """One row per pair: the two documents, their languages, the score and what it is."""
        names = {
            "suggested": self.tr("suggested"),
            "confirmed": self.tr("confirmed"),
            "manual": self.tr("paired by hand"),
            "rejected": self.tr("rejected"),
        }
        table = QTableWidget(len(pairs), 4, self)
        table.setHorizontalHeaderLabels(
            [self.tr("Document"), self.tr("Translation"), self.tr("Languages"), self.tr("Score")]
        )
        for i, pair in enumerate(pairs):
            sure = "" if pair.confident else " · " + self.tr("to confirm")
            cells = [
                pair.source,
                pair.target,
                f"{lang_name(pair.languages[0])} – {lang_name(pair.languages[1])}",
                f"{pair.score:.2f} {names.get(pair.status, pair.status)}{sure}",
            ]
            for k, text in enumerate(cells):
                table.setItem(i, k, QTableWidgetItem(text))
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        return table


class CollectionsDialog(QDialog):
    """The bundled corpus and each added collection, with their document counts; remove one."""

    remove_requested = Signal(str)

    def __init__(
        self, collections: Sequence[Collection], counts: dict[str, int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Collections"))
        self.collections = list(collections)
        self.counts = counts
        self.table = QTableWidget(len(self.collections), 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("Collection"), self.tr("Documents"), self.tr("Where")])
        for i, c in enumerate(self.collections):
            self.table.setItem(i, 0, QTableWidgetItem(c.name))
            self.table.setItem(i, 1, QTableWidgetItem(str(counts.get(c.id, 0))))
            self.table.setItem(i, 2, QTableWidgetItem("; ".join(str(p) for p in c.paths) or "corpus/"))
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        remove = QPushButton(self.tr("Remove collection"))
        remove.setToolTip(self.tr("Its documents leave the index; bookmarks on them are kept (shown as orphaned)"))
        remove.clicked.connect(self._on_remove_clicked)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(remove, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(720, 320)

    def _on_remove_clicked(self) -> None:
        row = self.table.currentRow()
        if not 0 <= row < len(self.collections) or self.collections[row].kind == "bundled":
            return
        collection = self.collections[row]
        count = self.counts.get(collection.id, 0)
        answer = QMessageBox.question(
            self,
            self.tr("Remove collection"),
            self.tr(
                "Remove “{name}” and its {n} documents from the library? The files stay where they are, "
                "and bookmarks on them are kept (shown as orphaned); add the folder again to bring them back."
            ).format(name=collection.name, n=count),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.remove_requested.emit(collection.id)
            self.accept()


def _path_of(warning: str) -> str:
    """The file a warning is about ("path: what"), "" when it names none."""
    head, sep, _rest = warning.partition(": ")
    return head if sep and ("/" in head or "." in head) else ""


def _reason_of(warning: str) -> str:
    return warning.partition(": ")[2] if _path_of(warning) else warning
