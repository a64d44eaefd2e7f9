"""Markup left in imported texts (`# ` headings, `*emphasis*`) is shown clean side by side and never
reaches a translation unit, as the reader shows the text (found in a first-use trial: the
side-by-side rows and `export-pairs` carried `#` and `*`)."""

from __future__ import annotations

from viewer.core.align.document import AlignedPair
from viewer.core.align.tmx import Exported
from viewer.core.library.library import Library
from viewer.core.workspace import Workspace
from viewer.ui.pair_cells import runs

EN = """# Follow-up of young job seekers

*Annual report 2023, by Ingrid Solberg.*

The office met every young job seeker within two weeks. Most of them wanted work, not courses.
Employers were contacted before the first meeting. The follow-up lasted six months on average.
"""
NB = """# Oppfølging av unge arbeidssøkere

*Årsrapport 2023, av Ingrid Solberg.*

Kontoret møtte hver unge arbeidssøker innen to uker. De fleste ville ha arbeid, ikke kurs.
Arbeidsgivere ble kontaktet før det første møtet. Oppfølgingen varte i gjennomsnitt seks måneder.
"""


def test_a_cell_shows_its_text_clean_with_the_match_marked():
    text = "# Follow-up of *young* job seekers\n\nOther"
    assert runs(text, (0, 34), [(16, 21)]) == [("Follow-up of ", False), ("young", True), (" job seekers", False)]
    assert runs("plain text here", (0, 15), [(6, 10)]) == [("plain ", False), ("text", True), (" here", False)]


def test_translation_units_carry_no_markup():
    exported = Exported()
    exported.add("d", "en", "nb", "# Title *here*", "# Tittel *her*", [AlignedPair((0, 14), (0, 14), 1.0)])
    assert [(r.source, r.target) for r in exported.rows] == [("Title here", "Tittel her")]


def test_imported_markdown_translations_export_clean(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "report-en.md").write_text(EN, encoding="utf-8")
    (folder / "rapport-nb.md").write_text(NB, encoding="utf-8")
    library = Library(tmp_path / "collections.sqlite3", tmp_path / "documents.sqlite3")
    with Workspace(library, library.corpus()) as workspace:
        workspace.import_paths([folder])
        en = next(d.id for d in workspace.corpus.documents if d.id.endswith("report-en"))
        nb = next(d.id for d in workspace.corpus.documents if d.id.endswith("rapport-nb"))
        workspace.pair_add(en, nb)
        rows = workspace.aligned_rows(en)
        assert rows and any("Follow-up of young job seekers" in r.source for r in rows)
        assert not any(mark in r.source + r.target for r in rows for mark in ("# ", "*"))
