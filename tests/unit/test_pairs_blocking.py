"""The finder's kept counts (`viewer.core.pairs.blocking`) against counting from scratch: after every
change of a random sequence (documents changed, added, removed; the number of documents crossing
the points where the cap of rare counts moves), the same blocked pairs and the same weights.

The profiles are those of the bundled corpus's documents, each also copied under other names with
random parts of its anchors and keys, so signatures are shared by a few documents (the rare ones
blocking is made of) as well as by many.
"""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from viewer.core.pairs import kept
from viewer.core.pairs.blocking import Blocking
from viewer.core.pairs.finder import block, cap_for
from viewer.core.pairs.names import NameHint
from viewer.core.pairs.profile import Profile, build_profile
from viewer.core.pairs.score import Weights
from viewer.core.pairs.service import Pairing
from viewer.core.pairs.store import PairStore


@pytest.fixture(scope="module")
def real(corpus) -> list[Profile]:  # type: ignore[no-untyped-def]
    made = [p for d in corpus.documents if (p := build_profile(d)) is not None]
    assert len({p.lang for p in made}) >= 2 and len(made) >= 4
    return made


def variant(rng: random.Random, base: Profile, serial: int) -> Profile:
    """The profile under another id and text, with a random share of its anchors and keys."""
    share = rng.uniform(0.3, 1.0)
    anchors = frozenset(a for a in sorted(base.anchors) if rng.random() < share)
    keys = frozenset(k for k in sorted(base.keys) if rng.random() < share)
    stem = rng.choice(["", "report", "survey", f"stem{serial % 7}"])
    name = NameHint(base.name.lang, stem, f"folder{rng.randrange(4)}")
    lang = base.lang if rng.random() < 0.8 else rng.choice(["en", "nb", "nn"])
    return replace(
        base, doc_id=f"doc{serial}", fingerprint=f"fp{serial}", lang=lang, name=name, anchors=anchors, keys=keys
    )


def same(blocking: Blocking, profiles: list[Profile]) -> None:
    pairs, weights = blocking.update(profiles)
    assert pairs == block(profiles)
    fresh = Weights(profiles)
    assert weights.n == fresh.n and weights.df == fresh.df


def test_kept_counts_give_what_counting_from_scratch_gives(real: list[Profile]) -> None:
    rng = random.Random(16)
    serial = 0

    def new() -> Profile:
        nonlocal serial
        serial += 1
        return variant(rng, rng.choice(real), serial)

    profiles = [*real, *(new() for _ in range(40))]
    blocking = Blocking()
    same(blocking, profiles)
    assert block(profiles), "no pairs blocked: the test would prove nothing"
    caps = set()
    for step in range(90):  # growing to ~80 documents, then shrinking: the cap moves several times
        kind, growing = rng.random(), step < 45
        if kind < 0.3:  # a few documents changed: same ids, other texts
            for i in rng.sample(range(len(profiles)), rng.randint(1, 3)):
                changed = variant(rng, rng.choice(real), serial := serial + 1)
                profiles[i] = replace(changed, doc_id=profiles[i].doc_id)
        elif (kind < 0.9) == growing:
            for _ in range(rng.randint(1, 2)):
                profiles.insert(rng.randrange(len(profiles) + 1), new())
        else:
            for _ in range(rng.randint(1, 2)):
                del profiles[rng.randrange(len(profiles))]
        same(blocking, profiles)
        caps.add(cap_for(len(profiles)))
    assert len(caps) >= 3


def test_a_big_change_counts_from_scratch(real: list[Profile]) -> None:
    rng = random.Random(5)
    first = [variant(rng, rng.choice(real), i) for i in range(30)]
    other = [variant(rng, rng.choice(real), 100 + i) for i in range(30)]
    blocking = Blocking()
    same(blocking, first)
    same(blocking, other)  # all changed
    same(blocking, first[:10] + other[:10])
    same(blocking, [])


def test_prepare_reads_and_counts_ahead_so_the_finder_only_updates(corpus, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    pairing = Pairing(PairStore(":memory:"))
    pairing.prepare(corpus)
    assert pairing._ahead is not None
    pairing._ahead.join()
    built, rebuilt = [], []
    build, rebuild = kept.build_profile, Blocking._rebuild
    monkeypatch.setattr(kept, "build_profile", lambda d: built.append(d.id) or build(d))
    monkeypatch.setattr(Blocking, "_rebuild", lambda self, current: rebuilt.append(1) or rebuild(self, current))
    found = pairing.find(corpus)
    assert built == [] and rebuilt == []  # every profile read and counted ahead
    monkeypatch.undo()
    fresh = Pairing(PairStore(":memory:"))
    assert [p.to_json() for p in found] == [p.to_json() for p in fresh.find(corpus)]
    pairing.close()
    fresh.close()


def test_a_refresh_that_changed_nothing_calls_the_reading_ahead_off(corpus, tmp_path) -> None:  # type: ignore[no-untyped-def]
    first = Pairing(PairStore(tmp_path / "pairs.sqlite3"))
    first.find(corpus)  # the store now says which corpus its pairs were found on
    first.close()
    pairing = Pairing(PairStore(tmp_path / "pairs.sqlite3"))
    pairing.prepare(corpus)
    pairing.find(corpus)  # the same corpus: nothing to find
    assert pairing._ahead is not None
    pairing._ahead.join()
    assert pairing._profiles == {}  # nothing was read
    pairing.close()
