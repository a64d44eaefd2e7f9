"""Text analysis for the search index: English and Norwegian analyzers and Bokmål/Nynorsk unification.

English passages get Whoosh's English stemmer and stop words; Bokmål and Nynorsk passages get the
Norwegian Snowball stemmer with the stop list extended by Nynorsk function words, then a small
stem normalisation (viewer/resources/analysis/) so that common nb/nn variant forms meet in one term.
æ, ø and å stay distinct letters. Run `python -m viewer.core.search.analysis` to measure the
normalisation on the bundled corpus.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

from whoosh.analysis import Analyzer, Filter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter, Token
from whoosh.lang import stopwords_for_language

from viewer.core.paths import resource

# Bump whenever tokens change (stop lists, rules, word lists): the index cache keys on it.
ANALYZER_VERSION = "4"
# Words: letters/digits with inner dots or hyphen-free joins kept together ("f.eks", "3.2").
TOKEN_PATTERN = r"\w+(?:\.?\w+)*"
# The suffix rules only fire when this many characters of stem remain, so short words stay put.
MIN_STEM = 4
# Words ending in -erne whose -ern- belongs to the root (kjerne, interne), not the plural definite of
# an -er noun (behandlerne): they keep their ending.
ROOT_ERNE = (
    "kjerne", "hjerne", "stjerne", "fjerne", "gjerne", "interne", "eksterne", "moderne", "lanterne",
    "kaserne", "taverne", "cisterne", "kverne", "konserne",
)  # fmt: skip
# Common comparatives in -ere that are no plural (videre must not meet the name Vidar).
COMPARATIVE_ERE = frozenset({"videre", "senere", "tidligere", "nærmere", "mere", "tydeligere"})


def _read_lines(path: Path) -> list[str]:
    lines = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line and not line.startswith("#"):
            lines.append(line)
    return lines


@functools.cache
def norwegian_stop_words() -> frozenset[str]:
    """Whoosh's Norwegian list plus the Nynorsk function words it lacks."""
    extra = _read_lines(resource("analysis", "nn_stopwords.txt"))
    return frozenset(stopwords_for_language("no")) | frozenset(w.lower() for w in extra)


@functools.cache
def english_stop_words() -> frozenset[str]:
    return frozenset(stopwords_for_language("en"))


@functools.cache
def _variant_table() -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    """(whole-stem map, compound-part replacements) from nbnn_variants.tsv."""
    whole: dict[str, str] = {}
    parts: list[tuple[str, str]] = []
    for line in _read_lines(resource("analysis", "nbnn_variants.tsv")):
        cols = line.split("\t")
        whole[cols[0]] = cols[1]
        if len(cols) > 2 and cols[2] == "part":
            parts.append((cols[0], cols[1]))
    return whole, tuple(parts)


def singular_form(word: str) -> str:
    """The indefinite singular of an -er/-ar noun's other forms, so Snowball stems them alike: -ere,
    -erne, -eren -> -er (behandlere, behandlerne -> behandler; Snowball leaves behandler/behandlern
    apart, and lærer/læreren for a short root); Nynorsk -aren, -arar, -arane -> -ar. -ere verbs
    (implementere) stem the same either way; -ern- roots (ROOT_ERNE) are left alone."""
    if len(word) < 6:
        return word
    if word.endswith("erne") and not word.endswith(ROOT_ERNE):
        return word[:-2]
    if word.endswith("ere") and word not in COMPARATIVE_ERE:
        return word[:-1]
    if len(word) >= 7 and word.endswith(("eren", "aren", "arar")):
        return word[:-2]
    if len(word) >= 8 and word.endswith("arane"):
        return word[:-3]
    return word


def _syncope(stem: str) -> str:
    """-el stems lose their e before an ending (regel/regler, artikkel/artiklene): regel -> regl."""
    if len(stem) >= 5 and stem.endswith("el") and stem[-3] not in VOWELS:
        root = stem[:-2]
        if root[-1] == root[-2]:
            root = root[:-1]
        return root + "l"
    return stem


VOWELS = frozenset("aeiouyæøåéèêóòôü")


def normalise_norwegian_stem(stem: str, inflect: bool = True) -> str:
    """Map a Snowball stem to the stem shared by its Bokmål and Nynorsk variants.

    Rules, in order: -kj -> -k (undersøkje/undersøke); the derivational -ing is dropped
    (undersøking/undersøkelse, implementering/implementere); a final -er/-ar is dropped
    (brukar/bruker, arbeidsgivar/arbeidsgiver); -el loses its e (regel/regler); then the word list,
    whole stems and compound parts.
    """
    whole, parts = _variant_table()
    if stem in whole:
        return whole[stem]
    if inflect:
        stem = _syncope(stem)
    if stem.endswith("kj") and len(stem) > MIN_STEM:
        stem = stem[:-1]
    if stem.endswith("ing") and len(stem) - 3 >= MIN_STEM:
        stem = stem[:-3]
    if stem.endswith(("er", "ar")) and len(stem) - 2 >= MIN_STEM:
        stem = stem[:-2]
    if stem in whole:
        return whole[stem]
    for old, new in parts:
        if old in stem:
            stem = stem.replace(old, new)
    return stem


class NorwegianVariantFilter(Filter):  # type: ignore[misc]
    """Applies `normalise_norwegian_stem` to every token (after the stemmer)."""

    def __init__(self, inflect: bool = True) -> None:
        self.inflect = inflect

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NorwegianVariantFilter) and other.inflect == self.inflect

    def __hash__(self) -> int:
        return hash((type(self), self.inflect))

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        inflect = self.inflect
        cache: dict[str, str] = _NORMALISED[inflect]
        for token in tokens:
            if not token.stopped:
                text = token.text
                norm = cache.get(text)
                if norm is None:
                    norm = cache[text] = normalise_norwegian_stem(text, inflect)
                token.text = norm
            yield token


_NORMALISED: dict[bool, dict[str, str]] = {True: {}, False: {}}
STEM_CACHE = 100_000  # words whose stems each stemmer keeps


class CachedStemFilter(StemFilter):  # type: ignore[misc]
    """Whoosh's StemFilter with the standard library's LRU cache (in C) instead of Whoosh's own LFU
    cache, which counts every call in a Python Counter: the same stems, a tenth of a build sooner."""

    def clear(self) -> None:
        super().clear()
        from whoosh.lang import stemmer_for_language

        self._stem = functools.lru_cache(maxsize=STEM_CACHE)(stemmer_for_language(self.lang))


class NorwegianStemFilter(CachedStemFilter):
    """The Norwegian Snowball stemmer fed the singular of an -er noun's plural (`singular_form`)."""

    def clear(self) -> None:
        super().clear()
        from whoosh.lang import stemmer_for_language

        snowball = stemmer_for_language("no")

        def stem(word: str) -> str:
            return snowball(singular_form(word))  # type: ignore[no-any-return]

        self._stem = functools.lru_cache(maxsize=STEM_CACHE)(stem)


def english_analyzer() -> Analyzer:
    return (
        RegexTokenizer(TOKEN_PATTERN)
        | LowercaseFilter()
        | StopFilter(stoplist=english_stop_words())
        | CachedStemFilter(lang="en")
    )


def norwegian_analyzer(normalise: bool = True, inflect: bool = True) -> Analyzer:
    """Snowball "no"; `normalise` adds the nb/nn variant rules, `inflect` the plural and syncope
    rules (`singular_form`, `_syncope`); without both, plain Snowball (the benchmarks' baselines)."""
    stemmer = NorwegianStemFilter(lang="no") if inflect else CachedStemFilter(lang="no")
    chain = RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | StopFilter(stoplist=norwegian_stop_words()) | stemmer
    return chain | NorwegianVariantFilter(inflect) if normalise else chain


def plain_analyzer() -> Analyzer:
    """Lowercased words without stemming or stop words: for prefix and fuzzy patterns."""
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter()


def terms(analyzer: Analyzer, text: str) -> list[str]:
    """The index terms `analyzer` makes of `text` (stop words removed)."""
    return [t.text for t in analyzer(text)]
