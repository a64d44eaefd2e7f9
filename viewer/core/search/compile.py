"""Compiling a parsed query tree into a Whoosh query for one field, with the terms to highlight.

Words and phrases go through the field's own analyzer (so stop words drop out); prefix and fuzzy
words are expanded against the index's surface forms: at most MAX_PREFIX_TERMS each, and at most
QUERY_PATTERN_TERMS for all the patterns of a query together.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from whoosh import query as wq
from whoosh.analysis import Analyzer

from viewer.core.search.analysis import terms
from viewer.core.search.fuzzy import FuzzyWords
from viewer.core.search.query import Group, Negated, Node, Phrase, Word

PATTERN_FIELD = "plain"  # the index field of unstemmed lowercased words
MAX_PREFIX_TERMS = 64  # a prefix searches at most this many of its most frequent expansions
QUERY_PATTERN_TERMS = 256  # ... and all the patterns of one query together at most this many
MIN_PATTERN_TERMS = 4  # (but each pattern at least this many)
PREFIX_SCAN = 5000  # ... chosen among at most this many candidate terms
EXACT_BOOST = 3.0


class PatternOr(wq.Or):  # type: ignore[misc]
    """The union of a pattern's expansions, matched by pre-loading its postings in windows.

    Whoosh's default binary tree of unions makes every skip_to walk the whole tree: an AND of two
    64-word prefixes took 3.3 s on a 50 MB index while the matcher was built (before any budget
    could stop it); pre-loaded, 0.7 s.
    """

    matcher_type = wq.Or.ARRAY_MATCHER


@dataclass
class Compiled:
    """One field's Whoosh query plus the terms worth highlighting, and notes from expansion."""

    query: wq.Query | None
    highlight: set[str] = field(default_factory=set)  # terms of this field's analyzer
    phrases: set[tuple[str, ...]] = field(default_factory=set)  # term sequences highlighted only together
    plain: set[str] = field(default_factory=set)  # lowercased words matched by prefix and fuzzy patterns
    # prefix/fuzzy expansions, shared between the fields' compilations of one search
    expansions: dict[tuple[str, bool, int], list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    cap: int = MAX_PREFIX_TERMS  # expansions per pattern
    fuzzy: FuzzyWords | None = None  # the index's word table for fuzzy words (else Whoosh's terms_within)


def pattern_cap(tree: Node | None) -> int:
    """How many expansions each prefix or fuzzy word of the query may have: the query's whole budget
    is shared, so 32 two-letter prefixes cost about what one does (each alone was capped before,
    and 32 took 13 s)."""
    patterns = sum(1 for word in _words(tree) if word.prefix or word.fuzzy)
    if not patterns:
        return MAX_PREFIX_TERMS
    return max(MIN_PATTERN_TERMS, min(MAX_PREFIX_TERMS, QUERY_PATTERN_TERMS // patterns))


def _words(node: Node | None) -> list[Word]:
    if node is None or isinstance(node, Phrase):
        return []
    if isinstance(node, Negated):
        return _words(node.item)
    if isinstance(node, Group):
        return [w for item in node.items for w in _words(item)]
    return [node]


def compile_for_field(
    tree: Node | None,
    fieldname: str,
    analyzer: Analyzer,
    reader: Any,
    expansions: dict[tuple[str, bool, int], list[str]] | None = None,
    cap: int = MAX_PREFIX_TERMS,
    fuzzy: FuzzyWords | None = None,
) -> Compiled:
    """The tree as a query on one field analysed with that field's analyzer (stop words drop out)."""
    out = Compiled(None, expansions=expansions if expansions is not None else {}, cap=cap, fuzzy=fuzzy)
    out.query = _compile(tree, fieldname, analyzer, reader, out, negated=False)
    return out


def _compile(
    node: Node | None, fname: str, analyzer: Analyzer, reader: Any, out: Compiled, negated: bool
) -> wq.Query | None:
    if node is None:
        return None
    if isinstance(node, Negated):
        inner = _compile(node.item, fname, analyzer, reader, out, negated=not negated)
        return wq.Not(inner) if inner is not None else None
    if isinstance(node, Group):
        parts = [_compile(i, fname, analyzer, reader, out, negated) for i in node.items]
        kept = [p for p in parts if p is not None]
        if node.op == "and":
            if not any(not isinstance(p, wq.Not) for p in kept):
                return None
            return kept[0] if len(kept) == 1 else wq.And(kept)
        return kept[0] if len(kept) == 1 else (wq.Or(kept) if kept else None)
    if isinstance(node, Phrase) or not (node.prefix or node.fuzzy):
        words = terms(analyzer, node.text)
        if not negated and len(words) > 1 and isinstance(node, Phrase):
            out.phrases.add(tuple(words))
        elif not negated:
            out.highlight.update(words)
        if not words:
            return None
        return wq.Term(fname, words[0]) if len(words) == 1 else wq.Phrase(fname, words)
    pname = PATTERN_FIELD  # prefixes and fuzzy words match surface forms, not stems ("services*")
    key = (node.text, node.prefix, node.fuzzy)
    if key not in out.expansions:
        out.expansions[key] = _expand(node, pname, reader, out.notes, out.cap, out.fuzzy)
    texts = out.expansions[key]
    if not negated:
        out.plain.update(texts)
    # The word as typed outranks its variants: "ips~" should list IPS before "its" and "is".
    exact = node.text.lower()
    return (
        PatternOr([wq.Term(pname, t, boost=EXACT_BOOST if t == exact else 1.0) for t in texts])
        if texts
        else wq.NullQuery
    )


def _expand(node: Word, pname: str, reader: Any, notes: list[str], cap: int, fuzzy: FuzzyWords | None) -> list[str]:
    """The indexed words a prefix or fuzzy word stands for, at most `cap` of the most frequent."""
    if node.prefix:  # one pass over the term list gives each word with its frequency
        found = [
            (t, info.doc_frequency()) for t, info in itertools.islice(reader.iter_prefix(pname, node.text), PREFIX_SCAN)
        ]
    else:  # Damerau-Levenshtein distance over the term list; the first letter must match
        within = fuzzy.within(reader, pname, node.text, node.fuzzy, 1) if fuzzy else None
        found_words = within if within is not None else reader.terms_within(pname, node.text, node.fuzzy, prefix=1)
        words = itertools.islice(found_words, PREFIX_SCAN)
        found = [(t, -1) for t in words]
    texts = [(t.decode("utf-8") if isinstance(t, bytes) else t, n) for t, n in found]
    if len(texts) > cap:
        texts.sort(key=lambda item: -(item[1] if item[1] >= 0 else reader.doc_frequency(pname, item[0])))
        texts = texts[:cap]
        pattern = f"{node.text}*" if node.prefix else f"{node.text}~{node.fuzzy}"
        notes.append(f"'{pattern}' matches many words; searched the {cap} most common")
    return [t for t, _n in texts]
