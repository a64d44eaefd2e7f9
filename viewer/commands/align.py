"""`align`: align bilingual fields or pairs of texts from JSON Lines on stdin, or show a document's pairs.

The JSON Lines output is a contract (scripts depend on it): one object per input line, in order,
flushed per line. A line `{"text": ...}` (a bilingual field) gives
`{"split": int|null, "languages": [...], "pairs": [{"source": [s, e]|null, "target": ..., "score": f}]}`.
A line `{"source": TEXT, "target": TEXT}` (two texts; optional "source_lang"/"target_lang", else each
text's language is identified) gives `{"languages": [...], "translated": bool, "pairs": [...]}` with
"source" offsets into the source text and "target" offsets into the target text. Any other line gives
`{"error": "..."}` on its line.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from viewer.commands.common import add_folder_option, open_workspace
from viewer.core.corpus.textio import stream_lines

if TYPE_CHECKING:
    from viewer.core.align.corrections_apply import Corrected
    from viewer.core.align.document import AlignedPair, DocumentAlignment
    from viewer.core.align.texts import TextAlignment

log = logging.getLogger(__name__)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "align",
        help="split bilingual fields (JSON Lines on stdin) and align their sentences",
        description='Without --doc: read JSON Lines {"text": ...} on stdin and print one JSON object per '
        'line: {"split", "languages", "pairs"}. With --doc: print a document\'s pairs as a table, with the '
        "corrections made by hand applied (marked * edited, = confirmed); a document with a counterpart (another "
        "document that translates it) is shown beside it.",
    )
    parser.add_argument("--doc", metavar="ID", help="show the aligned sentence pairs of a document")
    parser.add_argument("--width", type=int, default=60, help="column width of the --doc table (default 60)")
    add_folder_option(parser)
    parser.set_defaults(handler=_cmd_align)


def _cmd_align(args: argparse.Namespace) -> int:
    if args.doc:
        return _show_document(args)
    out = sys.stdout
    for raw in stream_lines(sys.stdin.buffer):
        out.write(json.dumps(answer(raw), ensure_ascii=False) + "\n")
        out.flush()  # a script may feed one line and wait for its answer
    return 0


_LANGS = ("en", "nb", "nn")


def answer(raw: bytes) -> dict[str, Any]:
    """The output object for one input line; never raises for bad input."""
    from viewer.core.align.document import align_text

    try:
        record = json.loads(raw.decode("utf-8", errors="replace"))
    except ValueError as exc:
        return {"error": f"not JSON: {exc}"}
    if isinstance(record, dict) and isinstance(record.get("text"), str):
        return align_text(record["text"]).to_json()
    if isinstance(record, dict) and isinstance(record.get("source"), str) and isinstance(record.get("target"), str):
        return _two_texts(record)
    return {"error": 'expected a JSON object with a string "text", or strings "source" and "target"'}


def _two_texts(record: dict[str, Any]) -> dict[str, Any]:
    from viewer.core.align.texts import align_texts, text_language

    langs = []
    for side in ("source", "target"):
        given = record.get(f"{side}_lang")
        if given is None:
            langs.append(text_language(record[side]))
        elif given in _LANGS:
            langs.append(given)
        else:
            return {"error": f'"{side}_lang" must be one of {", ".join(_LANGS)}'}
    return align_texts(record["source"], record["target"], langs[0], langs[1]).to_json()


def _show_document(args: argparse.Namespace) -> int:
    """The document's own two parts aligned, and the document with each confident counterpart, as
    tables with the user's corrections applied (corrections that no longer fit: warnings)."""
    out = sys.stdout
    with open_workspace(args) as workspace:
        document = workspace.document(args.doc)
        shown: list[tuple[str, Corrected[DocumentAlignment] | Corrected[TextAlignment]]] = []
        own = workspace.corrected_alignment(document)
        if own is not None:
            a = own.alignment
            groups = f" ({a.source_group} | {a.target_group})" if a.source_group else ""
            shown.append((f"{document.id}: {a.languages[0]} -> {a.languages[1]}{groups}", own))
        for pair in workspace.counterparts(document.id):
            if pair.confident:
                found = workspace.corrected_pair_alignment(pair.source, pair.target)
                head = f"{pair.source} ({pair.languages[0]}) -> {pair.target} ({pair.languages[1]}), pair {pair.status}"
                shown.append((head, found))
    if not shown:
        out.write(f"{document.id}: no two-language body to align and no counterpart\n")
        return 0
    for n, (head, corrected) in enumerate(shown):
        result = corrected.alignment
        out.write(("\n" if n else "") + f"# {head}, translation evidence {result.evidence:.3f}\n")
        for problem in corrected.problems:
            print(f"warning: {problem}", file=sys.stderr)
        marks = _statuses(result.pairs)
        if marks:
            out.write(f"# corrected by hand: {marks} (* edited, = confirmed)\n")
        if not result.translated:
            out.write("# not translations of each other: no sentence pairs shown\n")
            continue
        _table(corrected.texts.source, corrected.texts.target, result.pairs, args.width, out)
    return 0


def _statuses(pairs: Sequence[AlignedPair]) -> str:
    """ "pairs 3-4 edited; 5, 7 confirmed" (1-based), "" when no pair was corrected by hand."""
    parts = []
    for status in ("edited", "confirmed"):
        numbers = [i for i, p in enumerate(pairs, start=1) if getattr(p, "status", "automatic") == status]
        if numbers:
            parts.append(f"{_ranges(numbers)} {status}")
    return f"pair(s) {'; '.join(parts)}" if parts else ""


def _ranges(numbers: list[int]) -> str:
    out: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        out.append(str(start) if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(out)


_MARKS = {"edited": "*", "confirmed": "="}


def _table(source: str, target: str, pairs: Sequence[AlignedPair], width: int, out: TextIO) -> None:
    """Score and status mark, then the two sides wrapped side by side."""
    width = max(20, width)
    rule = "-" * (8 + 2 * width + 3)
    out.write(f"{'score':>5}   {'source':<{width}} | target\n{rule}\n")
    for pair in pairs:
        left = textwrap.wrap(" ".join(source[pair.source[0] : pair.source[1]].split()), width) if pair.source else ["—"]
        right = (
            textwrap.wrap(" ".join(target[pair.target[0] : pair.target[1]].split()), width) if pair.target else ["—"]
        )
        mark = _MARKS.get(getattr(pair, "status", "automatic"), " ")
        for i in range(max(len(left), len(right))):
            score = f"{pair.score:5.2f} {mark}" if i == 0 else " " * 7
            a = left[i] if i < len(left) else ""
            b = right[i] if i < len(right) else ""
            out.write(f"{score} {a:<{width}} | {b}\n")
        out.write(f"{rule}\n")


def _wrapped(text: str, span: tuple[int, int] | None, width: int) -> list[str]:
    return textwrap.wrap(" ".join(text[span[0] : span[1]].split()), width) if span else ["—"]
