"""Finding which documents translate each other, without comparing every document with every other.

1. Blocking: each document's rarest signatures (anchors, lexical keys - English words carry their
   translations' keys -, its name stem and folder) meet the other documents that share them; each
   document keeps its best few candidates across languages (en vs nb/nn, nb vs nn).
2. Scoring the candidates on content (`viewer.core.pairs.score`), then the alignment evidence for
   the strong ones only (`check`: the caller reads their texts, and may keep what it found).
3. An assignment, best scores first: a document gets at most one counterpart per language; pairs the
   user made or confirmed hold their places, rejected ones are never proposed again.
"""

from __future__ import annotations

import heapq
import logging
import math
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, replace

from viewer.core.pairs.model import oriented, pair_key
from viewer.core.pairs.profile import Profile
from viewer.core.pairs.score import MARGIN_BASE, MIN_SENTENCES, Features, Weights, features
from viewer.core.progress import Cancel, Progress

log = logging.getLogger(__name__)

SIGNATURES_PER_DOC = 80  # rarest signatures a document is blocked by
CANDIDATES_PER_DOC = 12  # candidates kept per document after blocking
CHECKS_PER_DOC = 3  # strong candidates per document that get the alignment check
CHECK_FLOOR = 0.03  # cheap score a candidate needs for the alignment check
SUGGEST_FLOOR = 0.1  # below this a candidate is not worth showing the user
STEM_WEIGHT = 3.0  # a shared name stem counts as this many rare signatures when blocking

# The alignment check of two oriented profiles (`viewer.core.pairs.align.check_evidence` of their
# texts): the evidence over the aligner's threshold, None when cancelled.
Check = Callable[[Profile, Profile, Cancel | None], float | None]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A scored candidate pair, oriented (source: the English side, or Bokmål before Nynorsk)."""

    source: Profile
    target: Profile
    features: Features
    score: float

    @property
    def key(self) -> str:
        return pair_key(self.source.doc_id, self.target.doc_id)


def can_pair(a: Profile, b: Profile) -> bool:
    """Different languages: English against Norwegian, or Bokmål against Nynorsk."""
    return a.doc_id != b.doc_id and a.lang != b.lang


def signatures(p: Profile) -> set[str]:
    """What a document is blocked by: its anchors and lexical keys, its name stem and its folder."""
    out = set(p.anchors) | set(p.keys)
    if p.name.stem:
        out.add(f"s:{p.name.stem}")
    out.add(f"f:{p.name.folder}")
    return out


def cap_for(n: int) -> int:
    """The most documents a signature may be in to count as rare among n."""
    return max(8, int(2 * math.sqrt(n)))


def rare_signatures(sigs: Iterable[str], df: dict[str, int], cap: int) -> list[str]:
    """A document's rarest signatures (in 2 to `cap` documents), rarest first, at most SIGNATURES_PER_DOC."""
    return sorted((s for s in sigs if 2 <= df[s] <= cap), key=lambda s: (df[s], s))[:SIGNATURES_PER_DOC]


def block(profiles: Sequence[Profile]) -> set[tuple[int, int]]:
    """Index pairs (i < j) worth scoring: those sharing the most weight of rare signatures.
    (`viewer.core.pairs.blocking` keeps the counts between runs and gives the same pairs.)"""
    sigs = [signatures(p) for p in profiles]
    df: dict[str, int] = {}
    for doc in sigs:
        for s in doc:
            df[s] = df.get(s, 0) + 1
    cap = cap_for(len(profiles))
    return meet(profiles, [rare_signatures(doc, df, cap) for doc in sigs], df)


def meet(profiles: Sequence[Profile], chosen: Sequence[list[str]], df: dict[str, int]) -> set[tuple[int, int]]:
    """Each document's best CANDIDATES_PER_DOC in other languages by the weight of the rare signatures
    (`chosen`, per profile) they share; `df`: how many profiles have each signature."""
    n = len(profiles)
    # Postings by language: a document meets only the other languages' (`can_pair`; ids are distinct).
    postings: dict[str, dict[str, list[int]]] = {}
    for i, rare in enumerate(chosen):
        for s in rare:
            postings.setdefault(s, {}).setdefault(profiles[i].lang, []).append(i)
    found: set[tuple[int, int]] = set()
    for i, rare in enumerate(chosen):
        shared: dict[int, float] = {}
        lang = profiles[i].lang
        for s in rare:
            weight = math.log(1.0 + n / df[s]) * (STEM_WEIGHT if s.startswith("s:") else 1.0)
            for other, js in postings[s].items():
                if other != lang:
                    for j in js:
                        shared[j] = shared.get(j, 0.0) + weight
        best = heapq.nsmallest(CANDIDATES_PER_DOC, shared, key=lambda j: (-shared[j], j))
        found.update((min(i, j), max(i, j)) for j in best)
    return found


def _candidate(a: Profile, b: Profile, weights: Weights) -> Candidate:
    src = oriented(a.doc_id, a.lang, b.doc_id, b.lang)[0]
    source, target = (a, b) if src == a.doc_id else (b, a)
    f = features(source, target, weights)
    return Candidate(source, target, f, f.score())


def with_margins(candidates: Sequence[Candidate]) -> list[Candidate]:
    """Each candidate's content over the best competitor for the same places (another document of
    the target's language for the source, and the reverse), at least MARGIN_BASE."""
    best: dict[tuple[str, str], list[tuple[float, str]]] = {}
    for c in candidates:
        for place in ((c.source.doc_id, c.target.lang), (c.target.doc_id, c.source.lang)):
            entries = best.setdefault(place, [])
            entries.append((c.features.content, c.key))
            entries.sort(reverse=True)
            del entries[2:]  # the best two are enough to know the best other one
    out = []
    for c in candidates:
        rival = MARGIN_BASE
        for place in ((c.source.doc_id, c.target.lang), (c.target.doc_id, c.source.lang)):
            rival = max([rival, *(v for v, key in best[place] if key != c.key)])
        f = replace(c.features, margin=c.features.content - rival)
        out.append(replace(c, features=f, score=f.score()))
    return out


def _checked(c: Candidate, check: Check, cancel: Cancel | None) -> Candidate:
    if c.features.sentences < MIN_SENTENCES:
        return c
    evidence = check(c.source, c.target, cancel)
    if evidence is None:
        return c
    f = replace(c.features, evidence=evidence)
    return replace(c, features=f, score=f.score())


def score_candidates(
    profiles: Sequence[Profile],
    check: Check,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    blocked: tuple[set[tuple[int, int]], Weights] | None = None,
) -> list[Candidate]:
    """Every blocked candidate with its score; the strong ones checked by alignment. Best first.
    `blocked`: the blocked pairs and weights when the caller keeps them (`blocking.Blocking`)."""
    pairs, weights = blocked or (block(profiles), Weights(profiles))
    candidates = with_margins([_candidate(profiles[i], profiles[j], weights) for i, j in sorted(pairs)])
    candidates.sort(key=lambda c: (-c.score, c.key))
    checks: dict[str, int] = {}
    to_check: list[int] = []
    for k, c in enumerate(candidates):
        if c.score < CHECK_FLOOR:
            break
        ids = (c.source.doc_id, c.target.doc_id)
        if all(checks.get(d, 0) < CHECKS_PER_DOC for d in ids):
            to_check.append(k)
            for d in ids:
                checks[d] = checks.get(d, 0) + 1
    for done, k in enumerate(to_check):
        if cancel and cancel():
            break
        if progress:
            c = candidates[k]
            progress(done, len(to_check), f"Comparing {c.source.doc_id} and {c.target.doc_id}")
        candidates[k] = _checked(candidates[k], check, cancel)
    if progress:
        progress(len(to_check), len(to_check), "Compared")
    candidates.sort(key=lambda c: (-c.score, c.key))
    return candidates


def assign(
    candidates: Iterable[Candidate],
    taken: Iterable[tuple[str, str]] = (),
    excluded: Collection[str] = (),
    floor: float = SUGGEST_FLOOR,
) -> list[Candidate]:
    """Best scores first, each document at most one counterpart per language.

    `taken`: (doc id, language of its counterpart) places already held (the user's pairs);
    `excluded`: pair keys never to propose (rejected pairs, and the user's own pairs).
    """
    held = set(taken)
    out: list[Candidate] = []
    for c in sorted(candidates, key=lambda c: (-c.score, c.key)):
        if c.score < floor:
            break
        if c.key in excluded:
            continue
        places = ((c.source.doc_id, c.target.lang), (c.target.doc_id, c.source.lang))
        if any(place in held for place in places):
            continue
        held.update(places)
        out.append(c)
    return out


def find(
    profiles: Sequence[Profile],
    check: Check,
    taken: Iterable[tuple[str, str]] = (),
    excluded: Collection[str] = (),
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    blocked: tuple[set[tuple[int, int]], Weights] | None = None,
) -> list[Candidate]:
    """The suggested pairs of these profiles: candidates scored, then assigned."""
    candidates = score_candidates(profiles, check, progress, cancel, blocked)
    chosen = assign(candidates, taken, excluded)
    log.info("pair finder: %d documents, %d candidates, %d suggestions", len(profiles), len(candidates), len(chosen))
    return chosen
