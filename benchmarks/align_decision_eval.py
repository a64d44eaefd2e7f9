"""The "are these translations?" decision (viewer.core.align.decision) on genuine and non-translated pairs.

Run: .venv/bin/python benchmarks/align_decision_eval.py [--fit]
Genuine pairs: the bilingual fields of dev.jsonl (gold split) and the real document pairs of
docs.jsonl.gz, whole and as prefixes of 1, 2, 3, 5 and 8 paragraphs. Non-translations of the same
sizes: a field's first part with the next field's second part (same source), a document's English
with the next document's Norwegian (same source), and their prefixes (not man-page prefixes under 5
paragraphs: every man page opens with the same translated headings, so those are translations).
Prints, before (the old fixed threshold 0.06 on engine.translation_evidence) and after
(decision.is_translation on decision.evidence), how many of each are called translations, per
length bucket. --fit grid-searches the threshold curve on the tune half (CRC32 of id mod 3 != 0).
"""

from __future__ import annotations

import argparse
import json
import sys
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from align_docs_eval import load_docs

from viewer.core.align import decision
from viewer.core.align.document import align_spans as field_spans
from viewer.core.align.engine import translation_evidence
from viewer.core.align.texts import align_spans
from viewer.core.corpus.segment import split_paragraphs, split_sentences

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "align"
OLD_THRESHOLD = 0.06
PREFIXES = (1, 2, 3, 5, 8)
# id, genuine, old evidence (engine.translation_evidence), new (decision.evidence), n source / target sentences
Row = tuple[str, bool, float, float, int, int]


def field_rows() -> list[Row]:
    records = [json.loads(line) for line in (DATA / "dev.jsonl").open(encoding="utf-8")]
    bilingual = [r for r in records if r["split"] is not None]
    rows = []
    for k, r in enumerate(bilingual):
        other = next((o for o in bilingual[k + 1 :] + bilingual[:k] if o["source"] == r["source"]), r)
        first = r["text"][: r["split"]].rstrip()
        second = other["text"][other["split"] :]
        for genuine, text, split in ((True, r["text"], r["split"]), (False, first + " " + second, len(first) + 1)):
            src = split_sentences(text, 0, split)
            tgt = split_sentences(text, split, len(text))
            if src and tgt:
                english = r["languages"][0] == "en"
                beads, old = field_spans(text, src, tgt, english)
                new = decision.text_evidence([text[s:e] for s, e in src], [text[s:e] for s, e in tgt], beads, english)
                rows.append((("field|" if genuine else "field-mix|") + r["id"], genuine, old, new, len(src), len(tgt)))
    return rows


def _prefix(text: str, k: int | None) -> str:
    if k is None:
        return text
    paragraphs = split_paragraphs(text)
    return text[: paragraphs[min(k, len(paragraphs)) - 1][1]] if paragraphs else text


def doc_rows() -> list[Row]:
    docs = [r for r in load_docs() if "synthetic" not in r["tags"]]
    rows = []
    for k, r in enumerate(docs):
        other = next(o for o in docs[k + 1 :] + docs[:k] if o["source"] == r["source"])
        for genuine, target in ((True, r["target_text"]), (False, other["target_text"])):
            for p in (None, *PREFIXES):
                if not genuine and r["source"] == "manpages-nb" and p is not None and p < 5:
                    continue  # every man page opens with the same headings: those prefixes are translations
                source, tgt_text = _prefix(r["source_text"], p), _prefix(target, p)
                src, tgt = split_sentences(source), split_sentences(tgt_text)
                if not src or not tgt:
                    continue
                beads, _ = align_spans(source, src, tgt_text, tgt, *r["languages"])
                old = translation_evidence([source[s:e] for s, e in src], [tgt_text[s:e] for s, e in tgt], beads)
                new = decision.text_evidence(
                    [source[s:e] for s, e in src],
                    [tgt_text[s:e] for s, e in tgt],
                    beads,
                    r["languages"][0] == "en",
                    r["languages"][1] == "en",
                )
                kind = ("doc" if genuine else "doc-mix") + (f"-p{p}|" if p else "|")
                rows.append((kind + r["id"], genuine, old, new, len(src), len(tgt)))
    return rows


def bucket(n: int) -> str:
    return "1-2" if n <= 2 else "3-5" if n <= 5 else "6-15" if n <= 15 else "16-50" if n <= 50 else "51+"


def table(rows: list[Row], decide: object) -> None:
    buckets = ("1-2", "3-5", "6-15", "16-50", "51+")
    print(f"  {'sentences (min side)':<22}" + "".join(f"{b:>14}" for b in buckets) + f"{'all':>14}")
    for genuine, label in ((True, "genuine called transl."), (False, "non-transl. called")):
        cells = []
        for b in (*buckets, None):
            sel = [r for r in rows if r[1] is genuine and (b is None or bucket(min(r[4], r[5])) == b)]
            hit = sum(decide(r) for r in sel)  # type: ignore[operator]
            cells.append(f"{hit:>6}/{len(sel):<7}")
        print(f"  {label:<22}" + "".join(cells))


def fit(rows: list[Row]) -> tuple[float, float]:
    """(t_inf, c) of threshold(n) = t_inf + c / sqrt(n) maximising balanced accuracy on the rows."""
    best = (0.0, 0.0, -1.0)
    for t100 in range(0, 81, 1):
        for c100 in range(0, 81, 2):
            t, c = t100 / 100, c100 / 100
            pos = [r for r in rows if r[1]]
            neg = [r for r in rows if not r[1]]
            tpr = sum(r[3] >= t + c / min(r[4], r[5]) ** 0.5 for r in pos) / len(pos)
            tnr = sum(r[3] < t + c / min(r[4], r[5]) ** 0.5 for r in neg) / len(neg)
            if (tpr + tnr) / 2 > best[2]:
                best = (t, c, (tpr + tnr) / 2)
    print(
        f"fitted on {len(rows)} tune rows: THRESHOLD_LONG={best[0]:.2f}, THRESHOLD_SHORT={best[1]:.2f}, "
        f"balanced accuracy {best[2]:.3f}"
    )
    return best[0], best[1]


def _holdout(row: Row) -> bool:
    return zlib.crc32(row[0].split("|", 1)[1].encode()) % 3 == 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fit", action="store_true")
    parser.add_argument("--dump", help="write the rows (id, genuine, evidence, n, m) to this JSON file")
    args = parser.parse_args()
    rows = field_rows() + doc_rows()
    if args.dump:
        Path(args.dump).write_text(json.dumps(rows), encoding="utf-8")
    if args.fit:
        fit([r for r in rows if not _holdout(r)])
    for name, sel in (
        ("fields (dev.jsonl)", [r for r in rows if r[0].startswith("field")]),
        ("documents (docs.jsonl.gz, whole and prefixes)", [r for r in rows if r[0].startswith("doc")]),
        ("holdout half of both", [r for r in rows if _holdout(r)]),
    ):
        print(f"\n{name}\nbefore (evidence >= {OLD_THRESHOLD}):")
        table(sel, lambda r: r[2] >= OLD_THRESHOLD)
        print("after (decision.is_translation on decision.evidence):")
        table(sel, lambda r: decision.is_translation(r[3], r[4], r[5]))


if __name__ == "__main__":
    main()
