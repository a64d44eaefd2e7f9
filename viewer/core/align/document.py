"""What callers use: align a bilingual field (`align_text`) or a document's two languages (`align_document`).

`align_text` is the engine behind `python -m viewer align` (its JSON shape is a contract); the
desktop app's pair view calls `align_document`, whose pairs carry absolute offsets into
`Document.text` and the `Sentence` ids on each side.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from viewer.core.align import decision
from viewer.core.align.decision import TRANSLATION_THRESHOLD as TRANSLATION_THRESHOLD
from viewer.core.align.engine import Bead, align_sentences, translation_evidence
from viewer.core.align.split import find_split
from viewer.core.corpus.model import Document, Passage, PassageKind, Sentence
from viewer.core.corpus.segment import split_sentences
from viewer.core.language.labels import Lang

# The translation decision (`decision.is_translation`: share of sentences in alike beads against
# chance, length-aware; thesis abstract ~0.8, the project page's nb description vs en summary ~0.0).
# TRANSLATION_THRESHOLD is its long-text threshold.
# Within one field, two parts are nearly always a text and its translation: only a clearly negative
# evidence over enough sentences says otherwise (short translated fields score noisily, down to ~0.0).
FIELD_THRESHOLD = -0.02
_BODY = frozenset({PassageKind.ABSTRACT, PassageKind.PARAGRAPH, PassageKind.LIST_ITEM, PassageKind.QUOTE})

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class AlignedPair:
    """One bead: the source span (first part) and target span (second part), None for no counterpart."""

    source: Span | None
    target: Span | None
    score: float
    source_ids: tuple[str, ...] = ()
    target_ids: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "source": list(self.source) if self.source else None,
            "target": list(self.target) if self.target else None,
            "score": round(self.score, 4),
        }


@dataclass(frozen=True, slots=True)
class FieldAlignment:
    """The CLI contract's object: split offset (None if monolingual), the parts' languages, the pairs."""

    split: int | None
    languages: tuple[str, ...]
    pairs: tuple[AlignedPair, ...]
    translated: bool = True  # False: both languages present but not translations of each other

    def to_json(self) -> dict[str, Any]:
        return {"split": self.split, "languages": list(self.languages), "pairs": [p.to_json() for p in self.pairs]}


@dataclass(frozen=True, slots=True)
class DocumentAlignment:
    """A document's two language parts aligned sentence by sentence (or judged not translations)."""

    doc_id: str
    languages: tuple[str, str]
    source_group: str  # the passage group of the first part ("abstract.en"), or "" when by language
    target_group: str
    pairs: tuple[AlignedPair, ...]
    evidence: float  # decision.evidence: ~0 for unrelated texts, most of 1 for close translations
    translated: bool


def _pairs(
    beads: Sequence[Bead],
    src: Sequence[Span],
    tgt: Sequence[Span],
    src_ids: Sequence[str] = (),
    tgt_ids: Sequence[str] = (),
) -> tuple[AlignedPair, ...]:
    out = []
    for bd in beads:
        s = (src[bd.s0][0], src[bd.s1 - 1][1]) if bd.s1 > bd.s0 else None
        t = (tgt[bd.t0][0], tgt[bd.t1 - 1][1]) if bd.t1 > bd.t0 else None
        out.append(AlignedPair(s, t, bd.score, tuple(src_ids[bd.s0 : bd.s1]), tuple(tgt_ids[bd.t0 : bd.t1])))
    return tuple(out)


def _unpaired(
    src: Sequence[Span], tgt: Sequence[Span], src_ids: Sequence[str] = (), tgt_ids: Sequence[str] = ()
) -> tuple[AlignedPair, ...]:
    """Every sentence as its own 1-0 / 0-1 bead: the honest answer for texts that are not translations."""
    return tuple(
        [AlignedPair(s, None, 1.0, tuple(src_ids[i : i + 1])) for i, s in enumerate(src)]
        + [AlignedPair(None, t, 1.0, (), tuple(tgt_ids[j : j + 1])) for j, t in enumerate(tgt)]
    )


def align_spans(text: str, src: Sequence[Span], tgt: Sequence[Span], source_english: bool) -> tuple[list[Bead], float]:
    """Beads and translation evidence for two lists of sentence spans in text."""
    source = [text[s:e] for s, e in src]
    target = [text[s:e] for s, e in tgt]
    beads = align_sentences(source, target, source_english)
    return beads, translation_evidence(source, target, beads, source_english)


def align_text(text: str) -> FieldAlignment:
    """Split a field where its language changes and align the two parts' sentences."""
    split = find_split(text)
    if split is None:
        return FieldAlignment(None, (), ())
    languages = (split.first.value, split.second.value)
    src = split_sentences(text, 0, split.offset) or []
    tgt = split_sentences(text, split.offset, len(text)) or []
    if not src or not tgt:
        return FieldAlignment(split.offset, languages, _unpaired(src, tgt))
    beads, evidence = align_spans(text, src, tgt, split.first is Lang.EN)
    # A field is nearly always one text and its translation: call it otherwise only on clear evidence.
    if evidence < FIELD_THRESHOLD and min(len(src), len(tgt)) >= 4:
        return FieldAlignment(split.offset, languages, _unpaired(src, tgt), translated=False)
    return FieldAlignment(split.offset, languages, _pairs(beads, src, tgt))


def _parts(document: Document) -> tuple[list[Passage], list[Passage], str, str] | None:
    """The document's two language parts: grouped halves ("abstract.en"/"abstract.nb") or body passages."""
    groups = document.groups()
    for name, passages in groups.items():
        base, _, lang = name.rpartition(".")
        if lang != Lang.EN.value:
            continue
        for other in (f"{base}.{Lang.NB.value}", f"{base}.{Lang.NN.value}"):
            if other in groups:
                first, second = (name, other) if passages[0].start < groups[other][0].start else (other, name)
                return groups[first], groups[second], first, second
    body = [p for p in document.passages if not p.low_value and p.kind in _BODY and not p.group]
    english = [p for p in body if p.lang is Lang.EN]
    norwegian = [p for p in body if p.lang in (Lang.NB, Lang.NN)]
    if not english or not norwegian:
        return None
    if english[0].start < norwegian[0].start:
        return english, norwegian, "", ""
    return norwegian, english, "", ""


def align_document(document: Document) -> DocumentAlignment | None:
    """Pairs of sentences across the document's two languages; None when it has no two-language body.

    A document that brings its own pairs (a TMX file: `meta.extra["aligned_pairs"]`) gets those.
    """
    if document.meta.extra.get("aligned_pairs"):
        return _given_pairs(document)
    parts = _parts(document)
    if parts is None:
        return None
    first, second, first_group, second_group = parts
    src: list[Sentence] = [s for p in first for s in p.sentences]
    tgt: list[Sentence] = [s for p in second for s in p.sentences]
    src_spans = [(s.start, s.end) for s in src]
    tgt_spans = [(s.start, s.end) for s in tgt]
    src_ids, tgt_ids = [s.id for s in src], [s.id for s in tgt]
    lang1 = _majority(first)
    lang2 = _majority(second)
    source = [document.text[a:b] for a, b in src_spans]
    target = [document.text[a:b] for a, b in tgt_spans]
    beads = align_sentences(source, target, lang1 is Lang.EN)
    evidence = decision.text_evidence(source, target, beads, lang1 is Lang.EN, lang2 is Lang.EN)
    translated = decision.is_translation(evidence, len(src), len(tgt))
    pairs = (
        _pairs(beads, src_spans, tgt_spans, src_ids, tgt_ids)
        if translated
        else _unpaired(src_spans, tgt_spans, src_ids, tgt_ids)
    )
    return DocumentAlignment(
        document.id, (lang1.value, lang2.value), first_group, second_group, pairs, round(evidence, 4), translated
    )


def _given_pairs(document: Document) -> DocumentAlignment:
    """The pairs a document was imported with: character spans into its text, one bead per pair."""
    extra = document.meta.extra
    lang1, lang2 = extra["aligned_languages"]
    sentences = sorted((s for p in document.passages for s in p.sentences), key=lambda s: s.start)

    def ids(span: Span) -> tuple[str, ...]:
        return tuple(s.id for s in sentences if span[0] <= s.start and s.end <= span[1])

    pairs = tuple(
        AlignedPair((a[0], a[1]), (b[0], b[1]), 1.0, ids((a[0], a[1])), ids((b[0], b[1])))
        for a, b in extra["aligned_pairs"]
    )
    return DocumentAlignment(document.id, (lang1, lang2), f"tmx.{lang1}", f"tmx.{lang2}", pairs, 1.0, True)


def _majority(passages: Sequence[Passage]) -> Lang:
    chars: dict[Lang, int] = {}
    for p in passages:
        chars[p.lang] = chars.get(p.lang, 0) + p.end - p.start
    return max(chars, key=lambda lang: chars[lang])
