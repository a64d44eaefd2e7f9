"""Language-switch finding on short bilingual fields, against a plain baseline measured in the same run.

    .venv/bin/python benchmarks/split_eval.py [--pairs 300] [--seed 5] [--errors]

1. Two-sentence fields built from the language-ID dev set (tests/data/langid/dev.tsv, short items):
   monolingual (two sentences of one label; a split there is a false split) and bilingual (one
   English and one Bokmål or Nynorsk sentence, in either order; the split must fall exactly at the
   start of the second). This is where the minimum part length (split.MIN_PART_CHARS) is decided.
2. Fields of many short sentences (tests/data/split/short_fields.jsonl, written for this: an
   English text and its Norwegian translation, sentence by sentence), English first and Norwegian
   first; plus each part alone (no split allowed). Reported: exact split offsets, false splits, and
   bead F1 (a bead is right when its English and Norwegian sentence spans are exactly the gold
   pair's), for `viewer.core.align.document.align_text` and for the plain baseline: langdetect
   (en+no) per sentence, the boundary with most agreeing labels, length-only (Gale-Church) alignment.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from viewer.core.align import split  # noqa: E402
from viewer.core.align.document import align_text  # noqa: E402
from viewer.core.align.engine import Params, align_sentences  # noqa: E402
from viewer.core.corpus.segment import split_sentences  # noqa: E402
from viewer.core.language.enno import EnglishNorwegian  # noqa: E402

FIELDS = ROOT / "tests" / "data" / "split" / "short_fields.jsonl"
LENGTH_ONLY = Params(lexical=False, lexicon=False)
Span = tuple[int, int]
_LANGDETECT = EnglishNorwegian()


def baseline_split(text: str) -> int | None:
    """Plain baseline: langdetect per sentence; the boundary with most sentences agreeing with it."""
    spans = split_sentences(text) or []
    if len(spans) < 2:
        return None
    english = [_LANGDETECT.langdetect_log_odds(text[s:e]) > 0 for s, e in spans]
    n = len(spans)
    best, best_k = -1, 0
    for k in range(n + 1):  # k = 0 or n: all one language
        for head in (True, False):
            agree = sum(english[i] == head for i in range(k)) + sum(english[i] != head for i in range(k, n))
            if agree > best or (agree == best and k in (0, n)):
                best, best_k = agree, k
    return None if best_k in (0, n) else spans[best_k][0]


def baseline_beads(text: str, offset: int, english_first: bool) -> set[tuple[Span, Span]]:
    src = split_sentences(text, 0, offset) or []
    tgt = split_sentences(text, offset, len(text)) or []
    beads = align_sentences([text[s:e] for s, e in src], [text[s:e] for s, e in tgt], english_first, LENGTH_ONLY)
    out = set()
    for b in beads:
        if b.s1 > b.s0 and b.t1 > b.t0:
            out.add(((src[b.s0][0], src[b.s1 - 1][1]), (tgt[b.t0][0], tgt[b.t1 - 1][1])))
    return out


def pipeline(text: str) -> tuple[int | None, set[tuple[Span, Span]]]:
    field = align_text(text)
    beads = {(p.source, p.target) for p in field.pairs if p.source and p.target}
    return field.split, beads  # type: ignore[return-value]


def field_text(first: list[str], second: list[str]) -> tuple[str, int, set[tuple[Span, Span]]]:
    """The field, its split offset and its gold beads (sentence i of one part with sentence i of the other)."""
    text, spans = "", []
    for sentence in [*first, *second]:
        if text:
            text += " "
        spans.append((len(text), len(text) + len(sentence)))
        text += sentence
    n = len(first)
    gold = {(spans[i], spans[n + i]) for i in range(n)}
    return text, spans[n][0], gold


def f1(found: set, gold: set) -> tuple[int, int, int]:
    return len(found & gold), len(found), len(gold)


def short_fields(show_errors: bool) -> None:
    records = [json.loads(line) for line in FIELDS.read_text(encoding="utf-8").splitlines() if line.strip()]
    print(
        f"\nshort-sentence fields: {len(records)} translations ({FIELDS.name}), mean "
        f"{sum(len(r['en']) for r in records) / len(records):.1f} sentence pairs"
    )
    for order in ("en first", "no first"):
        stats = {"new": [0, 0, 0, 0], "baseline": [0, 0, 0, 0]}  # exact, hit, found, gold
        for r in records:
            en_first = order == "en first"
            first, second = (r["en"], r["no"]) if en_first else (r["no"], r["en"])
            text, offset, gold = field_text(first, second)
            found, beads = pipeline(text)
            base = baseline_split(text)
            base_beads = baseline_beads(text, base, en_first) if base is not None else set()
            for name, off, bd in (("new", found, beads), ("baseline", base, base_beads)):
                s = stats[name]
                s[0] += off == offset
                for i, v in enumerate(f1(bd, gold)):
                    s[i + 1] += v
                if show_errors and off != offset:
                    print(f"  MISS {name} {order} {r['id']}: split {off} want {offset}: {text[:90]}")
        for name, (exact, hit, nfound, ngold) in stats.items():
            p, rc = hit / max(nfound, 1), hit / max(ngold, 1)
            fscore = 2 * p * rc / max(p + rc, 1e-9)
            print(
                f"  {order:8s} {name:8s}: exact splits {exact}/{len(records)}; bead F1 {fscore:.3f} "
                f"(P {p:.3f} R {rc:.3f}, {hit}/{ngold} gold beads)"
            )
    false_new = false_base = 0
    for r in records:
        for part in (r["en"], r["no"]):
            text = " ".join(part)
            false_new += split.find_split(text) is not None
            false_base += baseline_split(text) is not None
    print(
        f"  monolingual parts alone: false splits new {false_new}/{2 * len(records)}, "
        f"baseline {false_base}/{2 * len(records)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=300)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--errors", action="store_true", help="print every missed split")
    args = parser.parse_args()
    by_label: dict[str, list[str]] = {}
    with open(ROOT / "tests/data/langid/dev.tsv", encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) == 4 and row[1] == "short":
                by_label.setdefault(row[0], []).append(row[3].strip())
    shipped = split.MIN_PART_CHARS
    print("two-sentence fields from dev.tsv (short items)")
    for minimum in sorted({40, 25, shipped, 10}, reverse=True):
        split.MIN_PART_CHARS = minimum
        rng = random.Random(args.seed)
        false = sum(
            split.find_split(" ".join(rng.sample(by_label[label], 2))) is not None
            for label in ("en", "nb", "nn")
            for _ in range(args.pairs // 2)
        )
        exact = base_exact = 0
        for _ in range(args.pairs):
            first, second = rng.choice(by_label["en"]), rng.choice(by_label[rng.choice(["nb", "nn"])])
            if rng.random() < 0.5:
                first, second = second, first
            found = split.find_split(f"{first} {second}")
            exact += found is not None and found.offset == len(first) + 1
            if minimum == shipped:
                base_exact += baseline_split(f"{first} {second}") == len(first) + 1
        mark = " (shipped)" if minimum == shipped else ""
        extra = f"; baseline exact {base_exact}/{args.pairs}" if minimum == shipped else ""
        print(
            f"  MIN_PART_CHARS={minimum:>2}{mark}: false splits {false}/{3 * (args.pairs // 2)} monolingual; "
            f"exact splits {exact}/{args.pairs} bilingual{extra}"
        )
    split.MIN_PART_CHARS = shipped
    short_fields(args.errors)


if __name__ == "__main__":
    main()
