"""Align two documents: a text in one file and its translation (or not) in another.

`align_texts` segments each text (`viewer.core.corpus.segment`), aligns the sentences with the
banded, anchored DP of `viewer.core.align.banded` (paragraph agreement counts where both texts
have blank-line paragraphs), scores each bead like the field aligner, and decides whether the two
are translations at all (`viewer.core.align.decision`). Pairs of non-translations list every
sentence on its own (1-0 and 0-1 beads), as `align_document` does.

`TextAlignment.to_json()` is the `python -m viewer align` answer to a {"source", "target"} line:
{"languages": [...], "translated": bool, "pairs": [{"source": [s, e] | null, "target": ..., "score": x}]},
offsets into the source and the target text respectively.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from viewer.core.align.banded import AlignmentCancelled, Layout, align_long
from viewer.core.align.decision import evidence as translation_evidence
from viewer.core.align.decision import is_translation
from viewer.core.align.document import AlignedPair, Span
from viewer.core.align.engine import DEFAULT, Bead, Params, _scored, _sides, length_ratio
from viewer.core.corpus.segment import split_paragraphs, split_sentences
from viewer.core.language.labels import Lang
from viewer.core.progress import Cancel, Progress

__all__ = ["AlignmentCancelled", "TextAlignment", "align_texts", "paragraph_ends", "text_language"]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class TextAlignment:
    """Two texts aligned: their languages, whether they are translations, the evidence, the beads.

    `pairs[k].source` indexes the source text and `pairs[k].target` the target text (None: no
    counterpart); when `translated` is False every sentence is its own bead.
    """

    languages: tuple[str, str]
    translated: bool
    evidence: float
    pairs: tuple[AlignedPair, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "languages": list(self.languages),
            "translated": self.translated,
            "pairs": [p.to_json() for p in self.pairs],
        }


def paragraph_ends(text: str, sentences: Sequence[Span]) -> list[bool]:
    """Per sentence, whether it ends its blank-line paragraph (the last sentence always does)."""
    ends = {e for _, e in split_paragraphs(text)}
    out = [e in ends for _, e in sentences]
    if out:
        out[-1] = True
    return out


_SAMPLE_PARAGRAPHS = 60  # passages identified per text (spread over it): enough for a majority


def text_language(text: str) -> str:
    """The text's language ("en", "nb", "nn", or "und"): the majority, by characters, of its passages."""
    from viewer.core.language.identify import get_identifier

    paragraphs = split_paragraphs(text)
    step = max(1, len(paragraphs) // _SAMPLE_PARAGRAPHS)
    identifier = get_identifier()
    chars: dict[Lang, int] = {}
    for s, e in paragraphs[::step]:
        lang = identifier.identify(text[s:e]).lang
        if lang is not Lang.UND:
            chars[lang] = chars.get(lang, 0) + e - s
    return max(chars, key=lambda lang: chars[lang]).value if chars else Lang.UND.value


def align_texts(
    source_text: str,
    target_text: str,
    source_lang: str,
    target_lang: str,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> TextAlignment:
    """Sentence beads between two texts (languages "en", "nb", "nn"); raises AlignmentCancelled."""
    src = split_sentences(source_text)
    tgt = split_sentences(target_text)
    languages = (source_lang, target_lang)
    if not src or not tgt:
        return TextAlignment(languages, False, 0.0, _unpaired(src, tgt))
    beads, evidence = align_spans(
        source_text, src, target_text, tgt, source_lang, target_lang, progress=progress, cancel=cancel
    )
    translated = is_translation(evidence, len(src), len(tgt))
    pairs = _pairs(beads, src, tgt) if translated else _unpaired(src, tgt)
    if progress is not None:
        progress(1, 1, "aligned")
    return TextAlignment(languages, translated, round(evidence, 4), pairs)


def align_spans(
    source_text: str,
    src: Sequence[Span],
    target_text: str,
    tgt: Sequence[Span],
    source_lang: str,
    target_lang: str,
    *,
    params: Params = DEFAULT,
    paragraphs: bool = True,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> tuple[list[Bead], float]:
    """Beads and translation evidence for sentence spans of two texts (the evaluation's entry point)."""
    source = [source_text[s:e] for s, e in src]
    target = [target_text[s:e] for s, e in tgt]
    a, b = _sides(source, target, source_lang == "en", params, target_english=target_lang == "en")
    ratio = length_ratio(a.lengths, b.lengths)
    layout = None
    if paragraphs:
        ends_a, ends_b = paragraph_ends(source_text, src), paragraph_ends(target_text, tgt)
        if sum(ends_a) >= 2 and sum(ends_b) >= 2:  # both sides have paragraphs
            layout = Layout(ends_a, ends_b)
    path = align_long(a, b, ratio, params, layout, progress, cancel)
    beads = [_scored(a, b, ratio, params, s0, s1, t0, t1) for s0, s1, t0, t1 in path]
    return beads, translation_evidence(a, b, beads)


def _pairs(beads: Sequence[Bead], src: Sequence[Span], tgt: Sequence[Span]) -> tuple[AlignedPair, ...]:
    out = []
    for bd in beads:
        s = (src[bd.s0][0], src[bd.s1 - 1][1]) if bd.s1 > bd.s0 else None
        t = (tgt[bd.t0][0], tgt[bd.t1 - 1][1]) if bd.t1 > bd.t0 else None
        out.append(AlignedPair(s, t, bd.score))
    return tuple(out)


def _unpaired(src: Sequence[Span], tgt: Sequence[Span]) -> tuple[AlignedPair, ...]:
    return tuple([AlignedPair(s, None, 1.0) for s in src] + [AlignedPair(None, t, 1.0) for t in tgt])
