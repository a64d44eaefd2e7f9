"""The layer rule: the core never imports Qt or the UI package."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "viewer" / "core"


def test_importing_the_whole_core_leaves_qt_out():
    modules = sorted(f"viewer.core.{p.stem}" for p in CORE.glob("*.py") if p.stem != "__init__")
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "import viewer.cli\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'viewer.ui'))]\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_no_core_source_mentions_qt():
    pattern = re.compile(r"^\s*(from|import)\s+(PySide6|shiboken6|viewer\.ui)", re.MULTILINE)
    offenders = [p.name for p in CORE.rglob("*.py") if pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
