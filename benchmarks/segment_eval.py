"""Score sentence boundaries of viewer.core.corpus.segment against sentencex on the hand-made gold set.

Prints precision / recall / F1 of boundaries (the start offset of every sentence but the first)
for the corpus excerpts and for everything (incl. the constructed abbreviation item), then speed
in ms per 1,000 sentences over the five full corpus files. `-v` lists every wrong boundary.

    .venv/bin/python benchmarks/segment_eval.py [-v]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterable
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from viewer.core.corpus.segment import split_sentences  # noqa: E402

GOLD = ROOT / "tests" / "data" / "segment" / "gold.jsonl"
Spans = list[tuple[int, int]]
Segmenter = Callable[[str, str], Spans]


def corpus_files() -> list[Path]:
    """The five corpus texts: the bundled copy, else the shared collection beside the repo."""
    for folder in (ROOT / "viewer" / "corpus", ROOT.parent / "shared" / "corpus"):
        files = sorted(folder.glob("*.txt"))
        if files:
            return files
    raise SystemExit("no corpus found in corpus/ or ../shared/corpus/")


def load_gold(path: Path = GOLD) -> list[dict]:
    """Gold items with their sentence spans located in `text`."""
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        item["spans"] = locate(item["text"], item["sentences"])
        items.append(item)
    return items


def locate(text: str, pieces: Iterable[str]) -> Spans:
    """Map strings that occur in order in `text` back to stripped offsets."""
    spans, pos = [], 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        start = text.index(piece, pos)
        pos = start + len(piece)
        spans.append((start, pos))
    return spans


def ours(text: str, lang: str) -> Spans:
    return split_sentences(text)


def sentencex_spans(text: str, lang: str) -> Spans:
    """sentencex strings mapped back to offsets (it returns text, not positions)."""
    from sentencex import segment

    return locate(text, segment(lang, text))


def hybrid(text: str, lang: str) -> Spans:
    """sentencex plus our line-break boundaries: how much of the gap is line structure alone."""
    starts = {s for s, _ in sentencex_spans(text, lang)}
    mine = split_sentences(text)
    starts |= {s for (_, e0), (s, _) in pairwise(mine) if "\n" in text[e0:s]}
    return locate(text, _pieces(text, sorted(starts)))


def _pieces(text: str, starts: list[int]) -> list[str]:
    bounds = [0, *[s for s in starts if s > 0], len(text)]
    return [text[a:b] for a, b in pairwise(bounds) if text[a:b].strip()]


def boundaries(spans: Spans) -> set[int]:
    return {s for s, _ in spans[1:]}


def score(items: list[dict], seg: Segmenter, verbose: bool = False) -> tuple[float, float, float]:
    """Micro-averaged boundary precision, recall and F1 over `items`."""
    tp = fp = fn = 0
    for item in items:
        lang = item["lang"].split("+")[0]
        gold, got = boundaries(item["spans"]), boundaries(seg(item["text"], lang))
        tp, fp, fn = tp + len(gold & got), fp + len(got - gold), fn + len(gold - got)
        if verbose:
            for pos in sorted(got ^ gold):
                kind = "spurious" if pos in got else "missed"
                ctx = item["text"][max(0, pos - 45) : pos + 25].replace("\n", "⏎")
                print(f"    {kind:8} {item['id']:22} …{ctx}…")
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def speed(seg: Segmenter, texts: list[str], n_sentences: int, repeat: int = 20) -> float:
    """Milliseconds per 1,000 sentences (best of `repeat` passes over `texts`)."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for text in texts:
            seg(text, "nb")
        best = min(best, time.perf_counter() - t0)
    return best * 1000 / (n_sentences / 1000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list every wrong boundary")
    args = parser.parse_args()
    items = load_gold()
    corpus_items = [i for i in items if i["doc"] != "constructed"]
    n_gold = sum(len(i["spans"]) for i in items)
    print(f"gold: {len(items)} items, {n_gold} sentences ({len(corpus_items)} corpus items)")
    systems: dict[str, Segmenter] = {"ours": ours, "sentencex": sentencex_spans, "sentencex+lines": hybrid}
    print(f"{'system':16} {'set':7} {'P':>6} {'R':>6} {'F1':>6}")
    for name, seg in systems.items():
        for label, subset in (("corpus", corpus_items), ("all", items)):
            if args.verbose and label == "all":
                print(f"  errors of {name}:")
            p, r, f1 = score(subset, seg, verbose=args.verbose and label == "all")
            print(f"{name:16} {label:7} {p:6.3f} {r:6.3f} {f1:6.3f}")
    texts = [f.read_text(encoding="utf-8") for f in corpus_files()]
    n = sum(len(split_sentences(t)) for t in texts)
    for name in ("ours", "sentencex"):
        ms = speed(systems[name], texts, n)
        print(f"speed {name:10} {ms:7.2f} ms per 1,000 sentences ({len(texts)} corpus files, {n} sentences)")


if __name__ == "__main__":
    main()
