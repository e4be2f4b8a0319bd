"""The canvas's visual language as plain data: grid, palettes, accents and link pens.

The canvas (``studio.gui``) and rendered diagrams (``studio.layout``) must look the same, but
the core may not import Qt (STYLE.md habit 1). So every colour is defined here once, as a hex
string (with an alpha where the canvas blends), and every link kind's pen as a pattern name
and a width: ``studio.gui.theme`` builds its QColors and ``studio.gui.canvas.edges`` its QPens
from these, ``studio.layout.style`` its SVG and Graphviz styles.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from studio.model.relations import (
    CALLS,
    DELIVERS,
    FRONTS,
    PINNED,
    PUBLISHES,
    READS,
    SUBSCRIBES,
    WEBHOOK,
    WRITES,
)

GRID = 10.0  # the canvas snaps to this grid; so do box sizes and the layout engines


@dataclass(frozen=True, slots=True)
class Palette:
    """One colour theme of the canvas, as ``#rrggbb`` strings; the frame fill is translucent
    (``frame_fill_alpha`` of 255)."""

    background: str
    grid: str
    grid_major: str
    node_fill: str
    node_border: str
    text: str
    muted_text: str
    selection: str
    frame_fill: str
    frame_fill_alpha: int
    frame_border: str
    note_fill: str
    edge: str
    edge_muted: str


# The two themes side by side, so that a colour is changed in both at once: field -> (light, dark)
# fmt: off
_THEMES: dict[str, tuple[Any, Any]] = {
    "background":       ("#f7f8fa", "#1b1e24"),
    "grid":             ("#e8eaee", "#252932"),
    "grid_major":       ("#d9dce2", "#2e333d"),
    "node_fill":        ("#ffffff", "#262b34"),
    "node_border":      ("#9aa3b2", "#566073"),
    "text":             ("#1d2330", "#e6e9ef"),
    "muted_text":       ("#5b6577", "#a3acbb"),
    "selection":        ("#2f6feb", "#5b9cff"),
    "frame_fill":       ("#2f6feb", "#5b9cff"),
    "frame_fill_alpha": (14,        18),
    "frame_border":     ("#b8c4da", "#3d4a63"),
    "note_fill":        ("#fff4c2", "#4a4326"),
    "edge":             ("#4a5568", "#b4bccb"),
    "edge_muted":       ("#a0a8b6", "#6b7485"),
}
# fmt: on
LIGHT = Palette(**{name: light for name, (light, _) in _THEMES.items()})
DARK = Palette(**{name: dark for name, (_, dark) in _THEMES.items()})

# Accent per application kind (icon and left stripe), per protocol (topic tag), per method.
KIND_ACCENTS = {
    "backend": "#7b5cd6",
    "service": "#2f8f6b",
    "api": "#2f6feb",
    "client": "#d9822b",
    "datastore": "#8a6d3b",
}
PROTOCOL_ACCENTS = {
    "kafka": "#3b4252",
    "mqtt": "#660066",
    "amqp": "#ff6600",
    "anypointmq": "#00a0df",
    "solace": "#00c895",
    "nats": "#27aae1",
    "ws": "#4f5d75",
    "http": "#4f5d75",
}
METHOD_COLOURS = {
    "GET": "#2f8f6b",
    "POST": "#d9822b",
    "PUT": "#2f6feb",
    "PATCH": "#7b5cd6",
    "DELETE": "#c2413b",
    "HEAD": "#5b6577",
    "OPTIONS": "#5b6577",
}
WEBHOOK_ACCENT = "#d9822b"
DEFAULT_PROTOCOL_ACCENT = "#4f5d75"
DEFAULT_METHOD_COLOUR = "#5b6577"
NEUTRAL_ACCENT = "#5b6577"  # a palette entry with no kind of its own (notes, brokers)
PROBLEM = "#d93b3b"  # the corner of an element with an error
WARNING = "#e0a100"  # the corner of an element with a warning
BADGE_TEXT = "#ffffff"  # text on a coloured tag or badge


@dataclass(frozen=True, slots=True)
class LinkPen:
    """How one link kind is stroked: ``solid``, ``dash``, ``dot`` or ``dash-dot``, a width,
    and whether it is drawn in the muted edge colour (the webhook accent wins over both)."""

    pattern: str
    width: float
    muted: bool = False


LINK_PENS: dict[str, LinkPen] = {
    PUBLISHES: LinkPen("solid", 1.6),
    SUBSCRIBES: LinkPen("solid", 1.6),
    WEBHOOK: LinkPen("dash", 1.6),
    DELIVERS: LinkPen("dash", 1.2),
    CALLS: LinkPen("dot", 1.8),
    WRITES: LinkPen("solid", 1.0, muted=True),
    READS: LinkPen("solid", 1.0, muted=True),
    FRONTS: LinkPen("dash-dot", 1.0, muted=True),
    PINNED: LinkPen("dot", 1.0, muted=True),
}
WEBHOOK_LINKS = frozenset({WEBHOOK, DELIVERS})  # drawn in the webhook accent


def link_pen(kind: str) -> LinkPen:
    return LINK_PENS.get(kind, LINK_PENS[PUBLISHES])
