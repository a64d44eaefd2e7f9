"""A reference's language is the language of its own text, not of the title translated in its
brackets: an English entry quoting a Norwegian title in brackets is English, a Norwegian title
with an English gloss is Norwegian (issue 17: the language of the matched text is what is shown)."""

from __future__ import annotations


def test_brackets_do_not_outvote_the_reference_around_them(corpus):
    article = corpus.get("article")
    english = {"article:030": "Ministry of Labour and Social Affairs (2012)", "article:031": "NAV in a new era"}
    for pid, opening in english.items():
        passage = article.passage(pid)
        assert opening in passage.text and "[Arbeids- og sosialdepartementet" in passage.text
        assert passage.lang.value == "en" and passage.confidence >= 0.9
    for pid in ("article:014", "article:016", "article:021"):  # Tittel [English gloss]
        passage = article.passage(pid)
        assert "[" in passage.text and passage.lang.value == "nb"
