"""Where a document build spends its time, by stage, without a profiler's distortion.

`StageTimer` wraps the entry points of each stage while it is active and adds up CPU time
(time.process_time) per stage, counting only the outermost wrapped call (language identification
done inside the bilingual split counts as the split). What no stage claims is reported as the
rest (parsing into drafts, building the passages and sentences). The reader's last step, the
pair profile (`viewer.core.pairs.kept.entry`), is timed apart, split into its anchors (numbers,
dates, names, links), its words and the rest (packing). Used by import_folder_bench:

    python benchmarks/stage_timer.py FOLDER    # the checkout on PYTHONPATH (or the installed one)
"""

from __future__ import annotations

import functools
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

PROFILE_ANCHORS = "pair profile: anchors"
PROFILE_WORDS = "pair profile: words"


class StageTimer:
    def __init__(self) -> None:
        from viewer.core.corpus import build, drafts
        from viewer.core.language.identify import LanguageIdentifier
        from viewer.core.library.formats import EXTRACTORS
        from viewer.core.pairs import profile

        self.seconds: dict[str, float] = {}
        self._depth = 0
        self._targets: list[tuple[Any, str, str]] = [
            (LanguageIdentifier, "identify", "language identification"),
            (LanguageIdentifier, "identify_many", "language identification"),
            (LanguageIdentifier, "norwegian_variant", "language identification"),
            (build, "split_sentences", "sentence segmentation"),
            (build, "find_split", "bilingual split (with its langid)"),
            (drafts, "is_noise", "noise detection"),
            (profile, "anchors_of", PROFILE_ANCHORS),
            (profile, "_units", PROFILE_WORDS),
        ]
        self._extractors = EXTRACTORS
        self._saved: list[tuple[Any, str, Any]] = []

    def _wrap(self, function: Callable[..., Any], label: str) -> Callable[..., Any]:
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            if self._depth:
                return function(*args, **kwargs)
            self._depth += 1
            start = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[label] = self.seconds.get(label, 0.0) + time.process_time() - start
                self._depth -= 1

        return timed

    def __enter__(self) -> StageTimer:
        for owner, name, label in self._targets:
            original = getattr(owner, name)
            self._saved.append((owner, name, original))
            setattr(owner, name, self._wrap(original, label))
        for suffix, (fmt, extractor) in list(self._extractors.items()):
            self._saved.append((self._extractors, suffix, (fmt, extractor)))
            self._extractors[suffix] = (fmt, self._wrap(extractor, "extraction (decode)"))
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        for owner, name, original in reversed(self._saved):
            if owner is self._extractors:
                self._extractors[name] = original
            else:
                setattr(owner, name, original)
        self._saved = []

    def split(self, total: float) -> list[tuple[str, float]]:
        """(stage, seconds) by time, and the rest of `total`."""
        rows = sorted(((k, v) for k, v in self.seconds.items() if not k.startswith("pair")), key=lambda kv: -kv[1])
        return [*rows, ("rest (drafts, passages, sentences)", total - sum(v for _k, v in rows))]

    def profile_split(self, total: float) -> list[tuple[str, float]]:
        """The pair profiles' (stage, seconds), and the rest of their `total`."""
        rows = [(k, self.seconds.get(k, 0.0)) for k in (PROFILE_ANCHORS, PROFILE_WORDS)]
        return [*rows, ("pair profile: rest (sentences, packing)", total - sum(v for _k, v in rows))]


def main(folder: Path) -> None:
    """Build every file of `folder` as one reader does and print the CPU time by stage."""
    from viewer.core.language.identify import get_identifier
    from viewer.core.library import importers
    from viewer.core.library.cache import to_blob
    from viewer.core.pairs import kept
    from viewer.core.pairs.words import word_keys

    get_identifier().identify("Dette er ein test.")  # the models load outside the timing
    word_keys()  # as a reader does before its first file
    data = [(path, path.read_bytes()) for path in sorted(folder.rglob("*.*"))]
    gc.disable()  # as a reader builds (viewer.core.library.reader.serve)
    with StageTimer() as timer:
        t0 = time.process_time()
        docs = [importers.build_imported(f"c/{i}", d, p, "c") for i, (p, d) in enumerate(data)]
        t1 = time.process_time()
        for doc in docs:
            to_blob(doc)
        t2 = time.process_time()
        for doc in docs:
            kept.entry(doc)
        t3 = time.process_time()
    mb = sum(len(d) for _p, d in data) / 1e6
    langid = timer.seconds.get("language identification", 0.0)
    print(f"stages of one reader's work (CPU s, one process, {mb:.2f} MB; build {mb / (t1 - t0):.2f} MB/s):")
    rows = [*timer.split(t1 - t0), ("cache entry (to_blob)", t2 - t1), *timer.profile_split(t3 - t2)]
    for label, seconds in rows:
        print(f"  {label:40s}{seconds:7.2f}  {100 * seconds / (t3 - t0):5.1f}%")
    print(f"  {'all':40s}{t3 - t0:7.2f}  (without language identification: {t3 - t0 - langid:.2f})")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
