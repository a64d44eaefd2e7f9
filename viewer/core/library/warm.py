"""Importing this module loads what a reader process needs and warms it up: the readers' fork
server imports it (`viewer.core.library.forkserver`), so that every reader forked from it shares
these pages instead of loading its own copy.

Loading the models is not enough: much of what a reader holds is made on its first real file
(the identifier's batch tables, word stores, the pair profiles' tables). A reader forked from a
server that has only loaded the models writes most of those pages again (copy-on-write: two
readers then cost as much as two spawned ones), so the server builds three of the bundled texts
(English, Bokmål, Nynorsk; 30 KB, a fifth of a second) the way an import does. Then it gives
back the memory malloc holds free and freezes its objects (`gc.freeze`: the readers' collections
never write to them). A failure here costs only the sharing: a reader loads what it lacks itself.
"""

from __future__ import annotations

import ctypes
import gc
import logging

log = logging.getLogger(__name__)

SAMPLES = ("article.txt", "news.txt", "thesis.txt")  # of the bundled corpus


def warm() -> None:
    from viewer.core.language.identify import get_identifier
    from viewer.core.library import importers  # noqa: F401  (every format's reader)
    from viewer.core.library.reader import Task, run_task
    from viewer.core.pairs.words import word_keys
    from viewer.core.paths import bundled_corpus_dir

    get_identifier()
    word_keys()
    folder = bundled_corpus_dir()
    for name in SAMPLES:
        path = folder / name
        outcome = run_task(Task(f"warm-up/{name}", path.read_bytes(), path, "warm-up", keep=False))
        if not outcome.built:
            log.warning("a reader's warm-up on %s failed: %s", name, outcome.reason.splitlines()[0])


def trim() -> None:
    """Give the heap's free pages back to the system (glibc), so that readers do not inherit them."""
    try:
        ctypes.CDLL(None).malloc_trim(0)  # this process's own symbols: libc's
    except (OSError, AttributeError, TypeError):  # not glibc: nothing to give back this way
        pass


try:
    warm()
except Exception:  # a reader loads what it lacks on its first file
    log.warning("the readers' warm-up failed", exc_info=True)
gc.collect()
trim()
gc.freeze()
