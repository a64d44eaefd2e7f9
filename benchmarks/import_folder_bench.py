"""Import + index of a folder of plain-text files, end to end as a user runs it (issue 16).

    .venv/bin/python benchmarks/import_folder_bench.py [--files 570] [--mb 5] [--runs 3]
        [--baseline-code DIR] [--stages] [--no-recoll]

The folder is made by import_bench.generate from the bundled texts (plain text only; sized to
--mb). Each run is a fresh `python -m viewer import --json FOLDER` (its own data, cache and index
folders) in a child process, and once more with --no-index (the import alone, and what follows it
without the index: finding translation pairs): wall time, the import's and the index's own seconds from its report,
and the peak memory of the whole process tree (the app, its readers and the index's forked writers,
sampled every 20 ms) as RSS summed and as PSS (benchmarks/tree_memory.py says the difference), with
where the PSS peak went. Figures are medians of --runs runs, the runs of each program interleaved.

Baselines in the same run:
- `--baseline-code DIR`: the same command run from another checkout (e.g. the commit before a
  change), so before/after are measured under the same load;
- Recoll's `recollindex` (English + Norwegian stemming) on the same folder, when installed
  (`apt-get install recollcmd`), else skipped with a note;
- plain langdetect (en+no) on fixed sentences, timed at the start and the end: its wall/CPU ratio
  says how busy the machine was (1.0 = a core to itself).
`--stages` then splits one process's build of every file (what a reader does) by stage, for this
checkout and the baseline (benchmarks/stage_timer.py).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from import_bench import generate  # noqa: E402
from tree_memory import watch  # noqa: E402

PLAIN = (("txt", 1.0),)
POLL = 0.02


def make_folder(folder: Path, files: int, mb: float) -> int:
    """The plain-text folder, regenerated once scaled when the first try misses --mb by over 3%."""
    size = generate(folder, files, mb, mix=PLAIN)
    if abs(size / 1e6 - mb) > 0.03 * mb:
        shutil.rmtree(folder)
        size = generate(folder, files, mb * mb * 1e6 / size, mix=PLAIN)
    return size


def timed(command: list[str], env: dict[str, str], cwd: Path) -> tuple[dict[str, Any], str]:
    """Wall and CPU seconds (the whole process tree's user + system time: its processes are all
    waited for), the memory peaks of the tree, and the command's stdout. Its output goes to a file:
    a pipe nobody reads while it runs would stop it once full (a big import's JSON report)."""
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        child = subprocess.Popen(command, env=env, cwd=cwd, stdout=out, stderr=subprocess.DEVNULL, text=True)
        peaks = watch(child.pid, lambda: child.poll() is None, POLL)
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        out.seek(0)
        text = out.read()
    if child.returncode:
        raise RuntimeError(f"{command[:3]} exited with {child.returncode}")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return {"wall": wall, "cpu": cpu, "peak": peaks.rss_mb, "pss": peaks.pss_mb, "where": peaks.where()}, text


def viewer_run(code: Path, folder: Path, work: Path, index: bool = True) -> dict[str, Any]:
    home = Path(tempfile.mkdtemp(prefix="home-", dir=work))
    env = {**os.environ, "PYTHONPATH": str(code)}
    env.update({f"XDG_{k}_HOME": str(home / k.lower()) for k in ("DATA", "CACHE", "CONFIG", "STATE")})
    command = [sys.executable, "-m", "viewer", "import", "--json", str(folder), *([] if index else ["--no-index"])]
    row, out = timed(command, env, home)  # not from a checkout: `-m` puts the working folder first
    report = json.loads(out)
    shutil.rmtree(home, ignore_errors=True)
    row["import"] = report["seconds"]
    return row | ({"index": report["index"]["seconds"]} if index else {})


def recoll_run(folder: Path, work: Path) -> dict[str, Any]:
    conf = Path(tempfile.mkdtemp(prefix="recoll-", dir=work))
    (conf / "recoll.conf").write_text(f"topdirs = {folder}\nindexStemmingLanguages = english norwegian\n")
    row, _out = timed(["recollindex", "-c", str(conf), "-z"], dict(os.environ), conf)
    shutil.rmtree(conf, ignore_errors=True)
    return row


def contention() -> float:
    """Wall over CPU time of plain langdetect on fixed sentences in two processes at once (the
    import's two readers): the worse of the two; 1.0 when both cores are free."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(2) as pool:
        return max(pool.map(_langdetect_probe, range(2)))


def _langdetect_probe(_n: int) -> float:
    from viewer.core.language.enno import EnglishNorwegian

    reader = EnglishNorwegian()
    texts = ["Arbeidsrettet oppfølging handler om å hjelpe folk i arbeid.", "People need help to find work."] * 60
    reader.langdetect_log_odds(texts[0])
    t0, c0 = time.perf_counter(), time.process_time()
    for text in texts:
        reader.langdetect_log_odds(text)
    return (time.perf_counter() - t0) / max(1e-9, time.process_time() - c0)


def stages(code: Path, folder: Path, work: Path) -> str:
    """stage_timer's split of one process's build of the folder, run from checkout `code`."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    script = ROOT / "benchmarks" / "stage_timer.py"
    return subprocess.run(
        [sys.executable, str(script), str(folder)], env=env, cwd=work, capture_output=True, text=True, check=True
    ).stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=570)
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline-code", type=Path, help="another checkout to run the same import from")
    parser.add_argument("--stages", action="store_true", help="also split one process's build by stage")
    parser.add_argument("--no-recoll", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="import-folder-bench-"))
    try:
        folder = work / "folder"
        size = make_folder(folder, args.files, args.mb)
        mb = size / 1e6
        print(f"folder: {args.files} plain-text files, {mb:.2f} MB, from the bundled texts")
        busy = [contention()]
        programs: dict[str, list[dict[str, Any]]] = {"this checkout": [], "this checkout, --no-index": []}
        if args.baseline_code:
            programs[f"baseline ({args.baseline_code})"] = []
            programs["baseline, --no-index"] = []
        recoll = None if args.no_recoll else shutil.which("recollindex")
        if recoll:
            programs["recollindex"] = []
        for _ in range(args.runs):
            for name, runs in programs.items():
                if name == "recollindex":
                    runs.append(recoll_run(folder, work))
                else:
                    code = ROOT if name.startswith("this checkout") else args.baseline_code
                    runs.append(viewer_run(Path(code), folder, work, index="--no-index" not in name))
        busy.append(contention())
        report(programs, mb, args.runs)
        print(
            f"machine load: langdetect in 2 processes, wall/CPU {busy[0]:.2f} before, {busy[1]:.2f} after "
            f"(1.0 = both cores free); load average {os.getloadavg()[0]:.1f}"
        )
        if not recoll:
            print("(recollindex is not installed here: Recoll is skipped; `apt-get install recollcmd` adds it)")
        if args.stages:
            for name, code in (("this checkout", ROOT), ("baseline", args.baseline_code)):
                if code is not None:
                    print(f"\n{name}: " + stages(Path(code), folder, work).rstrip())
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def report(programs: dict[str, list[dict[str, Any]]], mb: float, runs: int) -> None:
    med = {
        name: {k: statistics.median(r[k] for r in rs) for k in rs[0] if k != "where"} for name, rs in programs.items()
    }
    recoll = med.get("recollindex")
    mine = med["this checkout"]
    print(
        f"\nmedians of {runs} runs{'':8s}  wall s   MB/s   CPU s  import s (MB/s)  index s  RSS MB  PSS MB"
        "   vs this (wall, CPU, RSS, PSS)"
    )
    for name, m in med.items():
        imported = f"{m['import']:9.2f} ({mb / m['import']:4.2f})" if "import" in m else f"{'':16s}"
        parts = f"{imported}{m.get('index', float('nan')):9.2f}"
        print(
            f"  {name[:34]:34s}{m['wall']:8.2f}{mb / m['wall']:7.2f}{m['cpu']:8.2f}{parts}"
            f"{m['peak']:8.0f}{m['pss']:8.0f}"
            f"   {m['wall'] / mine['wall']:5.2f}x {m['cpu'] / mine['cpu']:5.2f}x {m['peak'] / mine['peak']:5.2f}x"
            f" {m['pss'] / mine['pss']:5.2f}x"
        )
    print(
        "where the PSS peak was (MB by process role; 'forked' = the index's segment writers), "
        "then the PSS peak of each phase:"
    )
    for name, rs in programs.items():
        for r in rs:
            print(f"  {name[:34]:34s}{r['where']}")
    if recoll:
        print(
            f"this checkout vs Recoll: {mine['wall'] / recoll['wall']:.1f}x the time (target <= 5x; "
            f"{mine['cpu'] / recoll['cpu']:.1f}x the CPU time), "
            f"{mine['pss'] / recoll['pss']:.1f}x the peak memory as PSS (target <= 2.5x; judged on PSS), "
            f"{mine['peak'] / recoll['peak']:.1f}x as RSS summed over the processes"
        )
    print(
        f"end to end: {mb / mine['wall']:.2f} MB/s (target >= 1 MB/s on 2 cores); the import alone "
        f"{mb / mine['import']:.2f} MB/s; the rest of the wall is start-up, the index and finding translation pairs"
    )
    print(
        "memory: RSS summed counts each page once per process mapping it (a forked writer's copy-on-write\n"
        "pages and every Python process's shared libraries again and again); PSS splits shared pages\n"
        "between their processes, so its sum is what the tree holds. Recoll's recollindex is one process\n"
        "(its RSS and PSS differ only by its shared libraries). The target is judged on PSS."
    )


if __name__ == "__main__":
    raise SystemExit(main())
