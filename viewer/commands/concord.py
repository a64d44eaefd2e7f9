"""`concord QUERY` and `translations WORD`: the parallel concordance and translation candidates.

`concord --json` prints JSON Lines, one object per line (a contract): {"doc", "passage", "lang",
"left", "match", "right", "span": [s, e] (into the document's text), "counterpart": null | {"doc",
"lang", "text", "match": [s, e] | null (into counterpart.text)}}. Without --json: the lines aligned
on the match, each counterpart under its line with the translation in [brackets], then the counts.
`--csv FILE` / `--tsv FILE` also write the lines there (`viewer.core.concord.export`: document, id,
location, language, left, match, right, counterpart, its language and the marked translation).
`translations --json` prints {"candidate", "lang", "score", "count"} per candidate, best first.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from viewer.commands.common import add_folder_option, open_workspace, progress_printer
from viewer.core.concord.model import SORT_KEYS

if TYPE_CHECKING:
    from viewer.core.concord.model import Concordance

LANGS = ["en", "nb", "nn", "no"]


def register(subparsers: Any) -> None:
    concord = subparsers.add_parser(
        "concord",
        help="every match of a query in context, with its aligned translation (a parallel concordance)",
        description="The query is read as by `search` (phrases, OR, prefix*, lang:, doc:...).",
    )
    concord.add_argument("query", metavar="QUERY", nargs="+")
    concord.add_argument("--lang", choices=LANGS, help="only matches in this language")
    concord.add_argument("--doc", metavar="ID", help="only matches in this document")
    concord.add_argument("--width", type=_positive, default=40, metavar="N", help="context characters each side")
    concord.add_argument("--sort", choices=SORT_KEYS, help="by the 1st/2nd/3rd word left or right, doc or lang")
    concord.add_argument("--limit", type=_positive, default=1000, metavar="N", help="lines at most (default 1000)")
    concord.add_argument("--json", action="store_true", help="JSON Lines, one object per line")
    concord.add_argument("--cross", action="store_true", help="also the matches of the query's translations")
    files = concord.add_mutually_exclusive_group()
    files.add_argument("--csv", type=Path, metavar="FILE", help="also write the lines to FILE as CSV (UTF-8)")
    files.add_argument("--tsv", type=Path, metavar="FILE", help="also write the lines to FILE as TSV")
    add_folder_option(concord)
    concord.set_defaults(handler=_cmd_concord)

    words = subparsers.add_parser(
        "translations", help="likely translations of a word, learned from the library's aligned sentences"
    )
    words.add_argument("word", metavar="WORD")
    words.add_argument("--lang", choices=LANGS, help="the word's language (found when not given)")
    words.add_argument("--limit", type=_positive, default=10, metavar="N")
    words.add_argument("--json", action="store_true", help="JSON Lines, one object per candidate")
    add_folder_option(words)
    words.set_defaults(handler=_cmd_translations)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _cmd_concord(args: argparse.Namespace) -> int:
    with open_workspace(args) as workspace:
        if args.doc:
            workspace.document(args.doc)  # an unknown id: one line listing the known ones
        workspace.open_index(progress_printer(sys.stderr))
        result = workspace.concordance(
            " ".join(args.query),
            lang=args.lang,
            doc=args.doc,
            width=args.width,
            sort=args.sort,
            limit=args.limit,
            cross=args.cross,
        )
        corpus = workspace.corpus
    if result.message:
        print(f"note: {result.message}", file=sys.stderr)
    target, fmt = (args.csv, "csv") if args.csv else (args.tsv, "tsv")
    if target is not None:
        from viewer.commands.bookmarks import _write_atomically
        from viewer.core.concord.export import line_rows, write

        _write_atomically(target, write(line_rows(result.lines, corpus), fmt))
        print(f"wrote {len(result.lines)} line(s) to {target} ({fmt.upper()})", file=sys.stderr)
    write_concordance(result, sys.stdout, args.json, args.width, args.limit)
    return 0


def write_concordance(result: Concordance, out: TextIO, as_json: bool, width: int, limit: int) -> None:
    """The lines as `concord` prints them: JSON Lines with `as_json`, else aligned on the match."""
    if as_json:
        for line in result.lines:
            out.write(json.dumps(line.to_json(), ensure_ascii=False) + "\n")
        return
    for line in result.lines:
        out.write(f"{line.left:>{width}} {line.match} {line.right}   [{line.lang} {line.doc}]\n")
        if line.counterpart is not None:
            text, span = line.counterpart.text, line.counterpart.match
            shown = f"{text[: span[0]]}[{text[span[0] : span[1]]}]{text[span[1] :]}" if span else text
            out.write(f"{'':>{width}} ⇄ {line.counterpart.lang}: {shown}\n")
    languages = ", ".join(f"{lang} {n}" for lang, n in sorted(result.languages().items()))
    forms = ", ".join(f"{form} {n}" for form, n in result.forms.most_common(8))
    more = "" if result.complete else f" (the first {limit}; --limit for more)"
    out.write(f"# {len(result.lines)} matches{more} in {result.documents} documents · {languages} · forms: {forms}\n")


def _cmd_translations(args: argparse.Namespace) -> int:
    lang = "nb" if args.lang == "no" else args.lang
    with open_workspace(args) as workspace:
        candidates = workspace.translations(args.word, lang, args.limit)
    out = sys.stdout
    for candidate in candidates:
        if args.json:
            out.write(json.dumps(candidate.to_json(), ensure_ascii=False) + "\n")
        else:
            out.write(f"{candidate.score:5.2f}  {candidate.count:>4}  {candidate.lang}  {candidate.candidate}\n")
    if not candidates and not args.json:
        print(f"no translation of {args.word!r} found in the library's aligned texts", file=sys.stderr)
    return 0
