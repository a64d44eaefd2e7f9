"""The screenshots' pair of documents: field notes in English and their Bokmål translation, imported
into a scratch library (never the user's), searched, and read side by side with the hit lit."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from viewer.ui.main_window import MainWindow

QUERY = "fredag OR Friday"
TEXTS = {
    "field_notes_bodo.txt": """Field notes: employer meetings in Bodø

Observation at the NAV office in Bodø on 21 May 2024, recorded by Marit Johansen. Three job specialists and two \
employers took part; the meeting lasted 95 minutes.

The meeting opened with a review of the eleven placements made since January. Eight of the participants were still \
in work after three months, and two had moved on to permanent posts. One placement ended after a conflict about \
working hours.

Employer A, a building supplies store with 40 employees, asked for closer contact in the first weeks. "We want a \
phone number that answers the same day," the manager said. The job specialists promised to drop by every second \
Friday until the summer holiday.

Employer B found the training too short. New staff needed at least two weeks before they could work alone at the \
till, while the support plan only allowed for five days. The team will propose a longer start-up period to the \
municipality.

In the discussion, Johansen noted that the specialists used first names for the participants and spoke of them as \
colleagues. The next observation is planned for 3 September 2024.
""",
    "feltnotat_bodo.txt": """Feltnotat: arbeidsgivermøter i Bodø

Observasjon ved NAV-kontoret i Bodø 21. mai 2024, skrevet ned av Marit Johansen. Tre jobbspesialister og to \
arbeidsgivere deltok, og møtet varte i 95 minutter.

Møtet startet med en gjennomgang av de elleve plasseringene som er gjort siden januar. Åtte av deltakerne var \
fortsatt i arbeid etter tre måneder, og to hadde gått over i faste stillinger. Én plassering ble avsluttet etter en \
konflikt om arbeidstiden.

Arbeidsgiver A, en byggevarehandel med 40 ansatte, ba om tettere kontakt de første ukene. «Vi vil ha et \
telefonnummer som svarer samme dag», sa lederen. Jobbspesialistene lovet å komme innom annenhver fredag fram til \
sommerferien.

Arbeidsgiver B mente opplæringen var for kort. Nyansatte trengte minst to uker før de kunne jobbe alene i kassen, \
mens støtteplanen bare ga rom for fem dager. Teamet vil foreslå en lengre oppstartsperiode for kommunen.

I diskusjonen noterte Johansen at spesialistene brukte fornavn om deltakerne og snakket om dem som kolleger. Neste \
observasjon er planlagt til 3. september 2024.
""",
}


def pair_screen(app: Any, window: MainWindow, scratch: Path, wait_until: Callable[..., None]) -> None:
    """Import the two texts into a scratch library, attach it to `window`, search, and open the
    Bokmål hit side by side with the English notes. Blocking is fine: nothing is on screen yet."""
    from viewer.core.library.library import Library
    from viewer.core.search.cache import IndexCache
    from viewer.core.workspace import Workspace

    folder = scratch / "field-notes"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    library = Library(scratch / "collections.sqlite3", scratch / "documents.sqlite3")
    workspace = Workspace.open(
        library=library,
        bookmarks=False,
        pairs=scratch / "pairs.sqlite3",
        corrections=scratch / "corrections.sqlite3",
        index_cache=IndexCache(scratch / "index"),
        isolate=True,
    )
    workspace.open_index()
    workspace.import_paths([folder])
    english, bokmaal = "field-notes/field_notes_bodo", "field-notes/feltnotat_bodo"
    if not any(p.confident for p in workspace.counterparts(bokmaal)):
        workspace.pair_add(english, bokmaal)  # should the finder ever miss them, the screen still shows a pair
    window.attach(workspace)
    panel = window.search_panel
    assert panel is not None
    panel.query_edit.setText(QUERY)
    panel.search_now()
    wait_until(app, functools.partial(_has_results, panel))
    hit = next(h for h in panel.model.items if getattr(h, "doc_id", "") == bokmaal)
    panel.results.setCurrentIndex(panel.model.index(panel.model.items.index(hit)))
    window.open_hit(hit)
    wait_until(app, functools.partial(_side_by_side, window))


def _has_results(panel: Any) -> bool:
    return bool(panel.shown_generation == panel.generation and panel.model.rowCount() > 0)


def _side_by_side(window: Any) -> bool:
    alignment = window.pairs.alignment
    return bool(window.stack.currentWidget() is window.pairs and alignment is not None and alignment.two_documents)


def correct_some(window: MainWindow) -> None:
    """Confirm the first three pairs and re-cut the fourth and fifth (merged, then split again), as
    a reviewer working down the alignment does: the screen shows ✓ and ✎ beside the scores."""
    from viewer.ui.pair_view import SOURCE

    editor = window.pair_editor
    window.pairs.select_cell(0, SOURCE)
    for _ in range(3):
        editor.do_confirm()
    editor.do_merge_next()
    editor.do_split(after=1)
