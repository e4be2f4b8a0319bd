"""Diagrams as Graphviz DOT, styled like the canvas, pinned to the diagram's positions.

The DOT source is built with the ``graphviz`` package (it quotes names and attributes) and
says ``layout=neato`` with every node pinned (``pos="x,y!"``), so ``dot -Tpng`` or any
Graphviz tool draws the same arrangement as the SVG instead of laying the mesh out again.
Looks map to DOT attributes and HTML-like labels: applications are rounded tables with an
accent stripe cell, datastores cylinders, topics rounded tables with a protocol tag cell,
endpoints tabs with a method badge cell, notes note shapes, broker frames rounded translucent
boxes drawn first; edges keep the colours, widths and dash styles of their kind (Graphviz has
no dash-dot, no bell glyph in its default fonts: webhook deliveries are labelled instead).
Every text goes into an HTML-like label through ``html.escape``, with backslashes doubled
(Graphviz would expand ``\\N`` or ``\\G`` even there), so a hostile name stays text.
"""

from __future__ import annotations

import html

import graphviz

from studio.layout import style
from studio.layout.diagram import Diagram, Edge, Shape
from studio.layout.text import clean, elide, wrap
from studio.model.relations import WEBHOOK

POINTS_PER_INCH = 72.0
ARROW_SIZE = 0.6
ARROW_LENGTH = 10 * ARROW_SIZE  # Graphviz arrowheads are 10 points long at arrowsize 1
FONT = "DejaVu Sans"


def _h(text: str) -> str:
    # Graphviz expands \N, \G, ... even in HTML-like labels; a doubled backslash is one
    return html.escape(clean(text).replace("\\", "\\\\"), quote=True)


def _plain(text: str) -> str:
    # outside HTML labels Graphviz reads escapes such as \N or \G: double every backslash
    return clean(text).replace("\\", "\\\\")


def _font(text: str, size: float, colour: str = style.TEXT, bold: bool = False) -> str:
    inner = f"<B>{_h(text)}</B>" if bold else _h(text)
    return f'<FONT POINT-SIZE="{size:g}" COLOR="{colour}">{inner}</FONT>'


def _marks(shape: Shape) -> str:
    """The problem mark and the note count, as small coloured text after the title."""
    marks = ""
    if shape.problem:
        marks += " " + _font("\u25c6", 8, style.PROBLEM)
    if shape.notes:
        marks += " " + _font(f"\u270e{shape.notes}", 7, style.MUTED_TEXT)
    return marks


def _table(shape: Shape, rows: str, rounded: bool = True) -> str:
    w, h = round(shape.box.w), round(shape.box.h)
    look = ' STYLE="rounded"' if rounded else ""
    return (
        f'<<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="2"{look} '
        f'COLOR="{style.NODE_BORDER}" BGCOLOR="{style.NODE_FILL}" FIXEDSIZE="TRUE" '
        f'WIDTH="{w}" HEIGHT="{h}">{rows}</TABLE>>'
    )


def _label(shape: Shape) -> str:
    w = shape.box.w
    if shape.kind == "application":
        title = elide(shape.title, 10, w - 40, True)
        return _table(
            shape,
            (
                f'<TR><TD ROWSPAN="2" WIDTH="6" BGCOLOR="{shape.accent}"></TD>'
                f'<TD ALIGN="LEFT">{_font(title, 10, bold=True)}{_marks(shape)}</TD></TR>'
                f'<TR><TD ALIGN="LEFT">'
                f"{_font(elide(shape.subtitle, 8, w - 24), 8, style.MUTED_TEXT)}</TD></TR>"
            ),
        )
    if shape.kind == "datastore":
        return (
            f"<{_font(elide(shape.title, 10, w - 16, True), 10, bold=True)}{_marks(shape)}"
            f"<BR/>{_font('datastore', 8, style.MUTED_TEXT)}>"
        )
    if shape.kind == "topic":
        return _table(
            shape,
            (
                f'<TR><TD BGCOLOR="{shape.accent}">{_font(shape.tag, 7, style.BADGE_TEXT, True)}'
                '</TD><TD ALIGN="LEFT">'
                f"{_font(elide(shape.title, 10, w - 70, True), 10, bold=True)}"
                f'{_marks(shape)}</TD></TR><TR><TD COLSPAN="2" ALIGN="LEFT">'
                f"{_font(elide(shape.subtitle, 8, w - 20), 8, style.MUTED_TEXT)}</TD></TR>"
            ),
        )
    if shape.kind == "endpoint":
        return _table(
            shape,
            (
                f'<TR><TD BGCOLOR="{shape.accent}" WIDTH="44">'
                f"{_font(elide(shape.tag, 7, 40, True), 7, style.BADGE_TEXT, True)}</TD>"
                f'<TD ALIGN="LEFT">{_font(elide(shape.title, 8, w - 62), 8)}{_marks(shape)}</TD>'
                f"</TR>"
            ),
        )
    if shape.kind == "note":
        lines = wrap(" ".join(shape.lines), 8, w - 16, 3)
        body = "".join(f'{_font(line, 8)}<BR ALIGN="LEFT"/>' for line in lines)
        header = _font(f"{shape.tag}. {elide(shape.title, 8, w - 30)}", 8, style.MUTED_TEXT)
        return f'<{header}<BR ALIGN="LEFT"/>{body}>'
    # a broker frame: its name and host in the top-left corner
    return (
        f'<<TABLE BORDER="0" CELLPADDING="4" FIXEDSIZE="TRUE" WIDTH="{round(w)}" '
        f'HEIGHT="30"><TR><TD ALIGN="LEFT">'
        f"{_font(elide(shape.title, 8, w - 20), 8, style.TEXT)}{_marks(shape)}"
        f'<BR ALIGN="LEFT"/>{_font(elide(shape.subtitle, 8, w - 20), 8, style.MUTED_TEXT)}'
        f"</TD></TR></TABLE>>"
    )


def _node_attrs(shape: Shape) -> dict[str, str]:
    box = shape.box
    cx, cy = box.x + box.w / 2, box.y + box.h / 2
    attrs = {
        "pos": f"{cx:.1f},{-cy:.1f}!",
        "width": f"{box.w / POINTS_PER_INCH:.4f}",
        "height": f"{box.h / POINTS_PER_INCH:.4f}",
        "fixedsize": "true",
        "label": _label(shape),
        "shape": "none",
        "margin": "0",
        "tooltip": _plain(shape.element_id),
    }
    # the kinds whose label is no table with a border of its own get Graphviz's outline
    if shape.kind == "datastore":
        attrs.update(_outline("cylinder", "filled", style.NODE_FILL, shape.accent, penwidth="1.6"))
    elif shape.kind == "note":
        attrs.update(_outline("note", "filled", style.NOTE_FILL, style.NODE_BORDER, margin="0.08"))
    elif shape.kind == "frame":
        fill = f"{style.FRAME_FILL}{round(style.FRAME_FILL_OPACITY * 255):02x}"
        frame = _outline(
            "box", "rounded,filled", fill, style.FRAME_BORDER, penwidth="1.1", labelloc="t"
        )
        attrs.update(frame)
    return attrs


def _outline(
    node_shape: str, node_style: str, fill: str, colour: str, **more: str
) -> dict[str, str]:
    return {"shape": node_shape, "style": node_style, "fillcolor": fill, "color": colour, **more}


def _spline(edge: Edge, arrow: bool) -> str:
    """The edge's curve as a Graphviz ``pos``: the canvas curve, y flipped, ending where the
    arrowhead starts (``e,`` gives the arrow's tip)."""
    (sx, sy), (ax, ay), (bx, by), (ex, ey) = edge.start, edge.c1, edge.c2, edge.end
    back = ARROW_LENGTH if edge.forward else -ARROW_LENGTH
    tip = f"e,{ex:.1f},{-ey:.1f} " if arrow else ""
    end_x = ex - back if arrow else ex
    return f"{tip}{sx:.1f},{-sy:.1f} {ax:.1f},{-ay:.1f} {bx:.1f},{-by:.1f} {end_x:.1f},{-ey:.1f}"


def dot_of(diagram: Diagram) -> graphviz.Digraph:
    """The DOT graph of ``diagram`` (``.source`` is the text)."""
    graph = graphviz.Digraph(
        "mesh",
        graph_attr={
            # neato keeps pinned nodes where they are; straight lines when it routes edges itself
            # (its curved routing is quadratic), our curves when run as neato -n2 (see ``pos``)
            "layout": "neato",
            "inputscale": "72",
            "outputorder": "edgesfirst",
            "splines": "false",
            "bgcolor": style.BACKGROUND,
            "pad": "0.4",
            "fontname": FONT,
            "fontsize": "14",
            "labelloc": "t",
            "labeljust": "l",
        },
        node_attr={"fontname": FONT},
        edge_attr={"fontname": FONT, "arrowsize": f"{ARROW_SIZE:g}"},
    )
    if diagram.title:
        graph.attr(label=f"<{_font(diagram.title, 14, bold=True)}>")
    names: dict[str, str] = {}
    # frames first: Graphviz paints nodes in the order they come, frames belong behind
    ordered = sorted(diagram.shapes, key=lambda s: s.kind != "frame")
    for index, shape in enumerate(ordered):
        names[shape.element_id] = f"n{index}"
        graph.node(f"n{index}", **_node_attrs(shape))
    for edge in diagram.edges:
        link = edge.link
        pen = style.edge_style(link.kind)
        attrs = {
            "color": pen.colour,
            "penwidth": f"{pen.width:g}",
            "style": style.DOT_EDGE_STYLES.get(link.kind, "solid"),
            "arrowhead": "vee" if pen.arrow else "none",
            "tailport": "e" if edge.forward else "w",
            "headport": "w" if edge.forward else "e",
            "tooltip": _plain(f"{link.source} \u2192 {link.target}: {link.kind}"),
        }
        attrs["pos"] = _spline(edge, pen.arrow)
        if link.kind == WEBHOOK:
            attrs["label"] = f"<{_font('webhook', 7, pen.colour)}>"
            mx, my = edge.middle
            attrs["lp"] = f"{mx:.1f},{-my - 8:.1f}"
        graph.edge(names[link.source], names[link.target], **attrs)
    return graph
