"""How alike two profiles are as a text and its translation: shared anchors, words linked by the
lexicon, the length ratio, the name and folder, and (for strong candidates) the alignment evidence.

Each feature is in [0, 1] (the length, a penalty); the score is a logistic over them whose weights
were set by `benchmarks/pairs_eval.py`. A name hint or a shared folder is a small bonus that cannot
make a pair on its own; content has to.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from viewer.core.pairs.profile import Profile

# Logistic weights, fitted (benchmarks/pairs_eval.py's folder, tune half: a Newton fit over every
# blocked candidate) and then rounded, with the name weight held down by hand: the folder's names
# follow conventions of its own and another folder's need not, so a name is worth no more than
# a shared folder. Content (anchors, lexical coverage), its margin over the best competitor for
# the same places, the length ratio, the alignment evidence weighed by how many sentences it rests
# on, and the weak name and folder cues.
BIAS = -3.0
W_ANCHORS = 0.8
W_LEXICAL = 2.0
W_LENGTH = -2.4
W_NAME = 1.2
W_FOLDER = 1.0
W_MARGIN = 6.0
W_EVIDENCE = 4.0
EVIDENCE_CAP = 0.4  # evidence (over the aligner's threshold) beyond +-this says nothing more
LENGTH_SLACK = 0.25  # |log(chars ratio)| a translation commonly reaches (1.28x)
MIN_SENTENCES = 1  # sentences a side the alignment check needs
RELIABLE_SENTENCES = 10  # evidence over this many sentences a side counts fully
GATE_SENTENCES = 6  # with this many sentences a side, evidence under the aligner's threshold forbids...
GATED = 0.45  # ...a confident score: the texts do not align, however alike their words
MARGIN_BASE = 0.35  # the content an unrelated candidate reaches (when a place has no competitor)
NBNN_BASELINE = 0.2  # the lexical coverage two unrelated Bokmål and Nynorsk texts share anyway


@dataclass(frozen=True, slots=True)
class Features:
    anchors: float
    lexical: float  # for Bokmål against Nynorsk, beyond NBNN_BASELINE
    length: float  # |log(chars ratio)| beyond LENGTH_SLACK
    name: float  # 1: same stem and hints agreeing with the languages; 0.5: hints only; 0: none
    folder: float  # 1: same folder
    sentences: int = 0  # sentences on the shorter side
    margin: float = 0.0  # content over the best competitor for either document's place
    evidence: float | None = None  # the alignment's evidence over its translation threshold; None: unchecked

    @property
    def content(self) -> float:
        return self.anchors + 1.5 * self.lexical

    def score(self) -> float:
        z = (
            BIAS
            + W_ANCHORS * self.anchors
            + W_LEXICAL * self.lexical
            + W_LENGTH * self.length
            + W_NAME * self.name
            + W_FOLDER * self.folder
            + W_MARGIN * max(-1.0, min(1.0, self.margin))
        )
        e = self.evidence
        if e is not None:
            reliability = min(1.0, self.sentences / RELIABLE_SENTENCES)
            z += W_EVIDENCE * max(-EVIDENCE_CAP, min(EVIDENCE_CAP, e)) * reliability
        p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
        if e is not None and self.sentences >= GATE_SENTENCES and e < 0:
            p = min(p, GATED)
        return p


class Weights:
    """Inverse document frequencies of anchors and keys over the profiles being paired."""

    def __init__(self, profiles: Iterable[Profile]) -> None:
        self.df: dict[str, int] = {}
        self.n = 0
        for p in profiles:
            self.n += 1
            for item in p.anchors | p.keys:
                self.df[item] = self.df.get(item, 0) + 1

    @classmethod
    def counted(cls, df: dict[str, int], n: int) -> Weights:
        """Weights from counts kept elsewhere (`viewer.core.pairs.blocking`; read, never changed here)."""
        weights = cls(())
        weights.df, weights.n = df, n
        return weights

    def idf(self, item: str) -> float:
        return math.log(1.0 + self.n / self.df.get(item, 1))


def anchor_similarity(a: Profile, b: Profile, w: Weights) -> float:
    """Shared anchors, weighted by rarity, over the geometric mean of both sides' anchor weights;
    shrunk towards 0 when the texts have few anchors (two shared years prove little)."""
    if not a.anchors or not b.anchors:
        return 0.0
    shared = sum(w.idf(x) for x in a.anchors & b.anchors)
    wa = sum(w.idf(x) for x in a.anchors)
    wb = sum(w.idf(x) for x in b.anchors)
    prior = 2.0 * math.log(1.0 + w.n)  # the weight of two anchors no other text has, shared by nobody
    return shared / math.sqrt((wa + prior) * (wb + prior))


def coverage(a: Profile, b: Profile, w: Weights) -> float:
    """The weighted share of a's words that meet one of b's keys (itself, a cognate, a translation)."""
    total = hit = 0.0
    other, links = b.keys, a.links
    for key in a.units:
        weight = w.idf(key)
        total += weight
        more = links.get(key)
        if (key in other) if more is None else not more.isdisjoint(other):
            hit += weight
    return hit / total if total else 0.0


def lexical_similarity(a: Profile, b: Profile, w: Weights) -> float:
    """Symmetric coverage: the mean of each side's words met by the other's keys."""
    return (coverage(a, b, w) + coverage(b, a, w)) / 2


def length_penalty(a: Profile, b: Profile) -> float:
    ratio = abs(math.log(max(a.chars, 1) / max(b.chars, 1)))
    return max(0.0, ratio - LENGTH_SLACK)


def name_score(a: Profile, b: Profile) -> float:
    """1.0: the same stem (or both empty) in one folder with hints that agree with each text's language;
    0.5: hints that agree, or the same stem; 0 otherwise (a hint that contradicts the text counts as none)."""
    from viewer.core.pairs.names import hint_agrees

    agree = hint_agrees(a.name.lang, a.lang) is True and hint_agrees(b.name.lang, b.lang) is True
    same_stem = a.name.stem == b.name.stem and (bool(a.name.stem) or agree)
    if same_stem and agree:
        return 1.0
    return 0.5 if same_stem or agree else 0.0


def features(a: Profile, b: Profile, w: Weights) -> Features:
    lexical = lexical_similarity(a, b, w)
    if a.group == b.group:  # Bokmål and Nynorsk: two forms of one language share words anyway
        lexical = max(0.0, (lexical - NBNN_BASELINE) / (1.0 - NBNN_BASELINE))
    return Features(
        anchor_similarity(a, b, w),
        lexical,
        length_penalty(a, b),
        name_score(a, b),
        1.0 if a.name.folder == b.name.folder else 0.0,
        min(a.sentences, b.sentences),
    )
