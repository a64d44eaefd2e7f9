"""Language identification speed at the sentence level, in MB/s of UTF-8 text, one process.

    .venv/bin/python benchmarks/langid_bench.py [--mb 5] [--runs 3] [--profile]

Inputs: (1) every sentence of the bundled corpus, repeated to ~--mb MB; (2) the texts of the
langid dev set (tests/data/langid/dev.tsv; only their text is used, one pass = ~0.2 MB).
Baseline, measured in the same run: plain langdetect restricted to its en and no profiles (what
the identifier used to run on every text), on one copy of (1) and on (2); it keeps nothing between
texts, so its rate does not depend on repetition. The new path, `LanguageIdentifier`:
- warm: one identifier over all the input, as an import uses it (it keeps chunks, words and
  identical short texts); "no text store" switches the last off, so repeated sentences are worked
  out again from their kept chunks and words;
- cold: a fresh identifier for each copy / pass, so every chunk and word is new to it once.
MB/s is per core: the process's CPU time (time.process_time), which other work on a shared machine
disturbs less than the wall clock; the wall-clock rate is printed beside it. New-path figures are
the best of --runs runs. `--profile` then prints where a cold pass over the dev texts and the
corpus sentences spends its time (cProfile, own time per function).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from viewer.core.language.enno import EnglishNorwegian  # noqa: E402
from viewer.core.language.identify import LanguageIdentifier  # noqa: E402
from viewer.core.library.bundled import bundled_corpus  # noqa: E402

DEV = ROOT / "tests" / "data" / "langid" / "dev.tsv"


def corpus_sentences() -> list[str]:
    corpus = bundled_corpus()
    return [p.sentence_text(s) for p in corpus.passages() for s in p.sentences]


def dev_texts() -> list[str]:
    return [line.split("\t", 3)[3] for line in DEV.read_text(encoding="utf-8").splitlines()[1:]]


def megabytes(texts: list[str]) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


def rate(texts: list[str], run: Callable[[list[str]], object], runs: int = 1) -> tuple[float, float]:
    """(MB/s of CPU time, MB/s of wall-clock time) of `run(texts)`, each the best of `runs` runs."""
    cpu = wall = float("inf")
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        run(texts)
        cpu = min(cpu, time.process_time() - start_cpu)
        wall = min(wall, time.perf_counter() - start)
    return megabytes(texts) / cpu, megabytes(texts) / wall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="size of the repeated corpus input (default 5)")
    parser.add_argument("--runs", type=int, default=3, help="best of this many runs of the new path (default 3)")
    parser.add_argument("--profile", action="store_true", help="then profile a cold pass (fresh text)")
    args = parser.parse_args(argv)

    sentences = corpus_sentences()
    copies = max(1, round(args.mb / megabytes(sentences)))
    repeated = sentences * copies
    dev = dev_texts()
    print(
        f"bundled corpus: {len(sentences):,} sentences, {megabytes(sentences) * 1000:.0f} kB; x{copies} = "
        f"{megabytes(repeated):.2f} MB. dev set: {len(dev):,} texts, {megabytes(dev) * 1000:.0f} kB"
    )

    langdetect = EnglishNorwegian()  # a reader of its own: the identifier's is not touched
    langdetect.langdetect_log_odds("warm up the profiles")
    LanguageIdentifier().identify("Dette er ein test.")  # load the profiles and the nb/nn model once

    def old(texts: list[str]) -> None:
        for text in texts:
            langdetect.langdetect_log_odds(text)

    def by_copy(texts: list[str]) -> list[list[str]]:
        return [texts[i : i + len(sentences)] for i in range(0, len(texts), len(sentences))]

    def warm(remember_texts: bool) -> Callable[[list[str]], object]:
        def run(texts: list[str]) -> None:
            ident = LanguageIdentifier(remember_texts=remember_texts)
            for copy in by_copy(texts):
                ident.identify_many(copy)

        return run

    def cold(texts: list[str]) -> None:
        for copy in by_copy(texts):
            LanguageIdentifier().identify_many(copy)

    def second_pass(texts: list[str]) -> tuple[float, float]:
        ident = LanguageIdentifier(remember_texts=False)
        ident.identify_many(texts)  # the first pass fills the chunk and word stores
        return rate(texts, ident.identify_many, args.runs)

    old_corpus = rate(sentences, old)
    old_dev = rate(dev, old)
    print(
        f"old path (plain langdetect, en+no): corpus sentences {old_corpus[0]:.3f} MB/s "
        f"(wall {old_corpus[1]:.3f}), dev texts {old_dev[0]:.3f} MB/s (wall {old_dev[1]:.3f})"
    )
    rows = [
        (f"corpus x{copies}, warm", rate(repeated, warm(True), args.runs), old_corpus),
        (f"corpus x{copies}, warm, no text store", rate(repeated, warm(False), args.runs), old_corpus),
        (f"corpus x{copies}, cold for each copy", rate(repeated, cold, args.runs), old_corpus),
        ("dev texts, cold (one pass)", rate(dev, lambda t: LanguageIdentifier().identify_many(t), args.runs), old_dev),
        ("dev texts, second pass, no text store", second_pass(dev), old_dev),
    ]
    print(f"{'new path':44s} {'MB/s':>8s} {'x old':>8s} {'wall MB/s':>10s}")
    for label, (mbps, wall), base in rows:
        print(f"  {label:42s} {mbps:8.2f} {mbps / base[0]:8.1f} {wall:10.2f}")
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(lambda: LanguageIdentifier().identify_many(dev + sentences))
        print("\ncold pass over the dev texts and the corpus sentences, by own time:")
        pstats.Stats(profile, stream=sys.stdout).sort_stats("tottime").print_stats(12)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
