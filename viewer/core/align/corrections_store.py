"""CorrectionStore: the user's alignment corrections in SQLite (`alignment_corrections.sqlite3`).

User data, opened with `viewer.core.storage`'s care (WAL, synchronous=FULL, a quick check, versioned
migrations with a backup, a damaged file or log set aside and its rows salvaged, read-only and full
disks reported, a newer file left untouched). What is kept is the user's latest state of each
alignment, not the edits that led there: the beads made or confirmed by hand, each side anchored to
its text (`corrections_anchors`). Every `save` is one `BEGIN IMMEDIATE` transaction writing a new
generation of the alignment's rows and dropping the older ones, so a killed process leaves either
the previous state or the new one; only the newest generation of a key is read, so rows an older
state left behind (merged back from a damaged log) never mix into the user's state. A correction
that no longer fits its text is kept with `fit = 'stale'` and carried into every later save until
`clear` or `discard_stale`: never dropped silently.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from viewer.core.align.corrections import Bead
from viewer.core.align.corrections_anchors import (
    Key,
    Problem,
    StoredBead,
    Texts,
    key_of,
    key_parts,
    relocate,
    relocate_all,
    to_stored,
)
from viewer.core.align.corrections_rows import COLUMNS, V1_DDL, bead_of, insert, side_values
from viewer.core.paths import user_data_dir
from viewer.core.storage import database
from viewer.core.storage.database import SalvageTable, StoreBusy, StoreError
from viewer.core.storage.migrations import Step, ddl_step
from viewer.core.storage.store import UserStore

log = logging.getLogger(__name__)

DB_NAME = "alignment_corrections.sqlite3"


# (version reached, step). Append new steps; never edit an old one (files in the wild went through it).
MIGRATIONS: tuple[tuple[int, Step], ...] = ((1, ddl_step(V1_DDL)),)


class CorrectionStoreError(StoreError):
    """The correction store cannot be used or changed as it is (the message says what to do)."""


class CorrectionStoreBusy(CorrectionStoreError, StoreBusy):
    """Another program held the correction store longer than the timeout."""


SPEC = database.StoreSpec(
    name="the alignment corrections",
    folder="the data folder",
    items="corrected pair(s)",
    migrations=MIGRATIONS,
    salvage=(SalvageTable("beads", counted=True, newer="updated"),),
    error=CorrectionStoreError,
    busy=CorrectionStoreBusy,
    read_only="the corrections are applied but new ones cannot be saved",
    unavailable="the alignment corrections cannot be read ({why}): alignments are shown as the aligner made"
    " them and corrections made now last only until the program closes",
)


def default_path() -> Path:
    return user_data_dir() / DB_NAME


def now_utc() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class CorrectionStore(UserStore):
    """The alignment corrections of one user; `path` defaults to the user data folder, ":memory:"
    for tests. Thread-safe (one connection under a lock)."""

    SPEC = SPEC

    def __init__(self, path: str | Path | None = None, *, timeout: float = 5.0) -> None:
        super().__init__(default_path() if path is None else path, timeout=timeout)

    # -- reading ---------------------------------------------------------------------------------
    def keys(self) -> list[Key]:
        """Every alignment with stored corrections (stale ones too)."""
        rows = self._read("SELECT DISTINCT source_doc, target_doc FROM beads ORDER BY source_doc, target_doc")
        return [key_of(a, b) for a, b in rows]

    def stored(self, key: Key) -> tuple[StoredBead, ...]:
        """The newest saved state of the alignment `key`, in order (stale beads last), as stored."""
        source_doc, target_doc = key_parts(key)
        rows = self._read(
            f"SELECT {COLUMNS} FROM beads WHERE source_doc = ? AND target_doc = ? AND generation ="
            " (SELECT max(generation) FROM beads WHERE source_doc = ? AND target_doc = ?) ORDER BY seq",
            (source_doc, target_doc, source_doc, target_doc),
        )
        return tuple(bead_of(row) for row in rows)

    def load(self, key: Key, texts: Texts | None = None) -> tuple[tuple[StoredBead, ...], tuple[Problem, ...]]:
        """The stored beads of `key`, found again in `texts` when given (anchors re-based, `fit` as
        found: see `corrections_anchors.relocate`), and the problems (text no longer found).
        Nothing is written: `apply_stored` records what it found."""
        beads = self.stored(key)
        return relocate_all(beads, texts) if texts is not None else (beads, ())

    def counts(self, key: Key) -> dict[str, int]:
        """Stored beads of `key` by status, and how many are stale."""
        out = {"edited": 0, "confirmed": 0, "stale": 0}
        for bead in self.stored(key):
            out[bead.status] += 1
            out["stale"] += bead.fit == "stale"
        return out

    # -- changing --------------------------------------------------------------------------------
    def save(self, key: Key, texts: Texts, beads: Sequence[Bead]) -> int:
        """The user's state of alignment `key` (the whole bead sequence the UI shows): its beads
        that are not automatic are kept, replacing what was saved before, in one transaction. The
        previous state's corrections that were not part of what the user saw (flagged stale, or
        whose text `texts` no longer holds) are carried over, flagged stale. Returns how many beads
        were kept."""
        fresh = to_stored(beads, texts)
        source_doc, target_doc = key_parts(key)
        stamp = now_utc()
        with self._write() as conn:
            where = "WHERE source_doc = ? AND target_doc = ?"
            row = conn.execute(f"SELECT max(generation) FROM beads {where}", (source_doc, target_doc)).fetchone()
            previous = int(row[0]) if row and row[0] is not None else 0
            before = conn.execute(
                f"SELECT {COLUMNS} FROM beads {where} AND generation = ? ORDER BY seq",
                (source_doc, target_doc, previous),
            ).fetchall()
            stale = [row for row in before if _lost(bead_of(row), texts)]
            conn.execute(f"DELETE FROM beads {where}", (source_doc, target_doc))
            generation = previous + 1
            for bead in fresh:
                insert(conn, source_doc, target_doc, generation, bead, stamp, stamp)
            for i, old in enumerate(stale):
                carried = replace(bead_of(old), seq=len(fresh) + i, fit="stale")
                insert(conn, source_doc, target_doc, generation, carried, old[-2], stamp)
        return len(fresh)

    def record(self, key: Key, beads: Sequence[StoredBead]) -> int:
        """Write back what `apply_stored` found: re-based anchors and `fit`, for the rows of the
        current state that changed (a state saved since is left alone). Returns the rows written;
        a store that cannot be written keeps them as they are (logged)."""
        known = {b.row: b for b in self.stored(key)}
        changed = [b for b in beads if b.row in known and known[b.row] != b]
        if not changed:
            return 0
        if self.unwritable:
            log.info("%s cannot be written: %d re-anchored correction(s) not saved", self.path, len(changed))
            return 0
        source_doc, target_doc = key_parts(key)
        written = 0
        with self._write() as conn:
            for bead in changed:
                values = [bead.fit, *side_values(bead.source, bead.source_count)]
                values += [*side_values(bead.target, bead.target_count), now_utc()]
                sets = ", ".join(f"{c} = ?" for c in COLUMNS.split(", ")[6:-2]) + ", updated = ?"
                written += conn.execute(
                    f"UPDATE beads SET {sets} WHERE id = ? AND source_doc = ? AND target_doc = ? AND generation = ?"
                    " AND seq = ?",
                    (*values, bead.row, source_doc, target_doc, bead.generation, bead.seq),
                ).rowcount
        return written

    def clear(self, key: Key) -> int:
        """Forget every correction of `key` (stale ones too): back to the automatic alignment."""
        source_doc, target_doc = key_parts(key)
        with self._write() as conn:
            return int(
                conn.execute(
                    "DELETE FROM beads WHERE source_doc = ? AND target_doc = ?", (source_doc, target_doc)
                ).rowcount
            )

    def relink(self, old: Key, new: Key) -> bool:
        """The corrections of `old` become those of `new` (its documents were renamed or moved: the
        same texts under new ids). Nothing moves when `new` already has corrections; True when moved."""
        old_parts, new_parts = key_parts(old), key_parts(new)
        with self._write() as conn:
            taken = conn.execute(
                "SELECT 1 FROM beads WHERE source_doc = ? AND target_doc = ? LIMIT 1", new_parts
            ).fetchone()
            if taken:
                log.warning("corrections of %s not moved to %s: it has its own", old, new)
                return False
            moved = conn.execute(
                "UPDATE beads SET source_doc = ?, target_doc = ? WHERE source_doc = ? AND target_doc = ?",
                (*new_parts, *old_parts),
            ).rowcount
        return bool(moved)

    def fingerprints(self, key: Key) -> tuple[str, str]:
        """The fingerprints of the texts `key`'s newest corrections were saved on (source, target)."""
        source_doc, target_doc = key_parts(key)
        rows = self._read(
            "SELECT source_fp, target_fp FROM beads WHERE source_doc = ? AND target_doc = ? AND fit != 'stale'"
            " ORDER BY generation DESC, seq LIMIT 50",
            (source_doc, target_doc),
        )
        source = next((str(a) for a, _ in rows if a), "")
        target = next((str(b) for _, b in rows if b), "")
        return source, target

    def discard_stale(self, key: Key) -> int:
        """Forget the corrections of `key` that no longer fit its text."""
        source_doc, target_doc = key_parts(key)
        with self._write() as conn:
            return int(
                conn.execute(
                    "DELETE FROM beads WHERE source_doc = ? AND target_doc = ? AND fit = 'stale'",
                    (source_doc, target_doc),
                ).rowcount
            )


def _lost(bead: StoredBead, texts: Texts) -> bool:
    """Whether a bead of the previous state is not part of the state being saved: flagged stale
    (it did not fit when last applied) or its text is not in `texts` at all (never shown)."""
    return bead.fit == "stale" or relocate(bead, texts)[0].fit == "stale"
