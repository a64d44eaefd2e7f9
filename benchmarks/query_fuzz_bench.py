"""Hostile and random queries against a synthetic index: the slowest query, p95, and failures.

Builds (once, kept under --work) an index of the bundled corpus grown to --mb megabytes, then runs
a fixed set of known-expensive queries (many two-letter prefixes joined by OR, deep nesting,
fuzzy words, long queries) and --random generated ones, each timed alone. Prints the slowest
queries, the p50/p95/max in ms, and any exception (there should be none). Targets (issue 12):
no query slower than 0.5 s at 5 MB, 2 s at 50 MB.

    .venv/bin/python benchmarks/query_fuzz_bench.py [--mb 5] [--random 2000] [--work DIR]
"""

from __future__ import annotations

import argparse
import random
import statistics
import string
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from search_bench import synthetic_corpus  # noqa: E402

from viewer.core.search.cache import IndexCache  # noqa: E402

TWO = [
    "af",
    "pe",
    "av",
    "ar",
    "be",
    "de",
    "en",
    "fo",
    "ha",
    "in",
    "ka",
    "ko",
    "la",
    "ma",
    "me",
    "no",
    "og",
    "om",
    "pa",
    "pr",
    "re",
    "sa",
    "se",
    "sk",
    "so",
    "st",
    "ta",
    "ti",
    "tj",
    "un",
    "ve",
    "vi",
]


def hostile() -> list[str]:
    ors = [" OR ".join(f"{p}*" for p in TWO[:n]) for n in (1, 8, 16, 32)]
    return [
        *ors,
        " ".join(f"{p}*" for p in TWO),
        " OR ".join(f"{p}~2" for p in ("arbeid", "tjeneste", "implementation", "velferd", "oppfølging") * 4),
        "(" * 9 + "work" + ")" * 9,
        "(" * 40 + "arbeid OR work" + ")" * 40,
        " ".join(["work"] * 40),
        '"' + " ".join(["the"] * 30) + '"',
        "a" * 1000,
        " OR ".join(string.ascii_lowercase),
        "-" + " -".join(TWO) + " arbeid",
    ]


def random_query(rng: random.Random, words: list[str]) -> str:
    parts = []
    for _ in range(rng.randint(1, 12)):
        w = rng.choice(words)
        r = rng.random()
        if r < 0.2:
            w = w[: rng.randint(2, 4)] + "*"
        elif r < 0.3:
            w += rng.choice(["~", "~2"])
        elif r < 0.35:
            w = "-" + w
        elif r < 0.4:
            w = f'"{w} {rng.choice(words)}"'
        parts.append(w)
        if rng.random() < 0.3:
            parts.append(rng.choice(["OR", "AND", "NOT", "(", ")"]))
    return " ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--random", type=int, default=2000)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "query-fuzz-bench")
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    t0 = time.perf_counter()
    corpus = synthetic_corpus(args.mb)
    ix = IndexCache(args.work / f"index-{args.mb:g}").open(corpus)
    print(
        f"index of {corpus.passage_count} passages ({args.mb:g} MB): {ix.status.action} "
        f"in {time.perf_counter() - t0:.1f} s"
    )
    rng = random.Random(args.seed)
    words = sorted({w.lower() for p in corpus.documents[0].passages for w in p.text.split() if w.isalpha()})
    queries = [(q, "hostile") for q in hostile()] + [(random_query(rng, words), "random") for _ in range(args.random)]
    timings: list[tuple[float, str, str]] = []
    failures = 0
    for query, kind in queries:
        t = time.perf_counter()
        try:
            results = ix.search(query, pagelen=10)
            note = results.message
        except Exception:
            failures += 1
            note = traceback.format_exc(limit=2).strip().splitlines()[-1]
        timings.append((time.perf_counter() - t, query, f"{kind}: {note}"))
    values = sorted(t for t, _q, _n in timings)
    print(f"{len(values)} queries, {failures} raised an exception")
    print(
        f"p50 {statistics.median(values) * 1000:.1f} ms   p95 {values[int(len(values) * 0.95)] * 1000:.1f} ms   "
        f"max {values[-1] * 1000:.1f} ms"
    )
    print("slowest:")
    for seconds, query, note in sorted(timings, reverse=True)[:8]:
        print(f"  {seconds * 1000:8.1f} ms  {query[:70]!r}  {note[:90]}")
    ix.close()


if __name__ == "__main__":
    main()
