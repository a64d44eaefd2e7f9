from __future__ import annotations

import re

import pytest

from viewer.core.corpus.noise import is_noise


@pytest.mark.parametrize(
    "text", ["9°C", ", 長", "63", "[7]", "*", "+", ".", "2", "REFE", "Advertisement", "□ Ja □ Delt 50/50 □ Ne", "   "]
)
def test_layout_junk_is_noise(text):
    assert is_noise(text)


@pytest.mark.parametrize(
    "text",
    ["Context", "NAV i ei ny tid", "Targeted groups: Immigrants, youth", "Publisert: 10.09.2020", "IPS-kvalitetsskala"],
)
def test_real_text_is_not_noise(text):
    assert not is_noise(text)


def _latin_letters(text: str) -> int:
    return sum(map(len, re.findall(r"[A-Za-zÀ-ÖØ-öø-ÿ]+", text)))


@pytest.mark.parametrize(
    "text",
    [
        "ąčę ŁŃ 42",  # letters beyond Latin-1 are not counted: 0 < 3
        "Øy — «ÆØÅ» … “x” 12",
        "Ærlig talt, dette er en setning med æøå og – tankestrek.",
        "長長長 ab 長長長長長長長",
        "■ ■ Ja",
        "%%%% ab %%%%% 1234",
        "№№ Åø 1",
    ],
)
def test_latin_letters_are_counted_as_the_pattern_counts_them(text):
    """The count read from Latin-1 bytes is the pattern's, around characters beyond Latin-1."""
    from viewer.core.corpus import noise

    stripped = text.strip()
    latin = stripped.encode("latin-1", "ignore")
    assert len(latin.translate(None, noise._NOT_LETTER)) == _latin_letters(stripped)
    if _latin_letters(stripped) < 3:
        assert is_noise(text)


def test_wide_text_is_still_tested_for_checkboxes_and_cjk():
    assert is_noise("☐ Ja ☐ Nei, takk for sist og velkommen tilbake")  # two boxes in a long line
    assert is_noise("東京 ab")
    assert not is_noise("Tromsø – «Nordens Paris» – ligger langt nord.")
