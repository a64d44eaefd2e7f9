"""The Norwegian Bokmål UI translation ships compiled, complete, and is chosen by the locale."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PySide6.QtCore import QCoreApplication, QLocale, QSettings

from viewer.core.paths import resources_dir
from viewer.ui.app import install_translation
from viewer.ui.main_window import MainWindow

TS = resources_dir() / "i18n" / "viewer_nb.ts"


def test_every_string_is_translated():
    tree = ET.parse(TS)
    unfinished = [m.find("source").text for m in tree.iter("message")
                  if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")]
    assert unfinished == []


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
