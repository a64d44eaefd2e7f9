"""Correcting an alignment in the app, as a researcher does it: two imported texts read side by side,
a pair merged with the next one and split again with the keyboard, undone and redone, a pair
confirmed, and after a restart the corrected pairs are still there, marked, and exported.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.test_pairs_ui import (
    CTRL_SHIFT,
    EN,
    NB,
    click_link,
    folder,
    import_folder,
    open_listed,
    open_window,
    wait_line,
    wait_side_by_side,
)
from viewer.ui.pair_view import SCORE, SOURCE, TARGET

__all__ = ["folder"]  # the fixture, used by name

CTRL = Qt.KeyboardModifier.ControlModifier


def shown(window) -> list[tuple[str, str, str]]:
    """The side-by-side rows as the user reads them: (source, score column, target)."""
    model = window.pairs.model
    return [
        tuple(model.data(model.index(r, c)) for c in (SOURCE, SCORE, TARGET))  # type: ignore[misc]
        for r in range(model.rowCount())
    ]


def press(qtbot, window, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    window.pairs.table.setFocus()
    qtbot.keyClick(window.pairs.table, key, modifiers)


def side_by_side(qtbot, window) -> None:
    open_listed(qtbot, window, EN)
    wait_line(qtbot, window, "nb_intervju")
    click_link(window, "open", NB)
    wait_side_by_side(qtbot, window, NB)


def test_merge_split_undo_confirm_and_find_them_after_a_restart(qtbot, tmp_path, folder, monkeypatch):
    state = tmp_path / "state"
    window = open_window(qtbot, state)
    import_folder(qtbot, window, folder, monkeypatch)
    side_by_side(qtbot, window)
    before = shown(window)
    assert all(score not in ("✎", "✓") for _, score, _ in before)
    row = next(r for r, (source, _, _) in enumerate(before) if "Ingrid Solberg has led" in source)

    # Merge the pair with the next one (Ctrl+Shift+Down): one row fewer, both sentences in it, marked ✎.
    window.pairs.select_cell(row, SOURCE)
    press(qtbot, window, Qt.Key.Key_Down, CTRL_SHIFT)
    merged = shown(window)
    assert len(merged) == len(before) - 1
    assert merged[row][0] == f"{before[row][0]} {before[row + 1][0]}"
    assert merged[row][2] == f"{before[row][2]} {before[row + 1][2]}"
    assert merged[row][1] == "✎" and window.pairs.selected_cell() == (row, SOURCE)
    assert merged[row + 1 :] == before[row + 2 :]  # the rest of the alignment is as it was

    # Split it again (Ctrl+K: one boundary on the selected side, no question asked): the aligner's
    # two pairs again, with their scores and no ✎ (nothing is left corrected).
    press(qtbot, window, Qt.Key.Key_K, CTRL)
    split = shown(window)
    assert split == before
    assert "corrected" not in window.pairs.summary.text()

    # Undo (Ctrl+Z) brings the merge back, redo (Ctrl+Y) the split; undo again: merged it stays.
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert shown(window) == merged
    press(qtbot, window, Qt.Key.Key_Y, CTRL)
    assert shown(window) == split
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert shown(window) == merged

    # Confirm the first pair (Ctrl+Return): ✓, and the selection moves on to the next pair.
    window.pairs.select_cell(0, TARGET)
    press(qtbot, window, Qt.Key.Key_Return, CTRL)
    assert shown(window)[0][1] == "✓" and window.pairs.selected_cell() == (1, TARGET)
    assert "1 corrected (✎), 1 confirmed (✓) by you" in window.pairs.summary.text()
    corrected = shown(window)
    qtbot.waitUntil(lambda: window.pair_editor.saver.unsaved == 0, timeout=10_000)

    # The other document of the pair reads the same corrected rows (its own side first or not).
    open_listed(qtbot, window, NB)
    wait_line(qtbot, window, "en_interview_notes")
    click_link(window, "open", EN)
    wait_side_by_side(qtbot, window, EN)
    assert shown(window) == corrected
    window.close()

    # After a restart the corrections are there, in the view, in the export and in the CLI's rows.
    again = open_window(qtbot, state)
    side_by_side(qtbot, again)
    assert shown(again) == corrected
    assert again.pairs.model.data(again.pairs.model.index(row, SCORE), Qt.ItemDataRole.ToolTipRole) == (
        "Corrected by you"
    )
    rows = [r for r in again.workspace.aligned_rows(EN) if r.target_lang == "nb"]  # not the Nynorsk note's
    assert any(r.source.split() == f"{before[row][0]} {before[row + 1][0]}".split() for r in rows)
    assert len(rows) == sum(1 for s, _, t in corrected if s != "—" and t != "—")
    again.close()


def test_an_edit_that_cannot_be_made_is_said_not_made(qtbot, tmp_path, folder, monkeypatch):
    window = open_window(qtbot, tmp_path / "state")
    import_folder(qtbot, window, folder, monkeypatch)
    side_by_side(qtbot, window)
    before = shown(window)
    window.pairs.select_cell(0, SOURCE)
    editor = window.pair_editor
    editor.refresh()
    assert not editor.merge_previous.isEnabled() and editor.merge_next.isEnabled()
    editor.do_merge_previous()  # as a script or a stale menu would
    assert shown(window) == before
    assert "no previous pair" in window.statusBar().currentMessage()
    assert not editor.undo.isEnabled()
    window.close()


def test_corrections_never_reach_an_alignment_that_is_not_shown(qtbot, tmp_path, folder, monkeypatch):
    window = open_window(qtbot, tmp_path / "state")
    import_folder(qtbot, window, folder, monkeypatch)
    side_by_side(qtbot, window)
    before = shown(window)
    window.pairs.select_cell(3, SOURCE)
    window.show_side_by_side(False)  # back in the reader: the pair stays selected, out of sight
    editor = window.pair_editor
    assert not any(a.isEnabled() for a in editor.actions() if a is not None)
    editor.merge_next.trigger()  # the menu entry, or its shortcut, while the reader is shown
    editor.do_merge_next()
    window.show_side_by_side(True)
    assert shown(window) == before and not editor.undo.isEnabled()
    window.close()
