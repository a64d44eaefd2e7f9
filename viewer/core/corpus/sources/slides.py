"""Slides: blocks of bullets and short lines; scanned forms are noise, a references block is references."""

from __future__ import annotations

from viewer.core.corpus.drafts import BULLET, Draft, Parsed, Span, blocks, bullet_items, classified
from viewer.core.corpus.model import PassageKind as K


def parse_slides(text: str) -> Parsed:
    drafts: list[Draft] = []
    section = ""
    for block in blocks(text):
        block_text = text[block[0][0] : block[-1][1]]
        if _is_form_block(text, block):
            drafts.append(Draft(block[0][0], block[-1][1], K.NOISE, low_value=True))
            continue
        if block_text.strip().lower() in {"references", "referanser", "litteratur"}:
            section = "references"
            drafts.append(Draft(block[0][0], block[-1][1], K.HEADING))
            continue
        if any(BULLET.match(text[s:e]) for s, e in block):
            for s, e in bullet_items(text, block):
                kind = K.REFERENCE if section == "references" else K.LIST_ITEM
                drafts.append(classified(text, s, e, kind))
            continue
        for s, e in block if len(block) > 1 and _looks_like_lines(text, block) else [(block[0][0], block[-1][1])]:
            drafts.append(classified(text, s, e, K.PARAGRAPH))
    return Parsed(drafts)


def _is_form_block(text: str, block: list[Span]) -> bool:
    """A scanned form: tab-separated fields or checkbox glyphs on most lines."""
    formish = sum(1 for s, e in block if "\t" in text[s:e] or any(c in text[s:e] for c in "□🗆🛛🔲☐"))
    return formish >= max(2, len(block) // 2)


def _looks_like_lines(text: str, block: list[Span]) -> bool:
    """Lines that are separate units (slide titles, labels) rather than a wrapped paragraph."""
    return all(not text[s:e].rstrip().endswith((",", ";")) for s, e in block[:-1])
