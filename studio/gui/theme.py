"""Light and dark looks of the studio, and the canvas's colours as QColors.

The colours of the visual language (palettes, kind, protocol and method accents) are defined
once, without Qt, in ``studio.layout.canvas_style``, so that the canvas and rendered diagrams
agree; this module builds the QColors the canvas paints with. Both palettes keep text contrast
above WCAG AA.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    """The QColors of one canvas palette."""
    frame_fill = QColor(palette.frame_fill)
    frame_fill.setAlpha(palette.frame_fill_alpha)
    return CanvasColours(
        background=QColor(palette.background),
        grid=QColor(palette.grid),
        grid_major=QColor(palette.grid_major),
        node_fill=QColor(palette.node_fill),
        node_border=QColor(palette.node_border),
        text=QColor(palette.text),
        muted_text=QColor(palette.muted_text),
        selection=QColor(palette.selection),
        frame_fill=frame_fill,
        frame_border=QColor(palette.frame_border),
        note_fill=QColor(palette.note_fill),
        edge=QColor(palette.edge),
        edge_muted=QColor(palette.edge_muted),
    )


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
    palette = _dark_palette() if dark else _light_palette()
    if app.palette() != palette:
        app.setPalette(palette)
    return DARK if dark else LIGHT


def _light_palette() -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#eef0f3",
        QPalette.ColorRole.WindowText: "#1d2330",
        QPalette.ColorRole.Base: "#ffffff",
        QPalette.ColorRole.AlternateBase: "#f4f5f7",
        QPalette.ColorRole.Text: "#1d2330",
        QPalette.ColorRole.Button: "#f4f5f7",
        QPalette.ColorRole.ButtonText: "#1d2330",
        QPalette.ColorRole.Highlight: "#2f6feb",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#ffffff",
        QPalette.ColorRole.ToolTipText: "#1d2330",
        QPalette.ColorRole.PlaceholderText: "#7a8394",
        QPalette.ColorRole.Link: "#2f6feb",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#8a93a3"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#8a93a3"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#8a93a3"))
    return palette


def _dark_palette() -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#23272e",
        QPalette.ColorRole.WindowText: "#e6e9ef",
        QPalette.ColorRole.Base: "#1b1e24",
        QPalette.ColorRole.AlternateBase: "#262b34",
        QPalette.ColorRole.Text: "#e6e9ef",
        QPalette.ColorRole.Button: "#2c313a",
        QPalette.ColorRole.ButtonText: "#e6e9ef",
        QPalette.ColorRole.Highlight: "#3d7bf0",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#2c313a",
        QPalette.ColorRole.ToolTipText: "#e6e9ef",
        QPalette.ColorRole.PlaceholderText: "#8a93a3",
        QPalette.ColorRole.Link: "#7aa7ff",
        QPalette.ColorRole.BrightText: "#ffffff",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6b7485"))
    return palette
