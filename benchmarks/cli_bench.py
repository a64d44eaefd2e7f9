"""How long a CLI process takes to answer, cold (empty caches) and warm, against a bare Whoosh import.

Prints the median and p90 of N runs of `python -m viewer search WORD` (and `corpus`, `show`) with
user folders in a scratch place, next to `python -c "import whoosh.index"` measured in the same run,
and the ratio. Targets (issue 11): warm search <= 0.25 s median and <= 3x the bare import.

    .venv/bin/python benchmarks/cli_bench.py [--runs 15] [--word implementering]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def timed(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t0


def series(cmd: list[str], env: dict[str, str], runs: int, reset: Path | None = None) -> list[float]:
    out = []
    for _ in range(runs):
        if reset is not None:
            shutil.rmtree(reset, ignore_errors=True)
        out.append(timed(cmd, env))
    return out


def describe(name: str, values: list[float], baseline: float | None) -> str:
    median = statistics.median(values)
    p90 = sorted(values)[max(0, int(len(values) * 0.9) - 1)]
    ratio = f"{median / baseline:5.2f}x" if baseline else "   - "
    return f"{name:<34} median {median * 1000:7.1f} ms  p90 {p90 * 1000:7.1f} ms  {ratio}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--word", default="implementering")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="cli-bench-"))
    env = {**os.environ, "XDG_DATA_HOME": str(scratch / "data"), "XDG_CACHE_HOME": str(scratch / "cache")}
    py = sys.executable
    try:
        bare = series([py, "-c", "import whoosh.index, whoosh.fields, whoosh.qparser"], env, args.runs)
        base = statistics.median(bare)
        print(describe("bare `import whoosh` process", bare, base))
        cold = series([py, "-m", "viewer", "search", args.word], env, max(3, args.runs // 5), reset=scratch / "cache")
        print(describe("search, cold (empty caches)", cold, base))
        for name, command in (
            ("search, warm", ["search", args.word]),
            ("corpus, warm", ["corpus"]),
            ("show thesis, warm", ["show", "thesis"]),
        ):
            warm = series([py, "-m", "viewer", *command], env, args.runs)
            print(describe(name, warm, base))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
