"""The concordance's values: a line (left context | match | right context) with its counterpart in
the other language, the lines of one query with their counts, and a translation candidate."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

Span = tuple[int, int]
SortKey = Literal["left1", "left2", "left3", "right1", "right2", "right3", "doc", "lang"]
SORT_KEYS: tuple[SortKey, ...] = ("left1", "left2", "left3", "right1", "right2", "right3", "doc", "lang")


@dataclass(frozen=True, slots=True)
class Counterpart:
    """The aligned sentence of the other language, and where the match's translation is in it."""

    doc: str
    lang: str
    text: str  # the sentence, whitespace made single spaces
    span: Span  # the sentence in its document's text
    match: Span | None  # the likely translation of the match, indexing `text`

    def to_json(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "lang": self.lang,
            "text": self.text,
            "match": list(self.match) if self.match else None,
        }


@dataclass(frozen=True, slots=True)
class Line:
    """One match in its context; `span` indexes the document's text."""

    doc: str
    title: str
    passage: str
    lang: str
    left: str
    match: str
    right: str
    span: Span
    counterpart: Counterpart | None = None

    def to_json(self) -> dict[str, Any]:
        """The `concord --json` contract: one object per line."""
        return {
            "doc": self.doc,
            "passage": self.passage,
            "lang": self.lang,
            "left": self.left,
            "match": self.match,
            "right": self.right,
            "span": list(self.span),
            "counterpart": self.counterpart.to_json() if self.counterpart else None,
        }


@dataclass(frozen=True)
class Concordance:
    """The lines of one query, sorted, with what a reader counts: matches, documents, languages, forms."""

    query: str
    lines: tuple[Line, ...]
    message: str = ""  # the search's note (a malformed query read as plain words...)
    complete: bool = True  # False: more matches than were asked for (`limit`)
    forms: Counter[str] = field(default_factory=Counter)  # the matched word forms, lowercased

    @property
    def documents(self) -> int:
        return len({line.doc for line in self.lines})

    def languages(self) -> Counter[str]:
        return Counter(line.lang for line in self.lines)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A likely translation of a word: the form seen most often, its language, score and count."""

    candidate: str
    lang: str
    score: float  # association (Dice over aligned sentences, the lexicon as a prior), 0..1
    count: int  # aligned sentence pairs holding both
    key: str = ""  # the form's key (viewer.core.align.lexicon.word_key): what marking looks for

    def to_json(self) -> dict[str, Any]:
        """The `translations --json` contract."""
        return {"candidate": self.candidate, "lang": self.lang, "score": round(self.score, 4), "count": self.count}
