"""English vs Norwegian: langdetect's en/no profiles read deterministically, word by word.

langdetect (restricted to its en and no profiles) decides by sampling: in each of 7 trials it draws
the text's character 1-3-grams at random and multiplies in their per-language probabilities until
one language passes 0.99999. A trial is a random walk whose steps are the grams' log-likelihood
ratios, so its outcome is set by their mean and variance, not by the text's length:
z = 2 * mean * B / variance (B = log(0.99999 / 0.00001), the barrier) is the log-odds that a trial
ends at English (the gambler's-ruin formula). Far from 0 every trial ends on the same side and
langdetect's answer is exactly the clipped extreme; near 0 its answer is noisy, and `log_odds`
gives its expected value instead (constants fitted on software strings, not on the dev set; see
viewer/resources/langid/SOURCES.md) and says it is not sure. `langdetect_log_odds` still asks
langdetect itself (the benchmark's baseline; the tests compare the two).

The grams of a text are the concatenation of its words' grams (each word padded with spaces, the
last without its trailing ones), so each word's are summed once and kept (`Grams`).
"""

from __future__ import annotations

import logging
import math
import threading
from operator import mul
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from langdetect.detector_factory import DetectorFactory

log = logging.getLogger(__name__)

LD_CLIP = 5.0  # langdetect is over-confident on short texts; its log-odds are capped here
BARRIER = math.log(0.99999 / 0.00001)  # langdetect's CONV_THRESHOLD as log-odds
SMOOTHING = 0.5 / 10000  # langdetect's ALPHA_DEFAULT / BASE_FREQ
MAX_TEXT = 10000  # langdetect reads this many characters of a text
# |z| from which all 7 trials end on the same side: measured on 23,999 software strings
# (`benchmarks/train_langid.py PKGROOT --fit-enno`), langdetect gave the clipped extreme of z's side
# for 99.9% of them at |z| 6-8 and 100% from 8 on, 97.8% at 4-6, 81% at 2-4. Below Z_SURE its answer
# is noisy and the estimate is its expected value, SLOPE * z + OFFSET (least squares, same strings).
Z_SURE = 6.0
SLOPE = 1.6
OFFSET = 0.1

# langdetect's character normalisation below U+0180, plus U+2019 (General Punctuation, blanked like
# the rest of that block, is the only character of it inside a token): non-letters of Basic Latin
# and four Latin-1 signs become spaces, everything else stays.
_NORMALISE = str.maketrans(
    {
        **{chr(c): " " for c in range(0x80) if not chr(c).isascii() or not chr(c).isalpha()},
        **dict.fromkeys("\u00a0\u00ab\u00b0\u00bb\u2019", " "),
    }
)


APOSTROPHE = "\u2019"  # the one General Punctuation character inside a token; langdetect blanks it


def drops_latin(text: str) -> bool:
    """Whether langdetect's cleaning would take the Latin letters out of `text`: fewer than half as
    many as its characters from U+0300 on (Latin Extended Additional aside), as Detector.cleaning_text counts."""
    latin = sum(1 for ch in text if "A" <= ch <= "z")
    other = sum(1 for ch in text if ch >= "\u0300" and not "\u1e00" <= ch <= "\u1eff")
    return latin * 2 < other


class Grams(NamedTuple):
    """A word's grams that are in the profiles: count, sum and sum of squares of their log-likelihood
    ratios (English over Norwegian), and the same for those ending at its trailing space."""

    n: int
    total: float
    squares: float
    tail_n: int
    tail_total: float
    tail_squares: float


class EnglishNorwegian:
    """langdetect's en and no profiles (loaded on first use) and the deterministic reading of them."""

    def __init__(self) -> None:
        self._factory: DetectorFactory | None = None
        self._llr: dict[str, float] = {}
        self._lock = threading.Lock()

    def factory(self) -> DetectorFactory:
        """The en+no langdetect factory, built on first use (the profile JSON takes a few ms)."""
        if self._factory is None:
            with self._lock:
                if self._factory is None:
                    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

                    factory = DetectorFactory()
                    # Loading only en and no restricts langdetect to them (plain detect() calls
                    # short Bokmål Danish) and is ~50x faster than loading all 55 profiles.
                    profiles = [(Path(PROFILES_DIRECTORY) / code).read_text(encoding="utf-8") for code in ("en", "no")]
                    factory.load_json_profile(profiles)
                    factory.set_seed(0)  # langdetect samples n-grams at random; fix it
                    en, no = factory.langlist.index("en"), factory.langlist.index("no")
                    self._llr = {
                        gram: math.log((SMOOTHING + p[en]) / (SMOOTHING + p[no]))
                        for gram, p in factory.word_lang_prob_map.items()
                    }
                    self._factory = factory
        return self._factory

    def langdetect_log_odds(self, text: str) -> float:
        """langdetect's own answer as clipped log-odds of English (the slow path: it samples)."""
        from langdetect.lang_detect_exception import LangDetectException

        detector = self.factory().create()
        detector.append(text)
        try:
            probs = {p.lang: p.prob for p in detector.get_probabilities()}
        except LangDetectException:
            probs = {}
        p_en = min(max(probs.get("en", 0.5 if not probs else 0.0), 1e-6), 1 - 1e-6)
        return max(-LD_CLIP, min(LD_CLIP, math.log(p_en / (1 - p_en))))

    def word_grams(self, word: str) -> Grams:
        """The grams of a lower-cased token as langdetect reads it between spaces."""
        if word.isascii() or max(word) < "\u0180":
            plain = word.translate(_NORMALISE)
        else:  # other scripts: langdetect's own character normalisation
            from langdetect.utils.ngram import NGram

            plain = "".join(NGram.normalize(ch) for ch in word)
        return _joined([self._piece(p) for p in plain.split()], trailing=True)

    def _piece(self, piece: str) -> Grams:
        """The grams of one space-free run of normalised text, as langdetect's NGram buffer gives them:
        1-3-grams of " piece " ending at each character, none while in a capitalised word (a
        capital after a capital, until a small letter), and then the two ending at the space after."""
        if self._factory is None:
            self.factory()
        get = self._llr.get
        padded = f" {piece} "
        if piece.islower() or not any(map(str.isupper, piece[1:])):
            grams = [*piece, *map(padded.__getitem__, _spans(len(padded)))]
        else:
            grams = []
            capital = previous_upper = False
            for j, ch in enumerate(piece, 1):
                upper = ch.isupper()
                capital = (capital or previous_upper) if upper else False
                previous_upper = upper
                if not capital:
                    grams += [padded[j], padded[j - 1 : j + 1], *([padded[j - 2 : j + 1]] if j > 1 else [])]
            grams += [padded[-2:], padded[-3:]]
        values = [v for v in map(get, grams) if v is not None]
        tail = [v for v in (get(padded[-2:]), get(padded[-3:])) if v is not None]
        return Grams(
            len(values), sum(values), sum(map(mul, values, values)), len(tail), sum(tail), sum(map(mul, tail, tail))
        )

    def text_grams(self, text: str) -> tuple[int, float, float]:
        """(count, sum, sum of squares) of the grams langdetect extracts from any text: piece by piece
        for Latin text of up to MAX_TEXT characters, else by langdetect's own extraction (slow)."""
        if len(text) > MAX_TEXT or not (text.isascii() or max(text) < "\u0180"):
            return self._detector_grams(text)
        if "@" in text or "://" in text:  # langdetect blanks its own idea of URLs and addresses first
            from langdetect.detector import Detector

            text = Detector.MAIL_RE.sub(" ", Detector.URL_RE.sub(" ", text))
        pieces = text.translate(_NORMALISE).split(" ")
        grams = _joined([self._piece(p) for p in pieces if p], trailing=not pieces[-1])
        return grams.n, grams.total, grams.squares

    def _detector_grams(self, text: str) -> tuple[int, float, float]:
        detector = self.factory().create()
        detector.append(text)
        detector.cleaning_text()
        values = [self._llr[g] for g in detector._extract_ngrams()]
        return len(values), sum(values), sum(map(mul, values, values))


def _joined(pieces: list[Grams], trailing: bool) -> Grams:
    """The grams of pieces read in turn, space-separated; the last one's trailing grams only if `trailing`."""
    if not pieces:
        return Grams(0, 0.0, 0.0, 0, 0.0, 0.0)
    if len(pieces) == 1 and trailing:
        return pieces[0]
    last = pieces[-1]
    n = sum(p.n for p in pieces) - (0 if trailing else last.tail_n)
    total = sum(p.total for p in pieces) - (0.0 if trailing else last.tail_total)
    squares = sum(p.squares for p in pieces) - (0.0 if trailing else last.tail_squares)
    return Grams(n, total, squares, last.tail_n, last.tail_total, last.tail_squares)


_SPANS: dict[int, list[slice]] = {}


def _spans(size: int) -> list[slice]:
    """The slices of the 2- and 3-grams of a string of `size` characters (1-grams are its letters)."""
    spans = _SPANS.get(size)
    if spans is None:
        spans = _SPANS[size] = [slice(i, i + n) for n in (2, 3) for i in range(size - n + 1)]
    return spans


def trial_log_odds(n: int, total: float, squares: float) -> float:
    """z: the log-odds that one of langdetect's trials ends at English (0 for no grams)."""
    if n == 0:
        return 0.0
    mean = total / n
    variance = squares / n - mean * mean
    if variance <= 1e-12:
        return math.copysign(math.inf, mean) if mean else 0.0
    return 2.0 * mean * BARRIER / variance


def log_odds(z: float) -> tuple[float, bool]:
    """langdetect's clipped log-odds of English predicted from z, and whether it is sure to be that."""
    if abs(z) >= Z_SURE:
        return math.copysign(LD_CLIP, z), True
    return max(-LD_CLIP, min(LD_CLIP, SLOPE * z + OFFSET)), False


_SHARED: EnglishNorwegian | None = None
_SHARED_LOCK = threading.Lock()


def profiles() -> EnglishNorwegian:
    """The process-wide reader of the profiles (they are loaded once, on first use)."""
    global _SHARED
    if _SHARED is None:
        with _SHARED_LOCK:
            if _SHARED is None:
                _SHARED = EnglishNorwegian()
    return _SHARED
