"""The corpus values: Document -> Passage -> Sentence, with exact character offsets.

Every offset is a Python ``str`` index into ``Document.text`` (``text[start:end]`` round-trips).
Ids are stable for an unchanged text: ``thesis:012`` for a passage, ``thesis:012.3`` for a
sentence, so bookmarks and the index can key on them.
"""

from __future__ import annotations

import functools
import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from viewer.core.errors import UnknownDocumentError
from viewer.core.language.labels import Lang


class PassageKind(StrEnum):
    """What a passage is in its document; the reader and the ranking treat kinds differently."""

    TITLE = "title"
    HEADING = "heading"
    METADATA = "metadata"
    AUTHOR = "author"
    KEYWORDS = "keywords"
    ABSTRACT = "abstract"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    QUOTE = "quote"
    BIOGRAPHY = "biography"
    REFERENCE = "reference"
    CAPTION = "caption"
    CHROME = "chrome"  # repository/web-page furniture: "Vis enkel innførsel", "How to Cite"
    NOISE = "noise"  # layout noise: form fields, OCR junk, page numbers


@dataclass(frozen=True, slots=True)
class Sentence:
    id: str
    start: int
    end: int
    lang: Lang
    confidence: float


@dataclass(frozen=True, slots=True)
class Passage:
    id: str
    doc_id: str
    index: int
    start: int
    end: int
    text: str
    kind: PassageKind
    lang: Lang
    confidence: float
    sentences: tuple[Sentence, ...]
    group: str = ""  # passages of one field or section, e.g. "abstract.en" / "abstract.nb"
    low_value: bool = False  # layout noise and chrome: kept, never ranked high, dimmed
    label: str = ""  # the field a metadata passage holds, e.g. "dc.title"
    glosses: tuple[tuple[int, int], ...] = ()  # bracketed English glosses of a Norwegian title

    def sentence_text(self, sentence: Sentence) -> str:
        """The text of one of this passage's sentences."""
        return self.text[sentence.start - self.start : sentence.end - self.start]


@dataclass(frozen=True)
class DocumentMeta:
    title: str
    kind: str
    authors: tuple[str, ...] = ()
    year: int | None = None
    provenance: str = ""
    licence: str = ""
    languages: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Document:
    id: str
    text: str
    meta: DocumentMeta
    passages: tuple[Passage, ...]
    path: Path | None = None
    collection: str = "bundled"
    warnings: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return self.meta.title

    @functools.cached_property
    def fingerprint(self) -> str:
        """SHA-256 of the text: anchors, pairs and the index cache key on it (hashed once per value)."""
        return text_fingerprint(self.text)

    def __getstate__(self) -> dict[str, Any]:
        """A copy of its attributes (one step under the GIL): another thread may fill a cached one
        while this is pickled (a build handed to a child process), which the live dict would refuse."""
        return self.__dict__.copy()

    @property
    def passage_count(self) -> int:
        """len(passages); a document read from the cache knows it without unpacking its passages."""
        return len(self.passages)

    def passage(self, passage_id: str) -> Passage:
        for passage in self.passages:
            if passage.id == passage_id:
                return passage
        raise KeyError(passage_id)

    def passages_at(self, start: int, end: int) -> list[Passage]:
        """Passages that overlap the character range [start, end)."""
        return [p for p in self.passages if p.start < end and start < p.end]

    def language_mix(self, include_low_value: bool = False) -> Counter[str]:
        """Characters of passage text per language label."""
        mix: Counter[str] = Counter()
        for passage in self.passages:
            if include_low_value or not passage.low_value:
                mix[passage.lang.value] += passage.end - passage.start
        return mix

    def groups(self) -> dict[str, list[Passage]]:
        """Passages by group name, in document order (ungrouped passages left out)."""
        out: dict[str, list[Passage]] = {}
        for passage in self.passages:
            if passage.group:
                out.setdefault(passage.group, []).append(passage)
        return out


def text_fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Corpus:
    documents: tuple[Document, ...]
    skipped: tuple[tuple[str, str], ...] = ()  # (path, reason) of files that could not be loaded

    def ids(self) -> list[str]:
        return [d.id for d in self.documents]

    def get(self, doc_id: str) -> Document:
        document = self._by_id.get(doc_id)
        if document is None:
            raise UnknownDocumentError(doc_id, self.ids())
        return document

    def __getstate__(self) -> dict[str, Any]:
        """Its fields without the look-up another thread may be making while it is pickled."""
        return {"documents": self.documents, "skipped": self.skipped}

    @functools.cached_property
    def _by_id(self) -> dict[str, Document]:
        """Documents by id, made at the first `get` (the first of a repeated id wins, as it did)."""
        out: dict[str, Document] = {}
        for document in self.documents:
            out.setdefault(document.id, document)
        return out

    def passage(self, passage_id: str) -> Passage:
        doc_id = passage_id.split(":", 1)[0]
        try:
            return self.get(doc_id).passage(passage_id)
        except KeyError:
            raise UnknownDocumentError(passage_id) from None

    def passages(self) -> Iterable[Passage]:
        for document in self.documents:
            yield from document.passages

    @property
    def passage_count(self) -> int:
        return sum(d.passage_count for d in self.documents)

    @property
    def fingerprint(self) -> str:
        """Changes whenever any document's id, kind, title (the index stores it) or text changes."""
        digest = hashlib.sha256()
        for d in self.documents:
            digest.update(f"{d.id}\0{d.meta.kind}\0{d.title}\0{d.fingerprint}\n".encode())
        return digest.hexdigest()
