"""Light and dark looks of the studio, and the colours of the visual language.

Colours for element kinds and link kinds are chosen once here so the canvas, the palette
icons and (later) rendered diagrams agree. Both palettes keep text contrast above WCAG AA.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory


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


LIGHT = CanvasColours(
    background=QColor("#f7f8fa"), grid=QColor("#e8eaee"), grid_major=QColor("#d9dce2"),
    node_fill=QColor("#ffffff"), node_border=QColor("#9aa3b2"), text=QColor("#1d2330"),
    muted_text=QColor("#5b6577"), selection=QColor("#2f6feb"), frame_fill=QColor(47, 111, 235, 14),
    frame_border=QColor("#b8c4da"), note_fill=QColor("#fff4c2"), edge=QColor("#4a5568"),
    edge_muted=QColor("#a0a8b6"),
)
DARK = CanvasColours(
    background=QColor("#1b1e24"), grid=QColor("#252932"), grid_major=QColor("#2e333d"),
    node_fill=QColor("#262b34"), node_border=QColor("#566073"), text=QColor("#e6e9ef"),
    muted_text=QColor("#a3acbb"), selection=QColor("#5b9cff"), frame_fill=QColor(91, 156, 255, 18),
    frame_border=QColor("#3d4a63"), note_fill=QColor("#4a4326"), edge=QColor("#b4bccb"),
    edge_muted=QColor("#6b7485"),
)

# Accent per application kind (icon and left stripe) and per protocol (topic tag).
KIND_ACCENTS = {
    "backend": QColor("#7b5cd6"), "service": QColor("#2f8f6b"), "api": QColor("#2f6feb"),
    "client": QColor("#d9822b"), "datastore": QColor("#8a6d3b"),
}
PROTOCOL_ACCENTS = {
    "kafka": QColor("#3b4252"), "mqtt": QColor("#660066"), "amqp": QColor("#ff6600"),
    "anypointmq": QColor("#00a0df"), "solace": QColor("#00c895"), "nats": QColor("#27aae1"),
    "ws": QColor("#4f5d75"), "http": QColor("#4f5d75"),
}
METHOD_COLOURS = {
    "GET": QColor("#2f8f6b"), "POST": QColor("#d9822b"), "PUT": QColor("#2f6feb"),
    "PATCH": QColor("#7b5cd6"), "DELETE": QColor("#c2413b"), "HEAD": QColor("#5b6577"),
    "OPTIONS": QColor("#5b6577"),
}
WEBHOOK_ACCENT = QColor("#d9822b")


def is_dark(app: QGuiApplication | None = None) -> bool:
    """Whether the desktop asks for a dark look (Qt 6.5+ knows the colour scheme)."""
    app = app or QGuiApplication.instance()  # type: ignore[assignment]
    if app is None:
        return False
    scheme = app.styleHints().colorScheme()  # type: ignore[union-attr]
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
        QPalette.ColorRole.Window: "#eef0f3", QPalette.ColorRole.WindowText: "#1d2330",
        QPalette.ColorRole.Base: "#ffffff", QPalette.ColorRole.AlternateBase: "#f4f5f7",
        QPalette.ColorRole.Text: "#1d2330", QPalette.ColorRole.Button: "#f4f5f7",
        QPalette.ColorRole.ButtonText: "#1d2330", QPalette.ColorRole.Highlight: "#2f6feb",
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#ffffff",
        QPalette.ColorRole.ToolTipText: "#1d2330", QPalette.ColorRole.PlaceholderText: "#7a8394",
        QPalette.ColorRole.Link: "#2f6feb",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#8a93a3"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText,
                     QColor("#8a93a3"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText,
                     QColor("#8a93a3"))
    return palette


def _dark_palette() -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#23272e", QPalette.ColorRole.WindowText: "#e6e9ef",
        QPalette.ColorRole.Base: "#1b1e24", QPalette.ColorRole.AlternateBase: "#262b34",
        QPalette.ColorRole.Text: "#e6e9ef", QPalette.ColorRole.Button: "#2c313a",
        QPalette.ColorRole.ButtonText: "#e6e9ef", QPalette.ColorRole.Highlight: "#3d7bf0",
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#2c313a",
        QPalette.ColorRole.ToolTipText: "#e6e9ef", QPalette.ColorRole.PlaceholderText: "#8a93a3",
        QPalette.ColorRole.Link: "#7aa7ff", QPalette.ColorRole.BrightText: "#ffffff",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText,
                 QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6b7485"))
    return palette
