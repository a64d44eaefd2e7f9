"""Cross-language search: an English query also finds the Norwegian passages that translate it (and
the reverse), through the translations learned from the library's aligned sentences
(`TranslationModel`) and the bundled FreeDict lexicon.

Syntax: `~word` asks for the word *or its translation* (`~employer` finds "employer" and, after every
direct hit, passages with "arbeidsgiver"); `search(..., cross=True)` (the toggle, `search --cross`)
reads every plain word of the query so. Phrases, prefix*, fuzzy~, -word and NOT words are kept as
typed, and `lang:`/`doc:` and the language filter apply to every hit. The hits found through
translation come after every direct hit, without the passages already found directly (the query
over the translations excludes the direct query), each with `via`: the translations it holds.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace

from viewer.core.align.lexicon import _EN_SUFFIXES, _NO_ENDINGS, word_key
from viewer.core.concord.translations import TranslationModel, _side
from viewer.core.paths import resource
from viewer.core.progress import Cancel
from viewer.core.search.results import SearchHit, SearchResults

MAX_TRANSLATIONS = 4  # translations searched per word (the parser allows 32 clauses in all)
LEARNED_ALONE = (2, 0.5)  # (count, score) a learned candidate needs when neither lexicon nor spelling backs it
_LEX = re.compile(r'\s+|\(|\)|"[^"]*"|"|[^\s()"]+')
_PLAIN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_OPERATORS = {"AND", "OR", "NOT", "&&", "||"}


@dataclass(frozen=True, slots=True)
class Translation:
    """A word searched for in place of a query word: its form, side ("en" or "no") and why."""

    word: str
    lang: str
    source: str  # "learned", "lexicon" or "both"


@functools.cache
def _lexicon_words() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """The lexicon's single-word pairs both ways, in the list's order (English -> Norwegian, back)."""
    en: dict[str, list[str]] = {}
    no: dict[str, list[str]] = {}
    with open(resource("lexicon", "en-no.tsv"), encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or "\t" not in line:
                continue
            a, b = line.rstrip("\n").lower().split("\t", 1)
            if " " not in a and " " not in b:
                en.setdefault(a, []).append(b)
                no.setdefault(b, []).append(a)
    return {k: tuple(v) for k, v in en.items()}, {k: tuple(v) for k, v in no.items()}


def lexicon_translations(word: str, side: str) -> tuple[str, ...]:
    """The lexicon's translations of a word of `side`, its inflection stripped when it is not listed."""
    table = _lexicon_words()[0 if side == "en" else 1]
    low = word.lower()
    if low in table:
        return table[low]
    endings = _EN_SUFFIXES if side == "en" else tuple(e for e in _NO_ENDINGS if e)
    for ending in sorted(endings, key=len, reverse=True):
        if low.endswith(ending) and len(low) - len(ending) >= 3:
            stem = low[: -len(ending)]
            for form in (stem, stem + "e"):
                if form in table:
                    return table[form]
    return ()


class Translator:
    """The words a query word is searched for in the other language, remembered per word (the model
    is that of one corpus: `Concordancer.translator` makes a new one when the corpus changes)."""

    def __init__(self, model: TranslationModel) -> None:
        self.model = model
        self._cache: dict[tuple[str, str | None], tuple[Translation, ...]] = {}
        self._lock = threading.Lock()

    def side_of(self, word: str) -> str | None:
        """English ("en") or Norwegian ("no"): where the library's aligned texts, else the lexicon, has it."""
        low, key = word.lower(), word_key(word.lower())
        forms = self.model.forms
        uses = {lang: forms[(lang, key)][low] for lang in ("en", "nb", "nn") if (lang, key) in forms} if key else {}
        if any(uses.values()):  # the form itself (cognates share a key: implementation, implementering)
            return _side(max(uses, key=lambda lang: uses[lang]))
        seen = self.model.language_of(word)
        if seen is not None:
            return seen
        en, no = (bool(lexicon_translations(word, side)) for side in ("en", "no"))
        return "en" if en and not no else "no" if no and not en else None

    def translations(self, word: str, lang: str | None = None) -> tuple[Translation, ...]:
        """At most MAX_TRANSLATIONS words of the other language for `word` (in `lang`, else found):
        learned candidates the lexicon or the spelling backs first, then the lexicon's own, then a
        learned candidate strong alone."""
        low = word.lower()
        with self._lock:
            hit = self._cache.get((low, lang))
        if hit is not None:
            return hit
        side = _side(lang) if lang else self.side_of(low)
        found = self._translations(low, side) if side else ()
        with self._lock:
            if len(self._cache) > 50_000:
                self._cache.clear()
            self._cache[(low, lang)] = found
        return found

    def _translations(self, word: str, side: str) -> tuple[Translation, ...]:
        own = word_key(word)
        candidates = self.model.candidates(word, side, limit=12)
        listed = lexicon_translations(word, side)
        listed_keys = {word_key(w) for w in listed}
        backed = self.model.prior_keys(word, side) | listed_keys
        out: dict[str, Translation] = {}
        for c in candidates:  # cognates and what the lexicon says, as the library spells them
            if c.key == own or c.key in backed:
                out.setdefault(c.candidate, Translation(c.candidate, _side(c.lang), "both"))
        other = "no" if side == "en" else "en"
        seen = self.model.count
        for form in sorted(listed, key=lambda f: not seen[(other, word_key(f) or "")]):  # the library's words first
            if form != word and (word_key(form) or len(form) >= 3):
                out.setdefault(form, Translation(form, other, "lexicon"))
        if candidates and candidates[0].count >= LEARNED_ALONE[0] and candidates[0].score >= LEARNED_ALONE[1]:
            top = candidates[0]
            out.setdefault(top.candidate, Translation(top.candidate, _side(top.lang), "learned"))
        return tuple(out.values())[:MAX_TRANSLATIONS]


@dataclass(frozen=True)
class CrossQuery:
    """A query read for cross-language search: what the direct search runs (`~` taken off), the query
    over the translations (None when no word has one) and each translated word's translations."""

    direct: str
    translated: str | None
    via: dict[str, tuple[Translation, ...]]

    @property
    def side(self) -> str | None:
        """The one language all translations are in, if they are."""
        sides = {t.lang for ts in self.via.values() for t in ts}
        return sides.pop() if len(sides) == 1 else None


def asks_cross(text: str) -> bool:
    """Whether the query marks a word with `~` (a prefix; `fuzzy~` is a suffix and does not count)."""
    return any(token.startswith("~") and len(token) > 1 for token in _LEX.findall(text))


def read(text: str, translator: Translator, every_word: bool) -> CrossQuery:
    """Read `text`: `~word`, or every plain word when `every_word`, is looked up in `translator`."""
    direct: list[str] = []
    translated: list[str] = []
    via: dict[str, tuple[Translation, ...]] = {}
    before = ""
    for token in _LEX.findall(text):
        marked = token.startswith("~") and len(token) > 1
        word = token[1:] if marked else token
        direct.append(word)
        plain = bool(_PLAIN.fullmatch(word)) and word not in _OPERATORS and before.upper() != "NOT"
        found = translator.translations(word) if plain and (marked or every_word) else ()
        if found:
            via[word] = found
            translated.append("(" + " OR ".join(_quoted(t.word) for t in found) + ")")
        else:
            translated.append(word)
        if token.strip():
            before = token
    query = "".join(direct)
    if not via:
        return CrossQuery(query, None, via)
    return CrossQuery(query, f"({''.join(translated)}) NOT ({query})", via)


def _quoted(word: str) -> str:
    return f'"{word}"' if not _PLAIN.fullmatch(word) or word.upper() in _OPERATORS else word


Search = Callable[..., SearchResults]  # SearchIndex.search


def search(
    run: Search,
    query: CrossQuery,
    *,
    lang: str | None = None,
    doc: str | None = None,
    page: int = 1,
    pagelen: int = 10,
    cancel: Cancel | None = None,
) -> SearchResults:
    """The page `page` of the direct hits followed by the hits found through translation."""
    page, pagelen = max(1, page), max(1, min(pagelen, 1000))
    direct = run(query.direct, lang=lang, doc=doc, page=page, pagelen=pagelen, cancel=cancel)
    if query.translated is None or direct.cancelled:
        return direct
    cross_lang = lang or query.side
    start = (page - 1) * pagelen  # the first rank of the page
    if len(direct.hits) == pagelen:
        before = start + pagelen if direct.total <= start + pagelen else direct.total
    else:
        before = start + len(direct.hits) if direct.hits or page == 1 else direct.total
    wanted = min(pagelen, start + pagelen - before)  # cross hits on this page
    first = max(0, start - before)  # the cross rank of the first of them
    size = pagelen if wanted > 0 else 1  # none wanted: only their count
    cross_page, offset = first // size + 1, first % size
    got = run(query.translated, lang=cross_lang, doc=doc, page=cross_page, pagelen=size, cancel=cancel)
    hits = list(got.hits[offset:])
    if wanted > len(hits) and got.total > cross_page * size:
        more = run(query.translated, lang=cross_lang, doc=doc, page=cross_page + 1, pagelen=size, cancel=cancel)
        hits += more.hits
    extra = [_labelled(hit, query) for hit in hits[: max(0, wanted)]]
    return replace(
        direct,
        hits=[*direct.hits, *extra][:pagelen],
        total=max(direct.total, before) + got.total,
        total_exact=direct.total_exact and got.total_exact,
        cancelled=direct.cancelled or got.cancelled,
    )


def _labelled(hit: SearchHit, query: CrossQuery) -> SearchHit:
    """The hit with `via`: the translations whose words it shows marked (all of them when none is
    told apart)."""
    translations = list(dict.fromkeys(t.word for ts in query.via.values() for t in ts))
    keys = {word_key(w.lower()) or w.lower(): w for w in translations}
    found: list[str] = []
    for start, end in hit.snippet_marks:
        text = hit.snippet[start:end].lower()
        word = keys.get(word_key(text) or text) if text else None
        if word is not None and word not in found:
            found.append(word)
    return replace(hit, via=tuple(found or translations))
