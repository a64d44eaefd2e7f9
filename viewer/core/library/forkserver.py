"""Where reader processes come from: a fork server that has loaded what readers need, once.

Readers are forked from multiprocessing's fork server: a fresh Python process (never a fork of
this one, which may hold Qt and threads) that imports `viewer.core.library.warm` (the parsers,
the language models, the stemmers and the lexicon, warmed up on the bundled texts) and then forks
each reader. The readers share those pages with it, copy-on-write, instead of each loading a copy
of its own (5 MB / 570 files: the server and two readers 100 MB PSS, where two spawned readers
were 146 MB), and a new reader is ready in milliseconds (a spawned one took a second or two).
Where the platform has no fork server, readers are spawned and load their models themselves.

The server lives while its readers do, and after them until `stop` (the pool's `release`, before
an index build that wants the memory, and `close`); the next reader starts a new one.
`stop` uses multiprocessing's record of its server (the attributes its own `ForkServer._stop`
uses); without them it does nothing and the server ends with this process.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from typing import Any

log = logging.getLogger(__name__)

PRELOAD = "viewer.core.library.warm"
STOP_WAIT = 2.0  # seconds `stop` waits for the server to exit before leaving it to a thread


def context() -> Any:
    """The multiprocessing context readers are started with: the fork server, else spawn."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    forking = multiprocessing.get_context("forkserver")
    forking.set_forkserver_preload([PRELOAD])  # not '__main__': the app's main module would bring Qt
    return forking


def start(forking: Any) -> None:
    """Start the server now, if `forking` uses one and it is not running (it loads its models
    while this process goes on; the first reader then waits less)."""
    method = getattr(forking, "get_start_method", None)
    if method is None or method() != "forkserver":
        return
    from multiprocessing import forkserver

    try:
        forkserver.ensure_running()
    except (OSError, ValueError, RuntimeError) as exc:  # the first reader's start meets it again: handled there
        log.warning("the readers' fork server could not be started: %s", exc)


def stop() -> bool:
    """End the server (call it once none of its readers is left). Returns whether one was running."""
    try:
        from multiprocessing import forkserver, util
    except ImportError:  # no fork server on this platform
        return False

    server = getattr(forkserver, "_forkserver", None)
    lock = getattr(server, "_lock", None)
    if server is None or lock is None:
        return False
    with lock:
        pid = getattr(server, "_forkserver_pid", None)
        alive = getattr(server, "_forkserver_alive_fd", None)
        address = getattr(server, "_forkserver_address", None)
        if pid is None or alive is None:
            return False
        try:
            os.close(alive)  # the server exits once every holder of this pipe's end has closed it
        except OSError:
            pass
        server._forkserver_alive_fd = None
        server._forkserver_pid = None
        server._forkserver_address = None
        if isinstance(address, str) and not util.is_abstract_socket_namespace(address):
            try:
                os.unlink(address)
            except OSError:
                pass
    if not _reaped(pid, time.monotonic() + STOP_WAIT):  # a process forked from this one holds the pipe
        threading.Thread(target=_reaped, args=(pid, None), daemon=True, name="fork server reaper").start()
    return True


def _reaped(pid: int, until: float | None) -> bool:
    """Wait for `pid` to exit (until `until`, or for as long as it takes); whether it has."""
    while True:
        try:
            done, _status = os.waitpid(pid, os.WNOHANG if until is not None else 0)
        except ChildProcessError:
            return True
        if done:
            return True
        if until is not None and time.monotonic() >= until:
            return False
        time.sleep(0.01)


__all__ = ["PRELOAD", "context", "start", "stop"]
