"""Document-kind parsers: turn a raw text into metadata and passage drafts (spans with a kind).

One module per source kind (a DSpace repository record, slides, a journal article, a research-council
project page, a news article); `PARSERS` maps each manifest `kind` to its parser, with the generic
`parse_plain` for plain text. Parsers only find structure; they never guess languages.
`corpus.build_document` segments the drafts into sentences, labels them and splits bilingual fields.
"""

from __future__ import annotations

from collections.abc import Callable

from viewer.core.corpus.drafts import Parsed, parse_plain
from viewer.core.corpus.sources.article import parse_article
from viewer.core.corpus.sources.news import parse_news
from viewer.core.corpus.sources.project_page import parse_project_page
from viewer.core.corpus.sources.repository_record import parse_repository_record
from viewer.core.corpus.sources.slides import parse_slides

PARSERS: dict[str, Callable[[str], Parsed]] = {
    "repository-record": parse_repository_record,
    "slides": parse_slides,
    "article": parse_article,
    "project-page": parse_project_page,
    "news": parse_news,
    "plain": parse_plain,
}

__all__ = ["PARSERS"]
