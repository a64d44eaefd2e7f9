"""`import PATH...`, `collections [list|remove ID]` and `export-pairs`: the user's own texts on the command line.

`import` adds each folder (and the files given, together) as a collection, imports what is new or
changed, brings the search index up to date and prints the report: the counts, the time, and
each skipped file with its reason, and the translation pairs its collections' documents are in
(a `pairs:` line each). Skipped files are not an error (exit 0); a missing path is (exit 1).
`import --json` prints the report as one JSON object (a contract: see ImportReport.to_json, plus
"index" and "pairs", the `pairs --json` objects). `export-pairs --doc ID` exports the sentence pairs
of the document and its counterpart when it has one (viewer.core.pairs), else its own two languages.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from viewer.commands.common import add_folder_option, open_workspace, progress_printer
from viewer.core.workspace import Workspace

if TYPE_CHECKING:
    from viewer.core.library.importers import ImportReport
    from viewer.core.pairs.model import DocumentPair


def register(subparsers: Any) -> None:
    imp = subparsers.add_parser(
        "import",
        help="add folders or files (txt, md, html, pdf, docx, tmx) as collections and index them",
        description="Each folder becomes a collection (importing an added folder again picks up its changes); "
        "files given on their own form one collection together.",
    )
    imp.add_argument("paths", type=Path, nargs="+", metavar="PATH")
    imp.add_argument("--json", action="store_true", help="print the report as one JSON object")
    imp.add_argument("--no-index", action="store_true", help="do not update the search index now")
    imp.set_defaults(handler=_cmd_import)

    col = subparsers.add_parser("collections", help="list the collections, or remove one (its bookmarks stay)")
    col.add_argument("action", nargs="?", choices=["list", "remove", "refresh"], default="list")
    col.add_argument("collection_id", nargs="?", metavar="ID")
    col.add_argument("--json", action="store_true", help="list as JSON")
    col.set_defaults(handler=_cmd_collections)

    exp = subparsers.add_parser("export-pairs", help="write aligned sentence pairs as TMX 1.4 or TSV")
    which = exp.add_mutually_exclusive_group(required=True)
    which.add_argument("--doc", metavar="ID", help="one document's pairs")
    which.add_argument("--all", action="store_true", help="the pairs of every bilingual document")
    exp.add_argument("--format", choices=["tmx", "tsv"], default="tmx")
    exp.add_argument("-o", "--output", type=Path, metavar="FILE", help="write here instead of stdout")
    add_folder_option(exp)
    exp.set_defaults(handler=_cmd_export)


def _index_summary(workspace: Workspace, quiet: bool) -> dict[str, Any]:
    """Bring the cached search index up to date with the library (re-indexing only what changed)."""
    ix = workspace.index or workspace.open_index()
    status = ix.status
    if not quiet:
        for message in status.messages:
            print(f"note: {message}", file=sys.stderr)
    return {
        "action": status.action,
        "incremental": status.incremental,
        "seconds": round(status.seconds, 3),
        "passages": status.passages,
        "reindexed_documents": len(status.changed_documents),
        "removed_documents": len(status.removed_documents),
    }


def _found_pairs(workspace: Workspace, report: ImportReport) -> list[DocumentPair]:
    """The pairs (not rejected) that a document of the imported collections is in."""
    collections = set(report.collections)
    ids = {d.id for d in workspace.corpus.documents if d.collection in collections}
    return [p for p in workspace.pairs() if p.status != "rejected" and (p.source in ids or p.target in ids)]


def _cmd_import(args: argparse.Namespace) -> int:
    # The index is opened after the import, not before: the import would update an opened one, and
    # either way it is derived from the cached index it builds on (only what changed is written);
    # opening it first would build an index about to be replaced when there is none yet.
    with Workspace.open(bookmarks=False) as workspace:
        report = workspace.import_paths(args.paths, progress=progress_printer(sys.stderr))
        workspace.library.pool.release()  # the readers' memory is free before the index is written
        index = None if args.no_index else _index_summary(workspace, args.json)
        pairs = _found_pairs(workspace, report)
    if args.json:
        print(
            json.dumps({**report.to_json(), "index": index, "pairs": [p.to_json() for p in pairs]}, ensure_ascii=False)
        )
        return 0
    out = sys.stdout
    out.write(f"collections: {', '.join(report.collections)}\n")
    out.write(f"{report.summary()}\n")
    if index is not None:
        how = "updated incrementally" if index["incremental"] else index["action"]
        out.write(
            f"index: {how}, {index['passages']} passages, {index['reindexed_documents']} documents "
            f"re-indexed, {index['removed_documents']} removed, in {index['seconds']:.2f} s\n"
        )
    for pair in pairs:
        sure = "" if pair.confident else ", to confirm"
        out.write(
            f"pairs: {pair.source} <-> {pair.target} ({pair.languages[0]}-{pair.languages[1]}, "
            f"score {pair.score:.2f}, {pair.status}{sure})\n"
        )
    for warning in report.warnings:
        out.write(f"warning: {warning}\n")
    for path, reason in report.skipped:
        out.write(f"skipped: {path}: {reason}\n")
    return 0


def _cmd_collections(args: argparse.Namespace) -> int:
    from viewer.core.errors import UserError

    with Workspace.open(bookmarks=False) as workspace:
        library = workspace.library
        if args.action == "remove":
            if not args.collection_id:
                raise UserError("collections remove needs a collection ID (see `collections list`)")
            report = workspace.remove_collection(args.collection_id)
            _index_summary(workspace, quiet=False)
            print(
                f"removed collection {args.collection_id}: {len(report.removed_doc_ids)} documents left the "
                "index (their bookmarks are kept)"
            )
            return 0
        if args.action == "refresh":
            report = workspace.refresh(args.collection_id, progress=progress_printer(sys.stderr))
            workspace.library.pool.release()
            _index_summary(workspace, quiet=False)
            print(report.summary())
            for path, reason in report.skipped:
                print(f"skipped: {path}: {reason}")
            return 0
        rows: list[dict[str, Any]] = []
        for c in library.collections()[1:]:
            files = library.registry.files(c.id).values()
            rows.append(
                {
                    "id": c.id,
                    "name": c.name,
                    "kind": c.kind,
                    "paths": [str(p) for p in c.paths],
                    "documents": sum(r.status == "imported" for r in files),
                    "skipped": sum(r.status == "skipped" for r in files),
                }
            )
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    print(f"{'id':<20} {'documents':>9} {'skipped':>7}  path")
    print(f"{'bundled':<20} {'':>9} {'':>7}  (the bundled corpus)")
    for row in rows:
        print(f"{row['id']:<20} {row['documents']:>9} {row['skipped']:>7}  {', '.join(row['paths'])}")
    return 0


def _left_out(count: int) -> str:
    if not count:
        return ""
    return f" ({count} sentence{'s' if count != 1 else ''} without a counterpart left out: a unit needs both languages)"


def _cmd_export(args: argparse.Namespace) -> int:
    from viewer import __version__
    from viewer.core.align.tmx import write_tmx, write_tsv
    from viewer.core.errors import UserError

    with open_workspace(args) as workspace:
        exported = workspace.aligned_export(args.doc)
    rows = exported.rows
    if args.doc and not rows:
        raise UserError(f"document {args.doc!r} has no aligned pairs (it is not a text with its translation)")
    text = write_tmx(rows, __version__) if args.format == "tmx" else write_tsv(rows)
    if args.output:
        try:
            args.output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UserError(f"{args.output}: cannot be written ({exc.strerror or exc})") from None
        print(f"wrote {len(rows)} pairs to {args.output}{_left_out(exported.left_out)}", file=sys.stderr)
    elif exported.left_out:
        print(f"note:{_left_out(exported.left_out)[1:]}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
