"""Rebuild en-no.tsv (single-word English -> Norwegian pairs) from FreeDict's eng-nor dictionary.

Run: apt-get download dict-freedict-eng-nor && dpkg-deb -x dict-freedict-eng-nor_*.deb PKG
     python benchmarks/build_lexicon.py PKG/usr/share/dictd > viewer/resources/lexicon/en-no.tsv
Keeps pairs where both sides are one word (letters and inner hyphens); glosses are dropped.
"""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
WORD = re.compile(r"^[^\W\d_]+(?:-[^\W\d_]+)*$")
SENSE = re.compile(r"^\d+\.\s*")


def b64(value: str) -> int:
    n = 0
    for ch in value:
        n = n * 64 + B64.index(ch)
    return n


def entries(folder: Path) -> list[tuple[str, list[str]]]:
    """(headword, translation words) for every entry; the line after the headword and each "N." line."""
    data = gzip.open(folder / "freedict-eng-nor.dict.dz").read()
    out = []
    for line in (folder / "freedict-eng-nor.index").read_text(encoding="utf-8").splitlines():
        head, offset, length = line.split("\t")
        if head.startswith("00database"):
            continue
        body = data[b64(offset) : b64(offset) + b64(length)].decode("utf-8").splitlines()
        words: list[str] = []
        for i, text in enumerate(body[1:]):
            if i == 0 or SENSE.match(text):
                words += [w.strip() for w in SENSE.sub("", text).split(",")]
        out.append((head, words))
    return out


def main(folder: str) -> None:
    pairs = set()
    for head, words in entries(Path(folder)):
        head = head.strip().lower()
        if not WORD.match(head):
            continue
        for word in words:
            word = word.lower()
            if WORD.match(word) and word != head:
                pairs.add((head, word))
    sys.stdout.write("# English<TAB>Norwegian; from FreeDict eng-nor 2022.11.18 (CC BY-SA 3.0), see README.md\n")
    for en, no in sorted(pairs):
        sys.stdout.write(f"{en}\t{no}\n")


if __name__ == "__main__":
    main(sys.argv[1])
