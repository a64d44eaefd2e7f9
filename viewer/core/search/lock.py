"""The build lock of one index key: a file created with O_EXCL that names its holder, so that a
crashed builder, a reused pid or an unrelated program never makes others wait.

  <key>.lock   {"pid", "host", "started", "program", "process_started"}
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path

# A lock file is created empty and then written: one that is still empty or unreadable after this
# long is a leftover (a crash between the two), not a build in progress.
STALE_UNREADABLE_LOCK_S = 5.0
PROGRAM = "corpus-viewer"


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    except OSError:
        return False
    return True


def process_started(pid: int) -> str:
    """When process `pid` started (clock ticks since boot, from /proc), or "" where that is unknown.

    With the pid it names one process: a pid reused by an unrelated program has another start time.
    """
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
        return stat.rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return ""


def lock_path(root: Path, key: str) -> Path:
    return root / f"{key}.lock"


class BuildLock:
    """An exclusive, crash-tolerant lock on building one key: a file created with O_EXCL.

    A lock whose process no longer runs (same host), or that is unreadable and old, is stale and
    is cleared. Whoosh's own write lock cannot go stale (it is an flock), but our lock spans the
    whole build-and-swap, which must be exclusive across instances.
    """

    def __init__(self, root: Path, key: str) -> None:
        self.path = lock_path(root, key)
        self.held = False
        self.cleared_stale: str = ""

    def holder(self) -> dict[str, object] | None:
        """The live holder's record, or None when free or stale.

        Stale: an empty or unreadable lock older than a few seconds, a lock whose process is gone,
        or whose pid now belongs to another program (its start time or program differs).
        """
        try:
            info = json.loads(self.path.read_text(encoding="utf-8"))
            pid, host = int(info["pid"]), str(info["host"])
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            try:
                age = time.time() - self.path.stat().st_mtime
            except OSError:
                return None
            return None if age > STALE_UNREADABLE_LOCK_S else {"pid": "?", "host": "?"}
        if host != socket.gethostname():
            return None if time.time() - float(info.get("started", 0)) > 24 * 3600 else dict(info)
        if not pid_alive(pid) or info.get("program") != PROGRAM:
            return None
        started = str(info.get("process_started", ""))
        if started and process_started(pid) not in ("", started):
            return None  # the pid was reused by another process
        return dict(info)

    def try_acquire(self) -> bool:
        record = json.dumps(
            {
                "pid": os.getpid(),
                "host": socket.gethostname(),
                "started": time.time(),
                "program": PROGRAM,
                "process_started": process_started(os.getpid()),
            }
        )
        for _attempt in range(3):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                info = self._stale_info()
                if info is None:
                    return False
                self.cleared_stale = info
                with contextlib.suppress(FileNotFoundError):
                    self.path.unlink()
                continue
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    handle.write(record)
            except OSError:  # a full disk: leave no empty lock behind for others to wait on
                with contextlib.suppress(OSError):
                    self.path.unlink()
                raise
            self.held = True
            return True
        return False

    def _stale_info(self) -> str | None:
        """A description of the stale lock, or None when a live process holds it."""
        if self.holder() is not None:
            return None
        try:
            return f"cleared a stale index lock ({self.path.read_text(encoding='utf-8')[:80].strip()})"
        except OSError:
            return "cleared a stale index lock"

    def acquire(self, wait: float) -> bool:
        deadline = time.monotonic() + wait
        while not self.try_acquire():
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.1)
        return True

    def release(self) -> None:
        if self.held:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
            self.held = False

    @contextlib.contextmanager
    def holding(self, wait: float) -> Iterator[bool]:
        acquired = self.acquire(wait)
        try:
            yield acquired
        finally:
            if acquired:
                self.release()
