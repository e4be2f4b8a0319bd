"""Diagrams as SVG, drawn like the canvas, by a writer small enough to trust with hostile text.

No SVG library in our dependencies both stays small and guarantees escaping, and Qt's SVG
generator is off limits outside the studio, so ``SvgWriter`` is hand-written: it only emits
elements whose attribute values and texts pass through ``xml.sax.saxutils`` (names in a design
are untrusted: a ``<script>`` in a name must stay text). ``svg_of`` then draws a ``Diagram``
back to front: broker frames, edges (cubic curves with arrowheads, dashed per link kind, a bell
on webhook deliveries), then elements: applications as rounded boxes with an accent stripe,
icon and kind, datastores as cylinders, topics as pipes with a protocol tag, endpoints as tabs
with a method badge, notes as sticky notes; problem marks and note badges on top.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from studio.layout import style
from studio.layout.diagram import Diagram, Edge, Shape
from studio.layout.geometry import Box
from studio.layout.glyphs import glyph
from studio.layout.text import clean, elide, text_width, wrap
from studio.model.relations import WEBHOOK

PAD = 30.0  # room around the drawing
TITLE_ROOM = 36.0
ARROW = 9.0

Attrs = dict[str, str | float | None]


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


class SvgWriter:
    """Appends escaped SVG elements to a list of lines."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    @staticmethod
    def _attrs(attrs: Attrs) -> str:
        parts = []
        for key, value in attrs.items():
            if value is None:
                continue
            text = _n(value) if isinstance(value, float | int) else clean(str(value))
            parts.append(f" {key.replace('_', '-')}={quoteattr(text)}")
        return "".join(parts)

    def element(self, tag: str, attrs: Attrs, text: str | None = None) -> None:
        if text is None:
            self.lines.append(f"<{tag}{self._attrs(attrs)}/>")
        else:
            self.lines.append(f"<{tag}{self._attrs(attrs)}>{escape(clean(text))}</{tag}>")

    def open(self, tag: str, attrs: Attrs) -> None:
        self.lines.append(f"<{tag}{self._attrs(attrs)}>")

    def close(self, tag: str) -> None:
        self.lines.append(f"</{tag}>")

    def text(
        self,
        x: float,
        y: float,
        text: str,
        size: float,
        fill: str,
        bold: bool = False,
        anchor: str | None = None,
    ) -> None:
        self.element(
            "text",
            {
                "x": x,
                "y": y,
                "font_size": size,
                "fill": fill,
                "font_weight": "bold" if bold else None,
                "text_anchor": anchor,
            },
            text,
        )

    def glyph(self, name: str, x: float, y: float, size: float, colour: str) -> None:
        width = max(1.0, size / 12)
        for data, filled in glyph(name, x, y, size):
            self.element(
                "path",
                {
                    "d": data,
                    "fill": colour if filled else "none",
                    "stroke": colour,
                    "stroke_width": width,
                    "stroke_linecap": "round",
                    "stroke_linejoin": "round",
                },
            )


def svg_of(diagram: Diagram) -> str:
    """The SVG document of ``diagram``."""
    out = SvgWriter()
    b = diagram.bounds
    left, top = b.x - PAD, b.y - PAD - (TITLE_ROOM if diagram.title else 0)
    width, height = b.w + 2 * PAD, b.bottom + PAD - top
    out.lines.append('<?xml version="1.0" encoding="UTF-8"?>')
    out.open(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "version": "1.1",
            "width": width,
            "height": height,
            "viewBox": f"{_n(left)} {_n(top)} {_n(width)} {_n(height)}",
            "font_family": style.FONT_FAMILY,
        },
    )
    out.element(
        "rect", {"x": left, "y": top, "width": width, "height": height, "fill": style.BACKGROUND}
    )
    if diagram.title:
        out.text(b.x, b.y - PAD + 4, diagram.title, 16.0, style.TEXT, bold=True)
    for shape in diagram.shapes:
        if shape.kind == "frame":
            _frame(out, shape)
    out.open("g", {"class": "edges", "fill": "none"})
    for edge in diagram.edges:
        _edge(out, edge)
    out.close("g")
    for shape in diagram.shapes:
        if shape.kind != "frame":
            DRAW[shape.kind](out, shape)
    out.close("svg")
    return "\n".join(out.lines) + "\n"


def _open_shape(out: SvgWriter, shape: Shape, tooltip: str) -> None:
    out.open("g", {"class": shape.kind, "data_id": shape.element_id})
    out.element("title", {}, tooltip)


def _close_shape(out: SvgWriter, shape: Shape) -> None:
    r = shape.box
    if shape.notes:  # a speech badge with the number of notes pinned here
        bx, by = r.right - 46, r.y - 9
        out.element(
            "path",
            {
                "d": f"M{_n(bx + 5)},{_n(by)} H{_n(bx + 19)} "
                f"A5,5 0 0 1 {_n(bx + 19)},{_n(by + 12)} H{_n(bx + 8)} "
                f"L{_n(bx + 3)},{_n(by + 16)} L{_n(bx + 4)},{_n(by + 11)} "
                f"A5,5 0 0 1 {_n(bx + 5)},{_n(by)} Z",
                "fill": style.NOTE_FILL,
                "stroke": style.NODE_BORDER,
                "stroke_width": 1.0,
            },
        )
        out.text(bx + 12, by + 9.5, str(shape.notes), style.TAG_SIZE, style.TEXT, True, "middle")
    if shape.problem:  # the red corner mark
        out.open("g", {"class": "problem"})
        out.element("title", {}, shape.problem)
        out.element(
            "path",
            {
                "d": f"M{_n(r.right - 16)},{_n(r.y)} H{_n(r.right)} V{_n(r.y + 16)} Z",
                "fill": style.PROBLEM,
            },
        )
        out.close("g")
    out.close("g")


def _outlined_rect(
    out: SvgWriter,
    r: Box,
    corner: float | None,
    fill: str,
    stroke: str,
    stroke_width: float,
    fill_opacity: float | None = None,
) -> None:
    """A rect covering all of ``r``, square when ``corner`` is None: the outline of an
    application card, an endpoint tab, a note or a broker frame."""
    out.element(
        "rect",
        {
            "x": r.x,
            "y": r.y,
            "width": r.w,
            "height": r.h,
            "rx": corner,
            "fill": fill,
            "fill_opacity": fill_opacity,
            "stroke": stroke,
            "stroke_width": stroke_width,
        },
    )


def _application(out: SvgWriter, shape: Shape) -> None:
    r = shape.box
    _open_shape(out, shape, f"{shape.title} ({shape.element_id})")
    _outlined_rect(out, r, 10.0, style.NODE_FILL, style.NODE_BORDER, 1.2)
    # the accent stripe: the card's rounded left edge, 6 px wide (as the canvas clips it)
    out.element(
        "path",
        {
            "d": f"M{_n(r.x + 6)},{_n(r.y + 0.83)} A10,10 0 0 0 {_n(r.x)},"
            f"{_n(r.y + 10)} V{_n(r.bottom - 10)} A10,10 0 0 0 "
            f"{_n(r.x + 6)},{_n(r.bottom - 0.83)} Z",
            "fill": shape.accent,
        },
    )
    out.glyph(shape.app_kind, r.x + 14, r.y + r.h / 2 - 12, 24, shape.accent)
    _title_and_subtitle(out, shape, 46, (25, 44), 54)
    if shape.evented:  # the webhook badge of an evented API
        out.element(
            "circle",
            {
                "cx": r.right - 5,
                "cy": r.y + 3,
                "r": 11.0,
                "fill": style.NODE_FILL,
                "stroke": style.WEBHOOK_ACCENT,
                "stroke_width": 1.2,
            },
        )
        out.glyph("bell", r.right - 12, r.y - 4, 14, style.WEBHOOK_ACCENT)
    _close_shape(out, shape)


def _datastore(out: SvgWriter, shape: Shape) -> None:
    r = shape.box
    rx, ry = r.w / 2, 9.0
    _open_shape(out, shape, f"{shape.title} ({shape.element_id})")
    out.element(
        "path",
        {
            "d": f"M{_n(r.x)},{_n(r.y + ry)} V{_n(r.bottom - ry)} A{_n(rx)},"
            f"{_n(ry)} 0 0 0 {_n(r.right)},{_n(r.bottom - ry)} "
            f"V{_n(r.y + ry)} A{_n(rx)},{_n(ry)} 0 0 0 {_n(r.x)},"
            f"{_n(r.y + ry)} Z",
            "fill": style.NODE_FILL,
            "stroke": style.NODE_BORDER,
            "stroke_width": 1.2,
        },
    )
    out.element(
        "path",
        {
            "d": f"M{_n(r.x)},{_n(r.y + ry)} A{_n(rx)},{_n(ry)} 0 0 0 {_n(r.right)},{_n(r.y + ry)}",
            "fill": "none",
            "stroke": shape.accent,
            "stroke_width": 1.6,
        },
    )
    centre = r.x + r.w / 2
    out.text(
        centre,
        r.y + 39,
        elide(shape.title, style.TITLE_SIZE, r.w - 16, True),
        style.TITLE_SIZE,
        style.TEXT,
        True,
        "middle",
    )
    out.text(centre, r.y + 58, "datastore", style.SMALL_SIZE, style.MUTED_TEXT, anchor="middle")
    _close_shape(out, shape)


def _topic(out: SvgWriter, shape: Shape) -> None:
    r = shape.box
    cap, half = 11.0, r.h / 2
    _open_shape(out, shape, f"{shape.title}\ntopic {shape.element_id}")
    out.element(
        "path",
        {
            "d": f"M{_n(r.x + cap)},{_n(r.y)} H{_n(r.right - cap)} A{_n(cap)},"
            f"{_n(half)} 0 0 1 {_n(r.right - cap)},{_n(r.bottom)} "
            f"H{_n(r.x + cap)} A{_n(cap)},{_n(half)} 0 0 1 {_n(r.x + cap)},"
            f"{_n(r.y)} Z",
            "fill": style.NODE_FILL,
            "stroke": style.NODE_BORDER,
            "stroke_width": 1.2,
        },
    )
    out.element(
        "ellipse",
        {
            "cx": r.right - cap,
            "cy": r.y + half,
            "rx": cap,
            "ry": half,
            "fill": "none",
            "stroke": style.NODE_BORDER,
            "stroke_width": 1.2,
        },
    )
    _title_and_subtitle(out, shape, 16, (21, 38), 42)
    tag = elide(shape.tag, style.TAG_SIZE, r.w - 40, True)
    width = text_width(tag, style.TAG_SIZE, True) + 12
    out.element(
        "rect",
        {
            "x": r.x + 14,
            "y": r.y - 8,
            "width": width,
            "height": 14.0,
            "rx": 7.0,
            "fill": shape.accent,
        },
    )
    out.text(r.x + 14 + width / 2, r.y + 2.5, tag, style.TAG_SIZE, style.BADGE_TEXT, True, "middle")
    _close_shape(out, shape)


def _endpoint(out: SvgWriter, shape: Shape) -> None:
    r = shape.box
    tooltip = f"{shape.tag} {shape.title}\nendpoint {shape.element_id}" + (
        f": {shape.subtitle}" if shape.subtitle else ""
    )
    _open_shape(out, shape, tooltip)
    _outlined_rect(out, r, 6.0, style.NODE_FILL, style.NODE_BORDER, 1.0)
    out.element(
        "rect",
        {
            "x": r.x + 3,
            "y": r.y + 3,
            "width": 48.0,
            "height": r.h - 6,
            "rx": 4.0,
            "fill": shape.accent,
        },
    )
    out.text(
        r.x + 27,
        r.y + 15.5,
        elide(shape.tag, style.TAG_SIZE, 44, True),
        style.TAG_SIZE,
        style.BADGE_TEXT,
        True,
        "middle",
    )
    out.text(
        r.x + 57,
        r.y + 16,
        elide(shape.title, style.SMALL_SIZE, r.w - 62),
        style.SMALL_SIZE,
        style.TEXT,
    )
    _close_shape(out, shape)


def _note(out: SvgWriter, shape: Shape) -> None:
    r = shape.box
    text = " ".join(shape.lines)
    _open_shape(out, shape, f"{shape.title}: {text}")
    _outlined_rect(out, r, None, style.NOTE_FILL, style.NODE_BORDER, 1.2)
    out.text(
        r.x + 8,
        r.y + 15,
        elide(shape.title, style.SMALL_SIZE, r.w - 40),
        style.SMALL_SIZE,
        style.MUTED_TEXT,
    )
    out.element("circle", {"cx": r.right - 13, "cy": r.y + 11, "r": 8.0, "fill": style.MUTED_TEXT})
    out.text(r.right - 13, r.y + 14, shape.tag, style.TAG_SIZE, style.BADGE_TEXT, True, "middle")
    for i, line in enumerate(wrap(text, style.SMALL_SIZE, r.w - 16, 3)):
        out.text(r.x + 8, r.y + 33 + i * 14, line, style.SMALL_SIZE, style.TEXT)
    _close_shape(out, shape)


def _title_and_subtitle(
    out: SvgWriter, shape: Shape, left: float, baselines: tuple[float, float], margins: float
) -> None:
    """A box's bold title and its muted subtitle, ``left`` in from its left edge, at the two
    baselines below its top, elided to the box's width less ``margins``."""
    r, width = shape.box, shape.box.w - margins
    title = elide(shape.title, style.TITLE_SIZE, width, True)
    out.text(r.x + left, r.y + baselines[0], title, style.TITLE_SIZE, style.TEXT, bold=True)
    subtitle = elide(shape.subtitle, style.SMALL_SIZE, width)
    out.text(r.x + left, r.y + baselines[1], subtitle, style.SMALL_SIZE, style.MUTED_TEXT)


def _frame(out: SvgWriter, shape: Shape) -> None:
    r = shape.box
    _open_shape(out, shape, f"{shape.title} · {shape.subtitle} (broker {shape.element_id})")
    opacity = round(style.FRAME_FILL_OPACITY, 3)
    _outlined_rect(out, r, 12.0, style.FRAME_FILL, style.FRAME_BORDER, 1.1, opacity)
    out.glyph("broker", r.x + 10, r.y + 5, 16, shape.accent)
    for y, text, colour in (
        (r.y + 13, shape.title, style.TEXT),
        (r.y + 25, shape.subtitle, style.MUTED_TEXT),
    ):
        out.text(r.x + 32, y, elide(text, style.SMALL_SIZE, r.w - 40), style.SMALL_SIZE, colour)
    _close_shape(out, shape)


def _edge(out: SvgWriter, edge: Edge) -> None:
    pen = style.edge_style(edge.link.kind)
    (sx, sy), (ax, ay), (bx, by), (ex, ey) = edge.start, edge.c1, edge.c2, edge.end
    out.open(
        "g",
        {
            "class": f"link {edge.link.kind}",
            "stroke": pen.colour,
            "stroke_width": pen.width,
            "stroke_linecap": "round",
        },
    )
    out.element(
        "path",
        {
            "d": f"M{_n(sx)},{_n(sy)} C{_n(ax)},{_n(ay)} {_n(bx)},{_n(by)} {_n(ex)},{_n(ey)}",
            "stroke_dasharray": " ".join(_n(d) for d in pen.dash) or None,
        },
    )
    if pen.arrow:
        back = -ARROW if edge.forward else ARROW
        out.element(
            "path",
            {
                "d": f"M{_n(ex + back)},{_n(ey - ARROW * 0.45)} L{_n(ex)},"
                f"{_n(ey)} L{_n(ex + back)},{_n(ey + ARROW * 0.45)}",
                "stroke_linejoin": "round",
            },
        )
    if edge.link.kind == WEBHOOK:
        mx, my = edge.middle
        out.element(
            "circle", {"cx": mx, "cy": my, "r": 9.0, "fill": style.NODE_FILL, "stroke_width": 1.0}
        )
        out.glyph("bell", mx - 6, my - 6, 12, pen.colour)
    out.close("g")


DRAW = {
    "application": _application,
    "datastore": _datastore,
    "topic": _topic,
    "endpoint": _endpoint,
    "note": _note,
}
