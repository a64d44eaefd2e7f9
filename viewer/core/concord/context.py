"""Keyword in context: a match with the words before and after it, cut at word boundaries within its
passage, whitespace made single spaces; and the words around a match for sorting by context."""

from __future__ import annotations

import re

Span = tuple[int, int]
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


def clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def kwic(text: str, span: Span, bounds: Span, width: int = 60) -> tuple[str, str, str]:
    """(left, match, right): at most about `width` characters each side of text[span], not past
    `bounds` (its passage) and not cutting a word."""
    start, end = span
    low, high = bounds
    left_start = max(low, start - width)
    if left_start > low:  # begin at a word
        space = text.find(" ", left_start, start)
        left_start = space + 1 if space >= 0 else left_start
    right_end = min(high, end + width)
    if right_end < high:  # end at a word
        space = text.rfind(" ", end, right_end)
        right_end = space if space > end else right_end
    left = _SPACE.sub(" ", text[left_start:start]).lstrip()
    right = _SPACE.sub(" ", text[end:right_end]).rstrip()
    return left, _SPACE.sub(" ", text[start:end]), right


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def sort_words(left: str, right: str) -> tuple[list[str], list[str]]:
    """The words to the left (nearest first) and to the right of a match, lowercased."""
    return list(reversed(words(left))), words(right)
