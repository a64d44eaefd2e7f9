"""library_bench's app start: a fresh `python -c APP` process (the app's own start-up path,
offscreen) from spawn until its first search's results are shown, against a bare Qt window
spawned the same way. Its marks are wall-clock stamps printed by the child."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

APP = """
import sys, time
from PySide6.QtCore import QSettings, QTimer
from viewer.ui.app import create_application, start
app = create_application()
from viewer.ui.main_window import MainWindow
w = MainWindow(QSettings(sys.argv[1], QSettings.Format.IniFormat))
w.resize(1280, 820); w.show()
app.processEvents(); print("shown", time.time(), flush=True)
attach, opened = w.attach, w.index_opened
def attached(workspace):
    attach(workspace); print("attached", time.time(), flush=True)
def ready(index):
    opened(index); print("usable", time.time(), flush=True)
    panel = w.search_panel
    panel.query_edit.setText(sys.argv[2]); panel.search_now()
    def check():
        if panel.shown_generation == panel.generation:
            panel.results.viewport().repaint(); print("searched", time.time(), flush=True); app.quit()
        else:
            QTimer.singleShot(2, check)
    check()
w.attach, w.index_opened = attached, ready
start(w)
app.exec()
w.shut_down()
"""
BARE = """
import sys, time
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv); w = QMainWindow(); w.resize(1280, 820); w.show()
app.processEvents(); print("shown", time.time(), flush=True)
"""


def report(
    env: dict[str, str], work: Path, runs: int, query: str, spawn: Callable[..., tuple[float, float, str]]
) -> None:
    settings = work / "settings.ini"
    bare, app = [], []
    for _ in range(runs):
        for code, rows in ((BARE, bare), (APP, app)):
            settings.unlink(missing_ok=True)
            start = time.time()
            wall, cpu, out = spawn(env, ["-c", code, str(settings), query], work)
            marks = {
                n: float(t) - start for n, t in (line.split() for line in out.splitlines() if line.count(" ") == 1)
            }
            rows.append(marks | {"wall": wall, "cpu": cpu})
    b = _median(bare, "shown")
    print(f"\napp start (median of {runs} fresh processes, offscreen; s from spawn)")
    print(f"  bare Qt window shown                           {b:7.3f}  (process {_median(bare, 'wall'):.3f} s)")
    for mark, label in (("shown", "window shown"), ("attached", "library attached"), ("usable", "index open")):
        print(f"  app: {label:42s}{_median(app, mark):7.3f}  {ratio(_median(app, mark), b)} bare")
    s = _median(app, "searched")
    print(f"  app: first search's results shown              {s:7.3f}  {ratio(s, b)} bare (target <= 2 s)")
    print(
        f"  (CPU of the app's process tree {_median(app, 'cpu'):.2f} s, of the bare one {_median(bare, 'cpu'):.2f} s)"
    )


def _median(rows: list[dict[str, float]], key: str) -> float:
    return statistics.median(r[key] for r in rows)


def ratio(a: float, b: float) -> str:
    return f"{a / b:6.1f}x" if b > 0 else "     -"
