"""Walking a collection's folder and comparing it with the registry: new, changed, deleted and
renamed files, found from sizes and mtimes (hashing only the files that may have been renamed).

A file name that is not valid UTF-8 (Python holds its bad bytes as surrogate escapes, which
SQLite and a UTF-8 terminal cannot take) is keyed and shown escaped: `caf\\xe9.txt`
(`shown`); `real_path` finds the file again from such a key.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # registry.py imports this module: these names are only annotations here
    from viewer.core.library.registry import Collection, FileRecord, Registry

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FoundFile:
    key: str  # the FileRecord.path it would have
    path: Path
    size: int
    mtime_ns: int


@dataclass
class ScanResult:
    """What changed in a collection since its last import; nothing has been read or built yet."""

    collection: str
    new: list[FoundFile] = field(default_factory=list)
    changed: list[FoundFile] = field(default_factory=list)  # size or mtime differ (content may not)
    deleted: list[FileRecord] = field(default_factory=list)
    renamed: list[tuple[FileRecord, FoundFile]] = field(default_factory=list)  # same content, new path
    unchanged: int = 0
    retry: list[FoundFile] = field(default_factory=list)  # skipped last time for a reason that may pass
    problems: list[tuple[str, str]] = field(default_factory=list)  # folders/links that could not be walked
    left_out: list[tuple[str, str]] = field(default_factory=list)  # hidden files, FIFOs...: information
    known: dict[str, FileRecord] = field(default_factory=dict, repr=False)  # the registry's records it read

    @property
    def has_changes(self) -> bool:
        return bool(self.new or self.changed or self.deleted or self.renamed or self.retry)


# Reasons that may go away without the file changing (fixed permissions, a finished write).
TRANSIENT = ("permission denied", "changed while being read", "deleted while being read", "cannot be read")


_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)
_ESCAPED = re.compile(r"\\x([89a-f][0-9a-f])")


def shown(path: Path | str) -> str:
    """The path as text that can be stored and printed: bytes that are not UTF-8 as `\\xe9`."""
    text = str(path)
    if text.isascii():
        return text
    return os.fsencode(text).decode("utf-8", "backslashreplace")


def real_path(base: Path | None, key: str) -> Path:
    """The file a key names (`base / key` for a folder's relative key): the key itself when such a file
    exists or it holds no escapes, else its escapes turned back into the bytes they stand for."""
    path = base / key if base is not None else Path(key)
    if "\\x" not in key or os.path.lexists(path):
        return path
    raw = _ESCAPED.sub(lambda m: chr(0xDC00 + int(m.group(1), 16)), key)
    return base / raw if base is not None else Path(raw)


def walk(
    collection: Collection, left_out: list[tuple[str, str]] | None = None
) -> tuple[list[FoundFile], list[tuple[str, str]]]:
    """The collection's files now, and the folders or links that could not be followed (with why).

    Hidden files and folders (a leading dot), FIFOs, sockets and devices are left out (listed in
    `left_out` with why, as information). Symbolic links are followed, but a folder reached a second
    time (a link loop, or two links to one folder) is not walked again.
    """
    problems: list[tuple[str, str]] = []
    left_out = [] if left_out is None else left_out
    found = [
        FoundFile(key, Path(where), size, mtime) for key, where, size, mtime in _files(collection, problems, left_out)
    ]
    return found, problems


def _files(
    collection: Collection, problems: list[tuple[str, str]], left_out: list[tuple[str, str]]
) -> Iterator[tuple[str, str, int, int]]:
    """(key, path, size, mtime_ns) of each file: plain strings, as a quiet re-scan of thousands of
    files is mostly making objects (Path objects cost more than the stat calls)."""
    if collection.kind != "folder":
        for path in collection.paths:
            info = _stat(str(path), problems)
            if info is not None:
                yield shown(path), str(path), info.st_size, info.st_mtime_ns
        return
    root = str(collection.paths[0])
    try:
        top = os.stat(root)
    except OSError as exc:
        log.warning("collection %s: folder %s cannot be read: %s", collection.id, root, exc)
        problems.append((shown(root), f"the folder cannot be read ({exc.strerror or exc})"))
        return
    cut = len(os.path.join(root, ""))
    for where, info in _walk_dir(root, {(top.st_dev, top.st_ino)}, problems, left_out):
        key = where[cut:] if os.sep == "/" else where[cut:].replace(os.sep, "/")
        yield shown(key), where, info.st_size, info.st_mtime_ns


def _walk_dir(
    folder: str, seen: set[tuple[int, int]], problems: list[tuple[str, str]], left_out: list[tuple[str, str]]
) -> Iterator[tuple[str, os.stat_result]]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except PermissionError as exc:
        log.warning("folder %s not walked: %s", folder, exc)
        problems.append((shown(folder), "permission denied (folder)"))
        return
    except OSError as exc:
        log.warning("folder %s not walked: %s", folder, exc)
        problems.append((shown(folder), f"the folder cannot be read ({exc.strerror or exc})"))
        return
    for entry in entries:
        path = entry.path
        if entry.name.startswith("."):
            left_out.append((shown(path), "hidden folder" if _is_dir(entry) else "hidden file"))
            continue
        info = _stat(path, problems)
        if info is None:
            continue
        if stat.S_ISDIR(info.st_mode):
            ident = (info.st_dev, info.st_ino)
            if ident in seen:
                problems.append((shown(path), "symbolic link loop or second link to a folder (not followed)"))
                continue
            seen.add(ident)
            yield from _walk_dir(path, seen, problems, left_out)
        elif stat.S_ISREG(info.st_mode):
            yield path, info
        else:  # sockets, pipes and devices are not files to import
            kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a file")
            left_out.append((shown(path), f"not a regular file ({kind})"))


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _stat(path: str, problems: list[tuple[str, str]]) -> os.stat_result | None:
    try:
        return os.stat(path)  # follows links
    except FileNotFoundError as exc:
        log.warning("%s left out: %s", path, exc)
        problems.append((shown(path), "broken symbolic link" if os.path.islink(path) else "no such file"))
    except OSError as exc:
        log.warning("%s left out: %s", path, exc)
        problems.append((shown(path), f"cannot be read ({exc.strerror or exc})"))
    return None


def scan(collection: Collection, registry: Registry) -> ScanResult:
    """Compare the collection's files with the registry: size and mtime first (the hash comes at import)."""
    result = ScanResult(collection.id)
    known = result.known = registry.files(collection.id)
    root = collection.root
    if root is not None and not root.is_dir():
        # An unplugged drive or an unmounted share must not empty the collection: keep its documents.
        result.problems = [
            (
                shown(root),
                "the folder is missing (its documents are kept until it returns or the collection is removed)",
            )
        ]
        result.unchanged = len(known)
        return result
    present = set()
    for key, where, size, mtime_ns in _files(collection, result.problems, result.left_out):
        present.add(key)
        record = known.get(key)
        if record is not None and (record.size, record.mtime_ns) == (size, mtime_ns):
            if record.status == "skipped" and record.reason.startswith(TRANSIENT):
                result.retry.append(FoundFile(key, Path(where), size, mtime_ns))
            else:
                result.unchanged += 1
        elif record is None:
            result.new.append(FoundFile(key, Path(where), size, mtime_ns))
        else:
            result.changed.append(FoundFile(key, Path(where), size, mtime_ns))
    result.deleted = [r for key, r in known.items() if key not in present]
    _find_renames(result)
    return result


def _find_renames(result: ScanResult) -> None:
    """Pair new files with deleted ones of the same size and content (hashing only those candidates)."""
    by_size: dict[int, list[FileRecord]] = {}
    for record in result.deleted:
        if record.status == "imported":
            by_size.setdefault(record.size, []).append(record)
    for f in list(result.new):
        candidates = by_size.get(f.size)
        if not candidates:
            continue
        digest = hash_file(f.path)
        match = next((r for r in candidates if r.sha256 == digest), None)
        if match is not None:
            candidates.remove(match)
            result.deleted.remove(match)
            result.new.remove(f)
            result.renamed.append((match, f))


def hash_file(path: Path, chunk: int = 1 << 20) -> str:
    """SHA-256 of a file read in chunks (bounded memory); "" when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            while block := handle.read(chunk):
                digest.update(block)
    except OSError as exc:
        log.warning("cannot hash %s: %s", path, exc)
        return ""
    return digest.hexdigest()


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


__all__ = ["TRANSIENT", "FoundFile", "ScanResult", "file_hash", "hash_file", "real_path", "scan", "shown", "walk"]
