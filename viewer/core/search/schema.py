"""What the index stores for a passage and how it is written: the Whoosh schema, the per-passage
rank factor, and one-commit writes (a full build or an incremental update).

English text goes to the `en` field (English analysis), Bokmål and Nynorsk to `no` (Norwegian
analysis), undetermined text to both; `plain` holds unstemmed words for prefix* and fuzzy~.
"""

from __future__ import annotations

from collections.abc import Iterable

from whoosh import fields, index, scoring
from whoosh import query as wq
from whoosh.columns import NumericColumn

from viewer.core.corpus.model import Passage, PassageKind
from viewer.core.progress import Progress
from viewer.core.search.analysis import english_analyzer, norwegian_analyzer, plain_analyzer

SCHEMA_VERSION = "3"
RANK_FACTORS = {PassageKind.TITLE: 1.2, PassageKind.ABSTRACT: 1.2, PassageKind.KEYWORDS: 1.2}
# Low-value passages (chrome, layout noise) are squeezed below this score, so they rank after
# practically every content match while keeping their order among themselves.
LOW_VALUE_CAP = 0.01
# An incrementally updated index adds a segment per update; at this many, the next update merges them.
MAX_SEGMENTS = 8


def make_schema() -> fields.Schema:
    return fields.Schema(
        pid=fields.ID(stored=True, unique=True),
        doc=fields.ID(stored=True),
        lang=fields.ID(stored=True),
        kind=fields.STORED,
        low=fields.STORED,
        title=fields.STORED,
        start=fields.STORED,
        text=fields.STORED,
        sents=fields.STORED,
        factor=fields.COLUMN(NumericColumn("f", default=1.0)),
        en=fields.TEXT(analyzer=english_analyzer(), phrase=True),
        no=fields.TEXT(analyzer=norwegian_analyzer(), phrase=True),
        plain=fields.TEXT(analyzer=plain_analyzer(), phrase=False),  # for prefix* and fuzzy~ on real words
    )


def rank_factor(passage: Passage) -> float:
    """The score multiplier for a passage; 0 marks a low-value one (see LOW_VALUE_CAP)."""
    return 0.0 if passage.low_value else RANK_FACTORS.get(passage.kind, 1.0)


class PassageWeighting(scoring.BM25F):  # type: ignore[misc]
    """BM25F times the passage's rank factor (read from a column, so no stored-field lookups);
    low-value passages get a score below LOW_VALUE_CAP."""

    use_final = True

    def __init__(self) -> None:
        super().__init__()
        self._cache: tuple[object, object] | None = None

    def final(self, searcher, docnum, score):  # type: ignore[no-untyped-def]
        reader = searcher.reader()
        if self._cache is None or self._cache[0] is not reader:
            self._cache = (reader, reader.column_reader("factor"))
        factor = self._cache[1][docnum]  # type: ignore[index]
        return score * factor if factor else LOW_VALUE_CAP * score / (score + 1.0)


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
    if lang in ("en", "und"):
        doc["en"] = passage.text
    if lang in ("nb", "nn", "und"):
        doc["no"] = passage.text
    doc["plain"] = passage.text
    return doc


def write_passages(
    ix: index.Index,
    passages: Iterable[Passage],
    titles: dict[str, str],
    total: int,
    progress: Progress | None = None,
    removed: Iterable[str] = (),
) -> int:
    """Add passages to an index in one commit, after deleting the passages of the `removed` document ids.

    On a fresh index this is a full build; on an existing one an incremental update (the new
    passages form a small segment; Whoosh's merge policy keeps the segment count logarithmic).
    Returns the number of passages added.
    """
    writer = ix.writer(limitmb=256)
    count = 0
    try:
        gone = sorted(set(removed))
        if gone:
            writer.delete_by_query(wq.Or([wq.Term("doc", d) for d in gone]))
        for passage in passages:
            writer.add_document(**passage_fields(passage, titles))
            count += 1
            if progress and count % 500 == 0:
                progress(count, total, "indexing passages")
        if progress:
            progress(count, total, "writing the index")
        # Many small segments slow every search down: past a few, merge them all into one.
        writer.commit(optimize=len(ix._segments()) >= MAX_SEGMENTS)
    except BaseException:
        writer.cancel()
        raise
    return count
