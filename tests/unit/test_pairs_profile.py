"""What a pair profile finds in a text: dates in the forms English and Norwegian write them (and not
inside longer numbers), numbers, names, and no unit for a run of letters that is not a word."""

from __future__ import annotations

from viewer.core.pairs.profile import _dates, anchors_of
from viewer.core.pairs.words import MAX_WORD, word_keys


def test_dates_in_every_written_form_meet_across_languages():
    english = "The board met on 2023-10-12, again on 12 October 2023 and on October 12th, 2023."
    norwegian = "Styret møttes 12.10.2023, og igjen 12. oktober 2023."
    assert {"d:2023-10-12", "d:10-12"} <= _dates(english) & _dates(norwegian)
    assert _dates("Rapporten kom i mars 2024.") == {"d:2024-03"}
    assert _dates("From 3/4/2021 on") == {"d:04-03", "d:2021-04-03"}  # day first, as Norwegian writes it


def test_a_date_inside_a_longer_number_or_version_is_none():
    assert _dates("serial 12023-10-12 and 112.10.2023") == set()
    assert _dates("version 1.12.10.2023") == set()  # a dot before the day: part of something longer
    assert _dates("99 October") == set() and _dates("32.01.2020") == set()  # no such day
    assert _dates("x2023-10-12") == {"d:2023-10-12", "d:10-12"}  # a letter before is a boundary


def test_anchors_are_numbers_names_and_links():
    text = "NAV i Tromsø svarte 1 200 brukere; se https://www.nav.no/rapport eller post@nav.no."
    anchors = anchors_of(text, [text])
    assert {"#1200", "n:nav", "u:nav.no/rapport", "@:post@nav.no"} <= anchors
    assert not any(a.startswith("#") and len(a) < 3 for a in anchors)  # one digit is no anchor


def test_a_run_of_letters_longer_than_a_word_has_no_unit():
    keys = word_keys()
    assert keys.unit("aktiveringsarbeidet", english=False) is not None
    assert keys.unit("a" * (MAX_WORD + 1), english=False) is None
    assert keys.unit("a" * 2_000_000, english=True) is None
