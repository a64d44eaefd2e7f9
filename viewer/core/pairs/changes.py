"""The user's changes to the pairs (a part of `viewer.core.pairs.service.Pairing`, its base class,
apart to keep each file readable): pairs made by hand, confirmed, rejected and removed, each checked
against the corpus (two documents in two languages, one counterpart per language)."""

from __future__ import annotations

import abc
import threading

from viewer.core.corpus.model import Corpus, Document
from viewer.core.pairs.model import LANGUAGES, USER_STATUSES, DocumentPair, PairError, Status, oriented, pair_key
from viewer.core.pairs.profile import Profile
from viewer.core.pairs.store import PairRow, PairStore
from viewer.core.pairs.view import View, reconcile

_NAMES = {"en": "English", "nb": "Bokmål", "nn": "Nynorsk"}


class PairChanges(abc.ABC):
    """Adding, confirming, rejecting and removing pairs: see the module docstring."""

    store: PairStore
    _lock: threading.RLock

    @abc.abstractmethod
    def _viewed(self, corpus: Corpus) -> View: ...

    @abc.abstractmethod
    def profile(self, document: Document, fp: str | None = None) -> Profile | None: ...

    @abc.abstractmethod
    def _pair(self, view: View, row: PairRow) -> DocumentPair: ...

    def _sides(self, corpus: Corpus, a: str, b: str) -> tuple[Document, str, Document, str]:
        """The two documents oriented, with their languages; a user error for what cannot be a pair."""
        if a == b:
            raise PairError(f"a document cannot be paired with itself ({a})")
        first, second = corpus.get(a), corpus.get(b)
        view = self._viewed(corpus)
        lang_a, lang_b = self._language(first, view), self._language(second, view)
        if lang_a == lang_b:
            raise PairError(f"{a} and {b} are both in {_NAMES[lang_a]}: a pair needs two languages")
        sid, slang, _, tlang = oriented(a, lang_a, b, lang_b)
        source, target = (first, second) if sid == a else (second, first)
        return source, slang, target, tlang

    def _language(self, document: Document, view: View) -> str:
        profile = self.profile(document, view.fp.get(document.id))
        if profile is not None:
            return profile.lang
        stated = [lang for lang in document.meta.languages if lang in LANGUAGES]
        if not stated:
            raise PairError(f"{document.id} has no text in English, Bokmål or Nynorsk to pair")
        return stated[0]

    def _set(self, corpus: Corpus, a: str, b: str, status: Status, *, must_exist: bool) -> DocumentPair:
        with self._lock:
            source, slang, target, tlang = self._sides(corpus, a, b)
            view = self._viewed(corpus)
            rows = reconcile(self.store, view)
            key = pair_key(source.id, target.id)
            old = next((r for r in rows if r.key == key), None)
            if old is None and must_exist:
                raise PairError(f"{a} and {b} are not a pair (add them with `pairs add {a} {b}`)")
            drop: list[str] = []
            if status in ("confirmed", "manual"):
                places = {(source.id, tlang), (target.id, slang)}
                for r in rows:
                    if r.key == key or r.status == "rejected":
                        continue
                    if places & {(r.source_id, r.target_lang), (r.target_id, r.source_lang)}:
                        if r.status in USER_STATUSES:
                            raise PairError(
                                f"{r.source_id} and {r.target_id} are already a pair: remove it first"
                                " (a document has one counterpart per language)"
                            )
                        drop.append(r.key)
            if old is not None and status == "manual" and old.status == "confirmed":
                status = "confirmed"
            score = old.score if old is not None else 1.0
            row = PairRow(
                key,
                source.id,
                view.fp[source.id],
                slang,
                target.id,
                view.fp[target.id],
                tlang,
                score,
                status,
                old.created if old else "",
            )
            self.store.put(row, drop)
            return self._pair(view, row)

    def add(self, corpus: Corpus, a: str, b: str) -> DocumentPair:
        """Pair two documents by hand (a pair already there becomes the user's own)."""
        return self._set(corpus, a, b, "manual", must_exist=False)

    def confirm(self, corpus: Corpus, a: str, b: str) -> DocumentPair:
        return self._set(corpus, a, b, "confirmed", must_exist=True)

    def reject(self, corpus: Corpus, a: str, b: str) -> DocumentPair:
        """Never pair these two (kept, so the finder does not suggest them again)."""
        return self._set(corpus, a, b, "rejected", must_exist=False)

    def remove(self, corpus: Corpus, a: str, b: str) -> None:
        """Forget a pair (whatever its status); the finder may suggest it again later."""
        with self._lock:
            if a == b:
                raise PairError(f"a document cannot be paired with itself ({a})")
            corpus.get(a), corpus.get(b)
            reconcile(self.store, self._viewed(corpus))
            if not self.store.delete(pair_key(a, b)):
                raise PairError(f"{a} and {b} are not a pair")
