"""Whether two checkouts build the same documents and pair profiles, byte for byte (a speed-up's check).

    .venv/bin/python benchmarks/same_output_check.py --baseline-code DIR [--folder F ...] [--mb 5]

Each checkout is run in its own process (PYTHONPATH=checkout) over the same inputs: the bundled
corpus (each manifest entry built with its kind's parser, and each of its files imported as a
plain file), the generated --mb folder of import_folder_bench (made once, shared) and any --folder
given (every file an importer reads, e.g. tests/data). For every document it records a digest of
its cache entry (`to_blob`) and of its packed pair profile (`viewer.core.pairs.kept.pack`, which
holds everything a profile keeps but its id, fingerprint and path: those are in the entry). The
two records are compared; any difference is listed and the exit status is 1.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def digests(folders: list[Path]) -> dict[str, list[str]]:
    """{document: [entry digest, profile digest]} for this process's checkout (run in the child)."""
    from viewer.core.corpus.build import build_document
    from viewer.core.corpus.manifest import entry_meta, load_manifest
    from viewer.core.corpus.textio import read_text_file
    from viewer.core.errors import UserError
    from viewer.core.library.cache import to_blob
    from viewer.core.library.formats import EXTRACTORS
    from viewer.core.library.importers import build_imported
    from viewer.core.pairs.kept import pack
    from viewer.core.pairs.profile import build_profile
    from viewer.core.paths import bundled_corpus_dir

    def record(document: object) -> list[str]:
        entry = hashlib.sha256(to_blob(document)).hexdigest()  # type: ignore[arg-type]
        return [entry, hashlib.sha256(pack(build_profile(document))).hexdigest()]  # type: ignore[arg-type]

    out: dict[str, list[str]] = {}
    corpus = bundled_corpus_dir()
    for entry in load_manifest(corpus):
        text, warnings = read_text_file(corpus / entry.file)
        document = build_document(
            entry.id, text, entry.kind, entry_meta(entry), path=corpus / entry.file, warnings=warnings
        )
        out[f"bundled:{entry.id}"] = record(document)
    for folder in [corpus, *folders]:
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or path.suffix.lower() not in EXTRACTORS:
                continue
            name = f"{folder.name}/{path.relative_to(folder)}"
            try:
                out[name] = record(build_imported(f"c/{path.stem}", path.read_bytes(), path, "c"))
            except UserError as exc:
                out[name] = ["skipped", str(exc)]
    return out


def run(code: Path, folders: list[Path]) -> dict[str, list[str]]:
    # One corpus folder for both (each checkout's own would differ in the documents' paths).
    env = {**os.environ, "PYTHONPATH": str(code), "CORPUS_VIEWER_CORPUS": str(ROOT / "viewer" / "corpus")}
    command = [sys.executable, str(Path(__file__).resolve()), "--child", *map(str, folders)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def main() -> int:
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(digests([Path(p) for p in sys.argv[2:]])))
        return 0
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline-code", type=Path, required=True)
    parser.add_argument("--folder", type=Path, action="append", default=[])
    parser.add_argument("--mb", type=float, default=5.0, help="size of the generated folder (0: none)")
    parser.add_argument("--files", type=int, default=570)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="same-output-"))
    try:
        folders = list(args.folder)
        if args.mb:
            sys.path.insert(0, str(ROOT / "benchmarks"))
            from import_folder_bench import make_folder

            make_folder(work / "generated", args.files, args.mb)
            folders.append(work / "generated")
        mine, theirs = run(ROOT, folders), run(args.baseline_code, folders)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    differ = sorted(k for k in mine.keys() | theirs.keys() if mine.get(k) != theirs.get(k))
    entries = sum(1 for k in mine if mine[k] != theirs.get(k) and mine[k][:1] != (theirs.get(k) or [None])[:1])
    print(f"{len(mine)} documents here, {len(theirs)} in {args.baseline_code}")
    print(f"different: {len(differ)} ({entries} cache entries; the rest pair profiles or presence)")
    for key in differ[:20]:
        print(f"  {key}: {mine.get(key)} vs {theirs.get(key)}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
