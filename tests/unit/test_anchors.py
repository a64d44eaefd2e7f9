"""Anchors found again after the document text changes, on real corpus text: ok, moved or orphaned."""

from __future__ import annotations

import pytest

from viewer.core.corpus.anchors import AnchorStatus, make_anchor, resolve


@pytest.fixture(scope="module")
def thesis(corpus):
    return corpus.get("thesis")


def anchor_on(document, needle: str):
    start = document.text.index(needle)
    return make_anchor(document.id, document.text, start, start + len(needle))


QUOTE = "Individual Placement and Support (IPS) was implemented in street-level activation services"


def test_unchanged_text_is_ok_at_the_same_place(thesis):
    anchor = anchor_on(thesis, QUOTE)
    found = resolve(anchor, thesis.text)
    assert (found.status, found.start, found.end) == (AnchorStatus.OK, anchor.start, anchor.end)
    assert anchor.prefix == thesis.text[anchor.start - 32 : anchor.start]
    assert anchor.suffix == thesis.text[anchor.end : anchor.end + 32]


def test_insertion_before_the_quote_moves_it(thesis):
    anchor = anchor_on(thesis, QUOTE)
    inserted = "A new preface paragraph, added in a later edition of the record.\n\n"
    text = inserted + thesis.text
    found = resolve(anchor, text)
    assert found.status is AnchorStatus.MOVED
    assert text[found.start : found.end] == QUOTE
    assert found.start == anchor.start + len(inserted)


def test_insertion_inside_the_quote_is_found_fuzzily(thesis):
    anchor = anchor_on(thesis, QUOTE)
    cut = anchor.start + QUOTE.index(" was")
    text = thesis.text[:cut] + " model" + thesis.text[cut:]
    found = resolve(anchor, text)
    assert found.status is AnchorStatus.MOVED
    assert found.start == anchor.start
    assert text[found.start : found.end] == QUOTE.replace("(IPS) was", "(IPS) model was")


def test_small_edits_inside_a_long_quote(thesis):
    # A whole passage (longer than the 64 characters Bitap matches in one go), with two typos fixed
    # and a word changed, after an insertion before it.
    passage = thesis.passage("thesis:012")
    anchor = make_anchor(thesis.id, thesis.text, passage.start, passage.end)
    edited = passage.text.replace("frontline", "front-line", 1).replace("complex", "complicated", 1)
    text = "Preface.\n" + thesis.text[: passage.start] + edited + thesis.text[passage.end :]
    found = resolve(anchor, text)
    assert found.status is AnchorStatus.MOVED
    assert found.start == passage.start + len("Preface.\n")
    assert text[found.start : found.end] == edited


def test_short_quote_uses_context_to_pick_the_right_occurrence(thesis):
    # "and" occurs dozens of times; the anchor must land on the occurrence whose context matches.
    outer = anchor_on(thesis, QUOTE)
    start = outer.start + QUOTE.index(" and ") + 1
    inner = make_anchor(thesis.id, thesis.text, start, start + 3)
    assert inner.exact == "and" and thesis.text.count("and") > 20
    text = "and so on, and so forth. " + thesis.text
    found = resolve(inner, text)
    assert found.status is AnchorStatus.MOVED
    assert found.start == inner.start + len("and so on, and so forth. ")


def test_whole_document_replacement_orphans_but_keeps_the_anchor(corpus, thesis):
    anchor = anchor_on(thesis, QUOTE)
    found = resolve(anchor, corpus.get("news").text)
    assert found.status is AnchorStatus.ORPHANED
    assert (found.start, found.end, found.exact) == (anchor.start, anchor.end, QUOTE)


def test_short_quote_is_found_in_a_new_document_only_with_its_context(thesis):
    anchor = anchor_on(thesis, "(NAV)")
    unrelated = "Vi ringte (NAV) i går, men ingen svarte.\n"
    assert resolve(anchor, unrelated).status is AnchorStatus.ORPHANED
    # The same words with the same context in a different text (as the article has) are found.
    related = "Intro. The Norwegian Labour and Welfare Administration (NAV), this dissertation examines"
    found = resolve(anchor, related)
    assert found.status is AnchorStatus.MOVED and related[found.start : found.end] == "(NAV)"


def test_unicode_quote_survives_an_edit():
    text = "Innledning.\n«Æ, ø og å» er bokstaver 🎉 som teller som ett tegn hver i Python. Slutt."
    start = text.index("«")
    end = text.index("Python") + len("Python")
    anchor = make_anchor("u", text, start, end)
    changed = "Ny tekst først. " + text.replace("bokstaver", "bokstavar")
    found = resolve(anchor, changed)
    assert found.status is AnchorStatus.MOVED
    assert changed[found.start : found.end] == "«Æ, ø og å» er bokstavar 🎉 som teller som ett tegn hver i Python"


def test_same_text_elsewhere_in_an_unrelated_document_is_still_found(thesis):
    # Exact long quotes are evidence on their own even when their context changed completely.
    anchor = anchor_on(thesis, QUOTE)
    text = "Something else entirely. " + QUOTE + ". The end."
    found = resolve(anchor, text)
    assert found.status is AnchorStatus.MOVED
    assert text[found.start : found.end] == QUOTE
