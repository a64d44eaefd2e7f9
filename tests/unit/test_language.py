"""Behaviour of viewer.core.language.identify: en/nb/nn decisions, und for non-language, and dev-set floors."""

from __future__ import annotations

import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from viewer.core.language import enno, nbnn, scan
from viewer.core.language import identify as identify_module
from viewer.core.language import ngrams as langmodel
from viewer.core.language.identify import LanguageIdentifier, clean, get_identifier, identify
from viewer.core.language.labels import Lang, LangGuess
from viewer.core.paths import bundled_corpus_dir

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT / "tests" / "data" / "langid" / "dev.tsv"
NEWS = bundled_corpus_dir() / "news.txt"  # the bundled news article (a Nynorsk report quoting Bokmål)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The dissertation examines how the intervention was implemented in practice.", Lang.EN),
        ("Activation work involves complex tasks of motivating and assisting citizens.", Lang.EN),
        ("Vi har ikke tid til dette nå, men jeg kommer tilbake i morgen.", Lang.NB),
        ("Formålet med prosjektet har vært å utvikle et kjernemiljø for forskning.", Lang.NB),
        ("Eg har ikkje tid til dette no, men eg kjem tilbake i morgon.", Lang.NN),
        ("Forskarane fann to hovudtenkesett i datamaterialet frå undersøkinga.", Lang.NN),
    ],
)
def test_typical_sentences(text: str, lang: Lang) -> None:
    guess = identify(text)
    assert guess.lang == lang
    assert guess.confidence >= 0.7


@pytest.mark.parametrize(
    "text",
    ["Hvor er du?", "Det er bra.", "Hun kommer i morgen.", "Vi har ikke tid.", "Jeg er glad."],
)
def test_short_bokmal_is_not_danish_or_english(text: str) -> None:
    assert identify(text).lang == Lang.NB


# Everyday minimal pairs written for this test (not in the dev set, not in any training source):
# few of them have nbnn's marker words, so mostly the n-gram model decides.
EVERYDAY_PAIRS = [
    ("Været blir fint i helgen.", "Vêret blir fint i helga."),
    ("Barna lekte i snøen etter skolen.", "Barna leikte i snøen etter skulen."),
    ("Solen skinner og det er varmt ute.", "Sola skin og det er varmt ute."),
    ("Vi møtes på kafeen klokka tre.", "Vi møtest på kafeen klokka tre."),
    ("Butikken stenger klokken åtte i kveld.", "Butikken stengjer klokka åtte i kveld."),
    ("Hun kjøpte en ny sykkel i går.", "Ho kjøpte ein ny sykkel i går."),
    ("Toget var forsinket på grunn av snøen.", "Toget var forseinka på grunn av snøen."),
    ("Mange mennesker bor i byen.", "Mange menneske bur i byen."),
    ("Regjeringen la fram statsbudsjettet tirsdag.", "Regjeringa la fram statsbudsjettet tysdag."),
    ("Kampen endte uavgjort etter en spennende omgang.", "Kampen enda uavgjort etter ein spennande omgang."),
]


def test_everyday_minimal_pairs() -> None:
    # Measured: 18 of 20 (two Bokmål sentences with nn-leaning words, e.g. "klokka", go to nn).
    hits = sum(identify(nb).lang == Lang.NB for nb, _ in EVERYDAY_PAIRS)
    hits += sum(identify(nn).lang == Lang.NN for _, nn in EVERYDAY_PAIRS)
    assert hits >= 17


def test_ngram_model_loads_once_and_points_the_right_way() -> None:
    model = langmodel.load()
    assert model is langmodel.load()
    assert model["=ikkje"] > 0 > model["=ikke"]
    assert langmodel.score(nbnn.tokens("Eg veit ikkje kva dei meiner.")) > 0
    assert langmodel.score(nbnn.tokens("Jeg vet ikke hva de mener.")) < 0
    assert langmodel.score([]) == 0.0


def test_english_with_norwegian_names_stays_english() -> None:
    guess = identify("The study was conducted at NAV offices in Oslo and at OsloMet.")
    assert guess.lang == Lang.EN and guess.confidence >= 0.9


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Individual Placement and Support (IPS) er en metode som har vist gode resultater.", Lang.NB),
        ("Individual Placement and Support (IPS) er ein metode som har vist gode resultat.", Lang.NN),
        ("Supported employment er en metode der deltakerne får tett oppfølging.", Lang.NB),
    ],
)
def test_norwegian_with_english_terms_stays_norwegian(text: str, lang: Lang) -> None:
    assert identify(text).lang == lang


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "12345 67,8",
        "https://doi.org/10.1017/CBO9780511598302",
        "post@nav.no",
        "---",
        "NAV OsloMet",
    ],
)
def test_no_language_is_und(text: str) -> None:
    guess = identify(text)
    assert guess.lang == Lang.UND
    assert guess.confidence <= 0.2


@pytest.mark.parametrize("word", ["og", "de", "no", "er", "ikkje", "The"])
def test_single_words_get_low_confidence(word: str) -> None:
    assert identify(word).confidence < 0.5


def test_deterministic() -> None:
    text = "Dette er ein kort tekst som skal gi same svar kvar gong."
    assert identify(text) == identify(text)
    assert get_identifier() is get_identifier()


def test_identify_many_keeps_order() -> None:
    texts = ["This is English text.", "Dette er norsk tekst som ikke er nynorsk.", ""]
    assert [g.lang for g in get_identifier().identify_many(texts)] == [Lang.EN, Lang.NB, Lang.UND]


def test_norwegian_variant() -> None:
    lang, conf = get_identifier().norwegian_variant("Eg veit ikkje kva dei meiner.")
    assert lang == Lang.NN and conf > 0.9
    lang, conf = get_identifier().norwegian_variant("Jeg vet ikke hva de mener.")
    assert lang == Lang.NB and conf > 0.9


def test_confidence_in_range() -> None:
    guess = identify("A sentence.")
    assert isinstance(guess, LangGuess)
    assert 0.0 <= guess.confidence <= 1.0


def test_news_article_quotes_are_bokmal_and_narrative_nynorsk() -> None:
    lines = NEWS.read_text(encoding="utf-8").splitlines()
    dash_lines = [ln.strip() for ln in lines if ln.strip()[:1] in ("−", "–", "-")]
    # One dash line reports the researcher's own words, in Nynorsk; the others quote Bokmål.
    researcher = [ln for ln in dash_lines if "Til dømes" in ln]
    quotes = [ln for ln in dash_lines if ln not in researcher]
    assert len(quotes) >= 5 and len(researcher) == 1
    assert [identify(q).lang for q in quotes] == [Lang.NB] * len(quotes)
    assert identify(researcher[0]).lang == Lang.NN
    narrative = [ln for ln in lines if len(ln) > 120 and not ln.strip().startswith(("−", "–", "-"))]
    nn_share = sum(identify(ln).lang == Lang.NN for ln in narrative) / len(narrative)
    assert nn_share >= 0.95


def _dev_accuracy() -> dict[str, float]:
    rows = [ln.split("\t", 3) for ln in DEV.read_text(encoding="utf-8").splitlines()[1:]]
    hits: dict[str, list[bool]] = defaultdict(list)
    for (label, cls, _sid, _text), guess in zip(rows, get_identifier().identify_many(r[3] for r in rows), strict=True):
        ok = guess.lang == label
        for key in ("all", label, cls, f"{label}/{cls}"):
            hits[key].append(ok)
    return {k: sum(v) / len(v) for k, v in hits.items()}


def test_dev_set_accuracy_floors() -> None:
    # Measured on all 1,168 items, tune and holdout together (so not a held-out figure: the constants
    # were fitted on the tune part): overall 97.8%, en 99.7%, nb 98.0%, nn 96.2%, short 96.5%,
    # long 100%, nn/short 94.1% (84% before the n-gram model). The holdout part alone (362 items):
    # overall 98.6%, nn/short 96.9% (benchmarks/langid_eval.py --split holdout). Floors leave room for noise.
    acc = _dev_accuracy()
    assert acc["all"] >= 0.96
    assert acc["en"] >= 0.98
    assert acc["nb"] >= 0.96
    assert acc["nn"] >= 0.94
    assert acc["nn/short"] >= 0.91
    assert acc["short"] >= 0.94
    assert acc["long"] >= 0.98


def test_core_does_not_import_qt() -> None:
    code = "import sys, viewer.core.language.identify as m; m.identify('hei og hå'); print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# Texts that exercise what scan must read exactly as clean + nbnn.tokens do on the whole text:
# names after a word or comma, runs of spaces, other blanks, noise inside chunks, a DOI across a space.
TRICKY = [
    "Forskere ved OsloMet og NAV, Oslo, har  funnet   Svar.",
    "In 2019 Oslo kommune sa: «Vi vet ikke.» Deretter kom Bergen.",
    "See doi: 10.1000/xyz123 and https://example.org/a?b=1 or post@nav.no, Thanks",
    "a b c D e. F,G;H  I   J\tK\nL\u00a0M",
    "t.d. INTEGRATE’s don't «Sitat» (Parentes) - Tankestrek – Ny",
    "",
    " ",
    "   Leading spaces Then Names",
    "Ærlig talt, Øyvind og Åse kom frå Ålesund.",
    "12 Apostler 3 Kongers dag 4.5 Mill",
]


def _dev_texts() -> list[str]:
    return [ln.split("\t", 3)[3] for ln in DEV.read_text(encoding="utf-8").splitlines()[1:]]


def test_scan_reads_as_clean_and_tokens_of_the_whole_text() -> None:
    store: dict[str, scan.Chunk] = {}
    for text in TRICKY + _dev_texts():
        cleaned = clean(text)
        result = scan.scan(text, store)
        assert result.words == nbnn.tokens(cleaned), text
        assert scan.raw_words(result.parts) == nbnn.raw_words(cleaned), text
        assert result.written == len(nbnn.raw_words(cleaned))
        assert result.long == any(len(w) > 1 for w in nbnn.raw_words(cleaned))


def test_word_grams_add_up_to_the_grams_langdetect_extracts() -> None:
    reader = enno.profiles()
    for text in TRICKY + _dev_texts()[:300]:
        words = scan.scan(text).words
        if len(words) < 2:
            continue
        grams = [reader.word_grams(w) for w in words]
        n = sum(g.n for g in grams) - grams[-1].tail_n
        total = sum(g.total for g in grams) - grams[-1].tail_total
        count, whole, _ = reader.text_grams(" ".join(words))
        assert n == count and total == pytest.approx(whole), text


def test_sure_readings_are_what_langdetect_answers() -> None:
    # Where the deterministic reading is sure, langdetect's sampled answer is that clipped extreme.
    reader = enno.profiles()
    sure = 0
    for line in NEWS.read_text(encoding="utf-8").splitlines()[:60]:
        words = scan.scan(line).words
        if len(words) < 2:
            continue
        text = " ".join(words)
        ld, is_sure = enno.log_odds(enno.trial_log_odds(*reader.text_grams(text)))
        if is_sure:
            sure += 1
            assert reader.langdetect_log_odds(text) == ld, line
    assert sure >= 10


def test_word_points_skips_only_patterns_that_cannot_match() -> None:
    words = {w for text in _dev_texts() for w in scan.scan(text).words}
    for word in words:
        expected = nbnn._LEXICON_WEIGHT.get(word)
        if expected is None:
            expected = sum(value for pattern, value, _e, _b in nbnn._ENDINGS if pattern.search(word))
        assert nbnn.word_points(word) == expected, word


def test_word_score_is_the_score_of_one_word() -> None:
    for word in ("ikkje", "ikke", "forskingsrådet", "x", "kjernemiljø"):
        assert langmodel.word_score(word) == pytest.approx(langmodel.score([word]))


def test_kept_evidence_does_not_change_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = TRICKY + _dev_texts()[:400]
    expected = LanguageIdentifier().identify_many(texts)
    monkeypatch.setattr(identify_module, "MAX_WORDS", 50)
    monkeypatch.setattr(identify_module, "MAX_TEXTS", 20)
    monkeypatch.setattr(scan, "MAX_CHUNKS", 50)
    small = LanguageIdentifier()
    assert small.identify_many(texts) == expected
    assert small.identify_many(texts) == expected  # second pass: from what was kept
    assert LanguageIdentifier(remember_texts=False).identify_many(texts) == expected
