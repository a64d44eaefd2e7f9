"""A new bookmark made from a document: a passage, a character range or a sentence (with its aligned
pair), anchored in the text and checked before anything is written.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable
from typing import Any

from viewer.core.bookmarks.model import Bookmark, BookmarkKind, PairRef, normalise_tags, now_utc
from viewer.core.corpus.anchors import make_anchor
from viewer.core.corpus.model import Document, Passage
from viewer.core.errors import UserError

MAX_NOTE = 10_000_000  # characters: far beyond any real note, short of a pasted file by mistake


def new_bookmark(
    document: Document,
    *,
    passage_id: str | None = None,
    start: int | None = None,
    end: int | None = None,
    note: str = "",
    tags: Iterable[str] = (),
    sentence_id: str = "",
    pair: PairRef | None = None,
) -> Bookmark:
    """Bookmark a passage (`passage_id`), a range (`start`, `end`) or a sentence with its aligned pair."""
    passage: Passage | None = None
    kind = BookmarkKind.RANGE
    if sentence_id:
        passage, sentence = _find_sentence(document, sentence_id)
        start, end, lang = sentence.start, sentence.end, sentence.lang.value
        kind = BookmarkKind.PAIR if pair is not None else BookmarkKind.RANGE
    elif passage_id is not None:
        try:
            passage = document.passage(passage_id)
        except KeyError:
            raise UserError(f"document {document.id!r} has no passage {passage_id!r}") from None
        start, end, lang, kind = passage.start, passage.end, passage.lang.value, BookmarkKind.PASSAGE
    else:
        if start is None or end is None:
            raise UserError("give a passage id, a sentence id, or both a start and an end offset")
        if not 0 <= start < end <= len(document.text):
            raise UserError(
                f"range {start}-{end} is outside document {document.id!r} (0-{len(document.text)}, start < end)"
            )
        passage, lang = _range_passage_and_lang(document, start, end)
    anchor = make_anchor(
        document.id,
        document.text,
        start,
        end,
        passage_id=passage.id if passage else "",
        sentence_id=sentence_id,
        fingerprint=document.fingerprint,
    )
    if not anchor.exact.strip():
        raise UserError(f"range {start}-{end} of {document.id!r} holds only white space")
    stamp = now_utc()
    return Bookmark(
        id=str(uuid.uuid4()),
        kind=kind,
        anchor=anchor,
        note=check_note(note),
        tags=normalise_tags(list(tags)),
        created=stamp,
        updated=stamp,
        lang=lang,
        doc_title=document.title,
        original_exact=anchor.exact,
        pair=pair,
    )


def check_note(note: str) -> str:
    if not isinstance(note, str):
        raise UserError("a note must be text")
    if len(note) > MAX_NOTE:
        raise UserError(f"a note can hold at most {MAX_NOTE:,} characters (this one has {len(note):,})")
    return note


def _find_sentence(document: Document, sentence_id: str) -> tuple[Passage, Any]:
    for passage in document.passages:
        for sentence in passage.sentences:
            if sentence.id == sentence_id:
                return passage, sentence
    raise UserError(f"document {document.id!r} has no sentence {sentence_id!r}")


def _range_passage_and_lang(document: Document, start: int, end: int) -> tuple[Passage | None, str]:
    """The first passage a range shows text of, and the range's language: the one most of its
    characters are labelled with (sentence labels, else passage labels), `und` only when no
    labelled text is in it. A selection may start in the white space before a passage (a reader's
    triple click does): that must not make it `und`."""
    touched = [
        p for p in document.passages_at(start, end) if document.text[max(start, p.start) : min(end, p.end)].strip()
    ]
    if not touched:
        return None, "und"
    shares: Counter[str] = Counter()
    for passage in touched:
        s, e = max(start, passage.start), min(end, passage.end)
        covered = 0
        for sentence in passage.sentences:
            overlap = min(e, sentence.end) - max(s, sentence.start)
            if overlap > 0:
                shares[sentence.lang.value] += overlap
                covered += overlap
        if e - s > covered:
            shares[passage.lang.value] += e - s - covered
    known = [(n, lang) for lang, n in shares.items() if lang != "und"]
    if known:
        return touched[0], max(known)[1]
    return touched[0], _selection_lang(document, document.text[start:end])


def _selection_lang(document: Document, selected: str) -> str:
    """A selection in unlabelled text (a heading in capitals, a line of names): its own guess, with a
    weak Bokmål/Nynorsk call settled by the standard most of the document's Norwegian is in."""
    from viewer.core.language.identify import identify

    guess = identify(selected)
    if guess.lang.value in ("nb", "nn") and guess.confidence < 0.75:
        mix = document.language_mix()
        if mix["nb"] != mix["nn"]:
            return "nb" if mix["nb"] > mix["nn"] else "nn"
    return guess.lang.value
