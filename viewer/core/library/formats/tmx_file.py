"""TMX translation memories: one bilingual document with ready drafts and the file's own sentence pairs."""

from __future__ import annotations

from typing import Any

from viewer.core.corpus.drafts import Draft, Parsed
from viewer.core.corpus.model import PassageKind
from viewer.core.library.formats.extracted import Extracted, Unusable


def extract_tmx(data: bytes, name: str) -> Extracted:
    """A TMX file as one bilingual document: each language's segments as a group ("tmx.en", "tmx.nb").

    Segments are paragraphs of their group, in file order; the file's translation units become the
    document's aligned pairs (DocumentMeta.extra["aligned_pairs"], character spans into the text).
    """
    from viewer.core.align.tmx import TmxError, language_pair, parse_tmx

    try:
        units, warnings = parse_tmx(data, name)
    except TmxError as exc:
        raise Unusable(str(exc).removeprefix(f"{name}: ")) from None
    except RecursionError:  # inline tags nested deeper than Python's stack: say so, not the error
        raise Unusable(f"the TMX nests inline tags {inline_depth(data):,} deep (too deep to read)") from None
    langs = language_pair(units)
    if not langs:
        raise Unusable("the TMX file holds no translation units with text")
    others = sorted({lang for u in units for lang in u.segments} - set(langs))
    if others:
        warnings.append(f"{name}: only {' and '.join(langs)} were read; also holds {', '.join(others)}")
    pieces: list[str] = []
    pos = 0
    drafts: list[Draft] = []
    spans: dict[str, list[tuple[int, int] | None]] = {lang: [] for lang in langs}
    for lang in langs:
        for unit in units:
            segment = unit.segments.get(lang)
            if segment is None:
                spans[lang].append(None)
                continue
            if pieces:
                pieces.append("\n\n")
                pos += 2
            drafts.append(Draft(pos, pos + len(segment), PassageKind.PARAGRAPH, group=f"tmx.{lang}"))
            spans[lang].append((pos, pos + len(segment)))
            pieces.append(segment)
            pos += len(segment)
    extra: dict[str, Any] = {"format": "tmx", "declared_languages": list(langs)}
    if len(langs) == 2:
        pairs = [[list(a), list(b)] for a, b in zip(spans[langs[0]], spans[langs[1]], strict=True) if a and b]
        extra.update(aligned_pairs=pairs, aligned_languages=list(langs))
    return Extracted("".join(pieces), warnings=warnings, parsed=Parsed(drafts, {}), extra=extra)


def inline_depth(data: bytes) -> int:
    """How deep elements nest inside a <seg> (one linear pass; 0 when the XML cannot be read)."""
    from xml.parsers import expat

    depth, seg, deepest = 0, [0], 0

    def start(tag: str, _attrs: object) -> None:
        nonlocal depth, deepest
        depth += 1
        if tag == "seg":
            seg.append(depth)
        elif len(seg) > 1:
            deepest = max(deepest, depth - seg[-1])

    def end(tag: str) -> None:
        nonlocal depth
        if tag == "seg" and len(seg) > 1:
            seg.pop()
        depth -= 1

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    try:
        parser.Parse(data, True)
    except expat.ExpatError:
        pass
    return deepest
