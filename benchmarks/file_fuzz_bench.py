"""Hostile and fuzzed files imported through the Library: the slowest file, crashes, reasons, memory.

Generates a folder of the files issue 12 found (each at its original size): an HTML page with an
unclosed comment (2 MB), a `<p <p ...` page (900 kB), a single 2 MB token, a 1 MB `a.a.a...` text,
a 20 MB TMX of 200,000 units, a DOCX whose document.xml inflates to 256 MB, a TMX nesting <hi>
2,000 deep, pages declaring `charset=undefined` and a false `utf-16`, a file name that is not
UTF-8, and the things a folder walk leaves out (a dot-file, a FIFO, a socket, a link to a device);
plus --random fuzzed files (truncated PDFs and DOCX, random bytes with text extensions, huge lines,
mixed encodings). Imports the folder through `Library` with a fresh registry and cache in a
temporary folder and prints, per file, the time and the outcome (imported / skipped + reason), then
the whole run's time, the peak memory of the parent and of the workers, and the number of crashes
(files reported as a bug or a crashed reader: there should be none).

    .venv/bin/python benchmarks/file_fuzz_bench.py [--random 40] [--seed 7] [--small] [--keep DIR]

--small writes every case at a tenth of its size (a quick look); --keep leaves the folder there.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.import_samples import make_docx, make_pdf  # noqa: E402

PROSE = (
    "Arbeidsrettet oppfølging handler om å hjelpe folk i arbeid. People need help to find work. "
    "Tiltaka skal gje støtte til dei som står utanfor arbeidslivet. "
)


def tmx(units: int, inner: str = "") -> bytes:
    """A TMX of `units` en/nb units (short sentences, the shape of a real memory)."""
    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header srclang="en" datatype="plaintext" '
        'segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/><body>\n'
    )
    body = "".join(
        f'<tu><tuv xml:lang="en"><seg>{inner}Case {i} is open.</seg></tuv>'
        f'<tuv xml:lang="nb"><seg>Sak {i} er åpen.</seg></tuv></tu>\n'
        for i in range(units)
    )
    return (head + body + "</body></tmx>\n").encode("utf-8")


def docx_bomb(inflated: int) -> bytes:
    """A real DOCX whose word/document.xml is grown with numbered paragraphs to `inflated` bytes."""
    source = zipfile.ZipFile(io.BytesIO(make_docx("Bomb", ["One paragraph."])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                cut = data.rindex(b"</w:body>")
                paragraph = b"<w:p><w:r><w:t>Paragraph %d of the bomb.</w:t></w:r></w:p>"
                count = max(1, (inflated - len(data)) // (len(paragraph) + 3))
                data = data[:cut] + b"".join(paragraph % i for i in range(count)) + data[cut:]
            target.writestr(info.filename, data)
    return out.getvalue()


def hostile(scale: float = 1.0) -> dict[str, bytes]:
    """The issue's cases, at their original sizes times `scale`; name -> bytes."""

    def n(size: int) -> int:
        return max(1, int(size * scale))

    return {
        "unclosed-comment.html": b"<html><body><p>Visible text.</p><!-- " + b"x <y " * n(400_000),
        "p-p.html": b"<html><body>" + b"<p " * n(300_000),
        "one-token.txt": b"a" * n(2_000_000),
        "a-dot.txt": b"a." * n(500_000),
        "big.tmx": tmx(n(200_000)),
        "bomb.docx": docx_bomb(n(256 * 2**20)),
        "deep.tmx": tmx(3, inner="<hi>" * 2000 + "x" + "</hi>" * 2000),
        "charset-undefined.html": b'<html><head><meta charset="undefined"></head><body><p>'
        + PROSE.encode()
        + b"</p></body></html>",
        "charset-utf16-lie.html": b'<html><head><meta charset="utf-16"></head><body><p>'
        + PROSE.encode()
        + b"</p></body></html>",
        os.fsdecode(b"caf\xe9.txt"): PROSE.encode("utf-8"),
        ".hidden.txt": PROSE.encode("utf-8"),
    }


def fuzzed(rng: random.Random, count: int) -> dict[str, bytes]:
    """Random damage: truncated PDFs and DOCX, random bytes with text extensions, huge lines, mixed encodings."""
    pdf = make_pdf([[PROSE[:80], PROSE[80:160]]] * 3, title="Fuzz")
    docx = make_docx("Fuzz", [PROSE] * 5)
    makers: list[Callable[[], tuple[str, bytes]]] = [
        lambda: ("pdf", pdf[: rng.randint(0, len(pdf))]),
        lambda: ("docx", docx[: rng.randint(0, len(docx))]),
        lambda: ("pdf", _flip(rng, pdf)),
        lambda: ("docx", _flip(rng, docx)),
        lambda: (rng.choice(["txt", "md", "html", "tmx"]), rng.randbytes(rng.randint(1, 200_000))),
        lambda: (
            "txt",
            (rng.choice(["word ", "x", "a.", "<", "(", "[", "1. "]) * rng.randint(10_000, 300_000)).encode(),
        ),
        lambda: ("md", PROSE.encode("utf-8") * 50 + PROSE.encode("cp1252") * 50 + PROSE.encode("utf-16")),
        lambda: ("html", b"<" + b"<a b='".join(rng.randbytes(8) for _ in range(rng.randint(100, 20_000)))),
        lambda: ("tmx", tmx(rng.randint(1, 2000))[: rng.randint(100, 200_000)]),
    ]
    out = {}
    for i in range(count):
        ext, data = makers[i % len(makers)]()
        out[f"fuzz/{i:03d}.{ext}"] = data
    return out


def _flip(rng: random.Random, data: bytes) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 30)):
        buf[rng.randrange(len(buf))] = rng.randrange(256)
    return bytes(buf)


def write(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    os.mkfifo(folder / "pipe.txt")
    (folder / "null.txt").symlink_to("/dev/null")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "socket.txt"))
    sock.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--random", type=int, default=40, help="fuzzed files (default 40)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--small", action="store_true", help="every case at a tenth of its size")
    parser.add_argument("--keep", type=Path, help="write the folder here and keep it")
    parser.add_argument("--import-folder", type=Path, help=argparse.SUPPRESS)  # the measured run
    args = parser.parse_args()
    if args.import_folder:
        return import_folder(args.import_folder)
    work = Path(tempfile.mkdtemp(prefix="file-fuzz-"))
    folder = args.keep or work / "hostile"
    folder.mkdir(parents=True, exist_ok=True)
    files = {**hostile(0.1 if args.small else 1.0), **fuzzed(random.Random(args.seed), args.random)}
    write(folder, files)
    print(f"{len(files)} files, {sum(len(d) for d in files.values()) / 1e6:.1f} MB in {folder}", flush=True)
    del files
    try:  # a fresh process: this one's peak (making a 256 MB document.xml) must not count
        return subprocess.run([sys.executable, __file__, "--import-folder", str(folder)], check=False).returncode
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def import_folder(folder: Path) -> int:
    from viewer.core.library.library import Library

    work = Path(tempfile.mkdtemp(prefix="file-fuzz-state-"))
    library = Library(work / "reg.sqlite3", work / "cache.sqlite3")
    t0 = time.perf_counter()
    try:
        report = library.add([folder])
    finally:
        library.close()
        shutil.rmtree(work, ignore_errors=True)
    total = time.perf_counter() - t0
    outcomes = {**{p: "imported" for p in report.imported}, **{p: f"skipped: {r}" for p, r in report.skipped}}
    times = report.file_seconds
    print(f"\n{'seconds':>8}  file: outcome")
    for path in sorted(outcomes, key=lambda p: -times.get(p, 0.0)):
        name = path[len(str(folder)) + 1 :] if path.startswith(f"{folder}/") else path
        notes = [w.split(": ", 1)[-1] for w in report.warnings if w.startswith(f"{path}: ")]
        print(
            f"{times.get(path, 0.0):8.2f}  {name}: {outcomes[path][:150]}"
            + "".join(f"\n{'':10}warning: {n}" for n in notes)
        )
    for path, reason in report.left_out:
        print(f"{'':>8}  {Path(path).name}: left out: {reason}")
    crashes = [p for p, r in report.skipped if "a bug" in r or "crashed" in r or "stopped while" in r]
    parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    slowest = max(times.items(), key=lambda kv: kv[1], default=("-", 0.0))
    print(f"\n{report.summary()}")
    print(
        f"whole run {total:.1f} s; slowest file {slowest[1]:.1f} s ({Path(slowest[0]).name}); peak memory: "
        f"parent {parent:.0f} MB, largest reader process {children:.0f} MB; crashes: {len(crashes)}"
    )
    for path in crashes:
        print(f"  crash: {path}: {outcomes[path]}")
    return 1 if crashes else 0


if __name__ == "__main__":
    raise SystemExit(main())
