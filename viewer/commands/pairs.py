"""`pairs [--json]` and `pairs add|confirm|reject|remove DOC_A DOC_B`: documents that translate each other.

`pairs` lists every pair of the library (bundled corpus and collections), found when the library
changes or made by hand. `--json` prints one object per line, a contract scripts depend on:
{"source", "target", "source_path", "target_path", "languages", "score", "status"}; the source is
the English side when there is one. The order of the two ids of a change does not matter.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from viewer.commands.common import add_folder_option, open_workspace

if TYPE_CHECKING:
    from viewer.core.pairs.model import DocumentPair

_ACTIONS = ("list", "add", "confirm", "reject", "remove")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "pairs",
        help="list the documents that translate each other, or add, confirm, reject or remove a pair",
        description="Pairs are found automatically (status 'suggested', with a score) whenever the library "
        "changes; confirm or reject them, or pair two documents by hand ('manual'). A rejected "
        "pair is never suggested again.",
    )
    parser.add_argument("action", nargs="?", choices=_ACTIONS, default="list")
    parser.add_argument(
        "doc_ids", nargs="*", metavar="DOC_ID", help="the two documents of the pair (add, confirm, reject, remove)"
    )
    parser.add_argument("--json", action="store_true", help="one JSON object per pair and line")
    add_folder_option(parser)
    parser.set_defaults(handler=_cmd_pairs)


def _line(pair: DocumentPair) -> str:
    low = "" if pair.confident or pair.status == "rejected" else "  (to confirm)"
    return (
        f"{pair.status:<9} {pair.score:5.2f}  {pair.languages[0]}-{pair.languages[1]}  "
        f"{pair.source}  <->  {pair.target}{low}"
    )


def _cmd_pairs(args: argparse.Namespace) -> int:
    from viewer.core.errors import UserError

    if args.action == "list" and args.doc_ids:
        raise UserError(f"unexpected argument {args.doc_ids[0]!r} (did you mean `pairs add ...`?)")
    if args.action != "list" and len(args.doc_ids) != 2:
        raise UserError(f"pairs {args.action} needs two document ids (see `pairs` and `corpus`)")
    with open_workspace(args) as workspace:
        if args.action == "list":
            found = workspace.pairs()
            out = sys.stdout
            for pair in found:
                out.write((json.dumps(pair.to_json(), ensure_ascii=False) if args.json else _line(pair)) + "\n")
            if not found and not args.json:
                print(
                    "no pairs (import a text and its translation, or pair two documents with `pairs add`)",
                    file=sys.stderr,
                )
            return 0
        a, b = args.doc_ids
        if args.action == "remove":
            workspace.pair_remove(a, b)
            print(f"removed the pair {a} <-> {b}")
            return 0
        change = {"add": workspace.pair_add, "confirm": workspace.pair_confirm, "reject": workspace.pair_reject}
        pair = change[args.action](a, b)
    if args.json:
        print(json.dumps(pair.to_json(), ensure_ascii=False))
    else:
        print(_line(pair))
    return 0
