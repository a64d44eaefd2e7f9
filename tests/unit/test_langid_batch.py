"""identify_many's batch path (numpy sums over a batch) gives what identify gives text by text."""

from __future__ import annotations

from pathlib import Path

import pytest

from viewer.core.language import batch, enno, grams, nbnn, scan, tokens, wordrows
from viewer.core.language import ngrams as langmodel
from viewer.core.language.identify import LanguageIdentifier
from viewer.core.library.bundled import bundled_corpus

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "langid"
MARKS = ["", ".", ",", ";", "(", ")", "«", "»", "'", "-", ":", "—"]
WORDS = ["ord", "Ord", "OK", "A", "a", "Å", "doi", "NAV", "ÆØÅ", "ß", "ǅa", "ikkje"]
# Texts that take each of identify's special readings, next to plain sentences.
EDGES = [
    "",
    "12 34",
    "NAV OsloMet",
    "Kari Nordmann",
    "RAPPORT OM UNGDOM OG ARBEID I NORGE",
    "Ordet",
    "Kari Nordmann flyttet til Bergen i fjor og fikk seg jobb der.",
    "Equinor is the company that runs the field and it has an office.",
    "Se doi: 10.1000/182 for detaljar om korleis det vert gjort.",
    "Vi prøvde å lagra filene, men det gjekk ikkje i går.",
    "Dette er i Oslo, og i Bergen er det regn i dag også.",
    "Café naïve ǆungla ῥόδον are written here in the English sentence.",
    "Sjå https://example.org/ikkje og skriv til ola@example.org om det.",
]


def _texts() -> list[str]:
    rows = [ln.split("\t", 3)[3] for ln in (DATA / "dev.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    for path in sorted((DATA / "categories").glob("*.tsv")):
        rows += [ln.split("\t", 3)[3] for ln in path.read_text(encoding="utf-8").splitlines()[1:]]
    corpus = bundled_corpus()
    rows += [p.sentence_text(s) for p in corpus.passages() for s in p.sentences]
    return rows + EDGES


def test_a_batch_labels_every_text_as_identify_does() -> None:
    texts = _texts()
    one_by_one = [LanguageIdentifier(remember_texts=False).identify(t) for t in texts]
    handed: list[str] = []
    reader = batch.BatchReader(LanguageIdentifier(remember_texts=False))

    def single(text: str) -> object:
        handed.append(text)
        return reader._owner.identify(text)

    together = reader.identify(texts, single)  # type: ignore[arg-type]
    assert [g.lang for g in together] == [g.lang for g in one_by_one]
    assert max(abs(a.confidence - b.confidence) for a, b in zip(together, one_by_one, strict=True)) <= 1e-4
    assert len(handed) < 0.1 * len(texts)  # most texts are summed in the batch, not handed back


def test_identify_many_remembers_short_texts_and_answers_repeats() -> None:
    ident = LanguageIdentifier()
    texts = _texts()[:200]
    first = ident.identify_many(texts)
    assert all(t in ident._texts for t in texts if len(t) <= 300)
    assert ident.identify_many(texts + texts) == first + first


def test_a_full_word_table_starts_afresh_with_the_same_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _texts()[:400]
    expected = LanguageIdentifier(remember_texts=False).identify_many(texts)
    monkeypatch.setattr(wordrows, "MAX_WORDS", 700)
    ident = LanguageIdentifier(remember_texts=False)
    got = [g for i in range(0, len(texts), 50) for g in ident.identify_many(texts[i : i + 50])]
    assert ident._batch is not None and len(ident._batch._rows.ids) <= 700
    assert got == expected


def test_word_rows_hold_both_models_readings() -> None:
    words = sorted({w for t in _texts() for w in scan.scan(t).words} | {"x", "å", "don't", "t.d.", "ῥόδον"})
    rows = wordrows.WordRows(wordrows.codes())
    ids = rows.lookup(words).tolist()
    tables = grams.tables()
    for word, i in zip(words, ids, strict=True):
        read = tables.word(word)
        if read is None:
            expected = [*enno.profiles().word_grams(word), langmodel.word_score(word)]
        else:
            expected = [*read[:6], tables.model_score(word, read.model23)]
        row = rows.rows[i]
        got = [*row[: wordrows.TAIL_SQUARES + 1], row[wordrows.MODEL]]
        assert got == pytest.approx(expected, rel=1e-12, abs=1e-12), word
        assert row[wordrows.POINTS] == nbnn.word_points(word), word


def test_chunks_read_together_are_read_as_one_by_one() -> None:
    pieces = {p for t in _texts() for p in t.split(" ")}
    pieces |= {left + word + right for left in MARKS for word in WORDS for right in MARKS}
    store: dict[str, scan.Chunk] = {}
    scan.read_into(set(pieces), store)
    assert store.keys() == pieces
    for piece in sorted(pieces):
        assert store[piece] == scan._read_chunk(piece), piece


def test_tokens_read_together_are_scans_words() -> None:
    texts = _texts()
    texts += [
        f"{a}{w}{b} {c}{v}{d}"
        for a in MARKS
        for w in WORDS
        for b in MARKS
        for c in MARKS[:4]
        for v in WORDS[:4]
        for d in MARKS[:3]
    ]
    texts += [
        "doi: ord",
        "Se doi:\n10.1/2 Ord",
        "x,\nOrd",
        "ab\u2028Ord",
        "x\u3000Ord",
        "ᚠᚢ Ord",
        "日本 Ord",
        "ΟΔΟΣ Σ",
        "İstanbul ord",
    ]
    read = tokens.read(texts)
    odd = set(read.odd.tolist())
    assert odd and len(odd) < 0.05 * len(texts)  # only texts with "doi:" before a blank
    for i, text in enumerate(texts):
        if i in odd:
            continue
        at, n = read.first[i], read.counts[i]
        found = scan.scan(text)
        assert read.lowered[at : at + n] == [w.lower() for w in scan.raw_words(found.parts)], text
        assert [
            w for w, k in zip(read.lowered[at : at + n], read.kept[at : at + n], strict=True) if k
        ] == found.words, text


def test_words_with_a_typographic_apostrophe_are_summed_as_langdetect_reads_them() -> None:
    reader = enno.profiles()
    texts = [t for t in _texts() if enno.APOSTROPHE in t] + [
        "Norway’s plan isn’t new.",
        "Det er Norges’ plan, ikkje din.",
    ]
    checked = 0
    for text in texts:
        words = scan.scan(text).words
        if len(words) < 2 or not any(enno.APOSTROPHE in w for w in words):
            continue
        pieces = [reader.word_grams(w) for w in words]
        n = sum(p.n for p in pieces) - pieces[-1].tail_n
        total = sum(p.total for p in pieces) - pieces[-1].tail_total
        squares = sum(p.squares for p in pieces) - pieces[-1].tail_squares
        exact = reader._detector_grams(" ".join(words))  # langdetect's own extraction
        assert (n, total, squares) == pytest.approx(exact, rel=1e-9, abs=1e-9), text
        checked += 1
    assert checked >= 5


@pytest.mark.parametrize(
    ("text", "drops"),
    [
        ("don’t", False),
        ("a’’’b", False),
        ("ø’å’æ’ø’a", True),
        ("ø’å’æ’a’b", False),
        ("Norway’s plan", False),
        ("", False),
    ],
)
def test_drops_latin_counts_as_langdetect_cleaning_does(text: str, drops: bool) -> None:
    detector = enno.profiles().factory().create()
    detector.text = text
    detector.cleaning_text()
    assert enno.drops_latin(text) is drops
    assert (detector.text != text) is (drops and any("A" <= ch <= "z" for ch in text))


def test_threads_sharing_one_identifier_get_the_same_answers() -> None:
    from concurrent.futures import ThreadPoolExecutor

    texts = _texts()
    expected = LanguageIdentifier(remember_texts=False).identify_many(texts)
    shared = LanguageIdentifier(remember_texts=False)
    batches = [texts[i : i + 97] for i in range(0, len(texts), 97)]
    with ThreadPoolExecutor(4) as pool:
        got = [g for answer in pool.map(shared.identify_many, batches) for g in answer]
    assert got == expected
