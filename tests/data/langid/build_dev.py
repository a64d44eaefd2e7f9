"""Rebuild dev.tsv from unpacked Debian packages and hand-labelled corpus lines (see SOURCES.md).

Run: python tests/data/langid/build_dev.py PKGROOT CORPUSDIR > tests/data/langid/dev.tsv
PKGROOT holds each .deb unpacked with `dpkg-deb -x NAME_*.deb PKGROOT/NAME`.
"""

from __future__ import annotations

import html
import random
import re
import sys
from pathlib import Path

SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«\"“–−])")
WORD = re.compile(r"[^\W\d_]+")
GIMP = "usr/share/gimp/2.0/help/{lang}"
EDU = "usr/share/doc/debian-edu-doc-{code}/debian-edu-bookworm-manual.html"


def paragraphs(path: Path) -> list[str]:
    """Plain-text <p> paragraphs of an HTML file, whitespace collapsed."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    out = []
    for p in re.findall(r"<p[^>]*>(.*?)</p>", raw, re.S):
        text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", p))).strip()
        if text:
            out.append(text)
    return out


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def usable(text: str) -> bool:
    """Prose only: enough words, few symbols, no UI arrows or tabs."""
    ws = words(re.sub(r"\S*://\S*|\S+@\S+", " ", text))
    if len(ws) < 4 or "\t" in text or "→" in text or len(text) > 1200:
        return False
    return sum(len(w) for w in ws) / max(1, len(text)) > 0.6


def translated(text: str, english_vocab: set[str]) -> bool:
    """A translated paragraph shares few words with the English original (untranslated ones stay English)."""
    ws = [w for w in words(text) if len(w) >= 3]
    return bool(ws) and sum(w in english_vocab for w in ws) / len(ws) < 0.3


def split_items(paras: list[str]) -> tuple[list[str], list[str]]:
    """Short items are single sentences; long items are paragraphs of 2-6 sentences."""
    short, long_ = [], []
    for p in paras:
        sents = [s for s in SENT_SPLIT.split(p) if usable(s)]
        if 2 <= len(sents) <= 6 and usable(p):
            long_.append(p)
        short.extend(sents)
    return short, long_


def gimp_items(root: Path, lang: str, en_root: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(source_id, text) pairs from GIMP help pages; non-English paragraphs must be translated."""
    short, long_ = [], []
    for page in sorted((root / GIMP.format(lang=lang)).glob("*.html")):
        paras = paragraphs(page)
        if lang != "en":
            en_page = en_root / GIMP.format(lang="en") / page.name
            if not en_page.exists():
                continue
            vocab = {w for p in paragraphs(en_page) for w in words(p)}
            paras = [p for p in paras if translated(p, vocab)]
        s, lg = split_items(paras)
        sid = f"gimp-help-{lang}:{page.stem}"
        short += [(sid, x) for x in s]
        long_ += [(sid, x) for x in lg]
    return short, long_


def edu_items(root: Path, code: str, en_vocab: set[str] | None) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(source_id, text) pairs from the Debian Edu bookworm manual, chunked into 40-paragraph sections."""
    paras = paragraphs(root / EDU.format(code=code))
    short, long_ = [], []
    for i, p in enumerate(paras):
        if en_vocab is not None and not translated(p, en_vocab):
            continue
        s, lg = split_items([p])
        sid = f"debian-edu-{code}:s{i // 40:02d}"
        short += [(sid, x) for x in s]
        long_ += [(sid, x) for x in lg]
    return short, long_


# Hand-labelled corpus lines: (file prefix, line number, label). Lines not listed are skipped
# (mixed, captions, headings, metadata). 000 line 14 is split at the first Bokmål sentence.
CORPUS_LINES = [
    ("002", 7, "nb"),
    ("002", 11, "nb"),
    ("002", 13, "en"),
    ("002", 15, "en"),
    ("003", 9, "en"),
    ("003", 11, "en"),
    ("004", 5, "nn"),
    ("004", 7, "nn"),
    ("004", 11, "nn"),
    ("004", 15, "nn"),
    ("004", 16, "nn"),
    ("004", 18, "nn"),
    ("004", 20, "nn"),
    ("004", 24, "nn"),
    ("004", 26, "nn"),
    ("004", 28, "nb"),
    ("004", 30, "nb"),
    ("004", 32, "nb"),
    ("004", 36, "nn"),
    ("004", 38, "nn"),
    ("004", 40, "nn"),
    ("004", 44, "nn"),
    ("004", 46, "nb"),
    ("004", 48, "nn"),
    ("004", 50, "nn"),
    ("004", 52, "nn"),
    ("004", 54, "nn"),
    ("004", 56, "nn"),
    ("004", 58, "nb"),
    ("004", 60, "nn"),
    ("004", 62, "nb"),
    ("004", 66, "nn"),
    ("004", 68, "nn"),
    ("004", 70, "nn"),
    ("004", 74, "nn"),
    ("004", 75, "nn"),
    ("004", 76, "nn"),
]
ABSTRACT_NB_START = "Basert på intervjuer og feltarbeid"


def corpus_items(corpus: Path) -> list[tuple[str, str, str, str]]:
    """(label, length_class, source_id, text) for hand-labelled corpus passages."""
    files = {p.name[:3]: p for p in corpus.glob("*.txt")}
    out = []
    for prefix, lineno, label in CORPUS_LINES:
        line = files[prefix].read_text(encoding="utf-8").splitlines()[lineno - 1].strip()
        line = re.sub(r"^[•\d.]+\s*", "", line)
        sents = SENT_SPLIT.split(line)
        out.append((label, "long" if len(sents) >= 2 else "short", f"corpus-{prefix}:L{lineno}", line))
    abstract = files["000"].read_text(encoding="utf-8").splitlines()[13].removeprefix("dc.description.abstract")
    cut = abstract.find(ABSTRACT_NB_START)
    if cut > 0:
        for label, part in (("en", abstract[:cut]), ("nb", abstract[cut:])):
            sents = SENT_SPLIT.split(part.strip())
            for j in range(0, len(sents), 4):
                chunk = sents[j : j + 4]
                out.append((label, "long", f"corpus-000:abstract-{label}", " ".join(chunk)))
                out.append((label, "short", f"corpus-000:abstract-{label}", chunk[0]))
    return out


APERTIUM = Path(__file__).resolve().parent / "apertium"


def apertium_items() -> list[tuple[str, str, str, str]]:
    """News-style sentences from apertium-nno-nob's regression tests (nb input, nn gold), see SOURCES.md.

    Every usable line is kept; `*` (Apertium's unknown-word mark) is removed; ten lines share a source_id.
    """
    out = []
    for name, label in (("ymse-nob.txt", "nb"), ("ymse-nno.txt", "nn")):
        lines = (APERTIUM / name).read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            text = re.sub(r"\*(?=\w)", "", line).strip()
            if not usable(text):
                continue
            cls = "long" if len(SENT_SPLIT.split(text)) >= 2 else "short"
            out.append((label, cls, f"apertium-{name.removesuffix('.txt')}:b{i // 10:02d}", text))
    return out


def main() -> None:
    pkg, corpus = Path(sys.argv[1]), Path(sys.argv[2])
    rng = random.Random(20240611)
    en_edu_vocab = {w for p in paragraphs(pkg / "debian-edu-doc-en" / EDU.format(code="en")) for w in words(p)}
    pools = {
        "en": [
            gimp_items(pkg / "gimp-help-en", "en", pkg / "gimp-help-en"),
            edu_items(pkg / "debian-edu-doc-en", "en", None),
        ],
        "nb": [edu_items(pkg / "debian-edu-doc-nb-no", "nb-no", en_edu_vocab)],
        "nn": [gimp_items(pkg / "gimp-help-nn", "nn", pkg / "gimp-help-en")],
    }
    rows = corpus_items(corpus)
    per_class = 75  # items per label and length class taken from the package sources
    for label, sources in pools.items():
        for cls_index, cls in enumerate(("short", "long")):
            quota = per_class * 2 if len(sources) == 1 else per_class
            for src in sources:
                items = sorted(set(src[cls_index]))
                rng.shuffle(items)
                rows += [(label, cls, sid, text) for sid, text in items[:quota]]
    rows += apertium_items()
    seen: set[str] = set()
    print("label\tlength_class\tsource_id\ttext")
    for label, cls, sid, text in rows:
        if text in seen:
            continue
        seen.add(text)
        print(f"{label}\t{cls}\t{sid}\t{text}")


if __name__ == "__main__":
    main()
