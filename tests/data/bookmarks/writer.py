"""A bookmark writer for the crash tests: adds bookmarks in a loop and prints each id after its commit.

Usage: python writer.py DB_PATH LABEL COUNT   (COUNT 0 = until killed)
Each printed line `<id>\t<label>\t<n>` is flushed only after `add` returned, i.e. after COMMIT, so
every line the parent reads names a bookmark that must survive a kill.
"""

from __future__ import annotations

import sys

from viewer.core.bookmarks.store import BookmarkStore
from viewer.core.corpus.model import Document, DocumentMeta

TEXT = ("Individuell jobbstøtte (IPS) i NAV: «arbeid først» 🎉. " * 40).strip()


def note_for(label: str, n: int) -> str:
    return f"{label} bokmerke {n}: æøå «sitat» 🎉\nlinje to\n" + "x" * (n % 50)


def main() -> None:
    path, label, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    document = Document(id="crash", text=TEXT, meta=DocumentMeta(title="Crash test", kind="plain"), passages=())
    with BookmarkStore(path, timeout=30) as store:
        n = 0
        while count == 0 or n < count:
            start = (n * 7) % (len(TEXT) - 40)
            bookmark = store.add(document, start=start, end=start + 30, note=note_for(label, n), tags=[label])
            sys.stdout.write(f"{bookmark.id}\t{label}\t{n}\n")
            sys.stdout.flush()
            n += 1


if __name__ == "__main__":
    main()
