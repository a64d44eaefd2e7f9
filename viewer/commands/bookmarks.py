"""`python -m viewer bookmarks ...`: list, add, remove, restore, purge, export and import bookmarks.

Output of `list --json` and `export --format json` is the versioned export format (a contract).
Errors are one line on stderr and exit 1 (raised as UserError, printed by viewer.cli.main).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from viewer.commands.common import add_folder_option, clip, open_workspace
from viewer.commands.searches import import_searches, saved_searches
from viewer.core.errors import UserError

if TYPE_CHECKING:
    from viewer.core.corpus.model import Corpus


def register(subparsers: Any) -> None:
    group = subparsers.add_parser("bookmarks", help="list, add, remove, export and import bookmarks")
    sub = group.add_subparsers(metavar="ACTION", required=True)

    def action(name: str, help_text: str, handler: Any, corpus: bool = True) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = sub.add_parser(name, help=help_text, description=help_text)
        parser.add_argument(
            "--db",
            type=Path,
            metavar="FILE",
            help="the bookmark database (default: bookmarks.sqlite3 in the user data folder)",
        )
        if corpus:
            add_folder_option(parser)
        parser.set_defaults(handler=handler)
        return parser

    listing = action("list", "list bookmarks (re-anchored against the loaded corpus), newest first", _cmd_list)
    _add_filters(listing)
    listing.add_argument("--json", action="store_true", help="print the bookmarks as JSON (the export format)")
    listing.add_argument("--no-check", action="store_true", help="do not load the corpus to re-check anchors")

    add = action("add", "bookmark a passage, a character range or a sentence (with its aligned pair)", _cmd_add)
    add.add_argument("doc_id", metavar="DOC_ID")
    where = add.add_mutually_exclusive_group(required=True)
    where.add_argument("--passage", metavar="PID", help="a passage id, e.g. thesis:012")
    where.add_argument("--start", type=int, metavar="N", help="first character (with --end)")
    where.add_argument("--sentence", metavar="SID", help="a sentence id, e.g. thesis:012.3")
    add.add_argument("--end", type=int, metavar="M", help="one past the last character (with --start)")
    add.add_argument("--pair", metavar="SID", help="with --sentence: the aligned sentence in the other language")
    add.add_argument("--note", default="", metavar="TEXT", help="a note (any text; use $'...' for new lines)")
    add.add_argument("--tag", action="extend", nargs="+", default=[], metavar="T", help="tags (repeatable)")

    for name, text, handler in (
        ("remove", "remove a bookmark (undo with restore)", _cmd_remove),
        ("restore", "bring back a removed bookmark", _cmd_restore),
    ):
        parser = action(name, text, handler, corpus=False)
        parser.add_argument("bookmark_id", metavar="ID", help="the id or its first characters (from list)")

    purge = action(
        "purge", "delete removed bookmarks for good (all removed ones, or those given)", _cmd_purge, corpus=False
    )
    purge.add_argument("bookmark_ids", nargs="*", metavar="ID")

    exporting = action("export", "write bookmarks as Markdown, CSV or JSON", _cmd_export)
    exporting.add_argument("--format", required=True, choices=("md", "csv", "json"))
    exporting.add_argument("-o", "--output", type=Path, metavar="FILE", help="write here instead of stdout")
    _add_filters(exporting)

    importing = action("import", "merge bookmarks from a JSON export (no duplicates)", _cmd_import, corpus=False)
    importing.add_argument("file", type=Path, metavar="FILE")


def _add_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--tag", metavar="T")
    parser.add_argument("--doc", metavar="ID")
    parser.add_argument("--search", metavar="Q", help='words in notes, quotes or tags; "quoted phrase"')
    parser.add_argument("--lang", choices=("en", "nb", "nn", "und"))
    parser.add_argument("--status", choices=("ok", "moved", "orphaned"))
    parser.add_argument("--sort", choices=("date", "position"), default="date")
    parser.add_argument("--deleted", action="store_true", help="show removed bookmarks instead")


def _open(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from viewer.core.bookmarks.store import BookmarkStore

    store = BookmarkStore(args.db)
    if store.notice:
        print(f"warning: {store.notice}", file=sys.stderr)
    return store


def _corpus_and_check(args: argparse.Namespace, store: Any) -> Corpus:
    """Load the corpus and re-anchor bookmarks on documents whose text changed."""
    with open_workspace(args) as workspace:
        corpus = workspace.corpus
    from viewer.core.storage.spec import StoreError

    known = {row.doc_id for row in store.list(deleted="include")}
    try:
        for document in corpus.documents:
            if document.id in known:
                store.reanchor(document)
    except StoreError as exc:  # a full disk, say: the bookmarks are listed as they were saved
        print(f"warning: the bookmarks were not re-checked against the corpus: {exc}", file=sys.stderr)
    return corpus


def _lookup(corpus: Any):  # type: ignore[no-untyped-def]
    by_id = {d.id: d for d in corpus.documents}
    return by_id.get


def _filtered(args: argparse.Namespace, store: Any) -> list[Any]:
    found: list[Any] = store.list(
        doc_id=args.doc,
        tag=args.tag,
        lang=args.lang,
        status=args.status,
        query=args.search,
        sort=args.sort,
        deleted="only" if args.deleted else "hide",
    )
    return found


def _cmd_list(args: argparse.Namespace) -> int:
    from viewer.core.bookmarks.model import to_record

    with _open(args) as store:
        if not args.no_check:
            _corpus_and_check(args, store)
        bookmarks = _filtered(args, store)
    out = sys.stdout
    if args.json:
        json.dump([to_record(b) for b in bookmarks], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return 0
    for b in bookmarks:
        a = b.anchor
        where = a.sentence_id or a.passage_id or "-"
        tags = ",".join(b.tags) or "-"
        note = clip(" ".join(b.note.split()), 50) or "-"
        out.write(
            f"{b.id[:8]}\t{b.status.value}\t{b.doc_id}\t{where}\t{a.start}-{a.end}\t{b.lang}\t{tags}\t"
            f"{clip(' '.join(b.quote.split()), 60)}\t{note}\n"
        )
    return 0


def _cmd_add(args: argparse.Namespace) -> int:
    from viewer.core.bookmarks.model import PairRef

    if (args.start is None) != (args.end is None):
        raise UserError("give both --start and --end")
    if args.pair and not args.sentence:
        raise UserError("--pair needs --sentence")
    with open_workspace(args) as workspace:
        document = workspace.document(args.doc_id)
    pair = None
    if args.pair:
        other = _find_sentence(document, args.pair)
        pair = PairRef(document.id, args.pair, other.start, other.end)
    with _open(args) as store:
        bookmark = store.add(
            document,
            passage_id=args.passage,
            start=args.start,
            end=args.end,
            sentence_id=args.sentence or "",
            pair=pair,
            note=args.note,
            tags=args.tag,
        )
    print(bookmark.id)
    return 0


def _find_sentence(document: Any, sentence_id: str) -> Any:
    for passage in document.passages:
        for sentence in passage.sentences:
            if sentence.id == sentence_id:
                return sentence
    raise UserError(f"document {document.id!r} has no sentence {sentence_id!r}")


def _cmd_remove(args: argparse.Namespace) -> int:
    with _open(args) as store:
        bookmark = store.remove(args.bookmark_id)
    print(f"removed {bookmark.id} (undo: bookmarks restore {bookmark.id[:8]})")
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    with _open(args) as store:
        bookmark = store.restore(args.bookmark_id)
    print(f"restored {bookmark.id}")
    return 0


def _cmd_purge(args: argparse.Namespace) -> int:
    with _open(args) as store:
        ids = [store.resolve_id(i) for i in args.bookmark_ids] or None
        count = store.purge(ids)
    print(f"purged {count} removed bookmark(s)")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from viewer.core.bookmarks.export import export

    with _open(args) as store:
        corpus = _corpus_and_check(args, store)
        complete = args.format == "json" and not (args.doc or args.tag or args.search or args.lang or args.status)
        if complete:
            bookmarks = store.list(deleted="include", sort=args.sort)  # a complete backup
        else:
            bookmarks = _filtered(args, store)
    data = export(bookmarks, args.format, _lookup(corpus), searches=saved_searches() if complete else None)
    if args.output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        _write_atomically(args.output, data)
        print(f"wrote {len(bookmarks)} bookmark(s) to {args.output}", file=sys.stderr)
    return 0


def _write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: an existing file is never half-written."""
    try:
        folder = path.resolve().parent
        handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc.strerror or exc}") from None


def _cmd_import(args: argparse.Namespace) -> int:
    from viewer.core.bookmarks.export import parse_json

    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read {args.file}: {exc.strerror or exc}") from None
    bookmarks = parse_json(data, str(args.file))
    with _open(args) as store:
        report = store.merge(bookmarks)
    print(
        f"imported {len(bookmarks)} bookmark(s) from {args.file}: {report.added} added, "
        f"{report.updated} updated, {report.unchanged} unchanged"
    )
    import_searches(data, str(args.file))
    return 0
