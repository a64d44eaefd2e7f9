"""Which texts the side-by-side view shows for the open document: its own two language parts (the
thesis abstract, a TMX file), or the document and one of its counterparts (another document that
translates it). Plain state, no widgets: the document pane asks it and shows the answer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from viewer.core.corpus.model import Document

if TYPE_CHECKING:
    from viewer.ui.alignments import Alignments
    from viewer.ui.pair_aligner import PairAligner
    from viewer.ui.pair_rows import PairAlignment
    from viewer.ui.pairing import Counterpart, Counterparts


class SideBySide:
    """The open document's alignments and counterparts, and the counterpart chosen to read beside it."""

    def __init__(self) -> None:
        self.document: Document | None = None
        self.own: PairAlignment | None = None  # the document's own two parts aligned, once known
        self.alignments: Alignments | None = None
        self.aligner: PairAligner | None = None
        self.looks_up_counterparts = False  # a pairing controller brings `counterparts`
        self.counterparts: Counterparts | None = None  # the open document's, once looked up
        self.partner: Counterpart | None = None  # the counterpart read side by side (None: its own parts)
        self._partners: dict[str, str] = {}  # document -> the counterpart last read beside it

    def reset(self, document: Document | None) -> None:
        self.document = document
        self.own = self.counterparts = self.partner = None

    def request_own(self) -> None:
        """Start aligning the document's own parts unless known; `own` is what is known now."""
        if self.alignments is not None and self.document is not None:
            self.alignments.request(self.document)
            self.own = self.alignments.get(self.document)

    @property
    def own_known(self) -> bool:
        return self.alignments is None or self.document is None or self.alignments.known(self.document)

    @property
    def has_own(self) -> bool:
        return bool(self.own and self.own.rows)

    @property
    def counterparts_known(self) -> bool:
        return not self.looks_up_counterparts or self.counterparts is not None

    @property
    def alignment(self) -> PairAlignment | None:
        """What side by side shows: the document with its counterpart, or its own two parts."""
        if self.partner is not None:
            return self.aligner.get(self.partner.pair) if self.aligner is not None else None
        return self.own

    @property
    def aligning(self) -> bool:
        """The document's own parts, or it and the chosen counterpart, are being aligned."""
        if self.document is None:
            return False
        partner = self.partner is not None and self.aligner is not None and self.aligner.running(self.partner.pair)
        return partner or not self.own_known

    @property
    def available(self) -> bool | None:
        """True when there is something to show side by side, False when there is not, None while
        that is not known yet."""
        if self.has_own or (self.counterparts and self.counterparts.items):
            return True
        return None if not self.own_known or not self.counterparts_known else False

    def choose(self, doc_id: str) -> Counterpart | None:
        """Read beside the document the counterpart `doc_id` (remembered for the next hit in it)."""
        found = self.counterparts.get(doc_id) if self.counterparts is not None else None
        if found is not None and self.document is not None:
            self.partner = found
            self._partners[self.document.id] = doc_id
        return found

    def confident_partner(self) -> Counterpart | None:
        """Whom a search hit reads beside the document: the counterpart last read beside it when it is
        confident, else the best confident one (a confirmed or hand-made pair first)."""
        if self.counterparts is None or self.document is None:
            return None
        last = self.counterparts.get(self._partners.get(self.document.id, ""))
        return last if last is not None and last.confident else self.counterparts.best()

    def any_partner(self) -> Counterpart | None:
        """Whom the side-by-side toggle reads beside a document without its own parts."""
        items = self.counterparts.items if self.counterparts is not None else ()
        return self.confident_partner() or (items[0] if items else None)

    def take(self, found: Counterparts) -> bool:
        """The document's counterparts came; False when the chosen one is no longer among them."""
        self.counterparts = found
        if self.partner is None:
            return True
        self.partner = found.get(self.partner.doc_id)
        return self.partner is not None
