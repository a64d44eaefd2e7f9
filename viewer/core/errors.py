"""Two kinds of failure: a UserError is the environment or input being wrong (tell the user in
one line); anything else is our bug."""

from __future__ import annotations


class UserError(Exception):
    """Something the user can act on: bad input, a missing file, an unknown id."""


class CorpusError(UserError):
    """A corpus file or folder cannot be read or makes no sense."""


class UnknownDocumentError(UserError):
    """A document id that the corpus does not hold."""

    def __init__(self, doc_id: str, known: list[str] | None = None) -> None:
        hint = f" (known: {', '.join(known)})" if known else ""
        super().__init__(f"unknown document id {doc_id!r}{hint}")
        self.doc_id = doc_id
