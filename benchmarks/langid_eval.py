"""Measure viewer.core.language.identify on a labelled TSV: accuracy per label and length, confusion,
calibration and speed; then per category of the hard cases (tests/data/langid/categories/*.tsv).
Usage: python benchmarks/langid_eval.py [--file dev.tsv] [--split tune|holdout|all] [--errors]

The identifier's constants were fitted on the tune part; only `--split holdout` gives a held-out figure.
`--split all` (the default) is tune + holdout together. The category files were written for issue 17
and never used to fit anything (see tests/data/langid/SOURCES.md); `both_nbnn.tsv` holds sentences
valid in Bokmål and in Nynorsk (label `no`): any Norwegian label is right there, the confidence of
the nb/nn choice should be low, and inside a document the document's standard should decide.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
import zlib
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from viewer.core.language import nbnn
from viewer.core.language.identify import VARIANT_BIAS, LanguageIdentifier, clean, get_identifier
from viewer.core.language.labels import Lang, LangGuess

DEFAULT_FILE = Path(__file__).resolve().parents[1] / "tests" / "data" / "langid" / "dev.tsv"
CATEGORIES = DEFAULT_FILE.parent / "categories"
LABELS = [Lang.EN, Lang.NB, Lang.NN]
BUCKETS = [(0.0, 0.5), (0.5, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 0.95), (0.95, 1.01)]


def split_of(source_id: str) -> str:
    """Tune or holdout, decided by the source document so one page never lands in both."""
    return "holdout" if zlib.crc32(source_id.encode()) % 3 == 0 else "tune"


def load(path: Path, split: str) -> list[tuple[str, str, str, str]]:
    """Rows (label, length_class, source_id, text) of the TSV, filtered to a split."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        label, cls, sid, text = line.split("\t", 3)
        if split == "all" or split_of(sid) == split:
            rows.append((label, cls, sid, text))
    return rows


def fit_variant(path: Path) -> int:
    """Print VARIANT_RULE and VARIANT_MODEL fitted by logistic regression on the tune split's nb/nn items.

    VARIANT_BIAS stays fixed (a prior: Bokmål is the more common standard): fitted, it would learn the
    dev set's mix of sources (one conservative Nynorsk manual dominates the nn items), not Norwegian.
    """
    ident = get_identifier()
    data = []
    for label, _cls, _sid, text in load(path, "tune"):
        if label in ("nb", "nn"):
            rule, model = ident.variant_evidence(nbnn.tokens(clean(text)))
            data.append((rule, model, 1.0 if label == "nn" else 0.0))
    w = [0.8, 0.5, VARIANT_BIAS]
    for _step in range(3000):  # plain gradient descent with a little L2: three parameters
        grad = [0.0, 0.0, 0.0]
        for rule, model, y in data:
            z = max(-30.0, min(30.0, w[0] * rule + w[1] * model + w[2]))
            err = 1.0 / (1.0 + math.exp(-z)) - y
            for i, x in enumerate((rule, model, 1.0)):
                grad[i] += err * x / len(data)
        w = [w[0] - 0.1 * (grad[0] + 1e-3 * w[0]), w[1] - 0.1 * (grad[1] + 1e-3 * w[1]), VARIANT_BIAS]
    print(f"VARIANT_RULE = {w[0]:.3f}\nVARIANT_MODEL = {w[1]:.3f}")
    print(f"(VARIANT_BIAS fixed at {VARIANT_BIAS}; n={len(data)})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--split", choices=["tune", "holdout", "all"], default="all")
    parser.add_argument("--errors", action="store_true", help="print every miss")
    parser.add_argument("--fit-variant", action="store_true", help="fit the nb/nn constants on the tune split")
    args = parser.parse_args(argv)
    if args.fit_variant:
        return fit_variant(args.file)
    rows = load(args.file, args.split)
    ident = get_identifier()
    start = time.perf_counter()
    ident.identify("warm up")
    ident.identify("Dette er ein kort test.")  # Norwegian: loads the nb/nn n-gram model too
    load_ms = (time.perf_counter() - start) * 1000

    guesses: list[LangGuess] = []
    times: list[float] = []
    for _, _, _, text in rows:
        t0 = time.perf_counter()
        guesses.append(ident.identify(text))
        times.append((time.perf_counter() - t0) * 1000)

    # The batch path (identify_many, as corpus building asks) on a fresh identifier, over the same rows.
    batch = LanguageIdentifier().identify_many([text for *_, text in rows])
    same = sum(a.lang == b.lang for a, b in zip(batch, guesses, strict=True))
    drift = max((abs(a.confidence - b.confidence) for a, b in zip(batch, guesses, strict=True)), default=0.0)
    batch_hits = sum(g.lang == label for g, (label, *_) in zip(batch, rows, strict=True))

    hits: dict[str, list[bool]] = defaultdict(list)
    by_source: dict[str, list[bool]] = defaultdict(list)
    confusion: Counter[tuple[str, str]] = Counter()
    calib: dict[int, list[bool]] = defaultdict(list)
    for (label, cls, sid, text), guess in zip(rows, guesses, strict=True):
        ok = guess.lang == label
        for key in (label, cls, f"{label}/{cls}", "all"):
            hits[key].append(ok)
        family = sid.split(":")[0]
        by_source["corpus" if family.startswith("corpus") else family].append(ok)
        confusion[(label, guess.lang.value)] += 1
        bucket = next(i for i, (lo, hi) in enumerate(BUCKETS) if lo <= guess.confidence < hi)
        calib[bucket].append(ok)
        if args.errors and not ok:
            print(f"MISS {label}->{guess.lang} {guess.confidence:.2f} {sid}: {text[:120]}")

    print(f"file={args.file.name} split={args.split} items={len(rows)}")
    for key in ["all", "en", "nb", "nn", "short", "long"] + [
        f"{lb}/{c}" for lb in ("en", "nb", "nn") for c in ("short", "long")
    ]:
        vals = hits.get(key, [])
        if vals:
            print(f"  accuracy {key:9s} {sum(vals) / len(vals):6.1%}  (n={len(vals)})")
    print(
        f"  identify_many (batch path): accuracy all {batch_hits / max(1, len(rows)):6.1%}; same label as identify "
        f"{same}/{len(rows)}, largest confidence difference {drift:.4f}"
    )
    print("by source")
    for family, vals in sorted(by_source.items()):
        print(f"  {family:20s} {sum(vals) / len(vals):6.1%}  (n={len(vals)})")
    cols = [*(lb.value for lb in LABELS), "und"]
    print("confusion (rows = truth, columns = guess)")
    print("        " + "".join(f"{c:>6s}" for c in cols))
    for lb in LABELS:
        print(f"  {lb.value:5s} " + "".join(f"{confusion[(lb.value, c)]:6d}" for c in cols))
    print("calibration (confidence bucket: accuracy, n)")
    for i, (lo, hi) in enumerate(BUCKETS):
        vals = calib.get(i, [])
        if vals:
            mean_conf = statistics.mean(g.confidence for g in guesses if lo <= g.confidence < hi)
            accuracy = sum(vals) / len(vals)
            span = f"[{lo:.2f},{min(hi, 1.0):.2f})"
            print(f"  {span} mean conf {mean_conf:.2f}: accuracy {accuracy:6.1%}  n={len(vals)}")
    times.sort()
    print(
        f"speed: first calls (load langdetect profiles + nb/nn model) {load_ms:.1f} ms; per item median "
        f"{statistics.median(times):.3f} ms, p95 {times[int(0.95 * (len(times) - 1))]:.3f} ms"
    )
    categories(args.errors)
    return 0


# Context paragraphs written for this benchmark: a document in each standard around a short sentence.
CONTEXT = {
    "nb": "Rapporten beskriver hvordan kommunene arbeider med unge som står utenfor arbeidslivet. Vi har "
    "intervjuet veiledere og ledere i fem kommuner, og de forteller at samarbeidet mellom skolen og "
    "tjenestene ofte er tilfeldig. Mange av ungdommene trenger hjelp med både bolig og helse.",
    "nn": "Rapporten skildrar korleis kommunane arbeider med unge som står utanfor arbeidslivet. Vi har "
    "intervjua rettleiarar og leiarar i fem kommunar, og dei fortel at samarbeidet mellom skulen og "
    "tenestene ofte er tilfeldig. Mange av ungdommane treng hjelp med både bustad og helse.",
}


def in_document(text: str, standard: str) -> str:
    """The label `text` gets as its own paragraph between two paragraphs of a document in `standard`."""
    from viewer.core.corpus.build import build_document

    body = f"{CONTEXT[standard]}\n\n{text}\n\n{CONTEXT[standard]}\n"
    document = build_document("probe", body, "plain", None)
    start = body.index(text)
    return next(p.lang.value for p in document.passages if p.start <= start < p.end)


def _band(confidence: float) -> str:
    return next(f"[{lo:.2f},{min(hi, 1.0):.2f})" for lo, hi in BUCKETS if lo <= confidence < hi)


def categories(show_errors: bool) -> None:
    """Accuracy, confidence of right and wrong answers and calibration bands per category file."""
    ident = get_identifier()
    print("categories (tests/data/langid/categories)")
    pooled: dict[str, list[bool]] = defaultdict(list)
    for path in sorted(CATEGORIES.glob("*.tsv")):
        rows = load(path, "all")
        guesses = [ident.identify(text) for *_, text in rows]
        either = {"no": ("nb", "nn")}
        ok = [g.lang.value in either.get(label, (label,)) for (label, *_), g in zip(rows, guesses, strict=True)]
        wrong = [g.confidence for g, good in zip(guesses, ok, strict=True) if not good]
        right = [g.confidence for g, good in zip(guesses, ok, strict=True) if good]
        norwegian = sum(
            (g.lang.value in ("nb", "nn")) == (label != "en") for (label, *_), g in zip(rows, guesses, strict=True)
        )
        mean_right = statistics.mean(right) if right else 0.0
        mean_wrong = statistics.mean(wrong) if wrong else 0.0
        print(
            f"  {path.stem:12s} accuracy {sum(ok) / len(ok):6.1%} (n={len(ok)}); "
            f"en/no right {norwegian / len(ok):6.1%}; mean conf right {mean_right:.2f}, wrong {mean_wrong:.2f}; "
            f"wrong at conf >= 0.8: {sum(c >= 0.8 for c in wrong)}"
        )
        for (label, _c, sid, text), g, good in zip(rows, guesses, ok, strict=True):
            pooled[_band(g.confidence)].append(good)
            if show_errors and not good:
                print(f"    MISS {label}->{g.lang} {g.confidence:.2f} {sid}: {text[:100]}")
        if path.stem == "both_nbnn":
            confident = sum(g.confidence >= 0.75 for g in guesses)
            print(f"    nb/nn said at conf >= 0.75 (should be rare): {confident}/{len(rows)}")
            for standard in ("nb", "nn"):
                labels = [in_document(text, standard) for *_, text in rows]
                hits = sum(lang == standard for lang in labels)
                print(f"    inside a {standard} document (corpus.build prior): labelled {standard} {hits}/{len(rows)}")
    print("calibration over all categories (confidence band: accuracy, n)")
    for lo, _hi in BUCKETS:
        vals = pooled.get(_band(lo), [])
        if vals:
            print(f"  {_band(lo)} accuracy {sum(vals) / len(vals):6.1%}  n={len(vals)}")


if __name__ == "__main__":
    raise SystemExit(main())
