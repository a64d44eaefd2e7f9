"""Bookmark speed and re-anchoring quality, against baselines measured in the same run.

    .venv/bin/python benchmarks/bookmarks_bench.py [--n 300]

Prints: add (one durable transaction each) vs a bare sqlite3 INSERT with the same pragmas; search vs a
bare FTS5 MATCH; list/export times; and re-anchoring on random quotes from the corpus after random
edits (insert before, edits inside, replacement), ours (exact + diff-match-patch Bitap) vs a
stdlib difflib locator.
"""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from viewer.core.bookmarks.export import to_csv, to_json, to_markdown
from viewer.core.bookmarks.store import BookmarkStore
from viewer.core.corpus.anchors import AnchorStatus, make_anchor, resolve
from viewer.core.library.bundled import bundled_corpus


def timed(fn, repeat: int = 1) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - began)
    return best


def bench_store(n: int, corpus) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(7)
    docs = [d for d in corpus.documents if len(d.text) > 200]
    with tempfile.TemporaryDirectory() as tmp:
        store = BookmarkStore(Path(tmp) / "b.sqlite3")
        began = time.perf_counter()
        for i in range(n):
            d = rng.choice(docs)
            s = rng.randrange(0, len(d.text) - 100)
            store.add(d, start=s, end=s + rng.randrange(10, 100), note=f"note {i} arbeid «æøå»", tags=[f"t{i % 7}"])
        ours_add = (time.perf_counter() - began) / n
        base = sqlite3.connect(Path(tmp) / "base.sqlite3", isolation_level=None)
        base.execute("PRAGMA journal_mode = WAL")
        base.execute("PRAGMA synchronous = FULL")
        base.execute("CREATE TABLE t (id TEXT, note TEXT, exact TEXT)")
        base.execute("CREATE VIRTUAL TABLE f USING fts5(note, exact)")
        began = time.perf_counter()
        for i in range(n):
            base.execute("BEGIN IMMEDIATE")
            base.execute("INSERT INTO t VALUES (?, ?, ?)", (str(i), f"note {i} arbeid «æøå»", "quote text"))
            base.execute("INSERT INTO f VALUES (?, ?)", (f"note {i} arbeid «æøå»", "quote text"))
            base.execute("COMMIT")
        base_add = (time.perf_counter() - began) / n
        print(
            f"add        ours {ours_add * 1000:7.2f} ms  bare sqlite insert+fts {base_add * 1000:7.2f} ms  "
            f"ratio {ours_add / base_add:5.2f}"
        )
        ours_search = timed(lambda: store.list(query="arbeid æøå"), 5)
        base_search = timed(
            lambda: base.execute(
                'SELECT t.* FROM t JOIN f ON f.rowid = t.rowid WHERE f MATCH \'"arbeid"* "æøå"*\''
            ).fetchall(),
            5,
        )
        print(
            f"search     ours {ours_search * 1000:7.2f} ms  bare FTS5 MATCH        {base_search * 1000:7.2f} ms  "
            f"ratio {ours_search / base_search:5.2f}  ({n} hits)"
        )
        everything = store.list()
        lookup = {d.id: d for d in corpus.documents}.get
        tag_filter = timed(lambda: store.list(tag="t3"), 3)
        print(f"list all   {timed(store.list, 3) * 1000:7.2f} ms   tag filter {tag_filter * 1000:6.2f} ms")
        for name, fn in (
            ("markdown", lambda: to_markdown(everything, lookup)),
            ("csv", lambda: to_csv(everything, lookup)),
            ("json", lambda: to_json(everything)),
        ):
            print(f"export {name:<8} {timed(fn, 3) * 1000:7.2f} ms for {n}")
        store.close()
        base.close()


def difflib_locate(exact: str, text: str, near: int) -> tuple[int, int] | None:
    """Baseline: the longest common block, stretched to the quote's length (stdlib only)."""
    matcher = difflib.SequenceMatcher(None, text, exact, autojunk=False)
    a, b, size = matcher.find_longest_match(0, len(text), 0, len(exact))
    if size < max(4, len(exact) // 4):
        return None
    return a - b, a - b + len(exact)


def edit(rng: random.Random, text: str, start: int, end: int) -> tuple[str, int, int, str]:
    """A random edit; returns the new text, where the quote should now be, and the edit kind."""
    kind = rng.choice(["insert-before", "edit-inside", "insert-inside"])
    if kind == "insert-before":
        cut = rng.randrange(0, start + 1)
        added = "Inserted words here. " * rng.randrange(1, 5)
        return text[:cut] + added + text[cut:], start + len(added), end + len(added), kind
    inside = rng.randrange(start + 1, end - 1)
    if kind == "edit-inside":
        return text[:inside] + "#" + text[inside + 1 :], start, end, kind
    return text[:inside] + " extra" + text[inside:], start, end + 6, kind


def bench_anchors(corpus, samples: int) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(11)
    docs = [d for d in corpus.documents if len(d.text) > 500]
    ours_ok = base_ok = 0
    ours_t: list[float] = []
    base_t: list[float] = []
    for _ in range(samples):
        d = rng.choice(docs)
        start = rng.randrange(0, len(d.text) - 150)
        end = start + rng.randrange(20, 150)
        anchor = make_anchor(d.id, d.text, start, end)
        text, new_start, new_end, _kind = edit(rng, d.text, start, end)
        began = time.perf_counter()
        found = resolve(anchor, text)
        ours_t.append(time.perf_counter() - began)
        ours_ok += found.found and abs(found.start - new_start) <= 2 and abs(found.end - new_end) <= 2
        began = time.perf_counter()
        located = difflib_locate(anchor.exact, text, start)
        base_t.append(time.perf_counter() - began)
        base_ok += located is not None and abs(located[0] - new_start) <= 2 and abs(located[1] - new_end) <= 2
    print(f"re-anchor after random edits ({samples} quotes of 20-150 chars, spans within 2 chars):")
    print(
        f"  ours (exact + Bitap) {ours_ok / samples:6.1%} correct, median {statistics.median(ours_t) * 1000:6.2f} ms,"
        f" max {max(ours_t) * 1000:6.1f} ms"
    )
    print(
        f"  difflib baseline     {base_ok / samples:6.1%} correct, median {statistics.median(base_t) * 1000:6.2f} ms,"
        f" ratio of medians {statistics.median(ours_t) / statistics.median(base_t):5.2f}"
    )
    orphans = 0
    for d in docs:
        other = next(o for o in docs if o.id != d.id)
        s = len(d.text) // 2
        anchor = make_anchor(d.id, d.text, s, s + 60)
        orphans += resolve(anchor, other.text).status is AnchorStatus.ORPHANED
    print(f"  whole-document replacement: {orphans}/{len(docs)} orphaned (60-char quotes)")
    thesis = corpus.get("thesis")
    moved = dataclasses.replace(thesis, text="x" + thesis.text)
    with BookmarkStore(":memory:") as store:
        for p in thesis.passages:
            store.add(thesis, passage_id=p.id)
        seconds = timed(lambda: store.reanchor(moved))
    print(f"  store.reanchor of {len(thesis.passages)} passage bookmarks after an edit: {seconds * 1000:.1f} ms")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--samples", type=int, default=300)
    args = parser.parse_args()
    corpus = bundled_corpus()
    bench_store(args.n, corpus)
    bench_anchors(corpus, args.samples)
    return 0


if __name__ == "__main__":
    sys.exit(main())
