"""Finding translation pairs after one file of an imported library changed (issue 16).

    .venv/bin/python benchmarks/pairs_bench.py [--mb 5] [--files 570] [--runs 3] [--keep DIR] [--profile]

The folder is import_folder_bench's plain-text folder (made from the bundled texts, sized to --mb),
imported once into a fresh library (its own registry, document cache and pair store) through the
reader pool, as `viewer import` does. Then, --runs times, one file is changed (a sentence appended)
and a new process opens the library and refreshes it, as the app does after a restart; what is
timed is its pair finding (`Pairing.find`), CPU seconds (this process only: the refresh's reader is
not in it) and wall, with the process's peak memory. Each has its own pair store (so both find);
they find over the same corpus, in alternating order:

- baseline, "made here": the pair finding as it was, every profile built in this process from the
  documents and every alignment check run (a Pairing without the document cache);
- "kept": profiles read from the document cache (the readers made them at import) and the checks
  kept there too, only the changed file's own made again.

Medians are printed with their ratio and the load average. `--profile` prints
a cProfile summary of one kept run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def _environment(state: Path) -> None:
    os.environ["XDG_CACHE_HOME"] = str(state / "xdg-cache")  # the index and anything else: not the user's
    os.environ["XDG_DATA_HOME"] = str(state / "xdg-data")


def _workspace(state: Path, mode: str = "kept"):  # type: ignore[no-untyped-def]
    from viewer.core.library.cache import DocumentCache
    from viewer.core.library.library import Library
    from viewer.core.pairs.service import Pairing
    from viewer.core.pairs.store import PairStore
    from viewer.core.workspace import Workspace

    library = Library(state / "collections.sqlite3", DocumentCache(state / "documents.sqlite3"))
    workspace = Workspace.open(library=library, bookmarks=False, pairs=False, corrections=False, searches=False)
    kept = library.cache if mode == "kept" else None  # "parent": nothing read from the cache, nothing kept
    workspace.pairing = Pairing(PairStore(state / f"pairs-{mode}.sqlite3"), kept)
    return workspace


def import_folder(state: Path, folder: Path) -> dict[str, float]:
    """The folder imported through the reader pool, its pairs found (what a first import does)."""
    _environment(state)
    with _workspace(state) as workspace:
        t0, c0 = time.perf_counter(), time.process_time()
        report = workspace.import_paths([folder])
        return {"wall": time.perf_counter() - t0, "cpu": time.process_time() - c0, "files": len(report.imported)}


def child(mode: str, state: Path, profile: bool) -> dict[str, float]:
    """One restart: open, refresh (one file changed), the pair finding timed."""
    import resource

    from viewer.core.pairs import kept, service

    _environment(state)
    counts = {"built": 0, "checked": 0}
    build, check = kept.build_profile, service.check_evidence

    def built(document):  # type: ignore[no-untyped-def]
        counts["built"] += 1
        return build(document)

    def checked(*args, **kwargs):  # type: ignore[no-untyped-def]
        counts["checked"] += 1
        return check(*args, **kwargs)

    kept.build_profile, service.check_evidence = built, checked
    with _workspace(state, mode) as workspace:
        find = workspace.pairing.find
        timing: dict[str, float] = {}

        def timed_find(*args, **kwargs):  # type: ignore[no-untyped-def]
            import cProfile
            import pstats

            profiler = cProfile.Profile() if profile else None
            t0, c0 = time.perf_counter(), time.process_time()
            if profiler:
                profiler.enable()
            result = find(*args, **kwargs)
            if profiler:
                profiler.disable()
                pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(25)
            timing.update(wall=time.perf_counter() - t0, cpu=time.process_time() - c0)
            return result

        workspace.pairing.find = timed_find  # type: ignore[method-assign]
        workspace.refresh()
        pairs = [(p.source, p.target, round(p.score, 4)) for p in workspace.pairs() if p.status == "suggested"]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    digest = int(hashlib.sha256(repr(sorted(pairs)).encode()).hexdigest()[:8], 16)
    return {**timing, **counts, "peak_mb": peak, "pairs": len(pairs), "digest": digest}


def change(folder: Path, run: int) -> None:
    victim = sorted(folder.rglob("*.txt"))[len(list(folder.rglob("*.txt"))) // 2]
    victim.write_text(victim.read_text("utf-8") + f"\n\nRevised for run {run} on 1{run % 10} March 2024.\n", "utf-8")


def run_child(mode: str, state: Path, profile: bool = False) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", mode, str(state)] + (["--profile"] if profile else [])
    out = subprocess.run(command, stdout=subprocess.PIPE, stderr=None if profile else subprocess.PIPE, text=True)
    if out.returncode:
        raise SystemExit(f"the {mode} run failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--files", type=int, default=570)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="make (or reuse) the folder and the imported library here")
    parser.add_argument("--profile", action="store_true", help="cProfile one kept run")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "STATE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], Path(args.child[1]), args.profile)))
        return 0
    from import_folder_bench import make_folder

    work = args.keep or Path(tempfile.mkdtemp(prefix="pairs-bench-"))
    folder, state = work / "folder", work / "state"
    try:
        if not (state / "collections.sqlite3").exists():
            shutil.rmtree(work / "folder", ignore_errors=True)
            size = make_folder(folder, args.files, args.mb)
            print(f"folder: {args.files} files, {size / 1e6:.1f} MB")
            first = import_folder(state, folder)
            print(
                f"import (with its pair finding): {first['wall']:.1f} s wall, {first['cpu']:.1f} s CPU of this process"
            )
        else:  # a kept library: what a code change since voided is made again first, untimed
            change(folder, 1000)
            primed = run_child("kept", state)
            print(f"reused {state}: {primed['built']:.0f} profiles and {primed['checked']:.0f} checks made again")
        results: dict[str, list[dict[str, float]]] = {"made here": [], "kept": []}
        for run in range(args.runs):
            change(folder, run)  # both find over the same corpus, each with its own pair store
            order = ("made here", "kept") if run % 2 == 0 else ("kept", "made here")
            for mode in order:
                results[mode].append(run_child("kept" if mode == "kept" else "parent", state))
        if args.profile:
            change(folder, 99)
            run_child("kept", state, profile=True)
        report(results, args)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def report(results: dict[str, list[dict[str, float]]], args: argparse.Namespace) -> None:
    load = os.getloadavg()[0]
    print(f"\npair finding after one file changed, {args.mb:g} MB / {args.files} files, medians of {args.runs}")
    print(f"(load average {load:.1f} on {os.cpu_count()} cores)")
    print(f"{'':10} {'CPU s':>8} {'wall s':>8} {'peak MB':>8} {'built':>6} {'checked':>8} {'pairs':>6}")
    med = {}
    for mode, rows in results.items():
        med[mode] = {k: statistics.median(r[k] for r in rows) for k in ("cpu", "wall", "peak_mb", "built", "checked")}
        m = med[mode]
        pairs = rows[-1]["pairs"]
        cells = [f"{m['cpu']:8.2f}", f"{m['wall']:8.2f}", f"{m['peak_mb']:8.0f}", f"{m['built']:6.0f}"]
        print(f"{mode:10} " + " ".join([*cells, f"{m['checked']:8.0f}", f"{pairs:6.0f}"]))
    base, new = med["made here"], med["kept"]
    print(
        f"kept / made here: CPU {new['cpu'] / base['cpu']:.3f}x, wall {new['wall'] / base['wall']:.3f}x, "
        f"peak memory {new['peak_mb'] / base['peak_mb']:.2f}x"
    )
    same = all(a["digest"] == b["digest"] for a, b in zip(results["made here"], results["kept"], strict=True))
    print("the same suggestions in every run: " + ("yes" if same else "NO"))


if __name__ == "__main__":
    raise SystemExit(main())
