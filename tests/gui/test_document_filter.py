"""The document filter at library size (issue 16): headed by collection when there are several,
found by typing any part of a title, and typed text that names nothing gives way to the choice."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt

from viewer.ui.search_filters import DocumentFilter, fill_documents


def library_of(corpus, n=300):
    base = corpus.get("news")
    towns = ("Drammen", "Bergen", "Tromsø")
    made = [
        dataclasses.replace(
            base,
            id=f"rapporter/r{i:03d}",
            collection="rapporter",
            meta=dataclasses.replace(base.meta, title=f"Rapport {i:03d} om oppfølging i {towns[i % 3]}"),
        )
        for i in range(n)
    ]
    return [*corpus.documents, *made]


def test_documents_are_headed_by_collection_and_headings_cannot_be_chosen(qtbot, corpus):
    combo = DocumentFilter()
    qtbot.addWidget(combo)
    documents = library_of(corpus)
    fill_documents(combo, documents)
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert texts[0] == "All documents" and texts[1] == f"Bundled corpus ({len(corpus.documents)})"
    heading = texts.index("rapporter (300)")
    assert combo.count() == len(documents) + 3
    assert not combo.model().item(heading).flags() & Qt.ItemFlag.ItemIsSelectable
    assert texts[heading + 1] < texts[heading + 2]  # titles in order within a collection
    fill_documents(combo, corpus.documents)  # one collection: no heading
    assert combo.count() == len(corpus.documents) + 1 and "Bundled corpus" not in combo.itemText(1)


def test_headings_take_the_collection_names_the_caller_gives(qtbot, corpus):
    combo = DocumentFilter()
    qtbot.addWidget(combo)
    fill_documents(combo, library_of(corpus, 4), {"rapporter": "Rapporter fra NAV 2024", "bundled": "ignored"})
    headings = [combo.itemText(i) for i in range(combo.count()) if not combo.itemData(i)][1:]
    assert headings == [f"Bundled corpus ({len(corpus.documents)})", "Rapporter fra NAV 2024 (4)"]


def test_typing_part_of_a_title_finds_it_and_chooses_it(qtbot, corpus):
    combo = DocumentFilter()
    qtbot.addWidget(combo)
    combo.show()
    fill_documents(combo, library_of(corpus))
    chosen = []
    combo.currentIndexChanged.connect(lambda _i: chosen.append(combo.currentData()))
    completer = combo.completer()
    completer.setCompletionPrefix("142 om oppf")  # what the user typed, any part of the title
    assert completer.completionCount() == 1
    completer.activated[str].emit(completer.currentCompletion())
    assert chosen == ["rapporter/r142"] and combo.currentText().startswith("Rapport 142")
    completer.setCompletionPrefix("tromsø")
    assert completer.completionCount() == 100  # case does not matter, Norwegian letters neither


def test_text_that_names_no_document_gives_way_to_the_current_choice(qtbot, corpus):
    combo = DocumentFilter()
    qtbot.addWidget(combo)
    combo.show()
    fill_documents(combo, library_of(corpus, 10))
    combo.setCurrentIndex(combo.findData("thesis"))
    combo.setEditText("no such report")
    combo.lineEdit().editingFinished.emit()
    assert combo.currentData() == "thesis" and combo.currentText() == combo.itemText(combo.currentIndex())


def test_a_cleared_box_means_all_documents_again(qtbot, corpus):
    combo = DocumentFilter()
    qtbot.addWidget(combo)
    combo.show()
    fill_documents(combo, library_of(corpus, 10))
    combo.setCurrentIndex(combo.findData("thesis"))
    chosen = []
    combo.currentIndexChanged.connect(lambda _i: chosen.append(combo.currentData()))
    combo.setEditText("  ")  # what was there deleted (or the clear button pressed)
    combo.lineEdit().editingFinished.emit()
    assert chosen == [""] and combo.currentText() == "All documents"
    assert combo.lineEdit().isClearButtonEnabled()


def test_a_first_fill_with_several_collections_chooses_all_documents(qtbot, corpus):
    combo = DocumentFilter()  # as at start-up with imported texts: never filled before
    qtbot.addWidget(combo)
    fill_documents(combo, library_of(corpus, 3))
    assert combo.currentIndex() == 0 and combo.currentData() == "" and combo.currentText() == "All documents"


def test_shared_titles_say_their_file_and_a_collection_name_finds_its_documents(qtbot, corpus):
    combo = DocumentFilter()
    qtbot.addWidget(combo)
    documents = library_of(corpus, 6)
    same = [
        dataclasses.replace(d, meta=dataclasses.replace(d.meta, title="Keywords: Trailing")) for d in documents[-2:]
    ]
    fill_documents(combo, [*documents[:-2], *same], {"rapporter": "Mine rapporter"})
    texts = [combo.itemText(i) for i in range(combo.count())]
    assert "Keywords: Trailing (r004)" in texts and "Keywords: Trailing (r005)" in texts
    completer = combo.completer()
    completer.setCompletionPrefix("mine rapp")  # the collection's name lists its documents
    assert completer.completionCount() == 6
    completer.setCompletionPrefix("trailing")
    found = [completer.completionModel().index(i, 0).data() for i in range(completer.completionCount())]
    assert found == ["Keywords: Trailing (r004) · Mine rapporter", "Keywords: Trailing (r005) · Mine rapporter"]
    chosen = []
    combo.currentIndexChanged.connect(lambda _i: chosen.append(combo.currentData()))
    completer.activated[str].emit(found[1])
    assert chosen == ["rapporter/r005"]
