"""The index's folders in the user cache: keys, a build lock that survives crashes, checks and swaps.

Layout under `user_cache_dir()/index/` (or a folder the caller gives):
  <key>/             a complete index, with manifest.json written last (its presence = complete)
  <key>.tmp-<pid>/   a build in progress; renamed to <key> when done, so a crash never leaves a
                     half index in use
  <key>.lock         the build lock: {"pid", "host", "started"}; stale when its process is gone
  <key>.broken-<t>/  a damaged index moved aside (the newest two are kept for inspection)
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import socket
import time
import zlib
from collections.abc import Iterator
from pathlib import Path

from viewer.core.paths import user_cache_dir

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
# Files are checksummed at open when the index is at most this big; above it only sizes are
# checked (and the structure, by reading the index), so opening a large index stays fast.
CRC_LIMIT = 16 * 1024 * 1024
STALE_UNREADABLE_LOCK_S = 600.0
KEEP_BROKEN = 2


def default_root() -> Path:
    return user_cache_dir() / "index"


def index_key(corpus_fingerprint: str, schema_version: str, analyzer_version: str) -> str:
    """The cache key: changes with the corpus content, the schema or the analysis."""
    import whoosh

    raw = f"{corpus_fingerprint}\0{schema_version}\0{analyzer_version}\0{whoosh.versionstring()}"
    return hashlib.sha256(raw.encode()).hexdigest()[:24]


def write_manifest(folder: Path, key: str, passages: int, docs: dict[str, str] | None = None,
                   versions: str = "", known: dict[str, list[int]] | None = None) -> None:
    """Record the key, passage count, each file's size and CRC, and each document's key; written last.

    `docs` (document id -> document key) lets a later corpus derive its index from this one;
    `known` holds the [size, crc] of files copied from another index (Whoosh never rewrites a file).
    """
    files = {}
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.name != MANIFEST and not path.name.endswith("LOCK"):
            old = (known or {}).get(path.name)
            if old is not None and old[0] == path.stat().st_size:
                files[path.name] = list(old)
                continue
            data = path.read_bytes()
            files[path.name] = [len(data), zlib.crc32(data)]
    record: dict[str, object] = {"key": key, "passages": passages, "files": files}
    if docs is not None:
        record.update(docs=docs, versions=versions)
    tmp = folder / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(record), encoding="utf-8")
    os.replace(tmp, folder / MANIFEST)


def link_files(source: Path, target: Path) -> None:
    """Hard-link (or copy, where links are not possible) an index's files into an empty folder."""
    for path in source.iterdir():
        if not path.is_file() or path.name == MANIFEST or path.name.endswith("LOCK"):
            continue
        try:
            os.link(path, target / path.name)
        except OSError:
            shutil.copy2(path, target / path.name)


def check_files(folder: Path, key: str | None) -> tuple[dict[str, object] | None, str]:
    """(manifest, "") when the folder's files match its manifest, else (None, what is wrong).

    `key` None accepts any key (for a folder that a new index may be derived from)."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        files: dict[str, list[int]] = manifest["files"]
    except FileNotFoundError:
        return None, "its manifest is missing (an unfinished build?)"
    except (OSError, ValueError, KeyError, TypeError):
        return None, "its manifest is unreadable"
    if key is not None and manifest.get("key") != key:
        return None, "it belongs to another corpus version"
    total = sum(size for size, _crc in files.values())
    for name, (size, crc) in files.items():
        path = folder / name
        try:
            actual = path.stat().st_size
        except OSError:
            return None, f"{name} is missing"
        if actual != size:
            return None, f"{name} has {actual} bytes, expected {size} (truncated or replaced)"
        if total <= CRC_LIMIT and zlib.crc32(path.read_bytes()) != crc:
            return None, f"{name} is damaged (checksum mismatch)"
    return manifest, ""


def move_aside(root: Path, folder: Path) -> Path | None:
    """Rename a damaged index out of the way; keep the newest few for inspection."""
    target = root / f"{folder.name}.broken-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}"
    try:
        folder.rename(target)
    except OSError as exc:
        log.warning("could not move the damaged index %s aside (%s); deleting it", folder, exc)
        shutil.rmtree(folder, ignore_errors=True)
        return None
    broken = sorted(root.glob(f"{folder.name}.broken-*"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in broken[KEEP_BROKEN:]:
        shutil.rmtree(old, ignore_errors=True)
    return target


def swap_in(root: Path, tmp: Path, final: Path) -> None:
    """Make the finished build `tmp` the index at `final`, replacing what was there."""
    old = None
    if final.exists():
        old = root / f"{final.name}.old-{os.getpid()}-{time.monotonic_ns()}"
        final.rename(old)
    tmp.rename(final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)  # open readers keep their files on POSIX


def clean_up(root: Path, keep: str) -> None:
    """Remove indexes of other keys and leftovers of builds whose process is gone."""
    for path in root.iterdir():
        name = path.name
        if name == keep or ".broken-" in name or name.endswith(".lock"):
            continue
        if ".tmp-" in name:
            pid = name.rsplit(".tmp-", 1)[1]
            if pid.isdigit() and pid_alive(int(pid)):
                continue
        elif _lock_path(root, name).exists() and BuildLock(root, name).holder() is not None:
            continue
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    except OSError:
        return False
    return True


def _lock_path(root: Path, key: str) -> Path:
    return root / f"{key}.lock"


class BuildLock:
    """An exclusive, crash-tolerant lock on building one key: a file created with O_EXCL.

    A lock whose process no longer runs (same host), or that is unreadable and old, is stale and
    is cleared. Whoosh's own write lock cannot go stale (it is an flock), but our lock spans the
    whole build-and-swap, which must be exclusive across instances.
    """

    def __init__(self, root: Path, key: str) -> None:
        self.path = _lock_path(root, key)
        self.held = False
        self.cleared_stale: str = ""

    def holder(self) -> dict[str, object] | None:
        """The live holder's record, or None when free or stale."""
        try:
            info = json.loads(self.path.read_text(encoding="utf-8"))
            pid, host = int(info["pid"]), str(info["host"])
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            try:
                age = time.time() - self.path.stat().st_mtime
            except OSError:
                return None
            return None if age > STALE_UNREADABLE_LOCK_S else {"pid": "?", "host": "?"}
        if host == socket.gethostname() and not pid_alive(pid):
            return None
        if host != socket.gethostname() and time.time() - float(info.get("started", 0)) > 24 * 3600:
            return None
        return dict(info)

    def try_acquire(self) -> bool:
        record = json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "started": time.time()})
        for _attempt in range(3):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                info = self._stale_info()
                if info is None:
                    return False
                self.cleared_stale = info
                with contextlib.suppress(FileNotFoundError):
                    self.path.unlink()
                continue
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(record)
            self.held = True
            return True
        return False

    def _stale_info(self) -> str | None:
        """A description of the stale lock, or None when a live process holds it."""
        if self.holder() is not None:
            return None
        try:
            return f"cleared a stale index lock ({self.path.read_text(encoding='utf-8')[:80].strip()})"
        except OSError:
            return "cleared a stale index lock"

    def acquire(self, wait: float) -> bool:
        deadline = time.monotonic() + wait
        while not self.try_acquire():
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.1)
        return True

    def release(self) -> None:
        if self.held:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
            self.held = False

    @contextlib.contextmanager
    def holding(self, wait: float) -> Iterator[bool]:
        acquired = self.acquire(wait)
        try:
            yield acquired
        finally:
            if acquired:
                self.release()
