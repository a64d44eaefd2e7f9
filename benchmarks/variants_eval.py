"""How much the Bokmål/Nynorsk variant normalisation unifies: the development pairs in
viewer/resources/analysis/variant_pairs.tsv, and the corpus's Norwegian word forms.

    .venv/bin/python benchmarks/variants_eval.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from viewer.core.language.labels import Lang
from viewer.core.library.bundled import bundled_corpus
from viewer.core.paths import resource
from viewer.core.search.analysis import norwegian_analyzer, plain_analyzer, terms


def main() -> None:
    """Print how much the nb/nn normalisation unifies: dev pairs and the corpus's Norwegian terms."""
    plain, norm = norwegian_analyzer(normalise=False, inflect=False), norwegian_analyzer()
    lines = resource("analysis", "variant_pairs.tsv").read_text(encoding="utf-8").splitlines()
    pairs = [tuple(line.split("\t")[:2]) for line in lines if line.strip() and not line.startswith("#")]
    for name, analyzer in (("snowball only", plain), ("snowball + variants", norm)):
        same = sum(terms(analyzer, a) == terms(analyzer, b) for a, b in pairs)
        print(f"{name:<22} dev pairs unified: {same}/{len(pairs)}")
    corpus = bundled_corpus()
    texts = [p.text for p in corpus.passages() if p.lang in (Lang.NB, Lang.NN)]
    words = {w for text in texts for w in terms(plain_analyzer(), text)}
    for name, analyzer in (("snowball only", plain), ("snowball + variants", norm)):
        distinct = {t for text in texts for t in terms(analyzer, text)}
        print(f"{name:<22} corpus: {len(words)} nb/nn word forms -> {len(distinct)} index terms")
    merged: dict[str, set[str]] = {}
    for w in words:
        before, after = terms(plain, w), terms(norm, w)
        if before and after and before != after:
            merged.setdefault(after[0], set()).add(w)
    joined = {k: v for k, v in merged.items() if len({terms(plain, w)[0] for w in v} | {k}) > 1}
    print(f"terms whose word forms the normalisation joined: {len(joined)}; a sample:")
    for key in sorted(joined)[:25]:
        print(f"  {key}: {', '.join(sorted(joined[key]))}")


if __name__ == "__main__":
    main()
