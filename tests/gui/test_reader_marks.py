"""The reader shows markup clean with offsets kept exact, marks bookmarks visibly, jumps to a
bookmark without calling it a match or spilling onto the next passage, and copies with the one
citation the exports use."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QTextCursor

from viewer.core.bookmarks.creating import new_bookmark
from viewer.ui.reader import ReaderView
from viewer.ui.reader_marks import bookmark_tint, marks_in


def reader_on(qtbot, corpus, doc_id, bookmarked=None) -> ReaderView:
    reader = ReaderView()
    qtbot.addWidget(reader)
    reader.resize(900, 700)
    reader.show()
    reader.show_document(corpus.get(doc_id), bookmarked)
    return reader


def select(reader, start, end):
    cursor = QTextCursor(reader.browser.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    reader.browser.setTextCursor(cursor)


def test_markup_is_shown_clean_and_offsets_stay_exact(qtbot, corpus):
    reader = reader_on(qtbot, corpus, "slides")
    shown = reader.browser.toPlainText()
    assert "<u>" not in shown and "</u>" not in shown and "*Social Policy" not in shown
    assert "Oslo 12. october20-3" in shown and "Social Policy & Administration, 56(1)" in shown
    slides = corpus.get("slides")
    word = slides.text.index("ctober20-3")
    position = reader.offset_to_position(word)
    assert shown[position : position + 10] == "ctober20-3"
    assert reader.position_to_offset(position) == word
    # Selecting the shown "october20-3" selects the stored text, markup and all.
    select(reader, reader.offset_to_position(word - 4), reader.offset_to_position(word + 10, end=True))
    start, end = reader.selection_range()
    assert slides.text[start:end] == "o<u>ctober20-3"
    cursor = reader.browser.textCursor()
    cursor.setPosition(position + 2)
    assert cursor.charFormat().fontUnderline()


def test_bookmarked_text_is_highlighted_and_its_passage_marked(qtbot, corpus):
    news = corpus.get("news")
    passage = next(p for p in news.passages if p.lang.value == "nb" and len(p.text) > 120)
    bookmark = new_bookmark(news, start=passage.start + 10, end=passage.start + 60)
    reader = reader_on(qtbot, corpus, "news", marks_in(news, [bookmark]))
    assert reader.browser.toPlainText().count("★") == 1
    tint = bookmark_tint().name()
    highlighted = [s for s in reader.browser.extraSelections() if s.format.background().color().name() == tint]
    assert len(highlighted) == 1
    assert highlighted[0].cursor.selectedText() == news.text[passage.start + 10 : passage.start + 60]


def test_jumping_to_a_bookmark_is_not_a_match_and_stays_in_its_passage(qtbot, corpus):
    thesis = corpus.get("thesis")
    passage = thesis.groups()["abstract.en"][0]
    reader = reader_on(qtbot, corpus, "thesis")
    seen = []
    reader.hit_changed.connect(lambda index, count: seen.append((index, count)))
    reader.show_bookmark(passage.start, passage.end)
    assert seen == [(-1, 0)]  # the pane clears its "match i of n"
    drawn = reader.browser.extraSelections()
    jumped = drawn[-1].cursor
    assert jumped.selectedText().replace("\u2029", "\n") == passage.text  # nothing of the next passage
    assert reader.current_passage() == passage


def test_a_triple_clicked_passage_starts_at_its_text(qtbot, corpus):
    """A selection from the start of a passage's line (before its badge) is the passage's text."""
    thesis = corpus.get("thesis")
    passage = thesis.groups()["abstract.nb"][0]
    reader = reader_on(qtbot, corpus, "thesis")
    block = reader.browser.document().findBlock(reader.offset_to_position(passage.start))
    select(reader, block.position(), block.position() + block.length() - 1)
    assert reader.selection_range() == (passage.start, passage.end)


def test_copy_with_citation_uses_the_export_citation_without_noise(qtbot, corpus):
    reader = reader_on(qtbot, corpus, "project")
    project = corpus.get("project")
    passage = next(p for p in project.passages if p.kind.value == "paragraph" and not p.low_value)
    select(reader, reader.offset_to_position(passage.start), reader.offset_to_position(passage.end, end=True))
    text = reader.copy_with_citation()
    assert QGuiApplication.clipboard().text() == text
    citation = text.split("\n— ", 1)[1]
    assert citation.startswith(project.meta.title.rstrip("."))
    assert "n.d." not in citation and "Unknown author" not in citation and ".." not in citation
    assert "paragraph" in citation
    header = reader.browser.toPlainText()[:400]
    assert "Unknown author" not in header and "n.d." not in header


def test_imported_markdown_reads_clean_and_cites_like_the_export(qtbot):
    from pathlib import Path

    from viewer.core.bookmarks.export import to_markdown
    from viewer.core.library.importers import build_imported

    text = (
        "# Intervjunotater\n\n> Vi får mer tid nå, sier *jobbspesialisten*.\n\n"
        "Dette er **viktig** for <u>oppfølgingen</u>.\n"
    )
    document = build_imported("notes/n", text.encode(), Path("/home/kari/notater/intervju.md"), "notes")
    reader = ReaderView()
    qtbot.addWidget(reader)
    reader.show_document(document)
    shown = reader.browser.toPlainText()
    assert "Vi får mer tid nå, sier jobbspesialisten." in shown and "Dette er viktig for oppfølgingen." in shown
    assert not any(marker in shown for marker in ("# ", "> ", "*", "<u>"))
    quote = next(p for p in document.passages if "viktig" in p.text)
    select(reader, reader.offset_to_position(quote.start), reader.offset_to_position(quote.end, end=True))
    copied = reader.copy_with_citation()
    assert copied.startswith("«Dette er viktig for oppfølgingen.»")
    assert copied.endswith("— Intervjunotater, paragraph 2. intervju.md")
    bookmark = new_bookmark(document, passage_id=quote.id)
    assert "*Intervjunotater*, paragraph 2. intervju.md" in to_markdown([bookmark], lambda _id: document)
