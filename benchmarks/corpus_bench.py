"""Corpus load time and language-detection speed, on the bundled corpus and a 5 MB synthetic one.

    .venv/bin/python benchmarks/corpus_bench.py [--mb 5]

The synthetic corpus repeats the bundled documents (same kinds, so the same parsers run) with
numbered ids and a few words altered per copy, until it holds about --mb megabytes of text.
Baseline for detection: a bare langdetect `detect_langs` call on the same passages.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from viewer.core.corpus.build import build_document  # noqa: E402
from viewer.core.corpus.manifest import load_manifest  # noqa: E402
from viewer.core.language.identify import get_identifier  # noqa: E402
from viewer.core.library.bundled import bundled_corpus  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def synthetic_documents(target_bytes: int) -> list[tuple[str, str, str]]:
    rng = random.Random(7)
    entries = load_manifest(ROOT / "viewer" / "corpus")
    texts = [(e, (ROOT / "viewer" / "corpus" / e.file).read_text(encoding="utf-8")) for e in entries]
    out, size, n = [], 0, 0
    while size < target_bytes:
        entry, text = texts[n % len(texts)]
        words = text.split(" ")
        for _ in range(20):  # alter a few words so copies are not identical
            i = rng.randrange(len(words))
            words[i] = words[i][::-1]
        variant = " ".join(words)
        out.append((f"{entry.id}-{n}", variant, entry.kind))
        size += len(variant.encode())
        n += 1
    return out


def detection_timings(texts: list[str]) -> tuple[list[float], list[float]]:
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    identifier = get_identifier()
    ours, bare = [], []
    for text in texts:
        t0 = time.perf_counter()
        identifier.identify(text)
        ours.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        try:
            detect_langs(text)
        except LangDetectException:
            pass
        bare.append((time.perf_counter() - t0) * 1000)
    return ours, bare


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="size of the synthetic corpus")
    args = parser.parse_args()

    t0 = time.perf_counter()
    get_identifier().identify("warm up the language profiles")
    profiles = time.perf_counter() - t0

    t0 = time.perf_counter()
    corpus = bundled_corpus(ROOT / "viewer" / "corpus")
    load = time.perf_counter() - t0
    passages = [p.text for p in corpus.passages()]
    chars = sum(len(d.text) for d in corpus.documents)
    print(f"language profiles load: {profiles * 1000:.0f} ms (once per process)")
    print(
        f"bundled corpus: {len(corpus.documents)} documents, {len(passages)} passages, "
        f"{chars / 1000:.0f} k chars; load {load * 1000:.0f} ms "
        f"({chars / 1e6 / load:.2f} MB/s)"
    )
    ours, bare = detection_timings(passages)
    print(
        f"  detect per passage: median {statistics.median(ours):.2f} ms, p95 {percentile(ours, 0.95):.2f} ms"
        f"  | bare langdetect median {statistics.median(bare):.2f} ms, p95 {percentile(bare, 0.95):.2f} ms"
        f"  | ratio (median) {statistics.median(ours) / statistics.median(bare):.2f}x"
    )

    docs = synthetic_documents(int(args.mb * 1e6))
    size = sum(len(t.encode()) for _, t, _ in docs)
    t0 = time.perf_counter()
    built = [build_document(doc_id, text, kind, None) for doc_id, text, kind in docs]
    load = time.perf_counter() - t0
    passages = [p.text for d in built for p in d.passages]
    print(
        f"synthetic corpus: {len(built)} documents, {len(passages)} passages, {size / 1e6:.1f} MB; "
        f"build {load:.1f} s ({size / 1e6 / load:.2f} MB/s)"
    )
    sample = random.Random(1).sample(passages, min(3000, len(passages)))
    ours, bare = detection_timings(sample)
    print(
        f"  detect per passage ({len(sample)} sampled): median {statistics.median(ours):.2f} ms, "
        f"p95 {percentile(ours, 0.95):.2f} ms | bare langdetect median {statistics.median(bare):.2f} ms, "
        f"p95 {percentile(bare, 0.95):.2f} ms"
    )


if __name__ == "__main__":
    main()
