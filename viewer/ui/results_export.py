"""File > Export results… (Ctrl+E): what the search shows, as CSV or TSV (`viewer.core.concord.export`).

In the concordance, the lines as shown (sorted, and only a candidate's when one is chosen); with
the passages, every hit of the search (not only the pages loaded), each with its aligned sentence.
The file name is asked first; the rows are made and written in a worker.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog

from viewer.core.concord import export
from viewer.core.errors import UserError
from viewer.ui.errors import show_error

if TYPE_CHECKING:
    from viewer.core.concord.model import Line
    from viewer.core.workspace import Workspace
    from viewer.ui.actions_search import SearchActions
    from viewer.ui.main_window import MainWindow

MAX_HITS = 100_000  # passages one export holds


def write_lines(workspace: Workspace, lines: list[Line], path: Path, fmt: str) -> int:
    """Runs in a worker: the concordance lines to `path`; returns how many."""
    rows = export.line_rows(lines, workspace.corpus)
    path.write_bytes(export.write(rows, fmt))
    return len(rows)


def write_hits(
    workspace: Workspace, query: str, lang: str | None, doc: str | None, cross: bool, path: Path, fmt: str
) -> int:
    """Runs in a worker: every hit of the search to `path`, with the aligned sentence of each."""
    options = {"cross": True} if cross else {}
    results = workspace.search(query, lang=lang, doc=doc, pagelen=MAX_HITS, **options)  # type: ignore[arg-type]
    sentences, _model = workspace.concordancer.learned()
    rows = export.hit_rows(results.hits, workspace.corpus, sentences)
    path.write_bytes(export.write(rows, fmt))
    return len(rows)


class ResultsExport:
    def __init__(self, window: MainWindow, actions: SearchActions) -> None:
        self.window, self.actions = window, actions
        self.running = False
        self.last_path: Path | None = None  # where the last export was written

    def start(self) -> bool:
        """Ask where, then write in a worker; False when nothing started."""
        window, panel = self.window, self.actions.panel
        workspace = window.workspace
        if workspace is None or panel is None or self.running:
            return False
        query = panel.query()
        concordance = self.actions.concordance
        if not query or (concordance.active and not concordance.model.rowCount()):
            window.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "Nothing to export: search first"), 5000
            )
            return False
        kind = "concordance" if concordance.active else "results"
        stem = re.sub(r"[^\w-]+", "-", query).strip("-")[:40] or "search"
        name = f"{kind}-{stem}.csv"
        chosen, chosen_filter = QFileDialog.getSaveFileName(
            window, QCoreApplication.translate("MainWindow", "Export results"), name, "CSV (*.csv);;TSV (*.tsv)"
        )
        if not chosen:
            return False
        path = Path(chosen)
        fmt = "tsv" if path.suffix.lower() == ".tsv" or ("tsv" in chosen_filter.lower() and not path.suffix) else "csv"
        if not path.suffix:
            path = path.with_suffix(f".{fmt}")
        callbacks = {"on_success": lambda n: self._done(path, n), "on_failure": self._failed}
        if concordance.active:
            lines = [line for row in range(concordance.model.rowCount()) if (line := concordance.model.line(row))]
            job = window.jobs.run(write_lines, workspace, lines, path, fmt, **callbacks)  # type: ignore[arg-type]
        else:
            request = (query, panel.lang_filter(), panel.doc_filter(), panel.cross)
            job = window.jobs.run(write_hits, workspace, *request, path, fmt, **callbacks)  # type: ignore[arg-type]
        if job is None:
            return False
        self.running = True
        self.actions.export_action.setEnabled(False)
        window.progress.setRange(0, 0)
        window.progress.show()
        return True

    def _finish(self) -> None:
        self.running = False
        self.actions.export_action.setEnabled(True)
        self.window.progress.hide()

    def _done(self, path: Path, count: int) -> None:
        self._finish()
        self.last_path = path
        message = QCoreApplication.translate("MainWindow", "Exported {n} rows to {path}").format(n=count, path=path)
        self.window.statusBar().showMessage(message, 8000)

    def _failed(self, exc: BaseException, trace: str) -> None:
        self._finish()
        if isinstance(exc, (UserError, OSError)):
            show_error(
                self.window,
                QCoreApplication.translate("MainWindow", "The results could not be exported: {error}").format(
                    error=exc
                ),
                "",
            )
        else:
            show_error(self.window, str(exc), trace)
