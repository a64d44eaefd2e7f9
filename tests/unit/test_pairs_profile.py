"""What a pair profile finds in a text: dates in the forms English and Norwegian write them (and not
inside longer numbers), numbers, names, and no unit for a run of letters that is not a word; and
that the profile's fast paths (one scan for the month-first dates, the sentences read as one string
for names, their words shared with the text's) find what the plain reading finds."""

from __future__ import annotations

import re

from viewer.core.corpus.model import Passage, PassageKind, Sentence
from viewer.core.language.labels import Lang
from viewer.core.library.bundled import bundled_corpus
from viewer.core.pairs import dates as dates_module
from viewer.core.pairs import profile
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


# --- the fast paths find what the plain reading finds ---------------------------------------------


def _plain_matches(text: str):
    """Every date pattern's own finditer, the month names as one alternation (longest first)."""
    alternation = "|".join(sorted(dates_module.MONTHS, key=len, reverse=True))
    for pattern, order in dates_module._DATE_PATTERNS:
        plain = re.compile(pattern.pattern.replace(dates_module._MONTH, alternation), pattern.flags)
        for m in plain.finditer(text):
            yield m, order


def test_month_first_dates_are_found_where_their_own_scan_finds_them(monkeypatch):
    text = (
        "Mai 5. mai 2023, March 3rd, 2021 and Mars 12 then May. 7 sept 2020, Sept. 30, 2019; "
        "oktober 2023, in 2023 Dec 2022 december 12, marsh 12, xMay 5, May 55, mai  2024.\nJune\n4 "
        "12. desember 2020, 3 of March 2020, 2020-02-30, 1.2.2021"
    )
    found = dates_module.dates(text)
    assert {"d:05-05", "d:03-03", "d:2021-03-03", "d:2023-10", "d:2022-12", "d:12-12", "d:06-04"} <= found
    assert "d:05-55" not in found
    for piece in [text, *text.split(","), text.upper(), text.replace(" ", "\n")]:
        fast = dates_module.dates(piece)
        with monkeypatch.context() as patched:
            patched.setattr(dates_module, "_matches", _plain_matches)
            assert dates_module.dates(piece) == fast


def _reference_names(sentences: list[str]) -> set[str]:
    """Names read sentence by sentence, each without its links, the first word of each left out."""
    out: set[str] = set()
    for sentence in sentences:
        for i, word in enumerate(profile._WORD.findall(profile._without_links(sentence))):
            if not word[0].isupper() or len(word) < 2:
                continue
            acronym = word.isupper() and len(word) <= 8
            if (i > 0 or acronym) and word.lower() not in profile._SKIPPED and (key := profile.name_key(word)):
                out.add(key)
    return out


def test_names_of_joined_sentences_are_those_of_each_sentence():
    sentences = [
        "Oslo is where NRK and Per's team met.",
        "Bergen, not Oslo: see www.Example.org/Trondheim and kari@UiB.no.",
        "Tromsø",
        "Møtet i Tromsø var langt; NASA kom.",
        "l'Oslo ab'Cd Stavanger",
        "A sentence holding the separator \x1f Drammen",
    ]
    for chosen in (sentences[:5], sentences, sentences[1:2], ["", "Bodø Bodø"]):
        text = "\n\n".join(chosen)
        assert anchors_of(text, chosen) >= _reference_names(chosen)
        names = {a for a in anchors_of(text, chosen) if a.startswith("n:")}
        assert names == {a for a in _reference_names(chosen) if a.startswith("n:")}
    assert profile.name_key("Oslo") not in anchors_of("Oslo er fin.", ["Oslo er fin."])  # first words are not names
    assert profile.name_key("Oslo") in anchors_of("Oslo er fin. Bo i Oslo.", ["Oslo er fin.", "Bo i Oslo."])


def test_the_words_shared_with_the_names_are_the_texts_own_on_the_bundled_corpus():
    shared = 0
    for document in bundled_corpus().documents:
        side = profile._side(document)
        assert side is not None
        lang, passages = side
        sentences = [p.sentence_text(s) for p in passages for s in p.sentences]
        text = "\n\n".join(p.text for p in passages)
        if profile._tiles(passages):
            shared += 1
            words = profile._WORD.findall("\x1f".join(sentences))
            assert words == profile._WORD.findall(text)
            assert profile._units(text, lang == "en", words) == profile._units(text, lang == "en")
    assert shared >= 3


def test_sentences_that_touch_or_leave_text_out_do_not_cover_their_passage():
    def passage(text: str, spans: list[tuple[int, int]]) -> Passage:
        sentences = tuple(Sentence(f"p.{i}", s, e, Lang.EN, 1.0) for i, (s, e) in enumerate(spans))
        return Passage("d:000", "d", 0, 0, len(text), text, PassageKind.PARAGRAPH, Lang.EN, 1.0, sentences)

    assert profile._tiles([passage("One. Two.", [(0, 4), (5, 9)])])
    assert profile._tiles([passage(" One.  Two. ", [(1, 5), (7, 11)])])
    assert not profile._tiles([passage("OneTwo", [(0, 3), (3, 6)])])  # "OneTwo" is one word in the text
    assert not profile._tiles([passage("One. x Two.", [(0, 4), (7, 11)])])
    assert not profile._tiles([passage("One. Two", [(0, 4)])])
