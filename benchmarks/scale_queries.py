"""scale_bench's query part: seeded queries at the largest size, timed against FTS5 in the same run
(see scale_bench's docstring), and how close the estimated phrase totals come to the exact ones."""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

from search_bench import make_queries, p95, synthetic_corpus, time_queries

from viewer.core.search import bulk
from viewer.core.search.cache import open_folder


def ratio(a: float, b: float | None) -> str:
    return f"{a / b:7.1f}x" if b else "      -"


def whoosh_times(folder: Path, queries: list[tuple[str, str, str]], mode: str) -> tuple[list[float], list[float]]:
    """Wall and CPU (this thread's) milliseconds of each query."""
    ix = open_folder(Path((folder / "current").read_text(encoding="utf-8")))
    if mode == "matchers":
        real = bulk.collect

        def whoosh_way(*args: object, **kwargs: object) -> bulk.Collected:
            raise bulk.Unsupported("benchmark: Whoosh's own matchers")

        bulk.collect = whoosh_way  # type: ignore[assignment]
    try:
        for _kind, q, _f in queries[:10]:
            ix.search(q, pagelen=10)  # warm the OS cache and load the columns, as a running app would
        times, cpu = [], []
        for _kind, q, _f in queries:
            if mode == "cold":
                ix._terms = bulk.TermCache()
            c0, t0 = time.thread_time(), time.perf_counter()
            ix.search(q, pagelen=10)  # the top 10 with snippets, marks and match offsets
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.thread_time() - c0) * 1000)
    finally:
        if mode == "matchers":
            bulk.collect = real  # type: ignore[assignment]
        ix.close()
    return times, cpu


def estimate_errors(folder: Path, queries: list[tuple[str, str, str]]) -> tuple[int, int, list[float]]:
    """The phrase queries whose total was estimated: (phrases, estimated, relative errors), against the
    exact counts (every candidate checked)."""
    ix = open_folder(Path((folder / "current").read_text(encoding="utf-8")))
    phrases = [q for kind, q, _f in queries if kind == "phrase"]
    errors = []
    try:
        for q in phrases:
            got = ix.search(q, pagelen=10)
            if got.total_exact:
                continue
            rest = bulk.CHECK_REST
            bulk.CHECK_REST = 10**9
            try:
                exact = ix.search(q, pagelen=10)
            finally:
                bulk.CHECK_REST = rest
            assert exact.total_exact and [h.passage_id for h in exact.hits] == [h.passage_id for h in got.hits], q
            errors.append(abs(got.total - exact.total) / max(1, exact.total))
    finally:
        ix.close()
    return len(phrases), len(errors), errors


def fts_times(folder: Path, queries: list[tuple[str, str, str]]) -> list[float]:
    """search_bench's FTS5 timings, after ten queries to warm its pages as a session would."""
    time_queries("fts5", folder, queries[:10])
    return time_queries("fts5", folder, queries)


def report_queries(work: Path, mb: float, count: int, seed: int) -> None:
    queries = make_queries(synthetic_corpus(mb), count, seed)
    fts = fts_times(work, queries)
    f50, f95 = statistics.median(fts), p95(fts)
    print(f"\nqueries at {mb:g} MB ({count}, top 10 with snippets and highlights), load average {_load()}:")
    print(f"  {'':<44}{'wall p50/p95 ms':>16}{'CPU p50/p95':>14}   wall vs FTS5 p50, p95   (wall by kind)")
    print(f"  {'FTS5 (porter unicode61)':<44}{f50:8.1f}{f95:8.1f}")
    for mode, label in (
        ("cold", "Whoosh, bulk scorer, term cache emptied"),
        ("warm", "Whoosh, bulk scorer, term cache as used"),
        ("matchers", "Whoosh's own matchers (the path before)"),
    ):
        times, cpu = whoosh_times(work, queries, mode)
        w50, w95 = statistics.median(times), p95(times)
        kinds: dict[str, list[float]] = {}
        for (kind, _q, _f), t in zip(queries, times, strict=True):
            kinds.setdefault(kind, []).append(t)
        by_kind = ", ".join(f"{k} {statistics.median(v):.1f}/{p95(v):.1f}" for k, v in kinds.items())
        print(
            f"  {label:<44}{w50:8.1f}{w95:8.1f}{statistics.median(cpu):7.1f}{p95(cpu):7.1f}"
            f"   {ratio(w50, f50)} {ratio(w95, f95)}   ({by_kind})"
        )
    phrases, estimated, errors = estimate_errors(work, queries)
    if errors:
        errors.sort()
        print(
            f"  phrase totals estimated ('about N'): {estimated} of {phrases} phrases; error vs the exact count "
            f"median {statistics.median(errors):.0%}, worst {errors[-1]:.0%} (same hits and order as checking all)"
        )
    else:
        print(f"  phrase totals: all {phrases} exact")


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())
