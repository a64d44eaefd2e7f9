"""What the concordance mode says while a first-time user waits and reads (issue 16's first-use
trial): its own status line instead of the passages' one, that it is being made (and how far the
first one's reading of the aligned texts is), and counts of a translation that explain themselves."""

from __future__ import annotations

import threading
import time

from tests.gui.test_concordance_ui import WORD, concordance_of
from viewer.core.concord.aligned import collect


def test_the_concordance_mode_shows_its_own_status_not_the_passages_line(qtbot, window):
    panel = window.search_panel
    controller = concordance_of(qtbot, window, WORD)
    side = panel.concordance_side
    assert not panel.status.isVisible()  # "25 of 975 matching passages shown…" is the other mode's
    n = len(controller.data.concordance.lines)
    assert side.status.isVisible() and side.status.text() == f"{n} concordance lines in 2 documents"
    panel.modes.set_mode("passages")
    qtbot.waitUntil(lambda: "matching passage" in panel.status.text())
    assert panel.status.isVisible()


def test_while_it_is_made_the_candidates_area_names_the_word_and_only_an_empty_box_asks_for_one(qtbot, window):
    panel, controller = window.search_panel, window.search_actions.concordance
    side = panel.concordance_side
    assert side.candidates_label.text() == "Type a word to see its concordance."
    panel.modes.set_mode("concordance")
    panel.query_edit.setText(WORD)
    panel.search_now()  # the worker is running: nothing has come back to this thread yet
    assert not controller.settled
    assert "Type a word" not in side.candidates_label.text()
    assert side.status.text() == f"Making the concordance of “{WORD}”…"
    qtbot.waitUntil(lambda: controller.settled and controller.data is not None)
    assert "Translations of" in side.candidates_label.text()
    panel.query_edit.clear()
    panel.search_now()
    qtbot.waitUntil(lambda: controller.settled)
    assert side.candidates_label.text() == "Type a word to see its concordance." and side.status.text() == ""


def test_a_slow_first_concordance_says_why_and_counts_the_aligned_texts_read(qtbot, window):
    workspace = window.workspace
    controller = window.search_actions.concordance
    reads, release = [], threading.Event()
    alignment = workspace.alignment

    def slow_alignment(document):  # a big library: the first learning reads one text after another
        reads.append(document.id)
        if len(reads) == 2:
            release.wait(20)  # held until the window has shown how far it is
        return alignment(document)

    workspace.alignment = slow_alignment
    panel = window.search_panel
    panel.modes.set_mode("concordance")
    panel.query_edit.setText(WORD)
    panel.search_now()
    total = len(workspace.corpus.documents) + sum(1 for pair in workspace.pairs() if pair.confident)
    try:
        qtbot.waitUntil(lambda: "texts read" in controller.area.counts.text(), timeout=10000)
    finally:
        release.set()
    counts = controller.area.counts.text()
    assert f"1 of {total} texts read" in counts and "a few seconds" not in counts
    assert "reads every aligned text" in counts and "later ones are quick" in counts
    assert panel.concordance_side.status.text() == f"Making the concordance of “{WORD}”… 1 of {total} texts read"
    qtbot.waitUntil(lambda: controller.settled and controller.data is not None, timeout=20000)
    assert "texts read" not in controller.area.counts.text() and workspace.concordancer.reading is None
    time.sleep(0.3)  # the reading line's timer has stopped: nothing writes over the counts
    qtbot.wait(10)
    assert "texts read" not in controller.area.counts.text()


def test_collect_reports_each_text_read(window):
    workspace = window.workspace
    seen: list[tuple[int, int]] = []
    sentences = collect(workspace, lambda done, total: seen.append((done, total)))
    total = len(workspace.corpus.documents) + sum(1 for pair in workspace.pairs() if pair.confident)
    assert [done for done, _total in seen] == list(range(1, total + 1)) and seen[-1] == (total, total)
    assert len(sentences) == len(workspace.concordancer.learned()[0])  # the same pairs as without a count


def test_a_translations_counts_say_what_they_count(qtbot, window):
    controller = concordance_of(qtbot, window, WORD)
    side = window.search_panel.concordance_side
    data = controller.data
    assert data.candidates
    for row, (candidate, lines) in enumerate(zip(data.candidates, data.lines_with, strict=True)):
        item = side.candidates.item(row)
        pairs = "1 aligned sentence pair" if candidate.count == 1 else f"{candidate.count} aligned sentence pairs"
        where = "none" if not lines else str(len(lines))
        assert item.text() == f"{candidate.candidate} — in {where} of these lines; seen in {pairs} in the library"
        assert f"in {len(lines)} of these lines and {candidate.count} aligned sentence pairs" in item.toolTip()


def test_while_the_index_is_built_the_concordance_says_so(qtbot, window, monkeypatch):
    panel, controller = window.search_panel, window.search_actions.concordance
    panel.modes.set_mode("concordance")
    monkeypatch.setattr(type(window.workspace), "index", property(lambda _self: None))  # not built yet
    controller.run((WORD, None, None))
    assert "index is being built" in panel.concordance_side.status.text()
    assert "Type a word" not in panel.concordance_side.candidates_label.text()
