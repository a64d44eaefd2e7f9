"""The concordance's data in the app: what one worker call brings (the lines, the translation
candidates of the search word and which lines each candidate's translation is in), and the table
model over it, sorted by the words around the match and filtered by a candidate.

The lines are made in a worker (`compute`); sorting and filtering then only reorder row numbers on
the UI thread, from sort words taken once per line.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt

from viewer.core.concord.context import sort_words
from viewer.core.concord.model import Candidate, Concordance, Line, SortKey
from viewer.core.concord.translations import WORD as TOKEN
from viewer.ui.models import short_title

if TYPE_CHECKING:
    from viewer.core.workspace import Workspace

LINE_ROLE = Qt.ItemDataRole.UserRole + 2
WIDTH = 80  # characters of context each side: a wide window shows them, a narrow one elides
LIMIT = 1000  # lines of one concordance
FIRST = 60  # lines of the first screen, made and shown before the rest
CANDIDATES = 8
DOC, LEFT, MATCH, RIGHT = range(4)
_FILTER = re.compile(r"\b(?:lang|doc|collection):\S+", re.IGNORECASE)
_PLAIN_WORD = re.compile(r"^[^\W\d_][\w'’-]*[*~]?$")


@dataclass(frozen=True)
class ConcordanceData:
    """One query's concordance with its candidates; `lines_with[i]`: the lines (indexes into
    `concordance.lines`) whose counterpart holds `candidates[i]`."""

    concordance: Concordance
    word: str = ""  # the word the candidates translate
    candidates: tuple[Candidate, ...] = ()
    lines_with: tuple[frozenset[int], ...] = ()
    words: tuple[tuple[list[str], list[str]], ...] = field(default=(), repr=False)  # sort words per line


def search_word(query: str, concordance: Concordance) -> str:
    """The word whose translations are wanted: the query itself when it is one plain word (its `*`
    or `~` taken off), else the form matched most often."""
    plain = _FILTER.sub(" ", query).split()
    if len(plain) == 1 and _PLAIN_WORD.match(plain[0]) and plain[0].upper() not in ("AND", "OR", "NOT"):
        return plain[0].rstrip("*~").lower()
    common = concordance.forms.most_common(1)
    return common[0][0] if common else ""


def word_lang(word: str, concordance: Concordance, lang: str | None) -> str | None:
    """The language the word is searched in: the filter's, else that of the lines where it is the
    match (a cognate key such as implement- is shared by both languages), else left to the core."""
    if lang in ("en", "nb", "nn"):
        return lang
    seen = Counter(line.lang for line in concordance.lines if line.match.lower() == word and line.lang != "und")
    return seen.most_common(1)[0][0] if seen else None


def compute(workspace: Workspace, query: str, lang: str | None, doc: str | None, limit: int = LIMIT) -> ConcordanceData:
    """Runs in a worker: the concordance, the candidates and the lines each candidate is in."""
    concordance = workspace.concordance(query, lang=lang, doc=doc, width=WIDTH, limit=limit)
    words = tuple(sort_words(line.left, line.right) for line in concordance.lines)
    word = search_word(query, concordance)
    if not word or not any(line.counterpart for line in concordance.lines):
        return ConcordanceData(concordance, word, words=words)
    candidates = tuple(workspace.translations(word, lang=word_lang(word, concordance, lang)))[:CANDIDATES]
    _sentences, model = workspace.concordancer.learned()
    keys: list[tuple[str, set[str]]] = []  # each line's counterpart: its side and the keys of its words
    for line in concordance.lines:
        cp = line.counterpart
        found: set[str] = set()
        if cp is not None:
            for token in TOKEN.findall(cp.text):
                found |= model.keys_of(token.lower(), cp.lang)
        keys.append((side(cp.lang) if cp is not None else "", found))
    lines_with = tuple(
        frozenset(i for i, (where, found) in enumerate(keys) if where == side(c.lang) and c.key in found)
        for c in candidates
    )
    return ConcordanceData(concordance, word, candidates, lines_with, words)


def side(lang: str) -> str:
    """English or Norwegian: Bokmål and Nynorsk translate English alike (as the candidates count)."""
    return "no" if lang in ("nb", "nn") else lang


def sort_order(data: ConcordanceData, sort: SortKey | None) -> list[int]:
    """The line numbers in the order `sort` asks (None: as found, best passages first); stable."""
    lines = data.concordance.lines
    order = list(range(len(lines)))
    if sort is None:
        return order
    if sort == "doc":
        return sorted(order, key=lambda i: (lines[i].title.lower(), lines[i].span))
    if sort == "lang":
        return sorted(order, key=lambda i: lines[i].lang)
    n, side = int(sort[-1]) - 1, 0 if sort.startswith("left") else 1

    def key(i: int) -> tuple[str, str]:
        around = data.words[i][side]
        return (around[n] if n < len(around) else "", lines[i].match.lower())

    return sorted(order, key=key)


def sort_names() -> dict[SortKey | None, str]:
    return {
        None: QCoreApplication.translate("Concordance", "As found"),
        "left1": QCoreApplication.translate("Concordance", "1st word left"),
        "left2": QCoreApplication.translate("Concordance", "2nd word left"),
        "left3": QCoreApplication.translate("Concordance", "3rd word left"),
        "right1": QCoreApplication.translate("Concordance", "1st word right"),
        "right2": QCoreApplication.translate("Concordance", "2nd word right"),
        "right3": QCoreApplication.translate("Concordance", "3rd word right"),
        "doc": QCoreApplication.translate("Concordance", "Document"),
        "lang": QCoreApplication.translate("Concordance", "Language"),
    }


def counterpart_parts(line: Line) -> tuple[str, str, str]:
    """The counterpart cut like the line: (before, the marked translation, after); unmarked, all
    of it is "after" (it reads on from the match column)."""
    cp = line.counterpart
    if cp is None:
        return "", "", ""
    if cp.match is None:
        return "", "", cp.text
    s, e = cp.match
    return cp.text[:s].rstrip(), cp.text[s:e], cp.text[e:].lstrip()


class ConcordanceModel(QAbstractTableModel):
    """Rows are lines (sorted, maybe filtered); columns: document, left context, match, right context."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_: ConcordanceData | None = None
        self.sort_key: SortKey | None = None
        self.only: frozenset[int] | None = None  # a candidate's lines, or None for all
        self.rows: list[int] = []
        self._sorted: list[int] = []

    @property
    def lines(self) -> tuple[Line, ...]:
        return self.data_.concordance.lines if self.data_ is not None else ()

    def set_data(self, data: ConcordanceData | None) -> None:
        self.data_, self.only = data, None
        self._arrange()

    def set_sort(self, sort: SortKey | None) -> None:
        self.sort_key = sort
        self._arrange()

    def set_filter(self, lines: frozenset[int] | None) -> None:
        self.only = lines
        self._arrange()

    def _arrange(self) -> None:
        self.beginResetModel()
        self._sorted = sort_order(self.data_, self.sort_key) if self.data_ is not None else []
        only = self.only
        self.rows = self._sorted if only is None else [i for i in self._sorted if i in only]
        self.endResetModel()

    def line(self, row: int) -> Line | None:
        return self.lines[self.rows[row]] if 0 <= row < len(self.rows) else None

    def row_of(self, line: Line) -> int:
        """The row showing this match (the same document and span), or -1."""
        lines = self.lines
        for row, i in enumerate(self.rows):
            if lines[i].span == line.span and lines[i].doc == line.doc:
                return row
        return -1

    def forms(self) -> Counter[str]:
        return self.data_.concordance.forms if self.data_ is not None else Counter()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Document"), self.tr("Left context"), self.tr("Match"), self.tr("Right context"))[section]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        line = self.line(index.row()) if index.isValid() else None
        if line is None:
            return None
        column = index.column()
        if role == LINE_ROLE:
            return line
        if role == Qt.ItemDataRole.DisplayRole:
            before, marked, after = counterpart_parts(line)
            return (
                (short_title(line.title, 40), line.lang),
                (line.left, before),
                (line.match, marked),
                (line.right, after),
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(line)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{line.left} [{line.match}] {line.right}"
        return None

    def tooltip(self, line: Line) -> str:
        from html import escape

        text = f"{escape(line.left)} <b>{escape(line.match)}</b> {escape(line.right)}"
        head = f"<i>{escape(short_title(line.title, 80))}</i> · {line.lang}"
        cp = line.counterpart
        if cp is None:
            return f"<p>{head}</p><p>{text}</p>"
        if cp.match is not None:
            s, e = cp.match
            other = f"{escape(cp.text[:s])}<b><u>{escape(cp.text[s:e])}</u></b>{escape(cp.text[e:])}"
        else:
            other = escape(cp.text)
        label = self.tr("Aligned {lang}").format(lang=cp.lang)
        return f"<p>{head}</p><p>{text}</p><p><i>{label}:</i> {other}</p>"
