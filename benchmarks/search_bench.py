"""Search index benchmark: Whoosh (SearchIndex) against SQLite FTS5 on the same passages, same run.

    .venv/bin/python benchmarks/search_bench.py [--sizes bundled,5,50] [--queries 200] [--profile]

For each corpus size it reports index build time, index size on disk, peak memory of the build
(ru_maxrss growth in a fresh child process), open time in a fresh process (in-process time, and
wall time including interpreter start), and the median and p95 latency of seeded queries, each
returning the top 10 hits with highlighted snippets. Each figure is also printed as a ratio to FTS5.

Synthetic corpora: the bundled corpus's passages (language labels, sentences, kinds as loaded)
copied with new document and passage ids until the text reaches N MB; in each copy about 3% of
words are altered (reversed, or replaced by random letters of the same length) so the vocabulary
grows. Lengths are kept so the sentence offsets stay valid. Language detection is not re-run on
the copies (it would cost ~5 s/MB and measure detection, not search).

Queries (seeded): 40% single words, 30% AND of 2-3 words, 15% two-word phrases, 15% fuzzy (word~)
drawn from the corpus's own words. FTS5 has no fuzzy search, so there the fuzzy share runs as a
4-letter prefix query, its nearest cheap equivalent. FTS5 uses `porter unicode61` tokenizing
(English stemming only; no Norwegian stemming or stop words): a fast baseline, not an equal one.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import random
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from viewer.core.corpus.model import Corpus  # noqa: E402
from viewer.core.library.bundled import bundled_corpus  # noqa: E402
from viewer.core.search.cache import IndexCache, open_folder  # noqa: E402
from viewer.core.search.query import parse  # noqa: E402

WORD = re.compile(r"[^\W\d_]{4,}")


def synthetic_corpus(megabytes: float | None, seed: int = 7) -> Corpus:
    base = bundled_corpus()
    if megabytes is None:
        return base
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    documents, size, n = [], 0, 0
    while size < target:
        doc = base.documents[n % len(base.documents)]
        new_id = f"{doc.id}-{n}"
        text = _alter(doc.text, rng)
        passages = tuple(
            replace(
                p,
                id=f"{new_id}:{p.index:03d}",
                doc_id=new_id,
                text=text[p.start : p.end],
                sentences=tuple(replace(s, id=f"{new_id}:{p.index:03d}.{i}") for i, s in enumerate(p.sentences)),
            )
            for p in doc.passages
        )
        documents.append(replace(doc, id=new_id, text=text, passages=passages))
        size += len(text.encode())
        n += 1
    return Corpus(tuple(documents))


def _alter(text: str, rng: random.Random) -> str:
    def change(m: re.Match[str]) -> str:
        word = m.group(0)
        r = rng.random()
        if r < 0.015:
            return word[::-1]
        if r < 0.03:
            return "".join(rng.choice("abcdefghijklmnoprstuvyæøå") for _ in word)
        return word

    return WORD.sub(change, text)


def make_queries(corpus: Corpus, count: int, seed: int) -> list[tuple[str, str, str]]:
    """(kind, whoosh query, fts5 query) triples."""
    rng = random.Random(seed)
    passages = [p for p in corpus.passages() if not p.low_value and len(WORD.findall(p.text)) >= 6]
    out = []
    for i in range(count):
        words = WORD.findall(rng.choice(passages).text)
        slot = i % 20  # 8 single, 6 and, 3 phrase, 3 fuzzy in every 20
        kind = "single" if slot < 8 else "and" if slot < 14 else "phrase" if slot < 17 else "fuzzy"
        if kind == "single":
            w = rng.choice(words)
            out.append((kind, w, f'"{w}"'))
        elif kind == "and":
            ws = rng.sample(words, rng.choice((2, 3)))
            out.append((kind, " ".join(ws), " ".join(f'"{w}"' for w in ws)))
        elif kind == "phrase":
            j = rng.randrange(len(words) - 1)
            phrase = f"{words[j]} {words[j + 1]}"
            out.append((kind, f'"{phrase}"', f'"{phrase}"'))
        else:
            w = rng.choice([w for w in words if len(w) >= 5] or words)
            out.append((kind, f"{w}~", f'"{w[:4]}" *'))
    return out


# --- children: one fresh process per build and per open, so memory and open times are honest ---


def child_build(engine: str, size: str, folder: Path) -> dict[str, float]:
    corpus = synthetic_corpus(None if size == "bundled" else float(size))
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    if engine == "whoosh":
        ix = IndexCache(folder).open(corpus, rebuild=True)
        (folder / "current").write_text(str(ix.status.folder), encoding="utf-8")
        path = ix.status.folder
    else:
        path = folder / "fts.sqlite3"
        build_fts(corpus, path)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base
    return {
        "build_s": seconds,
        "peak_mb": peak / 1024,
        "size_mb": _size(path) / 1e6,
        "passages": sum(len(d.passages) for d in corpus.documents),
        "text_mb": sum(len(d.text.encode()) for d in corpus.documents) / 1e6,
    }


def child_open(engine: str, folder: Path) -> dict[str, float]:
    t0 = time.perf_counter()
    if engine == "whoosh":
        ix = open_folder(Path((folder / "current").read_text(encoding="utf-8")))
        ix.search("arbeid")
    else:
        db = sqlite3.connect(folder / "fts.sqlite3")
        db.execute("SELECT pid FROM p WHERE p MATCH 'arbeid' LIMIT 1").fetchall()
    return {"open_ms": (time.perf_counter() - t0) * 1000}


def build_fts(corpus: Corpus, path: Path) -> None:
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    db.execute(
        "CREATE VIRTUAL TABLE p USING fts5(pid UNINDEXED, doc UNINDEXED, lang UNINDEXED, text, "
        "tokenize='porter unicode61 remove_diacritics 0')"
    )
    db.executemany(
        "INSERT INTO p VALUES (?, ?, ?, ?)", ((p.id, p.doc_id, p.lang.value, p.text) for p in corpus.passages())
    )
    db.commit()
    db.execute("INSERT INTO p(p) VALUES ('optimize')")
    db.commit()
    db.close()


def _size(path: Path) -> int:
    return path.stat().st_size if path.is_file() else sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def run_child(*args: str) -> tuple[dict[str, float], float]:
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1]), (time.perf_counter() - t0) * 1000


# --- queries, in this process ---


def time_queries(engine: str, folder: Path, queries: list[tuple[str, str, str]]) -> list[float]:
    times = []
    if engine == "whoosh":
        ix = open_folder(Path((folder / "current").read_text(encoding="utf-8")))
        for _kind, q, _f in queries:
            t0 = time.perf_counter()
            ix.search(q, pagelen=10)  # top 10 with snippets, marks and match offsets
            times.append((time.perf_counter() - t0) * 1000)
        ix.close()
    else:
        db = sqlite3.connect(folder / "fts.sqlite3")
        sql = (
            "SELECT pid, doc, lang, snippet(p, 3, '[', ']', '…', 32), bm25(p) FROM p "
            "WHERE p MATCH ? ORDER BY rank LIMIT 10"
        )
        for _kind, _q, f in queries:
            t0 = time.perf_counter()
            db.execute(sql, (f,)).fetchall()
            times.append((time.perf_counter() - t0) * 1000)
        db.close()
    return times


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="bundled,5", help="comma-separated: bundled and/or MB (e.g. 5,50)")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--profile", action="store_true", help="cProfile the Whoosh queries of the last size")
    parser.add_argument(
        "--preference-ab",
        action="store_true",
        help="also time each Whoosh query with and without the typed-language preference, interleaved",
    )
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        action, engine, *rest = args.child
        result = child_build(engine, rest[0], Path(rest[1])) if action == "build" else child_open(engine, Path(rest[0]))
        print(json.dumps(result))
        return
    rows = []
    for size in args.sizes.split(","):
        work = Path(tempfile.mkdtemp(prefix=f"search-bench-{size}-"))
        try:
            figures: dict[str, dict[str, float]] = {}
            for engine in ("whoosh", "fts5"):
                built, _ = run_child("build", engine, size, str(work))
                opened, wall = run_child("open", engine, str(work))
                figures[engine] = {**built, **opened, "open_wall_ms": wall}
            corpus = synthetic_corpus(None if size == "bundled" else float(size))
            queries = make_queries(corpus, args.queries, args.seed)
            for engine in ("whoosh", "fts5"):
                time_queries(engine, work, queries[:10])  # warm caches, as a running app would be
                times = time_queries(engine, work, queries)
                figures[engine]["q_median_ms"] = statistics.median(times)
                figures[engine]["q_p95_ms"] = p95(times)
                if engine == "whoosh":
                    by_kind: dict[str, list[float]] = {}
                    for (kind, _q, _f), t in zip(queries, times, strict=True):
                        by_kind.setdefault(kind, []).append(t)
                    figures[engine]["kinds"] = {k: (statistics.median(v), p95(v)) for k, v in by_kind.items()}
            if args.preference_ab:
                preference_ab(size, work, queries)
            if args.profile and size == args.sizes.split(",")[-1]:
                profile_queries(work, queries)
            rows.append((size, figures))
        finally:
            shutil.rmtree(work, ignore_errors=True)
    report(rows)


def preference_ab(size: str, folder: Path, queries: list[tuple[str, str, str]]) -> None:
    """The search-time cost of ranking in the typed language (`search.boost`): every query timed with
    the preference off and on, alternating on one open index, so machine load hits both alike."""
    ix = open_folder(Path((folder / "current").read_text(encoding="utf-8")))
    decide = ix._preference
    off: list[float] = []
    on: list[float] = []
    preferred = 0
    for _kind, q, _f in queries[:10]:
        ix.search(q, pagelen=10)
    for i, (_kind, q, _f) in enumerate(queries * 2):
        order = (False, True) if i % 2 else (True, False)
        for use in order:
            ix._preference = decide if use else (lambda parsed: None)  # type: ignore[method-assign]
            t0 = time.perf_counter()
            ix.search(q, pagelen=10)
            (on if use else off).append((time.perf_counter() - t0) * 1000)
        if i < len(queries):
            preferred += decide(parse(q)) is not None
    ix.close()
    m_off, m_on, p_off, p_on = statistics.median(off), statistics.median(on), p95(off), p95(on)
    print(
        f"{size}: typed-language preference off/on, {len(off)} searches each ({preferred}/{len(queries)} queries"
        f" get a preference): median {m_off:.2f}/{m_on:.2f} ms ({m_on / m_off:.2f}x),"
        f" p95 {p_off:.2f}/{p_on:.2f} ms ({p_on / p_off:.2f}x)"
    )


def profile_queries(folder: Path, queries: list[tuple[str, str, str]]) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    time_queries("whoosh", folder, queries)
    profiler.disable()
    print("\n# cProfile of the Whoosh queries (top 20 by cumulative time)")
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(20)


def report(rows: list[tuple[str, dict[str, dict[str, float]]]]) -> None:
    metrics = [
        ("build_s", "build s"),
        ("size_mb", "index MB"),
        ("peak_mb", "build peak MB"),
        ("open_ms", "open ms (in proc)"),
        ("open_wall_ms", "open ms (wall, new proc)"),
        ("q_median_ms", "query median ms"),
        ("q_p95_ms", "query p95 ms"),
    ]
    print(f"\n{'corpus':<22}{'metric':<26}{'whoosh':>10}{'fts5':>10}{'ratio':>8}")
    for size, f in rows:
        w, s = f["whoosh"], f["fts5"]
        label = f"{size} ({w['text_mb']:.2f} MB, {int(w['passages'])} p)"
        for key, name in metrics:
            ratio = w[key] / s[key] if s[key] else float("inf")
            print(f"{label:<22}{name:<26}{w[key]:>10.2f}{s[key]:>10.2f}{ratio:>7.1f}x")
            label = ""
        kinds = ", ".join(f"{k} {m:.1f}/{p:.1f}" for k, (m, p) in w["kinds"].items())  # type: ignore[union-attr]
        print(f"{'':<22}whoosh median/p95 ms by kind: {kinds}")


if __name__ == "__main__":
    main()
