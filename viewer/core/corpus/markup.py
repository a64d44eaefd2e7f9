"""Inline markup left in a text (`<u>…</u>`, `*…*`, `**…**`, `> ` quote markers, `# ` heading
markers) read as display runs: the text a reader shows, styled, with every run tied to its exact
offsets in the stored text.

The stored text is never changed: offsets, bookmarks and search matches index it exactly. Only the
view drops the markers, so each run is a verbatim slice `text[start:end]` and an offset inside a
run maps one to one to a position in what is shown (`Rendering.to_shown`, `Rendering.to_source`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from itertools import pairwise

Span = tuple[int, int]


class Style(StrEnum):
    UNDERLINE = "underline"
    EMPHASIS = "emphasis"
    STRONG = "strong"
    QUOTE = "quote"


# Inline HTML that converters and pasted web text leave behind; only these few are read as markup.
_TAG = re.compile(r"</?\s*(u|ins|i|em|b|strong)\s*>", re.IGNORECASE)
_TAG_STYLE = {
    "u": Style.UNDERLINE,
    "ins": Style.UNDERLINE,
    "i": Style.EMPHASIS,
    "em": Style.EMPHASIS,
    "b": Style.STRONG,
    "strong": Style.STRONG,
}
# Markdown emphasis inside one line: the delimiter hugs the words, never a word's inside for `_`.
_STRONG = re.compile(
    r"(?<![\w*])\*\*(?=[^\s*])([^\n]+?)(?<=[^\s*])\*\*(?![\w*])|(?<!\w)__(?=\S)([^\n]+?)(?<=\S)__(?!\w)"
)
_EMPHASIS = re.compile(
    r"(?<![\w*])\*(?=[^\s*])([^\n*]+?)(?<=[^\s*])\*(?![\w*])|(?<!\w)_(?=[^\s_])([^\n_]+?)(?<=\S)_(?!\w)"
)
# Line starts: quote markers ("> ", "> > "), Markdown heading markers ("## ").
# A bullet before the marker ("- > ", slides converted from decks) is a nested point: the marker is
# hidden, the line is not styled as a quote.
_QUOTE = re.compile(r"^[ \t]{0,3}(?P<bullet>[-•●▪◦*−–][ \t]+)?(?P<marker>(?:>[ \t]?)+)", re.MULTILINE)
_HEADING = re.compile(r"^#{1,6}[ \t]+", re.MULTILINE)
_MARKUP_CHARS = ("<", "*", "_", ">", "#")


@dataclass(frozen=True, slots=True)
class Run:
    """Shown text `source[start:end]` (offsets in the stored text) in `styles`."""

    start: int
    end: int
    styles: frozenset[Style] = frozenset()


@dataclass(frozen=True)
class Rendering:
    """A text as shown: its runs in order; `base` is the offset of `source[0]` (a passage's start)."""

    source: str
    base: int
    runs: tuple[Run, ...]
    _shown_starts: list[int] = field(init=False, repr=False, compare=False)
    _source_starts: list[int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        shown, starts = 0, []
        for run in self.runs:
            starts.append(shown)
            shown += run.end - run.start
        object.__setattr__(self, "_shown_starts", starts)  # frozen: set once, here
        object.__setattr__(self, "_source_starts", [run.start for run in self.runs])

    @property
    def text(self) -> str:
        """What is shown: the runs' text, markers left out."""
        return "".join(self.run_text(run) for run in self.runs)

    def run_text(self, run: Run) -> str:
        return self.source[run.start - self.base : run.end - self.base]

    def to_shown(self, offset: int, *, end: bool = False) -> int:
        """The index in `text` of stored offset `offset`. An offset inside a hidden marker goes to
        the next shown character, or (`end`: the end of a span) to just after the previous one."""
        runs, shown_starts = self.runs, self._shown_starts
        if not runs:
            return 0
        i = bisect.bisect_right(self._source_starts, offset) - 1
        if i < 0:
            return 0
        run = runs[i]
        if offset <= run.end if end else offset < run.end:
            return shown_starts[i] + offset - run.start
        if end or i + 1 >= len(runs):  # in the markers after run i
            return shown_starts[i] + run.end - run.start
        return shown_starts[i + 1]

    def to_source(self, index: int, *, end: bool = False) -> int:
        """The stored offset of shown index `index` (the inverse of `to_shown` on shown text)."""
        runs, shown_starts = self.runs, self._shown_starts
        if not runs:
            return self.base
        i = max(0, bisect.bisect_right(shown_starts, index) - 1)
        if end and i > 0 and index == shown_starts[i]:
            i -= 1  # the end of a span at a run boundary stays before the markers that follow
        run = runs[i]
        return run.start + max(0, min(index - shown_starts[i], run.end - run.start))

    def shown_spans(self, spans: Iterable[Span]) -> list[Span]:
        """Stored spans (e.g. search matches) as spans of `text`; those holding only markers vanish."""
        out = []
        for start, end in spans:
            s, e = self.to_shown(start), self.to_shown(end, end=True)
            if e > s:
                out.append((s, e))
        return out


def has_markup(text: str) -> bool:
    """True when `text` may hold markup (a fast test: most passages hold none)."""
    return any(char in text for char in _MARKUP_CHARS)


def render(text: str, base: int = 0) -> Rendering:
    """`text` (stored at offset `base`) as display runs: markers hidden, what they mark styled."""
    if not text:
        return Rendering(text, base, ())
    if not has_markup(text):
        return Rendering(text, base, (Run(base, base + len(text)),))
    hidden: list[Span] = []
    styled: list[tuple[int, int, Style]] = []
    _line_markers(text, hidden, styled)
    _tags(text, hidden, styled)
    _emphasis(text, hidden, styled)
    return Rendering(text, base, tuple(_runs(len(text), hidden, styled, base)))


def plain(text: str) -> str:
    """`text` as a reader shows it, without its markup (for quotes in lists and dialogs)."""
    return render(text).text


def pieces(text: str, marks: Sequence[Span] = ()) -> list[tuple[str, frozenset[Style], bool]]:
    """`text` as shown, cut into (text, styles, marked) pieces: `marks` are spans of the stored
    text (search matches), so a snippet can be drawn clean with its matches highlighted."""
    rendering = render(text)
    marked = _merge(rendering.shown_spans(marks))
    out: list[tuple[str, frozenset[Style], bool]] = []
    shown = 0
    for run in rendering.runs:
        run_text = rendering.run_text(run)
        cuts = {0, len(run_text)}
        for s, e in marked:
            cuts.update(c - shown for c in (s, e) if shown < c < shown + len(run_text))
        points = sorted(cuts)
        for a, b in pairwise(points):
            inside = any(s <= shown + a and shown + b <= e for s, e in marked)
            out.append((run_text[a:b], run.styles, inside))
        shown += len(run_text)
    return out


# --- finding the markers -------------------------------------------------------------------


def _line_markers(text: str, hidden: list[Span], styled: list[tuple[int, int, Style]]) -> None:
    for match in _QUOTE.finditer(text):
        line_end = text.find("\n", match.end())
        line_end = len(text) if line_end < 0 else line_end
        hidden.append(match.span("marker"))  # the markers only: a bullet before them stays
        if line_end > match.end() and not match.group("bullet"):
            styled.append((match.end(), line_end, Style.QUOTE))
    for match in _HEADING.finditer(text):
        hidden.append((match.start(), match.end()))


def _tags(text: str, hidden: list[Span], styled: list[tuple[int, int, Style]]) -> None:
    """Known inline tags are hidden; a pair styles what it holds. A lone tag (a snippet cut inside
    a pair, a converter's stray `</u>`) is hidden too: it never helps reading."""
    open_tags: dict[str, list[int]] = {}
    for match in _TAG.finditer(text):
        name = match.group(1).lower()
        hidden.append((match.start(), match.end()))
        if not match.group(0).startswith("</"):
            open_tags.setdefault(name, []).append(match.end())
        elif open_tags.get(name):
            styled.append((open_tags[name].pop(), match.start(), _TAG_STYLE[name]))


def _emphasis(text: str, hidden: list[Span], styled: list[tuple[int, int, Style]]) -> None:
    taken: list[Span] = []
    for pattern, style, width in ((_STRONG, Style.STRONG, 2), (_EMPHASIS, Style.EMPHASIS, 1)):
        for match in pattern.finditer(text):
            s, e = match.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            hidden.extend([(s, s + width), (e - width, e)])
            styled.append((s + width, e - width, style))


def _runs(length: int, hidden: list[Span], styled: list[tuple[int, int, Style]], base: int) -> list[Run]:
    """Cut [0, length) at every marker and style edge; drop hidden pieces; join equal neighbours."""
    cuts = {0, length}
    for s, e in hidden:
        cuts.update((s, e))
    for s, e, _style in styled:
        cuts.update((s, e))
    points = sorted(c for c in cuts if 0 <= c <= length)
    runs: list[Run] = []
    for a, b in pairwise(points):
        if any(s <= a and b <= e for s, e in hidden):
            continue
        styles = frozenset(style for s, e, style in styled if s <= a and b <= e)
        if runs and runs[-1].end == base + a and runs[-1].styles == styles:
            runs[-1] = Run(runs[-1].start, base + b, styles)
        else:
            runs.append(Run(base + a, base + b, styles))
    return runs


def _merge(spans: Iterable[Span]) -> list[Span]:
    out: list[Span] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out
