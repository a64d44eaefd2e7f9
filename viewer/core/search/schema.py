"""What the index stores for a passage and how it is scored: the Whoosh schema, the fields of one
passage, and the per-passage rank factor (writing them is `writer`'s job).

English text goes to the `en` field (English analysis), Bokmål and Nynorsk to `no` (Norwegian
analysis), undetermined text to both; `plain` holds unstemmed words for prefix* and fuzzy~.
"""

from __future__ import annotations

from typing import Any

from whoosh import fields, scoring
from whoosh.columns import NumericColumn

from viewer.core.corpus.model import Passage, PassageKind
from viewer.core.search.analysis import english_analyzer, norwegian_analyzer, plain_analyzer
from viewer.core.search.glosses import gloss_spans, split_text

SCHEMA_VERSION = "5"
RANK_FACTORS = {PassageKind.TITLE: 1.2, PassageKind.ABSTRACT: 1.2, PassageKind.KEYWORDS: 1.2}
# Low-value passages (chrome, layout noise) have their score scaled by this, so they rank after
# every content match (a content term scores above 0.05) while keeping their order among themselves.
# A factor, not a cap: scores are summed over a query's terms, and a sum of scaled scores stays scaled.
LOW_VALUE_SCALE = 1e-6
MAX_FACTOR = max(1.0, *RANK_FACTORS.values())


def make_schema() -> fields.Schema:
    return fields.Schema(
        # stored, not indexed: nothing searches by passage id, and its postings were a term and a posting
        # block per passage (half of a build's blocks, a sixth of the index; schema 5)
        pid=fields.STORED,
        doc=fields.ID(stored=True),
        lang=fields.ID(stored=True),
        kind=fields.STORED,
        low=fields.STORED,
        title=fields.STORED,
        start=fields.STORED,
        text=fields.STORED,
        sents=fields.STORED,
        glosses=fields.STORED,
        sub=fields.KEYWORD,
        factor=fields.COLUMN(NumericColumn("f", default=1.0)),
        en=fields.TEXT(analyzer=english_analyzer(), phrase=True),
        no=fields.TEXT(analyzer=norwegian_analyzer(), phrase=True),
        plain=fields.TEXT(analyzer=plain_analyzer(), phrase=False),  # for prefix* and fuzzy~ on real words
    )


def rank_factor(passage: Passage) -> float:
    """The score multiplier for a passage; 0 marks a low-value one (see LOW_VALUE_SCALE)."""
    return 0.0 if passage.low_value else RANK_FACTORS.get(passage.kind, 1.0)


class PassageWeighting(scoring.BM25F):  # type: ignore[misc]
    """BM25F times the passage's rank factor, applied per term by `PassageScorer`; low-value passages'
    scores are scaled by LOW_VALUE_SCALE.

    No `final()` hook: that was a second Python call and column read per match (a quarter of a
    common word's time at 50 MB), and it turns Whoosh's block-quality skipping off.
    """

    def scorer(self, searcher, fieldname, text, qf=1):  # type: ignore[no-untyped-def]
        if not searcher.schema[fieldname].scorable:
            return scoring.WeightScorer.for_(searcher, fieldname, text)
        return PassageScorer(searcher, fieldname, text, self._field_B.get(fieldname, self.B), self.K1, qf=qf)


class PassageScorer(scoring.BM25FScorer):  # type: ignore[misc]
    """BM25F of one term in one segment, scaled by the passage's rank factor (a column, read per
    segment). Its block and term qualities are BM25F's times the largest factor, so they stay upper
    bounds and Whoosh may skip every block that cannot reach the current top N."""

    def __init__(self, searcher: Any, fieldname: str, text: Any, B: float, K1: float, qf: float = 1) -> None:
        super().__init__(searcher, fieldname, text, B, K1, qf=qf)
        self._factor = searcher.reader().column_reader("factor")
        self._maxquality *= MAX_FACTOR

    def score(self, matcher):  # type: ignore[no-untyped-def]
        docnum = matcher.id()
        s = self._score(matcher.weight(), self.dfl(docnum))
        factor = self._factor[docnum]
        return s * (factor or LOW_VALUE_SCALE)

    def block_quality(self, matcher):  # type: ignore[no-untyped-def]
        return MAX_FACTOR * self._score(matcher.block_max_weight(), matcher.block_min_length())


def passage_fields(passage: Passage, titles: dict[str, str]) -> dict[str, object]:
    """The Whoosh fields of one passage: its text goes to the analysed field(s) of its language."""
    lang = passage.lang.value
    doc: dict[str, object] = {
        "pid": passage.id,
        "doc": passage.doc_id,
        "lang": lang,
        "kind": passage.kind.value,
        "low": passage.low_value,
        "title": titles.get(passage.doc_id, ""),
        "start": passage.start,
        "text": passage.text,
        "factor": rank_factor(passage),
        "sents": [(s.start - passage.start, s.end - passage.start) for s in passage.sentences],
    }
    own = passage.text
    spans = gloss_spans(own, lang)
    if spans:
        own, other = split_text(own, spans)
        doc["glosses"] = spans
        doc["sub"] = " ".join(sorted({g[2] for g in spans}))
        doc["no" if lang == "en" else "en"] = other
    if lang in ("en", "und"):
        doc["en"] = own
    if lang in ("nb", "nn", "und"):
        doc["no"] = own
    doc["plain"] = passage.text
    return doc
