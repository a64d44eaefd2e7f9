"""Each importable format becomes a searchable Document with the text a reader sees, labelled by language."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.import_samples import make_docx, make_html, make_pdf, make_tmx
from viewer.core.align.document import align_document
from viewer.core.library.formats import Unusable, extract_html
from viewer.core.library.importers import build_imported

EN = "Activation work helps people who stand outside the labour market to find and keep a paid job."
NB = "Aktiveringsarbeid hjelper folk som står utenfor arbeidslivet med å finne og beholde en lønnet jobb."


def build(name: str, data: bytes):  # type: ignore[no-untyped-def]
    return build_imported(f"c/{Path(name).stem}", data, Path("/data") / name, "c")


def test_markdown_headings_become_title_and_paragraphs_keep_their_language():
    doc = build("notes.md", f"# Notes on work\n\n{EN}\n\n{NB}\n".encode())
    assert doc.title == "Notes on work" and doc.meta.kind == "markdown" and doc.collection == "c"
    langs = {p.text: p.lang.value for p in doc.passages}
    assert langs[EN] == "en" and langs[NB] == "nb"
    assert all(doc.text[p.start : p.end] == p.text for p in doc.passages)


def test_html_keeps_visible_text_and_drops_scripts_styles_and_navigation():
    doc = build("page.html", make_html("Arbeid først", [NB, EN]))
    text = " ".join(p.text for p in doc.passages)
    assert doc.title == "Arbeid først" and doc.meta.kind == "html"
    assert NB in text and EN in text
    for chrome in ("script text", "color", "Menu entry", "Cookie notice", "Site home"):
        assert chrome not in doc.text


def test_html_entities_lists_and_a_declared_legacy_charset():
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head><body>'
        "<h2>Tiltak &amp; st\xf8tte</h2><ul><li>F\xf8rste punkt<li>Andre punkt</ul></body></html>"
    )
    extracted = extract_html(page.encode("cp1252"), "legacy.html")
    assert extracted.text.split("\n\n") == ["# Tiltak & støtte", "- Første punkt", "- Andre punkt"]


def test_pdf_text_layer_is_read_page_by_page():
    doc = build("report.pdf", make_pdf([[EN[:50], EN[50:]], [NB]], title="A report"))
    assert doc.title == "A report" and doc.meta.kind == "pdf"
    assert EN in doc.text and NB in doc.text  # a hard-wrapped line is joined back into its paragraph
    assert {p.lang.value for p in doc.passages} >= {"en", "nb"}


def test_pdf_without_a_text_layer_is_unusable_with_the_reason():
    with pytest.raises(Unusable, match=r"no text layer \(scanned PDF\?\)"):
        build("scan.pdf", make_pdf([None, None]))


def test_docx_headings_paragraphs_lists_and_tables():
    doc = build(
        "memo.docx",
        make_docx(
            "Memo om tiltak",
            [NB, EN],
            bullets=["Første tiltak"],
            table=[["Tiltak", "Varighet"], ["Kurs", "Tre måneder"]],
        ),
    )
    assert doc.title == "Memo om tiltak" and doc.meta.authors == ("Test Author",)
    kinds = {p.text.lstrip("#- "): p.kind.value for p in doc.passages}
    assert kinds["Section one"] == "heading" and kinds[NB] == "paragraph"
    assert kinds["Første tiltak"] == "list_item" and "Tre måneder" in kinds


def test_broken_docx_and_pdf_are_unusable_not_crashes():
    with pytest.raises(Unusable, match="not a readable DOCX"):
        build("broken.docx", b"PK\x03\x04 this is not a zip archive")
    with pytest.raises(Unusable, match="not a readable PDF"):
        build("broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog")


def test_tmx_becomes_one_aligned_document_with_declared_languages_and_its_own_pairs():
    pairs = [(EN, NB), ("The office opens at nine.", "Kontoret åpner klokka ni."), ("Thanks.", "Takk.")]
    doc = build("memory.tmx", make_tmx(pairs, ("en-US", "no")))
    groups = doc.groups()
    assert [p.text for p in groups["tmx.en"]] == [a for a, _ in pairs]
    assert [p.text for p in groups["tmx.nb"]] == [b for _, b in pairs]
    assert {p.lang.value for p in groups["tmx.nb"]} == {"nb"}  # declared, even for "Takk."
    alignment = align_document(doc)
    assert alignment is not None and alignment.translated and alignment.languages == ("en", "nb")
    got = [(doc.text[p.source[0] : p.source[1]], doc.text[p.target[0] : p.target[1]]) for p in alignment.pairs]
    assert got == pairs
    assert all(p.source_ids and p.target_ids for p in alignment.pairs)
