"""A first-use import seen in the window: each progress line reads once, the bar moves through the
corpus update and the translations, the report gives the whole time and says what a stop left
undone, and "Stop importing" has a key of its own in the F1 table."""

from __future__ import annotations

import itertools
import re
import shutil
import threading
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QTableWidget

from viewer.core.library.importers import ImportReport
from viewer.ui.library_dialogs import ImportReportDialog

BUNDLED = Path(__file__).resolve().parents[2] / "viewer" / "corpus"


@pytest.fixture()
def window(library_window):
    return library_window


def texts_folder(tmp_path: Path, copies: int = 4) -> Path:
    """The bundled texts, each several times over in subfolders: a small first-use folder."""
    folder = tmp_path / "My texts"
    for n in range(copies):
        group = folder / f"group{n}"
        group.mkdir(parents=True)
        for text in sorted(BUNDLED.glob("*.txt")):
            shutil.copy(text, group / f"{text.stem}{n}.txt")
    return folder


def watch(win):
    """Every (bar value, status line) the window shows."""
    seen: list[tuple[int, str]] = []
    win.statusBar().messageChanged.connect(lambda text: seen.append((win.progress.value(), text)) if text else None)
    return seen


def run_import(qtbot, win, folder):
    reports = []
    win.library.report_ready.connect(lambda report, pairs: reports.append((report, pairs)))
    assert win.library_actions.import_paths([folder])
    qtbot.waitUntil(lambda: bool(reports), timeout=120_000)
    return reports[0]


def test_progress_lines_read_once_and_the_bar_moves_after_reading(qtbot, window, tmp_path):
    folder = texts_folder(tmp_path)
    seen = watch(window)
    report, _pairs = run_import(qtbot, window, folder)
    lines = [text for _value, text in seen]
    for line in lines:
        words = re.findall(r"[a-z]+", line.lower())
        assert all(a != b for a, b in itertools.pairwise(words)), line  # "Importing importing", "indexing: indexing"
        assert "import done" not in line.lower(), line
    total = len(report.imported)
    assert total == 20
    assert any(re.fullmatch(rf"Importing group\d/\w+\.txt \(\d+ of {total}\)", line) for line in lines), lines
    assert f"Importing group0/article0.txt (1 of {total})" in lines
    assert "Indexing passages" in lines
    assert "Adding the texts to the library" in lines  # the corpus update says what runs
    translating = [value for value, text in seen if text.startswith("Finding translations: ")]
    assert any(text.startswith("Finding translations: reading ") for _v, text in seen)
    assert "Finding translations: comparing the texts with one another" in lines
    assert translating and max(translating) - min(translating) >= 100  # of 1000: the bar moves meanwhile
    assert report.total_seconds > report.seconds > 0


def test_the_report_gives_the_whole_time_and_the_reading_time(qtbot, window, tmp_path):
    report, _pairs = run_import(qtbot, window, texts_folder(tmp_path, copies=1))
    dialog = window.library_actions.last_report_dialog
    assert dialog is not None
    details = dialog.details(report)
    assert f"{report.total_seconds:.1f} s in all (reading the files {report.seconds:.1f} s)" in details
    assert not report.pairs_pending


def test_stopping_while_translations_are_looked_for_says_so(qtbot, window, tmp_path, monkeypatch):
    workspace = window.workspace
    pressed = threading.Event()
    real = workspace.find_pairs

    def find_pairs_after_the_stop(progress=None, cancel=None, **kw):  # the stop comes during this step
        pressed.wait(30)
        return real(progress, cancel, **kw)

    monkeypatch.setattr(workspace, "find_pairs", find_pairs_after_the_stop)

    after: list[str] = []

    def on_line(text: str) -> None:
        if pressed.is_set():
            after.append(text)
        if text == "Adding the texts to the library" and not pressed.is_set():
            window.library_actions.stop_action.trigger()
            pressed.set()

    window.statusBar().messageChanged.connect(on_line)
    report, pairs = run_import(qtbot, window, texts_folder(tmp_path, copies=1))
    assert pressed.is_set() and report.pairs_pending and not report.cancelled
    # What still runs after the press says it is the stop's doing, not a new step of the import.
    steps = [t for t in after if t.startswith("Stopping, keeping what was read: ")]
    assert "Stopping, keeping what was read: Index ready" in steps, after
    assert len(report.imported) == 5  # reading was over: every text stays
    sentence = window.library_actions.last_report_dialog.sentence(report, pairs)
    assert sentence.startswith("5 new texts imported")
    assert sentence.count("stopped") == 1  # said once
    assert "looked for when the app next starts, or at the next import" in sentence
    # ... and that is what happens: the next start finds them (the corpus is not the one they were found on)
    assert workspace.pairing.store.state("corpus") != workspace.pairing._viewed(workspace.corpus).fingerprint


def test_a_report_without_tables_is_as_tall_as_its_text(qtbot):
    dialog = ImportReportDialog(ImportReport(imported=["a.txt", "b.txt"], seconds=1.2))
    qtbot.addWidget(dialog)
    dialog.show()
    content = dialog.layout().totalHeightForWidth(dialog.width())
    assert dialog.height() <= content + 4


def test_stop_importing_has_a_free_key_and_an_f1_row(qtbot, window):
    action = window.library_actions.stop_action
    keys = action.shortcut().toString()
    assert keys == "Ctrl+."
    others = [a for a in window.findChildren(QAction) if a is not action and a.shortcut().toString() == keys]
    assert not others
    assert not action.isEnabled()  # only while an import runs
    dialog = window.help.show_shortcuts()
    table = dialog.findChild(QTableWidget)
    rows = [(table.item(i, 0).text(), table.item(i, 1).text()) for i in range(table.rowCount())]
    assert ("Stop importing", action.shortcut().toString(action.shortcut().SequenceFormat.NativeText)) in rows
    dialog.close()
