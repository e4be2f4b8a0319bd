"""Where a connection gesture ends: on the element under the pointer, or on the nearest one
when it was released a few pixels beside it; and what the user is told when there is none.

A hand releasing a drag lands a little off as often as not; making the user hit the box to
the pixel, and then doing nothing without a word when they miss, is what made connecting
feel broken. The tolerance is measured on screen (pixels), so it is the same at every zoom.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtWidgets import QGraphicsScene, QGraphicsSceneMouseEvent, QGraphicsView

from studio.gui.canvas.broker_frame import BrokerFrameItem
from studio.gui.canvas.nodes import NodeItem

SNAP_PIXELS = 12.0
MISSED_BY_DRAG = "Release on an element to connect."
MISSED_BY_CLICK = "Click on an element to connect; nothing was connected."


def snap_radius(event: QGraphicsSceneMouseEvent) -> float:
    """``SNAP_PIXELS`` in scene units, at the zoom of the view the event came through."""
    widget = event.widget()
    view = widget.parentWidget() if widget is not None else None
    zoom = view.transform().m11() if isinstance(view, QGraphicsView) else 1.0
    return SNAP_PIXELS / zoom if zoom > 0 else SNAP_PIXELS


def nearest_node(
    scene: QGraphicsScene, point: QPointF, radius: float, exclude: NodeItem | None = None
) -> NodeItem | None:
    """The element whose outline comes closest to ``point``, within ``radius``; a broker's
    frame only when no other element is that close (as ``MeshScene.node_at`` prefers)."""
    area = QRectF(point.x() - radius, point.y() - radius, 2 * radius, 2 * radius)
    best: tuple[bool, float, NodeItem] | None = None
    for item in scene.items(area):
        if not isinstance(item, NodeItem) or item is exclude:
            continue
        distance = _distance(item.mapRectToScene(item.shape().boundingRect()), point)
        if distance > radius:
            continue
        candidate = (isinstance(item, BrokerFrameItem), distance, item)
        if best is None or candidate[:2] < best[:2]:
            best = candidate
    return best[2] if best else None


def _distance(rect: QRectF, point: QPointF) -> float:
    dx = max(rect.left() - point.x(), 0.0, point.x() - rect.right())
    dy = max(rect.top() - point.y(), 0.0, point.y() - rect.bottom())
    return math.hypot(dx, dy)
