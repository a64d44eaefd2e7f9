"""Where things live: the bundled corpus and resources, and the user's data and cache folders.

The bundled corpus (`viewer/corpus/`) and the resources (`viewer/resources/`: word lists, the
language model, the lexicon, the UI translation) are package data of `viewer`, found through
`importlib.resources` by `bundled()`, so a wheel, `pip install .` and the editable install of
`scripts/dev` all find them, from any working directory. The environment variables
CORPUS_VIEWER_CORPUS and CORPUS_VIEWER_RESOURCES let a packager or a test point elsewhere.

Every function returns a `pathlib.Path` that exists on disk, so callers may `open()` it, pass it
to Qt, or `stat()` it. With any ordinary install (a folder of files, editable or not)
`importlib.resources.files()` already is such a path. Should the package ever be imported from a
zip archive, a file is extracted to a temporary copy with `importlib.resources.as_file` (kept
until the interpreter exits); folders can be extracted that way from Python 3.12 on.

User folders follow platform conventions through platformdirs (XDG on Linux, so tests can
redirect them).
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import importlib.resources
import logging
import os
from collections.abc import Iterable
from pathlib import Path

import platformdirs

from viewer.core.errors import UserError

APP_NAME = "corpus-viewer"
_PACKAGE = "viewer"
# The bundled top-level folders inside the package, with the variable that overrides each.
_OVERRIDES = {"corpus": "CORPUS_VIEWER_CORPUS", "resources": "CORPUS_VIEWER_RESOURCES"}
_extracted = contextlib.ExitStack()  # temporary copies of zipped resources (see the module doc)
atexit.register(_extracted.close)


def bundled(folder: str, *parts: str) -> Path:
    """The one way to bundled data: `folder` ("corpus" or "resources"), or a file or folder below it
    (`parts`, one name each), as an existing path; a UserError says what is missing and where.

    The folder's environment override wins over the package data."""
    if folder not in _OVERRIDES:
        raise ValueError(f"unknown bundled folder {folder!r}")
    for part in parts:  # names, never paths: nothing may escape the bundled folder
        if not part or part in (".", "..") or "/" in part or "\\" in part or os.path.isabs(part):
            raise ValueError(f"bad resource name {part!r} in {parts!r}")
    what = "bundled corpus" if folder == "corpus" else "resources"
    override = os.environ.get(_OVERRIDES[folder])
    if override:
        return _existing(Path(override).joinpath(*parts), what if not parts else "resource")
    ref = importlib.resources.files(_PACKAGE).joinpath(folder)
    for part in parts:
        ref = ref.joinpath(part)
    if isinstance(ref, Path):  # a regular or editable install: files on disk
        return _existing(ref, what if not parts else "resource")
    if not ref.is_file() and not ref.is_dir():
        raise UserError(f"{what if not parts else 'resource'} not found at {ref} (package data of {_PACKAGE})")
    try:
        return Path(_extracted.enter_context(importlib.resources.as_file(ref)))
    except (OSError, TypeError) as exc:  # a folder inside a zip before Python 3.12
        raise UserError(f"cannot extract {ref} from a zipped install: install corpus-viewer unpacked") from exc


def bundled_corpus_dir() -> Path:
    """The bundled corpus folder: manifest.toml and the texts it lists."""
    return bundled("corpus")


def resources_dir() -> Path:
    """The resources folder (prefer `resource()` for a single file)."""
    return bundled("resources")


def resource(*parts: str) -> Path:
    """A file under the resources folder (which must exist), e.g. `resource("langid", "nbnn_ngrams.tsv.gz")`."""
    return bundled("resources", *parts)


def code_digest(seed: str, files: Iterable[Path], resources: Iterable[tuple[str, ...]], what: str) -> str:
    """A digest of `seed` and each file's and resource's name, size and modification time: a stat,
    not a read (it runs at start-up); an edit changes at least the time. What cannot be found is
    logged (as `what`) and left out: a missing model fails later, where it is loaded."""
    digest = hashlib.sha256(seed.encode())
    paths = list(files)
    for parts in resources:
        try:
            paths.append(resource(*parts))
        except UserError as exc:
            logging.getLogger(__name__).warning("%s: %s missing (%s)", what, "/".join(parts), exc)
    for path in paths:
        try:
            info = path.stat()
        except OSError as exc:
            logging.getLogger(__name__).warning("%s: %s unreadable (%s)", what, path, exc)
            continue
        digest.update(f"{path.name}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


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
