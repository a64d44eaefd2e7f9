"""Behaviour of viewer.core.corpus.segment on English and Norwegian cases found in the corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from viewer.core.corpus.segment import split_paragraphs, split_sentences
from viewer.core.paths import bundled_corpus_dir

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "data" / "segment" / "gold.jsonl"


def corpus_files() -> list[Path]:
    """The five texts of the bundled corpus (viewer/corpus/, in the repository)."""
    files = sorted(bundled_corpus_dir().glob("*.txt"))
    assert len(files) == 5, files
    return files


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def thesis_abstract() -> str:
    """The dc.description.abstract value of the thesis record, without its trailing en_US tag."""
    for line in (bundled_corpus_dir() / "thesis.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("dc.description.abstract"):
            return line.removeprefix("dc.description.abstract").removesuffix("en_US")
    raise AssertionError("no abstract line")


CASES = {
    "e.g. and i.e.": (
        "We use tools, e.g. Whoosh, for this. Groups, i.e. Young adults, struggle. Next.",
        ["We use tools, e.g. Whoosh, for this.", "Groups, i.e. Young adults, struggle.", "Next."],
    ),
    "et al.": (
        "Breit et al. (2017) show it. Smith et al. found more.",
        ["Breit et al. (2017) show it.", "Smith et al. found more."],
    ),
    "etc. mid-sentence and at the end": (
        "They used surveys, interviews etc. and more. They used surveys etc. The results came.",
        ["They used surveys, interviews etc. and more.", "They used surveys etc.", "The results came."],
    ),
    "St.Prp Nr. and a quote with its source": (
        "- «I en forvaltning må alt gjennomsyres av respekt.» (St.Prp Nr. 46 (2004-2005):10).\n- Neste.",
        ["- «I en forvaltning må alt gjennomsyres av respekt.» (St.Prp Nr. 46 (2004-2005):10).", "- Neste."],
    ),
    "nr. and Nr.": (
        "Skriftserie 2019 nr. 10. Oslo Met. Se Vol. 52, Nr. 1:67-90. Slutt.",
        ["Skriftserie 2019 nr. 10.", "Oslo Met.", "Se Vol. 52, Nr. 1:67-90.", "Slutt."],
    ),
    "kr, kr. and mill.": (
        "Tildelt: kr 24,7 mill. Formålet er klart. Det koster kr. 500 i mill. kroner. Ja.",
        ["Tildelt: kr 24,7 mill.", "Formålet er klart.", "Det koster kr. 500 i mill. kroner.", "Ja."],
    ),
    "Norwegian abbreviations before capitals": (
        "Midlene gikk bl.a. til NAV, jf. St.meld. Tiltak er f.eks. Arbeidstrening. Tidl. Arbeidsminister "
        "Hanssen sa det. Ca. 40 prosent, dvs. Unge, pga. Frafall og iht. Protokollen.",
        [
            "Midlene gikk bl.a. til NAV, jf. St.meld.",
            "Tiltak er f.eks. Arbeidstrening.",
            "Tidl. Arbeidsminister Hanssen sa det.",
            "Ca. 40 prosent, dvs. Unge, pga. Frafall og iht. Protokollen.",
        ],
    ),
    "Norwegian abbreviations that may end a sentence": (
        "Hansen m.fl. har skrevet om kurs o.l. og lønn osv. Resultatene er gode. Ask m.fl. Neste.",
        ["Hansen m.fl. har skrevet om kurs o.l. og lønn osv.", "Resultatene er gode.", "Ask m.fl.", "Neste."],
    ),
    "pp., Vol., No., Ed., Eds.": (
        "In A. M. Støkken (Ed.), Tjenester (pp. 77–98). In S. Nordstoga (Eds.), Barnevern. White Paper No. "
        "46 (2012–2013). Vol. 52 is out.",
        [
            "In A. M. Støkken (Ed.), Tjenester (pp. 77–98).",
            "In S. Nordstoga (Eds.), Barnevern.",
            "White Paper No. 46 (2012–2013).",
            "Vol. 52 is out.",
        ],
    ),
    "initials": (
        "Kjetil G. Lundberg spoke. T. A. Ask & Sagatun, S. (2015). Meij, R.v.d. Nilsen wrote. T.A. Ask too.",
        ["Kjetil G. Lundberg spoke.", "T. A. Ask & Sagatun, S. (2015).", "Meij, R.v.d. Nilsen wrote.", "T.A. Ask too."],
    ),
    "DOI and URL": (
        "Cambridge: Cambridge University Press. https://doi.org/10.1017/CBO9780511598302\n"
        "See https://doi.org/10.1017/CBO9780511598302. Then more.",
        [
            "Cambridge: Cambridge University Press. https://doi.org/10.1017/CBO9780511598302",
            "See https://doi.org/10.1017/CBO9780511598302.",
            "Then more.",
        ],
    ),
    "(Article 1)": (
        "It looks at supervisors (Article 1), workers (Article 2) and clients (Article 3). Activation work.",
        ["It looks at supervisors (Article 1), workers (Article 2) and clients (Article 3).", "Activation work."],
    ),
    "years and page ranges": (
        "Fafo-rapport 2014:18. Nordisk Sosialt Arbeid, 24(1), 19–33. Neste (2004-2005):10. Slutt.",
        ["Fafo-rapport 2014:18.", "Nordisk Sosialt Arbeid, 24(1), 19–33.", "Neste (2004-2005):10.", "Slutt."],
    ),
    "dates and ordinals": (
        "I Dagbladet, 9.11.2005. Oslo 12. oktober. Møtet var den 3. mai i år. Neste.",
        ["I Dagbladet, 9.11.2005.", "Oslo 12. oktober.", "Møtet var den 3. mai i år.", "Neste."],
    ),
    'quotes «» and ""': (
        'Han spurte: «Er dette riktig?» Svaret kom. «Hva nå?» sa han. "I can\'t call it help. They treat me."',
        [
            "Han spurte: «Er dette riktig?»",
            "Svaret kom.",
            "«Hva nå?» sa han.",
            "\"I can't call it help.",
            'They treat me."',
        ],
    ),
    "ellipses ..., (...), …": (
        "«When we enter... they may have built up debt (...) but I see.» They don't show up... I feel fine. "
        "See details… Then read on. Our definition: ...the minimum.",
        [
            "«When we enter... they may have built up debt (...) but I see.»",
            "They don't show up...",
            "I feel fine.",
            "See details…",
            "Then read on.",
            "Our definition: ...the minimum.",
        ],
    ),
    "a quote's (source) stays with it": (
        'Da må vi ha fritt spillerom. (Jobbspesialist, IPS). "We release resources". (family coordinator)',
        ["Da må vi ha fritt spillerom. (Jobbspesialist, IPS).", '"We release resources". (family coordinator)'],
    ),
    "sentence ending with ) or a closing quote": (
        "Metoden virker (IPS-teneste utanfor NAV). «Kandidatane er ulike.» Neste setning.",
        ["Metoden virker (IPS-teneste utanfor NAV).", "«Kandidatane er ulike.»", "Neste setning."],
    ),
    "bullets, dashes and lowercase starts": (
        "Context\n- active labour market policies\n– between conditionality\n− Man blir fanget.\n• NAV har det.",
        [
            "Context",
            "- active labour market policies",
            "– between conditionality",
            "− Man blir fanget.",
            "• NAV har det.",
        ],
    ),
    "list numbers": (
        "Dei tre er:\n  1. «Individual placement» (IPS). Basert på ein skala.\n  2. «Kvalitetsveileder» i NAV.",
        ["Dei tre er:", "1. «Individual placement» (IPS).", "Basert på ein skala.", "2. «Kvalitetsveileder» i NAV."],
    ),
    "line breaks without punctuation": (
        "Theoretical and methodological orientations\nSLB theory: accounts of discretion\nwhich go on here,\nand here.",
        [
            "Theoretical and methodological orientations",
            "SLB theory: accounts of discretion\nwhich go on here,\nand here.",
        ],
    ),
    "double dot ends the sentence after the dots": (
        "av trekk ved tjenestene.. Metodisk er det en utfordring.",
        ["av trekk ved tjenestene..", "Metodisk er det en utfordring."],
    ),
    "blank lines always split": (
        "Tildelt: kr 24,7 mill\n\n \t\nFormålet med INTEGRATE",
        ["Tildelt: kr 24,7 mill", "Formålet med INTEGRATE"],
    ),
    "a title and its [translation] stay together": (
        "Hvorfor ser vi ikke fattigdommen? Fra en undersøkelse [Why don’t we see it? From a study]. Neste.",
        ["Hvorfor ser vi ikke fattigdommen?", "Fra en undersøkelse [Why don’t we see it? From a study].", "Neste."],
    ),
}


@pytest.mark.parametrize("text,expected", CASES.values(), ids=CASES.keys())
def test_case(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize("text", ["", " ", "\n\n\t \n", "\u00a0\u2003"])
def test_whitespace_only_gives_nothing(text: str) -> None:
    assert split_sentences(text) == []
    assert split_paragraphs(text) == []


def test_text_without_punctuation_is_one_sentence() -> None:
    text = "  one long line of slide text without any punctuation at all  "
    assert split_sentences(text) == [(2, len(text) - 2)]


def test_paragraphs_split_on_blank_lines_only() -> None:
    text = "First line\nsecond line.\n\n  \t\n  Next paragraph. Two.\n\n\nLast"
    spans = split_paragraphs(text)
    assert [text[s:e] for s, e in spans] == ["First line\nsecond line.", "Next paragraph. Two.", "Last"]


def test_start_and_end_limit_the_window_and_offsets_stay_absolute() -> None:
    text = "Skip this. Keep this one. And this. Skip too."
    start, end = text.index("Keep"), text.index(" Skip too")
    spans = split_sentences(text, start, end)
    assert [text[s:e] for s, e in spans] == ["Keep this one.", "And this."]
    assert all(start <= s < e <= end for s, e in spans)
    assert [text[s:e] for s, e in split_paragraphs(text, start, end)] == ["Keep this one. And this."]


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_offsets_round_trip_on_every_corpus_file(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for split in (split_sentences, split_paragraphs):
        spans = split(text)
        assert spans
        previous_end = 0
        for s, e in spans:
            assert previous_end <= s < e <= len(text)
            assert text[s:e] == text[s:e].strip()
            previous_end = e
        # everything outside the spans is whitespace: no text is lost
        covered = "".join(text[s:e] for s, e in spans)
        assert "".join(covered.split()) == "".join(text.split())


def test_thesis_abstract_has_25_english_and_25_bokmal_sentences() -> None:
    abstract = thesis_abstract()
    spans = split_sentences(abstract)
    assert len(spans) == 50
    assert abstract[spans[25][0] : spans[25][1]].startswith("Basert på intervjuer")
    assert abstract[spans[24][0] : spans[24][1]].endswith("in street-level practice.")


def test_large_input_splits_exactly_like_its_parts() -> None:
    # Its speed is measured by benchmarks/segment_bench.py; here: 100,000 characters are cut
    # the same as each of their repeated units, no sentence lost or merged.
    unit = "Se f.eks. side 3. Han sa «Hva?» og gikk. - punkt\nNy linje (jf. Nr. 5). "
    one = split_sentences(unit)
    assert [unit[s:e] for s, e in one] == [
        "Se f.eks. side 3.",
        "Han sa «Hva?» og gikk.",
        "- punkt",
        "Ny linje (jf. Nr. 5).",
    ]
    copies = 100_000 // len(unit) + 1
    spans = split_sentences(unit * copies)
    assert spans == [(s + k * len(unit), e + k * len(unit)) for k in range(copies) for s, e in one]


def test_gold_f1_floor() -> None:
    tp = fp = fn = 0
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        text, pos, gold = item["text"], 0, set()
        for i, sentence in enumerate(item["sentences"]):
            start = text.index(sentence, pos)
            pos = start + len(sentence)
            if i:
                gold.add(start)
        got = {s for s, _ in split_sentences(text)[1:]}
        tp, fp, fn = tp + len(gold & got), fp + len(got - gold), fn + len(gold - got)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert tp + fn >= 300
    assert 2 * precision * recall / (precision + recall) >= 0.97


def test_spans_stay_valid_on_random_text() -> None:
    """Invariants hold on junk made of the characters the rules look at (fixed seed)."""
    import random

    pieces = [*"aB. !?…»«\"'()[]-–−•\n\t 1", "\n\n", " . ", "...", "(...)", "Nr. ", "1. ", "<u>", "\u00a0"]
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 50)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        for split in (split_sentences, split_paragraphs):
            previous_end = start
            for s, e in split(text, start, end):
                assert previous_end <= s < e <= end
                assert text[s:e] == text[s:e].strip()
                previous_end = e


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One sentence here.", ["One sentence here."]),
        ("A heading without an end", ["A heading without an end"]),
        ("Ends twice?! ", ["Ends twice?!"]),
        ("First. Second.", ["First.", "Second."]),
        ("Dr. Hansen kom.", ["Dr. Hansen kom."]),
    ],
)
def test_one_line_paragraphs_with_and_without_an_inner_end(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in split_sentences(text)] == expected
