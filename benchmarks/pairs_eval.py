"""Pair-finding precision and recall on a folder of translated documents, singles and look-alike traps.

Run: .venv/bin/python benchmarks/pairs_eval.py [--split tune|holdout|all] [--keep DIR] [--show]

The folder is built from development material (nothing in it was chosen by looking at the finder):
- pairs: each bilingual field of tests/data/align/dev.jsonl (GIMP manual en/nn, Debian Edu manual
  en/nb) written as two files, the thesis abstract's two halves (viewer/corpus/thesis.txt), and
  the hand-written translations of tests/data/pairs (an en + nb + nn group, two en/nb pairs);
- singles: the monolingual fields, and one half of some bilingual fields;
- traps: same-named files (`x_en.txt` / `x_nn.txt`, `en/x.txt` / `nn/x.txt`) holding the English half
  of one field and the Norwegian half of another, texts of the same manual that do not translate
  each other, the project page's Norwegian description and English summary (not a translation:
  viewer/core/align/document.py), and tests/data/pairs/trap (fishing vs welfare, named as a pair).
File names follow many conventions (hinted suffixes, prefixes, dotted codes, words, language folders,
unrelated names, numbered files), drawn with a fixed seed.

It imports the folder into a fresh workspace (its own registry, cache and pair store; the bundled
corpus is there too, as for a user) and prints precision and recall of the confident suggestions
(score >= CONFIDENT) and of all suggestions, over the pairs among the folder's files, plus times.
Tune/holdout: CRC32 of the source field id mod 3 == 0 is holdout (as align_eval).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import shutil
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "data" / "align" / "dev.jsonl"
DOCS = ROOT / "tests" / "data" / "align" / "docs.jsonl.gz"
FIXTURES = ROOT / "tests" / "data" / "pairs"
SEED = 20240917


@dataclass
class Built:
    gold: set[frozenset[str]] = field(default_factory=set)  # file paths (relative) that translate each other
    split: dict[str, str] = field(default_factory=dict)  # relative path -> "tune" | "holdout"
    kind: dict[str, str] = field(default_factory=dict)  # relative path -> pair | single | trap


def _split_of(key: str) -> str:
    return "holdout" if zlib.crc32(key.encode()) % 3 == 0 else "tune"


def _slug(text: str, words: int = 3) -> str:
    found = re.findall(r"[^\W\d_]+", text)[:words]
    return "-".join(w.lower() for w in found) or "text"


def _names(rng: random.Random, en_text: str, no_text: str, no_lang: str, n: int, stem: str = "") -> tuple[str, str]:
    """Two relative file names, in one of the conventions people use."""
    stem = stem or _slug(en_text)
    code = rng.choice([no_lang, "no"])
    style = n % 9
    if style == 0:
        return f"{stem}_en.txt", f"{stem}_{code}.txt"
    if style == 1:
        return f"EN_{stem}.txt", f"{code.upper()}_{stem}.txt"
    if style == 2:
        return f"{stem}.en.txt", f"{stem}.{no_lang}.txt"
    if style == 3:
        word = {"nb": "bokmål", "nn": "nynorsk"}[no_lang] if rng.random() < 0.5 else "norsk"
        return f"{stem} (English).txt", f"{stem} ({word}).txt"
    if style == 4:
        return f"en/{stem}.txt", f"{no_lang}/{stem}.txt"
    if style == 5:
        return f"{stem}-eng.txt", f"{stem}-nor.txt"
    if style == 6:
        return f"doc-{rng.randrange(1000, 9999)}.txt", f"doc-{rng.randrange(1000, 9999)}.txt"
    return f"{_slug(en_text)}.txt", f"{_slug(no_text)}.txt"  # names of their own, each in its language


def _disjoint(records: list[dict]) -> list[dict]:
    """Bilingual fields sharing no sentence with an earlier one (windows of one page may overlap)."""
    seen: set[str] = set()
    out = []
    for r in records:
        sentences = {s.strip() for s in re.split(r"(?<=[.!?])\s+", r["text"]) if len(s.strip()) > 30}
        if sentences & seen:
            continue
        seen |= sentences
        out.append(r)
    return out


def build(folder: Path, seed: int = SEED) -> Built:
    """Write the evaluation folder; returns the gold pairs by relative path."""
    rng = random.Random(seed)
    built = Built()
    taken: set[str] = set()

    def write(rel: str, text: str, kind: str, split: str) -> str:
        base, n = rel, 2
        while rel.lower() in taken:
            stem, _, ext = base.rpartition(".")
            rel = f"{stem}-{n}.{ext}"
            n += 1
        taken.add(rel.lower())
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.strip() + "\n", encoding="utf-8")
        built.split[rel], built.kind[rel] = split, kind
        return rel

    records = [json.loads(line) for line in DEV.open(encoding="utf-8")]
    fields = []
    for r in _disjoint([r for r in records if r["split"] is not None]):
        first, second = r["text"][: r["split"]], r["text"][r["split"] :]
        en, no = (first, second) if r["languages"][0] == "en" else (second, first)
        no_lang = r["languages"][1] if r["languages"][0] == "en" else r["languages"][0]
        fields.append((r["id"], en, no, no_lang, r["source"], ""))
    _place(fields, "manual", rng, write, built)
    for r in records:
        if r["split"] is None:
            write(f"manual/{_slug(r['text'])}.txt", r["text"], "single", _split_of(r["id"]))
    with gzip.open(DOCS, "rt", encoding="utf-8") as handle:
        docs = [json.loads(line) for line in handle]
    documents = [
        (r["id"], r["source_text"], r["target_text"], r["languages"][1], r["source"], r["id"].rsplit(":", 1)[-1])
        for r in docs
        if "synthetic" not in r["tags"]
    ]
    _place(documents, "documents", rng, write, built)
    _bundled_parts(write, built)
    for path in sorted(FIXTURES.rglob("*.txt")):
        rel = path.relative_to(FIXTURES).as_posix()
        kind = {"trap": "trap", "singles": "single"}.get(rel.split("/")[0], "pair")
        write(f"notes/{rel}", path.read_text(encoding="utf-8"), kind, _split_of(rel.split("/")[0]))
    for group in ("interview", "library", "harbour"):
        files = sorted(f"notes/{p.relative_to(FIXTURES).as_posix()}" for p in (FIXTURES / group).glob("*.txt"))
        built.gold.update(frozenset({a, b}) for i, a in enumerate(files) for b in files[i + 1 :])
    return built


Item = tuple[str, str, str, str, str, str]


def _place(items: list[Item], where: str, rng: random.Random, write, built: Built) -> None:  # type: ignore[no-untyped-def]
    """Items (id, English, Norwegian, its code, source, a name stem) as 55% pairs, 15% singles (one
    half) and 30% traps: the English of one item beside the Norwegian of another of the same source
    (the same manual: the same topic and terms), half of them named as a pair."""
    items = list(items)
    rng.shuffle(items)
    n_pairs, n_single = int(len(items) * 0.55), int(len(items) * 0.15)
    for n, (key, en, no, no_lang, _, stem) in enumerate(items[:n_pairs]):
        a, b = _names(rng, en, no, no_lang, n, stem)
        split = _split_of(key)
        built.gold.add(frozenset({write(f"{where}/{a}", en, "pair", split), write(f"{where}/{b}", no, "pair", split)}))
    for n, (key, en, no, _, _, stem) in enumerate(items[n_pairs : n_pairs + n_single]):
        text = en if n % 2 else no
        write(f"{where}/{stem or _slug(text)}.txt", text, "single", _split_of(key))
    rest = sorted(items[n_pairs + n_single :], key=lambda item: item[4])  # by source, shuffled within
    for n in range(0, len(rest) - 1, 2):
        (key, en, _, _, _, stem), (_, _, no, no_lang, _, _) = rest[n], rest[n + 1]
        if n % 4 == 0:
            a, b = _names(rng, en, no, no_lang, rng.choice([0, 1, 2, 3, 4, 5]), stem)
        else:
            a, b = f"{_slug(en)}.txt", f"{_slug(no)}.txt"
        write(f"{where}/{a}", en, "trap", _split_of(key))
        write(f"{where}/{b}", no, "trap", _split_of(key))


def _bundled_parts(write, built: Built) -> None:  # type: ignore[no-untyped-def]
    """The thesis abstract's halves (a pair) and the project page's nb text and en summary (a trap)."""
    from viewer.core.library.bundled import bundled_documents

    docs = {d.id: d for d in bundled_documents(ROOT / "viewer" / "corpus")}
    groups = docs["thesis"].groups()
    en = "\n\n".join(p.text for p in groups["abstract.en"])
    nb = "\n\n".join(p.text for p in groups["abstract.nb"])
    built.gold.add(
        frozenset(
            {write("theses/abstract_en.txt", en, "pair", "tune"), write("theses/sammendrag_nb.txt", nb, "pair", "tune")}
        )
    )
    body = [p for p in docs["project"].passages if p.kind.value == "paragraph" and not p.low_value]
    write("projects/integrate_no.txt", "\n\n".join(p.text for p in body if p.lang.value == "nb"), "trap", "holdout")
    write("projects/integrate_en.txt", "\n\n".join(p.text for p in body if p.lang.value == "en"), "trap", "holdout")


def evaluate(built: Built, folder: Path, split: str, show: bool) -> None:
    from viewer.core.library.cache import DocumentCache
    from viewer.core.library.library import Library
    from viewer.core.pairs.model import CONFIDENT
    from viewer.core.workspace import Workspace

    state = Path(tempfile.mkdtemp(prefix="pairs-eval-state-"))
    try:
        library = Library(state / "collections.sqlite3", DocumentCache(state / "documents.sqlite3"))
        with Workspace.open(library=library, bookmarks=False, pairs=state / "pairs.sqlite3") as workspace:
            t0 = time.perf_counter()
            workspace.import_paths([folder])
            t_import = time.perf_counter() - t0
            t0 = time.perf_counter()
            workspace.find_pairs(force=True)
            t_find = time.perf_counter() - t0
            rel = {
                d.id: Path(d.path).relative_to(folder).as_posix()
                for d in workspace.corpus.documents
                if d.path is not None and Path(d.path).is_absolute() and folder in Path(d.path).parents
            }
            found = workspace.pairs()
            n_docs = len(workspace.corpus.documents)
            baseline = _names_only(workspace, rel)
        suggested = [
            (frozenset({rel[p.source], rel[p.target]}), p) for p in found if p.source in rel and p.target in rel
        ]
        outside = [p for p in found if p.source not in rel or p.target not in rel]
    finally:
        shutil.rmtree(state, ignore_errors=True)
    print(
        f"{n_docs} documents ({len(rel)} in the folder, {len(built.gold)} gold pairs); import {t_import:.1f} s, "
        f"pair finding {t_find:.2f} s"
    )
    splits = ["tune", "holdout", "all"] if split == "all" else [split]
    for which in splits:

        def inside(pair: frozenset[str], which: str = which) -> bool:
            return which == "all" or any(built.split[p] == which for p in pair)

        gold = {g for g in built.gold if inside(g)}
        for label, chosen in (
            ("confident", [k for k, p in suggested if p.score >= CONFIDENT]),
            ("all suggestions", [k for k, _ in suggested]),
        ):
            pred = {k for k in chosen if inside(k)}
            hit = len(pred & gold)
            precision = hit / len(pred) if pred else 1.0
            recall = hit / len(gold) if gold else 1.0
            print(
                f"  {which:<8} {label:<16} precision {precision:.3f} ({hit}/{len(pred)})  "
                f"recall {recall:.3f} ({hit}/{len(gold)})"
            )
    pred = {k for k in baseline if k in built.gold}
    print(
        f"  baseline (same name stem, hints agreeing with the languages): precision "
        f"{len(pred) / max(1, len(baseline)):.3f} ({len(pred)}/{len(baseline)})  recall "
        f"{len(pred) / len(built.gold):.3f} ({len(pred)}/{len(built.gold)})"
    )
    if outside:
        print(
            f"  pairs with bundled documents: {len(outside)} ({sum(p.score >= CONFIDENT for p in outside)} confident)"
        )
    if show:
        gold_hit = {k for k, _ in suggested}
        for key, p in sorted(suggested, key=lambda kp: -kp[1].score):
            mark = "ok " if key in built.gold else "BAD"
            print(f"  {mark} {p.score:.3f} {' | '.join(sorted(key))}  [{' '.join(built.kind[k] for k in sorted(key))}]")
        for g in sorted(built.gold - gold_hit, key=sorted):
            print(f"  MISSED {' | '.join(sorted(g))}")
        for p in outside:
            print(f"  bundled {p.score:.3f} {p.source} | {p.target}")


def _names_only(workspace, rel: dict[str, str]) -> set[frozenset[str]]:  # type: ignore[no-untyped-def]
    """The baseline: files whose names say they are a pair (one stem, language hints that agree with
    the texts' languages), best-named first, one counterpart per language."""
    from viewer.core.pairs.score import name_score

    profiles = [p for d in workspace.corpus.documents if d.id in rel and (p := workspace.pairing.profile(d))]
    by_stem: dict[tuple[str, str], list] = {}  # type: ignore[type-arg]
    for p in profiles:
        by_stem.setdefault((p.name.folder, p.name.stem), []).append(p)
    held: set[tuple[str, str]] = set()
    out: set[frozenset[str]] = set()
    for group in by_stem.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                places = {(a.doc_id, b.lang), (b.doc_id, a.lang)}
                if a.lang != b.lang and name_score(a, b) == 1.0 and not places & held:
                    held |= places
                    out.add(frozenset({rel[a.doc_id], rel[b.doc_id]}))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=["tune", "holdout", "all"], default="all")
    parser.add_argument("--keep", type=Path, help="build the folder here and keep it")
    parser.add_argument("--show", action="store_true", help="list every suggestion and every missed pair")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="pairs-eval-")) / "pairs-eval"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    built = build(folder)
    try:
        evaluate(built, folder.resolve(), args.split, args.show)
    finally:
        if not args.keep:
            shutil.rmtree(folder.parent, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
