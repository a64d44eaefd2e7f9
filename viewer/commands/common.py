"""What every command shares: the `--folder` option, opening the workspace, terminal output helpers."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from viewer.core.workspace import Workspace


def add_folder_option(parser: argparse.ArgumentParser) -> None:
    """The shared `--folder PATH` option (repeatable) for commands that load the corpus."""
    parser.add_argument(
        "--folder",
        type=Path,
        action="append",
        default=[],
        metavar="PATH",
        help="also read the files in PATH (a folder or a file; any format `import` takes), "
        "for this command only; repeatable",
    )


def open_workspace(args: argparse.Namespace, *, bookmarks: bool | Path | str = False) -> Workspace:
    """The workspace the app opens too (bundled corpus, collections, `--folder` paths), so both share
    one document cache and one index; skipped files, decode warnings and notices go to stderr."""
    workspace = Workspace.open(getattr(args, "folder", []), bookmarks=bookmarks)
    for message in workspace.messages:
        print(f"warning: {message}", file=sys.stderr)
    for document in workspace.corpus.documents:
        for warning in document.warnings:
            print(f"warning: {warning}", file=sys.stderr)
    return workspace


def clip(text: str, width: int) -> str:
    """`text` cut to `width` characters, with an ellipsis when cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


def progress_printer(stream: TextIO) -> Callable[[int, int, str], None] | None:
    """A progress callback that rewrites one line on a terminal (None when the stream is piped)."""
    if not stream.isatty():
        return None

    def report(done: int, total: int, message: str = "") -> None:
        stream.write(f"\r{message[:70]:<70} {done}/{total}")
        if done >= total:
            stream.write("\n")
        stream.flush()

    return report
