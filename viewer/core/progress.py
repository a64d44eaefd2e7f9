"""The two callbacks long core work accepts: progress (done, total, what) and a cancel check."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]


def step(progress: Progress | None, prefix: str) -> Progress | None:
    """`progress` with `prefix` put before every message (None stays None)."""
    if progress is None:
        return None
    inner = progress

    def prefixed(done: int, total: int, detail: str = "") -> None:
        inner(done, total, f"{prefix} {detail}".strip())

    return prefixed
