"""The finder's counts kept between runs: how many profiles have each signature (blocking) and each
anchor or key (the weights), and each profile's rarest signatures. A run after one document changed
recounts what that document's signatures touch, not the library: at 5,000 documents counting from
scratch takes ~0.6 s, the update a few milliseconds.

What `update` returns is exactly what `viewer.core.pairs.finder.block` and `score.Weights` make
from scratch (`tests/unit/test_pairs_blocking.py` checks it over random changes): a profile's rare
signatures depend only on the counts of its own signatures and on the cap (a function of the number
of profiles), so only the profiles holding a signature whose count moved into, out of or within the
range a rare signature may have are chosen again.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from viewer.core.pairs.finder import cap_for, meet, rare_signatures, signatures
from viewer.core.pairs.profile import Profile
from viewer.core.pairs.score import Weights

log = logging.getLogger(__name__)

Key = tuple[str, str, str | None]  # a profile's document id, text fingerprint and path
REBUILD_SHARE = 0.25  # more than this share of the profiles changed: count from scratch


def key_of(p: Profile) -> Key:
    return (p.doc_id, p.fingerprint, p.path)


def _items(p: Profile) -> frozenset[str]:
    """What the weights count: anchors and lexical keys."""
    return p.anchors | p.keys


class Blocking:
    """Signature and item counts over the profiles of the last run, updated by the difference. Not
    thread-safe: the finder runs one at a time (`Pairing.find` holds its lock)."""

    def __init__(self) -> None:
        self._profiles: dict[Key, Profile] = {}
        self._rare: dict[Key, list[str]] = {}
        self._df: dict[str, int] = {}  # signatures (blocking)
        self._wdf: dict[str, int] = {}  # anchors and keys (the weights)
        self._cap = 0

    def update(self, profiles: Sequence[Profile]) -> tuple[set[tuple[int, int]], Weights]:
        """The blocked index pairs of these profiles (`finder.block`) and their weights (`Weights`)."""
        current = {key_of(p): p for p in profiles}
        removed = [k for k in self._profiles if k not in current]
        added = [k for k in current if k not in self._profiles]
        if not self._profiles or len(removed) + len(added) > REBUILD_SHARE * max(len(current), 1):
            self._rebuild(current)
        else:
            self._apply(current, removed, added)
        chosen = [self._rare[key_of(p)] for p in profiles]
        return meet(profiles, chosen, self._df), Weights.counted(self._wdf, len(profiles))

    def _rebuild(self, current: dict[Key, Profile]) -> None:
        df: dict[str, int] = {}
        wdf: dict[str, int] = {}
        for p in current.values():
            for s in signatures(p):
                df[s] = df.get(s, 0) + 1
            for item in _items(p):
                wdf[item] = wdf.get(item, 0) + 1
        self._df, self._wdf, self._profiles = df, wdf, dict(current)
        self._cap = cap_for(len(current))
        self._rare = {k: rare_signatures(signatures(p), df, self._cap) for k, p in current.items()}

    def _apply(self, current: dict[Key, Profile], removed: list[Key], added: list[Key]) -> None:
        df, wdf = self._df, self._wdf
        before: dict[str, int] = {}  # signature -> its count before this update
        for keys, step in ((removed, -1), (added, 1)):
            for k in keys:
                p = self._profiles[k] if step < 0 else current[k]
                for s in signatures(p):
                    count = df.get(s, 0)
                    before.setdefault(s, count)
                    if count + step:
                        df[s] = count + step
                    else:
                        del df[s]
                for item in _items(p):
                    count = wdf.get(item, 0) + step
                    if count:
                        wdf[item] = count
                    else:
                        del wdf[item]
        for k in removed:
            del self._profiles[k], self._rare[k]
        for k in added:
            self._profiles[k] = current[k]
        cap = cap_for(len(current))
        if cap != self._cap:  # every profile's range of rare counts moved
            self._cap = cap
            self._rare = {k: rare_signatures(signatures(p), df, cap) for k, p in current.items()}
            return
        moved = {
            s for s, old in before.items() if old != (new := df.get(s, 0)) and (2 <= old <= cap or 2 <= new <= cap)
        }
        redo = set(added)
        if moved:
            redo.update(k for k, p in current.items() if k not in redo and _holds(p, moved))
        for k in redo:
            self._rare[k] = rare_signatures(signatures(current[k]), df, cap)
        log.debug("pair blocking: %d out, %d in, %d profiles chosen again", len(removed), len(added), len(redo))


def _holds(p: Profile, wanted: set[str]) -> bool:
    """Whether any of the profile's signatures (`finder.signatures`) is among `wanted`."""
    if not p.anchors.isdisjoint(wanted) or not p.keys.isdisjoint(wanted):
        return True
    return (bool(p.name.stem) and f"s:{p.name.stem}" in wanted) or f"f:{p.name.folder}" in wanted
