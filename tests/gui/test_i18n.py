"""The Norwegian Bokmål UI translation ships compiled, complete, and is chosen by the locale."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QLocale, QSettings

from viewer.core.paths import resources_dir
from viewer.ui.app import install_translation
from viewer.ui.labels import citation, field_labels, group_name, kind_name, no_date
from viewer.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
TS = resources_dir() / "i18n" / "viewer_nb.ts"
QM = resources_dir() / "i18n" / "viewer_nb.qm"
# The sources scripts/update-translations hands to lupdate.
SOURCES = sorted((ROOT / "viewer" / "ui").glob("*.py"))


def qt_tool(name: str) -> str:
    """lupdate / lrelease as shipped inside the PySide6 wheel (what .venv/bin/pyside6-* run)."""
    tool = shutil.which(name, path=str(Path(PySide6.__file__).parent))
    assert tool, f"{name} not found in the PySide6 package"
    return tool


def messages(ts: Path) -> dict[tuple[str, str], tuple[str | None, str]]:
    """(context, source) -> (translation type, translation text) of every message in a .ts file."""
    out = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            translation = message.find("translation")
            out[(name, message.findtext("source"))] = (translation.get("type"), translation.text or "")
    return out


def test_every_string_is_translated(tmp_path):
    shipped = messages(TS)
    bad = {
        key: kind for key, (kind, text) in shipped.items() if kind in ("unfinished", "vanished", "obsolete") or not text
    }
    assert bad == {}
    # What lupdate finds in the code now (as scripts/update-translations runs it, into a copy): a
    # string the .ts never had, or one marked obsolete there although the code uses it, comes out
    # unfinished or without a translation.
    fresh_ts = tmp_path / "fresh.ts"
    shutil.copy(TS, fresh_ts)
    subprocess.run(
        [qt_tool("lupdate"), *map(str, SOURCES), "-ts", str(fresh_ts), "-no-obsolete", "-silent"],
        check=True,
        capture_output=True,
        timeout=60,
    )
    fresh = messages(fresh_ts)
    assert len(fresh) > 100  # the extraction did run over the UI sources
    untranslated = sorted(key for key, (kind, text) in fresh.items() if kind is not None or not text)
    assert untranslated == [], f"run scripts/update-translations and translate {untranslated} in viewer_nb.ts"


def test_the_shipped_qm_is_compiled_from_the_ts(tmp_path):
    compiled = tmp_path / "viewer_nb.qm"
    subprocess.run(
        [qt_tool("lrelease"), str(TS), "-qm", str(compiled), "-silent"], check=True, capture_output=True, timeout=60
    )
    assert compiled.read_bytes() == QM.read_bytes(), "recompile with scripts/update-translations"


def test_norwegian_locale_loads_the_translation(qapp, qtbot, tmp_path):
    assert not install_translation(qapp, QLocale("en_GB"))
    assert install_translation(qapp, QLocale("nb_NO"))
    try:
        assert QCoreApplication.translate("MainWindow", "Keyboard shortcuts") == "Hurtigtaster"
        window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        titles = [a.text() for a in window.menuBar().actions()]
        assert "&Fil" in titles and "&Bokmerker" in titles
    finally:
        qapp.removeTranslator(qapp._viewer_translator)
    assert QCoreApplication.translate("MainWindow", "Keyboard shortcuts") == "Keyboard shortcuts"


def test_the_reader_shows_the_record_in_bokmal(qapp, qtbot, tmp_path, corpus):
    thesis, project = corpus.get("thesis"), corpus.get("project")
    english = field_labels()
    assert install_translation(qapp, QLocale("nb_NO"))
    try:
        labels = field_labels()
        window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
        qtbot.addWidget(window)
        window.show()
        window.open_document(thesis)
        text = window.reader.browser.toPlainText()
        html = window.reader.browser.toHtml()
        assert "Veileder: Breit, Eric" in text and "Veileder: Andreassen, Tone Alm" in text
        assert "Forfatter: Bakkeli, Vidar" in text and "Utgitt: 2022" in text
        assert "Varig lenke: https://hdl.handle.net/11250/3045430" in text
        assert "Sammendrag · Engelsk" in text and "Sammendrag · Norsk bokmål" in text
        assert "Bakkeli, Vidar · 2022 · arkivpost" in text and "Lisens: CC BY-NC-ND 4.0" in text
        assert "Veileder:" in html
        # Every label the thesis shows is in Bokmål; no English label is left (ISBN, ISSN are both).
        shown = {p.label for p in thesis.passages} & english.keys()
        assert len(shown) >= 8
        for field in shown:
            assert f"{labels[field]}: " in text
            if labels[field] != english[field]:
                assert f"{english[field]}:" not in text and f"{english[field]}:" not in html
        for word in ("Abstract", "English", "repository record", "repository-record", "Licence:"):
            assert word not in text
        window.open_document(project)
        text = window.reader.browser.toPlainText()
        assert "Ukjent forfatter" not in text and "u.å." not in text  # only what is known is shown
        assert "u.å." not in citation(project) and "n.d." not in citation(project)
        assert not any(word in text for word in ("n.d.", "project page", "project-page", "Unknown author"))
    finally:
        qapp.removeTranslator(qapp._viewer_translator)
    # Without the translator the same code speaks English again.
    assert english["dc.contributor.advisor"] == "Advisor" and field_labels() == english
    assert (kind_name("project-page"), group_name("abstract"), no_date()) == ("project page", "Abstract", "n.d.")
    assert "n.d." not in citation(project) and citation(project).startswith("Pathways to work")
