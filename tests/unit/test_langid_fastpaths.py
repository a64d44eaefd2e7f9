"""The identifier's fast paths give what the general readings give, on the dev set's words and chunks."""

from __future__ import annotations

from pathlib import Path

import pytest

from viewer.core.language import enno, grams, scan
from viewer.core.language import ngrams as langmodel

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "tests" / "data" / "langid" / "dev.tsv"
MARKS = ["", ".", ",", ";", "(", ")", "«", "»", "'", "’", "-", ":", ",;", ".,", "(«", "...", "—", "“"]
WORDS = ["ord", "Ord", "OK", "A", "a", "Å", "doi", "Doi", "NAV", "ÆØÅ", "ß", "ikkje", "Ærlig"]


def _dev_texts() -> list[str]:
    return [ln.split("\t", 3)[3] for ln in DEV.read_text(encoding="utf-8").splitlines()[1:]]


def test_joined_grams_are_bit_for_bit_both_models() -> None:
    tables = grams.tables()
    reader = enno.profiles()
    words = {w for text in _dev_texts() for w in scan.scan(text).words} | {"x", "ab", "kjøre", "fôr"}
    plain = 0
    for word in sorted(words):
        read = tables.word(word)
        if read is None:
            assert not (word.isalpha() and word.islower() and max(word) < "\u0180"), word
            continue
        plain += 1
        assert tuple(read[:6]) == tuple(reader.word_grams(word)), word
        assert tables.model_score(word, read.model23) == langmodel.word_score(word), word
    assert plain > 0.9 * len(words)


@pytest.mark.parametrize("word", ["don't", "t.d.", "Ord", "ǆorsk", "日本"])
def test_words_that_are_not_plain_take_the_general_path(word: str) -> None:
    assert grams.tables().word(word) is None


def test_punctuated_chunks_read_as_the_general_reader_reads_them() -> None:
    pieces = {c for text in _dev_texts() for c in text.split(" ")}
    pieces |= {left + word + right for left in MARKS for word in WORDS for right in MARKS}
    pieces |= {"doi:", "(doi:", "DOI:", "www.", "http://", "a@b", "ord\n", "\tord", "Ord,Ord"}
    for piece in sorted(pieces):
        assert scan._read_chunk(piece) == scan._read_general(piece), piece
