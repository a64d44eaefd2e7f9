"""TMX 1.4 and TSV: read translation units safely, write a document's aligned pairs.

Reading refuses XML entity declarations (the "billion laughs" expansion and external entities)
and never fetches a DTD. Language codes are normalised to the corpus's own: en, nb, nn.
Writing produces TMX 1.4b that validates against the standard's DTD (tests/data/tmx/tmx14.dtd).
"""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NoReturn
from xml.parsers import expat
from xml.sax.saxutils import escape, quoteattr

from viewer.core.corpus.markup import plain
from viewer.core.errors import UserError

if TYPE_CHECKING:
    from viewer.core.align.document import AlignedPair, DocumentAlignment
    from viewer.core.corpus.model import Document

XML_LANG = "xml:lang"  # expat without namespace processing reports the attribute under this name
_NORWEGIAN_NB = {"nb", "no", "nob", "nor"}
_NORWEGIAN_NN = {"nn", "nno"}
_ENGLISH = {"en", "eng"}
# Inline codes whose content is native markup of the source format, not text.
_CODE_TAGS = {"bpt", "ept", "ph", "it", "ut"}
# Characters XML 1.0 cannot hold, even escaped.
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class TmxError(UserError):
    """A TMX file that cannot be read: not XML, not TMX, or refused for safety."""


@dataclass(frozen=True)
class TranslationUnit:
    """One <tu>: its segments by (normalised) language code."""

    segments: dict[str, str]


@dataclass(frozen=True)
class PairRow:
    """One aligned pair to export: a document's source and target text with their languages."""

    doc_id: str
    source_lang: str
    target_lang: str
    source: str
    target: str


def normalise_lang(code: str) -> str:
    """ISO-ish codes to the corpus's: en, en-US -> en; nb, nb-NO, no, nob -> nb; nn, nn-NO, nno -> nn.

    Any other language keeps its primary subtag in lower case ("de-DE" -> "de").
    """
    primary = re.split(r"[-_]", code.strip().lower(), maxsplit=1)[0]
    if primary in _ENGLISH:
        return "en"
    if primary in _NORWEGIAN_NN:
        return "nn"
    if primary in _NORWEGIAN_NB:
        return "nb"
    return primary


def _forbid(*_args: Any) -> NoReturn:
    raise TmxError("the TMX file declares XML entities, which are refused for safety")


def parse_tmx(data: bytes, name: str = "TMX") -> tuple[list[TranslationUnit], list[str]]:
    """The translation units of a TMX document (any version 1.1-1.4b) and warnings.

    Raises TmxError for malformed XML, a root that is not <tmx>, or entity declarations.
    """
    # WORKAROUND: ElementTree's C parser cannot refuse entity declarations; drive expat directly
    # (as defusedxml does) and build the tree with ElementTree's TreeBuilder.
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.StartElementHandler = builder.start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    parser.EntityDeclHandler = _forbid
    parser.UnparsedEntityDeclHandler = _forbid
    parser.ExternalEntityRefHandler = _forbid
    try:
        parser.Parse(data, True)
        root = builder.close()
    except expat.ExpatError as exc:
        raise TmxError(f"{name}: not well-formed XML ({expat.ErrorString(exc.code)}, line {exc.lineno})") from None
    if root.tag != "tmx":
        raise TmxError(f"{name}: not a TMX file (the root element is <{root.tag}>)")
    body = root.find("body")
    if body is None:
        raise TmxError(f"{name}: not a TMX file (no <body>)")
    units, warnings, nameless = [], [], 0
    for tu in body.iter("tu"):
        segments: dict[str, str] = {}
        for tuv in tu.findall("tuv"):
            code = tuv.get(XML_LANG) or tuv.get("lang") or ""
            seg = tuv.find("seg")
            if not code or seg is None:
                nameless += 1
                continue
            text = " ".join(_seg_text(seg).split())
            if text:
                lang = normalise_lang(code)
                segments[lang] = f"{segments[lang]} {text}" if lang in segments else text
        if segments:
            units.append(TranslationUnit(segments))
    if nameless:
        warnings.append(f"{name}: {nameless} <tuv> without a language or a <seg> ignored")
    return units, warnings


def _seg_text(element: ET.Element) -> str:
    """The text of a <seg>, leaving out inline codes (<bpt>, <ph>, ...) but keeping <hi> text."""
    parts = [element.text or ""]
    for child in element:
        if child.tag not in _CODE_TAGS:
            parts.append(_seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def language_pair(units: Sequence[TranslationUnit]) -> tuple[str, ...]:
    """The two languages to read from the units: English and Norwegian first, then the most common."""
    counts = Counter(lang for unit in units for lang in unit.segments)
    ranked = sorted(counts, key=lambda lang: (lang not in ("en", "nb", "nn"), -counts[lang], lang))
    if len(ranked) >= 2 and ranked[0] in ("nb", "nn") and ranked[1] == "en":
        ranked[0], ranked[1] = ranked[1], ranked[0]  # English first, as most TMX files are en -> xx
    return tuple(ranked[:2])


@dataclass
class Exported:
    """The rows of an export and how many sentences it leaves out: a sentence aligned with nothing
    (a 1-0 bead) has no translation unit to go in."""

    rows: list[PairRow] = field(default_factory=list)
    left_out: int = 0

    def add(
        self, doc_id: str, source_lang: str, target_lang: str, source: str, target: str, pairs: Iterable[AlignedPair]
    ) -> None:
        for p in pairs:
            if p.source and p.target:
                # As a reader shows them: markup left in a text (`# `, `*…*`) is no part of a translation unit.
                pair = plain(source[p.source[0] : p.source[1]]), plain(target[p.target[0] : p.target[1]])
                self.rows.append(PairRow(doc_id, source_lang, target_lang, *pair))
            elif p.source or p.target:
                self.left_out += max(1, len(p.source_ids or p.target_ids))

    def extend(self, other: Exported, first: bool = False) -> None:
        self.rows = [*other.rows, *self.rows] if first else [*self.rows, *other.rows]
        self.left_out += other.left_out


def pair_rows(
    documents: Iterable[Document], align: Callable[[Document], DocumentAlignment | None] | None = None
) -> list[PairRow]:
    """`pair_export`'s rows."""
    return pair_export(documents, align).rows


def pair_export(
    documents: Iterable[Document], align: Callable[[Document], DocumentAlignment | None] | None = None
) -> Exported:
    """The aligned pairs (both sides present) of every document that has a translated alignment;
    `align` gives a document's alignment (the workspace's, corrections applied; computed here by default)."""
    from viewer.core.align.document import align_document

    align = align or align_document
    exported = Exported()
    for document in documents:
        alignment = align(document)
        if alignment is not None and alignment.translated:
            lang1, lang2 = alignment.languages
            exported.add(document.id, lang1, lang2, document.text, document.text, alignment.pairs)
    return exported


# --- writing -------------------------------------------------------------------------------


def _clean(text: str) -> str:
    return " ".join(_ILLEGAL_XML.sub(" ", text).split())


def write_tmx(rows: Iterable[PairRow], tool_version: str, srclang: str | None = None) -> str:
    """TMX 1.4b text for the pairs: one <tu> per pair, with the document id as a property."""
    rows = list(rows)
    sources = {r.source_lang for r in rows}
    src = srclang or (next(iter(sources)) if len(sources) == 1 else "*all*")
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
        '<tmx version="1.4">',
        f'  <header creationtool="corpus-viewer" creationtoolversion={quoteattr(tool_version)} '
        f'segtype="sentence" o-tmf="corpus-viewer" adminlang="en" srclang={quoteattr(src)} '
        f'datatype="plaintext" creationdate="{stamp}"/>',
        "  <body>",
    ]
    for n, row in enumerate(rows, start=1):
        out.append(f'    <tu tuid="{n}" srclang={quoteattr(row.source_lang)}>')
        out.append(f'      <prop type="x-document">{escape(_clean(row.doc_id))}</prop>')
        for lang, text in ((row.source_lang, row.source), (row.target_lang, row.target)):
            out.append(f"      <tuv xml:lang={quoteattr(lang)}><seg>{escape(_clean(text))}</seg></tuv>")
        out.append("    </tu>")
    out += ["  </body>", "</tmx>", ""]
    return "\n".join(out)


def write_tsv(rows: Iterable[PairRow]) -> str:
    """Tab-separated pairs with a header row; tabs and line breaks inside text become spaces."""
    lines = ["doc_id\tsource_lang\ttarget_lang\tsource\ttarget"]
    for r in rows:
        lines.append("\t".join([r.doc_id, r.source_lang, r.target_lang, _clean(r.source), _clean(r.target)]))
    return "\n".join(lines) + "\n"


__all__ = [
    "Exported",
    "PairRow",
    "TmxError",
    "TranslationUnit",
    "language_pair",
    "normalise_lang",
    "pair_export",
    "pair_rows",
    "parse_tmx",
    "write_tmx",
    "write_tsv",
]
