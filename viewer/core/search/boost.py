"""Ranking in the language the user typed: the query's language from its words, and score multipliers
for passages in that language and, for a Norwegian query, passages holding the forms as typed.

The Norwegian field folds Bokmål and Nynorsk variants into one term (`analysis`), so `tjenestene`
also finds `tenester`; BM25F alone then ranks the two standards by term counts and lengths. Here a
passage holding the typed form gets up to EXACT_BOOST more, and a passage in the query's language
(its label, or a gloss in it: `glosses`) STANDARD_BOOST more, so the typed form ranks first, then
the same standard, then the other. The multipliers apply to every match before the top N are
chosen (`bulk.collect(adjust=...)`), so paging stays exact.

The query's language: nb/nn from the Bokmål/Nynorsk evidence of the typed words
(`language.nbnn`, read only) when it is clear, else from where the typed forms occur in the index
(the languages of the passages holding them); none when the words give no evidence.
"""

from __future__ import annotations

import itertools
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from viewer.core.language import nbnn
from viewer.core.search.analysis import plain_analyzer, terms
from viewer.core.search.query import Group, Node, Phrase, Word

BITS = {"en": 1, "nb": 2, "nn": 4, "und": 8}
EXACT_BOOST = 3.0  # a passage holding every typed form scores (1 + EXACT_BOOST) times more
STANDARD_BOOST = 3.0  # a passage in the query's language scores this many times more
NBNN_CLEAR = 2.0  # nbnn points that settle Bokmål vs Nynorsk without the index
MIN_SHARE = 0.6  # the query's language must hold this share of the typed forms' occurrences
POOL = 4  # the Whoosh fallback re-ranks this many times the hits it must return
EVIDENCE_POSTINGS = 1000  # postings read per typed word to weigh its languages
FORM_POSTINGS = 1_000_000  # the passages of recently typed forms kept between searches (4 MB)


@dataclass(frozen=True)
class Preference:
    """What a search favours: passages in `lang`, and (Norwegian queries) those holding `forms`."""

    lang: str
    forms: tuple[str, ...] = ()

    @property
    def most(self) -> float:
        """The largest multiplier a passage can get (an upper bound, for re-ranking a pool)."""
        return STANDARD_BOOST * (1.0 + (EXACT_BOOST if self.forms else 0.0))


class LangCodes:
    """Each passage's languages as bits (its label and its glosses' languages), one byte per document
    number of the whole index; read once per searcher from the `lang` and `sub` fields."""

    def __init__(self, searcher: Any) -> None:
        reader = searcher.reader()
        self.codes = bytearray(reader.doc_count_all())  # label and glosses
        self.label = bytearray(reader.doc_count_all())  # label only
        for fieldname, out in (("lang", self.label), ("sub", self.codes)):
            if fieldname not in searcher.schema:
                continue
            for name, bit in BITS.items():
                for leaf, offset in _leaves(reader):  # a block at a time: 0.24 -> 0.05 s at 50 MB
                    for d in doc_ids(leaf, fieldname, name):
                        out[d + offset] |= bit
        for d, bit in enumerate(self.label):
            self.codes[d] |= bit
        self._forms: OrderedDict[tuple[int, str], array[int]] = OrderedDict()  # recently typed forms' passages
        self._form_postings = 0

    def holding(self, reader: Any, offset: int, form: str) -> set[int]:
        """The passages of one segment (`reader`, at `offset`) holding `form` as typed; kept for the
        next searches (typing repeats words), at most FORM_POSTINGS in all, oldest dropped first."""
        key = (offset, form)
        ids = self._forms.get(key)
        if ids is None:
            ids = array("I", doc_ids(reader, "plain", form))
            self._forms[key] = ids
            self._form_postings += len(ids)
            while self._form_postings > FORM_POSTINGS and len(self._forms) > 1:
                _key, dropped = self._forms.popitem(last=False)
                self._form_postings -= len(dropped)
        self._forms.move_to_end(key)
        return set(ids)


def _term(fieldname: str, text: str) -> Any:
    from whoosh import query as wq

    return wq.Term(fieldname, text)


def typed_words(tree: Node | None) -> list[str]:
    """The lowercased words the query looks for (not patterns, not excluded words), in order."""
    out: list[str] = []

    def walk(node: Node | None) -> None:
        if isinstance(node, Group):
            for item in node.items:
                walk(item)
        elif isinstance(node, Phrase) or (isinstance(node, Word) and not (node.prefix or node.fuzzy)):
            out.extend(terms(plain_analyzer(), node.text))
        # Negated and None: nothing the user wants to see

    walk(tree)
    return out


def preference(
    words: list[str], searched: set[str], searcher: Any, codes: LangCodes, fields: Callable[[str], dict[str, str]]
) -> Preference | None:
    """The language to favour for a query of `words` (`searched`: those that are index words, not
    stop words; `fields(word)`: its term in the `en` and `no` fields), or None when they say nothing
    clear. English or Norwegian by the labels of the passages holding the forms as typed, else by
    how many passages each field's term is in; Bokmål or Nynorsk by the words' nbnn evidence, else
    by those same labels."""
    if not words:
        return None
    reader = searcher.reader()
    english = norwegian = 0.0
    occurrences = {word: _occurrences(word, searcher, codes) for word in searched}  # read once, used twice
    for word in searched:
        # The form as typed first: `implementering` is Norwegian although its English-field term
        # (implement) is in many more passages than its Norwegian one.
        seen = occurrences[word]
        typed = seen["en"] + seen["nb"] + seen["nn"]
        if typed:
            english += seen["en"] / typed
            norwegian += (seen["nb"] + seen["nn"]) / typed
            continue
        found = {name: reader.doc_frequency(name, term) for name, term in fields(word).items()}
        total = found.get("en", 0) + found.get("no", 0)
        if total:
            english += found.get("en", 0) / total
            norwegian += found.get("no", 0) / total
    if english + norwegian and english >= MIN_SHARE * (english + norwegian):
        return Preference("en")
    if english + norwegian and norwegian < MIN_SHARE * (english + norwegian):
        return None
    points, informative = nbnn.score(words)
    if informative and abs(points) >= NBNN_CLEAR:
        lang = "nn" if points > 0 else "nb"
    else:
        nb = nn = 0.0
        for seen in occurrences.values():
            if seen["nb"] + seen["nn"]:
                nb += seen["nb"] / (seen["nb"] + seen["nn"])
                nn += seen["nn"] / (seen["nb"] + seen["nn"])
        if not nb + nn or max(nb, nn) < MIN_SHARE * (nb + nn):
            return None
        lang = "nn" if nn > nb else "nb"
    return Preference(lang, tuple(sorted(searched)))


def _occurrences(word: str, searcher: Any, codes: LangCodes) -> dict[str, int]:
    """How many passages labelled en, nb and nn hold `word` as written (at most EVIDENCE_POSTINGS read)."""
    seen = {"en": 0, "nb": 0, "nn": 0}
    reader = searcher.reader()
    if ("plain", word) not in reader:
        return seen
    label, nb, nn = codes.label, BITS["nb"], BITS["nn"]
    ids = (d + offset for leaf, offset in _leaves(reader) for d in doc_ids(leaf, "plain", word))
    found = [label[d] for d in itertools.islice(ids, EVIDENCE_POSTINGS)]
    seen["en"] = sum(1 for c in found if c & BITS["en"])
    seen["nb"] = sum(1 for c in found if c & nb)
    seen["nn"] = sum(1 for c in found if c & nn and not c & nb)
    return seen


def _leaves(reader: Any) -> list[tuple[Any, int]]:
    return [(reader, 0)] if reader.is_atomic() else list(reader.leaf_readers())


def doc_ids(reader: Any, field: str, text: str) -> Iterator[int]:
    """The live document numbers of a segment reader's postings of a term, in order, a posting
    block at a time (Whoosh's `all_ids` walks its matchers a posting at a time)."""
    if (field, text) not in reader:
        return
    deleted = reader.deleted_docs_set if reader.has_deletions() else ()
    m = reader.postings(field, text)
    m = getattr(m, "child", m)  # past Whoosh's filter of deleted documents (dropped here)
    while m.is_active():
        m._read_data()  # WORKAROUND: a whole block at once, as `bulk` reads them
        ids = accumulate(m._data[0])
        yield from ((d for d in ids if d not in deleted) if deleted else ids)
        m._next_block()


def adjuster(pref: Preference, codes: LangCodes) -> Any:
    """The `adjust(segment, scores)` for `bulk.collect`: scores times each passage's multiplier. It
    may be called more than once per segment (phrase candidates are checked in batches): the
    passages holding each typed form are read once per segment."""
    bit = BITS[pref.lang]
    holding: dict[int, list[set[int]]] = {}  # segment offset -> per form, the passages holding it

    def adjust(seg: Any, scores: dict[int, float]) -> dict[int, float]:
        offset, code = seg.offset, codes.codes
        out = {d: s * STANDARD_BOOST if code[d + offset] & bit else s for d, s in scores.items()}
        if pref.forms:
            if offset not in holding:
                reader = seg.searcher.reader()
                holding[offset] = [codes.holding(reader, offset, form) for form in pref.forms]
            share = EXACT_BOOST / len(pref.forms)
            extra = dict.fromkeys(out, 0.0)
            for docs in holding[offset]:
                for d in docs.intersection(extra) if len(docs) > len(extra) else docs:
                    if d in extra:
                        extra[d] += share
            out = {d: s * (1.0 + extra[d]) for d, s in out.items()}
        return out

    return adjust


def rerank(
    pref: Preference, codes: LangCodes, searcher: Any, ranked: list[tuple[float, int]]
) -> list[tuple[float, int]]:
    """`ranked` (score, global docnum) re-scored with the multipliers: for the Whoosh fallback, which
    ranks a pool rather than every match."""
    bit = BITS[pref.lang]
    holding: dict[int, float] = {}
    share = EXACT_BOOST / len(pref.forms) if pref.forms else 0.0
    for form in pref.forms:
        for d in searcher.docs_for_query(_term("plain", form)):
            holding[d] = holding.get(d, 0.0) + share
    out = [(s * (STANDARD_BOOST if codes.codes[d] & bit else 1.0) * (1.0 + holding.get(d, 0.0)), d) for s, d in ranked]
    return sorted(out, key=lambda hit: (-hit[0], hit[1]))
