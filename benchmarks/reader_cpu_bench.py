"""A reader's CPU by stage for the generated folder, this checkout against a baseline in the same run.

    .venv/bin/python benchmarks/reader_cpu_bench.py --baseline-code DIR [--runs 5] [--mb 5] [--files 570]

The folder is import_folder_bench's (plain text made from the bundled texts, sized to --mb). Each run
is a fresh process of benchmarks/stage_timer.py (one process building every file as a reader does,
then its cache entry and its pair profile), from this checkout and from the baseline in turn, so
both see the same load. Medians of --runs per stage, the ratio new/baseline, and the load average
before and after (CPU seconds from time.process_time: less sensitive to load than wall time, not
immune to it: a shared core's caches and clock still move them).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from import_folder_bench import make_folder  # noqa: E402

_ROW = re.compile(r"^\s+(.+?)\s{2,}([\d.]+)")
_WITHOUT = re.compile(r"without language identification: ([\d.]+)")
WITHOUT_LANGID = "all but language identification"


def stages(code: Path, folder: Path) -> dict[str, float]:
    """stage_timer's seconds by stage, run from checkout `code`."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    command = [sys.executable, str(ROOT / "benchmarks" / "stage_timer.py"), str(folder)]
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    rows = {m.group(1): float(m.group(2)) for line in out.splitlines()[1:] if (m := _ROW.match(line))}
    if found := _WITHOUT.search(out):
        rows[WITHOUT_LANGID] = float(found.group(1))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline-code", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--files", type=int, default=570)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="reader-cpu-bench-"))
    try:
        size = make_folder(work / "folder", args.files, args.mb)
        load_before = os.getloadavg()[0]
        runs: dict[str, list[dict[str, float]]] = {"new": [], "base": []}
        for _ in range(args.runs):
            runs["new"].append(stages(ROOT, work / "folder"))
            runs["base"].append(stages(args.baseline_code, work / "folder"))
        load_after = os.getloadavg()[0]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"folder: {args.files} files, {size / 1e6:.2f} MB; medians of {args.runs} alternating runs (CPU s)")
    print(f"load average {load_before:.1f} before, {load_after:.1f} after")
    print(f"  {'stage':40s}{'baseline':>9s}{'this':>9s}{'ratio':>8s}")
    for stage in runs["base"][0]:
        base = statistics.median(r.get(stage, 0.0) for r in runs["base"])
        new = statistics.median(r.get(stage, 0.0) for r in runs["new"])
        print(f"  {stage:40s}{base:9.2f}{new:9.2f}{new / base if base else float('nan'):8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
