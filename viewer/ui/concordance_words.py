"""The concordance's words in the search column: its own status line (how many lines, in how many
documents) and what a translation candidate's two counts mean."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from viewer.ui.concordance_model import ConcordanceData


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConcordanceSide", text)


def lines_text(data: ConcordanceData) -> str:
    """E.g. "28 concordance lines in 2 documents" (the passages' line is the other mode's)."""
    conc = data.concordance
    n, docs = len(conc.lines), conc.documents
    if not n:
        return _tr("No concordance lines for “{query}”.").format(query=conc.query)
    lines = _tr("1 concordance line") if n == 1 else _tr("{n} concordance lines").format(n=f"{n:,}")
    where = _tr("in 1 document") if docs == 1 else _tr("in {n} documents").format(n=docs)
    text = f"{lines} {where}"
    return text if conc.complete else text + " " + _tr("(the first ones)")


def candidate_counts(lines: int, pairs: int) -> str:
    """What a candidate's counts mean: how many of these lines hold it, and in how many aligned
    sentence pairs of the whole library it was seen (what it was learned from)."""
    if pairs == 1:
        seen = _tr("seen in 1 aligned sentence pair in the library")
    else:
        seen = _tr("seen in {n} aligned sentence pairs in the library").format(n=pairs)
    if not lines:
        return _tr("in none of these lines; {seen}").format(seen=seen)
    if lines == 1:
        return _tr("in 1 of these lines; {seen}").format(seen=seen)
    return _tr("in {n} of these lines; {seen}").format(n=lines, seen=seen)
