"""TMX: safe reading, language codes, export valid against the TMX 1.4b DTD, and the round trip."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.import_samples import make_tmx
from viewer import __version__
from viewer.core.align.tmx import PairRow, TmxError, normalise_lang, pair_rows, parse_tmx, write_tmx, write_tsv
from viewer.core.library.importers import build_imported

DTD = Path(__file__).resolve().parents[1] / "data" / "tmx" / "tmx14.dtd"


def validate(text: str) -> None:
    from lxml import etree  # test-only use; python-docx already depends on lxml

    dtd = etree.DTD(str(DTD))
    root = etree.fromstring(text.encode("utf-8"), etree.XMLParser(load_dtd=False, no_network=True))
    assert dtd.validate(root), dtd.error_log.filter_from_errors()


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", "en"),
        ("en-US", "en"),
        ("EN_gb", "en"),
        ("nb", "nb"),
        ("nb-NO", "nb"),
        ("no", "nb"),
        ("nob", "nb"),
        ("nn", "nn"),
        ("nn-NO", "nn"),
        ("nno", "nn"),
        ("de-DE", "de"),
    ],
)
def test_language_codes_are_normalised(code, expected):
    assert normalise_lang(code) == expected


def test_thesis_abstract_pairs_export_as_valid_tmx(corpus):
    rows = pair_rows([corpus.get("thesis")])
    assert len(rows) >= 20 and {(r.source_lang, r.target_lang) for r in rows} == {("en", "nb")}
    text = write_tmx(rows, __version__)
    validate(text)
    assert 'srclang="en"' in text and 'xml:lang="nb"' in text and '<prop type="x-document">thesis</prop>' in text


def test_export_of_awkward_text_stays_valid(tmp_path):
    rows = [PairRow("d", "en", "nn", 'A <tag> & "quotes"\x0b and a \x00 control', "Ein ]]> tekst\twith tab")]
    text = write_tmx(rows, "0.1")
    validate(text)
    units, _ = parse_tmx(text.encode(), "x")
    assert units[0].segments == {"en": 'A <tag> & "quotes" and a control', "nn": "Ein ]]> tekst with tab"}


def test_round_trip_export_then_import_gives_the_same_pairs(corpus):
    rows = pair_rows([corpus.get("thesis")])
    data = write_tmx(rows, __version__).encode("utf-8")
    document = build_imported("x/thesis-pairs", data, Path("thesis-pairs.tmx"), "x")
    again = pair_rows([document])
    clean = [(" ".join(r.source.split()), " ".join(r.target.split())) for r in rows]
    assert [(r.source, r.target) for r in again] == clean
    assert {(r.source_lang, r.target_lang) for r in again} == {("en", "nb")}


def test_tsv_has_a_header_and_one_line_per_pair(corpus):
    rows = pair_rows([corpus.get("thesis")])
    lines = write_tsv(rows).splitlines()
    assert lines[0] == "doc_id\tsource_lang\ttarget_lang\tsource\ttarget"
    assert len(lines) == len(rows) + 1 and all(line.count("\t") == 4 for line in lines)


def test_entity_declarations_are_refused():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;">]><tmx version="1.4"><header/><body><tu><tuv xml:lang="en">'
        b"<seg>&c;</seg></tuv></tu></body></tmx>"
    )
    with pytest.raises(TmxError, match="entities"):
        parse_tmx(bomb)
    external = (
        b'<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<tmx version="1.4"><body><tu><tuv xml:lang="en"><seg>&x;</seg></tuv></tu></body></tmx>'
    )
    with pytest.raises(TmxError, match="entities"):
        parse_tmx(external)


def test_older_tmx_lang_attribute_inline_codes_and_a_third_language():
    data = (
        b'<tmx version="1.1"><header/><body>'
        b'<tu><tuv lang="EN-US"><seg>Press <bpt i="1">&lt;b&gt;</bpt>Start<ept i="1">&lt;/b&gt;</ept>.</seg></tuv>'
        b'<tuv lang="NO"><seg>Trykk <hi>Start</hi>.</seg></tuv><tuv lang="de"><seg>Start.</seg></tuv></tu>'
        b"</body></tmx>"
    )
    units, _ = parse_tmx(data)
    assert units[0].segments == {"en": "Press Start.", "nb": "Trykk Start.", "de": "Start."}
    document = build_imported("x/t", data, Path("t.tmx"), "x")
    assert any("also holds de" in w for w in document.warnings)
    assert [(r.source, r.target) for r in pair_rows([document])] == [("Press Start.", "Trykk Start.")]


def test_not_tmx_is_a_clear_error():
    with pytest.raises(TmxError, match="not well-formed"):
        parse_tmx(b"<tmx><body><tu>")
    with pytest.raises(TmxError, match="root element is <html>"):
        parse_tmx(b"<html><body/></html>")


def test_a_unit_missing_one_side_is_kept_as_text_but_not_paired():
    data = make_tmx([("Hello there.", "Hei der."), ("Only English here.", "")])
    document = build_imported("x/m", data, Path("m.tmx"), "x")
    assert "Only English here." in document.text
    assert [(r.source, r.target) for r in pair_rows([document])] == [("Hello there.", "Hei der.")]


def test_the_dtd_check_itself_rejects_a_header_without_srclang():
    text = write_tmx([PairRow("d", "en", "nb", "Yes.", "Ja.")], "0.1").replace(' srclang="en" datatype', " datatype")
    with pytest.raises(AssertionError):
        validate(text)
