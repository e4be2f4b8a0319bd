"""The look of rendered diagrams: the canvas colours and edge styles, without Qt.

``studio.gui.theme`` and ``studio.gui.canvas.edges`` define the visual language for the
canvas with Qt types; diagrams must look the same but the core may not import Qt (STYLE.md
habit 1), so the light palette, the accents and the edge pens are mirrored here as plain hex
strings and numbers. Change a colour in both places: ``tests/layout`` checks a few of them
against the Qt theme so the two cannot drift apart silently.
"""

from __future__ import annotations

from dataclasses import dataclass

from studio.edit.links import CALLS, FRONTS, PINNED, PUBLISHES, READS, SUBSCRIBES, WEBHOOK, WRITES

# The light canvas palette (theme.LIGHT); frame_fill is rgba(47, 111, 235, 14/255).
BACKGROUND = "#f7f8fa"
NODE_FILL = "#ffffff"
NODE_BORDER = "#9aa3b2"
TEXT = "#1d2330"
MUTED_TEXT = "#5b6577"
FRAME_FILL = "#2f6feb"
FRAME_FILL_OPACITY = 14 / 255
FRAME_BORDER = "#b8c4da"
NOTE_FILL = "#fff4c2"
EDGE = "#4a5568"
EDGE_MUTED = "#a0a8b6"
PROBLEM = "#d93b3b"
BADGE_TEXT = "#ffffff"

KIND_ACCENTS = {
    "backend": "#7b5cd6", "service": "#2f8f6b", "api": "#2f6feb", "client": "#d9822b",
    "datastore": "#8a6d3b",
}
PROTOCOL_ACCENTS = {
    "kafka": "#3b4252", "mqtt": "#660066", "amqp": "#ff6600", "anypointmq": "#00a0df",
    "solace": "#00c895", "nats": "#27aae1", "ws": "#4f5d75", "http": "#4f5d75",
}
METHOD_COLOURS = {
    "GET": "#2f8f6b", "POST": "#d9822b", "PUT": "#2f6feb", "PATCH": "#7b5cd6",
    "DELETE": "#c2413b", "HEAD": "#5b6577", "OPTIONS": "#5b6577",
}
WEBHOOK_ACCENT = "#d9822b"
DEFAULT_PROTOCOL_ACCENT = "#4f5d75"
DEFAULT_METHOD_COLOUR = "#5b6577"

# Fonts: the canvas uses the desktop's default sans serif at 9.5/8/6.8 pt.
FONT_FAMILY = "'DejaVu Sans', 'Segoe UI', Helvetica, Arial, sans-serif"
TITLE_SIZE = 12.0
SMALL_SIZE = 10.5
TAG_SIZE = 8.5


@dataclass(frozen=True, slots=True)
class EdgeStyle:
    """How one link kind is stroked: dash pattern (SVG units, empty = solid), width, colour."""

    dash: tuple[float, ...]
    width: float
    colour: str
    arrow: bool = True


def _dashes(pattern: tuple[float, ...], width: float) -> tuple[float, ...]:
    # Qt dash patterns are in units of the pen width; SVG wants user units.
    return tuple(round(p * width, 2) for p in pattern)


_DASH, _DOT, _DASH_DOT = (4.0, 2.0), (1.0, 2.0), (4.0, 2.0, 1.0, 2.0)

EDGE_STYLES: dict[str, EdgeStyle] = {
    PUBLISHES: EdgeStyle((), 1.6, EDGE),
    SUBSCRIBES: EdgeStyle((), 1.6, EDGE),
    WEBHOOK: EdgeStyle(_dashes(_DASH, 1.6), 1.6, WEBHOOK_ACCENT),
    CALLS: EdgeStyle(_dashes(_DOT, 1.8), 1.8, EDGE),
    WRITES: EdgeStyle((), 1.0, EDGE_MUTED),
    READS: EdgeStyle((), 1.0, EDGE_MUTED),
    FRONTS: EdgeStyle(_dashes(_DASH_DOT, 1.0), 1.0, EDGE_MUTED),
    PINNED: EdgeStyle(_dashes(_DOT, 1.0), 1.0, EDGE_MUTED, arrow=False),
}

# The same pens in Graphviz's vocabulary (it has no dash-dot: "fronts" is dashed there).
DOT_EDGE_STYLES = {
    PUBLISHES: "solid", SUBSCRIBES: "solid", WEBHOOK: "dashed", CALLS: "dotted",
    WRITES: "solid", READS: "solid", FRONTS: "dashed", PINNED: "dotted",
}


def kind_accent(kind: str) -> str:
    return KIND_ACCENTS.get(kind, KIND_ACCENTS["service"])


def protocol_accent(protocol: str) -> str:
    return PROTOCOL_ACCENTS.get(protocol, DEFAULT_PROTOCOL_ACCENT)


def method_colour(method: str) -> str:
    return METHOD_COLOURS.get(method, DEFAULT_METHOD_COLOUR)


def edge_style(kind: str) -> EdgeStyle:
    return EDGE_STYLES.get(kind, EDGE_STYLES[PUBLISHES])
