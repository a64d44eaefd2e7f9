"""Issue 17's patterns on the hand-written category sets (tests/data/langid/categories): text in
capitals, names opening Norwegian sentences, short text valid in both standards, bookmarks of
unlabelled selections, and splits of fields made of short sentences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from viewer.core.align.document import align_text
from viewer.core.align.split import find_split
from viewer.core.bookmarks.creating import new_bookmark
from viewer.core.corpus.build import build_document
from viewer.core.language.identify import identify

DATA = Path(__file__).resolve().parents[1] / "data"
CATEGORIES = DATA / "langid" / "categories"


def rows(name: str) -> list[tuple[str, str]]:
    lines = (CATEGORIES / name).read_text(encoding="utf-8").splitlines()[1:]
    return [(cells[0], cells[3]) for cells in (line.split("\t", 3) for line in lines)]


def test_capitals_are_read_as_their_language():
    items = rows("upper.tsv")
    english_or_not = sum((identify(t).lang.value == "en") == (label == "en") for label, t in items)
    assert english_or_not == len(items)  # measured 36/36 (11/36 before the fix)
    assert identify("SØKNAD OM ØKONOMISK SOSIALHJELP").lang.value == "nb"


def test_a_row_of_acronyms_stays_undetermined():
    assert identify("IPS NAV OECD").lang.value == "und"


@pytest.mark.parametrize(
    "text",
    ["Christopher Wilson jobber i NAV.", "Heather bur på Voss.", "Wheatley har flyttet.", "Wright var statsminister."],
)
def test_an_english_looking_name_does_not_make_a_norwegian_sentence_english(text):
    guess = identify(text)
    assert guess.lang.value in ("nb", "nn") and guess.confidence < 0.8


def test_names_first_sentences_are_norwegian_and_never_confidently_wrong():
    items = rows("names_no.tsv")
    guesses = [identify(t) for _, t in items]
    assert all(g.lang.value in ("nb", "nn") for g in guesses)
    assert not [
        g for (label, _), g in zip(items, guesses, strict=True) if g.lang.value != label and g.confidence >= 0.8
    ]


def test_short_text_valid_in_both_standards_is_unsure_and_the_document_decides():
    items = [t for _, t in rows("both_nbnn.tsv")]
    unsure = sum(identify(t).confidence < 0.75 for t in items)
    assert unsure >= len(items) - 2  # measured 30/31 (28/31 before)
    context = (
        "Rapporten beskriver hvordan kommunene arbeider med unge som står utenfor arbeidslivet. Vi har "
        "intervjuet veiledere og ledere i fem kommuner, og de forteller at samarbeidet ofte er tilfeldig."
    )
    labelled = 0
    for text in items:
        body = f"{context}\n\n{text}\n\n{context}\n"
        doc = build_document("probe", body, "plain", None)
        start = body.index(text)
        labelled += next(p.lang.value for p in doc.passages if p.start <= start < p.end) == "nb"
    assert labelled >= len(items) - 2  # measured 30/31 (26/31 before)


def test_a_selection_in_an_unlabelled_heading_takes_a_language():
    body = (
        "SAMSPEL OG SAMARBEID\n\nRapporten beskriver hvordan kommunene arbeider med unge som står utenfor "
        "arbeidslivet, og hvordan samarbeidet mellom skolen og tjenestene fungerer.\n"
    )
    doc = build_document("probe", body, "plain", None)
    start = body.index("SAMARBEID")
    assert new_bookmark(doc, start=start, end=start + len("SAMARBEID")).lang != "und"


def test_short_sentence_fields_split_exactly_both_ways():
    records = [json.loads(line) for line in (DATA / "split" / "short_fields.jsonl").open(encoding="utf-8")]
    exact = 0
    for r in records:
        for first, second in ((r["en"], r["no"]), (r["no"], r["en"])):
            head = " ".join(first)
            found = find_split(f"{head} {' '.join(second)}")
            exact += found is not None and found.offset == len(head) + 1
        assert find_split(" ".join(r["en"])) is None and find_split(" ".join(r["no"])) is None
    assert exact >= 0.95 * 2 * len(records)  # measured 52/52 (46/52 before; plain baseline 51/52)


def test_a_short_english_sentence_labelled_norwegian_stays_in_the_english_half():
    text = "Open the app. Log in with BankID. Choose your service. Press send. "
    text += "Åpne appen. Logg inn med BankID. Velg tjenesten din. Trykk på send."
    field = align_text(text)
    assert field.split == text.index("Åpne")
    assert sum(1 for p in field.pairs if p.source and p.target) == 4
