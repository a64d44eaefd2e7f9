"""Rebuild dev.jsonl: bilingual fields with gold split and beads, from parallel Debian manuals.

Run: python tests/data/align/build_dev.py PKGROOT > tests/data/align/dev.jsonl
PKGROOT holds each .deb unpacked with `dpkg-deb -x NAME_*.deb PKGROOT/NAME` (see SOURCES.md).
A unit is one translated paragraph pair of whole sentences; its sentence counts (1-1, 1-2, 2-1) make it one gold bead.
"""

from __future__ import annotations

import html
import json
import random
import re
import sys
from pathlib import Path

SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZÆØÅ«\"“–−])")
WORD = re.compile(r"[^\W\d_]+")
GIMP = "gimp-help-{lang}/usr/share/gimp/2.0/help/{lang}"
EDU = "debian-edu-doc-{code}/usr/share/doc/debian-edu-doc-{code}/debian-edu-bookworm-manual.html"
SEED = 20240917
# Whole sentences only: list fragments ("by clicking on ...", "Section 7.44") are not field text.
FULL = re.compile(r"^[\"“«(]?[A-ZÆØÅ0-9].*[.!?…][\"”»)]?$", re.S)
Unit = tuple[str, str]  # (English paragraph, Norwegian paragraph)


def clean(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", fragment))).strip()


def sections(path: Path) -> list[list[str]]:
    """Paragraph texts of an HTML file, grouped by the headings that separate them."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    return [
        [t for t in (clean(p) for p in re.findall(r"<p[^>]*>(.*?)</p>", part, re.S)) if t]
        for part in re.split(r"<h[1-6][^>]*>", raw)
    ]


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def usable(text: str) -> bool:
    """Prose: 20-500 characters, mostly letters, no menu arrows, tabs or URLs."""
    if not 20 <= len(text) <= 500 or "→" in text or "\t" in text or "://" in text:
        return False
    return sum(len(w) for w in words(text)) / len(text) > 0.6


def translated(text: str, english_vocab: set[str]) -> bool:
    """Untranslated paragraphs stay English: keep those sharing < 30% of words with the original."""
    ws = [w for w in words(text) if len(w) >= 3]
    return bool(ws) and sum(w in english_vocab for w in ws) / len(ws) < 0.3


def unit_ok(en: str, no: str, vocab: set[str]) -> bool:
    """A one-bead unit: sentence counts 1-1, 1-2 or 2-1, both prose, the Norwegian translated.

    The length-ratio guard (0.5-2.0) only drops paragraphs whose translation was visibly
    reworked (older translations of updated English text); it is far looser than any aligner.
    """
    counts = (len(SENT_SPLIT.split(en)), len(SENT_SPLIT.split(no)))
    sentence_like = all(FULL.match(p) for p in (en, no))
    return (
        sentence_like
        and counts in ((1, 1), (1, 2), (2, 1))
        and usable(en)
        and usable(no)
        and translated(no, vocab)
        and 0.5 <= len(no) / len(en) <= 2.0
    )


def runs(pairs: list[tuple[list[str], list[str]]]) -> list[list[Unit]]:
    """The good units of each section whose paragraph counts match, in order (skipped ones on both sides)."""
    out: list[list[Unit]] = []
    for en_paras, no_paras in pairs:
        if len(en_paras) != len(no_paras):
            continue
        vocab = {w for p in en_paras for w in words(p)}
        run: list[Unit] = []
        for en, no in zip(en_paras, no_paras, strict=True):
            if unit_ok(en, no, vocab):
                run.append((en, no))
        if run:
            out.append(run)
    return out


def sources(root: Path) -> dict[str, tuple[str, list[list[Unit]]]]:
    """source name -> (Norwegian variant, runs of units)."""
    gimp_pairs = []
    for page in sorted((root / GIMP.format(lang="nn")).glob("*.html")):
        en_page = root / GIMP.format(lang="en") / page.name
        if en_page.exists():
            gimp_pairs.append(([p for s in sections(en_page) for p in s], [p for s in sections(page) for p in s]))
    edu_pairs = list(
        zip(sections(root / EDU.format(code="en")), sections(root / EDU.format(code="nb-no")), strict=False)
    )
    return {"gimp-help-nn": ("nn", runs(gimp_pairs)), "debian-edu-nb": ("nb", runs(edu_pairs))}


def field(rng: random.Random, units: list[Unit], english_first: bool, drop: int | None) -> dict:
    """Concatenate units into "part A + part B" with gold split and beads (span offsets)."""
    text = ""
    split: int | None = None
    first, second = ([u[0] for u in units], [u[1] for u in units])
    if not english_first:
        first, second = second, first
    spans: list[list[list[int] | None]] = [[], []]
    for side, paras in enumerate((first, second)):
        if side == 1:
            text += rng.choice([" ", " ", " ", "\n", ""])
            split = None
        for j, para in enumerate(paras):
            if j == drop and side == 1:
                spans[side].append(None)
                continue
            if j and not text.endswith(" "):
                text += " "
            if side == 1 and split is None:
                split = len(text)  # the second part begins at its first paragraph kept
            spans[side].append([len(text), len(text) + len(para)])
            text += para
    beads = [[a, b] for a, b in zip(spans[0], spans[1], strict=True)]
    return {"text": text, "split": split, "beads": beads}


def opener(unit: Unit) -> bool:
    """Both paragraphs open with the same capitalised word (a name, an acronym, a product)."""
    first = re.match(r"[^\W\d_][\w-]*", unit[0])
    return bool(first) and first.group(0)[0].isupper() and unit[1].startswith(first.group(0) + " ")


def windows(rng: random.Random, run: list[Unit], per_run: int) -> list[list[Unit]]:
    """Up to per_run non-overlapping windows of 2-8 units; one starting at a shared-name opener."""
    out = []
    starts = [i for i, u in enumerate(run[:-1]) if opener(u)]
    pos = 0
    while len(out) < per_run and len(run) - pos >= 2:
        if starts and starts[0] >= pos:
            pos = starts.pop(0)
        k = rng.randint(2, min(8, len(run) - pos))
        out.append(run[pos : pos + k])
        pos += k
    return out


def main(root: str) -> None:
    rng = random.Random(SEED)
    n = 0
    for name, (variant, unit_runs) in sources(Path(root)).items():
        long_runs = [r for r in unit_runs if len(r) >= 2]
        rng.shuffle(long_runs)
        per_run = 1 if name.startswith("gimp") else 6
        fields = [w for run in long_runs for w in windows(rng, run, per_run)]
        for units in fields[:150]:
            english_first = rng.random() < 0.8
            drop = rng.randrange(len(units)) if rng.random() < 0.15 else None
            tags = (["name-opens-both"] if opener(units[0]) else []) + (["omission"] if drop is not None else [])
            rec = {
                "id": f"{name}:{n:03d}",
                "source": name,
                "languages": ["en", variant] if english_first else [variant, "en"],
                "tags": tags,
                **field(rng, units, english_first, drop),
            }
            print(json.dumps(rec, ensure_ascii=False))
            n += 1
        # Monolingual negatives: one side only of further windows.
        for units in fields[150:180]:
            side = rng.randrange(2)
            text = " ".join(u[side] for u in units)
            print(
                json.dumps(
                    {
                        "id": f"{name}:{n:03d}",
                        "source": name,
                        "languages": ["en" if side == 0 else variant],
                        "tags": ["monolingual"],
                        "text": text,
                        "split": None,
                        "beads": [],
                    },
                    ensure_ascii=False,
                )
            )
            n += 1


if __name__ == "__main__":
    main(sys.argv[1])
