"""Are two aligned texts translations of each other? A length-aware decision on translation evidence.

`engine.translation_evidence` is how much more alike the aligned pairs are than shifted pairs:
~0 for unrelated texts, but noisy for short ones (few pairs; the DP picks the best-looking ones).
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

# Aligned pairs must be this much more alike than shifted pairs to count as a translation.
TRANSLATION_THRESHOLD = 0.06


def is_translation(evidence: float, n_source: int, n_target: int) -> bool:
    """Whether texts of n_source and n_target sentences with this evidence are translations."""
    return evidence >= TRANSLATION_THRESHOLD
