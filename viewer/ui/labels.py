"""The words the UI shows for core values: metadata field labels, kinds, groups, languages, and the
citation of a document (one function, shared by copying and export)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

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


def citation(document: Document) -> str:
    meta = document.meta
    authors = "; ".join(meta.authors) or QCoreApplication.translate("Reader", "Unknown author")
    year = str(meta.year) if meta.year else no_date()
    handle = meta.extra.get("handle") or meta.provenance
    return f"{authors} ({year}). {meta.title}. {handle}".strip()
