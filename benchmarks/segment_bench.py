"""Segmenter speed on a large input: `split_sentences` on ~100,000 characters of abbreviations,
quotes, dash items and line breaks (the input of tests/unit/test_segment.py's large-input test,
which checks only what the spans are; this script is where its time is measured).

Run: .venv/bin/python benchmarks/segment_bench.py [--chars N]
Baseline measured in the same run: the same text at a tenth of the length, times ten, so the ratio
shows how time grows with length (about 1.0 when linear; a quadratic pass would show about 10).
The unit test used to require under 500 ms for 100,000 characters.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from viewer.core.corpus.segment import split_sentences

UNIT = "Se f.eks. side 3. Han sa «Hva?» og gikk. - punkt\nNy linje (jf. Nr. 5). "


def best_of(runs: int, text: str) -> float:
    """Seconds of the fastest of `runs` calls of split_sentences(text)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        split_sentences(text)
        times.append(time.perf_counter() - start)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=100_000, help="length of the large input (default 100,000)")
    parser.add_argument("--runs", type=int, default=5, help="best of this many runs (default 5)")
    args = parser.parse_args(argv)
    large = UNIT * (args.chars // len(UNIT) + 1)
    small = UNIT * (args.chars // 10 // len(UNIT) + 1)
    split_sentences(UNIT)  # warm up (regex compilation)
    big = best_of(args.runs, large)
    base = best_of(args.runs, small) * len(large) / len(small)
    n = len(split_sentences(large))
    print(
        f"split_sentences, {len(large):,} chars ({n:,} sentences): {big * 1000:.1f} ms "
        f"({big * 1e6 / n:.1f} µs per sentence)"
    )
    print(
        f"baseline {len(small):,} chars, scaled to the same length: {base * 1000:.1f} ms; "
        f"ratio {big / base:.2f}x (1.0 = linear)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
