"""Aligning two documents' texts: `viewer.core.align.texts.align_texts` when it is there, else the
sentence aligner (`viewer.core.align.engine`) run here on the two texts' sentences.

The finder's last check of a strong candidate is its translation evidence (how much more alike
aligned sentences are than shifted ones: ~0 for texts that do not translate each other).
"""

from __future__ import annotations

import importlib
import logging
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from viewer.core.align.document import AlignedPair
from viewer.core.align.engine import align_sentences, translation_evidence
from viewer.core.corpus.segment import split_sentences
from viewer.core.pairs.model import PairAlignment
from viewer.core.progress import Cancel, Progress

log = logging.getLogger(__name__)

TRANSLATION_EVIDENCE = 0.06  # as viewer.core.align.document.TRANSLATION_THRESHOLD

AlignTexts = Callable[..., Any]
_MISSING: list[bool] = []


@dataclass(frozen=True, slots=True)
class TextPairAlignment:
    """Two texts aligned sentence by sentence: spans of the source text paired with spans of the target."""

    languages: tuple[str, str]
    translated: bool
    evidence: float
    pairs: tuple[AlignedPair, ...]


def external_aligner() -> AlignTexts | None:
    """`align_texts` of viewer.core.align.texts, or None while that module is not there."""
    if _MISSING:
        return None
    try:
        module = importlib.import_module("viewer.core.align.texts")
    except ImportError as exc:
        log.info("viewer.core.align.texts unavailable (%s): pairs use their own alignment", exc)
        _MISSING.append(True)
        return None
    aligner = getattr(module, "align_texts", None)
    return aligner if callable(aligner) else None


def _spans(text: str) -> list[tuple[int, int]]:
    return split_sentences(text, 0, len(text)) or ([(0, len(text))] if text.strip() else [])


def evidence_of(source: Sequence[str], target: Sequence[str], source_english: bool) -> float:
    """Translation evidence of two sentence lists (the engine's, aligned here)."""
    if not source or not target:
        return 0.0
    beads = align_sentences(source, target, source_english)
    return translation_evidence(source, target, beads, source_english)


def own_alignment(source_text: str, target_text: str, source_lang: str, target_lang: str) -> TextPairAlignment:
    """The fallback of `align_texts`: the two texts' sentences aligned by the engine."""
    src, tgt = _spans(source_text), _spans(target_text)
    source = [source_text[s:e] for s, e in src]
    target = [target_text[s:e] for s, e in tgt]
    english = source_lang == "en"
    if not source or not target:
        return TextPairAlignment((source_lang, target_lang), False, 0.0, ())
    beads = align_sentences(source, target, english)
    evidence = translation_evidence(source, target, beads, english)
    translated = evidence >= TRANSLATION_EVIDENCE
    pairs = []
    for bd in beads:
        s = (src[bd.s0][0], src[bd.s1 - 1][1]) if bd.s1 > bd.s0 else None
        t = (tgt[bd.t0][0], tgt[bd.t1 - 1][1]) if bd.t1 > bd.t0 else None
        if not translated and s is not None and t is not None:  # not translations: nothing is paired
            pairs += [AlignedPair(s, None, 1.0), AlignedPair(None, t, 1.0)]
        else:
            pairs.append(AlignedPair(s, t, bd.score))
    return TextPairAlignment((source_lang, target_lang), translated, round(evidence, 4), tuple(pairs))


def align_pair(
    source_text: str,
    target_text: str,
    source_lang: str,
    target_lang: str,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> PairAlignment:
    """The two texts' alignment: align_texts' when it is there, else the engine's (`own_alignment`)."""
    aligner = external_aligner()
    if aligner is not None:
        result: PairAlignment = aligner(
            source_text, target_text, source_lang, target_lang, progress=progress, cancel=cancel
        )
        return result
    return own_alignment(source_text, target_text, source_lang, target_lang)


def _threshold(module: object, source_text: str, target_text: str) -> float:
    """The evidence align_texts' decision asks of texts this long (viewer.core.align.decision)."""
    threshold = getattr(module, "threshold", None)
    n, m = len(_spans(source_text)), len(_spans(target_text))
    if callable(threshold):
        return float(threshold(n, m))
    return 0.22 + 0.06 / math.sqrt(max(1, min(n, m)))


def check_evidence(
    source_text: str,
    source_sentences: Sequence[str],
    target_text: str,
    target_sentences: Sequence[str],
    source_lang: str,
    target_lang: str,
    cancel: Cancel | None = None,
) -> float | None:
    """The finder's last check: how far the texts' translation evidence is above what the aligner
    asks of a translation (positive: they align as a translation; negative: they do not). Uses
    align_texts and its decision when they are there, else the engine. None when cancelled."""
    aligner = external_aligner()
    if aligner is not None:
        try:
            result = aligner(source_text, target_text, source_lang, target_lang, cancel=cancel)
        except Exception as exc:
            if type(exc).__name__ == "AlignmentCancelled":
                return None
            # another module's bug must not stop pairing: the engine's evidence instead, and the trace logged
            log.exception("align_texts failed on a candidate pair; using the engine's evidence")
        else:
            try:
                decision: object = importlib.import_module("viewer.core.align.decision")
            except ImportError as exc:
                log.info("viewer.core.align.decision unavailable (%s): a fixed threshold", exc)
                decision = None
            return float(result.evidence) - _threshold(decision, source_text, target_text)
    return evidence_of(source_sentences, target_sentences, source_lang == "en") - TRANSLATION_EVIDENCE
