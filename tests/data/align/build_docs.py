"""Rebuild docs.jsonl.gz: document pairs (whole pages, chapters, man pages) with gold beads.

Run: python tests/data/align/build_docs.py PKGROOT | gzip -n -9 > tests/data/align/docs.jsonl.gz
PKGROOT holds each .deb unpacked with `dpkg-deb -x NAME_*.deb PKGROOT/NAME` (SOURCES.md lists them).

A document is a list of *blocks* (headings, paragraphs, list items) in each language. Blocks are
paired by structure only, never by what the aligner does: language-independent *keys* (section
numbers of headings, option tags of man-page items, heading order when both pages have the same
headings) cut both pages into groups; a group with the same number of blocks on both sides pairs
them in order (the manuals are translated paragraph by paragraph); a group with blocks on one side
only is an omission or addition (each of its sentences a gold 1-0 / 0-1 bead); any other group is
*unscored*: its sentences must stay inside it, but its inner beads are unknown. A paired block is
one gold bead when its sentence counts (a regex split independent of the project's segmenter) are
1-1, 1-2 or 2-1, else an unscored group too. A Norwegian block left untranslated (the same text, or
most of its words in the English page) is dropped from both sides before the text is made.
"""

from __future__ import annotations

import difflib
import gzip
import json
import random
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from viewer.core.corpus.segment import split_sentences

SEED = 20250211
GIMP = "gimp-help-{lang}/usr/share/gimp/2.0/help/{lang}"
EDU = "debian-edu-doc-{code}/usr/share/doc/debian-edu-doc-{code}/debian-edu-bookworm-manual.html"
MAN_NB = "manpages-nb/usr/share/man/nb/man1"
MAN_EN = ("coreutils/usr/share/man/man1", "diffutils/usr/share/man/man1")
SENT_SPLIT = re.compile(r"(?<=[.!?:])\s+(?=[A-ZÆØÅ«\"“(])|\n")
SECTION_NO = re.compile(r"^(\d+(?:\.\d+)*\.?)\s")
WORD = re.compile(r"[^\W\d_]+")
Block = tuple[str, str, str | None]  # (kind: heading | para | item, text, key)


class _Blocks(HTMLParser):
    """Headings, paragraphs and list items of a DocBook HTML page, skipping navigation, tables and code."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str, int]] = []  # kind, text, list number (0: not in a list)
        self.skip = 0
        self.stack: list[str] = []
        self.text: list[str] | None = None
        self.kind = ""
        self.lists = 0
        self.list_no = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        cls = dict(attrs).get("class") or ""
        if self.skip or tag in ("table", "pre", "script", "style") or cls in ("navheader", "navfooter", "toc"):
            self.skip += 1 if tag not in ("br", "img", "hr") else 0
            self.stack.append(tag)
            return
        self.stack.append(tag)
        if tag in ("ul", "ol"):
            self.lists += 1
            self.list_no += 1
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6", "p", "dt") and self.text is None:
            self.text = []
            self.kind = "heading" if tag.startswith("h") else ("item" if self.lists or tag == "dt" else "para")

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            top = self.stack.pop()
            if self.skip:
                self.skip -= 1 if top not in ("br", "img", "hr") else 0
                if top == tag:
                    return
                continue
            if top in ("ul", "ol"):
                self.lists -= 1
            if top in ("h1", "h2", "h3", "h4", "h5", "h6", "p", "dt") and self.text is not None:
                text = re.sub(r"\s+", " ", "".join(self.text)).strip()
                if text:
                    self.blocks.append((self.kind, text, self.list_no if self.kind == "item" else 0))
                self.text = None
            if top == tag:
                return

    def handle_data(self, data: str) -> None:
        if self.text is not None and not self.skip:
            self.text.append(data)


def html_blocks(raw: str) -> list[tuple[str, str, int]]:
    parser = _Blocks()
    parser.feed(re.sub(r"<(br|img|hr|meta|link)\b[^>]*?/?>", " ", raw))
    return parser.blocks


def keyed(blocks: list[tuple[str, str, int]]) -> list[tuple[str, str, str | None, int]]:
    """Headings keyed by their section number ("3.1.4.")."""
    out = []
    for kind, text, list_no in blocks:
        m = SECTION_NO.match(text) if kind == "heading" else None
        out.append((kind, text, "§" + m.group(1).rstrip(".") if m else None, list_no))
    return out


_ROFF_NAMED = {
    "aq": "'",
    "cq": "'",
    "oq": "'",
    "lq": "“",
    "rq": "”",
    "dq": '"',
    "em": "—",
    "en": "–",
    "bu": "•",
    "co": "©",
    "mi": "-",
    "hy": "-",
    "ti": "~",
    "ha": "^",
    "lh": "",
    "rh": "",
}


def roff_text(line: str) -> str:
    line = re.sub(r"\\f(\(..|\[[^]]*\]|.)", "", line)
    line = re.sub(r"\\\((..)", lambda m: _ROFF_NAMED.get(m.group(1), ""), line)
    line = re.sub(r"\\\[(\w+)\]", lambda m: _ROFF_NAMED.get(m.group(1), ""), line)
    for old, new in (
        ("\\-", "-"),
        ("\\e", "\\"),
        ("\\&", ""),
        ("\\,", ""),
        ("\\/", ""),
        ("\\ ", " "),
        ("\\%", ""),
        ("\\:", ""),
        ("\\|", ""),
        ("\\^", ""),
    ):
        line = line.replace(old, new)
    return line


def man_blocks(raw: str) -> list[tuple[str, str, str | None, int]]:
    """Headings (.SH/.SS), paragraphs and .TP/.IP items of a help2man page; items keyed by option tag."""
    blocks: list[tuple[str, str, str | None, int]] = []
    state: dict = {"kind": "", "tag": None, "body": [], "want_tag": False}

    def flush() -> None:
        body = re.sub(r"\s+", " ", " ".join(state["body"])).strip()
        tag = state["tag"]
        if tag and body:
            blocks.append(("item", f"{tag}\n    {body}", "opt:" + tag if tag.startswith("-") else None, 0))
        elif tag or body:
            blocks.append((state["kind"] or "para", tag or body, None, 0))
        state.update(tag=None, body=[], want_tag=False)

    for line in raw.splitlines():
        if line.startswith(('.\\"', "'\\\"", ".TH")):
            continue
        request = re.match(r"\.(\w+)\s*(.*)", line)
        if request:
            name, args = request.groups()
            if name in ("SH", "SS"):
                flush()
                blocks.append(("heading", roff_text(args).strip().strip('"'), None, 0))
                state["kind"] = "para"
            elif name in ("PP", "P", "LP", "sp"):
                flush()
                state["kind"] = "para"
            elif name in ("TP", "IP"):
                flush()
                state["kind"] = "item"
                state["want_tag"] = name == "TP"
                if name == "IP" and args.strip().strip('"'):
                    state["tag"] = roff_text(args.strip().strip('"').split('" ')[0])
            elif name in ("B", "I", "BR", "IR", "BI", "RB", "RI"):
                state["body"].append(roff_text(args.replace('"', "")))
            continue
        text = roff_text(line).strip()
        if state["want_tag"]:
            state["tag"] = text
            state["want_tag"] = False
        elif text:
            state["body"].append(text)
    flush()
    return blocks


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def untranslated(en: str, no: str, english_vocab: set[str]) -> bool:
    """The Norwegian block is the English one, or mostly English words (left untranslated)."""
    if en == no:
        return True
    ws = [w for w in words(no) if len(w) >= 3]
    return len(ws) >= 3 and sum(w in english_vocab for w in ws) / len(ws) >= 0.5


def sentence_count(text: str) -> int:
    """Independent of the project's segmenter: a regex split (section numbers are not sentences)."""
    return len([p for p in SENT_SPLIT.split(SECTION_NO.sub("", text)) if p.strip()])


def groups(en: list, no: list) -> list[tuple[list, list]]:
    """Cut both block lists at keys found once on each side, matched in order (difflib on the keys)."""

    def unique(blocks: list) -> list[str | None]:
        keys = [b[2] for b in blocks]
        return [k if k is not None and keys.count(k) == 1 else None for k in keys]

    ka, kb = unique(en), unique(no)
    ia = [i for i, k in enumerate(ka) if k]
    ib = [j for j, k in enumerate(kb) if k]
    sm = difflib.SequenceMatcher(a=[ka[i] for i in ia], b=[kb[j] for j in ib], autojunk=False)
    cuts = [(ia[m.a + t], ib[m.b + t]) for m in sm.get_matching_blocks() for t in range(m.size)]
    out, pa, pb = [], 0, 0
    for ca, cb in [*cuts, (len(en), len(no))]:
        if ca < pa or cb < pb:
            continue
        if ca > pa or cb > pb:
            out.append((en[pa:ca], no[pb:cb]))
        pa, pb = ca, cb
    return out


def render(blocks: list, flat: bool = False) -> tuple[str, list[tuple[int, int]]]:
    """Blocks as text: blank lines between blocks, list items of one list on lines of their own ("• ")."""
    text, spans = "", []
    for k, (kind, body, _, list_no) in enumerate(blocks):
        same_list = kind == "item" and list_no and k and blocks[k - 1][3] == list_no
        if k:
            text += "\n" if same_list or flat else "\n\n"
        start = len(text)
        if kind == "item" and list_no:
            text += "• "
        text += body
        spans.append((start, len(text)))
    return text, spans


def _numbered_heading(src: str, a: tuple[int, int], tgt: str, b: tuple[int, int]) -> list | None:
    """A heading pair "2.6. Open Location" / "2.6. Opna ..." that the segmenter cuts after the same
    section number on both sides: two gold beads (number-number, title-title), else None."""
    pa, pb = split_sentences(src, *a), split_sentences(tgt, *b)
    if len(pa) != 2 or len(pb) != 2:
        return None
    na, nb = src[pa[0][0] : pa[0][1]], tgt[pb[0][0] : pb[0][1]]
    if na != nb or not re.fullmatch(r"\d+(?:\.\d+)*\.?", na):
        return None
    return [[list(pa[0]), list(pb[0])], [list(pa[1]), list(pb[1])]]


def document(
    doc_id: str,
    source: str,
    variant: str,
    en: list,
    no: list,
    tags: list[str],
    drop: frozenset[int] = frozenset(),
    insert: dict[int, tuple] | None = None,
    flat: bool = False,
    tail: tuple = (),
) -> dict | None:
    """A document pair with gold beads and unscored groups, or None when too little of it is paired.

    Synthetic edits (tagged so): `drop` deletes the Norwegian blocks of these paired indices (their
    English blocks become 1-0 beads), `insert` adds a foreign block after a paired Norwegian block
    (0-1 beads), `flat` joins the Norwegian blocks with single line breaks (no blank lines).
    `tail`: Norwegian blocks the translators added at the end (man pages' translation credits).
    """
    insert = insert or {}
    seen = 0
    vocab = {w for b in en for w in words(b[1])}
    cut = groups(en, no)
    keep_en, keep_no, plan = [], [], []  # plan: ("pair", i, j) | ("omit", i) | ("add", j) | ("group", i0, i1, j0, j1)
    for ga, gb in cut:
        if len(ga) == len(gb):
            for a, b in zip(ga, gb, strict=True):
                if untranslated(a[1], b[1], vocab):
                    continue
                keep_en.append(a)
                n_pair, seen = seen, seen + 1
                if n_pair in drop:
                    plan.append(("omit", len(keep_en) - 1))
                    plan.append(("pair-dropped",))
                    continue
                keep_no.append(b)
                plan.append(("pair", len(keep_en) - 1, len(keep_no) - 1))
                if n_pair in insert:
                    keep_no.append(insert[n_pair])
                    plan.append(("add", len(keep_no) - 1))
        elif not gb or not ga:
            for a in ga:
                keep_en.append(a)
                plan.append(("omit", len(keep_en) - 1))
            for b in gb:
                keep_no.append(b)
                plan.append(("add", len(keep_no) - 1))
        else:
            i0, j0 = len(keep_en), len(keep_no)
            keep_en.extend(ga)
            keep_no.extend(gb)
            plan.append(("group", i0, len(keep_en), j0, len(keep_no)))
    for b in tail:
        keep_no.append(b)
        plan.append(("add", len(keep_no) - 1))
    if len(keep_en) < 4 or len(keep_no) < 4 or sum(step[0] == "pair" for step in plan) < 0.6 * len(en):
        return None  # too little paired, or mostly untranslated
    src, src_spans = render(keep_en)
    tgt, tgt_spans = render(keep_no, flat)
    beads: list = []
    unscored: list = []
    for step in plan:
        if step[0] == "pair":
            (i, j) = step[1:]
            a, b = keep_en[i][1], keep_no[j][1]
            numbered = _numbered_heading(src, src_spans[i], tgt, tgt_spans[j])
            if numbered:
                beads.extend(numbered)
            elif (sentence_count(a), sentence_count(b)) in ((1, 1), (1, 2), (2, 1)):
                beads.append([list(src_spans[i]), list(tgt_spans[j])])
            else:
                unscored.append([list(src_spans[i]), list(tgt_spans[j])])
        elif step[0] == "omit":
            s, e = src_spans[step[1]]
            beads.extend([[list(x), None] for x in split_sentences(src, s, e)])
        elif step[0] == "pair-dropped":
            continue
        elif step[0] == "add":
            s, e = tgt_spans[step[1]]
            beads.extend([[None, list(x)] for x in split_sentences(tgt, s, e)])
        else:
            i0, i1, j0, j1 = step[1:]
            unscored.append([[src_spans[i0][0], src_spans[i1 - 1][1]], [tgt_spans[j0][0], tgt_spans[j1 - 1][1]]])
    if not drop and not insert and any(s[0] == "omit" or s[0] == "add" for s in plan):
        tags = [*tags, "real-omission-or-addition"]
    return {
        "id": doc_id,
        "source": source,
        "languages": ["en", variant],
        "tags": tags,
        "source_text": src,
        "target_text": tgt,
        "beads": beads,
        "unscored": unscored,
    }


def gimp_pages(root: Path) -> list[tuple[str, list, list, list]]:
    out = []
    for page in sorted((root / GIMP.format(lang="nn")).glob("*.html")):
        en_page = root / GIMP.format(lang="en") / page.name
        if en_page.exists():
            en = keyed(html_blocks(en_page.read_text(encoding="utf-8", errors="replace")))
            no = keyed(html_blocks(page.read_text(encoding="utf-8", errors="replace")))
            out.append((page.stem, en, no, []))
    return out


def edu_chapters(root: Path) -> list[tuple[str, list, list, list]]:
    """The bookworm manual cut at its numbered chapter headings ("3. Architecture"), paired by number."""

    def chapters(path: Path) -> dict[str, list]:
        blocks = keyed(html_blocks(path.read_text(encoding="utf-8", errors="replace")))
        out: dict[str, list] = {}
        current = None
        for b in blocks:
            if b[0] == "heading" and b[2] and "." not in b[2]:
                current = b[2]
            if current:
                out.setdefault(current, []).append(b)
        return out

    en, no = chapters(root / EDU.format(code="en")), chapters(root / EDU.format(code="nb-no"))
    return [(f"chapter{k[1:]}", en[k], no[k], []) for k in en if k in no]


def man_pages(root: Path) -> list[tuple[str, list, list, list]]:
    """Pages of manpages-nb and their English originals; the Norwegian translation-credit section
    at the end ("OVERSETTELSE", not in the original) is returned apart, as an addition."""
    out = []
    for page in sorted((root / MAN_NB).glob("*.1.gz")):
        for folder in MAN_EN:
            en_page = root / folder / page.name
            if en_page.exists():
                en = man_blocks(gzip.decompress(en_page.read_bytes()).decode("utf-8", errors="replace"))
                no = man_blocks(gzip.decompress(page.read_bytes()).decode("utf-8", errors="replace"))
                credits = next((k for k, b in enumerate(no) if b[0] == "heading" and b[1] == "OVERSETTELSE"), len(no))
                no, tail = no[:credits], no[credits:]
                # Both pages have the same sections: key headings by their order.
                he, hn = [b for b in en if b[0] == "heading"], [b for b in no if b[0] == "heading"]
                if len(he) == len(hn):
                    rank = {id(b): f"sh{k}" for k, b in enumerate(he)} | {id(b): f"sh{k}" for k, b in enumerate(hn)}
                    en = [(b[0], b[1], rank.get(id(b), b[2]), b[3]) for b in en]
                    no = [(b[0], b[1], rank.get(id(b), b[2]), b[3]) for b in no]
                out.append((page.name.removesuffix(".1.gz"), en, no, tail))
    return out


def main(root_arg: str) -> None:
    root = Path(root_arg)
    rng = random.Random(SEED)
    plan = (
        ("gimp-help-nn", "nn", gimp_pages(root), 40),
        ("debian-edu-nb", "nb", edu_chapters(root), 14),
        ("manpages-nb", "nb", man_pages(root), 30),
    )
    synthetic_base = []
    for source, variant, pages, count in plan:
        rng.shuffle(pages)
        made = 0
        for name, en, no, tail in pages:
            if made >= count:
                break
            size = sum(len(b[1]) for b in en)
            if not 600 <= size <= 14_000:
                continue
            rec = document(f"{source}:{name}", source, variant, en, no, [], tail=tuple(tail))
            if rec is None:
                continue
            print(json.dumps(rec, ensure_ascii=False))
            made += 1
            if source != "manpages-nb" and len(synthetic_base) < 24 and rng.random() < 0.5:
                synthetic_base.append((source, variant, name, en, no))
    # Synthetic subset (tagged "synthetic"): translator omissions, additions and lost blank lines, made
    # by editing copies of real pairs. Inserted blocks come from another document of the same source.
    for k, (source, variant, name, en, no) in enumerate(synthetic_base):
        kind = ("omission", "addition", "flat")[k % 3]
        n_pairs = min(len(en), len(no))
        drop = frozenset()
        if kind == "omission":
            drop = frozenset(rng.sample(range(1, n_pairs - 1), k=min(2, n_pairs - 2)))
        insert = None
        if kind == "addition":
            other = synthetic_base[(k + 1) % len(synthetic_base)][4]
            foreign = [b for b in other if b[0] == "para" and len(b[1]) > 60] or [other[-1]]
            insert = {rng.randrange(1, n_pairs - 1): rng.choice(foreign)}
        rec = document(
            f"{source}:{name}:synthetic-{kind}",
            source,
            variant,
            en,
            no,
            ["synthetic", f"synthetic-{kind}"],
            drop=drop,
            insert=insert,
            flat=kind == "flat",
        )
        if rec is not None:
            print(json.dumps(rec, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
