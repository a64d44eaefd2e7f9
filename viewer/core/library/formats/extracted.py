"""What every extractor returns (`Extracted`) and raises for a file with no usable text (`Unusable`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from viewer.core.corpus.drafts import Parsed
from viewer.core.errors import UserError


class Unusable(UserError):
    """The file cannot be imported; the message is the reason shown in the import report (and, for
    a file given on its own with `--folder`, the one-line error)."""


@dataclass
class Extracted:
    text: str
    title: str = ""
    authors: tuple[str, ...] = ()
    warnings: list[str] = field(default_factory=list)
    parsed: Parsed | None = None  # ready drafts (TMX); None: the plain parser finds them
    extra: dict[str, Any] = field(default_factory=dict)  # goes to DocumentMeta.extra
