"""Concordance, translation candidates and cross-language search on a big library (issue 15).

    .venv/bin/python benchmarks/concord_bench.py [--mb 5] [--words 200] [--queries 60]

The corpus is search_bench's (the bundled texts copied with ~3% of words altered until N MB), so it
holds many copies of the bilingual thesis abstract: aligned sentences to learn from. Printed:
- what is learned once per corpus (the aligned sentences collected and the translation model built:
  the precomputation cross search and candidates stand on) and its time;
- a frequent word with 1,000+ matches: the first screen (the first 50 lines built, what the view
  paints first) and the full concordance, sorted and unsorted;
- translation candidates per word (p50/p95 over words of the model) once learned;
- cross-language search (`~word`) against plain search of the same words, p50/p95, same run.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from search_bench import p95, synthetic_corpus  # noqa: E402

from viewer.core.align.corrections_store import CorrectionStore  # noqa: E402
from viewer.core.align.service import Aligning  # noqa: E402
from viewer.core.library.cache import DocumentCache  # noqa: E402
from viewer.core.library.library import Library  # noqa: E402
from viewer.core.pairs.service import Pairing  # noqa: E402
from viewer.core.pairs.store import PairStore  # noqa: E402
from viewer.core.search.cache import IndexCache  # noqa: E402
from viewer.core.workspace import Workspace  # noqa: E402

FREQUENT = ("implementering", "implementation", "intervensjonen", "work", "arbeid", "tjenester")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def timed(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--words", type=int, default=200)
    parser.add_argument("--queries", type=int, default=60)
    args = parser.parse_args()
    corpus = synthetic_corpus(args.mb)
    size = sum(len(d.text.encode()) for d in corpus.documents) / 1e6
    print(f"corpus: {size:.1f} MB, {len(corpus.documents)} documents")
    with tempfile.TemporaryDirectory() as scratch:
        kept = DocumentCache(Path(scratch) / "documents.sqlite3")  # where the app keeps alignments

        def opened() -> Workspace:
            aligning = Aligning(CorrectionStore(":memory:"), kept)
            pairing = Pairing(PairStore(":memory:"), kept)
            library = Library(":memory:", ":memory:")
            index = IndexCache(Path(scratch))
            return Workspace(library, corpus, index_cache=index, aligning=aligning, pairing=pairing)

        workspace = opened()
        _, seconds = timed(workspace.open_index)
        print(f"index built in {seconds:.1f} s")
        (sentences, model), seconds = timed(workspace.concordancer.learned)
        print(
            f"learned once per corpus (on first use, kept per corpus fingerprint): {len(sentences)} aligned "
            f"sentence pairs, {len(model.count)} keys, in {seconds:.2f} s"
        )
        again = opened()
        _, later = timed(again.concordancer.learned)
        print(f"the next run, alignments kept in the document cache: learned in {later:.2f} s ({seconds / later:.1f}x)")
        again.close()
        concordance(workspace)
        candidates(workspace, model, args.words)
        cross(workspace, model, args.queries)
        workspace.close()


def concordance(workspace: Workspace) -> None:
    word = ""
    for candidate in FREQUENT:
        full, _ = timed(workspace.concordance, candidate, limit=5000)
        if len(full.lines) >= 1000:
            word = candidate
            break
    if not word:
        print("no word with 1,000+ matches in this corpus: use --mb larger")
        return
    runs = {
        "first screen (50 lines)": {"limit": 50},
        "full": {"limit": 5000},
        "full, sorted left1": {"limit": 5000, "sort": "left1"},
    }
    print(f"concordance of {word!r}: {len(full.lines)} lines, complete={full.complete}")
    base = None
    for label, options in runs.items():
        times = [timed(workspace.concordance, word, **options)[1] for _ in range(5)]
        median = statistics.median(times)
        base = base or median
        print(f"  {label:<24} median {ms(median)}  (x{median / base:.1f} the first screen)")


def candidates(workspace: Workspace, model, count: int) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(5)
    forms = sorted({form for counter in model.forms.values() for form in counter if len(form) >= 4})
    words = rng.sample(forms, min(count, len(forms)))
    times = [timed(workspace.translations, word)[1] for word in words]
    print(
        f"translation candidates, {len(words)} words: p50 {ms(statistics.median(times))}, p95 {ms(p95(times))}, "
        f"max {ms(max(times))} (target <= 200 ms)"
    )


def cross(workspace: Workspace, model, count: int) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(9)
    translator = workspace.concordancer.translator()
    forms = sorted({form for counter in model.forms.values() for form in counter if len(form) >= 5})
    words = [w for w in rng.sample(forms, min(len(forms), count * 4)) if translator.translations(w)][:count]
    translator._cache.clear()  # measure the lookups too
    plain, across = [], []
    for word in words:
        plain.append(timed(workspace.search, word)[1])
        across.append(timed(workspace.search, "~" + word)[1])
    p50_plain, p50_cross = statistics.median(plain), statistics.median(across)
    print(
        f"search, {len(words)} words with translations: plain p50 {ms(p50_plain)} p95 {ms(p95(plain))}; "
        f"~word p50 {ms(p50_cross)} p95 {ms(p95(across))} (x{p50_cross / p50_plain:.1f} plain at p50)"
    )


if __name__ == "__main__":
    main()
