"""Start the desktop app: check for a display, set up Qt, open the workspace, show the window.

The window paints first; the workspace (library, corpus, bookmarks) is then opened in a worker
thread and handed to it (`MainWindow.attach`), and the search index after it in another, so
start-up never blocks on indexing (`start`).
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from viewer.core.errors import UserError

if TYPE_CHECKING:
    from viewer.ui.main_window import MainWindow

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


FREEZE_ABOVE_PASSAGES = 20_000  # about 4 MB of text; a full collection of a smaller library is quick


def settle_heap(passages: int) -> bool:
    """WORKAROUND: in a big library, what is alive once the workspace is attached (its documents: a
    million objects at 50 MB) is moved out of the cyclic collector's reach (`gc.freeze`). A full
    collection walked them all on the UI thread, 0.46 s CPU at 50 MB, now and then in the middle of a
    keystroke (ui_bench saw 0.8-1.5 s). Reference counting still frees them when another corpus
    replaces them. True when it froze."""
    if passages < FREEZE_ABOVE_PASSAGES:
        return False
    gc.freeze()
    return True


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


def start(window: MainWindow, extra_folders: Sequence[Path] = (), **options: Any) -> None:
    """Open the workspace in a worker and attach it to the window, then open (or build: large
    builds run in a child process) the search index in another worker. Reading works as soon as
    the workspace is attached; searching once the index is there. `options` go to
    `Workspace.open` (tests pass a library, an index cache, a bookmarks path)."""
    if TYPE_CHECKING:
        from viewer.core.workspace import Workspace

    def open_workspace(progress: Callable[[int, int, str], None]) -> Workspace:
        from viewer.core.workspace import Workspace  # imported in the worker: the window paints meanwhile

        return Workspace.open(list(extra_folders), progress=progress, isolate=True, **options)

    def attach(workspace: Workspace) -> None:
        indexing = not window.closed and workspace.index is None
        if indexing:  # opened in a worker while the window takes the workspace
            window.jobs.run(
                workspace.open_index,
                on_success=window.index_opened,
                on_failure=window.index_failed,
                on_progress=window.show_progress,
            )
        window.attach(workspace)
        settle_heap(workspace.corpus.passage_count)
        if indexing and window.workspace is workspace and workspace.index is None:
            window.show_index_building()

    window.show_loading()
    window.jobs.run(open_workspace, on_success=attach, on_failure=window.open_failed, on_progress=window.show_progress)


def run(extra_folders: Sequence[Path] = ()) -> int:
    check_display()
    app = create_application()
    from viewer.ui.errors import show_error
    from viewer.ui.main_window import MainWindow

    log_path = setup_logging()

    def show(message: str, details: str) -> None:
        show_error(None, message, details)

    install_excepthook(log_path, show)
    window = MainWindow()
    window.show()
    start(window, extra_folders)
    code = int(app.exec())
    window.shut_down()  # when the loop ended without the window closing; waits for running jobs
    return code
