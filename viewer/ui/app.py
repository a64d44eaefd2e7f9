"""Start the desktop app: check for a display, build the core services, show the main window."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from viewer.core.errors import UserError

NO_DISPLAY_MESSAGE = (
    "no display found (DISPLAY and WAYLAND_DISPLAY are unset): run the app in a desktop session, "
    "or render screenshots offscreen with `python -m viewer screenshot OUT_DIR` "
    "(or set QT_QPA_PLATFORM=offscreen)"
)


def check_display() -> None:
    """Refuse to start Qt where it would abort for lack of a display (Linux/BSD only)."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return
    if sys.platform.startswith(("linux", "freebsd", "openbsd")) and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        raise UserError(NO_DISPLAY_MESSAGE)


def run(extra_folders: Sequence[Path] = ()) -> int:
    check_display()
    from PySide6.QtWidgets import QApplication

    from viewer.core.corpus import load_corpus
    from viewer.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Corpus Viewer")
    app.setOrganizationName("corpus-viewer")
    corpus = load_corpus(extra=list(extra_folders))
    window = MainWindow(corpus)
    window.show()
    return app.exec()
