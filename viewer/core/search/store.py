"""The index's folders in the user cache: keys, a build lock that survives crashes, checks and swaps.

Layout under `user_cache_dir()/index/` (or a folder the caller gives):
  <key>/             a complete index, with manifest.json written last (its presence = complete)
  <key>.tmp-<pid>/   a build in progress; renamed to <key> when done, so a crash never leaves a
                     half index in use
  <key>.lock         the build lock (see `lock`): stale when its process is gone or is another program
  <key>.broken-<t>/  a damaged index moved aside (the newest two are kept for inspection)
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import time
import zlib
from pathlib import Path

from viewer.core.paths import user_cache_dir
from viewer.core.search.lock import BuildLock, lock_path, pid_alive

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
# Files are checksummed whole at open when the index is at most this big. Above it, opening checks
# a sampled checksum (the first and last block and evenly spaced blocks between, SAMPLE_BLOCKS of
# SAMPLE_BYTES each per file: a few MB read at most), and `verify_files` checks every byte when
# there is time (the `index` command; the app in the background).
CRC_LIMIT = 16 * 1024 * 1024
SAMPLE_BLOCKS = 64
SAMPLE_BYTES = 4096
KEEP_BROKEN = 2


def default_root() -> Path:
    return user_cache_dir() / "index"


def index_key(corpus_fingerprint: str, schema_version: str, analyzer_version: str) -> str:
    """The cache key: changes with the corpus content, the schema or the analysis."""
    import whoosh

    raw = f"{corpus_fingerprint}\0{schema_version}\0{analyzer_version}\0{whoosh.versionstring()}"
    return hashlib.sha256(raw.encode()).hexdigest()[:24]


def write_manifest(
    folder: Path,
    key: str,
    passages: int,
    docs: dict[str, str] | None = None,
    versions: str = "",
    known: dict[str, list[int]] | None = None,
) -> None:
    """Record the key, passage count, each file's size and CRC, and each document's key; written last.

    `docs` (document id -> document key) lets a later corpus derive its index from this one;
    `known` holds the [size, crc, sampled crc] of files copied from another index (Whoosh never
    rewrites a file).
    """
    files = {}
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.name != MANIFEST and not path.name.endswith("LOCK"):
            old = (known or {}).get(path.name)
            if old is not None and old[0] == path.stat().st_size:
                files[path.name] = [old[0], old[1], old[2] if len(old) > 2 else sampled_crc(path, old[0])]
                continue
            data = path.read_bytes()
            files[path.name] = [len(data), zlib.crc32(data), sampled_crc(path, len(data))]
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
    total = sum(entry[0] for entry in files.values())
    for name, entry in files.items():
        size, crc = entry[0], entry[1]
        path = folder / name
        try:
            actual = path.stat().st_size
            if actual != size:
                return None, f"{name} has {actual} bytes, expected {size} (truncated or replaced)"
            if total <= CRC_LIMIT:
                if zlib.crc32(path.read_bytes()) != crc:
                    return None, f"{name} is damaged (checksum mismatch)"
            elif len(entry) > 2 and sampled_crc(path, size) != entry[2]:
                return None, f"{name} is damaged (sampled checksum mismatch)"
        except OSError as exc:
            return None, f"{name} cannot be read ({exc.strerror or exc})"
    return manifest, ""


def verify_files(folder: Path) -> str:
    """Check every byte of every file against the manifest's CRC; "" when sound, else what is wrong."""
    try:
        files: dict[str, list[int]] = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["files"]
        for name, entry in files.items():
            crc, running = entry[1], 0
            with open(folder / name, "rb") as handle:
                while block := handle.read(1 << 20):
                    running = zlib.crc32(block, running)
            if running != crc:
                return f"{name} is damaged (checksum mismatch)"
    except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
        return f"it cannot be read ({type(exc).__name__}: {exc})"
    return ""


def sampled_crc(path: Path, size: int) -> int:
    """A CRC over SAMPLE_BLOCKS blocks spread evenly over the file, first and last included."""
    if size <= SAMPLE_BLOCKS * SAMPLE_BYTES:
        return zlib.crc32(path.read_bytes())
    step = (size - SAMPLE_BYTES) / (SAMPLE_BLOCKS - 1)
    running = 0
    with open(path, "rb") as handle:
        for i in range(SAMPLE_BLOCKS):
            handle.seek(int(i * step))
            running = zlib.crc32(handle.read(SAMPLE_BYTES), running)
    return running


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
        elif lock_path(root, name).exists() and BuildLock(root, name).holder() is not None:
            continue
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
