"""Find where a text switches from one language to the other, at a sentence boundary.

A change-point search: every sentence gets a probability of being English from the language
identifier; the switch is the boundary that best separates an English run from a Norwegian run
(either order), weighted by sentence length so that a short name-only sentence cannot move it.
"""

from __future__ import annotations

from collections.abc import Sequence

from viewer.core.language import Lang, LangGuess

# Both halves must agree with their language this well on average (length-weighted).
MIN_AGREEMENT = 0.75
# The smaller part must hold at least this many characters: a lone name is not a language part.
MIN_PART_CHARS = 40


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
