"""Train the Bokmål/Nynorsk character n-gram model shipped in viewer/resources/langid/ (see its SOURCES.md).

The training text is software translations that exist in both written standards (gettext catalogues,
Mozilla and LibreOffice language packs from Debian packages), so the two classes talk about the same
things and the model learns spelling, not topic. GIMP and Debian Edu packages are refused: the dev
set (tests/data/langid/) is built from them.

The model is a class-balanced logistic regression over each word and its character 2-5-grams,
plus one-word examples from the nb_NO/nn_NO hunspell dictionaries (needs `unmunch`, Debian
package hunspell-tools). About 2 minutes on one core.

Run: python benchmarks/train_langid.py PKGROOT [PKGROOT ...] [--out viewer/resources/langid/nbnn_ngrams.tsv.gz]
     python benchmarks/train_langid.py PKGROOT --fit-enno   # the English/Norwegian constants in enno.py
Each PKGROOT holds .deb packages unpacked with `dpkg-deb -x NAME_*.deb PKGROOT/NAME` (or one tree).
"""

from __future__ import annotations

import argparse
import gettext
import gzip
import io
import math
import random
import re
import subprocess
import sys
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from viewer.core.language.ngrams import features, word_features

LOCALES = {"nb": "nb", "nb_NO": "nb", "no": "nb", "nn": "nn", "nn_NO": "nn"}
EXCLUDED = re.compile(r"gimp|debian-edu", re.IGNORECASE)  # the dev set's sources
_PLACEHOLDER = re.compile(
    r"%(?:\d+\$)?[-+ #0]*\d*(?:\.\d+)?l{0,2}[sdiuxXfgcpeE%]|%\(\w+\)[sd]|%\w+%?|\$\{?\w+\}?|\{[^{}]*\}"
    r"|<[^<>]*>|&\w+;|\\[ntr]|\[\w+\]|@\w+"
)
_MNEMONIC = re.compile(r"(?<=\w)?[_&~](?=\w)")
_FTL = re.compile(r"^\s*(?:[\w-]+|\.[\w-]+)\s*=\s*(.+)$")
_DTD = re.compile(r'<!ENTITY\s+\S+\s+"([^"]*)"')


def tidy(text: str) -> str | None:
    """A translated UI string without placeholders, markup and mnemonics; None when no prose is left."""
    text = _MNEMONIC.sub("", _PLACEHOLDER.sub(" ", text))
    text = re.sub(r"\s+", " ", text).strip(" :.-|")
    letters = sum(c.isalpha() for c in text)
    if letters < 3 or letters < 0.5 * len(text):
        return None
    return text


def mo_strings(path: Path) -> Iterator[tuple[str, str]]:
    """(msgid#form, translation) of a gettext .mo file (plural forms separately), skipping untranslated ones."""
    try:
        with path.open("rb") as fp:
            catalog = gettext.GNUTranslations(fp)._catalog  # type: ignore[attr-defined]
    except (OSError, UnicodeDecodeError, ValueError):
        return
    for key, value in catalog.items():
        msgid = key[0] if isinstance(key, tuple) else key
        if not msgid or not isinstance(value, str):
            continue
        msgid = msgid.split("\x04")[-1]
        for i, form in enumerate(value.split("\x00")):
            if form and form != msgid:
                yield f"{key}#{i}", form


def xpi_strings(path: Path) -> Iterator[tuple[str, str]]:
    """(file#key, value) of a Mozilla language pack's .ftl, .properties and .dtd files."""
    with zipfile.ZipFile(path) as zf:
        for name in zf.namelist():
            if not name.endswith((".ftl", ".properties", ".dtd")):
                continue
            text = io.TextIOWrapper(zf.open(name), encoding="utf-8", errors="replace").read()
            name = re.sub(r"^.*?/(nb|nn)-NO/", "", name)  # same key in both packs
            if name.endswith(".dtd"):
                yield from ((f"{name}#{i}", v) for i, v in enumerate(_DTD.findall(text)))
                continue
            for i, line in enumerate(text.splitlines()):
                if line.lstrip().startswith("#"):
                    continue
                m = _FTL.match(line)
                if m:
                    yield f"{name}#{line.split('=')[0].strip()}#{i}", m.group(1)


def collect(roots: list[Path]) -> dict[str, list[str]]:
    """Parallel translations: for each source string translated into both standards (same catalogue,
    same message), the tidied nb and nn texts, unless they are identical. Pairing keeps the two
    classes on the same topics, so shared words (det, kan, han) get no weight from who translated more.
    """
    pairs: dict[tuple[str, str], dict[str, str]] = {}
    for root in roots:
        for path in sorted(root.rglob("*")):
            if EXCLUDED.search(str(path.relative_to(root))) or not path.is_file():
                continue
            label = None
            if path.suffix == ".mo" and path.parent.name == "LC_MESSAGES":
                label = LOCALES.get(path.parent.parent.name)
                strings = mo_strings(path) if label else iter(())
            elif path.suffix == ".xpi" and ("-nb-NO@" in path.name or "-nn-NO@" in path.name):
                label = "nb" if "-nb-NO@" in path.name else "nn"
                strings = xpi_strings(path)
            if label is None:
                continue
            catalogue = path.name.split("@")[0].replace("-nb-NO", "").replace("-nn-NO", "")
            for key, text in strings:
                cleaned = tidy(text)
                if cleaned:
                    pairs.setdefault((catalogue, key), {})[label] = cleaned
    out: dict[str, list[str]] = {"nb": [], "nn": []}
    for both in pairs.values():
        if len(both) == 2 and both["nb"] != both["nn"]:
            out["nb"].append(both["nb"])
            out["nn"].append(both["nn"])
    return out


def dictionary_forms(roots: list[Path]) -> dict[str, list[str]]:
    """Lower-case word forms found in only one of the nb_NO / nn_NO hunspell dictionaries (expanded by unmunch)."""
    forms: dict[str, set[str]] = {}
    for label in ("nb", "nn"):
        dic = next((p for r in roots for p in r.rglob(f"{label}_NO.dic") if "hyph" not in p.name), None)
        if dic is None:
            forms[label] = set()
            continue
        out = subprocess.run(["unmunch", str(dic), str(dic.with_suffix(".aff"))], capture_output=True, check=True)
        words = out.stdout.decode("latin-1").split()
        forms[label] = {w for w in words if w.isalpha() and w.islower()}
    return {
        "nb": sorted(forms["nb"] - forms["nn"]),
        "nn": sorted(forms["nn"] - forms["nb"]),
        "both": sorted(forms["nb"] & forms["nn"]),
    }


def train(
    texts: dict[str, list[str]],
    words: dict[str, list[str]],
    epochs: int = 5,
    l2: float = 1e-5,
    word_weight: float = 0.3,
    per_class_words: int = 150_000,
) -> dict[str, float]:
    """Logistic regression (SGD, class-balanced) over n-gram features; positive weights mean Nynorsk.

    Dictionary forms are extra one-word examples at a lower weight: forms of only one standard teach
    endings and vocabulary that software strings lack (news, everyday words); forms of both standards
    are given as examples of each, which pulls shared words (han, det, kan) towards zero.
    """
    rng = random.Random(0)
    examples: list[tuple[list[tuple[str, int]], float, float]] = []
    for label, ts in texts.items():
        y = 1.0 if label == "nn" else 0.0
        examples += [(list(Counter(features(t)).items()), y, 1.0) for t in ts]
    examples = [e for e in examples if e[0]]
    n_nn = sum(e[1] for e in examples)
    balance = {1.0: len(examples) / (2 * n_nn), 0.0: len(examples) / (2 * (len(examples) - n_nn))}
    for label, forms in words.items():
        labels = [0.0, 1.0] if label == "both" else [1.0 if label == "nn" else 0.0]
        for form in rng.sample(forms, min(per_class_words, len(forms))):
            feats = list(Counter(word_features(form)).items())
            examples += [(feats, y, word_weight / balance[y]) for y in labels]
    weights: dict[str, float] = {}
    bias = 0.0
    for epoch in range(epochs):
        rng.shuffle(examples)
        rate = 0.2 / (1 + epoch)
        for feats, y, sample_weight in examples:
            z = max(-30.0, min(30.0, bias + sum(weights.get(f, 0.0) * c for f, c in feats)))
            grad = (y - 1.0 / (1.0 + math.exp(-z))) * balance[y] * sample_weight
            bias += rate * grad * 0.1
            for f, c in feats:
                w = weights.get(f, 0.0)
                weights[f] = w + rate * (grad * c - l2 * w)
        print(f"epoch {epoch + 1}/{epochs} done", file=sys.stderr)
    return weights


def save(model: dict[str, float], path: Path, meta: str) -> None:
    """gzip TSV `feature<TAB>weight`, sorted, so retraining gives a readable diff when unzipped."""
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"# {meta}"] + [f"{f}\t{v:.3f}" for f, v in sorted(model.items())]
    with gzip.GzipFile(path, "wb", mtime=0) as fp:
        fp.write(("\n".join(lines) + "\n").encode("utf-8"))


def english_norwegian_strings(roots: list[Path]) -> dict[str, list[str]]:
    """English source strings (msgids) and their nb / nn translations from the gettext catalogues."""
    out: dict[str, set[str]] = {"en": set(), "nb": set(), "nn": set()}
    for root in roots:
        for path in sorted(root.rglob("*.mo")):
            label = LOCALES.get(path.parent.parent.name) if path.parent.name == "LC_MESSAGES" else None
            if label is None or EXCLUDED.search(str(path.relative_to(root))):
                continue
            try:
                with path.open("rb") as fp:
                    catalog = gettext.GNUTranslations(fp)._catalog  # type: ignore[attr-defined]
            except (OSError, UnicodeDecodeError, ValueError):
                continue
            for key, value in catalog.items():
                msgid = key[0] if isinstance(key, tuple) else key
                if not msgid or not isinstance(value, str):
                    continue
                msgid = msgid.split("\x04")[-1]
                source = tidy(msgid)
                if source:
                    out["en"].add(source)
                for form in value.split("\x00"):
                    translated = tidy(form) if form and form != msgid else None
                    if translated:
                        out[label].add(translated)
    return {label: sorted(texts) for label, texts in out.items()}


def fit_enno(roots: list[Path], per_label: int = 8000) -> int:
    """Print how often langdetect's sampled answer is the clipped extreme by |z| (viewer.core.language.enno),
    and the least-squares SLOPE and OFFSET of its answer on z where it is not always (|z| < Z_SURE).
    Software strings only: the dev set is not used. About 2 minutes (langdetect samples every string)."""
    from viewer.core.language import enno, scan

    reader = enno.EnglishNorwegian()
    strings = english_norwegian_strings(roots)
    rng = random.Random(11)
    rows = []  # (z, langdetect's clipped log-odds)
    for texts in strings.values():
        for text in rng.sample(texts, min(per_label, len(texts))):
            parts, words, *_ = scan.scan(text)
            ld_text = " ".join(words) if len(words) >= 2 else " ".join(c.cleaned for c in parts)
            n, total, squares = reader.text_grams(ld_text)
            if n:
                rows.append((enno.trial_log_odds(n, total, squares), reader.langdetect_log_odds(ld_text)))
    print(f"{len(rows)} strings with grams ({', '.join(f'{k} {len(v)}' for k, v in strings.items())} available)")
    for lo, hi in [(0, 2), (2, 4), (4, 6), (6, 8), (8, 12), (12, math.inf)]:
        band = [ld for z, ld in rows if lo <= abs(z) < hi]
        same = [ld for z, ld in rows if lo <= abs(z) < hi and ld == math.copysign(enno.LD_CLIP, z)]
        if band:
            share = len(same) / len(band)
            print(f"  |z| {lo}-{hi}: n={len(band):5d}, langdetect at the clipped extreme of z's side {share:.1%}")
    noisy = [(z, ld) for z, ld in rows if abs(z) < enno.Z_SURE]
    best = min(
        (sum((max(-enno.LD_CLIP, min(enno.LD_CLIP, a / 100 * z + b / 100)) - ld) ** 2 for z, ld in noisy), a, b)
        for a in range(80, 220, 5)
        for b in range(-100, 60, 5)
    )
    print(f"SLOPE = {best[1] / 100:.2f}\nOFFSET = {best[2] / 100:.2f}  (n={len(noisy)} with |z| < {enno.Z_SURE})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("roots", nargs="+", type=Path)
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parents[1] / "viewer/resources/langid/nbnn_ngrams.tsv.gz"
    )
    parser.add_argument("--min-weight", type=float, default=0.1, help="drop smaller weights (model size)")
    parser.add_argument("--dump", type=Path, help="also write the training strings here (label<TAB>text)")
    parser.add_argument("--fit-enno", action="store_true", help="fit enno's SLOPE/OFFSET instead of training")
    args = parser.parse_args(argv)
    if args.fit_enno:
        return fit_enno(args.roots)
    texts = collect(args.roots)
    print(f"parallel strings: {len(texts['nb'])} pairs", file=sys.stderr)
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as fp:
            for label, ts in texts.items():
                fp.writelines(f"{label}\t{t}\n" for t in ts)
    words = dictionary_forms(args.roots)
    print(
        f"dictionary forms: nb only {len(words['nb'])}, nn only {len(words['nn'])}, both {len(words['both'])}",
        file=sys.stderr,
    )
    weights = train(texts, words)
    model = {f: w for f, w in weights.items() if abs(w) >= args.min_weight}
    save(model, args.out, f"nb/nn logistic weights (positive = Nynorsk); {len(model)} features; see SOURCES.md")
    print(f"features: {len(model)} -> {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
