"""The side-by-side view's layout time: rows laid out again after the window gets narrower and wider.

For the thesis abstract (25 pairs) and a real 2,000-pair document pair (the development set's
documents joined, aligned by `align_texts`), time `PairView.fit_rows` after a width change, the
matched-words delegate included (a search match in every tenth row): the rows on screen (laid
out at once), every row (the rest follow in slices between events) and the longest slice (the
longest the window waits). Baseline, in the same run: a
bare QTableView over the same texts with Qt's own delegate, `resizeRowsToContents` at the same
widths. Offscreen; run with .venv/bin/python benchmarks/pair_view_bench.py.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from align_bench import real_pair
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QHeaderView, QTableView

from viewer.core.align.corrections_anchors import Texts
from viewer.core.align.corrections_apply import beads_of
from viewer.core.align.document import align_document
from viewer.core.align.texts import align_texts
from viewer.core.corpus.build import build_document
from viewer.core.library.library import Library
from viewer.ui.pair_rows import SOURCE, TARGET, PairAlignment, rows_of
from viewer.ui.pair_view import PairView

WIDTHS = (1400, 700, 1400)


def thesis_alignment() -> PairAlignment:
    library = Library(":memory:", ":memory:")
    thesis = library.corpus().get("thesis")
    alignment = align_document(thesis)
    assert alignment is not None
    texts = Texts.of_document(thesis)
    beads = beads_of(alignment, texts)
    return PairAlignment(rows_of(beads), ("en", "nb"), thesis, thesis, texts=texts, beads=beads)


def long_alignment(n: int = 2000) -> PairAlignment:
    source_text, target_text = real_pair(n)
    source = build_document("bench/source", source_text, "plain", None)
    target = build_document("bench/target", target_text, "plain", None)
    result = align_texts(source.text, target.text, "en", "nn")
    texts = Texts.of_documents(source, target)
    beads = beads_of(result, texts)
    return PairAlignment(rows_of(beads), ("en", "nn"), source, target, texts=texts, beads=beads)


def time_view(app: QApplication, alignment: PairAlignment) -> tuple[list[float], list[float], float]:
    """(seconds to lay out every row, per width; to lay out the rows on screen; the longest slice)."""
    view = PairView()
    view.resize(WIDTHS[0], 900)
    view.show()
    view.set_pairs(alignment)
    assert view.model is not None
    hits = [row.source for k, row in enumerate(alignment.rows) if k % 10 == 0 and row.source]
    view.model.set_hits(hits, [])
    app.processEvents()
    total, shown, longest = [], [], 0.0
    for width in WIDTHS:
        view.resize(width, 900)
        app.processEvents()
        view._relayout.stop()  # timed here, not when the debounce timer fires
        start = time.perf_counter()
        view.fit_rows()
        shown.append(time.perf_counter() - start)
        view._fitting.stop()
        while view.fitting:  # the slices the event loop would run, one after another
            begun = time.perf_counter()
            view._fit_slice()
            view._fitting.stop()
            longest = max(longest, time.perf_counter() - begun)
        total.append(time.perf_counter() - start)
    view.close()
    return total, shown, longest


def time_bare(app: QApplication, alignment: PairAlignment) -> list[float]:
    model = QStandardItemModel(len(alignment.rows), 3)
    for r in range(len(alignment.rows)):
        for column in (SOURCE, TARGET):
            model.setItem(r, column, QStandardItem(alignment.text(r, column)))
        model.setItem(r, 1, QStandardItem(f"{alignment.rows[r].score:.2f}"))
    table = QTableView()
    table.setWordWrap(True)
    table.setModel(model)
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    table.resize(WIDTHS[0], 900)
    table.show()
    app.processEvents()
    out = []
    for width in WIDTHS:
        table.resize(width, 900)
        app.processEvents()
        start = time.perf_counter()
        table.resizeRowsToContents()
        out.append(time.perf_counter() - start)
    table.close()
    return out


def main() -> None:
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    print(
        "side-by-side layout after a width change (seconds per relayout at widths " + ", ".join(map(str, WIDTHS)) + ")"
    )
    for name, alignment in (("thesis abstract", thesis_alignment()), ("2,000-pair document", long_alignment())):
        (ours, shown, longest), bare = time_view(app, alignment), time_bare(app, alignment)
        rows = len(alignment.rows)
        print(
            f"  {name:<20} {rows:>5} rows   all rows "
            + " / ".join(f"{t:.3f}" for t in ours)
            + "   on screen "
            + " / ".join(f"{t:.3f}" for t in shown)
            + f"   longest pause {longest:.3f}   bare QTableView, all rows "
            + " / ".join(f"{t:.3f}" for t in bare)
            + f"   ratio {sum(ours) / max(sum(bare), 1e-9):.1f}x"
        )


if __name__ == "__main__":
    main()
