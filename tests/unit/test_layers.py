"""The layer rules, checked on the import statements themselves (an import-linter style contract):

- `viewer.core` never imports Qt, `viewer.ui`, `viewer.cli` or `viewer.commands`;
- `viewer.ui` never imports `viewer.cli` or `viewer.commands`;
- `viewer.commands` never imports `viewer.cli` (the CLI dispatches to commands, not the reverse).

Plus a run-time check: importing every core module and the CLI loads no Qt at all.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "viewer"

FORBIDDEN = {
    "viewer.core": ("PySide6", "shiboken6", "viewer.ui", "viewer.cli", "viewer.commands"),
    "viewer.ui": ("viewer.cli", "viewer.commands"),
    "viewer.commands": ("viewer.cli",),
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    """Every module a file imports, at any depth (function-level imports count too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def _violations(layer: str, banned: tuple[str, ...]) -> list[str]:
    folder = PACKAGE.joinpath(*layer.split(".")[1:])
    files = [folder.with_suffix(".py")] if folder.with_suffix(".py").exists() else sorted(folder.rglob("*.py"))
    out = []
    for path in files:
        for line, name in _imports(path):
            if any(name == b or name.startswith(b + ".") for b in banned):
                out.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {name}")
    return out


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_only_what_it_may(layer):
    assert _violations(layer, FORBIDDEN[layer]) == []


def test_the_contract_sees_a_forbidden_import(tmp_path, monkeypatch):
    """The checker itself: a core module importing the UI inside a function is caught."""
    fake = tmp_path / "viewer" / "core"
    fake.mkdir(parents=True)
    (fake / "sneaky.py").write_text("def f():\n    from viewer.ui import app\n", encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE", tmp_path / "viewer")
    assert _violations("viewer.core", FORBIDDEN["viewer.core"]) == [
        "viewer/core/sneaky.py:2 imports viewer.ui",
        "viewer/core/sneaky.py:2 imports viewer.ui.app",
    ]


def test_importing_the_whole_core_and_the_cli_leaves_qt_out():
    modules = sorted(_module_name(p) for p in (PACKAGE / "core").rglob("*.py"))
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "import viewer.cli, viewer.commands.common\n"
        "viewer.cli.build_parser()\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'viewer.ui'))]\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
