"""Compiling a parsed query tree into a Whoosh query for one field, with the terms to highlight.

Words and phrases go through the field's own analyzer (so stop words drop out); prefix and fuzzy
words are expanded against the index's surface forms, at most MAX_PREFIX_TERMS of them.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from whoosh import query as wq
from whoosh.analysis import Analyzer

from viewer.core.search.analysis import terms
from viewer.core.search.query import Group, Negated, Node, Phrase, Word

PATTERN_FIELD = "plain"  # the index field of unstemmed lowercased words
MAX_PREFIX_TERMS = 64  # a prefix searches at most this many of its most frequent expansions
PREFIX_SCAN = 5000  # ... chosen among at most this many candidate terms
EXACT_BOOST = 3.0


@dataclass
class Compiled:
    """One field's Whoosh query plus the terms worth highlighting, and notes from expansion."""

    query: wq.Query | None
    highlight: set[str] = field(default_factory=set)  # terms of this field's analyzer
    plain: set[str] = field(default_factory=set)  # lowercased words matched by prefix and fuzzy patterns
    # prefix/fuzzy expansions, shared between the fields' compilations of one search
    expansions: dict[tuple[str, bool, int], list[str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def compile_for_field(tree: Node | None, fieldname: str, analyzer: Analyzer, reader: Any,
                      expansions: dict[tuple[str, bool, int], list[str]] | None = None) -> Compiled:
    """The tree as a query on one field analysed with that field's analyzer (stop words drop out)."""
    out = Compiled(None, expansions=expansions if expansions is not None else {})
    out.query = _compile(tree, fieldname, analyzer, reader, out, negated=False)
    return out


def _compile(node: Node | None, fname: str, analyzer: Analyzer, reader: Any, out: Compiled,
             negated: bool) -> wq.Query | None:
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
        if not negated:
            out.highlight.update(words)
        if not words:
            return None
        return wq.Term(fname, words[0]) if len(words) == 1 else wq.Phrase(fname, words)
    pname = PATTERN_FIELD  # prefixes and fuzzy words match surface forms, not stems ("services*")
    key = (node.text, node.prefix, node.fuzzy)
    if key not in out.expansions:
        out.expansions[key] = _expand(node, pname, reader, out.notes)
    texts = out.expansions[key]
    if not negated:
        out.plain.update(texts)
    # The word as typed outranks its variants: "ips~" should list IPS before "its" and "is".
    exact = node.text.lower()
    return wq.Or([wq.Term(pname, t, boost=EXACT_BOOST if t == exact else 1.0) for t in texts]) if texts \
        else wq.NullQuery


def _expand(node: Word, pname: str, reader: Any, notes: list[str]) -> list[str]:
    """The indexed words a prefix or fuzzy word stands for, at most MAX_PREFIX_TERMS of the most frequent."""
    if node.prefix:
        found = itertools.islice(reader.expand_prefix(pname, node.text), PREFIX_SCAN)
    else:  # Damerau-Levenshtein automaton over the term list; the first letter must match
        found = itertools.islice(reader.terms_within(pname, node.text, node.fuzzy, prefix=1), PREFIX_SCAN)
    texts = [t.decode("utf-8") if isinstance(t, bytes) else t for t in found]
    if len(texts) > MAX_PREFIX_TERMS:
        texts.sort(key=lambda t: -reader.doc_frequency(pname, t))
        texts = texts[:MAX_PREFIX_TERMS]
        pattern = f"{node.text}*" if node.prefix else f"{node.text}~{node.fuzzy}"
        notes.append(f"'{pattern}' matches many words; searched the {MAX_PREFIX_TERMS} most common")
    return texts
