"""`detect`, `corpus` and `show`: language labels for lines of text, and the loaded documents."""

from __future__ import annotations

import argparse
import sys
from typing import Any, TextIO

from viewer.commands.common import add_folder_option, clip, open_workspace
from viewer.core.corpus.model import Document


def register(subparsers: Any) -> None:
    detect = subparsers.add_parser("detect", help="label each line of stdin en, nb, nn or und")
    detect.set_defaults(handler=_cmd_detect)

    corpus = subparsers.add_parser("corpus", help="list the documents with passage counts and languages")
    add_folder_option(corpus)
    corpus.set_defaults(handler=_cmd_corpus)

    show = subparsers.add_parser("show", help="print a document's passages (or sentences)")
    show.add_argument("doc_id", metavar="DOC_ID")
    show.add_argument("--sentences", action="store_true", help="one line per sentence")
    add_folder_option(show)
    show.set_defaults(handler=_cmd_show)


def _cmd_detect(args: argparse.Namespace) -> int:
    """One `LABEL<TAB>CONFIDENCE` line per input line, written as each line arrives."""
    from viewer.core.corpus.textio import decode_bytes, stream_lines
    from viewer.core.errors import CorpusError
    from viewer.core.language.identify import get_identifier
    from viewer.core.language.labels import UNDETERMINED

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
    with open_workspace(args) as workspace:
        corpus = workspace.corpus
    out = sys.stdout
    out.write(f"{'id':<12} {'kind':<18} {'passages':>8} {'sentences':>9}  languages (share of text)  title\n")
    for d in corpus.documents:
        mix = d.language_mix()
        total = sum(mix.values()) or 1
        langs = " ".join(f"{k}:{v / total:.0%}" for k, v in mix.most_common())
        sentences = sum(len(p.sentences) for p in d.passages)
        out.write(
            f"{d.id:<12} {d.meta.kind:<18} {len(d.passages):>8} {sentences:>9}  {langs:<26} {clip(d.title, 60)}\n"
        )
    return 0


def _cmd_show(args: argparse.Namespace) -> int:
    with open_workspace(args) as workspace:
        document = workspace.document(args.doc_id)
    _print_document(document, args.sentences, sys.stdout)
    return 0


def _print_document(document: Document, sentences: bool, out: TextIO) -> None:
    meta = document.meta
    out.write(f"# {meta.title}\n")
    out.write(
        f"# {document.id} | {meta.kind} | {', '.join(meta.authors) or 'author unknown'} | "
        f"{meta.year or 'n.d.'} | {meta.provenance} | {meta.licence}\n"
    )
    for p in document.passages:
        flags = " low-value" if p.low_value else ""
        group = f" [{p.group}]" if p.group else ""
        if not sentences:
            out.write(
                f"{p.id}\t{p.start}-{p.end}\t{p.lang.value} {p.confidence:.2f}\t"
                f"{p.kind.value}{group}{flags}\t{_one_line(p.text)}\n"
            )
            continue
        for s in p.sentences:
            out.write(
                f"{s.id}\t{s.start}-{s.end}\t{s.lang.value} {s.confidence:.2f}\t"
                f"{p.kind.value}{group}{flags}\t{_one_line(p.sentence_text(s))}\n"
            )


def _one_line(text: str) -> str:
    return " ".join(text.split())
