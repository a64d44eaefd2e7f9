"""Aligning two documents' texts (`viewer.core.align.texts.align_texts`), and the finder's last check
of a strong candidate: its translation evidence measured against what the aligner's decision asks of
texts that long (`viewer.core.align.decision.threshold`), so the finder and the side-by-side view
agree on what is a translation.
"""

from __future__ import annotations

from viewer.core.align.decision import threshold
from viewer.core.align.texts import AlignmentCancelled, TextAlignment, align_texts
from viewer.core.corpus.segment import split_sentences
from viewer.core.progress import Cancel, Progress

__all__ = ["align_pair", "check_evidence"]


def align_pair(
    source_text: str,
    target_text: str,
    source_lang: str,
    target_lang: str,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> TextAlignment:
    """The two texts aligned sentence by sentence; raises AlignmentCancelled."""
    return align_texts(source_text, target_text, source_lang, target_lang, progress=progress, cancel=cancel)


def check_evidence(
    source_text: str, target_text: str, source_lang: str, target_lang: str, cancel: Cancel | None = None
) -> float | None:
    """How far the texts' translation evidence is above what the aligner asks of a translation this
    long (positive: they align as a translation; negative: they do not). None when cancelled."""
    try:
        result = align_texts(source_text, target_text, source_lang, target_lang, cancel=cancel)
    except AlignmentCancelled:
        return None
    n, m = len(split_sentences(source_text)), len(split_sentences(target_text))
    return result.evidence - threshold(n, m)
