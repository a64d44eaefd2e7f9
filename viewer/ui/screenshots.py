"""Render the app's main states to PNG offscreen: `python -m viewer screenshot OUT_DIR`.

Bookmarks made for the pictures go to a temporary store, never into the user's own.
"""

from __future__ import annotations

import functools
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from viewer.ui.main_window import MainWindow

QUERY = "implementering"


def render_screenshots(out_dir: Path, size: tuple[int, int] = (1280, 820)) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from viewer.core.workspace import Workspace
    from viewer.ui.app import create_application
    from viewer.ui.main_window import MainWindow
    from viewer.ui.pair_view import SOURCE
    from viewer.ui.screenshot_pair import correct_some, pair_screen
    from viewer.ui.theme import apply_color_scheme

    out_dir.mkdir(parents=True, exist_ok=True)
    app = create_application()
    scratch = Path(tempfile.mkdtemp(prefix="corpus-viewer-shots-"))
    saved: list[Path] = []

    def shot(window: MainWindow, name: str) -> None:
        settle(app)
        path = out_dir / f"{name}.png"
        window.grab().save(str(path))
        saved.append(path)

    for scheme in ("light", "dark"):
        apply_color_scheme(app, scheme)
        # Two documents that translate each other, read side by side from a search hit.
        window = MainWindow(QSettings(str(scratch / f"{scheme}-pair.ini"), QSettings.Format.IniFormat))
        window.resize(*size)
        window.show()
        pair_screen(app, window, scratch / "pair-library", wait_until)
        window.resize(*size)
        shot(window, "side-by-side-documents" if scheme == "light" else "dark-side-by-side-documents")
        correct_some(window)
        shot(window, "side-by-side-corrected" if scheme == "light" else "dark-side-by-side-corrected")
        window.close()
        window.deleteLater()
        window = MainWindow(QSettings(str(scratch / f"{scheme}.ini"), QSettings.Format.IniFormat))
        window.resize(*size)
        window.show()
        # Blocking here is fine: nothing is on screen yet. Each window closes its workspace.
        workspace = Workspace.open(
            bookmarks=scratch / "bookmarks.sqlite3",
            pairs=scratch / "pairs.sqlite3",
            corrections=scratch / "corrections.sqlite3",
            isolate=True,
        )
        workspace.open_index()
        window.attach(workspace)
        panel = window.search_panel
        assert panel is not None
        window.resize(*size)
        panel.query_edit.setText(QUERY)
        panel.search_now()
        wait_until(app, functools.partial(_has_results, panel))
        panel.results.setCurrentIndex(panel.model.index(0))
        hits = [h for h in panel.model.items if getattr(h, "doc_id", "") == "article"] or panel.model.items
        window.open_hit(hits[0])
        wait_until(app, functools.partial(_aligned, window))
        window.show_side_by_side(False)
        shot(window, "search-and-reader" if scheme == "light" else "dark-search-and-reader")
        _concordance(app, window)  # the same query as a concordance, a line open side by side
        shot(window, "concordance" if scheme == "light" else "dark-concordance")
        window.search_actions.concordance.toggle()
        if scheme == "dark":
            window.close()
            window.deleteLater()
            continue
        window.open_document_by_id("thesis")
        wait_until(app, functools.partial(_aligned, window))
        window.show_side_by_side(True)
        if window.pairs.model is not None:
            window.pairs.select_cell(6, SOURCE)
        shot(window, "side-by-side")
        if window.bookmarks_panel is not None:
            window.show_side_by_side(False)
            window.open_document_by_id("news")
            _demo_bookmarks(window)
            window.bookmarks_panel.show()
            shot(window, "bookmarks")
            window.bookmarks_panel.hide()
        _grouped(app, window)  # hits of several documents, grouped with their counts
        shot(window, "search-grouped")
        window.close()
        window.deleteLater()
    QApplication.processEvents()
    return saved


def _demo_bookmarks(window: MainWindow) -> None:
    assert window.workspace is not None and window.bookmarks_panel is not None
    corpus = window.workspace.corpus
    news = corpus.get("news")
    quote = next(p for p in news.passages if "fanget i egen hverdag" in p.text)
    window.bookmarks_panel.store_add(
        news,
        quote.start,
        quote.end,
        passage_id=quote.id,
        note="Bokmål quote inside a Nynorsk article: a job specialist on routines.",
        tags=["quotes", "IPS"],
    )
    thesis = corpus.get("thesis")
    first = thesis.groups()["abstract.en"][0]
    sentence = first.sentences[0]
    window.bookmarks_panel.store_add(
        thesis,
        sentence.start,
        sentence.end,
        passage_id=first.id,
        note="Opening of the abstract; compare the Bokmål version.",
        tags=["thesis", "method"],
    )
    window.open_anchor("news", quote.start, quote.end)


def _grouped(app: Any, window: MainWindow) -> None:
    """`tjenester`: passages of four documents, the first group open, the others folded."""
    from viewer.ui.models import ITEM_ROLE

    panel = window.search_panel
    assert panel is not None
    panel.query_edit.setText("tjenester")
    panel.search_now()
    wait_until(app, functools.partial(_has_results, panel))
    view, model = panel.results, panel.model
    for row in range(1, model.rowCount()):
        view.collapse(model.index(row))
    first = model.index(0, 0, model.index(0))
    view.setCurrentIndex(first)
    window.open_hit(model.data(first, ITEM_ROLE))
    wait_until(app, functools.partial(_aligned, window))
    window.show_side_by_side(False)


def _concordance(app: Any, window: MainWindow) -> None:
    concordance = window.search_actions.concordance
    concordance.toggle()
    wait_until(app, lambda: concordance.settled and concordance.data is not None)
    row = next((r for r, line in enumerate(concordance.model.lines) if line.counterpart), 0)
    concordance.view.selectRow(row)
    concordance.open_line(concordance.model.lines[row], side_by_side=True)
    wait_until(app, functools.partial(_aligned, window))


def settle(app: Any, seconds: float = 0.15) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def _has_results(panel: Any) -> bool:
    return bool(panel.shown_generation == panel.generation and panel.model.rowCount() > 0)


def _aligned(window: Any) -> bool:
    return not window.pane.aligning


def wait_until(app: Any, predicate: Callable[[], bool], timeout: float = 60.0) -> None:
    end = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > end:
            raise TimeoutError("the app did not reach the state to capture")
        app.processEvents()
        time.sleep(0.01)
