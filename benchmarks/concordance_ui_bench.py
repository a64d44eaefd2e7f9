"""The concordance in the app (issue 15): from the query settling to the first screen of lines
painted, on a big library.

    .venv/bin/python benchmarks/concordance_ui_bench.py [--mb 5] [--runs 5]

The corpus is search_bench's synthetic one (the bundled texts copied with altered words until N MB).
For a frequent word (1,000+ matches) the window's concordance mode is timed from `run` (what the
search panel's debounce calls) to the table's first paint with lines, which includes the worker's
`compute` of the first screen (FIRST lines, candidates, which lines each candidate is in) and the
model reset, and to the paint of the whole concordance (LIMIT lines, made after the first screen);
the worker's `compute` of the whole alone and the passages of the same word (keystroke to results painted, the existing
path) are timed in the same run as the baseline. Target: first screen <= 100 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from search_bench import synthetic_corpus  # noqa: E402

WORDS = ("implementering", "implementation", "intervensjonen", "work", "arbeid", "tjenester")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from PySide6.QtCore import QEvent, QObject, QSettings
    from PySide6.QtWidgets import QApplication

    from viewer.core.library.library import Library
    from viewer.core.search.cache import IndexCache
    from viewer.core.workspace import Workspace
    from viewer.ui.concordance_model import compute
    from viewer.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    corpus = synthetic_corpus(args.mb)
    print(f"corpus: {sum(len(d.text.encode()) for d in corpus.documents) / 1e6:.1f} MB")
    scratch = Path(tempfile.mkdtemp())
    workspace = Workspace(Library(":memory:", ":memory:"), corpus, index_cache=IndexCache(scratch / "index"))
    workspace.open_index()
    t0 = time.perf_counter()
    workspace.concordancer.learned()
    print(f"learned once per corpus (first concordance or candidates): {time.perf_counter() - t0:.2f} s")
    word = next((w for w in WORDS if len(workspace.concordance(w, limit=1000).lines) >= 1000), WORDS[0])
    window = MainWindow(QSettings(str(scratch / "settings.ini"), QSettings.Format.IniFormat))
    window.resize(1280, 820)
    window.show()
    window.attach(workspace)
    panel, concordance = window.search_panel, window.search_actions.concordance
    assert panel is not None
    painted: list[float] = []

    class Spy(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and concordance.model.rowCount():
                painted.append(time.perf_counter())
            return False

    spy = Spy()
    concordance.view.viewport().installEventFilter(spy)

    def wait(predicate) -> None:  # type: ignore[no-untyped-def]
        end = time.monotonic() + 60
        while not predicate() and time.monotonic() < end:
            app.processEvents()

    panel.query_edit.setText(word)
    concordance.toggle()
    wait(lambda: concordance.data is not None and concordance.settled)
    first, whole, worker, passages = [], [], [], []
    for _ in range(args.runs):
        for query in ("", word):  # from nothing to the word, as a user clears and types it
            painted.clear()
            t0 = time.perf_counter()
            concordance.run((query, None, None))
            wait(lambda q=query: concordance.settled and (not q or painted))
            app.processEvents()
        first.append(painted[0] - t0)
        whole.append(painted[-1] - t0)
        t0 = time.perf_counter()
        compute(workspace, word, None, None)
        worker.append(time.perf_counter() - t0)
    lines = concordance.model.rowCount()
    concordance.toggle()
    for _ in range(args.runs):
        panel.query_edit.setText("")
        panel.search_now()
        wait(lambda: panel.shown_generation == panel.generation)
        t0 = time.perf_counter()
        panel.query_edit.setText(word)
        panel.search_now()
        wait(lambda: panel.shown_generation == panel.generation and panel.last_results is not None)
        app.processEvents()
        passages.append(time.perf_counter() - t0)
    base = statistics.median(passages)
    print(f"{word!r}: {lines} lines, {len(concordance.data.candidates) if concordance.data else 0} candidates")
    rows = [
        ("passages painted (baseline)", passages),
        ("compute of 1,000 lines (worker)", worker),
        ("concordance first screen painted", first),
        ("whole concordance painted", whole),
    ]
    for label, times in rows:
        median = statistics.median(times)
        print(f"  {label:<34} median {median * 1000:7.1f} ms  max {max(times) * 1000:7.1f} ms  x{median / base:.1f}")
    print("target: first screen <= 100 ms")
    window.close()


if __name__ == "__main__":
    main()
