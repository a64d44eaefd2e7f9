"""One citation for copying and export; locations a reader can find again; a selection's language."""

from __future__ import annotations

from dataclasses import replace

from viewer.core.bookmarks.citing import CiteWords, cite, locate, location_text
from viewer.core.bookmarks.creating import new_bookmark
from viewer.core.bookmarks.export import to_markdown
from viewer.core.corpus.model import PassageKind


def test_a_citation_leaves_out_what_is_not_known(corpus):
    project = corpus.get("project").meta
    text = cite(project)
    assert text.startswith("Pathways to work") and "n.d." not in text and "Unknown" not in text
    assert ".." not in text and not text.startswith(".")
    imported = replace(project, title="Intervjunotater.", provenance="/home/kari/notater/intervju.md", extra={})
    assert cite(imported) == "Intervjunotater. intervju.md"
    dated = replace(imported, year=2021)
    assert cite(dated, emphasis="*") == "*Intervjunotater* (2021). intervju.md"
    thesis = corpus.get("thesis").meta
    assert cite(thesis).startswith("Bakkeli, Vidar (2022). Implementing Evidence-Based Activation Work")
    assert cite(thesis).endswith(". https://hdl.handle.net/11250/3045430")


def test_locations_name_the_group_or_heading_and_the_paragraph(corpus):
    thesis = corpus.get("thesis")
    second_nb = thesis.groups()["abstract.nb"][1]
    words = CiteWords(paragraph="avsnitt {n}", group=lambda g: {"abstract.nb": "Sammendrag · bokmål"}.get(g, g))
    assert location_text(locate(thesis, second_nb.start + 3), words) == "Sammendrag · bokmål, avsnitt 2"
    slides = corpus.get("slides")
    heading_index = next(i for i, p in enumerate(slides.passages) if p.kind is PassageKind.HEADING and i > 3)
    after = next(
        p for p in slides.passages[heading_index + 1 :] if not p.low_value and p.kind is not PassageKind.HEADING
    )
    where = location_text(locate(slides, after.start))
    assert where.startswith("“") and where.endswith("paragraph 1"), where


def test_markdown_export_cites_a_human_location_not_an_id(corpus):
    thesis = corpus.get("thesis")
    passage = thesis.groups()["abstract.en"][0]
    bookmark = new_bookmark(thesis, passage_id=passage.id)
    text = to_markdown([bookmark], lambda doc_id: corpus.get(doc_id))
    assert "[thesis:" not in text and passage.id not in text
    assert "*Implementing Evidence-Based Activation Work" in text and "Abstract (en), paragraph 1." in text


def test_a_selection_starting_before_a_bokmal_passage_is_bokmal(corpus):
    """A triple click selects from the gap before a passage: the bookmark still takes its language."""
    news = corpus.get("news")
    nb = [p for p in news.passages if p.lang.value == "nb" and not p.low_value and len(p.text) > 80]
    passage = next(p for p in nb if p.start > 0 and not news.text[p.start - 1].strip())
    gap = passage.start - 1
    bookmark = new_bookmark(news, start=gap, end=passage.start + 40)
    assert bookmark.lang == "nb" and bookmark.anchor.passage_id == passage.id
