"""Search ranking in the language the user typed: the query set tests/data/search/ranking.tsv with the
language (or passage) expected on top, searched three ways in the same run.

    .venv/bin/python benchmarks/ranking_eval.py [--base DIR] [--show]

- `base`: the checkout at DIR (e.g. a clone of the commit before; its own analysis and index), when given;
- `no preference`: this checkout without the language preference (`boost`), its analysis and glosses kept;
- `preference`: this checkout as it ranks.
For each: top-1 right (the top hit shows the expected language or is the expected passage), the share
of the top 3 in the expected language, and the mean reciprocal rank of the first right hit (top 10).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "tests" / "data" / "search" / "ranking.tsv"


def read_queries() -> list[tuple[str, str]]:
    rows = []
    for line in QUERIES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            query, expect, *_why = line.split("\t")
            rows.append((query, expect))
    return rows


def child(no_preference: bool) -> None:
    """Print, as JSON, the top 10 (passage id, language shown) of every query, with this process's code."""
    from viewer.core.library.bundled import bundled_corpus
    from viewer.core.search.index import SearchIndex

    if no_preference:
        SearchIndex._preference = lambda self, parsed: None  # type: ignore[attr-defined, method-assign, assignment]
    ix = SearchIndex.build(bundled_corpus())
    out = {q: [(h.passage_id, h.lang) for h in ix.search(q, pagelen=10).hits] for q, _e in read_queries()}
    print(json.dumps(out))


def run(root: Path, no_preference: bool = False) -> dict[str, list[list[str]]]:
    args = [sys.executable, str(Path(__file__).resolve()), "--child"] + (["--no-preference"] if no_preference else [])
    env = {**os.environ, "PYTHONPATH": str(root)}
    done = subprocess.run(args, cwd=root, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def right(hit: list[str], expect: str) -> bool:
    return hit[0] == expect if ":" in expect else hit[1] == expect


def score(results: dict[str, list[list[str]]]) -> tuple[float, float, float, list[str]]:
    top1 = top3 = rr = 0.0
    wrong = []
    queries = read_queries()
    for query, expect in queries:
        hits = results.get(query, [])
        if hits and right(hits[0], expect):
            top1 += 1
        else:
            wrong.append(f"{query!r}: expected {expect}, top {hits[0] if hits else 'nothing'}")
        top3 += sum(right(h, expect) for h in hits[:3]) / 3 if ":" not in expect else 0
        rr += next((1 / (i + 1) for i, h in enumerate(hits) if right(h, expect)), 0.0)
    lang_queries = sum(":" not in e for _q, e in queries)
    return top1 / len(queries), top3 / lang_queries, rr / len(queries), wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", type=Path, help="a checkout of the code to compare against")
    parser.add_argument("--show", action="store_true", help="list the queries whose top hit is wrong")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--no-preference", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.no_preference)
        return
    runs = {}
    if args.base:
        runs["base"] = run(args.base.resolve())
    runs["no preference"] = run(ROOT, no_preference=True)
    runs["preference"] = run(ROOT)
    print(f"{len(read_queries())} queries from {QUERIES.relative_to(ROOT)}")
    print(f"{'ranking':<16} {'top-1 right':>12} {'top-3 in lang':>14} {'MRR@10':>8}")
    scored = {name: score(r) for name, r in runs.items()}
    for name, (top1, top3, mrr, _wrong) in scored.items():
        print(f"{name:<16} {top1:>12.3f} {top3:>14.3f} {mrr:>8.3f}")
    first = next(iter(scored.values()))
    last = scored["preference"]
    print(f"top-1 right: {last[0]:.3f} vs {first[0]:.3f} ({next(iter(scored))}), {last[0] / max(first[0], 1e-9):.2f}x")
    if args.show:
        for name, (*_nums, wrong) in scored.items():
            print(f"{name}: wrong on top")
            for line in wrong:
                print("  " + line)


if __name__ == "__main__":
    main()
