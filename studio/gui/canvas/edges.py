"""Graphics items for links, styled by what they mean (PRODUCT.md's visual language).

Publishes and direct subscribes are solid arrows along the data flow; webhook deliveries are
dashed with a bell; synchronous calls are dotted request arrows; CQRS writes/reads and
"fronts" are thin grey; a pinned note is a faint dotted line.

A big mesh has ten thousand links, so an edge is a plain QGraphicsPathItem whose painting
stays in C++: the curve and its arrowhead are one path, computed when an end moves
(``update_path``); selection only swaps the pen. Only webhook edges carry a child item, the
bell badge.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPainterPathStroker, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from studio.edit.links import (
    CALLS,
    FRONTS,
    PINNED,
    PUBLISHES,
    READS,
    SUBSCRIBES,
    WEBHOOK,
    WRITES,
    Link,
)
from studio.gui import theme
from studio.gui.canvas.nodes import NodeItem
from studio.gui.icons import draw_glyph

_STYLES: dict[str, tuple[Qt.PenStyle, float, bool]] = {
    # kind: (pen style, width, muted colour)
    PUBLISHES: (Qt.PenStyle.SolidLine, 1.6, False),
    SUBSCRIBES: (Qt.PenStyle.SolidLine, 1.6, False),
    WEBHOOK: (Qt.PenStyle.DashLine, 1.6, False),
    CALLS: (Qt.PenStyle.DotLine, 1.8, False),
    WRITES: (Qt.PenStyle.SolidLine, 1.0, True),
    READS: (Qt.PenStyle.SolidLine, 1.0, True),
    FRONTS: (Qt.PenStyle.DashDotLine, 1.0, True),
    PINNED: (Qt.PenStyle.DotLine, 1.0, True),
}
ARROW = 9.0


class EdgeItem(QGraphicsPathItem):
    """One link between two node items."""

    def __init__(self, link: Link, source: NodeItem, target: NodeItem,
                 colours: theme.CanvasColours) -> None:
        super().__init__()
        self.link = link
        self.source = source
        self.target = target
        self.colours = colours
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(1)
        style, width, muted = _STYLES.get(link.kind, _STYLES[PUBLISHES])
        colour = (theme.WEBHOOK_ACCENT if link.kind == WEBHOOK else
                  colours.edge_muted if muted else colours.edge)
        self._pen = QPen(colour, width, style, Qt.PenCapStyle.RoundCap)
        self._selected_pen = QPen(colours.selection, width + 1, style, Qt.PenCapStyle.RoundCap)
        self.setPen(self._pen)
        self.path = QPainterPath()
        self._curve = QPainterPath()
        self._hit: QPainterPath | None = None
        self.bell = _BellBadge(self, colour, colours.node_fill) if link.kind == WEBHOOK else None
        label = {WEBHOOK: f"webhook delivery of {link.topic}", PINNED: "note"}.get(
            link.kind, link.kind)
        self.setToolTip(f"{link.source} → {link.target}: {label}")
        self.update_path()

    def update_path(self) -> None:
        """Recompute the curve (and arrowhead) between the current anchors of both ends."""
        # leave on the side facing the other end, so right-to-left links do not loop around
        forward = self.source.scene_centre().x() <= self.target.scene_centre().x()
        start = self.source.side_anchor(right=forward)
        end = self.target.side_anchor(right=not forward)
        direction = 1 if forward else -1
        dx = max(40.0, abs(end.x() - start.x()) * 0.5) * direction
        curve = QPainterPath(start)
        curve.cubicTo(start + QPointF(dx, 0), end - QPointF(dx, 0), end)
        self.path = QPainterPath(curve)
        if self.link.kind != PINNED:  # the arrowhead: two short strokes back from the end
            back = QPointF(-ARROW * direction, 0)
            self.path.moveTo(end + back + QPointF(0, -ARROW * 0.45))
            self.path.lineTo(end)
            self.path.lineTo(end + back + QPointF(0, ARROW * 0.45))
        self.setPath(self.path)
        self._curve, self._hit = curve, None
        if self.bell is not None:
            self.bell.setPos(curve.pointAtPercent(0.5))

    def shape(self) -> QPainterPath:
        """A 10-pixel band along the curve, built on the first hit test (most edges never
        get one, and stroking long curves is costly)."""
        if self._hit is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(10)
            self._hit = stroker.createStroke(self._curve)
        return self._hit

    def show_selected(self, selected: bool) -> None:
        """Swap to the highlight pen (the scene calls this when the selection changes; an
        itemChange override would cost a Python call for every flag of ten thousand edges)."""
        self.setPen(self._selected_pen if selected else self._pen)


class _BellBadge(QGraphicsItem):
    """The bell drawn in the middle of a webhook delivery."""

    def __init__(self, parent: QGraphicsItem, colour: QColor, fill: QColor) -> None:
        super().__init__(parent)
        self._colour, self._fill = colour, fill
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def boundingRect(self) -> QRectF:
        return QRectF(-10, -10, 20, 20)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        badge = QRectF(-9, -9, 18, 18)
        painter.setPen(QPen(self._colour, 1))
        painter.setBrush(QBrush(self._fill))
        painter.drawEllipse(badge)
        draw_glyph(painter, "bell", badge.adjusted(3, 3, -3, -3), self._colour)


__all__ = ["EdgeItem"]
