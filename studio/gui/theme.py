"""Light and dark looks of the studio, and the canvas's colours as QColors.

The colours of the visual language (palettes, kind, protocol and method accents) are defined
once, without Qt, in ``studio.layout.canvas_style``, so that the canvas and rendered diagrams
agree; this module builds the QColors the canvas paints with. Both palettes keep text contrast
above WCAG AA.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from studio.layout import canvas_style


@dataclass(frozen=True)
class CanvasColours:
    background: QColor
    grid: QColor
    grid_major: QColor
    node_fill: QColor
    node_border: QColor
    text: QColor
    muted_text: QColor
    selection: QColor
    frame_fill: QColor
    frame_border: QColor
    note_fill: QColor
    edge: QColor
    edge_muted: QColor


def canvas_colours(palette: canvas_style.Palette) -> CanvasColours:
    """The QColors of one canvas palette: each colour is the palette's of the same name."""
    colours = {f.name: QColor(getattr(palette, f.name)) for f in fields(CanvasColours)}
    colours["frame_fill"].setAlpha(palette.frame_fill_alpha)
    return CanvasColours(**colours)


def _qcolors(table: dict[str, str]) -> dict[str, QColor]:
    return {name: QColor(colour) for name, colour in table.items()}


LIGHT = canvas_colours(canvas_style.LIGHT)
DARK = canvas_colours(canvas_style.DARK)

# Accent per application kind (icon and left stripe), per protocol (topic tag), per method.
KIND_ACCENTS = _qcolors(canvas_style.KIND_ACCENTS)
PROTOCOL_ACCENTS = _qcolors(canvas_style.PROTOCOL_ACCENTS)
METHOD_COLOURS = _qcolors(canvas_style.METHOD_COLOURS)
_OTHER_PROTOCOL = QColor(canvas_style.DEFAULT_PROTOCOL_ACCENT)
_OTHER_METHOD = QColor(canvas_style.DEFAULT_METHOD_COLOUR)

# The single colours: webhooks, palette entries of no kind, text on tags, problem corners.
WEBHOOK_ACCENT = QColor(canvas_style.WEBHOOK_ACCENT)
NEUTRAL_ACCENT = QColor(canvas_style.NEUTRAL_ACCENT)
BADGE_TEXT = QColor(canvas_style.BADGE_TEXT)
PROBLEM, WARNING = QColor(canvas_style.PROBLEM), QColor(canvas_style.WARNING)


def protocol_accent(protocol: str) -> QColor:
    return PROTOCOL_ACCENTS.get(protocol, _OTHER_PROTOCOL)


def method_colour(method: str) -> QColor:
    return METHOD_COLOURS.get(method, _OTHER_METHOD)


def is_dark(app: QGuiApplication | None = None) -> bool:
    """Whether the desktop asks for a dark look (Qt 6.5+ knows the colour scheme)."""
    running = app or QGuiApplication.instance()
    if not isinstance(running, QGuiApplication):
        return False
    scheme = running.styleHints().colorScheme()
    return bool(scheme == Qt.ColorScheme.Dark)


def apply_theme(app: QApplication, mode: str = "system") -> CanvasColours:
    """Apply ``light``, ``dark`` or the ``system`` look to the whole application."""
    dark = is_dark(app) if mode == "system" else mode == "dark"
    # setting a style or palette repolishes every widget of the process: only on a change
    if app.style().name().lower() != "fusion":
        fusion = QStyleFactory.create("Fusion")
        if fusion is not None:
            app.setStyle(fusion)
    palette = _widget_palette(dark)
    if app.palette() != palette:
        app.setPalette(palette)
    return DARK if dark else LIGHT


# Windows, fields, buttons and tooltips write in the canvas's text colour, light and dark.
_TEXT = (canvas_style.LIGHT.text, canvas_style.DARK.text)
# The widget colours of each look, light and dark, role by role (both above WCAG AA). The light
# look leaves BrightText to Qt.
_ROLE_COLOURS: dict[QPalette.ColorRole, tuple[str | None, str]] = {
    QPalette.ColorRole.Window: ("#eef0f3", "#23272e"),
    QPalette.ColorRole.WindowText: _TEXT,
    QPalette.ColorRole.Base: ("#ffffff", "#1b1e24"),
    QPalette.ColorRole.AlternateBase: ("#f4f5f7", "#262b34"),
    QPalette.ColorRole.Text: _TEXT,
    QPalette.ColorRole.Button: ("#f4f5f7", "#2c313a"),
    QPalette.ColorRole.ButtonText: _TEXT,
    QPalette.ColorRole.Highlight: ("#2f6feb", "#3d7bf0"),
    QPalette.ColorRole.HighlightedText: ("#ffffff", "#ffffff"),
    QPalette.ColorRole.ToolTipBase: ("#ffffff", "#2c313a"),
    QPalette.ColorRole.ToolTipText: _TEXT,
    QPalette.ColorRole.PlaceholderText: ("#7a8394", "#8a93a3"),
    QPalette.ColorRole.Link: ("#2f6feb", "#7aa7ff"),
    QPalette.ColorRole.BrightText: (None, "#ffffff"),
}
# Disabled texts, light and dark.
_DISABLED_TEXT = ("#8a93a3", "#6b7485")
_DISABLED_ROLES = (
    QPalette.ColorRole.Text,
    QPalette.ColorRole.WindowText,
    QPalette.ColorRole.ButtonText,
)


def _widget_palette(dark: bool) -> QPalette:
    palette = QPalette()
    for role, looks in _ROLE_COLOURS.items():
        colour = looks[dark]
        if colour is not None:
            palette.setColor(role, QColor(colour))
    for role in _DISABLED_ROLES:
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(_DISABLED_TEXT[dark]))
    return palette
