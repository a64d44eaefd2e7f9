"""Pair profiles are made where documents are built (the reader processes) and kept in the document
cache with the alignment checks, so a later run - a restart, one file changed - reads them instead of
making them again, and finds the same pairs as a run that made everything itself. Real files
(tests/data/pairs) and the bundled corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import CORPUS_DIR
from viewer.core.library.cache import DocumentCache
from viewer.core.library.library import Library
from viewer.core.library.reader import Task, run_task
from viewer.core.pairs import kept, service
from viewer.core.pairs import profile as profile_module
from viewer.core.pairs.profile import build_profile, prose
from viewer.core.pairs.service import Pairing
from viewer.core.pairs.store import PairStore
from viewer.core.workspace import Workspace

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "pairs"


def opened(state: Path) -> Workspace:
    library = Library(state / "collections.sqlite3", DocumentCache(state / "documents.sqlite3"), bundled=CORPUS_DIR)
    return Workspace.open(library=library, bookmarks=False, pairs=state / "pairs.sqlite3", corrections=False)


def found(workspace: Workspace) -> list[tuple[str, str, float, str]]:
    return [(p.source, p.target, p.score, p.status) for p in workspace.pairs()]


def refuse(*_args: object, **_kwargs: object) -> None:
    raise AssertionError("made again though it was kept")


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[tuple[str, str, float, str]]]:
    """A library with the pair fixtures imported (through the reader pool) and its pairs found."""
    root = tmp_path_factory.mktemp("kept")
    shutil.copytree(FIXTURES, root / "texts")
    with opened(root / "state") as workspace:
        workspace.import_paths([root / "texts"])
        pairs = found(workspace)
    return root, pairs


def test_a_reader_hands_back_the_profile_of_the_document_it_built():
    path = FIXTURES / "interview" / "en_interview_notes.txt"
    outcome = run_task(Task("interview/en", path.read_bytes(), path, "interview", keep=True))
    document = outcome.document
    assert document is not None and len(outcome.derived) == 1
    key, data = outcome.derived[0]
    assert key == kept.profile_key(document.id, document.fingerprint, str(path))
    made = build_profile(document)
    assert made is not None and made.lang == "en" and made.anchors and made.units and made.links
    assert kept.unpack(data, document.id, document.fingerprint, str(path)) == made


def test_a_kept_profile_reads_back_equal_and_holds_no_prose(corpus):
    for document in corpus.documents:
        made = build_profile(document)
        back = kept.unpack(kept.pack(made), document.id, document.fingerprint, str(document.path))
        assert back == made, document.id
        if made is not None:
            assert not any(isinstance(v, str) and len(v) > 200 for v in vars_of(made)), document.id
            assert len(prose(document)) == made.chars


def vars_of(profile: object) -> list[object]:
    return [getattr(profile, name) for name in profile.__slots__]  # type: ignore[attr-defined]


def test_a_run_after_a_restart_reads_profiles_and_checks_and_finds_the_same_pairs(imported, monkeypatch):
    root, before = imported
    assert any(status == "suggested" and score >= 0.6 for _s, _t, score, status in before)
    state = root / "state"
    (state / "pairs.sqlite3").unlink()  # the finder runs again, in a new process's Pairing
    monkeypatch.setattr(kept, "build_profile", refuse)
    monkeypatch.setattr(service, "check_evidence", refuse)
    with opened(state) as workspace:
        assert found(workspace) == before


def test_the_same_pairs_as_profiles_made_in_the_parent_without_a_cache(imported, tmp_path):
    root, before = imported
    library = Library(root / "state" / "collections.sqlite3", DocumentCache(":memory:"), bundled=CORPUS_DIR)
    with Workspace.open(library=library, bookmarks=False, pairs=False, corrections=False) as workspace:
        workspace.pairing = Pairing(PairStore(":memory:"))  # nothing kept: every profile and check made here
        workspace.find_pairs()
        assert found(workspace) == before


def test_one_changed_file_makes_only_its_own_profile(imported, monkeypatch):
    root, _before = imported
    changed = root / "texts" / "singles" / "minutes.txt"
    changed.write_text(changed.read_text("utf-8") + "\n\nThe board met again on 4 March 2024 in Tromsø.\n", "utf-8")
    with opened(root / "state") as workspace:
        made: list[str] = []
        original = profile_module.build_profile

        def counted(document):  # type: ignore[no-untyped-def]
            made.append(document.id)
            return original(document)

        monkeypatch.setattr(kept, "build_profile", counted)
        workspace.refresh()
        assert made == []  # the reader made the changed file's profile, the parent none
        profile = workspace.pairing.profile(workspace.document("texts/singles/minutes"))
        assert profile is not None and {"d:2024-03-04", profile_module.name_key("Tromsø")} <= profile.anchors


def test_keys_name_the_text_the_path_and_the_code(monkeypatch):
    base = kept.profile_key("a", "fp", "/x/report_en.txt")
    assert (
        len({base, kept.profile_key("b", "fp", "/x/report_en.txt"), kept.profile_key("a", "fp2", "/x/report_en.txt")})
        == 3
    )
    assert kept.profile_key("a", "fp", "/x/report_no.txt") != base and kept.profile_key("a", "fp", None) != base
    assert kept.profile_key("a", "fp", "/x/\udcff.txt")  # a name that is not UTF-8 is hashed, not stored
    check = kept.check_key("s", "t", "en", "nb")
    assert check != kept.check_key("s", "t", "en", "nn") != kept.check_key("t", "s", "en", "nb")
    monkeypatch.setattr(kept, "code_version", lambda: "edited")
    assert kept.profile_key("a", "fp", "/x/report_en.txt") != base and kept.check_key("s", "t", "en", "nb") != check


def test_an_unreadable_kept_entry_is_made_again(corpus):
    cache = DocumentCache(":memory:")
    document = corpus.get("thesis")
    key = kept.profile_key(document.id, document.fingerprint, str(document.path) if document.path else None)
    for junk in (b"not zlib", kept.pack(None)[:5], __import__("zlib").compress(b'["xx", 1]')):
        cache.keep_derived(key, junk)
        made = kept.profile(cache, document, document.fingerprint)
        assert made == build_profile(document) and made is not None
        assert cache.derived(key) == kept.pack(made)  # kept again, readable
    cache.keep_derived(kept.check_key("s", "t", "en", "nb"), b"\x00junk")
    assert kept.load_check(cache, kept.check_key("s", "t", "en", "nb")) is None
