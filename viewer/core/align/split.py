"""Find where a text switches from one language to the other, at a sentence boundary.

A change-point search: every sentence gets a probability of being English from the language
identifier; the switch is the boundary that best separates an English run from a Norwegian run
(either order), weighted by sentence length so that a short name-only sentence cannot move it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from viewer.core.corpus.segment import split_sentences
from viewer.core.language.labels import Lang, LangGuess

# Both halves must agree with their language this well on average (length-weighted).
MIN_AGREEMENT = 0.75
# The smaller part must hold at least this many characters: a lone name is not a language part.
MIN_PART_CHARS = 15
# Fields of up to this many sentences also weigh how well the two parts align (`_aligned_switch`).
MAX_ALIGNED_UNITS = 40
NEAR = 2  # ...over boundaries this many sentences either side of the labels' own choice
SURE_LABEL = 0.8
RESCUE_AGREEMENT, RESCUE_ALIGNED = 0.75, 0.6  # a switch the labels alone do not carry
MOVE_MARGIN = 0.1  # ...and only when that aligns clearly better (score gain over the labels' choice)
MIN_ALIGNED = 0.6  # a moved switch, or one the labels alone do not carry, must align at least this well


def english_probability(guess: LangGuess) -> float:
    """P(English) from a guess; undetermined text counts as 0.5 (no evidence)."""
    if guess.lang is Lang.EN:
        return 0.5 + guess.confidence / 2
    if guess.lang in (Lang.NB, Lang.NN):
        return 0.5 - guess.confidence / 2
    return 0.5


def find_switch(lengths: Sequence[int], guesses: Sequence[LangGuess]) -> int | None:
    """Index of the first sentence of the second-language part, or None when monolingual."""
    n = len(guesses)
    if n < 2:
        return None
    weights = [min(max(length, 1), 300) ** 0.5 for length in lengths]
    p_en = [english_probability(g) for g in guesses]
    total = sum(weights)
    # prefix[k] = weighted English evidence of sentences < k
    prefix_en = [0.0]
    prefix_w = [0.0]
    for w, p in zip(weights, p_en, strict=True):
        prefix_en.append(prefix_en[-1] + w * p)
        prefix_w.append(prefix_w[-1] + w)
    all_en = prefix_en[n]
    all_no = total - all_en
    best: tuple[float, int] | None = None
    for k in range(1, n):
        head_en, head_w = prefix_en[k], prefix_w[k]
        tail_en, tail_w = all_en - head_en, total - head_w
        for head_score, tail_score in ((head_en, tail_w - tail_en), (head_w - head_en, tail_en)):
            score = head_score + tail_score
            if best is None or score > best[0]:
                best = (score, k)
    if best is None:
        return None
    score, k = best
    head_w, tail_w = prefix_w[k], total - prefix_w[k]
    head_en = prefix_en[k]
    tail_en = all_en - head_en
    head_agree = max(head_en, head_w - head_en) / head_w
    tail_agree = max(tail_en, tail_w - tail_en) / tail_w
    same_language = (head_en > head_w / 2) == (tail_en > tail_w / 2)
    if same_language or min(head_agree, tail_agree) < MIN_AGREEMENT:
        return None
    if min(sum(lengths[:k]), sum(lengths[k:])) < MIN_PART_CHARS:
        return None
    # The split must explain clearly more than "it is all one language" does.
    if score - max(all_en, all_no) < 0.5 * min(head_w, tail_w):
        return None
    return k


def _votes(guesses: Sequence[LangGuess], lengths: Sequence[int]) -> list[float]:
    """Each sentence's signed English evidence, its confidence-weighted label times its length weight."""
    return [
        (2 * english_probability(g) - 1) * min(max(n, 1), 300) ** 0.5 for g, n in zip(guesses, lengths, strict=True)
    ]


def _agreement(votes: Sequence[float], sign: int) -> float:
    """Share of the evidence of some sentences that points the way `sign` says (1 when none points elsewhere)."""
    total = sum(map(abs, votes))
    return sum(v for v in votes if v * sign > 0) * sign / total if total else 0.0


def _alignment_quality(texts: Sequence[str], k: int, english_first: bool) -> float:
    """How well the parts before and after sentence k align as a text and its translation: the
    summed confidence of one-to-one beads over the longer part's sentence count, in [0, 1]."""
    from viewer.core.align.engine import align_sentences

    beads = align_sentences(texts[:k], texts[k:], english_first)
    one_to_one = sum(b.score for b in beads if b.s1 - b.s0 == 1 and b.t1 - b.t0 == 1)
    return one_to_one / max(k, len(texts) - k)


def _aligned_switch(
    texts: Sequence[str], lengths: Sequence[int], guesses: Sequence[LangGuess], k: int | None
) -> int | None:
    """The switch chosen jointly by the sentence labels and by how well the two parts align, so that
    one wrong label near the boundary (a short English sentence called Norwegian) cannot move it.

    Candidates: the label-only switch `k` and the boundaries up to NEAR sentences from it across
    sentences labelled below SURE_LABEL (a sure label is not overruled by the alignment); without
    one (labels too unsure to agree), every boundary. A candidate's score is the share of the labels'
    evidence it agrees with plus its alignment quality. Found without `k`, a switch must still have
    each part agreeing with its language (RESCUE_AGREEMENT of the evidence) and align clearly
    (RESCUE_ALIGNED): a monolingual text's halves do not."""
    n = len(texts)
    if n < 4:
        return k
    votes = _votes(guesses, lengths)
    total = sum(map(abs, votes)) or 1.0
    best: tuple[float, int, int] | None = None
    for j in range(2, n - 1) if k is None else range(max(1, k - NEAR), min(n - 1, k + NEAR) + 1):
        if min(j, n - j) < 2 or min(sum(lengths[:j]), sum(lengths[j:])) < MIN_PART_CHARS:
            continue
        if k is not None and any(g.confidence >= SURE_LABEL for g in guesses[min(j, k) : max(j, k)]):
            continue  # the boundary moves only across sentences whose labels are unsure
        head = sum(votes[:j])
        sign = 1 if head > 0 else -1
        labels = (sign * head - sign * sum(votes[j:])) / total
        quality = _alignment_quality(texts, j, sign > 0)
        if k is not None and j != k and quality < MIN_ALIGNED:
            continue  # a move must land where the parts really align as translations
        score = labels + quality - (MOVE_MARGIN if k is not None and j != k else 0.0)
        if best is None or score > best[0]:
            best = (score, j, sign)
    if best is None:
        return k
    _, j, sign = best
    if k is not None:
        return j
    agreed = min(_agreement(votes[:j], sign), _agreement(votes[j:], -sign))
    if agreed < RESCUE_AGREEMENT or _alignment_quality(texts, j, sign > 0) < RESCUE_ALIGNED:
        return None
    return j


# --- Character-level split of raw text -------------------------------------------------------

# Two sentences glued without a space: "...in practice.Basert på" (a lowercase word, a stop, a capital).
_GLUED = re.compile(r"(?<=[a-zæøå0-9)][.!?])(?=[A-ZÆØÅ][a-zæøå])")
_WORD = re.compile(r"\S+")
_CHUNK_WORDS = 20  # unpunctuated runs are cut into pieces of this many words for identification
_MIN_SIDE_EVIDENCE = 3  # an in-sentence switch needs this many language-marked words on each side
_NO_SUFFIXES = ("sjon", "sjonen", "sjonar", "sjoner", "heten", "ene", "lige", "erte", "ert", "ninger", "ningar")
_EN_SUFFIXES = ("tion", "tions", "ness", "ity", "ies", "ly", "ed")


@dataclass(frozen=True, slots=True)
class Split:
    """Where the second-language part of a text begins, and the two parts' languages."""

    offset: int
    first: Lang
    second: Lang


def units_of(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, real_boundary) pieces: sentences, cut at glued stops and into word chunks.

    real_boundary tells whether the piece starts at a sentence boundary (True) or at an artificial
    chunk cut inside unpunctuated text (False), which the refinement may move.
    """
    out: list[tuple[int, int, bool]] = []
    for s, e in split_sentences(text) or []:
        cuts = [s] + [m.start() for m in _GLUED.finditer(text, s, e)] + [e]
        for a, b in pairwise(cuts):
            words = list(_WORD.finditer(text, a, b))
            if len(words) <= 2 * _CHUNK_WORDS:
                out.append((a, b, True))
                continue
            for i in range(0, len(words), _CHUNK_WORDS):
                piece = words[i : i + _CHUNK_WORDS]
                if i and len(piece) < _CHUNK_WORDS // 2:  # a short tail joins the previous piece
                    out[-1] = (out[-1][0], piece[-1].end(), out[-1][2])
                    continue
                out.append((piece[0].start(), piece[-1].end(), i == 0))
    return out


def word_language(word: str) -> int:
    """+1 English, -1 Norwegian, 0 unknown (names, acronyms, numbers, shared words) for one word."""
    from viewer.core.align.lexicon import STOP_EN, STOP_NO, get_lexicon

    bare = word.strip(".,;:!?()«»\"“”'’[]")
    low = bare.lower()
    if not low.isalpha() or (len(bare) > 1 and bare.isupper()):  # acronyms (NAV, IPS) belong to both
        return 0
    if any(ch in low for ch in "æøå"):
        return -1
    lexicon = get_lexicon()
    en = low in STOP_EN or low in lexicon.english
    no = low in STOP_NO or low in lexicon.norwegian
    if en != no:
        return 1 if en else -1
    if not en:
        if low.endswith(_NO_SUFFIXES):
            return -1
        if low.endswith(_EN_SUFFIXES) or "w" in low or "th" in low:
            return 1
    return 0


def find_split(text: str) -> Split | None:
    """The character offset where a text's second language begins, or None when it is monolingual."""
    from viewer.core.language.identify import get_identifier

    units = units_of(text)
    if len(units) < 2:
        return None
    identifier = get_identifier()
    guesses = identifier.identify_many(text[s:e] for s, e, _ in units)
    lengths = [e - s for s, e, _ in units]
    k = find_switch(lengths, guesses)
    if all(real for *_, real in units) and len(units) <= MAX_ALIGNED_UNITS:
        k = _aligned_switch([text[s:e] for s, e, _ in units], lengths, guesses, k)
    if k is None:
        return None
    first = identifier.identify(text[units[0][0] : units[k - 1][1]]).lang
    second = identifier.identify(text[units[k][0] : units[-1][1]]).lang
    if Lang.UND in (first, second) or (first is Lang.EN) == (second is Lang.EN):
        return None
    offset = _refine(text, units, k, 1 if first is Lang.EN else -1)
    return Split(offset, first, second)


def _refine(text: str, units: list[tuple[int, int, bool]], k: int, sign: int) -> int:
    """Move the unit-level boundary to the word where the language really changes, when words say so.

    Inside a real sentence only to a capitalised word with enough evidence on both sides (so
    "Individual Placement and Support (IPS) er ..." stays whole); at an artificial chunk cut, to
    any word, preferring a capitalised one.
    """
    words = [m for s, e, _ in units[k - 1 : k + 1] for m in _WORD.finditer(text, s, e)]
    scores = [sign * word_language(m.group(0)) for m in words]
    boundary = next(i for i, m in enumerate(words) if m.start() >= units[k][0])
    # gain[b] = evidence that words < b are first-language and words >= b second-language
    total_right = -sum(scores)
    best = (float("-inf"), 0.0, boundary)
    left = 0.0
    for b in range(len(words) + 1):
        gain = left + total_right  # first-language agreement on the left + second on the right
        if 0 < b < len(words):
            capital = words[b].group(0)[0].isupper() or words[b - 1].group(0)[-1] in ".!?:"
            allowed = b == boundary or capital or not _inside_real(units, k, words[b].start())
            if allowed:
                tie = 2.0 if b == boundary else (1.0 if capital else 0.0)
                if (gain, tie) > best[:2]:
                    best = (gain, tie, b)
        if b < len(words):
            left += scores[b]
            total_right += scores[b]
    b = best[2]
    if b != boundary and _inside_real(units, k, words[b].start()):
        left_ev = [s for s in scores[_first_word_of(words, units, k, b) : b] if s]
        right_ev = [s for s in scores[b : _last_word_of(words, units, k, b)] if s]
        if not _clear(left_ev, 1) or not _clear(right_ev, -1):
            b = boundary
    return words[b].start()


def _inside_real(units: list[tuple[int, int, bool]], k: int, pos: int) -> bool:
    """Whether pos lies inside a piece that is (part of) a real sentence rather than a chunk cut."""
    for s, e, real in (units[k - 1], units[k]):
        if s < pos < e:
            return real and (units[k][2] or s == units[k][0])
    return False


def _first_word_of(words: list[re.Match[str]], units: list[tuple[int, int, bool]], k: int, b: int) -> int:
    """Index of the first word of the piece holding word b."""
    start = units[k - 1][0] if words[b].start() < units[k][0] else units[k][0]
    return next(i for i, m in enumerate(words) if m.start() >= start)


def _last_word_of(words: list[re.Match[str]], units: list[tuple[int, int, bool]], k: int, b: int) -> int:
    """Index after the last word of the piece holding word b."""
    end = units[k - 1][1] if words[b].start() < units[k][0] else units[k][1]
    return sum(1 for m in words if m.start() < end)


def _clear(evidence: list[int], want: int) -> bool:
    return len(evidence) >= _MIN_SIDE_EVIDENCE and sum(e == want for e in evidence) >= 0.8 * len(evidence)
