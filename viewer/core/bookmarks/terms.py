"""Turning what a user types into a safe bookmark query: FTS5 MATCH text or a LIKE fallback.

User input never reaches FTS5's query language raw (a stray quote, `AND`, `*` or `(` would be a
syntax error): every word becomes a quoted prefix term, every "quoted phrase" a quoted phrase, and
all must match. Words without a letter or digit are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_WORDISH = re.compile(r"\w")


@dataclass(frozen=True, slots=True)
class Term:
    text: str
    phrase: bool  # a "quoted phrase" (matched as a whole) rather than a word (matched as a prefix)


def parse_terms(query: str) -> list[Term]:
    """Words and "quoted phrases" from user input; an unclosed quote is read as plain words."""
    terms: list[Term] = []
    for match in _TOKEN.finditer(query.replace("\u201c", '"').replace("\u201d", '"')):
        phrase, word = match.group(1), match.group(2)
        if phrase is not None:
            phrase = " ".join(phrase.split())
            if _WORDISH.search(phrase):
                terms.append(Term(phrase, True))
        elif word is not None:
            word = word.strip('"')
            if _WORDISH.search(word):
                terms.append(Term(word, False))
    return terms


def fts_match(terms: list[Term]) -> str:
    """An FTS5 MATCH expression that cannot be a syntax error: quoted strings, ANDed."""
    parts = []
    for term in terms:
        quoted = '"' + term.text.replace('"', '""') + '"'
        parts.append(quoted if term.phrase else quoted + "*")
    return " ".join(parts)


def like_pattern(term: Term) -> str:
    """A casefolded LIKE pattern (escape char backslash) for the no-FTS5 fallback."""
    escaped = term.text.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
