"""The command-line interface over the core: `python -m viewer COMMAND` or `corpus-viewer COMMAND`.

The output formats of `detect` (and later `align`) are contracts scripts depend on: keep them.
User errors print one line on stderr and exit 1; usage errors exit 2 (argparse).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from viewer import __version__
from viewer.core.errors import UserError

EXIT_USER_ERROR = 1

# Subcommand groups that live in modules of their own; each module has `register(subparsers)`.
# Keep heavy imports (Whoosh, sqlite setup) inside their handlers so the CLI starts fast.
COMMAND_MODULES: tuple[str, ...] = ("viewer.commands.bookmarks", "viewer.commands.search", "viewer.commands.align",
                                     "viewer.commands.imports")

Handler = Callable[[argparse.Namespace], int]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = getattr(args, "handler", _cmd_gui)
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
        description="Search and read a bilingual Norwegian/English corpus. "
        "Without a command, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(metavar="COMMAND")

    gui = sub.add_parser("gui", help="open the desktop app (the default)")
    add_folder_option(gui)
    gui.set_defaults(handler=_cmd_gui)

    screenshot = sub.add_parser("screenshot", help="render the app's main states to PNG files, offscreen")
    screenshot.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    screenshot.set_defaults(handler=_cmd_screenshot)

    detect = sub.add_parser("detect", help="label each line of stdin en, nb, nn or und")
    detect.set_defaults(handler=_cmd_detect)

    corpus = sub.add_parser("corpus", help="list the documents with passage counts and languages")
    add_folder_option(corpus)
    corpus.set_defaults(handler=_cmd_corpus)

    show = sub.add_parser("show", help="print a document's passages (or sentences)")
    show.add_argument("doc_id", metavar="DOC_ID")
    show.add_argument("--sentences", action="store_true", help="one line per sentence")
    add_folder_option(show)
    show.set_defaults(handler=_cmd_show)

    for name in COMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def add_folder_option(parser: argparse.ArgumentParser) -> None:
    """The shared `--folder PATH` option (repeatable) for commands that load the corpus."""
    parser.add_argument("--folder", type=Path, action="append", default=[], metavar="PATH",
                        help="also load the .txt/.md files in PATH (a folder or a file); repeatable")


def load_corpus_from_args(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The bundled corpus, the imported collections and `--folder` paths (the same corpus the app
    opens, so both share one index); skipped files and decode warnings go to stderr."""
    from viewer.core.library.library import Library

    library = Library()
    try:
        corpus = library.corpus(extra=args.folder)
    finally:
        library.close()
    for _path, reason in corpus.skipped:
        print(f"warning: skipped {reason}", file=sys.stderr)
    for document in corpus.documents:
        for warning in document.warnings:
            print(f"warning: {warning}", file=sys.stderr)
    return corpus


def _cmd_gui(args: argparse.Namespace) -> int:
    from viewer.ui.app import run  # lazy: the CLI never needs Qt otherwise

    return run(extra_folders=getattr(args, "folder", []))


def _cmd_screenshot(args: argparse.Namespace) -> int:
    from viewer.ui.screenshots import render_screenshots

    for path in render_screenshots(args.out_dir):
        print(path)
    return 0


def _cmd_detect(args: argparse.Namespace) -> int:
    """One `LABEL<TAB>CONFIDENCE` line per input line, written as each line arrives."""
    from viewer.core.errors import CorpusError
    from viewer.core.language.labels import UNDETERMINED
    from viewer.core.language.identify import get_identifier
    from viewer.core.corpus.textio import decode_bytes, stream_lines

    identifier = get_identifier()
    out = sys.stdout
    for number, raw in enumerate(stream_lines(sys.stdin.buffer), start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            try:
                line, _warnings = decode_bytes(raw, f"stdin line {number}")
                print(f"warning: stdin line {number} is not UTF-8; decoded as Windows-1252", file=sys.stderr)
            except CorpusError:
                line = ""
                print(f"warning: stdin line {number} is binary, not text; labelled und", file=sys.stderr)
        if "\x00" in line:
            print(f"warning: stdin line {number} holds NUL bytes (binary, not text); labelled und", file=sys.stderr)
            line = ""
        guess = identifier.identify(line) if line else UNDETERMINED
        out.write(f"{guess.lang.value}\t{guess.confidence:.3f}\n")
        out.flush()  # a script may feed one line and wait for its answer
    return 0


def _cmd_corpus(args: argparse.Namespace) -> int:
    corpus = load_corpus_from_args(args)
    out = sys.stdout
    out.write(f"{'id':<12} {'kind':<18} {'passages':>8} {'sentences':>9}  languages (share of text)  title\n")
    for d in corpus.documents:
        mix = d.language_mix()
        total = sum(mix.values()) or 1
        langs = " ".join(f"{k}:{v / total:.0%}" for k, v in mix.most_common())
        sentences = sum(len(p.sentences) for p in d.passages)
        out.write(f"{d.id:<12} {d.meta.kind:<18} {len(d.passages):>8} {sentences:>9}  "
                  f"{langs:<26} {clip(d.title, 60)}\n")
    return 0


def _cmd_show(args: argparse.Namespace) -> int:
    corpus = load_corpus_from_args(args)
    document = corpus.get(args.doc_id)
    _print_document(document, args.sentences, sys.stdout)
    return 0


def _print_document(document, sentences: bool, out: TextIO) -> None:  # type: ignore[no-untyped-def]
    meta = document.meta
    out.write(f"# {meta.title}\n")
    out.write(f"# {document.id} | {meta.kind} | {', '.join(meta.authors) or 'author unknown'} | "
              f"{meta.year or 'n.d.'} | {meta.provenance} | {meta.licence}\n")
    for p in document.passages:
        flags = " low-value" if p.low_value else ""
        group = f" [{p.group}]" if p.group else ""
        if not sentences:
            out.write(f"{p.id}\t{p.start}-{p.end}\t{p.lang.value} {p.confidence:.2f}\t"
                      f"{p.kind.value}{group}{flags}\t{_one_line(p.text)}\n")
            continue
        for s in p.sentences:
            out.write(f"{s.id}\t{s.start}-{s.end}\t{s.lang.value} {s.confidence:.2f}\t"
                      f"{p.kind.value}{group}{flags}\t{_one_line(p.sentence_text(s))}\n")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def clip(text: str, width: int) -> str:
    """`text` cut to `width` characters, with an ellipsis when cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


def progress_printer(stream: TextIO):  # type: ignore[no-untyped-def]
    """A progress callback that rewrites one line on a terminal (None when the stream is piped)."""
    if not stream.isatty():
        return None

    def report(done: int, total: int, message: str = "") -> None:
        stream.write(f"\r{message[:70]:<70} {done}/{total}")
        if done >= total:
            stream.write("\n")
        stream.flush()

    return report


if __name__ == "__main__":
    raise SystemExit(main())
