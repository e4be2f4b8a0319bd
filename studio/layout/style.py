"""The look of rendered diagrams: the canvas's colours and link pens in SVG and Graphviz terms.

The colours and pens themselves are defined once, without Qt, in ``studio.layout.canvas_style``
(the canvas builds its QColors and QPens from the same tables); this module gives diagrams the
light palette under flat names, the fonts they write, and each link kind's stroke as SVG dash
lengths and as a Graphviz style.
"""

from __future__ import annotations

from dataclasses import dataclass

from studio.layout import canvas_style as canvas
from studio.layout.canvas_style import (
    DEFAULT_METHOD_COLOUR,
    DEFAULT_PROTOCOL_ACCENT,
    KIND_ACCENTS,
    METHOD_COLOURS,
    PROTOCOL_ACCENTS,
    WEBHOOK_ACCENT,
    WEBHOOK_LINKS,
)
from studio.model.relations import PINNED, PUBLISHES

__all__ = ["KIND_ACCENTS", "METHOD_COLOURS", "PROTOCOL_ACCENTS", "WEBHOOK_ACCENT"]

# Diagrams are drawn in the light canvas palette.
BACKGROUND = canvas.LIGHT.background
NODE_FILL = canvas.LIGHT.node_fill
NODE_BORDER = canvas.LIGHT.node_border
TEXT = canvas.LIGHT.text
MUTED_TEXT = canvas.LIGHT.muted_text
FRAME_FILL = canvas.LIGHT.frame_fill
FRAME_FILL_OPACITY = canvas.LIGHT.frame_fill_alpha / 255
FRAME_BORDER = canvas.LIGHT.frame_border
NOTE_FILL = canvas.LIGHT.note_fill
EDGE = canvas.LIGHT.edge
EDGE_MUTED = canvas.LIGHT.edge_muted
PROBLEM = canvas.PROBLEM
BADGE_TEXT = canvas.BADGE_TEXT

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


# Qt dash patterns, in units of the pen width (SVG wants user units: see _dashes)
_PATTERNS: dict[str, tuple[float, ...]] = {
    "solid": (),
    "dash": (4.0, 2.0),
    "dot": (1.0, 2.0),
    "dash-dot": (4.0, 2.0, 1.0, 2.0),
}
# Graphviz has no dash-dot: "fronts" is dashed there
_DOT_PATTERNS = {"solid": "solid", "dash": "dashed", "dot": "dotted", "dash-dot": "dashed"}


def _dashes(pattern: tuple[float, ...], width: float) -> tuple[float, ...]:
    return tuple(round(p * width, 2) for p in pattern)


def _stroke(kind: str, pen: canvas.LinkPen) -> EdgeStyle:
    colour = WEBHOOK_ACCENT if kind in WEBHOOK_LINKS else EDGE_MUTED if pen.muted else EDGE
    return EdgeStyle(
        _dashes(_PATTERNS[pen.pattern], pen.width), pen.width, colour, arrow=kind != PINNED
    )


EDGE_STYLES: dict[str, EdgeStyle] = {
    kind: _stroke(kind, pen) for kind, pen in canvas.LINK_PENS.items()
}

# The same pens in Graphviz's vocabulary.
DOT_EDGE_STYLES = {kind: _DOT_PATTERNS[pen.pattern] for kind, pen in canvas.LINK_PENS.items()}


def kind_accent(kind: str) -> str:
    return KIND_ACCENTS.get(kind, KIND_ACCENTS["service"])


def protocol_accent(protocol: str) -> str:
    return PROTOCOL_ACCENTS.get(protocol, DEFAULT_PROTOCOL_ACCENT)


def method_colour(method: str) -> str:
    return METHOD_COLOURS.get(method, DEFAULT_METHOD_COLOUR)


def edge_style(kind: str) -> EdgeStyle:
    return EDGE_STYLES.get(kind, EDGE_STYLES[PUBLISHES])
