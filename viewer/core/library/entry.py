"""A document-cache entry: a built Document as bytes, read back with its text and passages left
packed until first used.

Opening a library of thousands of documents needs their ids, titles, metadata and fingerprints
(the index key, the pairs, the browse list), not a million Passage and Sentence objects: an entry
keeps those few fields in a small head, and the text and passages in a compressed body that a
`StoredDocument` unpacks on first use (the reader, a search hit's document, an index build). The
body's CRC-32 is checked when the entry is read, so a damaged entry is rebuilt from its file then
and never fails later, at first use.

    MAGIC | head length, body length, body CRC-32 (3 x uint32) | head (JSON) | body (zlib)
    body = text length in UTF-8 bytes (uint32) | text (UTF-8) | passages (JSON)
"""

from __future__ import annotations

import json
import struct
import threading
import zlib
from dataclasses import fields
from pathlib import Path
from typing import Any

from viewer.core.corpus.model import Document, DocumentMeta, Passage, PassageKind, Sentence
from viewer.core.language.labels import Lang

MAGIC = b"CVD1"
_SIZES = struct.Struct("<III")
_TEXT = struct.Struct("<I")
_LANGS = {lang.value: lang for lang in Lang}  # a dict lookup: Lang(value) costs a microsecond per call
_KINDS = {kind.value: kind for kind in PassageKind}
_UNPACKING = threading.Lock()  # one unpacking at a time: every thread sees the same Passage objects


class EntryError(ValueError):
    """The bytes are not a readable entry (damaged, or written in another format)."""


def to_blob(document: Document) -> bytes:
    """A document as a cache entry; passage and sentence ids are re-derived when read."""
    m = document.meta
    head = {
        "id": document.id,
        "path": str(document.path) if document.path else None,
        "collection": document.collection,
        "warnings": list(document.warnings),
        "meta": [m.title, m.kind, list(m.authors), m.year, m.provenance, m.licence, list(m.languages), m.extra],
        "fingerprint": document.fingerprint,
        "passages": len(document.passages),
    }
    passages = [
        [
            p.index,
            p.start,
            p.end,
            p.kind.value,
            p.lang.value,
            p.confidence,
            p.group,
            p.low_value,
            p.label,
            [list(g) for g in p.glosses],
            [[s.start, s.end, s.lang.value, s.confidence] for s in p.sentences],
        ]
        for p in document.passages
    ]
    text = document.text.encode("utf-8", "surrogatepass")
    body = zlib.compress(_TEXT.pack(len(text)) + text + json.dumps(passages).encode("ascii"), 1)
    return _pack(json.dumps(head, default=str).encode("ascii"), body)


def from_blob(blob: bytes) -> StoredDocument:
    """The entry's document, its text and passages still packed. EntryError when it is unreadable."""
    head, at = _unpack(blob)
    try:
        record: dict[str, Any] = json.loads(head)
        title, kind, authors, year, provenance, licence, languages, extra = record["meta"]
        meta = DocumentMeta(title, kind, tuple(authors), year, provenance, licence, tuple(languages), extra)
        state = {
            "id": record["id"],
            "meta": meta,
            "path": Path(record["path"]) if record["path"] else None,
            "collection": record["collection"],
            "warnings": tuple(record["warnings"]),
            "fingerprint": record["fingerprint"],
            "_count": int(record["passages"]),
            "_body": blob,  # the whole entry (no copy of the body): the body starts at _at
            "_at": at,
        }
    except (ValueError, KeyError, TypeError) as exc:
        raise EntryError(f"unreadable entry head: {exc}") from exc
    document = StoredDocument.__new__(StoredDocument)
    document.__dict__.update(state)
    return document


def with_path(blob: bytes, path: Path) -> bytes:
    """The same entry pointing at its file's new path (the body is kept as it is)."""
    head, at = _unpack(blob)
    record = json.loads(head)
    record["path"] = str(path)
    return _pack(json.dumps(record).encode("ascii"), blob[at:])


def _pack(head: bytes, body: bytes) -> bytes:
    return MAGIC + _SIZES.pack(len(head), len(body), zlib.crc32(body)) + head + body


def _unpack(blob: bytes) -> tuple[bytes, int]:
    """The head, and where the body starts; the lengths and the body's checksum checked."""
    if blob[: len(MAGIC)] != MAGIC:
        raise EntryError("not an entry of this format")
    start = len(MAGIC) + _SIZES.size
    try:
        head_size, body_size, crc = _SIZES.unpack_from(blob, len(MAGIC))
    except struct.error as exc:
        raise EntryError("entry cut short") from exc
    at = start + head_size
    if len(blob) != at + body_size or zlib.crc32(memoryview(blob)[at:]) != crc:
        raise EntryError("entry damaged (its length or checksum is wrong)")
    return blob[start:at], at


class StoredDocument(Document):
    """A Document from the cache: equal to the one stored, its text and passages unpacked when first
    read (then kept). `passage_count` and `fingerprint` need no unpacking."""

    def __getattr__(self, name: str) -> Any:  # only for what the instance does not hold yet
        if name not in ("text", "passages"):
            raise AttributeError(name)
        state = self.__dict__
        with _UNPACKING:
            if "_body" in state:
                state["text"], state["passages"] = _unpack_body(state["id"], memoryview(state["_body"])[state["_at"] :])
                del state["_body"], state["_at"]
        try:
            return state[name]
        except KeyError:
            raise AttributeError(name) from None

    def __getstate__(self) -> dict[str, Any]:
        """Its attributes packed or unpacked, never half-way (pickled while another thread unpacks it)."""
        with _UNPACKING:
            return self.__dict__.copy()

    def __eq__(self, other: object) -> bool:  # equal to the Document it was made from
        if not isinstance(other, Document):
            return NotImplemented
        return all(getattr(self, f.name) == getattr(other, f.name) for f in fields(Document) if f.compare)

    __hash__ = Document.__hash__

    @property
    def passage_count(self) -> int:
        state = self.__dict__
        return state["_count"] if "_body" in state else len(self.passages)

    @property
    def unpacked(self) -> bool:
        """Whether its text and passages are objects yet (tests and benchmarks ask)."""
        return "_body" not in self.__dict__


def _unpack_body(doc_id: str, body: memoryview) -> tuple[str, tuple[Passage, ...]]:
    raw = zlib.decompress(body)
    (size,) = _TEXT.unpack_from(raw)
    text = raw[_TEXT.size : _TEXT.size + size].decode("utf-8", "surrogatepass")
    records = json.loads(raw[_TEXT.size + size :])
    passages = []
    for index, start, end, pkind, lang, conf, group, low, label, glosses, sentences in records:
        pid = f"{doc_id}:{index:03d}"
        passages.append(
            Passage(
                pid,
                doc_id,
                index,
                start,
                end,
                text[start:end],
                _KINDS[pkind],
                _LANGS[lang],
                conf,
                tuple(Sentence(f"{pid}.{j}", s, e, _LANGS[sl], sc) for j, (s, e, sl, sc) in enumerate(sentences)),
                group,
                low,
                label,
                tuple((a, b) for a, b in glosses),
            )
        )
    return text, tuple(passages)
