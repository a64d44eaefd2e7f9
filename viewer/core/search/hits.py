"""One search hit from a matched passage's stored fields: its match offsets (terms, phrases, pattern
words, in the fields its text went to), snippet, and the language of the text the query matched."""

from __future__ import annotations

from typing import Any

from whoosh.analysis import Analyzer

from viewer.core.search.compile import Compiled
from viewer.core.search.glosses import Span, language_of_matches, split_text
from viewer.core.search.results import SearchHit
from viewer.core.search.snippet import make_snippet, match_spans, merge_spans, phrase_spans


def make_hit(
    stored: dict[str, Any],
    score: float,
    analyzers: dict[str, Analyzer],
    compiled: dict[str, Compiled],
    label_only: bool = False,
) -> SearchHit:
    """`analyzers` and `compiled` by field name (`en`, `no`, `plain`); the text of each field is the
    passage's own text or its glosses, as the index split them (`schema.passage_fields`). The hit
    shows the language of its matched text, or with `label_only` (a language filter, which selects
    passages by their label) the passage's label."""
    text, lang = stored["text"], stored["lang"]
    glosses: list[Span] = [tuple(g) for g in stored.get("glosses") or ()]
    own, other = split_text(text, glosses) if glosses else (text, "")
    plain = compiled["en"].plain | compiled["no"].plain
    groups = [match_spans(text, analyzers["plain"], plain)]
    for name, c in compiled.items():
        if lang == "und" or (lang == "en") == (name == "en"):
            field_text = own
        elif glosses:
            field_text = other
        else:
            continue
        groups.append(match_spans(field_text, analyzers[name], c.highlight))
        groups.append(phrase_spans(field_text, analyzers[name], c.phrases))
    spans = merge_spans(*groups)
    snippet, marks = make_snippet(text, stored["sents"], spans)
    start = stored["start"]
    return SearchHit(
        doc_id=stored["doc"],
        passage_id=stored["pid"],
        title=stored["title"],
        lang=lang if label_only else language_of_matches(lang, glosses, spans),
        kind=stored["kind"],
        score=float(score),
        snippet=snippet,
        snippet_marks=marks,
        matches=[(start + s, start + e) for s, e in spans],
        low_value=bool(stored["low"]),
    )
