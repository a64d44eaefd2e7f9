"""Translation candidates and marked counterparts on a development word list from the bundled thesis
abstract (English with its Bokmål translation; the pairs read off the two texts by hand), and how
often cross-language search (`~word`) finds the Norwegian passages through the right translation.

For each English word, and each Bokmål word, the right translation's key among the first and the
first three candidates (`Workspace.translations`); and for the concordance of each word, how often
the span marked in the counterpart sentence is the right translation. Also the time to learn the
model and to answer one word. Baseline in the same run: the lexicon alone (FreeDict eng-nor keys).
Run: .venv/bin/python benchmarks/translations_eval.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from viewer.core.align.lexicon import get_lexicon, word_key
from viewer.core.library.library import Library
from viewer.core.workspace import Workspace

# (English, Bokmål) as they translate each other in the thesis abstract.
PAIRS = [
    ("implementation", "implementering"),
    ("intervention", "intervensjonen"),
    ("dissertation", "avhandlingen"),
    ("frontline", "førstelinjen"),
    ("professionalism", "profesjonalisme"),
    ("evidence-based", "evidensbaserte"),
    ("managerialism", "managerialisme"),
    ("knowledge", "kunnskap"),
    ("interviews", "intervjuer"),
    ("organizations", "organisasjoner"),
    ("supervisors", "teamledere"),
    ("challenges", "utfordringer"),
    ("standardization", "standardisering"),
    ("interpretive", "fortolkende"),
    ("flexibility", "fleksibilitet"),
    ("contributions", "bidrag"),
    # added for cross-language search (issue 15, the same abstract):
    ("improvisation", "improvisasjon"),
    ("practitioners", "praktikere"),
    ("employers", "arbeidsgivere"),
    ("interactions", "samhandlingen"),
    ("frameworks", "implementeringsrammeverk"),
    ("clients", "brukere"),
    ("pragmatic", "pragmatisk"),
    ("interpreted", "fortolket"),
    # added with thin evidence (one to three aligned pairs each; issue 15 follow-up):
    ("services", "tjenester"),
    ("offices", "kontor"),
    ("practices", "praksis"),
    ("debates", "debatter"),
    ("relational", "relasjonell"),
    ("control", "kontroll"),
]


def rank(candidates: list[str], wanted: str) -> int | None:
    key = word_key(wanted.lower())
    for i, candidate in enumerate(candidates):
        if word_key(candidate) == key:
            return i
    return None


def main() -> None:
    library = Library(":memory:", ":memory:")
    with Workspace(library, library.corpus()) as workspace:
        workspace.open_index()
        start = time.perf_counter()
        workspace.translations("implementation")
        learn = time.perf_counter() - start
        times, top1, top3, lex1, marked, marks = [], 0, 0, 0, 0, 0
        cross_n = cross_found = cross_hits = 0
        lexicon = get_lexicon()
        for en, nb in PAIRS:
            for word, lang, wanted in ((en, "en", nb), (nb, "nb", en)):
                begun = time.perf_counter()
                found = [c.candidate for c in workspace.translations(word, lang, 10)]
                times.append(time.perf_counter() - begun)
                r = rank(found, wanted)
                top1 += r == 0
                top3 += r is not None and r < 3
                if lang == "en":
                    lex1 += word_key(wanted) in lexicon.translations(word)
            crossed = [h for h in workspace.search("~" + en, pagelen=200).hits if h.via]
            cross_n += 1
            cross_found += any(word_key(w.lower()) == word_key(nb.lower()) for h in crossed for w in h.via)
            cross_hits += len(crossed)
            for line in workspace.concordance(en, lang="en").lines:
                if line.counterpart is None:
                    continue
                marks += 1
                span = line.counterpart.match
                text = line.counterpart.text[span[0] : span[1]] if span else ""
                marked += bool(text) and word_key(text.lower()) == word_key(nb.lower())
        n = 2 * len(PAIRS)
        print(f"{len(PAIRS)} word pairs from the thesis abstract, both directions ({n} words)")
        print(f"  right translation first: {top1}/{n} ({top1 / n:.0%}); in the top three: {top3}/{n} ({top3 / n:.0%})")
        print(f"  baseline, the lexicon alone lists it (English side): {lex1}/{len(PAIRS)}")
        print(f"  marked span in the counterpart is the right word: {marked}/{marks} ({marked / max(marks, 1):.0%})")
        print(
            f"  cross search ~English word finds Norwegian passages through the right word: {cross_found}/{cross_n}"
            f" ({cross_found / max(cross_n, 1):.0%}); {cross_hits} passages found through translation in all"
        )
        times.sort()
        print(f"  learning the model: {learn * 1000:.0f} ms; a word: p50 {times[len(times) // 2] * 1000:.2f} ms,"
              f" max {times[-1] * 1000:.2f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
