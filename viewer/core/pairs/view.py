"""A corpus as the pairs see it (documents by id and by text fingerprint), the stored pairs brought
in step with it (`reconcile`) and the rows of the finder's suggestions (`suggestion`).

Reconciling: a side whose document id is gone follows the document that now has its text (a file
renamed or moved to another collection), and a pair the user set keeps the fingerprint of the text
it now stands for.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import replace

from viewer.core.corpus.model import Corpus, Document
from viewer.core.pairs.finder import Candidate
from viewer.core.pairs.model import USER_STATUSES, pair_key
from viewer.core.pairs.store import PairRow, PairStore

log = logging.getLogger(__name__)

FINDER_VERSION = "1"  # bump when the finder changes what it would suggest: the next open runs it again


class View:
    """One corpus's documents by id and by fingerprint (hashing every text once per corpus)."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.by_id: dict[str, Document] = {d.id: d for d in corpus.documents}
        self.fp: dict[str, str] = {d.id: d.fingerprint for d in corpus.documents}
        self.by_fp: dict[str, list[str]] = {}
        for doc_id, fp in self.fp.items():
            self.by_fp.setdefault(fp, []).append(doc_id)
        digest = hashlib.sha256(FINDER_VERSION.encode())
        for doc_id in sorted(self.fp):
            digest.update(f"{doc_id}\0{self.fp[doc_id]}\n".encode())
        self.fingerprint = digest.hexdigest()


def reconcile(store: PairStore, view: View) -> list[PairRow]:
    """The stored rows, with sides whose id vanished moved to the document that has their text now,
    and user pairs' fingerprints brought up to date; orphaned suggestions are dropped."""
    rows = store.rows()
    moves: list[tuple[str, PairRow]] = []
    out: list[PairRow] = []
    for row in rows:
        source_id, source_fp = _follow(view, row.source_id, row.source_fp, row.target_id)
        target_id, target_fp = _follow(view, row.target_id, row.target_fp, source_id)
        present = source_id in view.by_id and target_id in view.by_id
        moved = replace(
            row,
            key=pair_key(source_id, target_id),
            source_id=source_id,
            source_fp=source_fp,
            target_id=target_id,
            target_fp=target_fp,
        )
        if not present and row.status == "suggested":
            continue  # the finder finds it again when both documents are back
        if moved != row and present and (row.status in USER_STATUSES or moved.key != row.key):
            moves.append((row.key, moved))
        out.append(moved)
    if moves:
        log.info("pairs: %d pair(s) followed their documents", len(moves))
        store.relink(moves)
        return store.rows()
    return out


def _follow(view: View, doc_id: str, fp: str, other: str) -> tuple[str, str]:
    if doc_id in view.by_id:
        return doc_id, view.fp[doc_id]
    for candidate in view.by_fp.get(fp, ()):
        if candidate != other:
            return candidate, fp
    return doc_id, fp


def suggestion(c: Candidate) -> PairRow:
    """The stored row of a finder's suggestion."""
    source, target = c.source, c.target
    return PairRow(
        c.key, source.doc_id, source.fingerprint, source.lang, target.doc_id, target.fingerprint, target.lang,
        round(c.score, 4), "suggested",
    )  # fmt: skip
