"""SQLite's file format read by hand, for files SQLite itself refuses (sqlite.org/fileformat2.html).

Pages of `page_size` bytes; page 1 starts with a 100-byte header. A b-tree page starts with a type
byte - 0x0D table leaf, 0x05 table interior, 0x0A index leaf, 0x02 index interior - then the cell
count and an array of cell offsets. A table-leaf cell is a varint payload size, a varint rowid and
the payload; an index cell is a varint payload size and the payload; interior cells start with a
4-byte child page (and table-interior cells hold only a key). A payload too big for its page goes
on in a chain of overflow pages. The payload is a record: a varint header size, one varint serial
type per column, then the values. Anything that does not add up raises `Malformed`.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass

from viewer.core.storage.files import MAGIC

TABLE_LEAF, TABLE_INTERIOR, INDEX_LEAF, INDEX_INTERIOR = 0x0D, 0x05, 0x0A, 0x02
PAGE_TYPES = (TABLE_LEAF, TABLE_INTERIOR, INDEX_LEAF, INDEX_INTERIOR)
_ENCODINGS = {1: "utf-8", 2: "utf-16-le", 3: "utf-16-be"}
_INT_SIZES = {1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 8}

Value = int | float | str | bytes | None


class Malformed(ValueError):
    """Bytes that are not what the file format says they should be."""


@dataclass(frozen=True)
class Header:
    page_size: int
    reserved: int
    freelist: int  # the first freelist trunk page, 0 for none
    encoding: str
    user_version: int


def header(data: bytes) -> Header | None:
    """The file header, or None when page 1 is not a SQLite header any more."""
    if len(data) < 100 or data[:16] != MAGIC:
        return None
    size = struct.unpack(">H", data[16:18])[0]
    size = 65536 if size == 1 else size
    if not (512 <= size <= 65536 and size & (size - 1) == 0) or data[20] >= size - 480:
        return None
    encoding = _ENCODINGS.get(struct.unpack(">I", data[56:60])[0], "utf-8")
    return Header(size, data[20], struct.unpack(">I", data[32:36])[0], encoding, struct.unpack(">i", data[60:64])[0])


def varint(buf: bytes, pos: int) -> tuple[int, int]:
    value = 0
    for i in range(9):
        if pos + i >= len(buf):
            raise Malformed("varint past the end")
        byte = buf[pos + i]
        if i == 8:
            return (value << 8) | byte, pos + 9
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, pos + i + 1
    raise AssertionError("unreachable")


def record(payload: bytes, encoding: str = "utf-8") -> tuple[list[Value], int]:
    """The values of a record, and how many of its texts were not valid (kept with U+FFFD)."""
    size, pos = varint(payload, 0)
    if not 1 <= size <= len(payload):
        raise Malformed("record header size")
    types: list[int] = []
    while pos < size:
        kind, pos = varint(payload, pos)
        types.append(kind)
    if pos != size:
        raise Malformed("record header overruns")
    values: list[Value] = []
    bad = 0
    for kind in types:
        if kind in (10, 11):
            raise Malformed("reserved serial type")
        width = _INT_SIZES.get(kind, 8 if kind == 7 else 0 if kind < 12 else (kind - 12 - kind % 2) // 2)
        chunk = payload[pos : pos + width]
        if len(chunk) != width:
            raise Malformed("value past the end of the record")
        pos += width
        if kind == 0:
            values.append(None)
        elif kind in _INT_SIZES:
            values.append(int.from_bytes(chunk, "big", signed=True))
        elif kind == 7:
            values.append(struct.unpack(">d", chunk)[0])
        elif kind in (8, 9):
            values.append(kind - 8)
        elif kind % 2 == 0:
            values.append(bytes(chunk))
        else:
            try:
                values.append(chunk.decode(encoding))
            except UnicodeDecodeError:
                values.append(chunk.decode(encoding, "replace"))
                bad += 1
    if pos != len(payload):
        raise Malformed("record shorter than its payload")
    return values, bad


@dataclass(frozen=True)
class Cell:
    child: int | None  # interior cells: the page to the left
    rowid: int | None  # table leaf cells
    payload: bytes | None  # leaf cells and index interior cells
    overflow: tuple[int, ...]  # the overflow pages it used


class File:
    """The pages of one database image (bytes), as far as they are there."""

    def __init__(self, data: bytes, page_size: int, reserved: int = 0, encoding: str = "utf-8") -> None:
        self.data = data
        self.page_size = page_size
        self.usable = page_size - reserved
        self.encoding = encoding
        self.pages = len(data) // page_size

    def page(self, number: int) -> bytes:
        if not 1 <= number <= self.pages:
            raise Malformed(f"page {number} is not in the file")
        start = (number - 1) * self.page_size
        return self.data[start : start + self.page_size]

    def kind(self, number: int) -> int:
        return self.page(number)[100 if number == 1 else 0]

    def cells(self, number: int) -> tuple[int, list[Cell], int | None, int]:
        """The page's type, its readable cells, (interior pages) its right-most child, and how many
        cells could not be read."""
        page = self.page(number)
        top = 100 if number == 1 else 0
        kind = page[top]
        if kind not in PAGE_TYPES:
            raise Malformed(f"page {number} is not a b-tree page")
        count = struct.unpack(">H", page[top + 3 : top + 5])[0]
        interior = kind in (TABLE_INTERIOR, INDEX_INTERIOR)
        start = top + (12 if interior else 8)
        right = struct.unpack(">I", page[top + 8 : top + 12])[0] if interior else None
        if start + 2 * count > self.usable:
            raise Malformed(f"page {number}: too many cells")
        cells: list[Cell] = []
        for i in range(count):
            try:
                cells.append(
                    self._cell(
                        page, kind, struct.unpack(">H", page[start + 2 * i : start + 2 * i + 2])[0], start + 2 * count
                    )
                )
            except Malformed:
                continue
        return kind, cells, right, count - len(cells)

    def _cell(self, page: bytes, kind: int, offset: int, low: int) -> Cell:
        if not low <= offset < self.usable:
            raise Malformed("cell offset outside the page")
        child = None
        if kind in (TABLE_INTERIOR, INDEX_INTERIOR):
            child = struct.unpack(">I", page[offset : offset + 4])[0]
            offset += 4
            if kind == TABLE_INTERIOR:
                key, _ = varint(page, offset)
                return Cell(child, key, None, ())
        size, offset = varint(page, offset)
        rowid = None
        if kind == TABLE_LEAF:
            rowid, offset = varint(page, offset)
            rowid = rowid - (1 << 64) if rowid >= 1 << 63 else rowid
        local = self._local(size, kind == TABLE_LEAF)
        if offset + local > self.usable:
            raise Malformed("cell past the end of the page")
        if local == size:
            return Cell(child, rowid, bytes(page[offset : offset + size]), ())
        if offset + local + 4 > self.usable:
            raise Malformed("overflow pointer past the end of the page")
        parts = [page[offset : offset + local]]
        chain: list[int] = []
        following = struct.unpack(">I", page[offset + local : offset + local + 4])[0]
        left = size - local
        while left > 0:
            if following in chain or len(chain) > self.pages:
                raise Malformed("overflow chain loops")
            chain.append(following)
            overflow = self.page(following)
            if len(overflow) < 4:
                raise Malformed("overflow page cut short")
            take = min(left, self.usable - 4)
            parts.append(overflow[4 : 4 + take])
            left -= take
            following = struct.unpack(">I", overflow[:4])[0]
        return Cell(child, rowid, b"".join(parts), tuple(chain))

    def _local(self, size: int, table_leaf: bool) -> int:
        """How much of a payload of `size` bytes is on the b-tree page itself."""
        usable = self.usable
        most = usable - 35 if table_leaf else (usable - 12) * 64 // 255 - 23
        if size <= most:
            return size
        least = (usable - 12) * 32 // 255 - 23
        local = least + (size - least) % (usable - 4)
        return local if local <= most else least

    def freelist(self, trunk: int) -> set[int]:
        """The pages on the freelist (their content is deleted data); as much of it as is readable."""
        free: set[int] = set()
        while trunk and trunk not in free:
            try:
                page = self.page(trunk)
            except Malformed:
                break
            free.add(trunk)
            count = struct.unpack(">I", page[4:8])[0]
            if 8 + 4 * count > self.usable:
                break
            free.update(struct.unpack(f">{count}I", page[8 : 8 + 4 * count]))
            trunk = struct.unpack(">I", page[:4])[0]
        return free

    def walk(self, root: int, seen: set[int]) -> Iterator[tuple[int, Cell]]:
        """Every cell holding data in the tree under `root` (leaf cells, and index interior cells),
        marking its pages in `seen`; a damaged page costs only the pages under it."""
        stack = [root]
        while stack:
            number = stack.pop()
            if number in seen:
                continue
            seen.add(number)
            try:
                kind, cells, right, _bad = self.cells(number)
            except Malformed:
                continue
            for cell in cells:
                seen.update(cell.overflow)
                if cell.child is not None:
                    stack.append(cell.child)
                if kind != TABLE_INTERIOR:
                    yield kind, cell
            if right:
                stack.append(right)
