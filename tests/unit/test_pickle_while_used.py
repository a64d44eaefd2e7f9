"""A corpus handed to a child process (the app's index build) is pickled in a worker thread while
the window reads it: a document opened (its text unpacked, its fingerprint hashed) or looked up
by id at that moment must not break the pickling ("dictionary changed size during iteration"),
and what arrives equals what was sent."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import PurePosixPath

from viewer.core.corpus.model import Corpus, Document
from viewer.core.library.entry import from_blob, to_blob


class _UsedMeanwhile(PurePosixPath):
    """A path whose pickling runs `meanwhile` first: what another thread does at that moment."""

    meanwhile = staticmethod(lambda: None)

    def __reduce__(self):  # type: ignore[override]
        type(self).meanwhile()
        return PurePosixPath, (str(self),)


def test_a_corpus_looked_up_while_it_is_pickled(corpus):
    document = dataclasses.replace(corpus.documents[0], path=_UsedMeanwhile("/reports/a.txt"))
    live = Corpus((document, *corpus.documents[1:]))
    _UsedMeanwhile.meanwhile = staticmethod(lambda: live.get(corpus.documents[-1].id))
    copy = pickle.loads(pickle.dumps(live))
    assert copy.ids() == live.ids() and copy.get(document.id).text == document.text


def test_a_document_hashed_while_it_is_pickled(corpus):
    document = dataclasses.replace(corpus.documents[0], path=_UsedMeanwhile("/reports/a.txt"))
    assert "fingerprint" not in document.__dict__
    _UsedMeanwhile.meanwhile = staticmethod(lambda: document.fingerprint)
    copy: Document = pickle.loads(pickle.dumps(document))
    assert copy == document and copy.fingerprint == document.fingerprint


def test_a_stored_document_unpacked_while_it_is_pickled(corpus):
    stored = from_blob(to_blob(dataclasses.replace(corpus.documents[0], path=_UsedMeanwhile("/reports/a.txt"))))
    assert not stored.unpacked
    _UsedMeanwhile.meanwhile = staticmethod(lambda: (stored.text, stored.fingerprint))
    copy = pickle.loads(pickle.dumps(stored))
    assert copy == corpus.documents[0].__class__(
        **{f.name: getattr(stored, f.name) for f in dataclasses.fields(Document)}
    )
    assert copy.passages == stored.passages and copy.passage_count == stored.passage_count
