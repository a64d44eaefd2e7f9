"""The search box's query language, parsed tolerantly into a tree (`viewer.core.search.compile`
turns the tree into Whoosh queries per field).

Syntax (Recoll/Lucene-like): words (all must match), "exact phrases", OR (binds tighter than the
implicit AND), AND, NOT and -word, (groups), prefix*, fuzzy~ and fuzzy~2, and the filters
`lang:en|nb|nn|no|und` and `doc:ID`. Nothing here raises on user input: a malformed part is
dropped or read as plain words, and each repair adds a one-line note for the user.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from viewer.core.search.analysis import plain_analyzer, terms

MAX_QUERY_CHARS = 1000
MAX_CLAUSES = 32
MIN_PREFIX = 2  # `a*` would expand to a large share of the vocabulary
MAX_DEPTH = 8  # groups nested deeper are flattened (their words kept), so recursion stays bounded
MIN_FUZZY = 3


def max_edits(word: str) -> int:
    """Edits a fuzzy word may take, as Lucene's AUTO fuzziness: 1 up to 5 letters, 2 beyond."""
    return 1 if len(word) <= 5 else 2


LANG_FILTERS = {"en": ("en",), "nb": ("nb",), "nn": ("nn",), "no": ("nb", "nn"), "und": ("und",)}

_FILTER = re.compile(r"(?<![^\s(])(lang|doc):(\"[^\"]*\"|[^\s()\"]+)", re.IGNORECASE)
_LEX = re.compile(r'\s+|\(|\)|"[^"]*"|"|[^\s()"]+')
_OPERATORS = {"AND", "OR", "NOT", "&&", "||"}


@dataclass(frozen=True)
class Word:
    text: str
    prefix: bool = False
    fuzzy: int = 0


@dataclass(frozen=True)
class Phrase:
    text: str


@dataclass(frozen=True)
class Group:
    op: str  # "and" | "or"
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Negated:
    item: Node


Node = Word | Phrase | Group | Negated


@dataclass
class ParsedQuery:
    """The user's query after repair: a tree (None when nothing searchable), filters and notes."""

    tree: Node | None
    langs: set[str] = field(default_factory=set)
    doc_ids: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)


def clean(text: str) -> tuple[str, list[str]]:
    """NFC, control and format characters to spaces, length capped."""
    notes: list[str] = []
    text = unicodedata.normalize("NFC", text)
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS]
        notes.append(f"query shortened to its first {MAX_QUERY_CHARS} characters")
    if any(unicodedata.category(c) in ("Cc", "Cf", "Cs") for c in text):
        text = "".join(" " if unicodedata.category(c) in ("Cc", "Cf", "Cs") else c for c in text)
    return text, notes


def parse(text: str) -> ParsedQuery:
    """Parse a raw query string; never raises."""
    text, notes = clean(text)
    langs: set[str] = set()
    doc_ids: set[str] = set()

    def take_filter(m: re.Match[str]) -> str:
        name, value = m.group(1).lower(), m.group(2).strip('"')
        if name == "doc":
            doc_ids.add(value)
        elif value.lower() in LANG_FILTERS:
            langs.update(LANG_FILTERS[value.lower()])
        else:
            notes.append(f"unknown language {value!r} in lang: ignored (use en, nb, nn or no)")
        return " "

    text = _FILTER.sub(take_filter, text)
    tokens = [t for t in _LEX.findall(text) if not t.isspace()]
    if tokens.count("(") != tokens.count(")") or not _parens_nest(tokens):
        tokens = [t for t in tokens if t not in "()"]
        notes.append("unbalanced parentheses ignored")
    if '"' in tokens:
        notes.append("unclosed quote ignored")
        tokens = [t for t in tokens if t != '"']
    parser = _Parser(tokens, notes)
    tree = parser.expression()
    return ParsedQuery(tree=tree, langs=langs, doc_ids=doc_ids, notes=_unique(notes))


def _parens_nest(tokens: list[str]) -> bool:
    depth = 0
    for t in tokens:
        depth += (t == "(") - (t == ")")
        if depth < 0:
            return False
    return True


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


class _Parser:
    """Recursive descent over lexed tokens: expr := orgroup (AND? orgroup)*; orgroup := unary (OR unary)*."""

    def __init__(self, tokens: list[str], notes: list[str]) -> None:
        self.tokens, self.pos, self.notes, self.clauses = tokens, 0, notes, 0

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def expression(self, depth: int = 0) -> Node | None:
        items: list[Node] = []
        while (tok := self.peek()) is not None and tok != ")":
            if tok in ("AND", "&&"):
                self.pos += 1
                if not items or self.peek() in (None, ")"):
                    self.notes.append("'AND' needs words on both sides; ignored")
                continue
            if tok in ("OR", "||"):
                self.pos += 1
                self.notes.append("'OR' needs words on both sides; ignored")
                continue
            item = self.or_group(depth)
            if item is not None:
                items.append(item)
        return _group("and", items)

    def or_group(self, depth: int) -> Node | None:
        items = [self.unary(depth)]
        while self.peek() in ("OR", "||"):
            self.pos += 1
            while self.peek() in ("OR", "||"):  # "a OR OR b" is still a OR b
                self.pos += 1
            if self.peek() in (None, ")", "AND", "&&"):
                self.notes.append("'OR' needs words on both sides; ignored")
                break
            items.append(self.unary(depth))
        return _group("or", [i for i in items if i is not None])

    def unary(self, depth: int) -> Node | None:
        tok = self.peek()
        if tok in ("NOT", "!"):
            self.pos += 1
            if self.peek() in (None, ")", "AND", "OR", "&&", "||"):
                self.notes.append("'NOT' needs a word after it; ignored")
                return None
            inner = self.unary(depth)
            return Negated(inner) if inner is not None else None
        if tok == "-":  # `-(a b)` and `-"a phrase"` lex as "-" then the group or phrase
            self.pos += 1
            nxt = self.peek()
            if nxt is None or not (nxt == "(" or nxt.startswith('"')):
                self.notes.append("a lone operator ('-', '~', '*') was ignored")
                return None
            inner = self.atom(depth)
            return Negated(inner) if inner is not None else None
        return self.atom(depth)

    def atom(self, depth: int) -> Node | None:
        tok = self.peek()
        assert tok is not None
        self.pos += 1
        if tok == "(":
            if depth >= MAX_DEPTH:
                return self._flattened(depth)
            inner = self.expression(depth + 1)
            while self.peek() not in (None, ")"):
                self.pos += 1
            self.pos += 1  # the ")"
            return inner
        if tok.startswith('"'):
            return self._count(Phrase(tok.strip('"'))) if tok.strip('"').strip() else None
        return self.word(tok)

    def _flattened(self, depth: int) -> Node | None:
        """A group nested deeper than MAX_DEPTH: its words are kept, its inner parentheses dropped
        (with a note), so that depth cannot grow the recursion and nothing is lost silently."""
        inner: list[str] = []
        level = 1
        while (tok := self.peek()) is not None:
            self.pos += 1
            level += (tok == "(") - (tok == ")")
            if level == 0:
                break
            if tok not in ("(", ")"):
                inner.append(tok)
        note = f"parentheses nested more than {MAX_DEPTH} deep were flattened"
        if note not in self.notes:
            self.notes.append(note)
        sub = type(self)(inner, self.notes)
        sub.clauses = self.clauses
        node = sub.expression(depth)
        self.clauses = sub.clauses
        return node

    def word(self, tok: str) -> Node | None:
        negate = False
        if tok.startswith("-") and len(tok) > 1:
            negate, tok = True, tok[1:]
        tok = tok.lstrip("+-")
        fuzzy = 0
        m = re.search(r"~(\d*)$", tok)
        if m:
            fuzzy = min(2, max(1, int(m.group(1)))) if m.group(1) else 1
            tok = tok[: m.start()]
        prefix = tok.endswith("*")
        tok = tok.rstrip("*?")
        if not any(c.isalnum() for c in tok):
            if prefix:
                self.notes.append(f"'*' needs at least {MIN_PREFIX} letters before it; ignored")
            elif fuzzy or tok in ("", "-", "~"):
                self.notes.append("a lone operator ('-', '~', '*') was ignored")
            return None
        words = terms(plain_analyzer(), tok)
        if len(words) != 1:  # "a*b", "e-post~": not a pattern, just words
            node: Node | None = _group("and", [Word(w) for w in words])
        elif prefix and len(words[0]) < MIN_PREFIX:
            self.notes.append(f"'{tok}*' is too short a prefix (at least {MIN_PREFIX} letters); ignored")
            return None
        elif fuzzy and len(words[0]) < MIN_FUZZY:
            self.notes.append(f"'{tok}~' is too short for a fuzzy search; searched exactly")
            node = Word(words[0])
        elif fuzzy > max_edits(words[0]):
            fuzzy = max_edits(words[0])
            self.notes.append(f"'{tok}' allows {fuzzy} edit(s) for a word of {len(words[0])} letters")
            node = Word(words[0], prefix=False, fuzzy=fuzzy)
        else:
            node = Word(words[0], prefix=prefix, fuzzy=0 if prefix else fuzzy)
        if node is None:
            return None
        node = self._count(node)
        return Negated(node) if negate and node is not None else node

    def _count(self, node: Node) -> Node | None:
        self.clauses += 1
        if self.clauses > MAX_CLAUSES:
            if self.clauses == MAX_CLAUSES + 1:
                self.notes.append(f"only the first {MAX_CLAUSES} words were searched")
            return None
        return node


def _group(op: str, items: list[Node]) -> Node | None:
    if not items:
        return None
    return items[0] if len(items) == 1 else Group(op, tuple(items))


def positive_nodes(tree: Node | None) -> bool:
    """Whether the tree has something to include (a query of only NOTs matches nothing useful)."""
    if tree is None:
        return False
    if isinstance(tree, Negated):
        return False
    if isinstance(tree, Group):
        return any(positive_nodes(i) for i in tree.items)
    return True


def only_stop_words(tree: Node | None, stop_words: frozenset[str]) -> bool:
    """Whether every word to include is a function word (in either language) or a single letter."""
    words: list[str] = []

    def walk(node: Node | None) -> bool:
        if isinstance(node, Group):
            return all(walk(i) for i in node.items)
        if isinstance(node, Negated) or node is None:
            return True
        if isinstance(node, Word) and (node.prefix or node.fuzzy):
            return False
        words.extend(terms(plain_analyzer(), node.text))
        return True

    return walk(tree) and all(len(w) < 2 or w in stop_words for w in words)
