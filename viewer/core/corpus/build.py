"""Building documents: any text turned into a Document.

`build_document` turns one text into a Document: the kind's parser finds the passages, long
passages are cut at sentence boundaries, bilingual fields are split where the language switches,
and every passage and sentence gets a language label.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from viewer.core.align.split import find_split
from viewer.core.corpus.drafts import Draft, Parsed, strip_span
from viewer.core.corpus.model import Document, DocumentMeta, Passage, PassageKind, Sentence
from viewer.core.corpus.segment import split_sentences
from viewer.core.corpus.sources import PARSERS
from viewer.core.language.identify import get_identifier
from viewer.core.language.labels import UNDETERMINED, Lang, LangGuess

# Long passages are cut into chunks of whole sentences of about this many characters, so that a
# search hit or a bookmark points at a readable unit rather than a whole page.
CHUNK_CHARS = 700
# A sentence keeps its own label only when it is at least this sure; otherwise it takes its
# passage's label (short sentences carry little evidence).
SENTENCE_OWN_LABEL = 0.6
# nb/nn calls below this confidence are settled with the document's own variant as a prior.
WEAK_VARIANT = 0.75
DOCUMENT_PRIOR_WEIGHT = 0.5
# Identification reads at most this many characters of a passage or sentence (langdetect itself
# reads no more than 10,000): a 2 MB passage of one unbroken "sentence" is judged by its start
# rather than scored character by character. Real passages are far shorter (CHUNK_CHARS).
IDENTIFY_CHARS = 10_000


def build_document(
    doc_id: str,
    text: str,
    kind: str,
    meta: DocumentMeta | None,
    path: Path | None = None,
    collection: str = "bundled",
    warnings: Sequence[str] = (),
    parsed: Parsed | None = None,
    declared: Mapping[str, LangGuess] | None = None,
) -> Document:
    """One text as a Document; `parsed` (drafts found by an importer) replaces the kind's parser.

    `declared` gives the label of every passage of a group whose language the file states (a TMX
    file's "tmx.en"): those passages and their sentences are not identified."""
    parsed = PARSERS[kind](text) if parsed is None else parsed
    identifier = get_identifier()
    title = (meta.title if meta else parsed.meta.get("title", "")).strip()
    items: list[tuple[Draft, list[Span], LangGuess | None]] = []
    for draft in parsed.drafts:
        if title and draft.kind is PassageKind.PARAGRAPH and text[draft.start : draft.end] == title:
            draft = replace(draft, kind=PassageKind.TITLE)
        for chunk_draft, spans in _expand(text, draft):
            items.append((chunk_draft, spans, declared.get(chunk_draft.group) if declared else None))
    # Every passage's and sentence's text is identified in one call: a batch is summed at once.
    asked = [t for chunk_draft, spans, fixed in items if fixed is None for t in _asked(text, chunk_draft, spans)]
    answers = iter(identifier.identify_many(asked) if asked else ())  # none for a TMX file's declared segments
    passages = [
        _make_passage(doc_id, index, text, chunk_draft, spans, answers, fixed)
        for index, (chunk_draft, spans, fixed) in enumerate(items)
    ]
    passages = _with_document_context(passages, identifier)
    if meta is None:
        meta = _derived_meta(kind, parsed.meta, passages, path)
    meta = DocumentMeta(
        meta.title,
        meta.kind,
        meta.authors,
        meta.year or parsed.meta.get("year"),
        meta.provenance,
        meta.licence,
        meta.languages,
        {**parsed.meta, **meta.extra},
    )
    return Document(doc_id, text, meta, tuple(passages), path, collection, tuple(warnings))


Span = tuple[int, int]


def _expand(text: str, draft: Draft) -> list[tuple[Draft, list[Span]]]:
    """A draft as one or more (draft, sentence spans): bilingual fields split, long ones chunked."""
    spans = split_sentences(text, draft.start, draft.end) or [(draft.start, draft.end)]
    if draft.bilingual:
        halves = _split_bilingual(text, draft, spans)
        if halves:
            return [chunk for half, half_spans in halves for chunk in _chunks(half, half_spans)]
    if draft.low_value or draft.end - draft.start <= CHUNK_CHARS * 1.4:
        return [(draft, spans)]
    return _chunks(draft, spans)


def _split_bilingual(text: str, draft: Draft, spans: list[Span]) -> list[tuple[Draft, list[Span]]]:
    """The two language parts of a field as drafts grouped "<group>.<lang>", or [] if monolingual.

    The switch may fall inside a sentence span (two sentences glued without a space): that span
    is cut at the switch.
    """
    found = find_split(text[draft.start : draft.end])
    if found is None:
        return []
    cut = draft.start + found.offset
    halves: tuple[list[Span], list[Span]] = ([], [])
    for s, e in spans:
        if e <= cut:
            halves[0].append((s, e))
        elif s >= cut:
            halves[1].append((s, e))
        else:
            for part, (ps, pe) in zip(halves, ((s, cut), (cut, e)), strict=True):
                ps, pe = strip_span(text, ps, pe)
                if ps < pe:
                    part.append((ps, pe))
    out = []
    for half, lang in zip(halves, (found.first, found.second), strict=True):
        if not half:
            return []
        group = f"{draft.group}.{lang.value}" if draft.group else lang.value
        out.append((Draft(half[0][0], half[-1][1], draft.kind, label=draft.label, group=group), half))
    return out


def _chunks(draft: Draft, spans: list[Span]) -> list[tuple[Draft, list[Span]]]:
    """Consecutive sentences grouped into chunks of about CHUNK_CHARS characters."""
    groups: list[list[Span]] = [[]]
    for span in spans:
        if groups[-1] and groups[-1][-1][1] - groups[-1][0][0] >= CHUNK_CHARS:
            groups.append([])
        groups[-1].append(span)
    # A short tail joins the previous chunk rather than standing alone.
    if len(groups) > 1 and groups[-1][-1][1] - groups[-1][0][0] < CHUNK_CHARS / 3:
        groups[-2].extend(groups.pop())
    out = []
    for group in groups:
        s, e = group[0][0], group[-1][1]
        glosses = tuple(g for g in draft.glosses if s <= g[0] < e)
        out.append((Draft(s, e, draft.kind, draft.low_value, draft.label, draft.group, glosses=glosses), group))
    return out


def _asked(text: str, draft: Draft, spans: list[Span]) -> list[str]:
    """The texts a passage's labels are read from, in the order `_make_passage` takes their answers:
    its own text (none for noise), then each sentence's when it has more than one."""
    if draft.low_value:
        own = [] if draft.kind is PassageKind.NOISE else [text[draft.start : draft.end][:IDENTIFY_CHARS]]
    else:
        own = [_own_text(text, draft)[:IDENTIFY_CHARS]]
    if len(spans) <= 1:
        return own
    return own + [text[s:e] if e - s <= IDENTIFY_CHARS else text[s : s + IDENTIFY_CHARS] for s, e in spans]


def _make_passage(
    doc_id: str,
    index: int,
    text: str,
    draft: Draft,
    spans: list[tuple[int, int]],
    answers: Iterator[LangGuess],
    fixed: LangGuess | None = None,
) -> Passage:
    """The passage of a draft; its labels are the next answers to its `_asked` texts (none when fixed)."""
    pid = f"{doc_id}:{index:03d}"
    body = text[draft.start : draft.end]
    if fixed is not None:  # the file states this passage's language
        return Passage(
            id=pid,
            doc_id=doc_id,
            index=index,
            start=draft.start,
            end=draft.end,
            text=body,
            kind=draft.kind,
            lang=fixed.lang,
            confidence=fixed.confidence,
            sentences=tuple(
                Sentence(f"{pid}.{j}", s, e, fixed.lang, fixed.confidence) for j, (s, e) in enumerate(spans)
            ),
            group=draft.group,
            low_value=draft.low_value,
            label=draft.label,
            glosses=draft.glosses,
        )
    guess = UNDETERMINED if draft.low_value and draft.kind is PassageKind.NOISE else next(answers)
    sentences = []
    own = [next(answers) for _ in spans] if len(spans) > 1 else [guess]
    known = guess.lang is not Lang.UND
    for j, ((s, e), g) in enumerate(zip(spans, own, strict=True)):
        if known and g.confidence < SENTENCE_OWN_LABEL:
            g = LangGuess(guess.lang, round(min(guess.confidence, 0.5 + g.confidence / 2) * 0.9, 3))
        sentences.append(Sentence(f"{pid}.{j}", s, e, g.lang, g.confidence))
    # (Positional: the fields in their order, id to glosses; a passage is made per 300 characters.)
    return Passage(
        pid,
        doc_id,
        index,
        draft.start,
        draft.end,
        body,
        draft.kind,
        guess.lang,
        guess.confidence,
        tuple(sentences),
        draft.group,
        draft.low_value,
        draft.label,
        draft.glosses,
    )


def _with_document_context(passages: list[Passage], identifier: Any) -> list[Passage]:
    """Settle weak Bokmål/Nynorsk calls by the document's own confident passages.

    A heading like "Ulike kunnskapssyn" is valid in both standards; in an article written in
    Nynorsk it is Nynorsk. The document's share of Nynorsk among its confident Norwegian text is a
    prior, combined (tempered) with the passage's own nb/nn evidence.
    """
    mass = {Lang.NB: 1.0, Lang.NN: 1.0}
    for p in passages:
        if not p.low_value and p.lang in mass and p.confidence >= 0.8:
            mass[p.lang] += p.end - p.start
    prior = math.log(mass[Lang.NN] / mass[Lang.NB])
    if abs(prior) < 1.0:
        return passages

    def settle(text: str, lang: Lang, confidence: float) -> tuple[Lang, float]:
        if lang not in mass or confidence >= WEAK_VARIANT:
            return lang, confidence
        variant, p = identifier.norwegian_variant(text)
        p_nn = p if variant is Lang.NN else 1 - p
        logit = math.log(p_nn / (1 - p_nn)) + DOCUMENT_PRIOR_WEIGHT * max(-3.0, min(3.0, prior))
        q_nn = 1 / (1 + math.exp(-logit))
        new = Lang.NN if q_nn >= 0.5 else Lang.NB
        q = max(q_nn, 1 - q_nn)
        return new, round(min(WEAK_VARIANT, confidence * q / max(p, 1e-6)), 3)

    def weak(lang: Lang, confidence: float) -> bool:
        return lang in mass and confidence < WEAK_VARIANT

    out = []
    for p in passages:
        if not weak(p.lang, p.confidence) and not any(
            s.confidence < WEAK_VARIANT and s.lang in mass
            for s in p.sentences  # weak(s.lang, s.confidence)
        ):
            out.append(p)  # nothing to settle (a TMX file's declared segments: 400,000 of them)
            continue
        lang, conf = settle(p.text[:IDENTIFY_CHARS], p.lang, p.confidence)
        sentences = tuple(
            replace(s, lang=new, confidence=c)
            for s in p.sentences
            for new, c in [settle(p.sentence_text(s)[:IDENTIFY_CHARS], s.lang, s.confidence)]
        )
        out.append(replace(p, lang=lang, confidence=conf, sentences=sentences))
    return out


def _without_glosses(text: str, draft: Draft) -> str:
    """The passage text minus bracketed English glosses, so a Norwegian title is labelled nb."""
    if not draft.glosses:
        return text[draft.start : draft.end]
    pieces, pos = [], draft.start
    for gs, ge in draft.glosses:
        pieces.append(text[pos:gs])
        pos = ge
    pieces.append(text[pos : draft.end])
    return " ".join(pieces)


_BRACKETED = re.compile(r"\[[^\[\]\n]{8,400}\]")
_WORD = re.compile(r"[^\W\d_]{2,}")
OWN_WORDS = 6  # words left outside brackets for them alone to say the passage's language


def _own_text(text: str, draft: Draft) -> str:
    """The text that says a passage's language: without its bracketed spans when enough is left.

    In references a bracket holds a title's translation: `Tittel [English title]` or `Title
    [Norsk tittel]`, the kind a source marks as glosses and imported texts have too. Left in,
    a long Norwegian title in brackets outvotes the English reference around it."""
    own = _without_glosses(text, draft)
    if "[" not in own:
        return own
    rest = _BRACKETED.sub(" ", own)
    return rest if len(_WORD.findall(rest)) >= OWN_WORDS else own


def _derived_meta(kind: str, parsed: dict[str, Any], passages: list[Passage], path: Path | None) -> DocumentMeta:
    title = parsed.get("title") or (path.stem if path else "untitled")
    mix: dict[str, int] = {}
    for p in passages:
        if not p.low_value and p.lang is not Lang.UND:
            mix[p.lang.value] = mix.get(p.lang.value, 0) + p.end - p.start
    languages = tuple(sorted(mix, key=lambda k: -mix[k]))
    return DocumentMeta(
        title,
        kind,
        tuple(parsed.get("authors", ())),
        parsed.get("year"),
        str(path) if path else "",
        "not stated",
        languages,
    )


__all__ = ["build_document"]
