"""Graphics items for links, styled by what they mean (PRODUCT.md's visual language).

Publishes and direct subscribes are solid arrows along the data flow; webhook deliveries are
dashed with a bell; synchronous calls are dotted request arrows; CQRS writes/reads and
"fronts" are thin grey; a pinned note is a faint dotted line. The path is computed when an
end moves (``update_path``), never in ``paint``.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyle, QStyleOptionGraphicsItem, QWidget

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


class EdgeItem(QGraphicsItem):
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
        self._style, self._width, self._muted = style, width, muted
        self.path = QPainterPath()
        self.arrow = QPolygonF()
        self.bell_at: QPointF | None = None
        self._hit = QPainterPath()
        self._bounds = QRectF()
        label = {WEBHOOK: f"webhook delivery of {link.topic}", PINNED: "note"}.get(
            link.kind, link.kind)
        self.setToolTip(f"{link.source} → {link.target}: {label}")
        self.update_path()

    def update_path(self) -> None:
        """Recompute the curve between the current anchors of both ends."""
        # leave on the side facing the other end, so right-to-left links do not loop around
        forward = self.source.scene_centre().x() <= self.target.scene_centre().x()
        start = self.source.side_anchor(right=forward)
        end = self.target.side_anchor(right=not forward)
        dx = max(40.0, abs(end.x() - start.x()) * 0.5) * (1 if forward else -1)
        path = QPainterPath(start)
        path.cubicTo(start + QPointF(dx, 0), end - QPointF(dx, 0), end)
        self.prepareGeometryChange()
        self.path = path
        angle = 0.0 if forward else math.pi
        left = end - QPointF(math.cos(angle - 0.45) * ARROW, math.sin(angle - 0.45) * ARROW)
        right = end - QPointF(math.cos(angle + 0.45) * ARROW, math.sin(angle + 0.45) * ARROW)
        self.arrow = QPolygonF([end, left, right])
        self.bell_at = path.pointAtPercent(0.5) if self.link.kind == WEBHOOK else None
        stroker = QPainterPathStroker()
        stroker.setWidth(10)
        self._hit = stroker.createStroke(path)
        self._bounds = path.boundingRect().adjusted(-12, -12, 12, 12)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return self._hit

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        colour: QColor = (self.colours.selection if selected else
                          theme.WEBHOOK_ACCENT if self.link.kind == WEBHOOK else
                          self.colours.edge_muted if self._muted else self.colours.edge)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(colour, self._width + (1 if selected else 0), self._style,
                   Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self.path)
        if self.link.kind != PINNED:
            painter.setPen(QPen(colour, 1))
            painter.setBrush(colour)
            painter.drawPolygon(self.arrow)
        if self.bell_at is not None:
            badge = QRectF(self.bell_at.x() - 9, self.bell_at.y() - 9, 18, 18)
            painter.setPen(QPen(colour, 1))
            painter.setBrush(self.colours.node_fill)
            painter.drawEllipse(badge)
            draw_glyph(painter, "bell", badge.adjusted(3, 3, -3, -3), colour)

