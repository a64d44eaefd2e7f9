"""The project's one set of language codes, and a labelling decision with its confidence."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Lang(StrEnum):
    """ISO-style language codes used across the project."""

    EN = "en"
    NB = "nb"
    NN = "nn"
    UND = "und"


@dataclass(frozen=True)
class LangGuess:
    """A language decision and how sure it is, in [0, 1]."""

    lang: Lang
    confidence: float


UNDETERMINED = LangGuess(Lang.UND, 0.0)
