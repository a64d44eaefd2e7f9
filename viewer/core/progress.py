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


PHASE_SCALE = 1000  # the total a phased progress reports: its bar never restarts between phases


def phase(progress: Progress | None, prefix: str, start: float, end: float) -> Progress | None:
    """`progress` for one phase of longer work that takes the share [start, end] of the whole: each
    (done, total) becomes a point on one scale of PHASE_SCALE, so a bar moves on from phase to phase
    instead of starting again at 0; `prefix` goes before every message, as with `step`."""
    if progress is None:
        return None
    inner = progress

    def placed(done: int, total: int, detail: str = "") -> None:
        share = min(1.0, max(0.0, done / total)) if total > 0 else 0.0
        inner(int(PHASE_SCALE * (start + (end - start) * share)), PHASE_SCALE, f"{prefix} {detail}".strip())

    return placed
