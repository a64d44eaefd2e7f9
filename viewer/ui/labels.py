"""The words the UI shows for core values: metadata field labels, kinds, groups, languages, and the
citation of a document (one function, shared by copying and export)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from viewer.core.bookmarks.citing import CiteWords, cite, locate, location_text
from viewer.core.corpus.model import Document


def field_labels() -> dict[str, str]:
    """The reader's labels for the repository record's fields, in the UI language.

    Each label is a literal `translate()` call so that lupdate extracts it (scripts/update-translations);
    a field not listed here is shown without a label.
    """
    return {
        "dc.contributor.advisor": QCoreApplication.translate("Reader", "Advisor"),
        "dc.contributor.author": QCoreApplication.translate("Reader", "Author"),
        "dc.date.accessioned": QCoreApplication.translate("Reader", "Accessioned"),
        "dc.date.available": QCoreApplication.translate("Reader", "Available"),
        "dc.date.issued": QCoreApplication.translate("Reader", "Issued"),
        "dc.identifier.isbn": QCoreApplication.translate("Reader", "ISBN"),
        "dc.identifier.issn": QCoreApplication.translate("Reader", "ISSN"),
        "dc.identifier.uri": QCoreApplication.translate("Reader", "Handle"),
        "dc.language.iso": QCoreApplication.translate("Reader", "Language"),
        "dc.publisher": QCoreApplication.translate("Reader", "Publisher"),
        "dc.relation.ispartofseries": QCoreApplication.translate("Reader", "Series"),
        "dc.rights": QCoreApplication.translate("Reader", "Licence"),
        "dc.rights.uri": QCoreApplication.translate("Reader", "Licence URI"),
        "dc.type": QCoreApplication.translate("Reader", "Type"),
        "dc.description.version": QCoreApplication.translate("Reader", "Version"),
        "dc.source.pagenumber": QCoreApplication.translate("Reader", "Pages"),
    }


def kind_name(kind: str) -> str:
    """A document kind (the manifest's `kind`, "plain" for imported files) as the UI names it."""
    names = {
        "repository-record": QCoreApplication.translate("Reader", "repository record"),
        "slides": QCoreApplication.translate("Reader", "slides"),
        "article": QCoreApplication.translate("Reader", "article"),
        "project-page": QCoreApplication.translate("Reader", "project page"),
        "news": QCoreApplication.translate("Reader", "news article"),
        "plain": QCoreApplication.translate("Reader", "plain text"),
        "text": QCoreApplication.translate("Reader", "plain text"),
        "markdown": QCoreApplication.translate("Reader", "Markdown text"),
        "html": QCoreApplication.translate("Reader", "web page"),
        "pdf": QCoreApplication.translate("Reader", "PDF"),
        "docx": QCoreApplication.translate("Reader", "Word document"),
        "tmx": QCoreApplication.translate("Reader", "translation memory"),
    }
    return names.get(kind, kind)


def group_name(base: str) -> str:
    """The heading of a passage group ("abstract" of "abstract.en"), as the UI names it."""
    names = {
        "abstract": QCoreApplication.translate("Reader", "Abstract"),
        "tmx": QCoreApplication.translate("Reader", "Translation memory"),
    }
    return names.get(base, base.capitalize())


def no_date() -> str:
    """What a citation or header shows for a document without a year ("n.d.")."""
    return QCoreApplication.translate("Reader", "n.d.")


def lang_name(code: str) -> str:
    names = {
        "en": QCoreApplication.translate("Lang", "English"),
        "nb": QCoreApplication.translate("Lang", "Norwegian Bokmål"),
        "nn": QCoreApplication.translate("Lang", "Norwegian Nynorsk"),
        "und": QCoreApplication.translate("Lang", "undetermined"),
    }
    return names.get(code, code)


def cite_words() -> CiteWords:
    """The words of citations and locations in the UI language."""
    return CiteWords(
        paragraph=QCoreApplication.translate("Reader", "paragraph {n}"),
        untitled=QCoreApplication.translate("Reader", "Untitled"),
        group=lambda group: (
            f"{group_name(group.partition('.')[0])} · {lang_name(group.partition('.')[2])}"
            if "." in group
            else group_name(group)
        ),
    )


def citation(document: Document, span: tuple[int, int] | None = None) -> str:
    """The document cited as every export cites it (`citing.cite`), with where `span` is in it."""
    words = cite_words()
    where = location_text(locate(document, *span), words) if span else ""
    return cite(document.meta, where=where, words=words)
