"""Each word's evidence as a row of numbers, worked out for many new words at once with numpy.

`LanguageIdentifier.identify_many` (through `viewer.core.language.batch`) sums these rows per text.
A row holds what the identifier's word stores hold (`identify._Word`, `_Sums`): langdetect's gram
count, log-ratio sum and sum of squares, the same for the grams at the trailing space, the
function-word vote, the Bokmål/Nynorsk points and model score, and a few flags.

Plain words (alphabetic, lower-case, below U+0180: `grams.Tables.word`'s rule) are read all at once:
the batch's words are joined as "_w1__w2_", their characters turned into small codes (an alphabet
of the 45 letters the tables use, 0 for any other), and each n-gram becomes an integer. The 1-3-grams
are read in dense tables indexed by that integer; the Bokmål/Nynorsk model's 4- and 5-grams by
binary search in a sorted array. Per-word sums are `np.add.reduceat` over the words' positions.
They are the same grams as `enno`/`ngrams` read, added in another order (equal up to float
rounding, about 1e-15). Other words are read by `enno.word_grams` and `ngrams.word_score` one by one.
"""

from __future__ import annotations

import threading
from itertools import chain, repeat
from operator import contains

import numpy as np

from viewer.core.language import cues, enno, nbnn
from viewer.core.language import ngrams as langmodel

(N, TOTAL, SQUARES, TAIL_N, TAIL_TOTAL, TAIL_SQUARES, VOTE, POINTS, MODEL, ODD, CHARS, AA, A4, FN, APOS, LATIN) = range(
    16
)
COLUMNS = 16  # APOS, LATIN: a word's typographic apostrophes and (for such a word) its letters A-z
PAD = "_"
WORD_PREFIX = langmodel.WORD_PREFIX
_BITS = 6  # bits per character code: the alphabet has at most 63 letters (0 is "not in any table")
_LATIN_END = 0x180
_ENDS = frozenset(e[-2:] for e in nbnn._SUFFIXES)  # every suffix has two letters or more
_LAST2 = slice(-2, None)
MAX_WORDS = 1 << 16  # words kept (the table starts afresh when full, like the identifier's stores)


def _letters(grams: str) -> list[str]:
    """The characters of the tables' grams (all joined) that a plain padded word can hold."""
    found = set(grams)
    return sorted(
        ch
        for ch in found
        if ch == PAD or (ord(ch) < _LATIN_END and ch.isalpha() and not ch.isupper() and not ch.istitle())
    )


class GramHash:
    """Integer gram codes to weights: an open-addressing hash table (linear probing, at most half full)
    looked up for many codes at once; measured ~3x faster than a binary search in sorted codes."""

    _MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing

    def __init__(self, codes: np.ndarray, weights: np.ndarray) -> None:
        bits = max(4, int(2 * max(1, len(codes)) - 1).bit_length())  # a quarter to a half full
        self._shift = np.uint64(64 - bits)
        self._mask = (1 << bits) - 1
        self.keys = np.full(1 << bits, -1, np.int64)
        self.values = np.zeros(1 << bits)
        slot, todo, self.probes = self._slot(codes), np.arange(len(codes)), 0
        while len(todo):  # each round: the first code of each free slot takes it, the others go on
            self.probes += 1
            free = self.keys[slot[todo]] == -1
            chosen, first = np.unique(slot[todo[free]], return_index=True)
            placed = todo[free][first]
            self.keys[chosen], self.values[chosen] = codes[placed], weights[placed]
            rest = np.ones(len(todo), bool)
            rest[np.flatnonzero(free)[first]] = False
            todo = todo[rest]
            slot[todo] = (slot[todo] + 1) & self._mask

    def _slot(self, codes: np.ndarray) -> np.ndarray:
        return ((codes.astype(np.uint64) * self._MULTIPLIER) >> self._shift).astype(np.int64)

    def get(self, codes: np.ndarray) -> np.ndarray:
        """The weight of each code, 0.0 for codes not in the table."""
        out = np.zeros(len(codes))
        slot, todo = self._slot(codes), np.arange(len(codes))
        for _ in range(self.probes):  # no code sits further than `probes` slots from its own
            found = self.keys[slot]
            hit = found == codes[todo]
            out[todo[hit]] = self.values[slot[hit]]
            going = ~hit & (found != -1)
            todo, slot = todo[going], (slot[going] + 1) & self._mask
            if not len(todo):
                break
        return out


class GramCodes:
    """The langdetect en/no log-ratios and the nb/nn model's weights, keyed by integer gram codes."""

    def __init__(self) -> None:
        reader = enno.profiles()
        reader.factory()
        llr = {gram.replace(" ", PAD): value for gram, value in reader._llr.items()}
        self.model = model = langmodel.load()
        # The model's n-grams by length, read at C level (it has ~110,000 features).
        keys = list(model)
        weights = np.fromiter(model.values(), float, len(keys))
        length = np.fromiter(map(len, keys), np.int64, len(keys))
        length[np.fromiter(map(str.startswith, keys, repeat(langmodel.WORD_PREFIX)), bool, len(keys))] = 0
        at = {n: np.flatnonzero(length == n) for n in (2, 3, 4, 5)}
        short = {n: list(map(keys.__getitem__, at[n].tolist())) for n in at}
        letters = _letters("".join(llr) + "".join(chain.from_iterable(short.values())))
        if len(letters) >= 1 << _BITS:
            raise ValueError(f"{len(letters)} letters do not fit {_BITS}-bit codes")
        self.alphabet = np.zeros(_LATIN_END, np.int64)
        self.alphabet[[ord(ch) for ch in letters]] = np.arange(1, len(letters) + 1)
        self.pad = int(self.alphabet[ord(PAD)])
        # Rows for 1-3-grams: [in langdetect's profiles (1.0), log-ratio, its square, model weight];
        # row 0 is "no such gram". Dense index tables per n map a code to its row.
        self.index = [np.zeros(1 << (_BITS * n), np.int32) for n in (1, 2, 3)]
        blocks = [np.zeros((1, 4))]
        for n in (1, 2, 3):
            found = sorted({g for g in llr if len(g) == n}.union(short.get(n, ())))
            gram_codes, kept = self._codes(found, n)
            found = [found[i] for i in kept.tolist()]
            block = np.zeros((len(found), 4))
            values = [llr.get(g) for g in found]
            block[:, 0] = [v is not None for v in values]
            block[:, 1] = [0.0 if v is None else v for v in values]
            block[:, 2] = block[:, 1] * block[:, 1]
            if n >= 2:  # the model has no 1-grams
                block[:, 3] = [model.get(g, 0.0) for g in found]
            self.index[n - 1][gram_codes] = np.arange(len(found)) + sum(map(len, blocks))
            blocks.append(block)
        self.rows = np.concatenate(blocks)
        self.long: list[GramHash] = []  # 4- and 5-grams: codes to weights
        for n in (4, 5):
            gram_codes, kept = self._codes(short[n], n)
            self.long.append(GramHash(gram_codes, weights[at[n][kept]]))

    def _codes(self, grams: list[str], n: int) -> tuple[np.ndarray, np.ndarray]:
        """The codes of n-character grams that a plain padded word can hold, and their positions in `grams`."""
        if not grams:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        chars = np.frombuffer("".join(grams).encode("utf-32-le"), np.uint32).reshape(len(grams), n)
        digits = np.where(chars < _LATIN_END, self.alphabet[np.minimum(chars, _LATIN_END - 1)], 0)
        kept = np.flatnonzero((digits > 0).all(axis=1))
        value = np.zeros(len(kept), np.int64)
        for j in range(n):
            value = (value << _BITS) | digits[kept, j]
        return value, kept

    def plain_rows(self, words: list[str]) -> np.ndarray:
        """Rows [n, total, squares, tail_n, tail_total, tail_squares, model] of plain words."""
        size = np.fromiter(map(len, words), np.int64, len(words)) + 2
        ends = np.cumsum(size)
        starts = ends - size
        joined = PAD + (PAD + PAD).join(words) + PAD
        chars = np.frombuffer(joined.encode("utf-32-le"), np.uint32)
        codes = np.zeros(len(chars) + 4, np.int64)  # 4 zeros after: every position has 5 characters
        codes[: len(chars)] = self.alphabet[chars]
        total = len(chars)
        left = np.repeat(ends, size) - np.arange(total)  # characters from each position to its word's end
        grams = [codes[:total]]
        for n in range(1, 5):
            grams.append((grams[-1] << _BITS) | codes[n : n + total])
        one = np.where(codes[:total] == self.pad, 0, self.index[0][grams[0]])  # letters only
        two = np.where(left >= 2, self.index[1][grams[1]], 0)
        three = np.where(left >= 3, self.index[2][grams[2]], 0)
        values = self.rows[one] + self.rows[two] + self.rows[three]
        for n, table in zip((4, 5), self.long, strict=True):
            at = np.flatnonzero(left >= n)
            values[at, 3] += table.get(grams[n - 1][at])
        sums = np.add.reduceat(values, starts)
        tail = self.rows[two[ends - 2]] + self.rows[three[ends - 3]]  # the 2- and 3-gram at the closing pad
        out = np.empty((len(words), 7))
        out[:, :3] = sums[:, :3]
        out[:, 3:6] = tail[:, :3]
        whole = np.fromiter(map(self.model.get, map(WORD_PREFIX.__add__, words), repeat(0.0)), float, len(words))
        out[:, 6] = whole + sums[:, 3]
        return out


class WordRows:
    """Word ids and their rows (`COLUMNS` numbers each), bounded at MAX_WORDS words."""

    def __init__(self, codes: GramCodes) -> None:
        self._codes = codes
        self.ids: dict[str, int] = {}
        self.rows = np.zeros((1024, COLUMNS))

    def lookup(self, words: list[str]) -> np.ndarray:
        """The ids of `words` (new ones are read first); the table may start afresh before that."""
        ids = np.fromiter(map(self.ids.get, words, repeat(-1)), np.int64, len(words))
        missing = np.flatnonzero(ids < 0)
        if len(missing):
            new = list(set(map(words.__getitem__, missing.tolist())))
            if len(self.ids) + len(new) > MAX_WORDS:
                self.ids.clear()
                new, missing = list(dict.fromkeys(words)), np.arange(len(words))
            self._add(new)
            ids[missing] = list(map(self.ids.__getitem__, map(words.__getitem__, missing.tolist())))
        return ids

    def _add(self, words: list[str]) -> None:
        first = len(self.ids)
        need = first + len(words)
        if need > len(self.rows):
            grown = np.zeros((max(need, 2 * len(self.rows)), COLUMNS))
            grown[:first] = self.rows[:first]
            self.rows = grown
        rows = self.rows[first:need]
        rows[:] = 0.0
        count = len(words)
        plain = np.fromiter(map(str.isalpha, words), bool, count) & np.fromiter(map(str.islower, words), bool, count)
        wide = np.flatnonzero(plain & ~np.fromiter(map(str.isascii, words), bool, count))  # max() only for these
        plain[wide] = np.fromiter(map(ord, map(max, map(words.__getitem__, wide.tolist()))), np.int64) < _LATIN_END
        at = np.flatnonzero(plain)
        table = list(map(words.__getitem__, at.tolist()))
        if table:
            read = self._codes.plain_rows(table)
            rows[at, N : TAIL_SQUARES + 1] = read[:, :6]
            rows[at, MODEL] = read[:, 6]
        for i in np.flatnonzero(~plain).tolist():
            word = words[i]
            rows[i, N : TAIL_SQUARES + 1] = enno.profiles().word_grams(word)
            rows[i, MODEL] = langmodel.word_score(word)
            bare = word.replace(enno.APOSTROPHE, "")
            rows[i, ODD] = not (word.isascii() or max(word) < "\u0300" or max(bare) < "\u0300")
            rows[i, APOS] = len(word) - len(bare)
            rows[i, LATIN] = sum(1 for ch in word if "A" <= ch <= "z")
        en = np.fromiter(map(contains, repeat(cues.EN_WORDS), words), bool, count)
        no = np.fromiter(map(contains, repeat(cues.NO_WORDS), words), bool, count)
        rows[:, VOTE] = en.astype(float) - no
        rows[:, FN] = en | no
        # nbnn.word_points is 0 unless the word is in its lexicon or has one of its affixes: the
        # others are told apart at C level and never called.
        lexicon = np.fromiter(map(contains, repeat(nbnn._LEXICON_WEIGHT), words), bool, count)
        # (its last two letters first: one set look-up instead of ~70 endswith tests)
        affix = np.fromiter(map(contains, repeat(_ENDS), map(str.__getitem__, words, repeat(_LAST2))), bool, count)
        affix |= np.fromiter(map(str.startswith, words, repeat(nbnn._PREFIXES)), bool, count)
        some = np.flatnonzero(lexicon | affix)
        rows[some, POINTS] = list(map(nbnn.word_points, map(words.__getitem__, some.tolist())))
        lengths = np.fromiter(map(len, words), np.int64, count)
        rows[:, CHARS] = lengths + 1
        rows[:, AA] = np.fromiter(map("å".__eq__, words), bool, count)
        rows[:, A4] = (lengths >= 4) & np.fromiter(map(str.endswith, words, repeat("a")), bool, count)
        self.ids.update(zip(words, range(first, need), strict=True))


_SHARED: GramCodes | None = None
_SHARED_LOCK = threading.Lock()


def codes() -> GramCodes:
    """The process-wide gram codes (built from the shared profiles and model on first use)."""
    global _SHARED
    if _SHARED is None:
        with _SHARED_LOCK:
            if _SHARED is None:
                _SHARED = GramCodes()
    return _SHARED
