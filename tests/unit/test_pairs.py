"""Finding documents that translate each other, through the Workspace on real files imported into a
temporary library (its own registry, document cache and pair store; the bundled corpus is there too).

The fixtures (tests/data/pairs) are short real texts: an interview note in English, Bokmål and
Nynorsk, a library report as `report_en.txt` / `report_no.txt`, a harbour survey under unrelated
names, a `report_en.txt` about fishing beside a `report_no.txt` about welfare services, and two
texts with no translation.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import CORPUS_DIR
from viewer.core.errors import UserError
from viewer.core.library.cache import DocumentCache
from viewer.core.library.library import Library
from viewer.core.pairs.model import CONFIDENT
from viewer.core.workspace import Workspace

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "pairs"
BUNDLED = ("thesis", "slides", "project", "article", "news")


def open_workspace(state: Path, **kwargs: object) -> Workspace:
    library = Library(state / "collections.sqlite3", DocumentCache(state / "documents.sqlite3"), bundled=CORPUS_DIR)
    return Workspace.open(library=library, bookmarks=False, pairs=state / "pairs.sqlite3", **kwargs)  # type: ignore[arg-type]


def keyed(workspace: Workspace) -> dict[frozenset[str], object]:
    return {frozenset({p.source, p.target}): p for p in workspace.pairs()}


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    root = tmp_path_factory.mktemp("pairs")
    shutil.copytree(FIXTURES, root / "texts")
    workspace = open_workspace(root / "state")
    workspace.import_paths([root / "texts"])
    yield workspace
    workspace.close()


def confident(workspace: Workspace) -> set[frozenset[str]]:
    return {frozenset({p.source, p.target}) for p in workspace.pairs() if p.confident}


def test_hinted_names_with_translated_content_are_a_confident_pair(library):
    pair = keyed(library)[frozenset({"texts/library/report_en", "texts/library/report_no"})]
    assert pair.status == "suggested" and pair.score >= CONFIDENT
    assert pair.source == "texts/library/report_en" and pair.languages == ("en", "nb")  # English first
    assert pair.source_path.endswith("library/report_en.txt")


def test_unhinted_names_with_translated_content_are_a_confident_pair(library):
    pair = keyed(library)[frozenset({"texts/harbour/harbour_survey", "texts/harbour/kartlegging_havna"})]
    assert pair.score >= CONFIDENT and pair.languages == ("en", "nb")


def test_english_bokmaal_and_nynorsk_versions_are_a_group_of_three_pairs(library):
    en, nb, nn = "texts/interview/en_interview_notes", "texts/interview/nb_intervju", "texts/interview/nn_referat"
    pairs = keyed(library)
    assert {pairs[frozenset(k)].languages for k in ((en, nb), (en, nn), (nb, nn))} == {
        ("en", "nb"),
        ("en", "nn"),
        ("nb", "nn"),
    }
    assert all(pairs[frozenset(k)].score >= CONFIDENT for k in ((en, nb), (en, nn), (nb, nn)))
    assert {p.other(en) for p in library.counterparts(en)} == {nb, nn}


def test_same_names_with_unrelated_content_are_never_confident(library):
    trap = frozenset({"texts/trap/report_en", "texts/trap/report_no"})
    pair = keyed(library).get(trap)
    assert pair is None or pair.score < CONFIDENT  # fishing in Finnmark vs NAV and child welfare
    for doc in trap:
        assert not [p for p in library.counterparts(doc) if p.confident]


def test_texts_without_a_translation_stay_single(library):
    for doc in ("texts/singles/minutes", "texts/singles/notat_om_sykefravaer"):
        assert not [p for p in library.counterparts(doc) if p.confident]


def test_a_document_has_at_most_one_counterpart_per_language(library):
    places = [(p.source, p.languages[1]) for p in library.pairs() if p.status != "rejected"]
    places += [(p.target, p.languages[0]) for p in library.pairs() if p.status != "rejected"]
    assert len(places) == len(set(places))


def test_the_bundled_corpus_has_no_confident_pairs(library):
    """The five bundled documents are each one work (a thesis record, slides, a project page, an
    article, a news item), most of them bilingual in themselves; none translates another, though
    they share a topic (activation work, NAV) and names: a suggestion among them may exist, to
    confirm, but never a confident one."""
    for pair in library.pairs():
        if pair.source in BUNDLED and pair.target in BUNDLED:
            assert pair.score < CONFIDENT, pair


def test_finding_again_on_an_unchanged_library_does_no_work(library, monkeypatch):
    from viewer.core.pairs import finder

    before = library.pairs()

    def fail(*_args, **_kwargs):
        raise AssertionError("the finder ran on an unchanged corpus")

    monkeypatch.setattr(finder, "find", fail)
    assert library.find_pairs() == before


def test_user_errors_are_one_line(library):
    en, nb = "texts/library/report_en", "texts/library/report_no"
    cases = [(en, en, "itself"), (en, "texts/singles/minutes", "both in English"), (en, "nope", "unknown document")]
    for a, b, message in cases:
        with pytest.raises(UserError, match=message) as caught:
            library.pair_add(a, b)
        assert "\n" not in str(caught.value)
    with pytest.raises(UserError, match="not a pair"):
        library.pair_confirm(en, "texts/harbour/kartlegging_havna")
    with pytest.raises(UserError, match="not a pair"):
        library.pair_remove(nb, "texts/harbour/harbour_survey")


def test_the_alignment_of_a_pair_pairs_its_sentences(library):
    en, nb = "texts/harbour/harbour_survey", "texts/harbour/kartlegging_havna"
    alignment = library.pair_alignment(nb, en)  # either order: the English side is the source
    assert alignment.translated and tuple(alignment.languages) == ("en", "nb")
    source, target = library.document(en).text, library.document(nb).text
    pairs = [
        (source[p.source[0] : p.source[1]], target[p.target[0] : p.target[1]])
        for p in alignment.pairs
        if p.source and p.target
    ]
    assert (
        "The results will be discussed at the board meeting in October.",
        "Resultatene skal drøftes i styremøtet i oktober.",
    ) in pairs
    assert library.pair_alignment(en, nb) is alignment  # cached per pair of texts
