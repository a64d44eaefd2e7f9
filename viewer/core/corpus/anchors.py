"""Text anchors that survive edits: the W3C Web Annotation TextQuote + TextPosition selectors.

An anchor records the quoted text, ~32 characters of context either side, the character offsets and
the document's fingerprint. `resolve` finds it again in a (possibly changed) text in three steps:
the old position -> exact quote search, disambiguated by context and distance -> a fuzzy match
(Bitap from diff-match-patch, the algorithm annotation tools such as Hypothesis used). It returns
`ok`, `moved` or `orphaned`; an orphaned anchor keeps its last known quote and offsets.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace
from enum import StrEnum

from viewer.core.corpus.model import text_fingerprint

CONTEXT = 32  # characters of prefix/suffix kept, as Hypothesis does
# A quote this long is evidence on its own; a shorter one also needs its context to agree.
SELF_EVIDENT = 24
MIN_CONTEXT = 0.3
MIN_SIMILARITY = 0.75  # a fuzzy match must keep at least this share of the quote (1 - edits/length)
_MAX_EXACT_CANDIDATES = 2000


class AnchorStatus(StrEnum):
    OK = "ok"  # found where it was, text unchanged
    MOVED = "moved"  # found elsewhere, or with small differences
    ORPHANED = "orphaned"  # not found: the bookmark is kept with its last known quote


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a bookmark points: TextQuote (exact, prefix, suffix) + TextPosition (start, end)."""

    doc_id: str
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int
    fingerprint: str
    passage_id: str = ""
    sentence_id: str = ""


@dataclass(frozen=True, slots=True)
class Resolution:
    """The outcome of re-anchoring: a status, the offsets in the new text and the text found there."""

    status: AnchorStatus
    start: int
    end: int
    exact: str
    score: float  # 1.0 for an exact match in agreeing context, lower for weaker evidence

    @property
    def found(self) -> bool:
        return self.status is not AnchorStatus.ORPHANED


def make_anchor(
    doc_id: str,
    text: str,
    start: int,
    end: int,
    *,
    passage_id: str = "",
    sentence_id: str = "",
    fingerprint: str | None = None,
) -> Anchor:
    """An anchor on text[start:end]; the caller has checked 0 <= start < end <= len(text)."""
    return Anchor(
        doc_id=doc_id,
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT) : start],
        suffix=text[end : end + CONTEXT],
        start=start,
        end=end,
        fingerprint=fingerprint or text_fingerprint(text),
        passage_id=passage_id,
        sentence_id=sentence_id,
    )


def moved_anchor(anchor: Anchor, text: str, resolution: Resolution, fingerprint: str | None = None) -> Anchor:
    """The anchor re-based on where `resolution` found it (same ids), so the next check is fast."""
    fresh = make_anchor(anchor.doc_id, text, resolution.start, resolution.end, fingerprint=fingerprint)
    return replace(
        anchor,
        exact=fresh.exact,
        prefix=fresh.prefix,
        suffix=fresh.suffix,
        start=fresh.start,
        end=fresh.end,
        fingerprint=fresh.fingerprint,
    )


def resolve(anchor: Anchor, text: str, fingerprint: str | None = None) -> Resolution:
    """Find `anchor` in `text`: position check, exact search with context, then fuzzy search."""
    fingerprint = fingerprint or text_fingerprint(text)
    start, end = anchor.start, anchor.end
    if text[start:end] == anchor.exact and 0 <= start < end <= len(text):
        if fingerprint == anchor.fingerprint:
            return Resolution(AnchorStatus.OK, start, end, anchor.exact, 1.0)
        context = context_score(anchor, text, start, end)
        if context >= MIN_CONTEXT or len(anchor.exact) >= SELF_EVIDENT:
            return Resolution(AnchorStatus.OK, start, end, anchor.exact, context)
    found = _exact_search(anchor, text) or _fuzzy_search(anchor, text)
    if found is None:
        return Resolution(AnchorStatus.ORPHANED, anchor.start, anchor.end, anchor.exact, 0.0)
    return found


def context_score(anchor: Anchor, text: str, start: int, end: int) -> float:
    """How well the text around [start, end) agrees with the anchor's prefix and suffix (0..1)."""
    return (
        _side_score(anchor.prefix, text[max(0, start - len(anchor.prefix)) : start], start == 0)
        + _side_score(anchor.suffix, text[end : end + len(anchor.suffix)], end == len(text))
    ) / 2


def _side_score(expected: str, actual: str, at_edge: bool) -> float:
    if not expected:
        # The quote touched the document's edge: a candidate there agrees, elsewhere it is neutral.
        return 1.0 if at_edge else 0.5
    if expected == actual:
        return 1.0
    return difflib.SequenceMatcher(None, expected, actual, autojunk=False).ratio()


def _exact_search(anchor: Anchor, text: str) -> Resolution | None:
    """The best exact occurrence of the quote: context agreement first, closeness to the old spot second."""
    exact = anchor.exact
    if not exact:
        return None
    best: tuple[float, int] | None = None
    best_context = 0.0
    position = text.find(exact)
    count = 0
    while position >= 0 and count < _MAX_EXACT_CANDIDATES:
        context = context_score(anchor, text, position, position + len(exact))
        distance = abs(position - anchor.start) / max(1, len(text))
        score = context - 0.1 * min(1.0, distance)
        if best is None or score > best[0]:
            best, best_context = (score, position), context
        position = text.find(exact, position + 1)
        count += 1
    if best is None or (len(exact) < SELF_EVIDENT and best_context < MIN_CONTEXT):
        return None
    start = best[1]
    status = AnchorStatus.OK if start == anchor.start else AnchorStatus.MOVED
    return Resolution(status, start, start + len(exact), exact, best_context)


def _fuzzy_search(anchor: Anchor, text: str) -> Resolution | None:
    """An approximate match near the old position (Bitap), kept only if it is similar enough."""
    from diff_match_patch import diff_match_patch  # lazy: only needed when the text really changed

    exact = anchor.exact
    if not exact or not text:
        return None
    dmp = diff_match_patch()
    dmp.Match_Threshold = 0.4
    # Let a match anywhere in the document compete; errors weigh more than distance.
    dmp.Match_Distance = max(1000, len(text))
    loc = min(max(anchor.start, 0), len(text))
    n = len(exact)
    bits = dmp.Match_MaxBits
    if n <= 2 * bits:
        start = dmp.match_main(text, exact, loc)
        if start < 0:
            return None
        end = _match_end(dmp, exact, text, start)
    else:
        # Long quotes (whole passages): match the head and the tail separately, as patch_apply does.
        head = dmp.match_main(text, exact[:bits], loc)
        tail = dmp.match_main(text, exact[-bits:], min(len(text), loc + n - bits))
        if head < 0 and tail < 0:
            return None
        start = head if head >= 0 else max(0, tail + bits - n)
        tail_end = _match_end(dmp, exact[-bits:], text, tail) if tail >= 0 else min(len(text), start + n)
        end = tail_end
    if end <= start:
        return None
    found = text[start:end]
    diffs = dmp.diff_main(exact, found, False)
    similarity = 1 - dmp.diff_levenshtein(diffs) / max(n, len(found))
    context = context_score(anchor, text, start, end)
    if similarity < MIN_SIMILARITY or (n < SELF_EVIDENT and context < MIN_CONTEXT):
        return None
    return Resolution(AnchorStatus.MOVED, start, end, found, similarity * (0.5 + context / 2))


def _match_end(dmp: object, pattern: str, text: str, start: int) -> int:
    """Where `pattern`, fuzzily matched at `start`, ends in `text` (maps its last character)."""
    window = text[start : start + len(pattern) + len(pattern) // 2 + 8]
    diffs = dmp.diff_main(pattern, window, False)  # type: ignore[attr-defined]
    return start + int(dmp.diff_xIndex(diffs, len(pattern) - 1)) + 1  # type: ignore[attr-defined]
