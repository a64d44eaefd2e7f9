"""Reading user files: bad input gets one clear message, legacy encodings are decoded."""

from __future__ import annotations

import codecs

import pytest

from viewer.core.corpus.textio import read_text_file
from viewer.core.errors import CorpusError


def test_utf8_with_and_without_bom_and_crlf(tmp_path):
    plain = tmp_path / "a.txt"
    plain.write_bytes("Æ ø å\r\nline two\r\n".encode())
    bom = tmp_path / "b.txt"
    bom.write_bytes(codecs.BOM_UTF8 + "Æ ø å".encode())
    assert read_text_file(plain) == ("Æ ø å\nline two\n", [])
    assert read_text_file(bom) == ("Æ ø å", [])


def test_utf16_with_bom(tmp_path):
    path = tmp_path / "u16.txt"
    path.write_bytes("Nynorsk: ikkje berre".encode("utf-16"))
    assert read_text_file(path)[0] == "Nynorsk: ikkje berre"


def test_cp1252_is_decoded_with_a_warning(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes("Søknad om økonomisk sosialhjelp – «NAV»".encode("cp1252"))
    text, warnings = read_text_file(path)
    assert text == "Søknad om økonomisk sosialhjelp – «NAV»"
    assert len(warnings) == 1 and "Windows-1252" in warnings[0]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"  \n\n\t ", "empty"),
        (b"\x7fELF\x02\x01\x00\x00\x00", "binary"),
        (bytes(range(256)) * 4, "binary"),
    ],
)
def test_bad_files_give_one_clear_error(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(CorpusError, match=message) as info:
        read_text_file(path)
    assert "\n" not in str(info.value)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(CorpusError, match="no such file"):
        read_text_file(tmp_path / "nope.txt")
    with pytest.raises(CorpusError, match="folder"):
        read_text_file(tmp_path)
