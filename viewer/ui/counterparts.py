"""The counterparts line under the document's title: the documents it is paired with, each a link
that opens it side by side, suggestions with their score and Confirm / Reject, and Pair with….
Right-click for every action on every counterpart."""

from __future__ import annotations

from functools import partial
from html import escape

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtWidgets import QLabel, QMenu, QSizePolicy, QWidget

from viewer.core.pairs.model import CONFIDENT
from viewer.ui import theme
from viewer.ui.labels import lang_name
from viewer.ui.pair_model import short_name
from viewer.ui.pairing import Counterpart, Counterparts


class CounterpartsBar(QLabel):
    """Shows a `Counterparts`; says what the user asked for through its signals (document ids)."""

    open_requested = Signal(str)
    confirm_requested = Signal(str)
    reject_requested = Signal(str)
    unpair_requested = Signal(str)
    pair_with_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("counterparts")
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setContentsMargins(6, 0, 6, 2)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._on_self_context_menu_requested)
        self.linkActivated.connect(self._on_self_link_activated)
        self.found: Counterparts | None = None
        self.shown: str | None = None  # the counterpart open side by side
        self.setToolTip(
            self.tr(
                "Click a translation to read it side by side (Ctrl+T). A search hit opens side by side with a "
                "confirmed translation, or with a suggestion scoring at least {score:.2f}. Right-click for every "
                "action."
            ).format(score=CONFIDENT)
        )
        self.hide()

    def changeEvent(self, event: QEvent) -> None:
        """A new palette (light/dark): the links and the dimmed text are drawn again in its colours
        (a label keeps the link colour it first laid its text out with)."""
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange) and self.found:
            self.clear()
            self.show_counterparts(self.found, self.shown)

    def show_counterparts(self, found: Counterparts | None, shown: str | None = None) -> None:
        """The document's counterparts (None: not known yet, the line stays empty)."""
        self.found, self.shown = found, shown
        if found is None:
            self.clear()
            self.hide()
            return
        link_text = self.tr("Pair with…")
        pair_with = f"<a href='pair'>{escape(link_text)}</a>"
        if not found.items:
            none = self.tr("No translation paired")
            self.setText(f"<span style='color: {theme.dimmed_text().name()}'>{escape(none)}</span> · {pair_with}")
        else:
            parts = [self._item_html(i, c) for i, c in enumerate(found.items)]
            heading = self.tr("Translations:")
            self.setText(f"{escape(heading)} {' · '.join(parts)} · {pair_with}")
        self.show()

    def _item_html(self, i: int, item: Counterpart) -> str:
        name = escape(f"{lang_name(item.lang)} — {short_name(item.doc_id)}")
        link = f"<a href='open:{i}'>{name}</a>"
        if item.doc_id == self.shown:
            link = f"⇄ <b>{link}</b>"
        if item.status == "confirmed":
            state = escape(self.tr("confirmed"))
        elif item.status == "manual":
            state = escape(self.tr("paired by hand"))
        else:
            suggested = self.tr("suggested {score:.2f}").format(score=item.pair.score)
            confirm, reject = self.tr("Confirm"), self.tr("Reject")
            state = (
                f"{escape(suggested)}, <a href='confirm:{i}'>{escape(confirm)}</a> / "
                f"<a href='reject:{i}'>{escape(reject)}</a>"
            )
        return f"{link} ({state})"

    def _item(self, index: str) -> Counterpart | None:
        items = self.found.items if self.found is not None else ()
        return items[int(index)] if index.isdigit() and int(index) < len(items) else None

    def _on_self_link_activated(self, href: str) -> None:
        if href == "pair":
            self.pair_with_requested.emit()
            return
        kind, _, index = href.partition(":")
        item = self._item(index)
        signal = {"open": self.open_requested, "confirm": self.confirm_requested, "reject": self.reject_requested}.get(
            kind
        )
        if item is not None and signal is not None:
            signal.emit(item.doc_id)

    def context_menu(self) -> QMenu:
        """Pair with…, then for each counterpart: read side by side, confirm, reject, unpair."""
        menu = QMenu(self)
        menu.addAction(self.tr("Pair with…"), self.pair_with_requested.emit)
        for item in self.found.items if self.found is not None else ():
            sub = menu.addMenu(f"{lang_name(item.lang)} — {short_name(item.doc_id)}")
            doc_id = item.doc_id
            sub.addAction(self.tr("Read side by side"), partial(self.open_requested.emit, doc_id))
            confirm = sub.addAction(self.tr("Confirm"), partial(self.confirm_requested.emit, doc_id))
            confirm.setEnabled(item.status == "suggested")
            sub.addAction(self.tr("Reject"), partial(self.reject_requested.emit, doc_id))
            sub.addAction(self.tr("Unpair"), partial(self.unpair_requested.emit, doc_id))
        return menu

    def _on_self_context_menu_requested(self, position: QPoint) -> None:
        self.context_menu().popup(self.mapToGlobal(position))
