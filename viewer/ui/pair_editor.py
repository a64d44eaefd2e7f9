"""Correcting the side-by-side alignment by hand, as in InterText or LF Aligner: merge a pair with
the next or previous one, split a pair at a sentence boundary, move a sentence to the neighbouring
pair, mark a sentence as having no counterpart, confirm a pair or every pair; undo and redo.

The edits are `viewer.core.align.corrections`' pure functions on the shown alignment's beads; the
editor keeps an `EditHistory` per alignment, shows each change in place (`PairView.replace_rows`),
says it (`changed`, so the window keeps the new rows), and hands the new state to its
`CorrectionSaver` (`viewer.ui.pair_saving`). The actions work on the selected pair (never on the
one under the mouse pointer) and their shortcuts only while the side-by-side view has the focus.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from viewer.core.align import corrections as edits
from viewer.core.align.corrections import Beads, EditError, Result, Side, Unit
from viewer.core.align.history import EditHistory
from viewer.ui.pair_rows import SCORE, SOURCE, PairAlignment
from viewer.ui.pair_saving import CorrectionSaver
from viewer.ui.pair_view import PairView
from viewer.ui.workers import JobPool

if TYPE_CHECKING:
    from viewer.core.align.corrections_anchors import Key

log = logging.getLogger(__name__)


class PairEditor(QObject):
    """The correction actions of one `PairView`, its undo/redo histories and the saving of edits."""

    changed = Signal(object)  # the PairAlignment after an edit, an undo or a redo
    message = Signal(str, int)  # for the status bar: why an edit cannot be made, what was done

    def __init__(self, view: PairView, jobs: JobPool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.saver = CorrectionSaver(jobs, self)
        self._histories: dict[Key, EditHistory] = {}
        a = self._action
        self.merge_previous = a(self.tr("Merge with the previous pair"), "Ctrl+Shift+Up", self.do_merge_previous)
        self.merge_next = a(self.tr("Merge with the next pair"), "Ctrl+Shift+Down", self.do_merge_next)
        self.split = a(self.tr("Split the pair"), "Ctrl+K", self.do_split)
        self.move_up = a(self.tr("Move the first sentence to the previous pair"), "Alt+Up", self.do_move_up)
        self.move_down = a(self.tr("Move the last sentence to the next pair"), "Alt+Down", self.do_move_down)
        self.unpair = a(self.tr("No counterpart for this sentence"), "Ctrl+Shift+N", self.do_unpair)
        self.confirm = a(self.tr("Confirm this sentence pair"), "Ctrl+Return", self.do_confirm)
        self.confirm_all = a(self.tr("Confirm every sentence pair"), "Ctrl+Shift+Return", self.do_confirm_all)
        self.undo = a(self.tr("Undo the correction"), QKeySequence.StandardKey.Undo, self.do_undo)
        self.redo = a(self.tr("Redo the correction"), QKeySequence.StandardKey.Redo, self.do_redo)
        view.menu_requested.connect(self.show_menu)
        view.current_changed.connect(self.refresh)
        self.refresh()

    def _action(self, text: str, keys: str | QKeySequence.StandardKey, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self.view)
        if isinstance(keys, QKeySequence.StandardKey):
            bindings = QKeySequence.keyBindings(keys)  # the platform's, and the other common one
            extra = {QKeySequence.StandardKey.Undo: "Ctrl+Z", QKeySequence.StandardKey.Redo: "Ctrl+Y"}.get(keys)
            if extra and QKeySequence(extra) not in bindings:
                bindings.append(QKeySequence(extra))
            action.setShortcuts(bindings)
        else:
            action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda *_: slot())
        self.view.addAction(action)
        return action

    def actions(self) -> list[QAction | None]:
        """The actions in menu order (None: a separator)."""
        return [self.merge_previous, self.merge_next, self.split, None, self.move_up, self.move_down, self.unpair,
                None, self.confirm, self.confirm_all, None, self.undo, self.redo]  # fmt: skip

    # --- what the actions act on ----------------------------------------------------------------

    def _target(self) -> tuple[PairAlignment, int, Side] | None:
        """The shown alignment, the selected row and side, when they can be corrected."""
        alignment, cell = self.view.alignment, self.view.selected_cell()
        if alignment is None or not alignment.editable or cell is None or not self.view.isVisible():
            return None  # never an alignment the user is not looking at
        return alignment, cell[0], "source" if cell[1] == SOURCE else "target"

    def _history(self, alignment: PairAlignment) -> EditHistory:
        assert alignment.texts is not None
        history = self._histories.get(alignment.texts.key)
        if history is None or history.beads != alignment.beads:  # new texts, or corrected elsewhere
            history = EditHistory(alignment.beads, automatic=alignment.automatic)
        return history

    def refresh(self) -> None:
        """Enable what can be done on the selected pair."""
        target = self._target()
        for action in self.actions():
            if action is not None:
                action.setEnabled(target is not None)
        if target is None:
            return
        alignment, row, side = target
        history, last = self._history(alignment), len(alignment.rows) - 1
        units = alignment.beads[row].side(side)
        self.merge_previous.setEnabled(row > 0)
        self.merge_next.setEnabled(row < last)
        self.split.setEnabled(bool(_boundaries(alignment, row, side)))
        self.move_up.setEnabled(row > 0 and bool(units))
        self.move_down.setEnabled(row < last and bool(units))
        self.unpair.setEnabled(bool(units) and (len(units) > 1 or bool(alignment.beads[row].side(_other(side)))))
        self.undo.setEnabled(history.can_undo)
        self.redo.setEnabled(history.can_redo)

    def show_menu(self, position: QPoint) -> None:
        """The correction menu at a right click (the clicked pair is selected)."""
        self.refresh()
        menu = QMenu(self.view)
        for action in self.actions():
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        menu.exec(position)

    # --- the edits ------------------------------------------------------------------------------

    def do_merge_previous(self) -> None:
        self._edit(lambda beads, row, _side: edits.merge_previous(beads, row))

    def do_merge_next(self) -> None:
        self._edit(lambda beads, row, _side: edits.merge_next(beads, row))

    def do_move_up(self) -> None:
        self._edit(lambda beads, row, side: edits.move(beads, row, side, "previous"))

    def do_move_down(self) -> None:
        self._edit(lambda beads, row, side: edits.move(beads, row, side, "next"))

    def do_confirm(self) -> None:
        if self._edit(lambda beads, row, _side: edits.confirm(beads, row)):
            cell = self.view.selected_cell()
            if cell is not None and self.view.model is not None and cell[0] + 1 < len(self.view.model.rows):
                self.view.select_cell(cell[0] + 1, cell[1])  # on to the next pair, as a reviewer reads

    def do_confirm_all(self) -> None:
        self._edit(lambda beads, _row, _side: edits.confirm_all(beads))

    def do_split(self, after: int | None = None) -> None:
        """Split the selected pair after sentence `after` (1-based) of its selected side (of the other
        side when the selected one has a single sentence); asked for when there is a choice."""
        target = self._target()
        if target is None:
            return
        alignment, row, side = target
        choices = _boundaries(alignment, row, side)
        if not choices:
            self.message.emit(self.tr("This pair has a single sentence on each side: nothing to split"), 4000)
            return
        cut_side = choices[0][0]
        units = alignment.beads[row].side(cut_side)
        if after is None:
            labels = [self.tr("After “{end}”").format(end=_ending(alignment, cut_side, u)) for u in units[:-1]]
            after = 1 if len(labels) == 1 else self._choose(labels)
        if after is None:
            return
        at = {"source_at": after} if cut_side == "source" else {"target_at": after}
        self._edit(lambda beads, r, _side: edits.split(beads, r, **at))

    def do_unpair(self, last: bool | None = None) -> None:
        """Give the selected side's first (or `last`) sentence no counterpart: its own row."""
        target = self._target()
        if target is None:
            return
        alignment, row, side = target
        units = alignment.beads[row].side(side)
        if last is None and len(units) > 1:
            labels = [
                self.tr("The first sentence: “{start}”").format(start=_opening(alignment, side, units[0])),
                self.tr("The last sentence: “{start}”").format(start=_opening(alignment, side, units[-1])),
            ]
            choice = self._choose(labels)
            if choice is None:
                return
            last = choice == 2
        k = len(units) - 1 if last else 0
        self._edit(lambda beads, r, s: edits.unpair(beads, r, s, k))

    def _choose(self, labels: Sequence[str]) -> int | None:
        """A menu of choices at the selected cell; the 1-based choice, None when dismissed."""
        menu = QMenu(self.view)
        for i, label in enumerate(labels, start=1):
            menu.addAction(label).setData(i)
        index = self.view.table.currentIndex()
        rect = self.view.table.visualRect(index)
        chosen = menu.exec(self.view.table.viewport().mapToGlobal(rect.bottomLeft()))
        return int(chosen.data()) if chosen is not None else None

    def _edit(self, make: Callable[[Beads, int, Side], Result]) -> bool:
        target = self._target()
        if target is None:
            self.message.emit(self.tr("Select a pair of an aligned text to correct it"), 4000)
            return False
        alignment, row, side = target
        history = self._history(alignment)
        try:
            history = history.push(make(history.beads, row, side))
        except EditError as exc:
            self.message.emit(str(exc), 5000)
            return False
        edit = history.done[-1]
        self._show(alignment, history, edit.start, len(edit.before), len(edit.after), row)
        return True

    def do_undo(self) -> None:
        self._step(undo=True)

    def do_redo(self) -> None:
        self._step(undo=False)

    def _step(self, *, undo: bool) -> None:
        alignment = self.view.alignment
        if alignment is None or not alignment.editable or not self.view.isVisible():
            return
        history = self._history(alignment)
        if not (history.can_undo if undo else history.can_redo):
            self.message.emit(self.tr("Nothing to undo") if undo else self.tr("Nothing to redo"), 3000)
            return
        edit = history.done[-1] if undo else history.undone[-1]
        history = history.undo() if undo else history.redo()
        removed, added = (len(edit.after), len(edit.before)) if undo else (len(edit.before), len(edit.after))
        self._show(alignment, history, edit.start, removed, added, edit.start)

    def _show(
        self, alignment: PairAlignment, history: EditHistory, start: int, removed: int, added: int, row: int
    ) -> None:
        assert alignment.texts is not None
        cell = self.view.selected_cell()
        column = cell[1] if cell is not None else SOURCE
        updated = alignment.with_beads(history.beads)
        self._histories[alignment.texts.key] = history
        self.view.replace_rows(updated, start, removed, added)
        self.view.select_cell(start + max(0, min(row - start, added - 1)), column if column != SCORE else SOURCE)
        self.changed.emit(updated)
        self.saver.queue(alignment.texts, history.beads)
        self.refresh()


def _other(side: Side) -> Side:
    return "target" if side == "source" else "source"


def _boundaries(alignment: PairAlignment, row: int, side: Side) -> list[tuple[Side, int]]:
    """Where the pair can be split: after each sentence but the last of the side (of the other side
    when this one has a single sentence)."""
    for cut in (side, _other(side)):
        units = alignment.beads[row].side(cut)
        if len(units) > 1:
            return [(cut, k) for k in range(1, len(units))]
    return []


def _document_text(alignment: PairAlignment, side: Side) -> str:
    return (alignment.source if side == "source" else alignment.target).text


def _ending(alignment: PairAlignment, side: Side, unit: Unit, width: int = 40) -> str:
    text = " ".join(_document_text(alignment, side)[unit.start : unit.end].split())
    return text if len(text) <= width else "…" + text[-width:]


def _opening(alignment: PairAlignment, side: Side, unit: Unit, width: int = 40) -> str:
    text = " ".join(_document_text(alignment, side)[unit.start : unit.end].split())
    return text if len(text) <= width else text[:width] + "…"
