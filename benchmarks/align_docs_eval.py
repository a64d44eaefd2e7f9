"""Document-pair evaluation for benchmarks/align_eval.py --documents (tests/data/align/docs.jsonl.gz).

Scoring (per source, and for the real vs the synthetic subset):
- Gold beads are the known ones (see tests/data/align/build_docs.py); *unscored* groups are block
  pairs whose inner beads are unknown. A predicted bead lying wholly inside one unscored group
  (each non-empty side within the group's span on that side) is left out of the scores; any
  other predicted bead is scored, so a bead that crosses out of a group counts against precision.
- Strict: a predicted bead is right when both its spans equal a gold bead's (an empty side
  equal to an empty side). P = right / scored predictions, R = right / gold beads.
- Lax: a predicted bead is right when some gold bead overlaps it on both sides, where an empty
  side only "overlaps" an empty side (so a 1-0 bead is lax-right only against a 1-0 gold bead
  overlapping its source side). P = lax-right predictions / scored predictions; R = gold beads
  overlapped on both sides by some scored prediction / gold beads.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Callable
from pathlib import Path

from viewer.core.align.engine import Bead
from viewer.core.corpus.segment import split_sentences

DOCS = Path(__file__).resolve().parents[1] / "tests" / "data" / "align" / "docs.jsonl.gz"
Span = tuple[int, int] | None
Aligner = Callable[[dict, list[tuple[int, int]], list[tuple[int, int]]], list[Bead]]


def load_docs(split: str = "all") -> list[dict]:
    with gzip.open(DOCS, "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    if split == "all":
        return records
    holdout = split == "holdout"
    return [r for r in records if (zlib.crc32(r["id"].encode()) % 3 == 0) == holdout]


def _span(x: list[int] | None) -> Span:
    return (x[0], x[1]) if x else None


def _overlap(a: Span, b: Span) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a[0] < b[1] and b[0] < a[1]


def _inside(p: tuple[Span, Span], group: tuple[Span, Span]) -> bool:
    return all(x is None or (g is not None and g[0] <= x[0] and x[1] <= g[1]) for x, g in zip(p, group, strict=True))


def predicted(record: dict, aligner: Aligner) -> list[tuple[Span, Span]]:
    src = split_sentences(record["source_text"])
    tgt = split_sentences(record["target_text"])
    out = []
    for b in aligner(record, src, tgt):
        s = (src[b.s0][0], src[b.s1 - 1][1]) if b.s1 > b.s0 else None
        t = (tgt[b.t0][0], tgt[b.t1 - 1][1]) if b.t1 > b.t0 else None
        out.append((s, t))
    return out


def score(records: list[dict], aligner: Aligner) -> dict[str, float]:
    """Strict and lax P/R/F1 over the records (counts summed over documents)."""
    n = {"pred": 0, "gold": 0, "strict": 0, "lax_p": 0, "lax_r": 0}
    for r in records:
        gold = [(_span(a), _span(b)) for a, b in r["beads"]]
        groups = [(_span(a), _span(b)) for a, b in r["unscored"]]
        pred = [p for p in predicted(r, aligner) if not any(_inside(p, g) for g in groups)]
        gold_set = set(gold)
        n["pred"] += len(pred)
        n["gold"] += len(gold)
        n["strict"] += sum(p in gold_set for p in pred)
        n["lax_p"] += sum(any(_overlap(p[0], g[0]) and _overlap(p[1], g[1]) for g in gold) for p in pred)
        n["lax_r"] += sum(any(_overlap(p[0], g[0]) and _overlap(p[1], g[1]) for p in pred) for g in gold)
    out = {"docs": len(records), "gold": n["gold"]}
    for name, tp_p, tp_r in (("strict", n["strict"], n["strict"]), ("lax", n["lax_p"], n["lax_r"])):
        p = tp_p / n["pred"] if n["pred"] else 0.0
        rec = tp_r / n["gold"] if n["gold"] else 0.0
        out[f"{name}_P"], out[f"{name}_R"] = p, rec
        out[f"{name}_F1"] = 2 * p * rec / (p + rec) if p + rec else 0.0
    return out


def subsets(records: list[dict]) -> dict[str, list[dict]]:
    """Per source (real pairs only), then the real and synthetic subsets, then all."""
    out: dict[str, list[dict]] = {}
    for r in records:
        if "synthetic" not in r["tags"]:
            out.setdefault(r["source"], []).append(r)
    out["real, all sources"] = [r for r in records if "synthetic" not in r["tags"]]
    for tag in ("real-omission-or-addition", "synthetic-omission", "synthetic-addition", "synthetic-flat"):
        out[tag] = [r for r in records if tag in r["tags"]]
    out["all"] = records
    return {k: v for k, v in out.items() if v}


def report(records: list[dict], configs: dict[str, Aligner]) -> None:
    print(
        f"{len(records)} document pairs, {sum(len(r['beads']) for r in records)} gold beads, "
        f"{sum(len(r['unscored']) for r in records)} unscored groups, "
        f"{sum(len(r['source_text']) + len(r['target_text']) for r in records) / 1e3:.0f} k characters"
    )
    for name, aligner in configs.items():
        print(f"\n{name}\n{'subset':<28} {'docs':>4} {'gold':>5}   strict P/R/F1        lax P/R/F1")
        for subset, rs in subsets(records).items():
            s = score(rs, aligner)
            print(
                f"{subset:<28} {s['docs']:>4} {s['gold']:>5}   {s['strict_P']:.3f} {s['strict_R']:.3f} "
                f"{s['strict_F1']:.3f}   {s['lax_P']:.3f} {s['lax_R']:.3f} {s['lax_F1']:.3f}"
            )
