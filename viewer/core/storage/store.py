"""The common part of a user-data store: one SQLite connection, opened with the storage layer's care
(`fallback.open_store`: migrations, salvage of a damaged file, read-only and newer files left
untouched), used under a lock; writes in one transaction each, reads that turn a database error
into the user's one-line message. A store subclass names its `StoreSpec` and adds its tables' API.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar, Self

from viewer.core.storage import database, fallback, spec
from viewer.core.storage.spec import StoreSpec

log = logging.getLogger(__name__)


class UserStore:
    """One store of the user's (thread-safe). `notice` says what the user should know about opening
    it (a damaged file moved aside to `moved_to`, a file that can only be read); `unwritable` why
    changes are refused ("" when they are not)."""

    SPEC: ClassVar[StoreSpec]

    def __init__(self, path: str | Path, *, timeout: float = 5.0) -> None:
        self.path = str(path)
        self.timeout = timeout
        opened = fallback.open_store(self.SPEC, self.path, timeout)
        self._conn = opened.conn
        self.notice: str | None = opened.notice
        self.moved_to: Path | None = opened.moved_to
        self.unwritable = opened.unwritable
        self._lock = threading.RLock()

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self.unwritable:
                raise spec.refused(self.SPEC, self.path, self.unwritable)
            with database.transaction(self.SPEC, self._conn, self.path, self.timeout):
                yield self._conn

    def _read(self, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            try:
                return self._conn.execute(sql, tuple(params)).fetchall()
            except sqlite3.DatabaseError as exc:
                error = database.user_error(self.SPEC, self.path, self.timeout, exc)
                if error is exc:
                    raise
                log.warning("reading %s failed: %s", self.path, exc)
                raise error from None
