"""Recall and false merges of the Norwegian search analysis on hand-written inflection sets.

    .venv/bin/python benchmarks/inflection_eval.py [--show]

tests/data/search/inflections.tsv holds one lemma's forms per line (Bokmål and Nynorsk lines of the
same lemma); tests/data/search/distinct.tsv word pairs that must stay apart. For each analysis it
prints: sets whose forms all reach each other, form pairs that meet (within a line, and across the
nb/nn lines of a lemma), and distinct pairs wrongly merged. The baseline, measured in the same run,
is the analysis before the inflection rules (Snowball + nb/nn variants) and plain Snowball.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from whoosh.analysis import Analyzer  # noqa: E402

from viewer.core.search.analysis import norwegian_analyzer, terms  # noqa: E402

DATA = ROOT / "tests" / "data" / "search"


def read_rows(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def inflection_sets() -> list[tuple[str, str, list[str]]]:
    """(lemma, standard, forms) per line of inflections.tsv."""
    return [(lemma, std, forms.split()) for lemma, std, forms in read_rows("inflections.tsv")]


def distinct_pairs() -> list[tuple[str, str]]:
    return [(a, b) for a, b in read_rows("distinct.tsv")]


def key(analyzer: Analyzer, word: str) -> tuple[str, ...]:
    return tuple(terms(analyzer, word))


def evaluate(analyzer: Analyzer) -> dict[str, tuple[int, int, list[str]]]:
    """Per measure: (hits, total, misses) for full sets, pairs within a line, pairs across nb/nn, false merges."""
    sets = inflection_sets()
    full, within, across, merged = [0, 0, []], [0, 0, []], [0, 0, []], [0, 0, []]
    by_lemma: dict[str, list[list[str]]] = {}
    for lemma, _std, forms in sets:
        by_lemma.setdefault(lemma, []).append(forms)
        keys = {key(analyzer, f) for f in forms}
        full[0] += len(keys) == 1
        full[1] += 1
        if len(keys) != 1:
            full[2].append(f"{lemma}: " + ", ".join(f"{f}={'/'.join(key(analyzer, f))}" for f in forms))
        for a, b in itertools.combinations(forms, 2):
            within[0] += key(analyzer, a) == key(analyzer, b)
            within[1] += 1
    for groups in by_lemma.values():
        for nb_forms, nn_forms in itertools.combinations(groups, 2):
            for a, b in itertools.product(nb_forms, nn_forms):
                same = key(analyzer, a) == key(analyzer, b)
                across[0] += same
                across[1] += 1
                if not same and a == nb_forms[0] and b == nn_forms[0]:
                    across[2].append(f"{a}/{b}")
    for a, b in distinct_pairs():
        same = key(analyzer, a) == key(analyzer, b)
        merged[0] += same
        merged[1] += 1
        if same:
            merged[2].append(f"{a}={b}")
    return {"sets": tuple(full), "within": tuple(within), "across": tuple(across), "merged": tuple(merged)}  # type: ignore[dict-item]


def corpus_merges(before: Analyzer, after: Analyzer, show: bool) -> None:
    """Word forms of the bundled corpus's Norwegian passages that the new rules join to another form:
    the place to look for false merges the hand-written pairs miss."""
    from viewer.core.language.labels import Lang
    from viewer.core.library.bundled import bundled_corpus
    from viewer.core.search.analysis import plain_analyzer

    texts = [p.text for p in bundled_corpus().passages() if p.lang in (Lang.NB, Lang.NN)]
    words = sorted({w for t in texts for w in terms(plain_analyzer(), t) if terms(after, w)})
    groups: dict[tuple[str, ...], set[str]] = {}
    old: dict[tuple[str, ...], set[str]] = {}
    for w in words:
        groups.setdefault(key(after, w), set()).add(w)
        old.setdefault(key(before, w), set()).add(w)
    joined = [g for g in groups.values() if len({key(before, w) for w in g}) > 1]
    print(
        f"corpus: {len(words)} nb/nn forms -> {len(old)} terms before, {len(groups)} after;"
        f" {len(joined)} terms newly join forms"
    )
    if show:
        for g in sorted(joined, key=min)[:40]:
            print("  joined:", ", ".join(sorted(g)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show", action="store_true", help="list the sets that do not unify")
    args = parser.parse_args()
    analyses = {
        "snowball only": norwegian_analyzer(normalise=False, inflect=False),
        "before (snowball + variants)": norwegian_analyzer(inflect=False),
        "after (+ inflection rules)": norwegian_analyzer(),
    }
    results = {name: evaluate(ana) for name, ana in analyses.items()}
    base = results["before (snowball + variants)"]
    print(f"{'analysis':<30} {'sets unified':>14} {'pairs in set':>14} {'nb~nn pairs':>14} {'false merges':>13}")
    for name, r in results.items():
        cells = [f"{r[m][0]}/{r[m][1]}" for m in ("sets", "within", "across", "merged")]
        print(f"{name:<30} {cells[0]:>14} {cells[1]:>14} {cells[2]:>14} {cells[3]:>13}")
    after = results["after (+ inflection rules)"]
    for m, label in (("within", "pair recall in set"), ("across", "pair recall nb~nn")):
        b, a = base[m][0] / base[m][1], after[m][0] / after[m][1]
        print(f"{label}: {b:.3f} -> {a:.3f} ({a / b:.2f}x the baseline)")
    print("false merges after:", ", ".join(after["merged"][2]) or "none")
    corpus_merges(analyses["before (snowball + variants)"], analyses["after (+ inflection rules)"], args.show)
    if args.show:
        print("sets not unified after:")
        for line in after["sets"][2]:
            print("  " + line)
        print("nb/nn lemmas not meeting after (first forms):", ", ".join(after["across"][2]) or "none")


if __name__ == "__main__":
    main()
