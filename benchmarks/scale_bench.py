"""Big-library benchmark (issue 16): index build time and peak memory at 5/20/50 MB, query latency at
the largest size, each against SQLite FTS5 (and Recoll's recollindex when installed) in the same run.

    .venv/bin/python benchmarks/scale_bench.py [--sizes 5,20,50] [--queries 200] [--levers 20] [--no-recoll]
        [--work DIR] [--code DIR]

`--work DIR` keeps each size's builds in DIR/<MB> and reuses them on the next run (their build
figures are the saved ones, marked so; the incremental part, which changes the index, is skipped),
for measuring queries again without rebuilding 50 MB. `--code DIR` also builds each size with the
checkout at DIR (e.g. the commit before a change; its own corpus code and index), in the same run.

Corpora are search_bench's: the bundled texts copied with ~3% of words altered until they reach N MB.
Each build runs in a fresh child process; peak memory is the child's ru_maxrss growth over the corpus
it holds plus the largest grandchild's, for writers that fork (a forked worker's RSS counts the pages
it shares with its parent again), and "PSS MB" the peak summed PSS of the child's process tree over
the same start, sampled every 50 ms (shared pages counted once: the memory really used).
Queries (search_bench's seeded mix:
single words, AND, phrases, fuzzy) return the top 10 with snippets and highlight offsets, as the app
shows a page. Whoosh is timed three ways: cold (the term cache emptied before every query), warm (the
cache as a session leaves it), and through Whoosh's own matchers (the path before the bulk scorer);
wall ms, and the CPU ms of the searching thread (less sensitive to other work on the machine). A
phrase with more candidates than are checked gets an estimated total ("about N"): how many did, and
how far the estimates were from the exact counts, is printed below the timings.
`--levers MB` also builds that size with other levers for comparison: the app's build in one process
(without its forked segment writers), and Whoosh's own writer with limitmb=256 (the build before
this benchmark), limitmb=64 (spilling runs), and procs=2.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CODE = os.environ.get("SCALE_BENCH_CODE")  # a child building with another checkout (--code)
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
if CODE:
    sys.path.insert(0, CODE)

from scale_queries import ratio, report_queries  # noqa: E402
from search_bench import build_fts, synthetic_corpus  # noqa: E402

from viewer.core.corpus.model import Corpus  # noqa: E402
from viewer.core.search import parallel  # noqa: E402
from viewer.core.search.cache import IndexCache, open_folder  # noqa: E402

ONE_PROCESS = "whoosh, one process (no forked writers)"
LEVERS = {
    ONE_PROCESS: {},
    "writer limitmb=256, one commit (before)": {"limitmb": 256},
    "writer limitmb=64, one commit (spills)": {"limitmb": 64},
    "procs=2 multisegment, limitmb=128": {"procs": 2, "limitmb": 128, "multisegment": True},
}


# --- children: one fresh process per build, so memory is honest ---


def child_build(engine: str, mb: float, folder: Path) -> dict[str, float]:
    corpus = synthetic_corpus(mb)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    base_pss = tree_pss_mb(os.getpid())
    cpu0 = _cpu_s()
    t0 = time.perf_counter()
    if engine.startswith("whoosh"):
        parallel.PROCS = 1 if engine == ONE_PROCESS else parallel.PROCS
        ix = IndexCache(folder).open(corpus, rebuild=True)
        (folder / "current").write_text(str(ix.status.folder), encoding="utf-8")
        ix.close()
    elif engine == "fts5":
        build_fts(corpus, folder / "fts.sqlite3")
    else:  # a Whoosh writer lever, straight into a fresh folder
        from whoosh.filedb.filestore import FileStorage

        from viewer.core.search.schema import make_schema, passage_fields

        ix = FileStorage(str(folder)).create_index(make_schema())
        titles = {d.id: d.title for d in corpus.documents}
        writer = ix.writer(**LEVERS[engine])
        for passage in corpus.passages():
            writer.add_document(**passage_fields(passage, titles))
        writer.commit()
    seconds = time.perf_counter() - t0
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base
    forked = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    got = {"build_s": seconds, "peak_mb": (own + forked) / 1024, "passages": corpus.passage_count}
    return got | {"base_pss_mb": base_pss, "cpu_s": _cpu_s() - cpu0}


def _cpu_s() -> float:
    """CPU seconds of this process and its waited-for children (user + system): what a build costs
    whatever else the machine runs."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def child_open(engine: str, folder: Path) -> dict[str, float]:
    """Open in a fresh process and answer one query (Whoosh loads its scoring columns then)."""
    t0 = time.perf_counter()
    if engine == "whoosh":
        ix = open_folder(Path((folder / "current").read_text(encoding="utf-8")))
        ix.search("arbeid")
    else:
        db = sqlite3.connect(folder / "fts.sqlite3")
        db.execute("SELECT pid FROM p WHERE p MATCH 'arbeid' LIMIT 10").fetchall()
    return {"open_ms": (time.perf_counter() - t0) * 1000}


def run_child(*args: str, code: Path | None = None) -> dict[str, float]:
    """Run one child (with the checkout `code`, when given); for a build, also its process tree's peak
    PSS over the corpus it holds (the memory really used: a forked worker's pages shared with its
    parent count once, not twice)."""
    env = {**os.environ, "SCALE_BENCH_CODE": str(code)} if code else None
    command = [sys.executable, __file__, "--child", *args]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    peak = 0.0
    while proc.poll() is None:
        peak = max(peak, tree_pss_mb(proc.pid))
        time.sleep(0.05)
    stdout, stderr = proc.communicate()
    if proc.returncode:
        raise RuntimeError(stderr[-2000:])
    got: dict[str, float] = json.loads(stdout.strip().splitlines()[-1])
    if "base_pss_mb" in got:
        got["pss_mb"] = peak - got.pop("base_pss_mb")
    return got


def tree_pss_mb(pid: int) -> float:
    """The summed PSS of a process and its descendants (Linux /proc; 0 where it cannot be read)."""
    total, todo = 0.0, [pid]
    while todo:
        p = todo.pop()
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1]) / 1024
            for task in Path(f"/proc/{p}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue
    return total


# --- Recoll, when installed ---


def recoll_build(mb: float, work: Path) -> dict[str, float] | None:
    exe = shutil.which("recollindex")
    if exe is None:
        return None
    corpus = synthetic_corpus(mb)
    texts, conf = work / "recoll-texts", work / "recoll-conf"
    texts.mkdir()
    conf.mkdir()
    for doc in corpus.documents:
        (texts / f"{doc.id}.txt").write_text(doc.text, encoding="utf-8")
    (conf / "recoll.conf").write_text(f"topdirs = {texts}\nindexStemmingLanguages = english norwegian\n")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([exe, "-c", str(conf), "-z"], capture_output=True, check=True)
    seconds = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"build_s": seconds, "peak_mb": max(after.ru_maxrss, before.ru_maxrss) / 1024}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="5,20,50")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--levers", type=float, default=None, help="also build this size with Whoosh's levers")
    parser.add_argument("--no-recoll", action="store_true")
    parser.add_argument("--work", type=Path, help="keep the builds here and reuse them (see above)")
    parser.add_argument("--code", type=Path, help="also build with the checkout at DIR (see above)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        action, engine, *rest = args.child
        if action == "build":
            print(json.dumps(child_build(engine, float(rest[0]), Path(rest[1]))))
        else:
            print(json.dumps(child_open(engine, Path(rest[0]))))
        return
    sizes = [float(s) for s in args.sizes.split(",")]
    has_recoll = not args.no_recoll and shutil.which("recollindex") is not None
    head = (
        f"{'MB':>5} {'passages':>9}  {'engine':<42}{'build s':>9}{'CPU s':>7}{'peak MB':>9}{'PSS MB':>9}{'open ms':>9}"
    )
    print(f"\n{head}  vs FTS5 (build, peak)")
    for mb in sizes:
        if args.work:
            work = args.work / f"{mb:g}"
            work.mkdir(parents=True, exist_ok=True)
        else:
            work = Path(tempfile.mkdtemp(prefix=f"scale-bench-{mb:g}-"))
        saved = work / "built.json"
        try:
            rows = {}
            if saved.exists():
                print(f"(the {mb:g} MB builds are reused from {work}: their figures are from the run that made them)")
                rows = json.loads(saved.read_text(encoding="utf-8"))
            for engine in ("whoosh", "fts5"):
                if engine not in rows:
                    rows[engine] = run_child("build", engine, str(mb), str(work))
                rows[engine] |= run_child("open", engine, str(work))
            if args.work:
                saved.write_text(json.dumps({e: rows[e] for e in ("whoosh", "fts5")}), encoding="utf-8")
            if args.code:
                other = Path(tempfile.mkdtemp(prefix="code-", dir=work))
                rows[f"whoosh, {args.code}"] = run_child("build", "whoosh", str(mb), str(other), code=args.code)
                shutil.rmtree(other, ignore_errors=True)
            if has_recoll:
                got = recoll_build(mb, work)
                if got:
                    rows["recollindex"] = got
            if args.levers == mb:
                for name in LEVERS:
                    folder = work / f"lever-{len(rows)}"
                    folder.mkdir()
                    rows[name] = run_child("build", name, str(mb), str(folder))
            fts = rows["fts5"]
            for name, r in rows.items():
                opened = f"{r['open_ms']:9.1f}" if "open_ms" in r else f"{'':>9}"
                pss = f"{r['pss_mb']:9.1f}" if "pss_mb" in r else f"{'':>9}"
                cpu = f"{r['cpu_s']:7.1f}" if "cpu_s" in r else f"{'':>7}"
                print(
                    f"{mb:5g} {int(rows['whoosh']['passages']):9d}  {name:<42}{r['build_s']:9.2f}{cpu}"
                    f"{r['peak_mb']:9.1f}"
                    f"{pss}{opened}  {ratio(r['build_s'], fts['build_s'])} {ratio(r['peak_mb'], fts['peak_mb'])}"
                )
            if args.code:
                mine, base = rows["whoosh"], rows[f"whoosh, {args.code}"]
                print(
                    f"      this checkout vs {args.code}: build {mine['build_s'] / base['build_s']:.2f}x, CPU "
                    f"{mine['cpu_s'] / base['cpu_s']:.2f}x, PSS {mine['pss_mb'] / base['pss_mb']:.2f}x "
                    f"(load average {os.getloadavg()[0]:.1f})"
                )
            if mb == sizes[-1]:
                report_queries(work, mb, args.queries, args.seed)
                if args.work:
                    print("\n(the incremental part changes the index: it runs without --work)")
                else:
                    report_incremental(work, mb)
        finally:
            if not args.work:
                shutil.rmtree(work, ignore_errors=True)
    if not has_recoll:
        print("\n(recollindex is not installed here, so Recoll is skipped; `apt-get install recollcmd` adds it)")


def report_incremental(work: Path, mb: float, runs: int = 3) -> None:
    """Opening the cached index of an unchanged corpus (the key, the sampled checks, the first search)
    and re-indexing after one document changed (a derived index), in this process; medians of `runs`."""
    from dataclasses import replace

    corpus = synthetic_corpus(mb)
    opened, derived, fts = [], [], []
    for run in range(runs):
        t0 = time.perf_counter()
        with IndexCache(work).open(corpus) as ix:
            assert ix.status.action == "opened", ix.status
            ix.search("arbeid")
        opened.append((time.perf_counter() - t0) * 1000)
        doc = corpus.documents[run]
        k = next(i for i, c in enumerate(doc.text) if c.isalpha())
        text = doc.text[:k] + ("Q" if doc.text[k] != "Q" else "X") + doc.text[k + 1 :]
        passages = tuple(replace(p, text=text[p.start : p.end]) for p in doc.passages)
        changed = Corpus(
            (replace(doc, text=text, passages=passages), *corpus.documents[:run], *corpus.documents[run + 1 :])
        )
        t0 = time.perf_counter()
        with IndexCache(work).open(changed) as ix:
            assert ix.status.incremental, ix.status
            ix.search("arbeid")
        derived.append((time.perf_counter() - t0) * 1000)
        db = sqlite3.connect(work / "fts.sqlite3")  # the baseline: FTS5 replaces one document's rows
        t0 = time.perf_counter()
        db.execute("DELETE FROM p WHERE doc = ?", (doc.id,))
        db.executemany("INSERT INTO p VALUES (?, ?, ?, ?)", [(p.id, doc.id, p.lang.value, p.text) for p in passages])
        db.commit()
        fts.append((time.perf_counter() - t0) * 1000)
        db.close()
        corpus = changed  # the library as it now is: the next run opens it unchanged
    print(f"\nincremental at {mb:g} MB (median of {runs}, ms):")
    print(f"  open an unchanged library's index and search once  {statistics.median(opened):8.1f}")
    print(f"  re-index after one document changed, then search  {statistics.median(derived):8.1f}")
    print(f"  FTS5: replace that document's rows and commit     {statistics.median(fts):8.1f}")


if __name__ == "__main__":
    main()
