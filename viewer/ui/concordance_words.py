"""The concordance's words in the search column: its own status line (how many lines, in how many
documents) and what a translation candidate's two counts mean."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from viewer.ui.concordance_model import ConcordanceData


def lines_text(data: ConcordanceData) -> str:
    """E.g. "28 concordance lines in 2 documents" (the passages' line is the other mode's)."""
    conc = data.concordance
    n, docs = len(conc.lines), conc.documents
    if not n:
        return QCoreApplication.translate("ConcordanceSide", "No concordance lines for “{query}”.").format(
            query=conc.query
        )
    lines = (
        QCoreApplication.translate("ConcordanceSide", "1 concordance line")
        if n == 1
        else QCoreApplication.translate("ConcordanceSide", "{n} concordance lines").format(n=f"{n:,}")
    )
    where = (
        QCoreApplication.translate("ConcordanceSide", "in 1 document")
        if docs == 1
        else QCoreApplication.translate("ConcordanceSide", "in {n} documents").format(n=docs)
    )
    text = f"{lines} {where}"
    return text if conc.complete else text + " " + QCoreApplication.translate("ConcordanceSide", "(the first ones)")


def candidate_counts(lines: int, pairs: int) -> str:
    """What a candidate's counts mean: how many of these lines hold it, and in how many aligned
    sentence pairs of the whole library it was seen (what it was learned from)."""
    if pairs == 1:
        seen = QCoreApplication.translate("ConcordanceSide", "seen in 1 aligned sentence pair in the library")
    else:
        seen = QCoreApplication.translate(
            "ConcordanceSide", "seen in {n} aligned sentence pairs in the library"
        ).format(n=pairs)
    if not lines:
        return QCoreApplication.translate("ConcordanceSide", "in none of these lines; {seen}").format(seen=seen)
    if lines == 1:
        return QCoreApplication.translate("ConcordanceSide", "in 1 of these lines; {seen}").format(seen=seen)
    return QCoreApplication.translate("ConcordanceSide", "in {n} of these lines; {seen}").format(n=lines, seen=seen)
