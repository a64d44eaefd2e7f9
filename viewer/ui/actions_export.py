"""File > Export aligned pairs (TMX): the current document's pairs (with its counterparts, else its
own two languages), or the whole library's; the user's corrections applied.

Aligning a whole corpus takes seconds, so the rows and the TMX text are made in a worker; the
file name is asked for when they are ready (nothing to export -> no dialog at all).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog

from viewer import __version__
from viewer.core.corpus.model import Document
from viewer.core.errors import UserError
from viewer.ui.errors import show_error

if TYPE_CHECKING:
    from viewer.core.align.tmx import Exported
    from viewer.ui.main_window import MainWindow


def tmx_of(current: Document | None, aligned_export: Callable[[str | None], Exported]) -> tuple[str, int, str, int]:
    """(file name, number of pairs, TMX text, sentences left out): the open document's pairs (with
    its counterparts, else of its own two languages) when it has any, else the whole library's;
    the user's corrections applied (`Workspace.aligned_export`). Runs in a worker (aligning takes a while)."""
    from viewer.core.align.tmx import write_tmx

    exported = aligned_export(current.id) if current is not None else None
    name = current.id if exported is not None and exported.rows and current is not None else "corpus"
    if exported is None or not exported.rows:
        exported = aligned_export(None)
    rows = exported.rows
    return f"{name}.tmx".replace("/", "-"), len(rows), write_tmx(rows, __version__) if rows else "", exported.left_out


class PairExport:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.last_path: Path | None = None  # where the last export was written

    def start(self) -> bool:
        """Collect the pairs in a worker, then ask where to save them; False when nothing started."""
        window = self.window
        workspace = window.workspace
        if workspace is None:
            return False
        job = window.jobs.run(
            tmx_of,
            window.document,
            workspace.aligned_export,
            on_success=lambda result: self._save(*result),
            on_failure=self._failed,
        )
        if job is None:
            return False
        window.commands.export_pairs.setEnabled(False)
        window.progress.setRange(0, 0)
        window.progress.show()
        return True

    def _save(self, name: str, count: int, tmx: str, left_out: int = 0) -> None:
        window = self.window
        window.commands.export_pairs.setEnabled(True)
        window.progress.hide()
        if not count:
            window.statusBar().showMessage(QCoreApplication.translate("MainWindow", "No aligned pairs to export"), 5000)
            return
        path, _filter = QFileDialog.getSaveFileName(
            window, QCoreApplication.translate("MainWindow", "Export aligned pairs"), name, "TMX (*.tmx)"
        )
        if not path:
            return
        try:
            Path(path).write_text(tmx, encoding="utf-8")
        except OSError as exc:
            show_error(
                window,
                QCoreApplication.translate("MainWindow", "{path} cannot be written: {error}").format(
                    path=path, error=exc.strerror or exc
                ),
            )
            return
        self.last_path = Path(path)
        said = QCoreApplication.translate("MainWindow", "Exported {n} pairs to {path}").format(n=count, path=path)
        if left_out:
            said += " " + QCoreApplication.translate(
                "MainWindow", "({n} sentences without a counterpart left out: a unit needs both languages)"
            ).format(n=left_out)
        window.statusBar().showMessage(said, 8000)

    def _failed(self, exc: BaseException, trace: str) -> None:
        self.window.commands.export_pairs.setEnabled(True)
        self.window.progress.hide()
        if isinstance(exc, UserError):
            show_error(self.window, str(exc))
        else:
            show_error(self.window, f"{type(exc).__name__}: {exc}", trace)
