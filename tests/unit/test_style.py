"""The house style, checked where everyone runs it: ruff lint and format, and mypy strict on the package."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TREES = ["viewer", "tests", "benchmarks"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize(
    "command", [("ruff", "check", *TREES), ("ruff", "format", "--check", *TREES)], ids=["ruff-check", "ruff-format"]
)
def test_ruff(command):
    result = _run(*command)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def test_mypy_strict_on_the_package():
    result = _run("mypy")  # [tool.mypy] in pyproject.toml: packages = ["viewer"], strict
    assert result.returncode == 0, result.stdout[-3000:]
