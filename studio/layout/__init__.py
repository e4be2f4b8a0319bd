"""Auto-layout and diagrams of a mesh, without Qt.

``auto_layout(design, engine)`` places applications, topics, notes and empty brokers left to
right (Graphviz ``dot``, or the built-in networkx engine); ``find_overlaps(scene_of(...))``
checks any set of positions; ``render(design, path)`` draws the mesh as SVG, DOT or PNG in the
canvas's visual language.
"""

from studio.layout.builtin import builtin_layout
from studio.layout.completion import drawing_positions
from studio.layout.diagram import Diagram, diagram_of
from studio.layout.dot_diagram import dot_of
from studio.layout.dot_engine import dot_available, dot_layout
from studio.layout.engine import DOT_NODE_LIMIT, ENGINES, LayoutResult, auto_layout
from studio.layout.flow import FlowGraph, flow_graph
from studio.layout.geometry import Box, Scene, find_overlaps, scene_of
from studio.layout.render import FORMATS, RenderError, format_of, render
from studio.layout.svg import svg_of

__all__ = [
    "DOT_NODE_LIMIT",
    "ENGINES",
    "FORMATS",
    "Box",
    "Diagram",
    "FlowGraph",
    "LayoutResult",
    "RenderError",
    "Scene",
    "auto_layout",
    "builtin_layout",
    "diagram_of",
    "dot_available",
    "dot_layout",
    "dot_of",
    "drawing_positions",
    "find_overlaps",
    "flow_graph",
    "format_of",
    "render",
    "scene_of",
    "svg_of",
]
