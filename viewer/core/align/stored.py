"""Automatic alignments kept between runs: aligning a library's bilingual documents and document
pairs costs tens of milliseconds each (seconds for a big library), and the result depends only on
the texts, their passages and the aligner's code, so it is worked out once and kept.

`Derived` is where they go (the document cache: `DocumentCache.derived` / `keep_derived`, whose
entries are void when the code changes). Keys name every input: a document's text fingerprint and
the layout of its passages (the parts come from their groups and labels), or two texts and their
languages. Entries are compressed JSON; an unreadable one is made again.
"""

from __future__ import annotations

import hashlib
import json
import logging
import zlib
from typing import Any, Protocol

from viewer.core.align.document import AlignedPair, DocumentAlignment
from viewer.core.align.texts import TextAlignment
from viewer.core.corpus.model import Document

log = logging.getLogger(__name__)


class Derived(Protocol):
    def derived(self, key: str) -> bytes | None: ...

    def keep_derived(self, key: str, data: bytes) -> None: ...


def document_key(document: Document) -> str:
    """What a document's own alignment depends on: its text and its passages' layout and labels."""
    digest = hashlib.sha256(document.fingerprint.encode())
    for p in document.passages:
        digest.update(f"{p.start},{p.end},{p.kind.value},{p.lang.value},{p.group},{p.low_value};".encode())
        digest.update(",".join(f"{s.start}-{s.end}" for s in p.sentences).encode())
    return f"align-doc\0{document.id}\0{digest.hexdigest()}"


def texts_key(source: str, target: str, source_lang: str, target_lang: str) -> str:
    """What two texts' alignment depends on: the texts and the languages they are aligned as."""
    digest = hashlib.sha256(f"{source_lang}\0{target_lang}\0".encode())
    digest.update(source.encode("utf-8", "surrogatepass"))
    digest.update(b"\0\0")
    digest.update(target.encode("utf-8", "surrogatepass"))
    return f"align-texts\0{digest.hexdigest()}"


def _pairs_out(pairs: tuple[AlignedPair, ...]) -> list[list[Any]]:
    return [[p.source, p.target, p.score, list(p.source_ids), list(p.target_ids)] for p in pairs]


def _pairs_in(rows: list[list[Any]]) -> tuple[AlignedPair, ...]:
    return tuple(
        AlignedPair(tuple(s) if s else None, tuple(t) if t else None, score, tuple(si), tuple(ti))
        for s, t, score, si, ti in rows
    )


def _pack(record: object) -> bytes:
    return zlib.compress(json.dumps(record, separators=(",", ":")).encode(), 1)


def _unpack(blob: bytes) -> Any:
    return json.loads(zlib.decompress(blob).decode())


def load_document(cache: Derived, document: Document) -> tuple[bool, DocumentAlignment | None]:
    """(found, alignment): found False when it must be made (None is a kept answer: no two parts)."""
    blob = cache.derived(document_key(document))
    if blob is None:
        return False, None
    try:
        record = _unpack(blob)
        if record is None:
            return True, None
        langs, source_group, target_group, pairs, evidence, translated = record
        return True, DocumentAlignment(
            document.id, tuple(langs), source_group, target_group, _pairs_in(pairs), evidence, translated
        )
    except (ValueError, TypeError, zlib.error) as exc:
        log.warning("kept alignment of %s unreadable (%s); aligning again", document.id, exc)
        return False, None


def keep_document(cache: Derived, document: Document, alignment: DocumentAlignment | None) -> None:
    record = None
    if alignment is not None:
        record = [
            list(alignment.languages),
            alignment.source_group,
            alignment.target_group,
            _pairs_out(alignment.pairs),
            alignment.evidence,
            alignment.translated,
        ]
    cache.keep_derived(document_key(document), _pack(record))


def load_texts(cache: Derived, key: str) -> TextAlignment | None:
    blob = cache.derived(key)
    if blob is None:
        return None
    try:
        langs, translated, evidence, pairs = _unpack(blob)
        return TextAlignment(tuple(langs), translated, evidence, _pairs_in(pairs))
    except (ValueError, TypeError, zlib.error) as exc:
        log.warning("kept alignment unreadable (%s); aligning again", exc)
        return None


def keep_texts(cache: Derived, key: str, alignment: TextAlignment) -> None:
    record = [list(alignment.languages), alignment.translated, alignment.evidence, _pairs_out(alignment.pairs)]
    cache.keep_derived(key, _pack(record))
