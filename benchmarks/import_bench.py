"""Import benchmark: a generated folder of mixed files (txt, md, html, docx, pdf, tmx) imported and indexed.

Prints import throughput (MB/s, files/s), where the time goes (extraction alone is measured as a
baseline in the same run), the full index build, the time to bring everything up to date after one
file changes (refresh + corpus update + incremental index) against a full rebuild, and peak memory.

    .venv/bin/python benchmarks/import_bench.py              # 1,000 files, ~20 MB
    .venv/bin/python benchmarks/import_bench.py --files 200 --mb 4
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.import_samples import make_docx, make_html, make_pdf, make_tmx  # noqa: E402
from viewer.core.library.bundled import bundled_corpus  # noqa: E402

MIX = (("txt", 0.3), ("md", 0.2), ("html", 0.2), ("docx", 0.1), ("pdf", 0.1), ("tmx", 0.1))


def paragraphs() -> list[str]:
    """Real paragraphs of the bundled corpus (English, Bokmål, Nynorsk) to compose files from."""
    corpus = bundled_corpus()
    return [" ".join(p.text.split()) for p in corpus.passages() if not p.low_value and len(p.text) > 80]


def generate(folder: Path, files: int, total_mb: float, seed: int = 7, mix: tuple[tuple[str, float], ...] = MIX) -> int:
    """`files` files of about `total_mb` MB in all, of the kinds in `mix` (kind, weight); bytes written."""
    rng = random.Random(seed)
    pool = paragraphs()
    per_file = int(total_mb * 1_000_000 / files)
    kinds = rng.choices([k for k, _ in mix], weights=[w for _, w in mix], k=files)
    written = 0
    for i, kind in enumerate(kinds):
        chosen: list[str] = []
        while sum(len(p) + 2 for p in chosen) < per_file * rng.uniform(0.6, 1.4):
            chosen.append(rng.choice(pool))
        sub = folder / f"group{i % 10}"
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"file{i:04d}.{kind}"
        if kind == "txt":
            data = "\n\n".join(chosen).encode("utf-8")
        elif kind == "md":
            data = (f"# Notes {i}\n\n" + "\n\n".join(chosen)).encode("utf-8")
        elif kind == "html":
            data = make_html(f"Page {i}", chosen)
        elif kind == "docx":
            data = make_docx(f"Memo {i}", chosen)
        elif kind == "pdf":
            lines = [p[j : j + 90] for p in chosen for j in range(0, len(p), 90)]
            data = make_pdf([lines[k : k + 50] for k in range(0, len(lines), 50)], title=f"Report {i}")
        else:
            half = max(1, len(chosen) // 2)
            data = make_tmx(list(zip(chosen[:half], chosen[half : half * 2] or chosen[:half], strict=False)))
        path.write_bytes(data)
        written += len(data)
    return written


def extract_only(folder: Path) -> tuple[float, int]:
    """Baseline: read and extract every file's text, without segmenting or labelling it."""
    from viewer.core.library.formats import EXTRACTORS

    t0 = time.perf_counter()
    chars = 0
    for path in sorted(folder.rglob("*.*")):
        _fmt, extractor = EXTRACTORS[path.suffix]
        chars += len(extractor(path.read_bytes(), str(path)).text)
    return time.perf_counter() - t0, chars


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--mb", type=float, default=20.0)
    parser.add_argument("--keep", action="store_true", help="keep the generated folder")
    args = parser.parse_args()

    from viewer.core.library.library import Library
    from viewer.core.search.cache import IndexCache

    work = Path(tempfile.mkdtemp(prefix="import-bench-"))
    folder = work / "mixed"
    try:
        t0 = time.perf_counter()
        size = generate(folder, args.files, args.mb)
        print(f"generated {args.files} files, {size / 1e6:.1f} MB in {time.perf_counter() - t0:.1f} s ({folder})")
        base_rss = rss_mb()
        seconds, chars = extract_only(folder)
        print(
            f"baseline, extraction only: {seconds:.1f} s, {size / 1e6 / seconds:.2f} MB/s, "
            f"{chars / 1e6:.1f} M characters of text"
        )

        library = Library(work / "reg.sqlite3", work / "cache.sqlite3")
        report = library.add([folder])
        print(f"import: {report.summary()}")
        print(f"peak memory after the import (max RSS): {rss_mb():.0f} MB (before: {base_rss:.0f} MB)")
        print(
            f"import throughput: {report.bytes_read / 1e6 / report.seconds:.2f} MB/s, "
            f"{len(report.imported) / report.seconds:.1f} files/s "
            f"({report.seconds / seconds:.1f}x the extraction baseline: the rest is segmentation and "
            f"language labelling)"
        )
        for path, reason in report.skipped[:5]:
            print(f"  skipped {path}: {reason}")

        t0 = time.perf_counter()
        corpus = library.corpus()
        load = time.perf_counter() - t0
        passages = sum(len(d.passages) for d in corpus.documents)
        print(
            f"open the library (bundled + {len(corpus.documents) - 5} imported documents from the cache): "
            f"{load:.2f} s, {passages} passages"
        )
        t0 = time.perf_counter()
        index = IndexCache(work / "index").open(corpus)
        full = time.perf_counter() - t0
        print(f"full index build: {full:.2f} s ({passages / full:.0f} passages/s)")
        index.close()

        t0 = time.perf_counter()
        quiet = library.scan(report.collections[0])
        print(
            f"scan of {quiet.unchanged} unchanged files (what a folder watcher calls): "
            f"{time.perf_counter() - t0:.3f} s, changes: {quiet.has_changes}"
        )
        target = sorted(folder.rglob("*.txt"))[0]
        with open(target, "a", encoding="utf-8") as handle:
            handle.write("\n\nEt nytt avsnitt om okapi og arbeidsinkludering.\n")
        t0 = time.perf_counter()
        refresh = library.refresh()
        t1 = time.perf_counter()
        corpus = library.updated_corpus(corpus, refresh)
        t2 = time.perf_counter()
        index = IndexCache(work / "index").open(corpus)
        t3 = time.perf_counter()
        hits = index.search("okapi").total
        total = t3 - t0
        print(
            f"one file changed: refresh {t1 - t0:.3f} s + corpus update {t2 - t1:.3f} s + incremental index "
            f"{t3 - t2:.3f} s = {total:.3f} s (target < 1 s); re-indexed {index.status.changed_documents}, "
            f"{hits} hit(s) for the new word"
        )
        index.close()
        t0 = time.perf_counter()
        IndexCache(work / "index").open(corpus, rebuild=True).close()
        rebuild = time.perf_counter() - t0
        print(
            f"baseline, full rebuild of the same index: {rebuild:.2f} s; incremental is {rebuild / (t3 - t2):.0f}x "
            f"faster"
        )
        print(f"peak memory at the end, after two full index builds (max RSS): {rss_mb():.0f} MB")
        library.close()
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
