"""A build's new segments written by forked worker processes, so a build uses both cores.

Each worker is a fork of the building process (it already holds the passages, so nothing is
pickled but the finished segments' descriptions) and writes every `procs`-th chunk as a segment of
its own with `PassageWriter`, without the index lock; the parent reports progress as segments
finish, then under the lock deletes the removed documents' passages from the segments already
there (a derived build: the earlier index's), merges the small ones as an incremental commit
would, and writes the table of contents listing the old segments and the new ones in chunk order.
A worker that fails or dies fails the build (the caller's aside folder is then removed); an
exception from `progress` (a cancel) kills the workers and propagates.

Forking is used only where it is safe and cheap: Linux, a file-backed index, and a process running
one thread (the app builds in a spawned child process; a thread of the window never forks).
"""

from __future__ import annotations

import ctypes
import gc
import os
import pickle
import select
import signal
import struct
import sys
import threading
import traceback
from typing import Any

from whoosh.filedb.filestore import FileStorage

from viewer.core.corpus.model import Passage
from viewer.core.progress import Progress
from viewer.core.search.schema import passage_fields

# Worker processes of a build; a build of fewer chunks uses fewer.
PROCS = 2
# A worker reports progress every this many passages.
PROGRESS_EVERY = 1000
_SIZE = struct.Struct("!I")


def usable_procs(ix: Any, chunks: int) -> int:
    """How many workers a build of `chunks` segments into `ix` may use (1: build in this process)."""
    if chunks < 2 or sys.platform != "linux" or threading.active_count() != 1:
        return 1
    if not isinstance(ix.storage, FileStorage):
        return 1
    return max(1, min(PROCS, os.cpu_count() or 1, chunks))


def write_segments(
    ix: Any,
    chunks: list[list[Passage]],
    titles: dict[str, str],
    total: int,
    procs: int,
    progress: Progress | None,
    removed: list[str] | None = None,
) -> int:
    """Write `chunks` as one segment each in `procs` forked workers, then commit them with the
    `removed` documents' passages deleted from the index's existing segments; returns the number
    of passages written."""
    workers: dict[int, int] = {}  # pipe -> pid
    gc.freeze()  # the passages move out of the collector's reach: a worker's collections touch (copy) none of them
    try:
        for k in range(procs):
            workers.update(_start(ix, chunks, titles, k, procs))
        segments = _collect(workers, chunks, total, progress)
    except BaseException:
        for pid in workers.values():
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        raise
    finally:
        failed = [pid for pid in workers.values() if os.waitpid(pid, 0)[1] != 0]
        gc.unfreeze()
    if failed or len(segments) != len(chunks):
        raise RuntimeError(f"{len(failed)} index worker(s) failed; {len(segments)} of {len(chunks)} segments written")
    _commit(ix, [segments[n] for n in range(len(chunks))], removed or [])
    return sum(len(c) for c in chunks)


def _commit(ix: Any, new: list[Any], removed: list[str]) -> None:
    """Under the index lock: delete `removed` from the segments there, merge the small ones as an
    incremental commit does, and list them with the `new` segments in one table of contents."""
    from whoosh import query as wq

    from viewer.core.search.writer import PassageWriter, merge_small, writer_options

    writer = PassageWriter(ix, **writer_options())
    try:
        if removed:
            writer.delete_by_query(wq.Or([wq.Term("doc", d) for d in removed]))
        final = merge_small(writer, list(writer.segments))
        if writer.doc_count():  # small segments merged into this writer's own (an empty one is not kept)
            final.append(writer._finalize_segment())
        else:
            writer._close_segment()
        writer._commit_toc([*final, *new])
    except BaseException:
        writer.cancel()
        raise
    writer._finish()


def _start(ix: Any, chunks: list[list[Passage]], titles: dict[str, str], k: int, procs: int) -> dict[int, int]:
    read, write = os.pipe()
    pid = os.fork()
    if pid:
        os.close(write)
        return {read: pid}
    os.close(read)  # the worker: write chunks k, k + procs, ... and report each segment
    code = 1
    try:
        _die_with_parent()
        with os.fdopen(write, "wb") as out:

            def send(*message: Any) -> None:
                data = pickle.dumps(message)
                out.write(_SIZE.pack(len(data)) + data)
                out.flush()

            for n in range(k, len(chunks), procs):
                send(n, _write_one(ix, chunks[n], titles, send))
        code = 0
    except BaseException:
        traceback.print_exc()
    finally:
        os._exit(code)


def _die_with_parent() -> None:
    """Ask Linux to end this worker when the building process ends (a cancelled build's is killed)."""
    try:
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux's C library: the worker ends when its pipe breaks
        pass


PR_SET_PDEATHSIG = 1


def _write_one(ix: Any, chunk: list[Passage], titles: dict[str, str], send: Any) -> Any:
    from viewer.core.search.writer import PassageWriter, writer_options

    writer = PassageWriter(ix.storage.open_index(ix.indexname), _lk=False, **writer_options())
    for i, passage in enumerate(chunk, 1):
        writer.add_document(**passage_fields(passage, titles))
        if i % PROGRESS_EVERY == 0:
            send(PROGRESS_EVERY)
    return writer._finalize_segment()  # its temporary folder is shared: the parent's commit removes it


def _collect(
    workers: dict[int, int], chunks: list[list[Passage]], total: int, progress: Progress | None
) -> dict[int, Any]:
    """The segments the workers report, by chunk number, reporting progress as they come."""
    segments: dict[int, Any] = {}
    buffers = dict.fromkeys(workers, b"")
    done = 0
    while buffers:
        ready, _w, _x = select.select(list(buffers), [], [])
        for fd in ready:
            data = os.read(fd, 1 << 16)
            if not data:
                os.close(fd)
                del buffers[fd]
                continue
            buf = buffers[fd] + data
            while len(buf) >= _SIZE.size and len(buf) >= _SIZE.size + _SIZE.unpack_from(buf)[0]:
                size = _SIZE.unpack_from(buf)[0]
                message = pickle.loads(buf[_SIZE.size : _SIZE.size + size])
                buf = buf[_SIZE.size + size :]
                if len(message) == 1:  # passages added
                    done += message[0]
                else:  # a finished segment
                    n, segment = message
                    segments[n] = segment
                    done += len(chunks[n]) % PROGRESS_EVERY
                if progress:
                    progress(done, total, "indexing passages")
            buffers[fd] = buf
    return segments
