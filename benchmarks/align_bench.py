"""Alignment speed: time per field on the thesis abstract, and a 1,000 x 1,000-sentence synthetic pair.

Run: .venv/bin/python benchmarks/align_bench.py
Baseline measured in the same run: plain Gale-Church (length only) on the same input, so the ratio
shows what the lexical evidence costs. Peak memory is tracemalloc's peak during the alignment.
"""

from __future__ import annotations

import json
import random
import sys
import time
import tracemalloc
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from viewer.core.align.document import align_text
from viewer.core.align.engine import DEFAULT, align_sentences
from viewer.core.align.lexicon import get_lexicon

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "align" / "thesis_abstract.json"
WORDS_EN = "the service work employer client office support research method result report model".split()
WORDS_NB = "tjenesten arbeid arbeidsgiver bruker kontor støtte forskning metode resultat rapport modell".split()


def best_of(runs: int, fn) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def synthetic(n: int, seed: int = 7) -> tuple[list[str], list[str]]:
    """n English sentences with numbers/names and n-ish Norwegian ones (some merged, one dropped)."""
    rng = random.Random(seed)
    en, nb = [], []
    for i in range(n):
        k = rng.randint(6, 30)
        en.append(" ".join(rng.choice(WORDS_EN) for _ in range(k)) + f" NAV {i}.")
        nb.append(" ".join(rng.choice(WORDS_NB) for _ in range(k)) + f" NAV {i}.")
    del nb[n // 2]
    nb[10] = nb[10] + " " + nb.pop(11)
    return en, nb


def main() -> None:
    get_lexicon()
    text = json.loads(DATA.read_text(encoding="utf-8"))["text"]
    align_text(text)  # warm up langdetect profiles
    field = best_of(5, lambda: align_text(text))
    print(f"thesis abstract ({len(text)} chars, 25 + 25 sentences), split + align: {field * 1000:.1f} ms per field")
    en, nb = synthetic(1000)
    length_only = replace(DEFAULT, lexical=False, lexicon=False)
    base = best_of(1, lambda: align_sentences(en, nb, True, length_only))
    tracemalloc.start()
    start = time.perf_counter()
    beads = align_sentences(en, nb)
    full = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    ones = sum(1 for b in beads if b.s1 - b.s0 == 1 and b.t1 - b.t0 == 1)
    print(f"synthetic 1,000 x 999 sentences: {full:.2f} s, peak {peak / 1e6:.1f} MB (tracemalloc), "
          f"{len(beads)} beads ({ones} 1-1)")
    print(f"baseline Gale-Church length only, same input: {base:.2f} s; ratio {full / base:.1f}x")


if __name__ == "__main__":
    main()
