"""Where the log goes: one file in the user data folder, shared by the app and the CLI.

Warnings that the core logs (a cache thrown away, a file that could not be read again) belong
in the log, not on a user's terminal: commands say what matters in one line of their own.
"""

from __future__ import annotations

import logging
from pathlib import Path

from viewer.core.paths import user_data_dir

FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"


class _QuietFileHandler(logging.FileHandler):
    """A log file that, when it cannot be written (a full disk), drops the record instead of
    printing a "--- Logging error ---" traceback on the user's terminal."""

    def handleError(self, record: logging.LogRecord) -> None:
        pass


def log_file() -> Path:
    return user_data_dir() / "logs" / "viewer.log"


def configure(level: int = logging.INFO) -> Path | None:
    """Send the `viewer` loggers to the log file; None when it cannot be written (logging is
    then dropped rather than printed on the terminal)."""
    root = logging.getLogger("viewer")
    root.setLevel(level)
    root.propagate = False
    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = _QuietFileHandler(path, encoding="utf-8", delay=True)
    except OSError:
        root.addHandler(logging.NullHandler())
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    root.addHandler(handler)
    return path
