"""Split accuracy and strict bead precision/recall/F1 of the aligner on tests/data/align/.

Run: .venv/bin/python benchmarks/align_eval.py [--split tune|holdout|all] [--fit]
     .venv/bin/python benchmarks/align_eval.py --documents [--split ...]   (document pairs, docs.jsonl.gz:
     strict and lax bead F1 per source; strict and lax are defined in benchmarks/align_docs_eval.py)
Strict = a predicted bead counts only if both its spans equal a gold bead's (Vecalign/Bertalign).
Ablations: length only (Gale-Church), + lexical keys (numbers, names, cognate stems), + the
FreeDict word list, + 2-2 beads. "oracle split" aligns the gold halves, isolating the aligner.
--fit refits the confidence curve (viewer.core.align.engine.CALIBRATION) on the tune half and
prints a reliability table for the holdout half.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import zlib
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from viewer.core.align.engine import DEFAULT, Params, align_sentences
from viewer.core.align.split import find_split
from viewer.core.corpus.segment import split_sentences
from viewer.core.language.labels import Lang

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "align"
CONFIGS = {
    "length only": replace(DEFAULT, lexical=False, lexicon=False),
    "+ lexical keys": replace(DEFAULT, lexicon=False),
    "+ word list (default)": DEFAULT,
    "+ 2-2 beads": replace(DEFAULT, two_two=True),
}


def load(split: str) -> list[dict]:
    records = [json.loads(line) for line in (DATA / "dev.jsonl").open(encoding="utf-8")]
    thesis = json.loads((DATA / "thesis_abstract.json").read_text(encoding="utf-8"))
    records.append({"id": "thesis-abstract", "source": "thesis", **thesis})
    if split == "all":
        return records
    holdout = split == "holdout"
    return [r for r in records if (zlib.crc32(r["id"].encode()) % 3 == 0) == holdout]


def beads_for(text: str, split: int, english_first: bool, params: Params) -> list[tuple]:
    """Predicted beads as ((s, e) | None, (s, e) | None, bead) for one field split at `split`."""
    src = split_sentences(text, 0, split) or []
    tgt = split_sentences(text, split, len(text)) or []
    beads = align_sentences([text[s:e] for s, e in src], [text[s:e] for s, e in tgt], english_first, params)
    out = []
    for b in beads:
        s = (src[b.s0][0], src[b.s1 - 1][1]) if b.s1 > b.s0 else None
        t = (tgt[b.t0][0], tgt[b.t1 - 1][1]) if b.t1 > b.t0 else None
        out.append((s, t, b))
    return out


def gold_beads(record: dict) -> set[tuple]:
    return {(tuple(a) if a else None, tuple(b) if b else None) for a, b in record["beads"]}


def evaluate(records: list[dict], params: Params, oracle: bool, splits: dict[str, object]) -> dict[str, float]:
    tp = n_pred = n_gold = 0
    for r in records:
        gold = gold_beads(r)
        n_gold += len(gold)
        if oracle:
            if r["split"] is None:
                continue
            at, first = r["split"], r["languages"][0] == "en"
        else:
            found = splits[r["id"]]
            if found is None:
                continue
            at, first = found.offset, found.first is Lang.EN  # type: ignore[attr-defined]
        pred = {(s, t) for s, t, _ in beads_for(r["text"], at, first, params)}
        n_pred += len(pred)
        tp += len(pred & gold)
    p = tp / n_pred if n_pred else 0.0
    rec = tp / n_gold if n_gold else 0.0
    return {"P": p, "R": rec, "F1": 2 * p * rec / (p + rec) if p + rec else 0.0}


def features(records: list[dict]) -> list[tuple[list[float], int, bool]]:
    """(features, correct, is_skip) per predicted bead under the default configuration, oracle split."""
    out = []
    for r in records:
        if r["split"] is None:
            continue
        gold = gold_beads(r)
        for s, t, b in beads_for(r["text"], r["split"], r["languages"][0] == "en", DEFAULT):
            correct = int((s, t) in gold)
            if s is None or t is None:
                out.append(([b.similarity], correct, True))
                continue
            many = float((b.s1 - b.s0) + (b.t1 - b.t0) > 2)
            out.append(([b.similarity, b.deviation, many], correct, False))
    return out


def fit_logistic(rows: list[tuple[list[float], int]], steps: int = 3000, lr: float = 0.5) -> list[float]:
    """Plain gradient descent on the log-loss (few features, a few thousand rows)."""
    k = len(rows[0][0])
    w = [0.0] * (k + 1)
    for _ in range(steps):
        grad = [0.0] * (k + 1)
        for x, y in rows:
            z = w[0] + sum(wi * xi for wi, xi in zip(w[1:], x, strict=True))
            p = 1 / (1 + math.exp(-max(-30, min(30, z))))
            grad[0] += p - y
            for i, xi in enumerate(x):
                grad[i + 1] += (p - y) * xi
        w = [wi - lr * g / len(rows) for wi, g in zip(w, grad, strict=True)]
    return w


def reliability(records: list[dict]) -> list[tuple[str, int, float, float]]:
    """(bin, count, mean confidence, accuracy) of the default configuration's beads."""
    bins: dict[int, list[tuple[float, int]]] = {}
    for r in records:
        if r["split"] is None:
            continue
        gold = gold_beads(r)
        for s, t, b in beads_for(r["text"], r["split"], r["languages"][0] == "en", DEFAULT):
            bins.setdefault(min(4, int(b.score * 5)), []).append((b.score, int((s, t) in gold)))
    return [
        (f"{k / 5:.1f}-{(k + 1) / 5:.1f}", len(v), sum(c for c, _ in v) / len(v), sum(y for _, y in v) / len(v))
        for k, v in sorted(bins.items())
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("tune", "holdout", "all"), default="all")
    parser.add_argument("--fit", action="store_true")
    parser.add_argument("--documents", action="store_true", help="evaluate on the document pairs instead")
    args = parser.parse_args()
    if args.documents:
        documents(args.split)
        return
    records = load(args.split)
    bilingual = [r for r in records if r["split"] is not None]
    splits = {r["id"]: find_split(r["text"]) for r in records}
    exact = sum((splits[r["id"]].offset if splits[r["id"]] else None) == r["split"] for r in records)  # type: ignore[union-attr]
    false_split = sum(splits[r["id"]] is not None for r in records if r["split"] is None)
    nn = [r for r in bilingual if "nn" in r["languages"]]
    print(
        f"{len(records)} fields ({len(bilingual)} bilingual: {len(nn)} with nn, {len(bilingual) - len(nn)} with nb; "
        f"{sum(len(r['beads']) for r in records)} gold beads), split={args.split}"
    )
    print(
        f"split exact offset: {exact}/{len(records)} = {exact / len(records):.3f}; "
        f"false splits on monolingual: {false_split}/{len(records) - len(bilingual)}"
    )
    for tag in ("name-opens-both", "omission"):
        tagged = [r for r in records if tag in r.get("tags", [])]
        if tagged:
            ok = sum((splits[r["id"]].offset if splits[r["id"]] else None) == r["split"] for r in tagged)  # type: ignore[union-attr]
            print(f"  split exact on '{tag}' fields: {ok}/{len(tagged)}")
    print(f"{'configuration':<24} {'oracle split P/R/F1':>22}   {'end-to-end P/R/F1':>22}")
    for name, params in CONFIGS.items():
        o = evaluate(records, params, True, splits)
        e = evaluate(records, params, False, splits)
        print(f"{name:<24} {o['P']:.3f} {o['R']:.3f} {o['F1']:.3f}      {e['P']:.3f} {e['R']:.3f} {e['F1']:.3f}")
    if args.fit:
        rows = features(load("tune"))
        pair_rows = [(x, y) for x, y, skip in rows if not skip]
        skip_rows = [(x, y) for x, y, skip in rows if skip]
        print("pair calibration (bias, sim, |delta|, many):", [round(v, 2) for v in fit_logistic(pair_rows)])
        if skip_rows:
            print("skip calibration (bias, nearby sim):", [round(v, 2) for v in fit_logistic(skip_rows)])
    print("reliability (confidence bin, beads, mean confidence, accuracy):")
    for row in reliability(records):
        print(f"  {row[0]}  {row[1]:>5}  {row[2]:.3f}  {row[3]:.3f}")


def documents(split: str) -> None:
    """Strict and lax bead F1 per source on the document pairs, for the aligner and its ablations."""
    from align_docs_eval import load_docs, report

    from viewer.core.align.texts import align_spans

    def texts(params: Params, paragraphs: bool):  # type: ignore[no-untyped-def]
        def run(r: dict, src: list, tgt: list) -> list:
            langs = r["languages"]
            return align_spans(
                r["source_text"], src, r["target_text"], tgt, langs[0], langs[1], params=params, paragraphs=paragraphs
            )[0]

        return run

    def field_engine(r: dict, src: list, tgt: list) -> list:
        return align_sentences(
            [r["source_text"][s:e] for s, e in src], [r["target_text"][s:e] for s, e in tgt], r["languages"][0] == "en"
        )

    report(
        load_docs(split),
        {
            "align_texts (default: anchors, band, paragraph agreement)": texts(DEFAULT, True),
            "align_texts without paragraph agreement": texts(DEFAULT, False),
            "length only (Gale-Church) in the same DP, with paragraphs": texts(CONFIGS["length only"], True),
            "field aligner (engine.align_sentences) on the whole texts": field_engine,
        },
    )


if __name__ == "__main__":
    main()
