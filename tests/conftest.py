"""Test configuration: offscreen Qt, user folders redirected to a temporary place, one corpus."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# User data and caches never touch the real home folder (platformdirs honours XDG on Linux).
_SANDBOX = Path(tempfile.mkdtemp(prefix="corpus-viewer-tests-"))
for _name in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
    os.environ[_name] = str(_SANDBOX / _name.lower())

ROOT = Path(__file__).resolve().parents[1]
CORPUS_DIR = ROOT / "viewer" / "corpus"


@pytest.fixture(scope="session")
def corpus():
    """The bundled corpus, loaded once for the whole run (it is immutable)."""
    from viewer.core.corpus.model import Corpus
    from viewer.core.library.bundled import bundled_documents

    return Corpus(tuple(bundled_documents(CORPUS_DIR)))
