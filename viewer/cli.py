"""The command-line interface over the core: `python -m viewer COMMAND` or `corpus-viewer COMMAND`.

The output formats of `detect` (and later `align`) are contracts scripts depend on: keep them.
User errors print one line on stderr and exit 1; usage errors exit 2 (argparse).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

from viewer import __version__
from viewer.core import logs
from viewer.core.errors import UserError

EXIT_USER_ERROR = 1

# Subcommand groups that live in modules of their own; each module has `register(subparsers)`.
# Keep heavy imports (Whoosh, sqlite setup) inside their handlers so the CLI starts fast.
COMMAND_MODULES: tuple[str, ...] = (
    "viewer.commands.app",
    "viewer.commands.corpus",
    "viewer.commands.bookmarks",
    "viewer.commands.search",
    "viewer.commands.align",
    "viewer.commands.imports",
    "viewer.commands.pairs",
    "viewer.commands.concord",
    "viewer.commands.searches",
)

Handler = Callable[[argparse.Namespace], int]


def main(argv: Sequence[str] | None = None) -> int:
    from viewer.commands.search import query_words_last

    parser = build_parser()
    args = parser.parse_args(query_words_last(list(sys.argv[1:] if argv is None else argv), parser))
    logs.configure()
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        from viewer.commands.app import run_gui

        handler = run_gui
    try:
        return handler(args)
    except UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): not an error worth a traceback.
        sys.stderr.close()
        return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="corpus-viewer",
        description="Search and read a bilingual Norwegian/English corpus. Without a command, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


if __name__ == "__main__":
    raise SystemExit(main())
