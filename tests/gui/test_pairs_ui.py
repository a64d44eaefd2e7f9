"""Pairing documents in the app, as a new user meets it: three texts that translate each other (an
interview note in English, Bokmål and Nynorsk) imported through File > Add folder, their
counterparts shown with each document, paired by hand with Pair with…, read side by side,
confirmed, rejected and unpaired, and the pairs still there after a restart.

Each test has its own library (registry, document cache, pair store and index in tmp_path), with
the bundled corpus beside the imported texts.
"""

from __future__ import annotations

import html
import re
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog

from tests.conftest import CORPUS_DIR
from viewer.core.library.cache import DocumentCache
from viewer.core.library.library import Library
from viewer.core.search.cache import IndexCache
from viewer.core.workspace import Workspace
from viewer.ui import theme
from viewer.ui.main_window import MainWindow
from viewer.ui.models import DocumentEntry
from viewer.ui.pair_view import SCORE, SOURCE, TARGET

TEXTS = {
    "en_interview_notes.txt": """Interview notes: a cooperative for young fishers

Interview with Ingrid Solberg, project coordinator at Tromsø municipality, on 6 February 2024. The interview was \
conducted by Lars Nilsen and lasted about 75 minutes.

Ingrid Solberg has led the project since 2019. It now includes 24 fishers between 19 and 34 years of age, and seven \
of them own their own boat.

According to Solberg, the turning point came in the spring of 2022, when the cooperative bought a cold store at \
Kvaløya for 4.2 million kroner. Since then the members have sold their catch together every Thursday. "Alone, none \
of us could negotiate with the buyers," she says.

The cooperative wants to double its turnover by 2027. In 2023 it landed 310 tonnes of cod and haddock. Solberg \
names the quota system and the price of diesel as the greatest risks. A new interview is planned for 12 November 2024.
""",
    "nb_intervju.txt": """Intervjunotat: et samvirke for unge fiskere

Intervju med Ingrid Solberg, prosjektkoordinator i Tromsø kommune, 6. februar 2024. Intervjuet ble gjennomført av \
Lars Nilsen og varte i omtrent 75 minutter.

Ingrid Solberg har ledet prosjektet siden 2019. Det omfatter nå 24 fiskere mellom 19 og 34 år, og sju av dem eier \
sin egen båt.

Ifølge Solberg kom vendepunktet våren 2022, da samvirket kjøpte et kjølelager på Kvaløya for 4,2 millioner kroner. \
Siden da har medlemmene solgt fangsten sammen hver torsdag. «Alene kunne ingen av oss forhandle med kjøperne», \
sier hun.

Samvirket vil doble omsetningen innen 2027. I 2023 landet det 310 tonn torsk og hyse. Solberg trekker fram \
kvotesystemet og dieselprisen som de største risikoene. Et nytt intervju er planlagt til 12. november 2024.
""",
    "nn_referat.txt": """Referat frå intervju: eit samvirke for unge fiskarar

Intervju med Ingrid Solberg, prosjektkoordinator i Tromsø kommune, 6. februar 2024. Intervjuet vart gjennomført av \
Lars Nilsen og varte i om lag 75 minutt.

Ingrid Solberg har leia prosjektet sidan 2019. Det omfattar no 24 fiskarar mellom 19 og 34 år, og sju av dei eig \
sin eigen båt.

Ifølgje Solberg kom vendepunktet våren 2022, då samvirket kjøpte eit kjølelager på Kvaløya for 4,2 millionar \
kroner. Sidan då har medlemmene selt fangsten saman kvar torsdag. «Åleine kunne ingen av oss forhandle med \
kjøparane», seier ho.

Samvirket vil doble omsetnaden innan 2027. I 2023 landa det 310 tonn torsk og hyse. Solberg trekkjer fram \
kvotesystemet og dieselprisen som dei største risikoane. Eit nytt intervju er planlagt til 12. november 2024.
""",
}
EN, NB, NN = "interview/en_interview_notes", "interview/nb_intervju", "interview/nn_referat"
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    texts = tmp_path / "interview"
    texts.mkdir()
    for name, text in TEXTS.items():
        (texts / name).write_text(text, encoding="utf-8")
    return texts


def open_window(qtbot, state: Path) -> MainWindow:
    """A window over a workspace on the library, pairs and corrections kept in `state` (closing the
    window closes it)."""
    library = Library(state / "collections.sqlite3", DocumentCache(state / "documents.sqlite3"), bundled=CORPUS_DIR)
    workspace = Workspace.open(
        library=library,
        bookmarks=False,
        pairs=state / "pairs.sqlite3",
        corrections=state / "corrections.sqlite3",
        index_cache=IndexCache(state / "index"),
    )
    workspace.open_index()
    window = MainWindow(QSettings(str(state / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    window.attach(workspace)
    activate(qtbot, window)
    return window


def activate(qtbot, window: MainWindow) -> None:
    """Bring the window to the front, so the menu shortcuts reach its actions."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5_000)


def import_folder(qtbot, window: MainWindow, folder: Path, monkeypatch) -> None:
    """File > Add folder (Ctrl+Shift+O), the folder chosen in the file dialog."""
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_args, **_kwargs: str(folder))
    qtbot.keyClick(window, Qt.Key.Key_O, CTRL_SHIFT)
    qtbot.waitUntil(lambda: window.library_actions.last_report_dialog is not None, timeout=60_000)
    qtbot.waitUntil(lambda: not window.library.busy, timeout=60_000)
    window.library_actions.last_report_dialog.close()
    activate(qtbot, window)


def open_listed(qtbot, window: MainWindow, doc_id: str) -> None:
    """Open a document from the search panel's list of documents (Enter on it)."""
    panel = window.search_panel
    if panel.query():
        qtbot.keyClick(panel.query_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: any(isinstance(i, DocumentEntry) and i.document.id == doc_id for i in panel.model.items))
    row = next(
        i for i, item in enumerate(panel.model.items) if isinstance(item, DocumentEntry) and item.document.id == doc_id
    )
    panel.results.setFocus()
    panel.results.setCurrentIndex(panel.model.index(row))
    qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.document is not None and window.document.id == doc_id)


def line(window: MainWindow) -> str:
    """The counterparts line as the user reads it."""
    bar = window.pane.counterparts_bar
    return html.unescape(re.sub(r"<[^>]+>", "", bar.text())) if bar.isVisible() else ""


def wait_line(qtbot, window: MainWindow, *expected: str, absent: tuple[str, ...] = ()) -> str:
    qtbot.waitUntil(
        lambda: all(e in line(window) for e in expected) and not any(a in line(window) for a in absent), timeout=20_000
    )
    return line(window)


def click_link(window: MainWindow, kind: str, doc_id: str) -> None:
    """Click a link of the counterparts line ("open", "confirm", "reject") for one counterpart."""
    bar = window.pane.counterparts_bar
    index = next(i for i, c in enumerate(bar.found.items) if c.doc_id == doc_id)
    bar.linkActivated.emit(f"{kind}:{index}")


def wait_side_by_side(qtbot, window: MainWindow, other: str) -> None:
    def shown() -> bool:
        alignment = window.pairs.alignment
        return (
            window.stack.currentWidget() is window.pairs
            and alignment is not None
            and other in (alignment.source.id, alignment.target.id)
        )

    qtbot.waitUntil(shown, timeout=20_000)


def row_with(model, column: int, words: str) -> int:
    return next(r for r in range(model.rowCount()) if words in model.text(r, column))


def test_import_pair_read_side_by_side_confirm_reject_unpair_and_keep_them(qtbot, tmp_path, folder, monkeypatch):
    state = tmp_path / "state"
    window = open_window(qtbot, state)
    import_folder(qtbot, window, folder, monkeypatch)

    # The import report lists the pairs the finder found among the three texts.
    report = window.library_actions.last_report_dialog
    pairs_table = report.pairs_table
    listed = {
        frozenset({pairs_table.item(r, 0).text(), pairs_table.item(r, 1).text()}) for r in range(pairs_table.rowCount())
    }
    assert listed == {frozenset({EN, NB}), frozenset({EN, NN}), frozenset({NB, NN})}
    assert "translation pairs" in window.statusBar().currentMessage()

    # The Bokmål note shows its two counterparts, suggested with their scores.
    open_listed(qtbot, window, NB)
    text = wait_line(
        qtbot,
        window,
        "Translations:",
        "English — en_interview_notes (suggested",
        "Norwegian Nynorsk — nn_referat (suggested",
    )
    assert "Confirm / Reject" in text and "Pair with…" in text

    # Confirm the English one on the line; reject the Nynorsk one from the Document menu (Ctrl+Shift+R
    # acts on the first suggestion left).
    click_link(window, "confirm", EN)
    wait_line(qtbot, window, "en_interview_notes (confirmed)")
    assert "Confirmed" in window.statusBar().currentMessage()
    assert window.commands.reject_pair.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_R, CTRL_SHIFT)
    wait_line(qtbot, window, "en_interview_notes (confirmed)", absent=("nn_referat",))

    # Pair with… (Ctrl+Shift+P): the dialog lists the library's documents in other languages by
    # collection; filtering finds the Nynorsk note, Pair makes the pair by hand.
    qtbot.keyClick(window, Qt.Key.Key_P, CTRL_SHIFT)
    qtbot.waitUntil(
        lambda: window.pair_actions.dialog is not None and window.pair_actions.dialog.isVisible(), timeout=10_000
    )
    dialog = window.pair_actions.dialog
    groups = [dialog.tree.topLevelItem(i).text(0) for i in range(dialog.tree.topLevelItemCount())]
    assert groups == ["interview", "Bundled corpus"]  # its own collection first; no suggestion is left
    shown = {c.doc_id: c.status for c in dialog.candidates.others}
    assert shown[EN] == "confirmed" and shown[NN] == "rejected" and "project" not in shown  # project is Bokmål
    qtbot.keyClicks(dialog.filter, "referat")
    assert dialog.chosen() == NN and len(dialog._visible_children()) == 1
    qtbot.mouseClick(dialog.pair_button, Qt.MouseButton.LeftButton)
    wait_line(qtbot, window, "en_interview_notes (confirmed)", "nn_referat (paired by hand)")

    # Read it side by side with the Nynorsk note: each side has its own text, synced in one table.
    click_link(window, "open", NN)
    wait_side_by_side(qtbot, window, NN)
    alignment = window.pairs.alignment
    assert (alignment.source.id, alignment.target.id, alignment.languages) == (NB, NN, ("nb", "nn"))
    assert "⇄ Norwegian Nynorsk — nn_referat" in line(window)  # the line says which counterpart is beside it
    model = window.pairs.model
    row = row_with(model, SOURCE, "kjølelager på Kvaløya")
    assert "kjølelager på Kvaløya for 4,2 millionar" in model.text(row, TARGET)
    assert model.headerData(TARGET, Qt.Orientation.Horizontal) == "Norwegian Nynorsk · nn_referat"

    # Hovering a sentence lights its counterpart; clicking the other side lights this one.
    table = window.pairs.table
    table.scrollTo(model.index(row, SOURCE))
    qtbot.mouseMove(table.viewport(), table.visualRect(model.index(row, SOURCE)).center())
    qtbot.waitUntil(lambda: model.focus == (row, SOURCE))
    lit = theme.highlight("counterpart")
    assert model.data(model.index(row, TARGET), Qt.ItemDataRole.BackgroundRole).color() == lit
    target_rect = table.visualRect(model.index(row, TARGET))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=target_rect.center())
    qtbot.waitUntil(lambda: model.focus == (row, TARGET))
    assert model.data(model.index(row, SOURCE), Qt.ItemDataRole.BackgroundRole).color() == lit
    assert window.pairs.counterpart() == model.rows[row].source
    start, end = model.rows[row].source
    assert "Kvaløya" in window.document.text[start:end]  # the counterpart is a span of the open document
    tooltip = model.data(model.index(row, SCORE), Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("Alignment confidence")

    # Unpair the English and Nynorsk notes from the English note's line (its context menu).
    open_listed(qtbot, window, EN)
    wait_line(qtbot, window, "nb_intervju (confirmed)", "nn_referat (suggested")
    menu = window.pane.counterparts_bar.context_menu()
    submenu = next(a.menu() for a in menu.actions() if a.menu() and "nn_referat" in a.text())
    next(a for a in submenu.actions() if a.text() == "Unpair").trigger()
    wait_line(qtbot, window, "nb_intervju (confirmed)", absent=("nn_referat",))
    assert window.statusBar().currentMessage().startswith("Unpaired")
    window.close()

    # Restart on the same stores: the pairs the user made are kept.
    again = open_window(qtbot, state)
    open_listed(qtbot, again, NB)
    wait_line(qtbot, again, "en_interview_notes (confirmed)", "nn_referat (paired by hand)")
    open_listed(qtbot, again, EN)
    wait_line(qtbot, again, "nb_intervju (confirmed)", absent=("nn_referat",))
    again.close()


def test_a_search_hit_opens_side_by_side_with_its_counterpart_lit(qtbot, tmp_path, folder, monkeypatch):
    window = open_window(qtbot, tmp_path / "state")
    import_folder(qtbot, window, folder, monkeypatch)
    open_listed(qtbot, window, NB)
    wait_line(qtbot, window, "en_interview_notes (suggested")
    click_link(window, "confirm", EN)
    wait_line(qtbot, window, "en_interview_notes (confirmed)")
    open_listed(qtbot, window, "news")  # another document: the hit must open the Bokmål one itself

    panel = window.search_panel
    panel.query_edit.setText("Kvaløya")  # ø is outside the key table keyClicks knows
    panel.search_now()
    qtbot.waitUntil(lambda: panel.shown_generation == panel.generation and panel.model.rowCount() > 0, timeout=10_000)
    hit = next(h for h in panel.model.items if getattr(h, "doc_id", "") == NB)
    panel.results.setFocus()
    panel.results.setCurrentIndex(panel.model.index_of(hit))  # its row in its document's group
    qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    wait_side_by_side(qtbot, window, EN)

    # The hit's sentence is selected on the Bokmål side; its English counterpart is lit.
    model = window.pairs.model
    assert model.alignment.source.id == EN and model.alignment.target.id == NB
    row, column = model.focus
    assert column == TARGET and "Kvaløya" in model.text(row, TARGET)
    assert "cold store at Kvaløya" in model.text(row, SOURCE)
    assert model.data(model.index(row, SOURCE), Qt.ItemDataRole.BackgroundRole).color() == theme.highlight(
        "counterpart"
    )
    # Matches in either side are marked (the English note matched the name too).
    assert model.holds_hit(row, TARGET) and model.holds_hit(row, SOURCE)
    assert model.headerData(row, Qt.Orientation.Vertical).startswith("●")
    # Ctrl+T goes back to the reader and again to the same pair.
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.reader and "⇄" not in line(window)
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.pairs and window.pairs.alignment.source.id == EN
    window.close()


def test_aligning_a_pair_shows_progress_and_can_be_stopped(qtbot, tmp_path, folder, monkeypatch):
    window = open_window(qtbot, tmp_path / "state")
    import_folder(qtbot, window, folder, monkeypatch)
    workspace = window.workspace
    real = workspace.pair_alignment
    gate = threading.Event()

    def held(a, b, progress=None, cancel=None):
        """The real alignment, once the user has pressed Stop (or the gate opens)."""
        deadline = time.monotonic() + 20
        while not (cancel and cancel()) and not gate.is_set() and time.monotonic() < deadline:
            time.sleep(0.01)
        return real(a, b, progress, cancel)

    monkeypatch.setattr(workspace, "pair_alignment", held)
    open_listed(qtbot, window, EN)
    wait_line(qtbot, window, "nb_intervju (suggested")
    click_link(window, "open", NB)
    stop = window.commands.stop_aligning
    qtbot.waitUntil(stop.isEnabled, timeout=5_000)
    assert window.pair_actions.stop_button.isVisible() and window.progress.isVisible()
    assert window.statusBar().currentMessage().startswith("Aligning en_interview_notes with nb_intervju")
    assert window.stack.currentWidget() is window.reader and window.side_by_side_action.isChecked()
    qtbot.mouseClick(window.pair_actions.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Stopped aligning"), timeout=5_000)
    assert not stop.isEnabled() and not window.pair_actions.stop_button.isVisible()
    assert window.stack.currentWidget() is window.reader and not window.side_by_side_action.isChecked()

    gate.set()  # the next time it runs through
    click_link(window, "open", NB)
    wait_side_by_side(qtbot, window, NB)
    assert window.pairs.model.rowCount() >= 10 and not stop.isEnabled()
    window.close()
