"""Start the desktop app: check for a display, set up Qt, build the core services, show the window.

The window paints first; the corpus, index and bookmarks are then opened in a worker thread and
handed to it (`MainWindow.attach`), so start-up never blocks on indexing.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from viewer.core.errors import UserError

NO_DISPLAY_MESSAGE = (
    "no display found (DISPLAY and WAYLAND_DISPLAY are unset): open the window from a desktop session "
    "or under a virtual X server (`xvfb-run -a .venv/bin/corpus-viewer`, Debian package xvfb), "
    "or render its screens to PNG files offscreen: `.venv/bin/corpus-viewer screenshot OUT_DIR` "
    "(`corpus-viewer screenshot OUT_DIR` when installed with pip)"
)
log = logging.getLogger("viewer")


def check_display() -> None:
    """Refuse to start Qt where it would abort for lack of a display (Linux/BSD only)."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return
    if sys.platform.startswith(("linux", "freebsd", "openbsd")) and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        raise UserError(NO_DISPLAY_MESSAGE)


def setup_logging() -> Path:
    from viewer.core.paths import user_data_dir

    folder = user_data_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "viewer.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def install_excepthook(log_path: Path, show: Callable[[str, str], None]) -> None:
    """Unexpected exceptions go to the log file and to a dialog that offers to copy the details."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        details = "".join(traceback.format_exception(kind, value, tb))
        log.error("unexpected error\n%s", details)
        if isinstance(value, UserError):
            show(str(value), "")
        else:
            show(f"{kind.__name__}: {value}\n\nThe details were written to {log_path}.", details)

    sys.excepthook = hook


def tune_interpreter() -> None:
    """Let the UI thread win the GIL back quickly from busy worker threads (default: 5 ms)."""
    sys.setswitchinterval(0.001)


def create_application(argv: Sequence[str] = ()) -> Any:
    from PySide6.QtCore import QCoreApplication, QLocale
    from PySide6.QtWidgets import QApplication

    tune_interpreter()
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    QCoreApplication.setApplicationName("Corpus Viewer")
    QCoreApplication.setOrganizationName("corpus-viewer")
    QCoreApplication.setOrganizationDomain("corpus-viewer.local")
    install_translation(app, QLocale.system())
    return app


def install_translation(app: Any, locale: Any) -> bool:
    """Load the Norwegian UI for nb, nn and no locales (the app ships a Bokmål translation)."""
    from PySide6.QtCore import QTranslator

    from viewer.core.paths import resource

    if locale.name().split("_")[0] not in ("nb", "nn", "no"):
        return False
    translator = QTranslator(app)
    try:
        qm = resource("i18n", "viewer_nb.qm")  # package data: a file on disk (see viewer.core.paths)
    except UserError as exc:
        log.warning("no UI translation: %s", exc)
        return False
    if translator.load(str(qm)):
        app.installTranslator(translator)
        app._viewer_translator = translator  # keep it alive with the app
        return True
    return False


def run(extra_folders: Sequence[Path] = ()) -> int:
    check_display()
    app = create_application()
    from viewer.ui.errors import show_error
    from viewer.ui.main_window import MainWindow

    log_path = setup_logging()
    install_excepthook(log_path, lambda message, details: show_error(None, message, details))
    window = MainWindow()
    window.extra_folders = list(extra_folders)
    window.show()
    from viewer.ui.services import open_core, open_index

    window.start(lambda progress: open_core(extra_folders, progress=progress),
                 lambda services, progress: open_index(services, extra_folders, progress=progress))
    code = int(app.exec())
    if window.services is not None:
        window.services.close()
    return code
