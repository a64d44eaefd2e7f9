"""English / Bokmål / Nynorsk identification for corpus lines; the project's single Lang enum.

Two stages: langdetect (restricted to its en and no profiles) plus a function-word count decides
English vs Norwegian; Bokmål vs Nynorsk is a logistic sum of `viewer.core.language.nbnn`'s weighted vote
(marker words from the written norms) and `viewer.core.language.ngrams`'s n-gram model (trained on
software translations and dictionaries, not on the dev set's sources).

Calibration: each stage turns its evidence into a probability with a logistic curve whose
constants were fitted on the *tune* part of tests/data/langid/dev.tsv (split by source document;
`benchmarks/langid_eval.py --fit-variant` refits the Bokmål/Nynorsk ones); the *holdout* part was
only measured. Confidence is the product of the two stages, shrunk towards 0.5 for
texts of few words, because one or two words rarely decide a language.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from viewer.core.language import ngrams as langmodel

from viewer.core.language import nbnn
from viewer.core.language.labels import UNDETERMINED, Lang, LangGuess

if TYPE_CHECKING:
    from langdetect.detector_factory import DetectorFactory



# URLs, DOIs, e-mail addresses and numbers say nothing about the language of the prose around them.
# The e-mail part starts only where a token starts (the look-behind) and its parts are possessive:
# without that, a long run of word characters with no "@" is rescanned from every position
# (quadratic: 40k characters took 6 s).
_NOISE = re.compile(
    r"(?:https?://|www\.)\S+|\bdoi:\s*\S+|\b10\.\d{4,9}/\S+"
    r"|(?<![\w.+-])[\w.+-]++@[\w-]++\.[\w.-]++"
    r"|\d++(?:[.,:/-]\d+)*+",
    re.IGNORECASE,
)
_EN_WORDS = frozenset(
    "the and of to is are was were with that this for you your it its be by on an as from which"
    " can will not have has been these those their they we our or at into such when what how"
    " should would there than also".split()
)
_NO_WORDS = frozenset(
    "og i er det som på til av med ikke ikkje å at den har vil skal dei seg eller men så også"
    " ved fra frå blir vert kan du eg jeg vi ein eit en et om var hjå hos dette denne".split()
)
_LEX_WEIGHT = 1.2  # log-odds per function word, English vs Norwegian
_LD_CLIP = 5.0  # langdetect is over-confident on short texts; cap its log-odds
# Bokmål/Nynorsk log-odds = RULE * nbnn points + MODEL * langmodel score + BIAS. RULE and MODEL are
# fitted on the tune split; BIAS is a fixed prior (Bokmål is the more common standard) so that text
# without evidence leans Bokmål.
VARIANT_RULE = 0.491
VARIANT_MODEL = 0.446
VARIANT_BIAS = -0.3
_FULL_WORDS = 6  # from this many words on, confidence is not shrunk for length


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, x))))


def _looks_like_name(word: str) -> bool:
    """Capitalised and not a function word of either language (so not 'The' or 'Hei')."""
    low = word.lower()
    return word[0].isupper() and low not in _EN_WORDS and low not in _NO_WORDS and not nbnn.word_points(low)


def clean(text: str) -> str:
    """Text with URLs, DOIs, e-mail addresses and numbers blanked out."""
    return _NOISE.sub(" ", text)


class LanguageIdentifier:
    """Identifies en/nb/nn; loads langdetect's en and no profiles lazily, once."""

    def __init__(self) -> None:
        self._factory: DetectorFactory | None = None
        self._lock = threading.Lock()

    def _detector_factory(self) -> DetectorFactory:
        """The en+no langdetect factory, built on first use (the profile JSON takes a few ms)."""
        if self._factory is None:
            with self._lock:
                if self._factory is None:
                    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

                    factory = DetectorFactory()
                    # Loading only en and no restricts langdetect to them (plain detect() calls
                    # short Bokmål Danish) and is ~50x faster than loading all 55 profiles.
                    profiles = [
                        (Path(PROFILES_DIRECTORY) / code).read_text(encoding="utf-8") for code in ("en", "no")
                    ]
                    factory.load_json_profile(profiles)
                    factory.set_seed(0)  # langdetect samples n-grams at random; fix it
                    self._factory = factory
        return self._factory

    def _english_log_odds(self, cleaned: str, words: list[str]) -> float:
        """Log-odds that the text is English rather than Norwegian."""
        from langdetect.lang_detect_exception import LangDetectException

        detector = self._detector_factory().create()
        detector.append(cleaned)
        try:
            probs = {p.lang: p.prob for p in detector.get_probabilities()}
        except LangDetectException:
            probs = {}
        p_en = min(max(probs.get("en", 0.5 if not probs else 0.0), 1e-6), 1 - 1e-6)
        ld = max(-_LD_CLIP, min(_LD_CLIP, math.log(p_en / (1 - p_en))))
        lex = sum(w in _EN_WORDS for w in words) - sum(w in _NO_WORDS for w in words)
        return ld + _LEX_WEIGHT * lex

    @staticmethod
    def variant_evidence(words: list[str]) -> tuple[float, float]:
        """(nbnn rule points, langmodel score) of lower-cased tokens; positive favours Nynorsk."""
        return nbnn.score(words)[0], langmodel.score(words)

    def variant_log_odds(self, words: list[str]) -> float:
        """Calibrated log-odds that Norwegian tokens are Nynorsk rather than Bokmål."""
        rule, model = self.variant_evidence(words)
        return VARIANT_RULE * rule + VARIANT_MODEL * model + VARIANT_BIAS

    def norwegian_variant(self, text: str) -> tuple[Lang, float]:
        """Bokmål or Nynorsk for text assumed Norwegian, with the probability of that choice."""
        p_nn = _sigmoid(self.variant_log_odds(nbnn.tokens(clean(text))))
        return (Lang.NN, p_nn) if p_nn >= 0.5 else (Lang.NB, 1.0 - p_nn)

    def identify(self, text: str) -> LangGuess:
        """The language of one line or passage; `und` when nothing in it is language."""
        cleaned = clean(text)
        raw_words = nbnn.raw_words(cleaned)
        if not raw_words or all(len(w) < 2 for w in raw_words):
            return UNDETERMINED
        if len(raw_words) <= 3 and all(_looks_like_name(w) for w in raw_words):
            return LangGuess(Lang.UND, 0.2)  # names or acronyms only (NAV, OsloMet)
        words = nbnn.tokens(cleaned)
        # Names and capitalised English terms inside Norwegian prose would sway langdetect.
        ld_text = " ".join(words) if len(words) >= 2 else cleaned
        p_en = _sigmoid(self._english_log_odds(ld_text, words))
        if p_en >= 0.5:
            lang, conf = Lang.EN, p_en
        else:
            lang, p_variant = self.norwegian_variant(cleaned)
            conf = (1.0 - p_en) * p_variant
        shrink = min(1.0, len(raw_words) / _FULL_WORDS)
        return LangGuess(lang, round(0.34 + (conf - 0.34) * shrink, 4))

    def identify_many(self, texts: Iterable[str]) -> list[LangGuess]:
        """`identify` for each text, in order."""
        return [self.identify(t) for t in texts]


_INSTANCE: LanguageIdentifier | None = None
_INSTANCE_LOCK = threading.Lock()


def get_identifier() -> LanguageIdentifier:
    """The process-wide identifier, so langdetect profiles are loaded once."""
    global _INSTANCE
    if _INSTANCE is None:
        with _INSTANCE_LOCK:
            if _INSTANCE is None:
                _INSTANCE = LanguageIdentifier()
    return _INSTANCE


def identify(text: str) -> LangGuess:
    """Convenience: `get_identifier().identify(text)`."""
    return get_identifier().identify(text)
