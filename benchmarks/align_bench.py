"""Alignment speed: a field (thesis abstract), the field aligner on 1,000 x 1,000 synthetic sentences,
and `align_texts` on two documents of 500, 1,000 and 2,000 sentences a side.

Run: .venv/bin/python benchmarks/align_bench.py
Baseline measured in the same run: plain Gale-Church (length only, in the same DP) on the same input,
so the ratio shows what the lexical evidence costs. Peak memory is tracemalloc's peak (a separate run,
as tracing slows Python down about threefold). The document pairs are real text: the real pairs of
tests/data/align/docs.jsonl.gz, each side concatenated in order (blank lines between documents)
until the English side has N sentences; a synthetic pair of N capitalised sentences is timed too.
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

from align_docs_eval import load_docs

from viewer.core.align.document import align_text
from viewer.core.align.engine import DEFAULT, align_sentences
from viewer.core.align.lexicon import get_lexicon
from viewer.core.align.texts import align_spans, align_texts
from viewer.core.corpus.segment import split_sentences

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


def real_pair(n: int) -> tuple[str, str]:
    """Real document pairs joined until the English side has n sentences (cut at a document boundary)."""
    docs = [r for r in load_docs() if "synthetic" not in r["tags"]]
    source: list[str] = []
    target: list[str] = []
    count = k = 0
    while count < n:
        r = docs[k % len(docs)]
        source.append(r["source_text"])
        target.append(r["target_text"])
        count += len(split_sentences(r["source_text"]))
        k += 1
    text = "\n\n".join(source)
    cut = split_sentences(text)[n - 1][1]
    share = cut / len(text)
    target_text = "\n\n".join(target)
    tgt_cut = next((e for _, e in split_sentences(target_text) if e >= share * len(target_text)), len(target_text))
    return text[:cut], target_text[:tgt_cut]


def documents() -> None:
    length_only = replace(DEFAULT, lexical=False, lexicon=False)
    print("align_texts on two documents (seconds; baseline: length-only Gale-Church in the same DP):")
    for kind in ("real", "synthetic"):
        for n in (500, 1000, 2000):
            if kind == "real":
                source, target = real_pair(n)
                langs = ("en", "nn")
            else:
                en, nb = synthetic(n)
                source, target = ("\n".join(s[0].upper() + s[1:] for s in side) for side in (en, nb))
                langs = ("en", "nb")
            src, tgt = split_sentences(source), split_sentences(target)
            base = best_of(1, lambda: align_spans(source, src, target, tgt, *langs, params=length_only))  # noqa: B023
            start = time.perf_counter()
            result = align_texts(source, target, *langs)
            full = time.perf_counter() - start
            print(
                f"  {kind:<9} {len(src):>5} x {len(tgt):<5} {full:6.2f} s   baseline {base:5.2f} s   "
                f"ratio {full / base:4.1f}x   translated={result.translated}, {len(result.pairs)} beads"
            )
    source, target = real_pair(2000)
    tracemalloc.start()
    align_texts(source, target, "en", "nn")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"  peak memory, real 2,000-sentence pair: {peak / 1e6:.1f} MB (tracemalloc)")


def main() -> None:
    get_lexicon()
    text = json.loads(DATA.read_text(encoding="utf-8"))["text"]
    align_text(text)  # warm up langdetect profiles
    field = best_of(5, lambda: align_text(text))
    print(f"thesis abstract ({len(text)} chars, 25 + 25 sentences), split + align: {field * 1000:.1f} ms per field")
    en, nb = synthetic(1000)
    length_only = replace(DEFAULT, lexical=False, lexicon=False)
    base = best_of(1, lambda: align_sentences(en, nb, True, length_only))
    start = time.perf_counter()
    beads = align_sentences(en, nb)
    full = time.perf_counter() - start
    tracemalloc.start()
    align_sentences(en, nb)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    ones = sum(1 for b in beads if b.s1 - b.s0 == 1 and b.t1 - b.t0 == 1)
    print(
        f"synthetic 1,000 x 999 sentences: {full:.2f} s, peak {peak / 1e6:.1f} MB (tracemalloc), "
        f"{len(beads)} beads ({ones} 1-1)"
    )
    print(f"baseline Gale-Church length only, same input: {base:.2f} s; ratio {full / base:.1f}x")
    documents()


if __name__ == "__main__":
    main()
