"""Where things live: the bundled corpus and resources, and the user's data and cache folders.

Bundled paths resolve relative to the source tree (the app is installed editable); the
environment variables let a packager or a test point elsewhere. User folders follow platform
conventions through platformdirs (XDG on Linux, so tests can redirect them).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from viewer.core.errors import UserError

APP_NAME = "corpus-viewer"
_ROOT = Path(__file__).resolve().parents[2]


def bundled_corpus_dir() -> Path:
    return _existing(Path(os.environ.get("CORPUS_VIEWER_CORPUS", _ROOT / "corpus")), "bundled corpus")


def resources_dir() -> Path:
    return _existing(Path(os.environ.get("CORPUS_VIEWER_RESOURCES", _ROOT / "resources")), "resources")


def resource(*parts: str) -> Path:
    """A file under resources/ (which must exist)."""
    return _existing(resources_dir().joinpath(*parts), "resource")


def user_data_dir() -> Path:
    """Bookmarks and logs: user data, never deleted by the app."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_cache_dir() -> Path:
    """The search index and other caches: safe to delete, always rebuilt."""
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def _existing(path: Path, what: str) -> Path:
    if not path.exists():
        raise UserError(f"{what} not found at {path}")
    return path
