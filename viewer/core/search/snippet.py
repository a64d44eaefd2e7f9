"""Highlights for search hits: where the query's terms occur in a passage, and a sentence-aware snippet.

Matches are found by running the passage text through the same analyzer the index used, so a
query word marks every inflection the stemmer conflated with it (and nothing a stop word).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from whoosh.analysis import Analyzer

SNIPPET_CHARS = 240
ELLIPSIS = "…"


def match_spans(text: str, analyzer: Analyzer, wanted: set[str]) -> list[tuple[int, int]]:
    """(start, end) offsets in `text` of tokens whose index term is in `wanted`."""
    if not wanted:
        return []
    spans = []
    for token in analyzer(text, chars=True, removestops=True):
        if token.text in wanted:
            spans.append((token.startchar, token.endchar))
    return spans


def phrase_spans(text: str, analyzer: Analyzer, phrases: set[tuple[str, ...]]) -> list[tuple[int, int]]:
    """(start, end) offsets in `text` of each run of tokens that spells a phrase, first word's start to
    last word's end: a phrase's words elsewhere in the passage are not marked. Stop words are left
    out as the index left them out, so "evidence-based" also marks "evidence based"."""
    if not phrases:
        return []
    tokens = [(t.text, t.startchar, t.endchar) for t in analyzer(text, chars=True, removestops=True)]
    words = [t[0] for t in tokens]
    spans = []
    for phrase in phrases:
        n = len(phrase)
        for i in range(len(words) - n + 1):
            if words[i] == phrase[0] and tuple(words[i : i + n]) == phrase:
                spans.append((tokens[i][1], tokens[i + n - 1][2]))
    return spans


def merge_spans(*groups: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted union of spans; overlapping ones joined."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(span for group in groups for span in group):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def make_snippet(
    text: str, sentences: Sequence[tuple[int, int]], spans: Sequence[tuple[int, int]], width: int = SNIPPET_CHARS
) -> tuple[str, list[tuple[int, int]]]:
    """A fragment of `text` of about `width` characters built from whole sentences where possible.

    It starts at the sentence with the most matches, adds following sentences while they fit,
    and cuts an over-long sentence at word boundaries around its first match. Returns the
    snippet (newlines as spaces) and the match spans inside it.
    """
    if not sentences:
        sentences = [(0, len(text))]
    best = max(range(len(sentences)), key=lambda i: (_count_in(spans, sentences[i]), -i))
    start, end = sentences[best]
    i = best + 1
    while i < len(sentences) and sentences[i][1] - start <= width:
        end = sentences[i][1]
        i += 1
    if end - start > width:
        inside = [s for s, _e in spans if start <= s < end]
        anchor = inside[0] if inside else start
        cut_start = max(start, anchor - width // 3)
        if cut_start > start:
            cut_start = _word_start(text, cut_start, start)
        cut_end = min(end, cut_start + width)
        if cut_end < end:
            cut_end = _word_end(text, cut_end, cut_start)
        start, end = cut_start, cut_end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    lead = ELLIPSIS if start > 0 else ""
    body_end = text[start:end].rstrip()
    # A fragment that ends a sentence needs no ellipsis ("…organizations." not "…organizations.…").
    tail = ELLIPSIS if end < len(text) and not body_end.endswith((".", "!", "?", "…", ".»", '."')) else ""
    body = text[start:end].replace("\n", " ").replace("\r", " ").replace("\t", " ")
    marks = [(s - start + len(lead), e - start + len(lead)) for s, e in spans if s >= start and e <= end]
    return lead + body + tail, marks


def _count_in(spans: Sequence[tuple[int, int]], sentence: tuple[int, int]) -> int:
    return sum(1 for s, _e in spans if sentence[0] <= s < sentence[1])


def _word_start(text: str, pos: int, floor: int) -> int:
    """Move `pos` forward to the start of the next word (not before `floor`)."""
    back = pos
    while back > floor and not text[back - 1].isspace():
        back -= 1
    if back == floor:
        return pos
    return back


def _word_end(text: str, pos: int, floor: int) -> int:
    """Move `pos` back to the end of the previous whole word (not before `floor`)."""
    back = pos
    while back > floor and not text[back].isspace():
        back -= 1
    return back if back > floor else pos
