"""The search panel's words: the syntax help, and the line above the results (how many passages
match, in how many documents, and what is loaded)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QToolButton, QToolTip

from viewer.core.search.results import SearchResults
from viewer.ui.results_model import GroupedResultsModel


def syntax_help() -> str:
    return QCoreApplication.translate(
        "SearchPanel",
        "<b>Search syntax</b><br>"
        "<code>activation work</code> both words (inflections too: <i>tjeneste</i> finds <i>tjenestene</i>)<br>"
        '<code>"evidence-based intervention"</code> exact phrase<br>'
        "<code>NAV OR IPS</code> either word · <code>-managerialism</code> or <code>NOT</code> excludes<br>"
        "<code>implement*</code> prefix · <code>implementaton~</code> fuzzy (<code>~2</code>: two edits)<br>"
        "<code>~services</code> the word and its translations in the other language (Ctrl+Shift+X: every word)<br>"
        "<code>lang:nn</code> <code>lang:en</code> <code>lang:no</code> language · "
        "<code>doc:thesis</code> one document<br>"
        "Enter searches at once · Esc clears · ↓ moves into the results · Enter opens",
    )


def help_button() -> QToolButton:
    """The "?" beside the search box: the syntax as its tooltip, and shown at once when clicked."""
    button = QToolButton()
    button.setText("?")
    button.setToolTip(syntax_help())
    button.clicked.connect(
        lambda: QToolTip.showText(button.mapToGlobal(button.rect().bottomLeft()), syntax_help(), button)
    )
    return button


def passages_text(n: int | str) -> str:
    return (
        QCoreApplication.translate("SearchPanel", "1 matching passage")
        if n == 1
        else QCoreApplication.translate("SearchPanel", "{n} matching passages").format(n=n)
    )


def documents_text(n: int) -> str:
    return (
        QCoreApplication.translate("SearchPanel", "in 1 document")
        if n == 1
        else QCoreApplication.translate("SearchPanel", "in {n} documents").format(n=n)
    )


def total_text(results: SearchResults) -> str:
    return str(results.total) if results.total_exact else f"≈{results.total}"


def status_text(results: SearchResults, query: str, model: GroupedResultsModel, *, more: bool, loading: bool) -> str:
    """E.g. "52 matching passages in 5 documents", or "50 of 52 … shown · scroll for more" while paging;
    what the engine says about the query (not understood, a word ignored) follows the count."""
    note = results.message
    if not results.query_understood:
        note = QCoreApplication.translate("SearchPanel", "Query not understood: {message}").format(
            message=results.message
        )
    if not model.hits:
        line = QCoreApplication.translate("SearchPanel", "No hits for “{query}”.").format(query=query)
    elif more:
        line = QCoreApplication.translate(
            "SearchPanel", "{shown} of {total} matching passages shown, {documents}"
        ).format(shown=len(model.hits), total=total_text(results), documents=documents_text(len(model.groups)))
        line += " · " + (
            QCoreApplication.translate("SearchPanel", "loading more…")
            if loading
            else QCoreApplication.translate("SearchPanel", "scroll for more")
        )
    else:
        line = f"{passages_text(len(model.hits))} {documents_text(len(model.groups))}"
    return f"{line} · {note}" if note else line
