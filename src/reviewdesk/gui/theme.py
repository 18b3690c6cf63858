"""Colours, labels, underline styles and icons for categories, severities and actions.

Highlight backgrounds are translucent so one colour reads on a light or a dark page; underline
and icon colours are lightened on dark palettes. Icons are our SVGs in reviewdesk.resources/icons,
drawn in one placeholder colour that is swapped for the palette's text colour (or a category's).
"""
from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from PySide6.QtCore import QByteArray, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap, QTextCharFormat
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

NOTE = "note"          # span notes share the flag list and the highlight layer
_PLACEHOLDER = "#010203"

# Hues chosen to stay apart from each other for the common forms of colour blindness as far as
# seven hues can; the icon and the label carry the category too, never the colour alone.
CATEGORY_COLOURS = {
    "spelling": "#e5484d",
    "grammar": "#3e63dd",
    "readability": "#8e4ec6",
    "repetition": "#f76b15",
    "consistency": "#12a594",
    "sourcing": "#d6409f",
    "filler": "#a18072",
    "claims": "#0090ff",
    NOTE: "#ffb224",
}
FALLBACK_COLOUR = "#8b8d98"
CATEGORY_ORDER = ("spelling", "grammar", "readability", "repetition", "consistency", "sourcing",
                  "filler", "claims", NOTE)
_LABELS = {NOTE: "Notes"}

STATUS_LABELS = {"pending": "Pending", "accepted": "Accepted", "dismissed": "Dismissed",
                 "outdated": "Outdated", NOTE: "Note"}
SEVERITY_LABELS = {3: "Error", 2: "Warning", 1: "Suggestion", 0: "Info"}
SEVERITY_RANK = {"error": 3, "warning": 2, "suggestion": 1, "info": 0}

# Severity is drawn as the underline: wavy for errors, solid, dashed, dotted.
_UNDERLINES = {
    3: QTextCharFormat.UnderlineStyle.SpellCheckUnderline,
    2: QTextCharFormat.UnderlineStyle.SingleUnderline,
    1: QTextCharFormat.UnderlineStyle.DashUnderline,
    0: QTextCharFormat.UnderlineStyle.DotLine,
}


def category_label(category: str) -> str:
    return _LABELS.get(category, category.replace("_", " ").replace("-", " ").capitalize())


def category_sort_key(category: str) -> tuple[int, str]:
    try:
        return (CATEGORY_ORDER.index(category), category)
    except ValueError:
        return (len(CATEGORY_ORDER), category)


def is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QApplication.palette()
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def category_colour(category: str, dark: bool | None = None) -> QColor:
    colour = QColor(CATEGORY_COLOURS.get(category, FALLBACK_COLOUR))
    if dark if dark is not None else is_dark():
        colour = colour.lighter(135)
    return colour


def highlight_format(category: str, severity: int, *, reviewed: bool = False,
                     dark: bool | None = None) -> QTextCharFormat:
    """The look of a flagged passage: tinted background while pending, a thin line once accepted."""
    dark = is_dark() if dark is None else dark
    colour = category_colour(category, dark)
    fmt = QTextCharFormat()
    if category == NOTE:
        tint = QColor(colour)
        tint.setAlpha(90 if dark else 70)
        fmt.setBackground(tint)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        fmt.setUnderlineColor(colour)
        return fmt
    if not reviewed:
        tint = QColor(colour)
        tint.setAlpha(70 if dark else 45)
        fmt.setBackground(tint)
    fmt.setUnderlineStyle(_UNDERLINES.get(severity, QTextCharFormat.UnderlineStyle.SingleUnderline)
                          if not reviewed else QTextCharFormat.UnderlineStyle.DotLine)
    fmt.setUnderlineColor(colour)
    return fmt


def selection_colour(category: str, current: bool, dark: bool | None = None) -> QColor:
    colour = category_colour(category, dark)
    colour.setAlpha(150 if current else 85)
    return colour


def severity_label(severity: int) -> str:
    return SEVERITY_LABELS.get(severity, str(severity))


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status.capitalize())


@lru_cache(maxsize=128)
def _svg_text(name: str) -> str | None:
    try:
        return (files("reviewdesk.resources") / "icons" / f"{name}.svg").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None


@lru_cache(maxsize=256)
def _pixmap(name: str, colour: str, size: int, ratio: float) -> QPixmap:
    svg = _svg_text(name) or _svg_text("cat-other") or ""
    renderer = QSvgRenderer(QByteArray(svg.replace(_PLACEHOLDER, colour).encode("utf-8")))
    pixmap = QPixmap(int(size * ratio), int(size * ratio))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size * ratio, size * ratio))
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def icon(name: str, colour: QColor | str | None = None) -> QIcon:
    """An icon from our SVGs, drawn in the palette's text colour unless a colour is given."""
    if colour is None:
        colour = QApplication.palette().color(QPalette.ColorRole.WindowText)
    return _icon(name, QColor(colour).name())


@lru_cache(maxsize=256)
def _icon(name: str, colour: str) -> QIcon:
    app = QApplication.instance()
    ratio = app.devicePixelRatio() if app is not None else 1.0
    name_colour = colour
    result = QIcon()
    for size in (16, 20, 24, 32):
        result.addPixmap(_pixmap(name, name_colour, size, ratio))
    # SVG colours are opaque, so a disabled icon is the colour mixed into the window background.
    back = QApplication.palette().color(QPalette.ColorRole.Window)
    fore = QColor(colour)
    mixed = QColor(int(fore.red() * 0.35 + back.red() * 0.65), int(fore.green() * 0.35 + back.green() * 0.65),
                   int(fore.blue() * 0.35 + back.blue() * 0.65))
    for size in (16, 20, 24, 32):
        result.addPixmap(_pixmap(name, mixed.name(), size, ratio), QIcon.Mode.Disabled)
    return result


def category_icon(category: str) -> QIcon:
    name = f"cat-{category}" if _svg_text(f"cat-{category}") else "cat-other"
    return _icon(name, category_colour(category).name())


def warm_category_icons(categories: list[str]) -> None:
    """Draw the category icons ahead of the first draft, one per turn of the event loop: drawn
    together when a novel opens they lengthened that pause by about 40 ms."""
    if categories:
        category_icon(categories.pop())
        QTimer.singleShot(0, lambda: warm_category_icons(categories))


def app_icon() -> QIcon:
    svg = _svg_text("app")
    result = QIcon()
    if svg:
        renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
        for size in (16, 32, 64, 128, 256):
            pixmap = QPixmap(size, size)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            renderer.render(painter, QRectF(0, 0, size, size))
            painter.end()
            result.addPixmap(pixmap)
    return result


APPEARANCES = ("system", "light", "dark")


def apply_appearance(app: QApplication, appearance: str) -> None:
    """Follow the desktop ("system"), or use our own light or dark palette on the Fusion style."""
    if appearance not in ("light", "dark"):
        return
    app.setStyle("Fusion")
    app.setPalette(_dark_palette() if appearance == "dark" else app.style().standardPalette())


def _dark_palette() -> QPalette:
    """A calm dark palette: off-black page, light grey text, the accent kept readable."""
    p = QPalette()
    roles = QPalette.ColorRole
    for role, colour in ((roles.Window, "#202124"), (roles.WindowText, "#e3e3e6"),
                         (roles.Base, "#18191b"), (roles.AlternateBase, "#232427"),
                         (roles.Text, "#e3e3e6"), (roles.Button, "#2b2c30"),
                         (roles.ButtonText, "#e3e3e6"), (roles.BrightText, "#ffffff"),
                         (roles.Highlight, "#3e63dd"), (roles.HighlightedText, "#ffffff"),
                         (roles.ToolTipBase, "#2b2c30"), (roles.ToolTipText, "#e3e3e6"),
                         (roles.PlaceholderText, "#8b8d98"), (roles.Link, "#8da4ef"),
                         (roles.Light, "#3a3b40"), (roles.Midlight, "#303135"), (roles.Mid, "#46474c"),
                         (roles.Dark, "#111113"), (roles.Shadow, "#000000")):
        p.setColor(role, QColor(colour))
    for role in (roles.WindowText, roles.Text, roles.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6f7076"))
    return p
