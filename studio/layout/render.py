"""Rendering a design to a diagram file: SVG, DOT or PNG, chosen by the file's extension.

SVG is drawn by our own writer (``studio.layout.svg``) and needs nothing installed. DOT comes
from the ``graphviz`` package (``studio.layout.dot_diagram``). PNG is DOT rasterised by the
system's Graphviz (``dot -Kneato -n2 -Tpng``: the DOT pins every node, so the picture keeps
the design's arrangement); without Graphviz it is a clear error pointing at SVG. Only the file
asked for is written, atomically, so a failed render never leaves half a picture behind.
"""

from __future__ import annotations

import dataclasses
import math
import shutil
from pathlib import Path

import graphviz

from studio.errors import MeshStudioError
from studio.io.atomic import write_atomic
from studio.layout.completion import drawing_positions
from studio.layout.diagram import Diagram, diagram_of
from studio.layout.dot_diagram import dot_of
from studio.layout.svg import svg_of
from studio.layout.view_part import view_positions
from studio.model import Design, View, view_members

FORMATS = ("svg", "png", "dot")
SCREEN_DPI = 96.0
MAX_PIXELS = 40_000_000  # 160 MB of RGBA while Graphviz draws
MAX_SIDE = 16_000
MIN_DPI = 8.0  # below this a PNG shows nothing legible: such a mesh is drawn as SVG


class RenderError(MeshStudioError):
    """A diagram cannot be written: unknown format, or PNG without Graphviz."""


def format_of(path: str | Path) -> str:
    """``svg``, ``png`` or ``dot`` from the file name; RenderError for anything else."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix == "gv":
        suffix = "dot"
    if suffix not in FORMATS:
        shown = f"'.{suffix}'" if suffix else "no extension"
        raise RenderError(
            f"{path}:1:1: cannot render to {shown}; name the output FILE.svg, FILE.png or FILE.dot"
        )
    return suffix


def render_bytes(diagram: Diagram, fmt: str) -> bytes:
    """The file content of ``diagram`` in format ``fmt``."""
    if fmt == "svg":
        return svg_of(diagram).encode("utf-8")
    graph = dot_of(diagram)
    if fmt == "dot":
        return graph.source.encode("utf-8")
    if shutil.which("dot") is None:
        raise RenderError(
            "PNG needs Graphviz, and its 'dot' command was not found; install "
            "Graphviz, or render to SVG (-o FILE.svg), which works without it"
        )
    dpi = png_dpi(diagram)
    if dpi < MIN_DPI:  # Graphviz would try a bitmap of gigabytes (or crash trying)
        raise RenderError(
            f"the diagram is {diagram.bounds.w:,.0f} x {diagram.bounds.h:,.0f} "
            "points, too large for a PNG; render it to SVG (-o FILE.svg)"
        )
    graph.attr(dpi=f"{dpi:.0f}")
    try:
        # -n2: take the positions of nodes and the curves of edges as they are
        return graphviz.Source(graph.source).pipe(
            format="png", engine="neato", neato_no_op=2, quiet=True
        )
    except (graphviz.ExecutableNotFound, graphviz.CalledProcessError, OSError) as exc:
        raise RenderError(f"Graphviz could not draw the PNG ({exc})") from None


def png_dpi(diagram: Diagram) -> float:
    """Screen resolution, lowered for big meshes so the bitmap stays under ``MAX_PIXELS``
    (and ``MAX_SIDE`` a side): a 5,000-element mesh would otherwise need gigabytes. Under
    ``MIN_DPI`` the PNG is refused."""
    width, height = diagram.bounds.w + 100, diagram.bounds.h + 100  # points, with the margins
    scale = min(
        1.0,
        math.sqrt(MAX_PIXELS / (width * height)) * 72 / SCREEN_DPI,
        MAX_SIDE / max(width, height) * 72 / SCREEN_DPI,
    )
    return SCREEN_DPI * scale


def render(
    design: Design, path: str | Path, engine: str = "auto", view: View | None = None
) -> Diagram:
    """Write the diagram of ``design`` (or of one ``view`` of it) to ``path`` in the format
    its extension names.

    Elements without a position are auto-laid out with ``engine`` first."""
    fmt = format_of(path)
    if view is None:
        diagram = diagram_of(design, drawing_positions(design, engine))
    else:
        diagram = diagram_of(
            design, view_positions(design, view, engine), only=view_members(design, view)
        )
        title = " · ".join(p for p in (diagram.title, view.name or view.id) if p)
        diagram = dataclasses.replace(diagram, title=title)
    try:
        content = render_bytes(diagram, fmt)
    except RenderError as error:  # name the file, as every other error does
        raise RenderError(f"{path}:1:1: {error}") from None
    write_atomic(Path(path), content)
    return diagram
