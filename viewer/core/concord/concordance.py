"""Build a concordance: every match of a query (the search index finds the passages and their match
spans) as a keyword-in-context line, with the aligned sentence of the other language under it and
the likely translation of the match marked there; sorted by the words around the match.

`Concordancer` holds what is learned from the library's aligned sentences (`aligned.collect` and
the translation model), made on first use and again when the corpus changes.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Sequence
from typing import Protocol

from viewer.core.concord.aligned import AlignedSentences, Source, collect
from viewer.core.concord.context import clean, kwic, sort_words
from viewer.core.concord.cross import Translator
from viewer.core.concord.model import Candidate, Concordance, Counterpart, Line, SortKey
from viewer.core.concord.translations import TranslationModel
from viewer.core.search.results import SearchResults

DEFAULT_LIMIT = 1000  # lines a concordance holds unless asked for more


class Searcher(Source, Protocol):
    def search(
        self, text: str, *, lang: str | None = None, doc: str | None = None, pagelen: int = 10, cross: bool = False
    ) -> SearchResults: ...


class Concordancer:
    """The concordance and translation candidates of one workspace (thread-safe)."""

    def __init__(self, source: Searcher) -> None:
        self.source = source
        self._lock = threading.Lock()
        self._learned: tuple[str, AlignedSentences, TranslationModel] | None = None
        self._translator: Translator | None = None
        self.reading: tuple[int, int] | None = None  # (texts read, of) while learning: for a progress line

    def learned(self) -> tuple[AlignedSentences, TranslationModel]:
        """The aligned sentences and the translation model of the current corpus (made once)."""
        fingerprint = self.source.corpus.fingerprint
        with self._lock:
            if self._learned is not None and self._learned[0] == fingerprint:
                return self._learned[1], self._learned[2]
        try:
            sentences = collect(self.source, self._read)
            model = TranslationModel(sentences.pairs)
        finally:
            self.reading = None
        with self._lock:
            self._learned = (fingerprint, sentences, model)
        return sentences, model

    def _read(self, done: int, total: int) -> None:
        self.reading = (done, total)

    def translator(self) -> Translator:
        """The words cross-language search looks for, from the current corpus's model (made once)."""
        model = self.learned()[1]
        with self._lock:
            if self._translator is None or self._translator.model is not model:
                self._translator = Translator(model)
            return self._translator

    def forget(self) -> None:
        """Corrections changed: learn again on next use."""
        with self._lock:
            self._learned = None

    def translations(self, word: str, lang: str | None = None, limit: int = 10) -> list[Candidate]:
        return self.learned()[1].candidates(word, lang, limit)

    def concordance(
        self,
        query: str,
        *,
        lang: str | None = None,
        doc: str | None = None,
        width: int = 60,
        sort: SortKey | None = None,
        limit: int = DEFAULT_LIMIT,
        cross: bool = False,
    ) -> Concordance:
        results = self.source.search(query, lang=lang, doc=doc, pagelen=max(1, limit), cross=cross)
        sentences, model = self.learned()
        corpus = self.source.corpus
        lines: list[Line] = []
        forms: Counter[str] = Counter()
        candidates: dict[tuple[str, str], list[Candidate]] = {}
        for hit in results.hits:
            document = corpus.get(hit.doc_id)
            passage = document.passage(hit.passage_id)
            for start, end in sorted(set(hit.matches)):
                left, match, right = kwic(document.text, (start, end), (passage.start, passage.end), width)
                forms[match.lower()] += 1
                counterpart = None
                pair = sentences.at(document.id, (start, end))
                if pair is not None:
                    key = (match.lower(), pair.lang_a)
                    if key not in candidates:
                        candidates[key] = model.candidates(match, pair.lang_a, limit=5)
                    text = clean(pair.text_b)
                    marked = model.mark(text, pair.lang_b, candidates[key])
                    counterpart = Counterpart(pair.doc_b, pair.lang_b, text, pair.span_b, marked)
                lines.append(
                    Line(
                        document.id, document.title, passage.id, hit.lang, left, match, right, (start, end), counterpart
                    )
                )
                if len(lines) >= limit:
                    break
            if len(lines) >= limit:
                break
        complete = len(lines) < limit and results.total <= len(results.hits)
        return Concordance(query, tuple(sort_lines(lines, sort)), results.message, complete, forms)


def sort_lines(lines: Sequence[Line], sort: SortKey | None) -> list[Line]:
    """By the 1st/2nd/3rd word to the left or right of the match, by document or language; a stable
    sort, so lines keep the search's order (best passages first) within a tie."""
    if sort is None:
        return list(lines)
    if sort == "doc":
        return sorted(lines, key=lambda line: (line.title.lower(), line.span))
    if sort == "lang":
        return sorted(lines, key=lambda line: line.lang)
    n = int(sort[-1]) - 1
    side = 0 if sort.startswith("left") else 1

    def key(line: Line) -> tuple[str, str]:
        around = sort_words(line.left, line.right)[side]
        return (around[n] if n < len(around) else "", line.match.lower())

    return sorted(lines, key=key)
