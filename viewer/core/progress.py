"""The two callbacks long core work accepts: progress (done, total, what) and a cancel check."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]


def joined(prefix: str, detail: str) -> str:
    """One line from a phase's label and the message of the work under it, read once: a message that
    already says what the label says ("Indexing:" + "indexing passages", "Importing" + "imported 3
    files") stands alone; after a label ending in ':' a message's leading word ("Reading x", a verb in
    every core message) goes on in lower case. The line starts with a capital."""
    prefix, detail = prefix.strip(), detail.strip()
    if not detail or not prefix:
        line = detail or prefix.rstrip(":")
    elif _stem(detail) == _stem(prefix):
        line = detail
    else:
        first = detail.split(maxsplit=1)[0]
        if prefix.endswith(":") and first.isalpha() and first[1:].islower():
            detail = detail[0].lower() + detail[1:]
        line = f"{prefix} {detail}"
    return line[:1].upper() + line[1:]


def _stem(text: str) -> str:
    words = text.split(maxsplit=1)
    return words[0].rstrip(":").lower()[:5] if words else ""


def step(progress: Progress | None, prefix: str) -> Progress | None:
    """`progress` with `prefix` put before every message (None stays None; see `joined`)."""
    if progress is None:
        return None
    inner = progress

    def prefixed(done: int, total: int, detail: str = "") -> None:
        inner(done, total, joined(prefix, detail))

    return prefixed


PHASE_SCALE = 1000  # the total a phased progress reports: its bar never restarts between phases


def phase(progress: Progress | None, prefix: str, start: float, end: float, *, count: bool = False) -> Progress | None:
    """`progress` for one phase of longer work that takes the share [start, end] of the whole: each
    (done, total) becomes a point on one scale of PHASE_SCALE, so a bar moves on from phase to phase
    instead of starting again at 0; `prefix` goes before every message, as with `step`. With `count`,
    a message said before item `done` (0-based) of `total` ends "(done + 1 of total)"."""
    if progress is None:
        return None
    inner = progress

    def placed(done: int, total: int, detail: str = "") -> None:
        share = min(1.0, max(0.0, done / total)) if total > 0 else 0.0
        line = joined(prefix, detail)
        if count and 0 <= done < total:
            line = f"{line} ({done + 1} of {total})"
        inner(int(PHASE_SCALE * (start + (end - start) * share)), PHASE_SCALE, line)

    return placed
