"""The concordance's widgets: the Passages | Concordance switch above the results, the wide table
of lines above the reader with its counts and sort, and, in the search column where the passages
were, the translation candidates of the search word and the forms matched.

The widgets only show what they are given; `viewer.ui.concordance_controller` computes and wires.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from viewer.core.concord.model import SortKey
from viewer.ui import theme
from viewer.ui.concordance_model import ConcordanceData, ConcordanceModel, sort_names
from viewer.ui.concordance_view import ConcordanceView
from viewer.ui.concordance_words import candidate_counts, lines_text
from viewer.ui.search_status import documents_text

PASSAGES, CONCORDANCE = "passages", "concordance"


class ModeSwitch(QWidget):
    """Two exclusive buttons: the results as passages, or as a concordance."""

    mode_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QToolButton] = {}
        for mode, text in ((PASSAGES, self.tr("Passages")), (CONCORDANCE, self.tr("Concordance"))):
            button = QToolButton()
            button.setText(text)
            button.setCheckable(True)
            button.setObjectName(f"mode-{mode}")
            self.group.addButton(button)
            self.buttons[mode] = button
            layout.addWidget(button)
            button.toggled.connect(lambda on, mode=mode: self._on_button_toggled(mode, on))
        self.buttons[CONCORDANCE].setToolTip(self.tr("Every match in its context, with its translation (Ctrl+Shift+K)"))
        self.buttons[PASSAGES].setToolTip(self.tr("The matching passages, grouped by document (Ctrl+Shift+K)"))
        layout.addStretch(1)
        self.buttons[PASSAGES].setChecked(True)

    def _on_button_toggled(self, mode: str, on: bool) -> None:
        if on:
            self.mode_changed.emit(mode)

    @property
    def mode(self) -> str:
        return CONCORDANCE if self.buttons[CONCORDANCE].isChecked() else PASSAGES

    def set_mode(self, mode: str) -> None:
        self.buttons[mode].setChecked(True)


def results_modes(passages: QWidget) -> tuple[ModeSwitch, ConcordanceSide, QStackedWidget]:
    """The switch, the concordance's side and a stack that shows the passages or that side."""
    modes, side, stack = ModeSwitch(), ConcordanceSide(), QStackedWidget()
    stack.addWidget(passages)
    stack.addWidget(side)
    modes.mode_changed.connect(lambda mode: stack.setCurrentWidget(side if mode == CONCORDANCE else passages))
    return modes, side, stack


_ELSEWHERE = Qt.ItemDataRole.UserRole + 1  # a candidate in none of the lines shown (drawn quieter)


class ConcordanceSide(QWidget):
    """The search column in concordance mode: candidates (click one to keep its lines) and forms."""

    candidate_chosen = Signal(int)  # the candidate's index; -1: no filter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("concordance-side")
        self.chosen = -1
        self.status = QLabel()  # the concordance's own line: how many lines, or that it is being made
        self.status.setObjectName("concordance-status")
        self.status.setWordWrap(True)
        self.candidates_label = QLabel()
        self.candidates_label.setWordWrap(True)
        self.candidates = QListWidget()
        self.candidates.setObjectName("candidates")
        self.candidates.setWordWrap(True)  # a candidate's counts in words: as wide as the column, then on
        self.candidates.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.candidates.setSpacing(2)
        self.candidates.itemClicked.connect(self._on_candidates_item_clicked)
        self.candidates.itemActivated.connect(self._on_candidates_item_clicked)
        self.clear_button = QToolButton()
        self.clear_button.setText(self.tr("Show all lines"))
        self.clear_button.clicked.connect(lambda: self.choose(-1))
        self.clear_button.hide()
        self.forms_label = QLabel(self.tr("<b>Forms matched</b>"))
        self.forms = QListWidget()
        self.forms.setObjectName("forms")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status)
        layout.addWidget(self.candidates_label)
        layout.addWidget(self.candidates, 3)
        layout.addWidget(self.clear_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.forms_label)
        layout.addWidget(self.forms, 2)

    def _clear(self) -> None:
        self.chosen = -1
        self.clear_button.hide()
        self.candidates.clear()
        self.forms.clear()

    def show_making(self, query: str, note: str = "") -> None:
        """The concordance of `query` is being made (`note`: how far, when it says)."""
        self._clear()
        text = self.tr("Making the concordance of “{query}”…").format(query=query)
        self.status.setText(f"{text} {note}" if note else text)
        self.candidates_label.setText(self.tr("Its translations come with its lines."))

    def show_data(self, data: ConcordanceData | None, query: str = "") -> None:
        """`data` on show; None: nothing typed (`query` empty), or no concordance of `query` (it
        failed: the lines' area says why)."""
        self._clear()
        if data is None:
            self.status.setText("")
            self.candidates_label.setText("" if query else self.tr("Type a word to see its concordance."))
            return
        self.status.setText(lines_text(data))
        if data.candidates:
            self.candidates_label.setText(
                self.tr("<b>Translations of “{word}”</b> · click one to keep the lines it is in").format(word=data.word)
            )
        elif data.word:
            self.candidates_label.setText(
                self.tr("No translations of “{word}” are known from the aligned texts.").format(word=data.word)
            )
        else:
            self.candidates_label.setText("")
        for candidate, lines in zip(data.candidates, data.lines_with, strict=True):
            n, pairs = len(lines), candidate.count
            item = QListWidgetItem(f"{candidate.candidate} — {candidate_counts(n, pairs)}")
            tip = self.tr("{lang}, score {score:.2f}: in {lines} of these lines and {pairs} aligned sentence pairs")
            item.setToolTip(tip.format(lang=candidate.lang, score=candidate.score, lines=n, pairs=pairs))
            if not n:  # a translation found elsewhere in the library, in none of these lines
                item.setData(_ELSEWHERE, True)
                item.setForeground(theme.dimmed_text())
            self.candidates.addItem(item)
        for form, count in data.concordance.forms.most_common():
            self.forms.addItem(f"{form}  {count}")

    def changeEvent(self, event: QEvent) -> None:
        """Light/dark changed: the quieter candidates take the new palette's grey."""
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            for row in range(self.candidates.count()):
                item = self.candidates.item(row)
                if item.data(_ELSEWHERE):
                    item.setForeground(theme.dimmed_text())
        super().changeEvent(event)

    def _on_candidates_item_clicked(self, item: QListWidgetItem) -> None:
        row = self.candidates.row(item)
        self.choose(-1 if row == self.chosen else row)

    def choose(self, row: int) -> None:
        """Filter by the candidate in `row` (-1: show every line again)."""
        self.chosen = row
        with QSignalBlocker(self.candidates):
            if row >= 0:
                self.candidates.setCurrentRow(row)
            else:
                self.candidates.clearSelection()
        self.clear_button.setVisible(row >= 0)
        self.candidate_chosen.emit(row)


class ConcordanceArea(QWidget):
    """The table of lines above the reader, with a line of counts and the sort order."""

    sort_changed = Signal(object)  # a SortKey or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("concordance-area")
        self.model = ConcordanceModel(self)
        self.view = ConcordanceView()
        self.view.setModel(self.model)
        self.counts = QLabel()
        self.counts.setObjectName("concordance-counts")
        self.counts.setWordWrap(True)
        self.sort_combo = QComboBox()
        self.sort_combo.setToolTip(self.tr("Sort the lines (or click a column's header)"))
        for key, name in sort_names().items():
            self.sort_combo.addItem(name, key)
        self.sort_combo.currentIndexChanged.connect(lambda _i: self.sort_changed.emit(self.sort_combo.currentData()))
        self.view.sort_wanted.connect(self._on_view_sort_wanted)
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 0, 4, 0)
        bar.addWidget(self.counts, 1)
        bar.addWidget(QLabel(self.tr("Sort:")))
        bar.addWidget(self.sort_combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

    def sort_key(self) -> SortKey | None:
        key = self.sort_combo.currentData()
        return key if isinstance(key, str) else None  # type: ignore[return-value]

    def set_sort(self, key: SortKey | None) -> None:
        self.sort_combo.setCurrentIndex(max(0, self.sort_combo.findData(key)))

    def _on_view_sort_wanted(self, column: int) -> None:
        """A header: Document sorts by document; Left and Right step through the 1st to 3rd word;
        the Match column sorts by language."""
        current = self.sort_key() or ""
        if column == 0:
            self.set_sort("doc")
        elif column == 2:
            self.set_sort("lang")
        else:
            side = "left" if column == 1 else "right"
            n = int(current[-1]) % 3 + 1 if current.startswith(side) else 1
            self.set_sort(f"{side}{n}")  # type: ignore[arg-type]

    def show_counts(self, data: ConcordanceData | None, chosen: int, *, loading: bool = False) -> None:
        if data is None:
            self.counts.setText("")
            return
        conc = data.concordance
        n, docs = len(conc.lines), conc.documents
        if not n:
            self.counts.setText(conc.message or self.tr("No matches for “{query}”.").format(query=conc.query))
            return
        matches = self.tr("1 match") if n == 1 else self.tr("{n} matches").format(n=f"{n:,}")
        words = f"{matches} {documents_text(docs)}"
        if loading:
            words = self.tr("the first {n} matches · making the rest…").format(n=f"{n:,}")
        elif not conc.complete:
            words = self.tr("the first {n} matches").format(n=f"{n:,}") + " " + documents_text(docs)
        langs = " · ".join(f"{lang} {count}" for lang, count in conc.languages().most_common())
        aligned = sum(1 for line in conc.lines if line.counterpart is not None)
        text = f"<b>{words}</b> · {langs} · " + self.tr("{n} with a translation").format(n=aligned)
        if 0 <= chosen < len(data.candidates):
            text += " · " + self.tr("showing the {n} whose translation has “{word}”").format(
                n=self.model.rowCount(), word=data.candidates[chosen].candidate
            )
        self.counts.setText(text)
