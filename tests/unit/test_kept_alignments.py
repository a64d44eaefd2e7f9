"""Automatic alignments kept between runs in the document cache: a second run reads them instead of
aligning again (the first concordance of a big library took seconds for this), a changed text or
changed code is aligned anew, and an unreadable entry is made again."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from viewer.core.align import service as align_service
from viewer.core.align import stored
from viewer.core.library import cache as cache_module
from viewer.core.library.cache import DocumentCache
from viewer.core.library.library import Library
from viewer.core.pairs import service as pairs_service
from viewer.core.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "data" / "pairs" / "interview"
EN, NB = "interview/en_interview_notes", "interview/nb_intervju"


def opened(state: Path) -> Workspace:
    library = Library(state / "collections.sqlite3", DocumentCache(state / "documents.sqlite3"))
    return Workspace.open(library=library, bookmarks=False, pairs=state / "pairs.sqlite3", corrections=False)


def refuse(*_args, **_kwargs):
    raise AssertionError("aligned again although the alignment was kept")


def test_a_second_run_reads_the_kept_alignments(tmp_path, monkeypatch):
    state = tmp_path / "state"
    folder = Path(shutil.copytree(FIXTURES, tmp_path / "interview"))
    with opened(state) as workspace:
        workspace.import_paths([folder])
        thesis = workspace.alignment(workspace.document("thesis"))
        news = workspace.alignment(workspace.document("news"))  # no two parts: None is kept too
        pair = workspace.pair_alignment(EN, NB)
        assert thesis is not None and thesis.translated and news is None and pair.translated
    monkeypatch.setattr(align_service, "align_document", refuse)
    monkeypatch.setattr(pairs_service, "align_pair", refuse)
    with opened(state) as workspace:
        assert workspace.alignment(workspace.document("thesis")) == thesis
        assert workspace.alignment(workspace.document("news")) is None
        assert workspace.pair_alignment(EN, NB) == pair


def test_changed_text_or_code_or_an_unreadable_entry_is_aligned_again(tmp_path, monkeypatch, corpus):
    cache = DocumentCache(tmp_path / "documents.sqlite3")
    thesis = corpus.get("thesis")
    made = align_service.Aligning(align_service.CorrectionStore(":memory:"), cache).automatic(thesis)
    assert stored.load_document(cache, thesis) == (True, made)
    key = stored.document_key(thesis)
    cache.keep_derived(key, b"not zlib")
    assert stored.load_document(cache, thesis) == (False, None)
    shorter = dataclasses.replace(thesis, text=thesis.text[:-1] + " ")
    assert stored.document_key(shorter) != key
    cache.keep_derived(key, stored._pack(None))
    monkeypatch.setattr(cache_module, "builder_version", lambda: "other code")
    assert cache.derived(key) is None  # made by other code: void


@pytest.mark.parametrize("broken", [b"", b"\x78\x9c\x03\x00\x00\x00\x00\x01"])
def test_kept_text_alignments_that_cannot_be_read_are_made_again(tmp_path, broken):
    cache = DocumentCache(tmp_path / "documents.sqlite3")
    key = stored.texts_key("a", "b", "en", "nb")
    cache.keep_derived(key, broken)
    assert stored.load_texts(cache, key) is None
