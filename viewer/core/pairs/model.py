"""The pair values: a DocumentPair (two document ids, their languages, a score and a status)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from viewer.core.errors import UserError

Status = Literal["suggested", "confirmed", "rejected", "manual"]
STATUSES: tuple[Status, ...] = ("suggested", "confirmed", "rejected", "manual")
USER_STATUSES = frozenset({"confirmed", "rejected", "manual"})  # set by the user: the finder never touches them
# A suggestion scoring at least this is taken as the document's counterpart (export, the pair view);
# below it, it waits for the user to confirm it.
CONFIDENT = 0.6
LANGUAGES = ("en", "nb", "nn")


class PairError(UserError):
    """A pair that cannot be made or found (unknown id, the same document twice, the same language)."""


@dataclass(frozen=True, slots=True)
class DocumentPair:
    """Two documents that translate each other; `source` is the English side when there is one."""

    source: str
    target: str
    source_path: str | None
    target_path: str | None
    languages: tuple[str, str]
    score: float
    status: Status

    @property
    def key(self) -> str:
        return pair_key(self.source, self.target)

    @property
    def confident(self) -> bool:
        """Taken as a counterpart: set by hand or confirmed, or suggested with a high score."""
        return self.status in ("confirmed", "manual") or (self.status == "suggested" and self.score >= CONFIDENT)

    def other(self, doc_id: str) -> str:
        return self.target if doc_id == self.source else self.source

    def language_of(self, doc_id: str) -> str:
        return self.languages[0] if doc_id == self.source else self.languages[1]

    def to_json(self) -> dict[str, Any]:
        """The `pairs --json` contract: one object per pair."""
        return {
            "source": self.source,
            "target": self.target,
            "source_path": self.source_path,
            "target_path": self.target_path,
            "languages": list(self.languages),
            "score": round(self.score, 4),
            "status": self.status,
        }


def pair_key(a: str, b: str) -> str:
    """The same for (a, b) and (b, a)."""
    return "\n".join(sorted((a, b)))


def oriented(a: str, lang_a: str, b: str, lang_b: str) -> tuple[str, str, str, str]:
    """(source, source language, target, target language): English first, then Bokmål before Nynorsk."""
    rank = {"en": 0, "nb": 1, "nn": 2}
    if (rank.get(lang_b, 3), b) < (rank.get(lang_a, 3), a):
        return b, lang_b, a, lang_a
    return a, lang_a, b, lang_b
