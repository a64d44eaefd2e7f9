"""Dates in English and Norwegian text as anchors that survive translation: "2023-10-12",
"12.10.2023", "12th of October 2023", "12. oktober", "October 12, 2023", "oktober 2023".

Each form is its own pattern, read as `re.finditer` reads it (leftmost matches that do not overlap).
The two that start with a month's name are not scanned for on their own: one scan finds where a
month's name stands before a number (`_BEFORE_NUMBER`, which both need), and each is matched there
(a third of the time).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

MONTHS = {
    "january": 1,
    "jan": 1,
    "januar": 1,
    "february": 2,
    "feb": 2,
    "februar": 2,
    "march": 3,
    "mar": 3,
    "mars": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "mai": 5,
    "june": 6,
    "jun": 6,
    "juni": 6,
    "july": 7,
    "jul": 7,
    "juli": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "october": 10,
    "oct": 10,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
    "desember": 12,
    "des": 12,
}
DAYS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday mandag tirsdag onsdag torsdag
    fredag lørdag søndag måndag tysdag laurdag sundag""".split()
)


_Tree = dict[str, "_Tree"]


def _trie(words: list[str]) -> str:
    """An alternation of `words` as a prefix tree ("j(?:an(?:uary|uar)?|...)"): one branch is tried
    per letter instead of every word at every word start. It matches what the plain alternation of
    the words, longest first, matches: the words one position can match are prefixes of each other,
    and both try them longest first."""
    tree: _Tree = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def pattern(node: _Tree) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and "" not in node else "(?:" + "|".join(branches) + ")"
        return body + "?" if "" in node else body

    return pattern(tree)


_MONTH = _trie(list(MONTHS))
_ORD = r"(?:\.|st|nd|rd|th)?"
# Where a month name may start (a lookahead before the alternation: most positions fail on one
# character instead of trying every name; the same matches).
_MONTH_START = "(?=[" + "".join(sorted({m[0] for m in MONTHS} | {m[0].upper() for m in MONTHS})) + "])"
# A pattern that starts with a digit is scanned for digits by the regex engine itself (three times
# faster than trying a look-behind at every position): `\d(?<!\d\d)` is `(?<!\d)\d`.
_DATE_PATTERNS = (
    (re.compile(r"(\d(?<!\d\d)\d{3})-(\d{1,2})-(\d{1,2})(?!\d)"), "ymd"),
    (re.compile(r"(\d(?<![\d.]\d)\d?)[./](\d{1,2})[./](\d{4})(?!\d)"), "dmy"),
    (re.compile(rf"(\d(?<!\d\d)\d?){_ORD}\s+(?:of\s+)?({_MONTH})\.?,?(?:\s+(\d{{4}}))?\b", re.I), "dMy"),
    (re.compile(rf"{_MONTH_START}\b({_MONTH})\.?\s+(\d{{1,2}}){_ORD}(?!\d)(?:,?\s+(\d{{4}}))?", re.I), "Mdy"),
    (re.compile(rf"{_MONTH_START}\b({_MONTH})\s+(\d{{4}})\b", re.I), "My"),
)


# Where either month-first form may start: a month's name, then a number, which both need. Found
# in the reversed text, where the pattern starts with the digit (the engine scans for digits, not
# for the letters a month's name may start with): the digit, the blanks, a dot, the name backwards,
# no letter or digit before it (`\b`). A number has at most one name before it (a name cannot end
# another at a word boundary), so each match is the one start before its digit.
_BEFORE_NUMBER = re.compile(rf"\d\s+\.?(?:{_trie([m[::-1] for m in MONTHS])})(?!\w)", re.I)
_MONTH_FIRST = ("Mdy", "My")


def _matches(text: str) -> Iterator[tuple[re.Match[str], str]]:
    """Every pattern's finditer matches, pattern by pattern (the month-first ones from the starts
    `_BEFORE_NUMBER` finds: at each, the pattern's leftmost match from there when it is past the
    pattern's last match)."""
    for pattern, order in _DATE_PATTERNS:
        if order not in _MONTH_FIRST:
            for found in pattern.finditer(text):
                yield found, order
    size = len(text)
    starts = [size - m.end() for m in _BEFORE_NUMBER.finditer(text[::-1])][::-1]
    for pattern, order in _DATE_PATTERNS:
        if order in _MONTH_FIRST:
            end = 0
            for start in starts:
                if start >= end and (match := pattern.match(text, start)):
                    end = match.end()
                    yield match, order


def dates(text: str) -> set[str]:
    """The dates of a text as anchors: "d:MM-DD" and, with a year, "d:YYYY-MM-DD" (a month with a
    year alone: "d:YYYY-MM")."""
    out: set[str] = set()
    for m, order in _matches(text):
        g = m.groups()
        year: str | None
        if order == "ymd":
            year, month, day = g[0], int(g[1]), int(g[2])
        elif order == "dmy":
            day, month, year = int(g[0]), int(g[1]), g[2]
        elif order == "dMy":
            day, month, year = int(g[0]), MONTHS[g[1].lower()], g[2]
        elif order == "Mdy":
            month, day, year = MONTHS[g[0].lower()], int(g[1]), g[2]
        else:
            out.add(f"d:{g[1]}-{MONTHS[g[0].lower()]:02d}")
            continue
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        out.add(f"d:{month:02d}-{day:02d}")
        if year:
            out.add(f"d:{year}-{month:02d}-{day:02d}")
    return out
