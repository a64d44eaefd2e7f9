"""Language-switch finding on short two-sentence fields built from the language-ID dev set.

    .venv/bin/python benchmarks/split_eval.py [--pairs 300] [--seed 5]

Monolingual: two short sentences of one label joined by a space (a split there is a false split).
Bilingual: one English and one Bokmål or Nynorsk short sentence, in either order (the split must
fall exactly at the start of the second sentence). Complements align_eval.py, whose fields are
longer; this is where the minimum part length (split.MIN_PART_CHARS) is decided.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from viewer.core import split  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=300)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    by_label: dict[str, list[str]] = {}
    with open(ROOT / "tests/data/langid/dev.tsv", encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if len(row) == 4 and row[1] == "short":
                by_label.setdefault(row[0], []).append(row[3].strip())
    for minimum in (40, 25, split.MIN_PART_CHARS, 10):
        split.MIN_PART_CHARS = minimum
        rng = random.Random(args.seed)
        false = sum(
            split.find_split(" ".join(rng.sample(by_label[label], 2))) is not None
            for label in ("en", "nb", "nn")
            for _ in range(args.pairs // 2)
        )
        exact = 0
        for _ in range(args.pairs):
            first, second = rng.choice(by_label["en"]), rng.choice(by_label[rng.choice(["nb", "nn"])])
            if rng.random() < 0.5:
                first, second = second, first
            found = split.find_split(f"{first} {second}")
            exact += found is not None and found.offset == len(first) + 1
        print(
            f"MIN_PART_CHARS={minimum:>2}: false splits {false}/{3 * (args.pairs // 2)} monolingual; "
            f"exact splits {exact}/{args.pairs} bilingual"
        )


if __name__ == "__main__":
    main()
