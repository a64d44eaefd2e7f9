"""A build's new segments written by this process and forked workers, so a build uses both cores.

The building process writes every `procs`-th chunk as a segment of its own with `PassageWriter`,
without the index lock, and `procs - 1` forked workers the chunks between (a worker already holds
the passages, so nothing is pickled but the finished segments' descriptions; what it reads is
copied into it page by page as Python counts references, so the parent writes a share itself
rather than fork a copy more). The parent reports progress as segments finish, then under the
lock deletes the removed documents' passages from the segments already there (a derived build:
the earlier index's), merges the small ones as an incremental commit would, and writes the table
of contents listing the old segments and the new ones in chunk order. A failure in this process
or in a worker, or a worker that dies, fails the build (the caller's aside folder is then removed); an
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
    """Write `chunks` as one segment each, this process and `procs - 1` forked workers taking turns,
    then commit them with the `removed` documents' passages deleted from the index's existing
    segments; returns the number of passages written."""
    workers: dict[int, int] = {}  # pipe -> pid
    gc.freeze()  # the passages move out of the collector's reach: a worker's collections touch (copy) none of them
    gather = _Gather(chunks, total, progress)
    try:
        for k in range(1, procs):
            started = _start(ix, chunks, titles, k, procs)
            workers.update(started)
            gather.watch(started)
        for n in range(0, len(chunks), procs):  # this process's own turns: no copy of what it reads
            gather.segments[n] = _write_one(ix, chunks[n], titles, gather.own)
            gather.own(len(chunks[n]) % PROGRESS_EVERY)
        while gather.poll(None):
            pass
        segments = gather.segments
    except BaseException:
        for pid in workers.values():
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        raise
    finally:
        gather.close()
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
    try:
        for i, passage in enumerate(chunk, 1):
            writer.add_document(**passage_fields(passage, titles))
            if i % PROGRESS_EVERY == 0:
                send(PROGRESS_EVERY)
        return writer._finalize_segment()  # its temporary folder is shared: the parent's commit removes it
    except BaseException:
        writer._close_segment()
        raise


class _Gather:
    """The segments the workers report, by chunk number, and the progress of all (this process's own
    through `own`, which also reads what the workers sent meanwhile)."""

    def __init__(self, chunks: list[list[Passage]], total: int, progress: Progress | None) -> None:
        self.segments: dict[int, Any] = {}
        self._buffers: dict[int, bytes] = {}  # pipe -> what has come of the message being sent
        self._chunks, self._total, self._progress = chunks, total, progress
        self._done = 0

    def watch(self, workers: dict[int, int]) -> None:
        self._buffers.update(dict.fromkeys(workers, b""))

    def close(self) -> None:
        """Close the pipes still open (a failed or cancelled build)."""
        for fd in self._buffers:
            os.close(fd)
        self._buffers = {}

    def own(self, count: int) -> None:
        self._advance(count)
        self.poll(0)

    def _advance(self, count: int) -> None:
        self._done += count
        if self._progress:
            self._progress(self._done, self._total, "indexing passages")

    def poll(self, timeout: float | None) -> bool:
        """Take in what the workers sent (waiting up to `timeout`, None: until one sends or ends);
        False once every worker's pipe is closed."""
        if not self._buffers:
            return False
        ready, _w, _x = select.select(list(self._buffers), [], [], timeout)
        for fd in ready:
            data = os.read(fd, 1 << 16)
            if not data:
                os.close(fd)
                del self._buffers[fd]
                continue
            buf = self._buffers[fd] + data
            while len(buf) >= _SIZE.size and len(buf) >= _SIZE.size + _SIZE.unpack_from(buf)[0]:
                size = _SIZE.unpack_from(buf)[0]
                message = pickle.loads(buf[_SIZE.size : _SIZE.size + size])
                buf = buf[_SIZE.size + size :]
                if len(message) == 1:  # passages added
                    self._advance(message[0])
                else:  # a finished segment
                    n, segment = message
                    self.segments[n] = segment
                    self._advance(len(self._chunks[n]) % PROGRESS_EVERY)
            self._buffers[fd] = buf
        return bool(self._buffers)
