"""Pair-finding work kept between runs in the document cache's `derived` table (`Derived`): each
document's profile, made where the document is built (a reader process hands it back with the
document's cache entry), and the alignment check of two texts.

Keys name every input: a profile, its document's id, text fingerprint and path (the name hint);
a check, the two texts' fingerprints and languages. Both also name `code_version()`, a digest of
the pairs code and what it reads that the cache's own builder digest does not cover (its entries
are void when the document-building code changes). Entries are compressed JSON; one that cannot
be read is made again, never an error.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import json
import logging
import sys
import zlib
from pathlib import Path
from typing import Any

from viewer.core.align.stored import Derived
from viewer.core.corpus.model import Document
from viewer.core.pairs.names import NameHint
from viewer.core.pairs.profile import Profile, build_profile
from viewer.core.paths import code_digest

log = logging.getLogger(__name__)

# Bump when what a profile or a check holds changes in a way the digest below cannot see.
EPOCH = "2"
# What a profile and a check are made by, beyond the document-building code.
_MODULES = (
    "viewer.core.pairs.profile",
    "viewer.core.pairs.dates",
    "viewer.core.pairs.words",
    "viewer.core.pairs.names",
    "viewer.core.pairs.align",
    "viewer.core.pairs.kept",
    "viewer.core.search.analysis",  # the stop words and the Norwegian stem unification words.py uses
)
_RESOURCES = (("lexicon", "en-no.tsv"),)
_LINKS_KEPT = 200_000  # distinct link sets shared between the profiles read (beyond: each its own)
_links: dict[tuple[str, ...], frozenset[str]] = {}


@functools.cache
def code_version() -> str:
    """A digest of the pairs code's files and the lexicon (`viewer.core.paths.code_digest`)."""
    files = [Path(importlib.import_module(name).__file__ or "") for name in _MODULES]
    return code_digest(EPOCH, files, _RESOURCES, "pairs digest")[:16]


def _hashed(kind: str, *parts: str) -> str:
    digest = hashlib.sha256(code_version().encode())
    for part in parts:  # a path may hold surrogate escapes: hashed, never stored as text
        digest.update(b"\0" + part.encode("utf-8", "surrogatepass"))
    return f"{kind}\0{digest.hexdigest()}"


def profile_key(doc_id: str, fingerprint: str, path: str | None) -> str:
    return _hashed("pair-profile", doc_id, fingerprint, "\1" if path is None else path)


def check_key(source_fp: str, target_fp: str, source_lang: str, target_lang: str) -> str:
    return _hashed("pair-check", source_fp, target_fp, source_lang, target_lang)


def _path(document: Document) -> str | None:
    return str(document.path) if document.path else None


# --- profiles --------------------------------------------------------------------------------------


def pack(profile: Profile | None) -> bytes:
    """A profile's expensive parts as compressed JSON (None: the document cannot take part in a pair)."""
    record = None
    if profile is not None:
        record = [
            profile.lang,
            profile.chars,
            profile.sentences,
            [profile.name.lang, profile.name.stem, profile.name.folder],
            sorted(profile.anchors),
            list(profile.units),
            [[key, *sorted(keys)] for key, keys in profile.links.items()],  # its own key among the keys
        ]
    return zlib.compress(json.dumps(record, separators=(",", ":")).encode(), 1)


def _linked(linked: list[list[str]]) -> dict[str, frozenset[str]]:
    """A profile's links, each set shared with the other profiles that have it (a word links to the
    same keys in every text: ten times faster to read, and one set per word, not per text)."""
    out = {}
    known = _links.get
    for item in linked:
        whole = tuple(item)  # the unit's key first, then all its keys (its own among them)
        keys = known(whole)
        if keys is None:
            keys = frozenset(whole)
            if len(_links) < _LINKS_KEPT:
                _links[whole] = keys
        out[item[0]] = keys
    return out


def unpack(blob: bytes, doc_id: str, fingerprint: str, path: str | None) -> Profile | None:
    """The profile `pack` made; raises ValueError (or TypeError, zlib.error) when it cannot be read."""
    record: Any = json.loads(zlib.decompress(blob).decode())
    if record is None:
        return None
    lang, chars, sentences, (hint_lang, stem, folder), anchors, words, linked = record
    if lang not in ("en", "nb", "nn") or not isinstance(chars, int) or not isinstance(sentences, int):
        raise ValueError(f"not a profile: {str(record)[:60]}")
    units = tuple(map(sys.intern, words))  # a word's key is one string for every profile that has it
    links = _linked(linked)
    return Profile(
        doc_id,
        fingerprint,
        path,
        lang,
        NameHint(hint_lang, stem, folder),
        chars,
        frozenset(anchors),
        units,
        links,
        frozenset(units).union(*links.values()),
        sentences,
    )


def entry(document: Document) -> tuple[str, bytes]:
    """The document's profile as a `derived` entry (key, data): what a reader process hands back."""
    return profile_key(document.id, document.fingerprint, _path(document)), pack(build_profile(document))


def profile(kept: Derived | None, document: Document, fingerprint: str) -> Profile | None:
    """The document's kept profile, or one built now (and kept)."""
    path = _path(document)
    key = profile_key(document.id, fingerprint, path)
    blob = kept.derived(key) if kept is not None else None
    if blob is not None:
        try:
            return unpack(blob, document.id, fingerprint, path)
        except (ValueError, TypeError, KeyError, zlib.error) as exc:
            log.warning("kept pair profile of %s unreadable (%s); building it again", document.id, exc)
    built = build_profile(document)
    if kept is not None:
        kept.keep_derived(key, pack(built))
    return built


# --- alignment checks ------------------------------------------------------------------------------


def load_check(kept: Derived, key: str) -> float | None:
    """A kept check's evidence, or None when there is none (or it cannot be read)."""
    blob = kept.derived(key)
    if blob is None:
        return None
    try:
        value = json.loads(zlib.decompress(blob).decode())
        if not isinstance(value, float | int):
            raise ValueError(f"not an evidence: {str(value)[:40]}")
        return float(value)
    except (ValueError, zlib.error) as exc:
        log.warning("kept pair check unreadable (%s); checking again", exc)
        return None


def keep_check(kept: Derived, key: str, evidence: float) -> None:
    kept.keep_derived(key, zlib.compress(json.dumps(evidence).encode(), 1))
