"""Checking a write-ahead log before SQLite opens it, and reading what SQLite would throw away.

When SQLite opens a database it replays its `-wal` file only up to the first frame that fails its
checksum, and then deletes the file when the last connection closes: a few damaged bytes silently
cost every transaction after them. The format (sqlite.org/walformat.html): a 32-byte header (magic
0x377f0682/0x377f0683 - little/big-endian checksums -, version, page size, checkpoint sequence,
salt-1, salt-2, checksum-1/2 over the first 24 bytes), then frames of a 24-byte header (page
number, database size in pages for a commit frame else 0, salt-1, salt-2, checksum-1/2) and a page.
Checksums are cumulative: each frame's covers its first 8 header bytes and its page, seeded with the
previous frame's. So a frame whose own bytes are intact can still be verified after a damaged one,
seeded with the checksum its predecessor stored: that is how frames beyond the damage are trusted.
"""

from __future__ import annotations

import hashlib
import logging
import struct
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

HEADER, FRAME_HEADER = 32, 24
MAGIC_LE, MAGIC_BE = 0x377F0682, 0x377F0683
VERSION = 3007000
_MASK = 0xFFFFFFFF


@dataclass(frozen=True)
class Frame:
    index: int
    offset: int
    page: int
    commit: int  # the database size in pages after this commit frame; 0 for other frames
    salt: tuple[int, int]
    verified: bool  # its checksum holds, seeded with the one its predecessor stored


@dataclass(frozen=True)
class Report:
    """What is in a `-wal` file, and whether SQLite would discard committed frames of it."""

    path: Path
    size: int
    page_size: int
    header_ok: bool
    salt: tuple[int, int]  # of the current frames (those written since the log was last restarted)
    frames: tuple[Frame, ...]  # every whole frame of the current salt, in file order
    replayed: int  # frames SQLite replays: the checksum chain from the header, up to its last commit
    problem: str  # why SQLite would throw part of it away; "" when it is sound
    digest: str  # of the bytes read, to tell a damaged log from one another program is writing

    @property
    def damaged(self) -> bool:
        return bool(self.problem)

    def recoverable(self) -> list[Frame]:
        """The frames to apply over the database, in order: those SQLite replays, then every verified
        frame of the current salt written before the last commit frame (a frame after it belongs to
        a transaction that never committed)."""
        last = max((f.index for f in self.frames if f.commit and (f.verified or f.index < self.replayed)), default=-1)
        return [f for f in self.frames if f.index <= last and (f.index < self.replayed or f.verified)]


def checksum(data: bytes | memoryview, seed: tuple[int, int], big_endian: bool) -> tuple[int, int]:
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    s0, s1 = seed
    pairs = iter(words)
    for a, b in zip(pairs, pairs, strict=True):
        s0 = (s0 + a + s1) & _MASK
        s1 = (s1 + b + s0) & _MASK
    return s0, s1


def inspect(database: Path, default_page_size: int = 4096) -> Report | None:
    """Read `<database>-wal`; None when there is none (or it is empty). Never raises for bad content."""
    path = Path(f"{database}-wal")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        log.warning("cannot read the write-ahead log %s: %s", path, exc)
        return None
    if not data:
        return None
    digest = hashlib.sha256(data).hexdigest()
    if len(data) < HEADER:
        return Report(path, len(data), 0, False, (0, 0), (), 0, "it is shorter than its header", digest)
    magic, version, page_size, _checkpoint, salt1, salt2, c1, c2 = struct.unpack(">8I", data[:HEADER])
    if page_size == 1:
        page_size = 65536
    header_ok = (
        magic in (MAGIC_LE, MAGIC_BE)
        and version == VERSION
        and _valid_page_size(page_size)
        and checksum(data[:24], (0, 0), magic == MAGIC_BE) == (c1, c2)
    )
    if header_ok:
        return _report(path, data, page_size, magic == MAGIC_BE, (salt1, salt2), True, digest)
    # A damaged header: the page size, byte order and salt are found again from the frames.
    sizes = [
        default_page_size,
        *(s for s in (4096, 1024, 2048, 8192, 16384, 32768, 65536, 512) if s != default_page_size),
    ]
    probes = [(_probe(data, size, big), size, big) for size in sizes for big in (True, False)]
    hits, size, big = max(probes, key=lambda probe: probe[0])
    if not hits:
        return Report(
            path, len(data), 0, False, (0, 0), (), 0, "its header is damaged and no frame can be verified", digest
        )
    return _report(path, data, size, big, None, False, digest)


def _probe(data: bytes, page_size: int, big: bool, frames: int = 16) -> int:
    """How many of the first frames verify with this page size and byte order (seeded from their
    predecessors, so a damaged header does not matter)."""
    step = FRAME_HEADER + page_size
    hits = 0
    for index in range(1, min(frames, (len(data) - HEADER) // step)):
        offset = HEADER + index * step
        seed = struct.unpack(">2I", data[offset - step + 16 : offset - step + 24])
        page, _commit, _s1, _s2, k1, k2 = struct.unpack(">6I", data[offset : offset + FRAME_HEADER])
        body = data[offset : offset + 8] + data[offset + FRAME_HEADER : offset + step]
        hits += page != 0 and checksum(body, seed, big) == (k1, k2)
    return hits


def _report(
    path: Path, data: bytes, page_size: int, big: bool, salt: tuple[int, int] | None, header_ok: bool, digest: str
) -> Report:
    view = memoryview(data)
    step = FRAME_HEADER + page_size
    count = (len(data) - HEADER) // step
    trailing = len(data) - HEADER - count * step
    raw: list[Frame] = []
    seed = struct.unpack(">2I", data[24:32])  # the header's checksum seeds the first frame
    for index in range(count):
        offset = HEADER + index * step
        page, commit, s1, s2, k1, k2 = struct.unpack(">6I", data[offset : offset + FRAME_HEADER])
        body = bytes(view[offset : offset + 8]) + bytes(view[offset + FRAME_HEADER : offset + step])
        verified = page != 0 and checksum(body, seed, big) == (k1, k2)
        raw.append(Frame(index, offset, page, commit, (s1, s2), verified))
        seed = (k1, k2)
    if salt is None:  # the current frames are at the start: the log restarts from its first frame
        salt = next((f.salt for f in raw if f.verified), (0, 0))
    frames = tuple(f for f in raw if f.salt == salt)
    replayed = 0
    if header_ok:
        for frame in raw:  # SQLite's own rule: stop at the first frame that is not part of the chain
            if not (frame.verified and frame.salt == salt):
                break
            if frame.commit:
                replayed = frame.index + 1
    chain_end = next((f.index for f in raw if not (f.verified and f.salt == salt)), len(raw))
    # Damage is committed data SQLite would throw away: a verified commit frame it will not reach.
    # A bad frame with nothing committed after it is the tail of a write that was interrupted (a
    # killed process, a power cut): that transaction never returned, so nothing is lost.
    lost = [f for f in frames if f.verified and f.commit and f.index > (chain_end if header_ok else -1)]
    problem = ""
    if lost and not header_ok:
        problem = "its header is damaged"
    elif lost:
        bad = raw[chain_end]
        problem = f"frame {bad.index + 1} (at byte {bad.offset}) fails its checksum"
    elif (chain_end < len(raw) and any(f.index >= chain_end for f in frames)) or trailing:
        log.info(
            "write-ahead log %s ends in an interrupted write (%d byte(s) after the last whole frame): nothing"
            " committed is lost",
            path,
            trailing,
        )
    return Report(path, len(data), page_size, header_ok, salt, frames, replayed, problem, digest)


def _valid_page_size(size: int) -> bool:
    return 512 <= size <= 65536 and size & (size - 1) == 0


def build_image(database: Path, report: Report, target: Path) -> int:
    """Write to `target` the database as the log's recoverable frames leave it (no log beside it);
    returns how many frames beyond what SQLite replays went in."""
    try:
        image = bytearray(database.read_bytes())
    except FileNotFoundError:
        image = bytearray()
    frames = report.recoverable()
    size = report.page_size
    with open(report.path, "rb") as handle:
        for frame in frames:
            handle.seek(frame.offset + FRAME_HEADER)
            page = handle.read(size)
            start = (frame.page - 1) * size
            if len(image) < start:
                image.extend(bytes(start - len(image)))
            image[start : start + size] = page
    commits = [f.commit for f in frames if f.commit]
    if commits and len(image) > commits[-1] * size:
        del image[commits[-1] * size :]
    target.write_bytes(bytes(image))
    extra = sum(1 for f in frames if f.index >= report.replayed)
    log.warning(
        "rebuilt %s from %s: %d frame(s) SQLite replays, %d more verified beyond them",
        target,
        report.path,
        report.replayed,
        extra,
    )
    return extra
