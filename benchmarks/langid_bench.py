"""Language identification speed at the sentence level, in MB/s of UTF-8 text, one process.

    .venv/bin/python benchmarks/langid_bench.py [--mb 5] [--runs 3] [--profile]

Inputs: (1) every sentence of the bundled corpus, repeated to ~--mb MB; (2) the texts of the
langid dev set (tests/data/langid/dev.tsv; only their text is used, one pass = ~0.2 MB);
(3) fresh text with a real vocabulary: the strings of this machine's Norwegian message catalogues
(/usr/share/locale/{nb,nn,no}/LC_MESSAGES/*.mo, read with the stdlib's gettext) and their English
originals, split into lines, lines of three words or more, each distinct line once (~1.5 MB on a
Debian image; the row is skipped without them). Software strings, not reports, but nothing in
them repeats, so new words get rarer only as a real vocabulary makes them (Zipf), not by copying.
Baseline, measured in the same run: plain langdetect restricted to its en and no profiles (what
the identifier used to run on every text), on one copy of (1) and on (2); it keeps nothing between
texts, so its rate does not depend on repetition. The new path, `LanguageIdentifier`:
- warm: one identifier over all the input, as an import uses it (it keeps chunks, words and
  identical short texts); "no text store" switches the last off, so repeated sentences are worked
  out again from their kept chunks and words;
- cold: a fresh identifier for each copy / pass, so every chunk and word is new to it once;
- fresh: one identifier over the catalogue lines, a batch per catalogue (as a document is one).
Each row is read two ways: `identify_many` over a batch (a copy, a pass, a catalogue: numpy sums,
as corpus building asks once per document) and `identify` text by text (how corpus building asked
before); "x 1-by-1" is their ratio. MB/s is per core: the process's CPU time
(time.process_time), which other work on a shared machine disturbs less than the wall clock; the
wall-clock rate of the batch path is printed beside it. Figures are the best of --runs runs.
`--profile` then prints where a cold batch over the dev texts and the corpus sentences spends its
time (cProfile, own time per function).
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


def catalogue_texts() -> list[list[str]]:
    """Per Norwegian message catalogue of this machine: its distinct lines of 3+ words, Norwegian
    then English (a line already taken from an earlier catalogue is not taken again)."""
    import gettext

    seen: set[str] = set()
    out = []
    for path in sorted(Path("/usr/share/locale").glob("n[bno]*/LC_MESSAGES/*.mo")):
        try:
            catalogue = gettext.GNUTranslations(path.open("rb"))._catalog  # type: ignore[attr-defined]
        except (OSError, UnicodeDecodeError, ValueError):  # unreadable or not a catalogue
            continue
        pairs = [(k[0] if isinstance(k, tuple) else k, v) for k, v in catalogue.items() if k and isinstance(v, str)]
        lines = []
        for text in [v for _k, v in pairs] + [k for k, _v in pairs]:
            for line in text.splitlines():
                line = line.strip()
                if len(line.split()) >= 3 and line not in seen:
                    seen.add(line)
                    lines.append(line)
        if lines:
            out.append(lines)
    return out


def megabytes(texts: list[str]) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6


Run = Callable[[list[str]], object]


def rate(texts: list[str], run: Run, runs: int = 1) -> tuple[float, float]:
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

    Read = Callable[[LanguageIdentifier, list[str]], object]

    def many(ident: LanguageIdentifier, batch: list[str]) -> object:
        return ident.identify_many(batch)

    def one_by_one(ident: LanguageIdentifier, batch: list[str]) -> object:
        return [ident.identify(text) for text in batch]

    def warm(remember_texts: bool, batches: Callable[[list[str]], list[list[str]]]) -> Callable[[Read], Run]:
        def with_read(read: Read) -> Run:
            def run(texts: list[str]) -> None:
                ident = LanguageIdentifier(remember_texts=remember_texts)
                for batch in batches(texts):
                    read(ident, batch)

            return run

        return with_read

    def cold(read: Read) -> Run:
        def run(texts: list[str]) -> None:
            for copy in by_copy(texts):
                read(LanguageIdentifier(), copy)

        return run

    def second_pass(read: Read) -> tuple[float, float]:
        ident = LanguageIdentifier(remember_texts=False)
        read(ident, dev)  # the first pass fills the chunk and word stores
        return rate(dev, lambda texts: read(ident, texts), args.runs)

    old_corpus = rate(sentences, old)
    old_dev = rate(dev, old)
    print(
        f"old path (plain langdetect, en+no): corpus sentences {old_corpus[0]:.3f} MB/s "
        f"(wall {old_corpus[1]:.3f}), dev texts {old_dev[0]:.3f} MB/s (wall {old_dev[1]:.3f})"
    )
    catalogues = catalogue_texts()
    fresh = [line for lines in catalogues for line in lines]
    inputs: list[tuple[str, list[str], Callable[[Read], Run] | None, tuple[float, float]]] = [
        (f"corpus x{copies}, warm", repeated, warm(True, by_copy), old_corpus),
        (f"corpus x{copies}, warm, no text store", repeated, warm(False, by_copy), old_corpus),
        (f"corpus x{copies}, cold for each copy", repeated, cold, old_corpus),
        ("dev texts, cold (one pass)", dev, warm(True, lambda t: [t]), old_dev),
        ("dev texts, second pass, no text store", dev, None, old_dev),
    ]
    if fresh:
        print(
            f"catalogues: {len(catalogues)} Norwegian message catalogues, {len(fresh):,} lines, "
            f"{megabytes(fresh):.2f} MB"
        )
        fresh_batches = warm(True, lambda _t: catalogues)
        inputs.append(("catalogue lines, fresh (a batch per catalogue)", fresh, fresh_batches, old_dev))
    else:
        print("catalogues: none under /usr/share/locale/n[bno]*/LC_MESSAGES (the fresh row is skipped)")
    print(f"{'new path':50s} {'MB/s':>7s} {'x old':>7s} {'1-by-1':>7s} {'x 1-by-1':>9s} {'wall MB/s':>10s}")
    for label, texts, make, base in inputs:
        if make is None:
            (mbps, wall), (single, _w) = second_pass(many), second_pass(one_by_one)
        else:
            (mbps, wall), (single, _w) = rate(texts, make(many), args.runs), rate(texts, make(one_by_one), args.runs)
        print(f"  {label:48s} {mbps:7.2f} {mbps / base[0]:7.1f} {single:7.2f} {mbps / single:9.2f} {wall:10.2f}")
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(lambda: LanguageIdentifier().identify_many(dev + sentences))
        print("\ncold batch of the dev texts and the corpus sentences, by own time:")
        pstats.Stats(profile, stream=sys.stdout).sort_stats("tottime").print_stats(12)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
