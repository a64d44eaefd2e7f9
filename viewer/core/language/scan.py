"""A text's words for identification, read one space-separated chunk at a time with each chunk kept.

`scan(text)` gives what `nbnn.raw_words(clean(text))` and `nbnn.tokens(clean(text))` give, but
the work is done once per distinct chunk (a word with its punctuation, as `text.split(" ")` cuts it)
and kept: real text repeats its chunks, so most of a text is dictionary look-ups. It is exact:
`clean` never matches across a space (the one pattern that can, `doi:` followed by a space, sends
the text the slow way) and a token never spans one. The one rule that looks outside a chunk,
`nbnn.tokens` dropping a capitalised word that follows a word or a comma within three
characters, is settled per text for the chunk's first token (`Chunk.reach`).
"""

from __future__ import annotations

import re
from functools import partial
from itertools import chain
from operator import attrgetter
from typing import NamedTuple

from viewer.core.language import nbnn

# URLs, DOIs, e-mail addresses and numbers say nothing about the language of the prose around them.
# The e-mail part starts only where a token starts (the look-behind) and its parts are possessive:
# without that, a long run of word characters with no "@" is rescanned from every position
# (quadratic: 40k characters took 6 s).
_NOISE = re.compile(
    r"(?:https?://|www\.)\S+|\bdoi:\s*\S+|\b10\.\d{4,9}/\S+"
    r"|(?<![\w.+-])[\w.+-]++@[\w-]++\.[\w.-]++"
    r"|\d++(?:[.,:/-]\d+)*+",
    re.IGNORECASE,
)
_TOKEN = nbnn._TOKEN
MAX_CHUNKS = 1 << 16  # distinct chunks kept (~25 MB at most); the store starts afresh when full
_LOOKBACK = 3  # nbnn.tokens looks this many characters back for a word or comma before a capital


def clean(text: str) -> str:
    """Text with URLs, DOIs, e-mail addresses and numbers blanked out."""
    return _NOISE.sub(" ", text)


class Chunk(NamedTuple):
    """What one space-separated piece of text holds."""

    cleaned: str  # the piece after `clean`
    raw: tuple[str, ...]  # its tokens as written
    first: str  # its first token lower-cased if keeping it depends on what precedes the chunk, else ""
    reach: int  # how many characters before the chunk decide that
    kept: tuple[str, ...]  # its other tokens that nbnn.tokens keeps, lower-cased
    with_first: tuple[str, ...]  # `first` and `kept`
    long: bool  # some token has two letters or more
    doi: bool  # ends with "doi:", which the noise pattern may run past the space into the next chunk
    special: bool  # `first` or `doi`: the text around decides something
    sticky: int  # 1 if its last two characters end (blanks aside) in a letter, digit, comma or
    # semicolon, 0 if not, -1 if it is too short to tell alone


_chunk = partial(tuple.__new__, Chunk)  # Chunk(*fields) without the generated __new__ (a Python call)
_KEPT = attrgetter("kept")
_SPECIAL = attrgetter("special")
_RAW = attrgetter("raw")
_LONG = attrgetter("long")


def _sticky(cleaned: str) -> int:
    if len(cleaned) < _LOOKBACK - 1:
        return -1
    end = cleaned[-(_LOOKBACK - 1) :].rstrip()
    return int(bool(end) and (end[-1].isalnum() or end[-1] in ",;"))


def _read_chunk(piece: str) -> Chunk:
    if piece.isalpha():  # one token, nothing to clean (most chunks)
        sticky = 1 if len(piece) > 1 else -1
        if len(piece) > 1 and piece.isupper():
            return _chunk((piece, (piece,), "", 0, (), (), True, False, False, sticky))
        low = (piece.lower(),)
        if piece[0].isupper():
            return _chunk((piece, (piece,), low[0], _LOOKBACK, (), low, len(piece) > 1, False, True, sticky))
        return _chunk((piece, (piece,), "", 0, low, low, len(piece) > 1, False, False, sticky))
    word = piece.strip(_PUNCTUATION)
    if word.isalpha() and not (piece.endswith(":") and piece.lower().endswith("doi:")):
        return _read_punctuated(piece, word)
    return _read_general(piece)


# Marks that a word is wrapped in (a comma, brackets, quotes, a full stop), none of them a letter, a
# digit, a blank or a character of the noise pattern's URLs and addresses ("@", "/"): such a chunk
# holds exactly one token, its word, and `clean` leaves it as it is.
_PUNCTUATION = ".,;:!?()[]{}«»\"“”„'‘’‚–—-…*•·"


def _read_punctuated(piece: str, word: str) -> Chunk:
    """`_read_general` for a word wrapped in _PUNCTUATION, without the regular expressions."""
    start = piece.index(word[0])
    sticky = _sticky(piece)
    long = len(word) > 1
    if long and word.isupper():
        return _chunk((piece, (word,), "", 0, (), (), True, False, False, sticky))
    low = (word.lower(),)
    if word[0].isupper():
        if start == 0:  # nothing before it in this chunk: the text before decides
            return _chunk((piece, (word,), low[0], _LOOKBACK, (), low, long, False, True, sticky))
        before = piece[max(0, start - _LOOKBACK) : start]  # punctuation only, never blank
        if before[-1] in ",;":
            return _chunk((piece, (word,), "", 0, (), (), long, False, False, sticky))
    return _chunk((piece, (word,), "", 0, low, low, long, False, False, sticky))


def _read_general(piece: str) -> Chunk:
    cleaned = clean(piece)
    raw: list[str] = []
    kept: list[str] = []
    first, reach = "", 0
    for match in _TOKEN.finditer(cleaned):
        word, start = match.group(), match.start()
        raw.append(word)
        if len(word) > 1 and word.isupper():
            continue
        if word[0].isupper():
            before = cleaned[max(0, start - _LOOKBACK) : start].rstrip()
            if before:
                if before[-1].isalnum() or before[-1] in ",;":
                    continue
            elif start < _LOOKBACK:  # only blanks before it in this chunk: the text before decides
                first, reach = word.lower(), _LOOKBACK - start
                continue
        kept.append(word.lower())
    doi = piece.lower().endswith("doi:")
    long = any(len(w) > 1 for w in raw)
    with_first = (first, *kept) if first else tuple(kept)
    return Chunk(
        cleaned, tuple(raw), first, reach, tuple(kept), with_first, long, doi, bool(first) or doi, _sticky(cleaned)
    )


def read_into(pieces: set[str], store: dict[str, Chunk]) -> None:
    """`_read_chunk` of each piece, into `store` (a plain loop: measured faster than reading the
    one-word pieces in C-level passes, 0.84 against 1.06 us a piece)."""
    store.update(zip(pieces, map(_read_chunk, pieces), strict=True))


def chunks(text: str, store: dict[str, Chunk]) -> list[Chunk]:
    """The text's chunks (" ".join of their `cleaned` is clean(text)), read or recalled from `store`."""
    if len(store) > MAX_CHUNKS:
        store.clear()
    out = list(map(store.get, text.split(" ")))
    if None in out:
        for i, piece in enumerate(text.split(" ")):
            if out[i] is None:
                out[i] = store[piece] = _read_chunk(piece)
    return out  # type: ignore[return-value]


def _follows_word(parts: list[Chunk], index: int, reach: int) -> bool:
    """Whether, within `reach` characters before chunk `index`, the last non-blank one is a letter,
    digit, comma or semicolon (then nbnn.tokens drops a capitalised word there as a name)."""
    tail = ""
    j = index - 1
    while len(tail) < reach and j >= 0:
        tail = parts[j].cleaned + " " + tail
        j -= 1
    before = tail[-reach:].rstrip()
    return bool(before) and (before[-1].isalnum() or before[-1] in ",;")


class Scan(NamedTuple):
    """A text read for identification."""

    parts: list[Chunk]
    words: list[str]  # lower-cased tokens, as nbnn.tokens(clean(text)) gives them
    written: int  # tokens as written (len(nbnn.raw_words(clean(text))))
    long: bool  # some token has two letters or more


def scan(text: str, store: dict[str, Chunk] | None = None) -> Scan:
    """The text's chunks and words; chunks already read are taken from `store`, new ones added to it.

    Done with C-level map/chain over the chunks; only the chunks whose first word depends on what
    precedes them (`special`) are looked at one by one."""
    parts = chunks(text, {} if store is None else store)
    groups = list(map(_KEPT, parts))
    flags = list(map(_SPECIAL, parts))
    i = flags.index(True) if True in flags else -1
    while i >= 0:
        chunk = parts[i]
        if chunk.doi:  # the noise pattern may span chunks here: read the text whole
            cleaned = clean(text)
            raw = tuple(nbnn.raw_words(cleaned))
            words = nbnn.tokens(cleaned)
            whole = Chunk(
                cleaned, raw, "", 0, tuple(words), tuple(words), any(len(w) > 1 for w in raw), False, False, -1
            )
            return Scan([whole], words, len(raw), whole.long)
        if i == 0:
            keep = True  # nothing before it
        elif chunk.reach == _LOOKBACK and parts[i - 1].sticky >= 0:
            keep = not parts[i - 1].sticky
        else:
            keep = not _follows_word(parts, i, chunk.reach)
        if keep:
            groups[i] = chunk.with_first
        i = flags.index(True, i + 1) if True in flags[i + 1 :] else -1
    return Scan(parts, list(chain.from_iterable(groups)), sum(map(len, map(_RAW, parts))), any(map(_LONG, parts)))


def raw_words(parts: list[Chunk]) -> list[str]:
    """Tokens as written (nbnn.raw_words(clean(text))) from the text's chunks."""
    return [w for chunk in parts for w in chunk.raw]
