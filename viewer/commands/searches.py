"""`python -m viewer searches [list|save|run|rename|remove]`: the saved searches.

`list --json` prints one object per saved search (JSON Lines): {"name", "query", "lang", "doc",
"collection", "mode", "cross", "created", "last_run", "updated"} (the record the bookmark export
carries in its "searches" list). `run NAME` prints what `search` (or `concord`, for a search saved
in that mode) prints, with their --json contracts.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from viewer.commands.common import add_folder_option, clip, open_workspace, progress_printer

if TYPE_CHECKING:
    from viewer.core.saved.model import SavedSearch
    from viewer.core.saved.store import SavedSearchStore


def register(subparsers: Any) -> None:
    group = subparsers.add_parser("searches", help="list, save, run, rename and remove saved searches")
    sub = group.add_subparsers(metavar="ACTION")
    group.set_defaults(handler=_cmd_list, json=False)

    listing = sub.add_parser("list", help="the saved searches, by name")
    listing.add_argument("--json", action="store_true", help="JSON Lines, one object per saved search")
    listing.set_defaults(handler=_cmd_list)

    save = sub.add_parser(
        "save",
        help="save a search under a name (an existing name is replaced)",
        description="The query is read as by `search` (~word for its translations); put -- before a query "
        "that begins with -.",
    )
    save.add_argument("name", metavar="NAME")
    save.add_argument("query", metavar="QUERY", nargs="+")
    save.add_argument("--lang", choices=["en", "nb", "nn", "no"], help="only passages in this language")
    save.add_argument("--doc", metavar="ID", help="only passages of this document")
    save.add_argument("--collection", metavar="ID", help="only documents of this collection")
    save.add_argument("--mode", choices=["passages", "concordance"], default="passages", help="what `run` shows")
    save.add_argument("--cross", action="store_true", help="also passages that translate the query")
    save.set_defaults(handler=_cmd_save)

    run = sub.add_parser("run", help="run a saved search (as search, or as concord in concordance mode)")
    run.add_argument("name", metavar="NAME")
    run.add_argument("--limit", type=int, default=10, metavar="N", help="hits per page, or concordance lines")
    run.add_argument("--page", type=int, default=1, metavar="P")
    run.add_argument("--json", action="store_true", help="the JSON Lines of search or concord")
    add_folder_option(run)
    run.set_defaults(handler=_cmd_run)

    rename = sub.add_parser("rename", help="give a saved search another name")
    rename.add_argument("name", metavar="NAME")
    rename.add_argument("new_name", metavar="NEW")
    rename.set_defaults(handler=_cmd_rename)

    remove = sub.add_parser("remove", help="forget a saved search")
    remove.add_argument("name", metavar="NAME")
    remove.set_defaults(handler=_cmd_remove)


def _store() -> SavedSearchStore:
    from viewer.core.saved.store import SavedSearchStore

    store = SavedSearchStore()
    if store.notice:
        print(f"warning: {store.notice}", file=sys.stderr)
    return store


def _cmd_list(args: argparse.Namespace) -> int:
    with _store() as store:
        searches = store.list()
    for search in searches:
        if args.json:
            sys.stdout.write(json.dumps(search.to_record(), ensure_ascii=False) + "\n")
        else:
            sys.stdout.write(f"{clip(search.name, 30):<30}  {describe(search)}\n")
    if not searches and not args.json:
        print("no saved searches (save one with: searches save NAME QUERY)", file=sys.stderr)
    return 0


def describe(search: SavedSearch) -> str:
    """One line: the query, its filters and mode, and when it was last run."""
    parts = [search.query]
    parts += [f"{label}={value}" for label, value in (("lang", search.lang), ("doc", search.doc)) if value]
    if search.collection:
        parts.append(f"collection={search.collection}")
    if search.cross:
        parts.append("cross-language")
    if search.mode != "passages":
        parts.append(search.mode)
    parts.append(f"last run {search.last_run[:16].replace('T', ' ')}" if search.last_run else "never run")
    return "  ".join(parts)


def _cmd_save(args: argparse.Namespace) -> int:
    with _store() as store:
        existed = store.get(args.name) is not None
        search = store.save(
            args.name,
            " ".join(args.query),
            lang=args.lang,
            doc=args.doc,
            collection=args.collection,
            mode=args.mode,
            cross=args.cross,
        )
    print(f"{'replaced' if existed else 'saved'} {search.name!r}: {describe(search)}")
    return 0


def _cmd_run(args: argparse.Namespace) -> int:
    from viewer.commands.concord import write_concordance
    from viewer.commands.search import write_hits
    from viewer.core.concord.cross import asks_cross
    from viewer.core.concord.model import Concordance
    from viewer.core.saved.running import run

    limit, page = max(1, args.limit), max(1, args.page)
    with open_workspace(args) as workspace:
        workspace.saved_searches.find(args.name)  # an unknown name: one line, before the index is opened
        workspace.open_index(progress_printer(sys.stderr))
        search, result = run(workspace, args.name, page=page, pagelen=limit, width=40, limit=limit)
    if result.message:
        print(f"note: {result.message}", file=sys.stderr)
    if isinstance(result, Concordance):
        write_concordance(result, sys.stdout, args.json, 40, limit)
    else:
        write_hits(result, sys.stdout, args.json, via=search.cross or asks_cross(search.query))
    return 0


def _cmd_rename(args: argparse.Namespace) -> int:
    with _store() as store:
        search = store.rename(args.name, args.new_name)
    print(f"renamed {args.name!r} to {search.name!r}")
    return 0


def _cmd_remove(args: argparse.Namespace) -> int:
    from viewer.core.errors import UserError

    with _store() as store:
        if not store.remove(args.name):
            raise UserError(f"no saved search named {args.name!r}")
    print(f"removed {args.name!r}")
    return 0


def saved_searches() -> list[SavedSearch]:
    """The user's saved searches, for `bookmarks export --format json` (which carries them)."""
    with _store() as store:
        return store.list()


def import_searches(data: bytes, source: str) -> None:
    """Merge the saved searches of a bookmark export (`bookmarks import`); says what it did when it
    held any."""
    from viewer.core.bookmarks.export import parse_searches

    searches = parse_searches(data, source)
    if not searches:
        return
    with _store() as store:
        added, replaced = store.merge(searches)
    unchanged = len(searches) - added - replaced
    print(f"imported {len(searches)} saved search(es): {added} added, {replaced} replaced, {unchanged} unchanged")
