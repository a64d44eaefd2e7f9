"""Markup left in stored text is shown clean, and every shown character still maps to its exact offset."""

from __future__ import annotations

from viewer.core.corpus.markup import Style, pieces, plain, render


def _styles(rendering, fragment):
    """The styles of the run that shows `fragment`."""
    for run in rendering.runs:
        if fragment in rendering.run_text(run):
            return run.styles
    raise AssertionError(f"{fragment!r} is not shown")


def test_the_slides_date_and_references_read_clean(corpus):
    slides = corpus.get("slides")
    date = next(p for p in slides.passages if "o<u>ctober" in p.text)
    shown = render(date.text, date.start)
    assert shown.text.endswith("Oslo 12. october20-3")
    assert Style.UNDERLINE in _styles(shown, "ctober20-3")
    reference = next(p for p in slides.passages if "*Social Policy & Administration*, 56(1)" in p.text)
    shown = render(reference.text, reference.start)
    assert "*" not in shown.text and "<u>" not in shown.text and "</u>" not in shown.text
    assert Style.EMPHASIS in _styles(shown, "Social Policy & Administration")
    assert Style.UNDERLINE in _styles(shown, "https://doi.org/10.1111/spol.12757")


def test_every_run_is_the_stored_text_at_its_offsets(corpus):
    """The view keeps offsets exact: each run is a verbatim slice of the document text."""
    for document in corpus.documents:
        for passage in document.passages:
            shown = render(passage.text, passage.start)
            for run in shown.runs:
                assert shown.run_text(run) == document.text[run.start : run.end]
            assert len(shown.text) <= len(passage.text)


def test_imported_markdown_quotes_headings_and_emphasis():
    text = "## Funn\n> Dette er et sitat\n> med **sterk** vekt og snake_case_navn, 2 * 3 * 4"
    shown = render(text)
    assert shown.text == "Funn\nDette er et sitat\nmed sterk vekt og snake_case_navn, 2 * 3 * 4"
    assert Style.QUOTE in _styles(shown, "Dette er et sitat")
    assert _styles(shown, "sterk") == {Style.QUOTE, Style.STRONG}
    assert Style.STRONG not in _styles(shown, "vekt")


def test_text_without_markup_is_one_plain_run():
    text = "Ingen markering her, bare tekst (og et - tegn)."
    shown = render(text, 40)
    assert [(r.start, r.end, r.styles) for r in shown.runs] == [(40, 40 + len(text), frozenset())]
    assert plain("- a list item * not emphasis") == "- a list item * not emphasis"


def test_offsets_map_both_ways_around_hidden_markers():
    text = "o<u>ctober</u> 20"
    shown = render(text, 100)
    assert shown.text == "october 20"
    assert shown.to_shown(100 + text.index("c")) == 1
    assert shown.to_shown(101) == 1  # inside "<u>": the next shown character
    assert shown.to_shown(101, end=True) == 1  # a span ending at "<u>" ends after "o"
    assert shown.to_source(1) == 100 + text.index("c")
    assert shown.to_source(7, end=True) == 100 + text.index("</u>")  # the end stays before "</u>"
    for index in range(len(shown.text)):
        assert shown.to_shown(shown.to_source(index)) == index


def test_snippet_pieces_keep_match_highlights_on_the_shown_words():
    text = "fra *Journal of Social Policy*, <u>https://doi.org/10.1017/x</u>"
    match = text.index("Journal"), text.index("Journal") + len("Journal")
    got = pieces(text, [match, (text.index("<u>"), text.index("<u>") + 3)])
    assert (
        "".join(piece for piece, _styles, _marked in got) == "fra Journal of Social Policy, https://doi.org/10.1017/x"
    )
    assert [piece for piece, _styles, marked in got if marked] == ["Journal"]
    assert all(Style.EMPHASIS in styles for piece, styles, _m in got if piece == "Journal")


def test_a_snippet_cut_inside_a_tag_pair_hides_the_stray_tag():
    assert plain("…0933</u> and more") == "…0933 and more"


def test_a_bulleted_arrow_in_the_slides_loses_its_marker_and_keeps_its_bullet(corpus):
    slides = corpus.get("slides")
    point = next(p for p in slides.passages if p.text.startswith("- > The individual citizen"))
    shown = render(point.text, point.start)
    assert shown.text.startswith("- The individual citizen")
    assert all(Style.QUOTE not in run.styles for run in shown.runs)
