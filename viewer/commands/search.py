"""`python -m viewer index` and `python -m viewer search QUERY`: build the search index and query it.

`search --json` prints JSON Lines, one object per hit (a contract): doc, passage, title, lang, kind,
score, snippet, snippet_marks, matches; with --cross (or a `~word` in the query) also "via": the
translations that found the hit ([] for a direct hit). A query that cannot be searched as written is not an error:
its one-line explanation goes to stderr ("note: ...") and the exit code is 0, with or without hits.
User errors (an unknown --doc) print one line and exit 1.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from viewer.commands.common import add_folder_option, clip, open_workspace, progress_printer

if TYPE_CHECKING:
    from viewer.core.search.results import SearchResults

BOLD, RESET = "\033[1m", "\033[0m"


def register(subparsers: Any) -> None:
    index = subparsers.add_parser("index", help="build or refresh the search index (kept in the user cache)")
    index.add_argument("--rebuild", action="store_true", help="rebuild even if the index is up to date")
    add_folder_option(index)
    index.set_defaults(handler=_cmd_index)

    search = subparsers.add_parser(
        "search",
        help="search the corpus (builds the index first if needed)",
        description='Words must all match; also "phrases", OR, NOT/-word, prefix*, fuzzy~ or fuzzy~2, '
        "lang:en|nb|nn|no and doc:ID. Every argument that is not an option below is part of "
        "the query, so `search work -implementering` excludes a word. ~word also finds the word's "
        "translations in the other language (learned from the library's aligned texts and the bundled "
        "lexicon): those hits come after the direct ones, marked 'via'; --cross does so for every word.",
    )
    search.add_argument("query", metavar="QUERY", nargs="+", help="the query (several arguments are joined)")
    search.add_argument("--lang", choices=["en", "nb", "nn", "no"], help="only passages in this language")
    search.add_argument("--doc", metavar="ID", help="only passages of this document")
    search.add_argument("--limit", type=_positive, default=10, metavar="N", help="hits per page (default 10)")
    search.add_argument("--page", type=_positive, default=1, metavar="P", help="page number (default 1)")
    search.add_argument("--json", action="store_true", help="JSON Lines, one object per hit")
    search.add_argument(
        "--cross", action="store_true", help="also passages that translate the query (as ~ before every word)"
    )
    files = search.add_mutually_exclusive_group()
    files.add_argument("--csv", type=Path, metavar="FILE", help="also write this page's hits to FILE as CSV (UTF-8)")
    files.add_argument("--tsv", type=Path, metavar="FILE", help="also write this page's hits to FILE as TSV")
    add_folder_option(search)
    search.set_defaults(handler=_cmd_search)


def query_words_last(argv: list[str], parser: argparse.ArgumentParser) -> list[str]:
    """`search` arguments with every query word after a `--`, in the order typed.

    `-word` is query syntax (exclude a word), so `search work -implementering` must not be read as
    an unknown option: anything that is not one of search's own options is a query word.
    """
    sub = _subparser(parser, "search")
    if not argv or argv[0] != "search" or sub is None:
        return argv
    takes_value = {opt: action.nargs != 0 for action in sub._actions for opt in action.option_strings}
    options: list[str] = []
    words: list[str] = []
    rest = iter(argv[1:])
    for token in rest:
        name = token.split("=", 1)[0]
        if token == "--":
            words.extend(rest)
        elif (name in takes_value and token.startswith("--")) or token in takes_value:
            options.append(token)
            if takes_value[name] and "=" not in token:
                options.append(next(rest, ""))
        else:
            words.append(token)
    return ["search", *options, "--", *words] if words else ["search", *options]


def _subparser(parser: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser | None:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found: argparse.ArgumentParser | None = action.choices.get(name)
            return found
    return None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _cmd_index(args: argparse.Namespace) -> int:
    t0 = time.perf_counter()
    with open_workspace(args) as workspace:
        loaded = time.perf_counter() - t0
        workspace.open_index(progress_printer(sys.stderr), rebuild=args.rebuild)
        problem = workspace.verify_index()  # every byte, not only the samples checked at open
        if problem:
            print(f"note: the index was damaged ({problem}); rebuilt it", file=sys.stderr)
        ix = workspace.index
        assert ix is not None
        status = ix.status
        for message in status.messages:
            print(f"note: {message}", file=sys.stderr)
        what = {
            "opened": "index is up to date",
            "built": "built the index",
            "rebuilt": "rebuilt the index",
            "in-memory": "built a temporary in-memory index",
        }[status.action]
        where = f" at {status.folder}" if status.folder else ""
        print(
            f"{what}: {status.passages} passages from {len(workspace.corpus.documents)} documents in "
            f"{status.seconds:.2f} s (corpus loaded in {loaded:.2f} s){where}"
        )
    return 0


def _cmd_search(args: argparse.Namespace) -> int:
    from viewer.core.concord.cross import asks_cross

    with open_workspace(args) as workspace:
        if args.doc:
            workspace.document(args.doc)  # raises UnknownDocumentError (a UserError) with the known ids
        ix = workspace.open_index(progress_printer(sys.stderr))
        for message in ix.status.messages:
            print(f"note: {message}", file=sys.stderr)
        query = " ".join(args.query)
        results = workspace.search(
            query, lang=args.lang, doc=args.doc, page=args.page, pagelen=args.limit, cross=args.cross
        )
        target, fmt = (args.csv, "csv") if args.csv else (args.tsv, "tsv")
        if target is not None:  # each hit in context with its aligned sentence, as the app exports them
            from viewer.commands.bookmarks import _write_atomically
            from viewer.core.concord.export import hit_rows, write

            sentences = workspace.concordancer.learned()[0]
            _write_atomically(target, write(hit_rows(results.hits, workspace.corpus, sentences), fmt))
            print(f"wrote {len(results.hits)} hit(s) to {target} ({fmt.upper()})", file=sys.stderr)
    if results.message:
        print(f"note: {results.message}", file=sys.stderr)
    write_hits(results, sys.stdout, args.json, via=args.cross or asks_cross(query))
    return 0


def write_hits(results: SearchResults, out: TextIO, as_json: bool, via: bool = False) -> None:
    """The hits as `search` prints them (JSON Lines with --json); `via`: cross-language search's label."""
    if as_json:
        for hit in results.hits:
            record: dict[str, Any] = {
                "doc": hit.doc_id,
                "passage": hit.passage_id,
                "title": hit.title,
                "lang": hit.lang,
                "kind": hit.kind,
                "score": round(hit.score, 4),
                "snippet": hit.snippet,
                "snippet_marks": hit.snippet_marks,
                "matches": hit.matches,
            }
            if via:
                record["via"] = list(hit.via)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        return
    _print_hits(results, out, bold=out.isatty())


def _print_hits(results: SearchResults, out: TextIO, bold: bool) -> None:
    about = "" if results.total_exact else "about "
    first = (results.page - 1) * max(1, len(results.hits)) + 1
    if not results.hits:
        out.write(f"no hits ({about}{results.total} in all)\n" if results.total else "no hits\n")
        return
    out.write(f"{about}{results.total} hits; showing {len(results.hits)} (page {results.page})\n")
    for rank, hit in enumerate(results.hits, start=first):
        flag = " low-value" if hit.low_value else ""
        out.write(
            f"{rank:>3}. {hit.passage_id}  {hit.lang}  {hit.kind}{flag}  {hit.score:.2f}  {clip(hit.title, 60)}\n"
        )
        out.write(f"     {_mark(hit.snippet, hit.snippet_marks, bold)}\n")
        if hit.via:
            out.write(f"     via translation: {', '.join(hit.via)}\n")


def _mark(snippet: str, marks: list[tuple[int, int]], bold: bool) -> str:
    """The snippet with matches in bold on a terminal, else between ** **."""
    on, off = (BOLD, RESET) if bold else ("**", "**")
    parts, last = [], 0
    for start, end in marks:
        parts += [snippet[last:start], on, snippet[start:end], off]
        last = end
    parts.append(snippet[last:])
    return "".join(parts)
