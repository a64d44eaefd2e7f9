"""Colours that follow the system palette: language tints, badges and highlights, light or dark."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

# One hue per language label; tints are mixed from these and the palette's base colour.
LANG_HUES = {"en": "#3b6fd8", "nb": "#d9822b", "nn": "#2e9d5b", "und": "#8a8a8a"}
HIT = "#f5c518"
COUNTERPART = "#7fb3ff"
LOW_CONFIDENCE = "#e05d44"
BOOKMARK = "#b04fd0"
EDITED = "#f0a030"  # a pair the user corrected
CONFIRMED = "#3fae5a"  # a pair the user confirmed


def palette() -> QPalette:
    app = QApplication.instance()
    return app.palette() if isinstance(app, QApplication) else QPalette()


def is_dark() -> bool:
    return palette().color(QPalette.ColorRole.Base).lightness() < 128


def mix(a: QColor | str, b: QColor | str, share_of_b: float) -> QColor:
    ca, cb = QColor(a), QColor(b)
    t = max(0.0, min(1.0, share_of_b))
    return QColor(
        round(ca.red() * (1 - t) + cb.red() * t),
        round(ca.green() * (1 - t) + cb.green() * t),
        round(ca.blue() * (1 - t) + cb.blue() * t),
    )


def lang_tint(lang: str) -> QColor:
    """A subtle background for a passage in `lang`."""
    base = palette().color(QPalette.ColorRole.Base)
    return mix(base, LANG_HUES.get(lang, LANG_HUES["und"]), 0.22 if is_dark() else 0.09)


def lang_badge(lang: str) -> QColor:
    """A stronger colour for the small language badge."""
    base = palette().color(QPalette.ColorRole.Base)
    return mix(base, LANG_HUES.get(lang, LANG_HUES["und"]), 0.65 if is_dark() else 0.8)


def hit_cell(lang: str) -> QColor:
    """The background of a side-by-side cell holding a search match: its language tint, warmed."""
    return mix(lang_tint(lang), HIT, 0.25 if is_dark() else 0.22)


def highlight(kind: str) -> QColor:
    """Background for a search hit ("hit"), a pair counterpart ("counterpart"), a bookmark, a pair of
    low confidence ("low"), one the user corrected ("edited") or confirmed ("confirmed")."""
    hue = {
        "hit": HIT,
        "counterpart": COUNTERPART,
        "bookmark": BOOKMARK,
        "low": LOW_CONFIDENCE,
        "edited": EDITED,
        "confirmed": CONFIRMED,
    }[kind]
    base = palette().color(QPalette.ColorRole.Base)
    if kind == "hit":  # marked words carry dark text, so the mark stays light in a dark palette
        return mix(base, hue, 0.8 if is_dark() else 0.45)
    return mix(base, hue, 0.55 if is_dark() else 0.45)


def dimmed_text() -> QColor:
    """Quiet text as an opaque colour: Qt's placeholder colour is often the text colour at half
    alpha, which HTML (`QColor.name()`) would turn back into full black."""
    pal = palette()
    colour = pal.color(QPalette.ColorRole.PlaceholderText)
    if colour.alpha() == 255:
        return colour
    opaque = QColor(colour)
    opaque.setAlpha(255)
    return mix(pal.color(QPalette.ColorRole.Base), opaque, colour.alphaF())


LANG_NAMES = {"en": "English", "nb": "Norwegian Bokmål", "nn": "Norwegian Nynorsk", "und": "undetermined"}


def dark_palette() -> QPalette:
    """A dark palette (for screenshots and for platforms that report dark mode without one)."""
    p = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#2b2d30",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1e1f22",
        QPalette.ColorRole.AlternateBase: "#26282b",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#33363a",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.Highlight: "#3d6bb3",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#33363a",
        QPalette.ColorRole.ToolTipText: "#e6e6e6",
        QPalette.ColorRole.PlaceholderText: "#8c8f94",
        QPalette.ColorRole.Link: "#7fb3ff",
        QPalette.ColorRole.BrightText: "#ff6b6b",
    }
    for role, colour in colours.items():
        p.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6f7277"))
    return p


_SYSTEM: list[tuple[str, QPalette]] = []  # the platform's style and palette, before any was forced


def apply_color_scheme(app: QApplication, scheme: str) -> None:
    """Force "light" or "dark" (Fusion style); "system" goes back to the platform's choice."""
    if not _SYSTEM:
        _SYSTEM.append((app.style().name(), QPalette(app.palette())))
    if scheme == "system":
        name, system = _SYSTEM[0]
        if app.style().name() != name:
            app.setStyle(name)
        app.setPalette(system)
        return
    app.setStyle("Fusion")
    app.setPalette(dark_palette() if scheme == "dark" else app.style().standardPalette())
