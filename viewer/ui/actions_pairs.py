"""Document > Pair with…, Confirm pair, Reject pair, Unpair and Stop aligning: the window's side of
pairing documents that translate each other.

The `PairingController` runs every call into the workspace in a worker and the `PairAligner`
aligns a pair in one (progress in the status bar, a Stop button beside it); this wires them to
the document pane, the menu, the counterparts line and the Pair with… dialog, and says what
happened in the status bar. Confirm, Reject and Unpair act on the counterpart read side by side,
else on the open document's first suggestion (Confirm, Reject) or first counterpart (Unpair).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QToolButton

from viewer.core.errors import UserError
from viewer.ui.errors import show_error
from viewer.ui.pair_model import short_name

if TYPE_CHECKING:
    from viewer.core.pairs.model import DocumentPair
    from viewer.core.workspace import Workspace
    from viewer.ui.main_window import MainWindow
    from viewer.ui.pair_aligner import PairAligner
    from viewer.ui.pair_dialog import Candidates, PairWithDialog
    from viewer.ui.pairing import Counterpart, Counterparts, PairingController


class PairActions:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.controller: PairingController | None = None
        self.aligner: PairAligner | None = None
        self.dialog: PairWithDialog | None = None
        self.stop_button = QToolButton()
        self.stop_button.setAutoRaise(True)
        self.stop_button.hide()
        window.statusBar().addPermanentWidget(self.stop_button)

    def connect(self, workspace: Workspace) -> None:
        """The workspace is open: make the controller and the aligner and wire them in."""
        from viewer.ui.pair_aligner import PairAligner
        from viewer.ui.pairing import PairingController

        window, pane = self.window, self.window.pane
        self.controller = PairingController(workspace, window.jobs, window)
        self.aligner = PairAligner(window.jobs, workspace, window)
        self.controller.pair_changed.connect(self._on_controller_pair_changed)
        self.controller.failed.connect(self._on_controller_failed)
        self.aligner.progressed.connect(window.show_progress)
        self.aligner.busy_changed.connect(self._on_aligner_busy_changed)
        self.aligner.cancelled.connect(self._on_aligner_cancelled)
        self.aligner.failed.connect(self._on_aligner_failed)
        pane.counterparts_changed.connect(self._on_pane_counterparts_changed)
        pane.stack.currentChanged.connect(self._on_stack_current_changed)
        bar = pane.counterparts_bar
        bar.pair_with_requested.connect(self.pair_with)
        bar.confirm_requested.connect(self.confirm_with)
        bar.reject_requested.connect(self.reject_with)
        bar.unpair_requested.connect(self.unpair_with)
        self.stop_button.setDefaultAction(window.commands.stop_aligning)
        pane.set_pairing(self.controller, self.aligner)
        self._update()

    # --- the menu's actions --------------------------------------------------------------------

    def pair_with(self) -> bool:
        """Gather the candidates in a worker, then show the dialog; False when nothing started."""
        from viewer.ui.pair_dialog import pair_candidates

        window = self.window
        if window.workspace is None or window.document is None:
            return False
        job = window.jobs.run(
            pair_candidates,
            window.workspace,
            window.document.id,
            on_success=self._show_dialog,
            on_failure=self._on_controller_failed,
        )
        return job is not None

    def confirm(self) -> None:
        found = self._target(suggested=True)
        if found is not None:
            self.confirm_with(found.doc_id)

    def reject(self) -> None:
        found = self._target(suggested=True)
        if found is not None:
            self.reject_with(found.doc_id)

    def unpair(self) -> None:
        found = self._target(suggested=False)
        if found is not None:
            self.unpair_with(found.doc_id)

    def stop_aligning(self) -> None:
        if self.aligner is not None:
            self.aligner.cancel()

    def confirm_with(self, doc_id: str) -> None:
        if self.controller is not None and self.window.document is not None:
            self.controller.confirm(self.window.document.id, doc_id)

    def reject_with(self, doc_id: str) -> None:
        if self.controller is not None and self.window.document is not None:
            self.controller.reject(self.window.document.id, doc_id)

    def unpair_with(self, doc_id: str) -> None:
        if self.controller is not None and self.window.document is not None:
            self.controller.remove(self.window.document.id, doc_id)

    def corpus_changed(self) -> None:
        """An import, refresh or removal: alignments of changed texts go, counterparts are looked up."""
        if self.aligner is not None and self.window.workspace is not None:
            self.aligner.forget(self.window.workspace.corpus.documents)
        self.window.pane.refresh_counterparts()

    # --- state ---------------------------------------------------------------------------------

    def _target(self, suggested: bool) -> Counterpart | None:
        choice = self.window.pane.choice
        found = choice.counterparts
        if found is None:
            return None
        partner = choice.partner if self.window.stack.currentWidget() is self.window.pairs else None
        if partner is not None and (partner.status == "suggested" or not suggested):
            return partner
        return found.suggested() if suggested else (found.items[0] if found.items else None)

    def _update(self) -> None:
        commands = self.window.commands
        has_document = self.controller is not None and self.window.document is not None
        commands.pair_with.setEnabled(has_document)
        for action, suggested in (
            (commands.confirm_pair, True),
            (commands.reject_pair, True),
            (commands.unpair, False),
        ):
            target = self._target(suggested) if has_document else None
            action.setEnabled(target is not None)
            tip = QCoreApplication.translate("MainWindow", "With {name}") if target else ""
            action.setStatusTip(tip.format(name=short_name(target.doc_id)) if target else "")

    def _on_pane_counterparts_changed(self, _found: Counterparts | None) -> None:
        self._update()

    def _on_stack_current_changed(self, _index: int) -> None:
        self._update()

    # --- results -------------------------------------------------------------------------------

    def _show_dialog(self, candidates: Candidates) -> None:
        from viewer.ui.pair_dialog import PairWithDialog

        document = self.window.document
        if document is None or candidates.doc_id != document.id:
            return  # another document was opened meanwhile
        dialog = PairWithDialog(candidates, self.window)
        dialog.accepted.connect(lambda: self._on_dialog_accepted(dialog))
        self.dialog = dialog
        dialog.open()

    def _on_dialog_accepted(self, dialog: PairWithDialog) -> None:
        chosen = dialog.chosen()
        if chosen is not None and self.controller is not None:
            self.controller.add(dialog.candidates.doc_id, chosen)

    def _on_controller_pair_changed(self, what: str, a: str, b: str, _pair: DocumentPair | None) -> None:
        names = {"a": short_name(a), "b": short_name(b)}
        said = {
            "added": QCoreApplication.translate("MainWindow", "Paired {a} with {b}"),
            "confirmed": QCoreApplication.translate("MainWindow", "Confirmed: {a} and {b} translate each other"),
            "rejected": QCoreApplication.translate("MainWindow", "Rejected: {a} and {b} will not be suggested again"),
            "removed": QCoreApplication.translate("MainWindow", "Unpaired {a} and {b}"),
        }[what]
        self.window.statusBar().showMessage(said.format(**names), 6000)

    def _on_controller_failed(self, exc: BaseException, trace: str) -> None:
        if isinstance(exc, UserError):
            show_error(self.window, str(exc))
        else:
            show_error(self.window, f"{type(exc).__name__}: {exc}", trace)

    def _on_aligner_busy_changed(self, busy: bool) -> None:
        window = self.window
        window.commands.stop_aligning.setEnabled(busy)
        self.stop_button.setVisible(busy)
        library_busy = window.library is not None and window.library.busy
        if busy:
            window.progress.show()
        elif not library_busy:
            window.progress.hide()
            if self.aligner is not None and window.statusBar().currentMessage() == self.aligner.what:
                window.statusBar().clearMessage()  # done: the view says the rest

    def _on_aligner_cancelled(self, pair: DocumentPair) -> None:
        said = QCoreApplication.translate("MainWindow", "Stopped aligning {a} with {b}")
        self.window.statusBar().showMessage(said.format(a=short_name(pair.source), b=short_name(pair.target)), 5000)

    def _on_aligner_failed(self, pair: DocumentPair, exc: BaseException, trace: str) -> None:
        if isinstance(exc, UserError):
            said = QCoreApplication.translate("MainWindow", "{a} and {b} cannot be aligned: {error}")
            self.window.statusBar().showMessage(
                said.format(a=short_name(pair.source), b=short_name(pair.target), error=exc), 8000
            )
        else:
            show_error(self.window, f"{type(exc).__name__}: {exc}", trace)
