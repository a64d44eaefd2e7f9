"""Exports of a concordance or of search results as CSV (UTF-8 with a byte-order mark, formula-like
cells defused as in the bookmark export) or TSV (tabs and line breaks in a cell made spaces), one
row per line or hit: document (title and id), location in words, language, left | match | right,
and the counterpart (the aligned sentence of the other language, its language, the marked translation).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Sequence

from viewer.core.bookmarks.citing import locate, location_text
from viewer.core.concord.aligned import AlignedSentences
from viewer.core.concord.context import clean, kwic
from viewer.core.concord.model import Line
from viewer.core.corpus.model import Corpus, Document
from viewer.core.errors import UserError
from viewer.core.search.results import SearchHit
from viewer.core.spreadsheet import safe_cell

FORMATS = ("csv", "tsv")
COLUMNS = (
    "document",
    "doc_id",
    "location",
    "lang",
    "left",
    "match",
    "right",
    "counterpart",
    "counterpart_lang",
    "translation",
    "via",
)
Row = tuple[str, ...]
_BREAKS = re.compile(r"[\t\r\n\v\f\u2028\u2029]+")


def line_rows(lines: Iterable[Line], corpus: Corpus) -> list[Row]:
    """One row per concordance line."""
    documents = _lookup(corpus)
    rows: list[Row] = []
    for line in lines:
        document = documents(line.doc)
        counterpart, translation, other = "", "", ""
        if line.counterpart is not None:
            counterpart, other = line.counterpart.text, line.counterpart.lang
            span = line.counterpart.match
            translation = counterpart[span[0] : span[1]] if span else ""
        where = _where(document, *line.span)
        rows.append(
            (
                line.title,
                line.doc,
                where,
                line.lang,
                line.left,
                line.match,
                line.right,
                counterpart,
                other,
                translation,
                "",
            )
        )
    return rows


def hit_rows(
    hits: Iterable[SearchHit], corpus: Corpus, sentences: AlignedSentences | None = None, width: int = 60
) -> list[Row]:
    """One row per search hit: its first match in context (the passage when it has none shown) and,
    with `sentences`, the aligned sentence that holds it."""
    documents = _lookup(corpus)
    rows: list[Row] = []
    for hit in hits:
        document = documents(hit.doc_id)
        if document is None:
            rows.append(
                (hit.title, hit.doc_id, "", hit.lang, "", clean(hit.snippet), "", "", "", "", ", ".join(hit.via))
            )
            continue
        passage = document.passage(hit.passage_id)
        bounds = (passage.start, passage.end)
        span = min(hit.matches) if hit.matches else bounds
        left, match, right = kwic(document.text, span, bounds, width) if hit.matches else ("", clean(passage.text), "")
        pair = sentences.at(document.id, span) if sentences is not None and hit.matches else None
        counterpart = (clean(pair.text_b), pair.lang_b) if pair is not None else ("", "")
        where = _where(document, *span)
        rows.append(
            (document.title, document.id, where, hit.lang, left, match, right, *counterpart, "", ", ".join(hit.via))
        )
    return rows


def write(rows: Sequence[Row], fmt: str) -> bytes:
    """The rows with a header in `fmt` ("csv" or "tsv"), as bytes to write to a file."""
    if fmt == "csv":
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer)
        writer.writerow(COLUMNS)
        writer.writerows([safe_cell(cell) for cell in row] for row in rows)
        return buffer.getvalue().encode("utf-8-sig")
    if fmt == "tsv":
        out = ["\t".join(COLUMNS)]
        out += ["\t".join(tsv_cell(cell) for cell in row) for row in rows]
        return ("\n".join(out) + "\n").encode("utf-8")
    raise UserError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")


def tsv_cell(value: str) -> str:
    """A TSV cell: tabs and line breaks become single spaces (TSV has no quoting); formula-like
    text is defused as in CSV."""
    return str(safe_cell(_BREAKS.sub(" ", value)))


def _where(document: Document | None, start: int, end: int) -> str:
    return location_text(locate(document, start, end)) if document is not None else ""


def _lookup(corpus: Corpus) -> Callable[[str], Document | None]:
    return {document.id: document for document in corpus.documents}.get
