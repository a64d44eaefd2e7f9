"""Browsing a library of thousands of documents: the list lays out only the entries it shows,
takes more as it is scrolled, and a long title still gets the height it needs (issue 16)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QStyleOptionViewItem

from viewer.core.corpus.model import Document
from viewer.ui.models import ITEM_ROLE, DocumentEntry, RichTextDelegate
from viewer.ui.results_model import GroupedResultsModel
from viewer.ui.search_panel import SearchPanel

COUNT = 2500


def _library(corpus) -> list[Document]:
    base = corpus.documents
    docs = [replace(base[i % len(base)], id=f"doc{i}", collection="many") for i in range(COUNT)]
    long_title = "A report whose title runs on and on " * 8
    docs[3] = replace(docs[3], meta=replace(docs[3].meta, title=long_title))
    return docs


def test_only_the_shown_entries_are_laid_out_and_more_come_on_scrolling(qtbot, corpus, monkeypatch):
    laid_out: list[str] = []
    lay_out = RichTextDelegate._document

    def counted(self, option, index, selected=False):  # type: ignore[no-untyped-def]
        laid_out.append(index.data(ITEM_ROLE).document.id)
        return lay_out(self, option, index, selected)

    monkeypatch.setattr(RichTextDelegate, "_document", counted)
    documents = _library(corpus)
    panel = SearchPanel(documents)
    qtbot.addWidget(panel)
    panel.resize(500, 800)
    panel.show()
    qtbot.waitExposed(panel)
    model, view = panel.model, panel.results
    first = model.rowCount()
    assert GroupedResultsModel.ENTRIES_AT_ONCE <= first <= 3 * GroupedResultsModel.ENTRIES_AT_ONCE < COUNT
    assert [e.document.id for e in model.items] == [d.id for d in documents]  # every entry, shown or not
    assert len(set(laid_out)) < 40  # the rows on screen (and the one that sets the usual height)
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())  # one scroll to the end brings more, not all
    qtbot.waitUntil(lambda: model.rowCount() > first, timeout=5_000)
    assert model.rowCount() < COUNT
    far = model.index_of(DocumentEntry(documents[COUNT - 1]))
    assert far.isValid() and model.rowCount() == COUNT and model.item(far).document.id == f"doc{COUNT - 1}"
    assert not model.canFetchMore(QModelIndex())


def test_an_entry_that_wraps_gets_its_own_height_once_painted(qtbot, corpus):
    panel = SearchPanel(_library(corpus))
    qtbot.addWidget(panel)
    panel.resize(420, 800)
    panel.show()
    qtbot.waitExposed(panel)
    view, model = panel.results, panel.model
    delegate = view.itemDelegate()
    usual, long_row = model.index(2, 0), model.index(3, 0)

    def real(index):  # type: ignore[no-untyped-def]  # the height its rich text takes, laid out
        option = QStyleOptionViewItem()
        view.initViewItemOption(option)
        return RichTextDelegate.sizeHint(delegate, option, index).height()

    qtbot.waitUntil(lambda: view.visualRect(long_row).height() == real(long_row))
    assert view.visualRect(long_row).height() > view.visualRect(usual).height() == real(usual)
