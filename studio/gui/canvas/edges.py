"""Graphics items for links, styled by what they mean (PRODUCT.md's visual language).

Publishes and direct subscribes are solid arrows along the data flow; webhook deliveries are
dashed with a bell; a topic an evented API delivers by webhook is a dashed arrow into the API
labelled "webhook"; synchronous calls are dotted request arrows; CQRS writes/reads and
"fronts" are thin grey; a pinned note is a faint dotted line.

A big mesh has ten thousand links, so an edge is a plain QGraphicsPathItem whose painting
stays in C++: the curve and its arrowhead are one path, computed when an end moves
(``update_path``); selection only swaps the pen. Only webhook edges carry a child item, the
bell badge or the "webhook" label.

Level of detail: below 100 % zoom links are drawn with hairline (cosmetic, one device pixel)
pens, which Qt strokes with its cosmetic stroker: it clips every segment to the exposed area
first, where a wide pen outlines the whole curve (often many screens long) before filling
it, about four times the cost. A 1.6-unit pen is 1.6 pixels or less there, so the look
barely changes; from 100 % on links get their real widths, except in a big mesh (its links
are many and long), which keeps hairlines up to 150 %. A hairline pen also keeps the item's
bounding rect cheap (the curve's control points, no stroking).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsSimpleTextItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from studio.gui import theme
from studio.gui.canvas.nodes import NodeItem
from studio.gui.icons import draw_glyph
from studio.layout.canvas_style import WEBHOOK_LINKS, link_pen
from studio.model.relations import DELIVERS, PINNED, WEBHOOK, Link

# how canvas_style's pattern names are drawn by Qt
_PEN_STYLES = {
    "solid": Qt.PenStyle.SolidLine,
    "dash": Qt.PenStyle.DashLine,
    "dot": Qt.PenStyle.DotLine,
    "dash-dot": Qt.PenStyle.DashDotLine,
}
ARROW = 9.0
HAIRLINE_BELOW = 1.0  # zoom under which links are drawn with hairline pens
HAIRLINE_BELOW_BIG = 1.5  # the same for a big mesh
BIG_MESH_LINKS = 2000
HIT_WIDTH = 10.0  # how far from the curve a click still picks the link

_SELECTABLE = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable


def hairline_at(zoom: float, links: int = 0) -> bool:
    """Whether links are drawn with one-device-pixel hairline pens at ``zoom`` on a canvas
    with ``links`` links."""
    return zoom < (HAIRLINE_BELOW_BIG if links > BIG_MESH_LINKS else HAIRLINE_BELOW)


# Pens are shared by every edge of the same kind and look (ten thousand edges, a dozen pens).
_PENS: dict[tuple[int, str, bool, bool], QPen] = {}


def edge_pen(kind: str, colours: theme.CanvasColours, hairline: bool, selected: bool) -> QPen:
    """The pen of a ``kind`` link: hairline or full width, normal or selected."""
    key = (id(colours), kind, hairline, selected)
    pen = _PENS.get(key)
    if pen is None:
        look = link_pen(kind)
        colour = (
            colours.selection
            if selected
            else theme.WEBHOOK_ACCENT
            if kind in WEBHOOK_LINKS
            else colours.edge_muted
            if look.muted
            else colours.edge
        )
        # a selected link stays wide at every zoom: it is one of a few, and must stand out
        pen_width = 0.0 if hairline and not selected else look.width + selected
        pen = _PENS[key] = QPen(
            colour, pen_width, _PEN_STYLES[look.pattern], Qt.PenCapStyle.RoundCap
        )
    return pen


class EdgeItem(QGraphicsPathItem):
    """One link between two node items."""

    def __init__(
        self,
        link: Link,
        source: NodeItem,
        target: NodeItem,
        colours: theme.CanvasColours,
        hairline: bool = True,
    ) -> None:
        super().__init__()
        self.link, self.source, self.target = link, source, target
        self.colours = colours
        self.hairline = hairline
        self.selected_look = False
        self.setFlags(_SELECTABLE)
        self.setZValue(1)
        self.setPen(edge_pen(link.kind, colours, hairline, False))
        self._curve = QPainterPath()
        self._hit: QPainterPath | None = None
        self.bell = (
            _BellBadge(self, theme.WEBHOOK_ACCENT, colours.node_fill)
            if link.kind == WEBHOOK
            else _webhook_label(self)
            if link.kind == DELIVERS
            else None
        )
        self.update_path()

    def tooltip_text(self) -> str:
        """What hovering the link shows (made on demand: ten thousand edges rarely hovered)."""
        link = self.link
        if link.kind == DELIVERS:
            return f"{link.target} delivers {link.source} by webhook to registered callbacks"
        label = {WEBHOOK: f"webhook delivery of {link.topic}", PINNED: "note"}.get(
            link.kind, link.kind
        )
        return f"{link.source} → {link.target}: {label}"

    def update_path(self) -> None:
        """Recompute the curve (and arrowhead) between the current anchors of both ends."""
        source, target = self.source, self.target
        s_left, s_right, s_mid, s_centre = source.anchors
        t_left, t_right, t_mid, t_centre = target.anchors
        s_x0, s_y = source.x(), source.y() + s_mid
        t_x0, t_y = target.x(), target.y() + t_mid
        # leave on the side facing the other end, so right-to-left links do not loop around
        forward = s_x0 + s_centre <= t_x0 + t_centre
        if forward:
            sx, ex, direction = s_x0 + s_right, t_x0 + t_left, 1.0
        else:
            sx, ex, direction = s_x0 + s_left, t_x0 + t_right, -1.0
        dx = max(40.0, abs(ex - sx) * 0.5) * direction
        curve = QPainterPath(QPointF(sx, s_y))
        curve.cubicTo(sx + dx, s_y, ex - dx, t_y, ex, t_y)
        path = QPainterPath(curve)
        if self.link.kind != PINNED:  # the arrowhead: two short strokes back from the end
            back = ex - ARROW * direction
            path.moveTo(back, t_y - ARROW * 0.45)
            path.lineTo(ex, t_y)
            path.lineTo(back, t_y + ARROW * 0.45)
        self.setPath(path)
        self._curve, self._hit = curve, None
        if self.bell is not None:
            middle = QPointF((sx + ex) / 2, (s_y + t_y) / 2)  # of this point-symmetric curve
            if isinstance(self.bell, QGraphicsSimpleTextItem):  # the label sits on the line
                text = self.bell.boundingRect()
                middle -= QPointF(text.width() / 2, text.height() + 1)
            self.bell.setPos(middle)

    def shape(self) -> QPainterPath:
        """A band along the curve, built on the first hit test (most edges never get one,
        and stroking long curves is costly)."""
        if self._hit is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(HIT_WIDTH)
            self._hit = stroker.createStroke(self._curve)
        return self._hit

    def set_hairline(self, hairline: bool) -> None:
        """Follow the view's level of detail (see ``hairline_at``)."""
        if hairline != self.hairline:
            self.hairline = hairline
            self.setPen(edge_pen(self.link.kind, self.colours, hairline, self.selected_look))

    def show_selected(self, selected: bool) -> None:
        """Swap to the highlight pen (the scene calls this when the selection changes; an
        itemChange override would cost a Python call for every flag of ten thousand edges)."""
        self.selected_look = selected
        self.setPen(edge_pen(self.link.kind, self.colours, self.hairline, selected))


_LABEL_FONT = QFont()
_LABEL_FONT.setPointSizeF(7)
_LABEL_FONT.setItalic(True)


def _webhook_label(edge: EdgeItem) -> QGraphicsSimpleTextItem:
    """The word "webhook" on a delivered topic's line, which has no bell: nobody registered
    a callback on this line, it shows what the API offers to deliver."""
    label = QGraphicsSimpleTextItem("webhook", edge)
    label.setFont(_LABEL_FONT)
    label.setBrush(theme.WEBHOOK_ACCENT)
    return label


class _BellBadge(QGraphicsItem):
    """The bell drawn in the middle of a webhook delivery."""

    def __init__(self, parent: QGraphicsItem, colour: QColor, fill: QColor) -> None:
        super().__init__(parent)
        self._colour, self._fill = colour, fill
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def boundingRect(self) -> QRectF:
        return QRectF(-10, -10, 20, 20)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        badge = QRectF(-9, -9, 18, 18)
        painter.setPen(QPen(self._colour, 1))
        painter.setBrush(QBrush(self._fill))
        painter.drawEllipse(badge)
        draw_glyph(painter, "bell", badge.adjusted(3, 3, -3, -3), self._colour)


__all__ = ["EdgeItem", "edge_pen", "hairline_at"]
