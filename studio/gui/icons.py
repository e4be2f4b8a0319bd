"""Vector glyphs for element kinds, drawn with QPainter so they stay sharp at any zoom or
device pixel ratio (no bitmap icon files to scale). The canvas, the palette and diagrams
share them, which keeps the visual language consistent.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

GLYPHS = (
    "backend",
    "service",
    "api",
    "client",
    "datastore",
    "topic",
    "endpoint",
    "evented",
    "broker",
    "note",
    "bell",
)


def draw_glyph(painter: QPainter, glyph: str, rect: QRectF, colour: QColor) -> None:
    """Draw ``glyph`` inside ``rect`` in ``colour`` (strokes scale with the rect)."""
    painter.save()
    width = max(1.0, rect.width() / 12)
    painter.setPen(
        QPen(
            colour, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin
        )
    )
    painter.setBrush(Qt.BrushStyle.NoBrush)
    r = rect.adjusted(width, width, -width, -width)
    drawer = _DRAWERS.get(glyph, _draw_service)
    drawer(painter, r, colour)
    painter.restore()


def _draw_backend(p: QPainter, r: QRectF, c: QColor) -> None:
    h = r.height() / 3
    for i in range(3):
        row = QRectF(r.left(), r.top() + i * h + h * 0.08, r.width(), h * 0.84)
        p.drawRoundedRect(row, h * 0.2, h * 0.2)
        p.save()
        p.setBrush(c)
        p.drawEllipse(QPointF(row.right() - h * 0.4, row.center().y()), h * 0.1, h * 0.1)
        p.restore()


def _draw_service(p: QPainter, r: QRectF, c: QColor) -> None:
    centre, radius = r.center(), min(r.width(), r.height()) / 2
    path = QPainterPath()
    teeth = 8
    for i in range(teeth * 2):
        angle = math.pi * i / teeth
        rad = radius if i % 2 == 0 else radius * 0.75
        point = QPointF(centre.x() + rad * math.cos(angle), centre.y() + rad * math.sin(angle))
        if i == 0:
            path.moveTo(point)
        else:
            path.lineTo(point)
    path.closeSubpath()
    p.drawPath(path)
    p.drawEllipse(centre, radius * 0.3, radius * 0.3)


def _draw_api(p: QPainter, r: QRectF, c: QColor) -> None:
    w, h, x, y = r.width(), r.height(), r.left(), r.top()
    p.drawPolyline(
        [
            QPointF(x + w * 0.3, y + h * 0.2),
            QPointF(x, y + h * 0.5),
            QPointF(x + w * 0.3, y + h * 0.8),
        ]
    )
    p.drawPolyline(
        [
            QPointF(x + w * 0.7, y + h * 0.2),
            QPointF(x + w, y + h * 0.5),
            QPointF(x + w * 0.7, y + h * 0.8),
        ]
    )
    p.drawLine(QPointF(x + w * 0.58, y + h * 0.1), QPointF(x + w * 0.42, y + h * 0.9))


def _draw_client(p: QPainter, r: QRectF, c: QColor) -> None:
    screen = QRectF(r.left(), r.top(), r.width(), r.height() * 0.7)
    p.drawRoundedRect(screen, r.width() * 0.08, r.width() * 0.08)
    p.drawLine(QPointF(r.center().x(), screen.bottom()), QPointF(r.center().x(), r.bottom()))
    p.drawLine(
        QPointF(r.left() + r.width() * 0.25, r.bottom()),
        QPointF(r.right() - r.width() * 0.25, r.bottom()),
    )


def cylinder_path(r: QRectF, cap: float) -> tuple[QPainterPath, QPainterPath]:
    """The outline of an upright cylinder and the front arc of its lid."""
    body = QPainterPath()
    body.moveTo(r.left(), r.top() + cap / 2)
    body.lineTo(r.left(), r.bottom() - cap / 2)
    body.arcTo(QRectF(r.left(), r.bottom() - cap, r.width(), cap), 180, 180)
    body.lineTo(r.right(), r.top() + cap / 2)
    body.arcTo(QRectF(r.left(), r.top(), r.width(), cap), 0, 180)
    body.closeSubpath()
    lid = QPainterPath()
    lid.moveTo(r.left(), r.top() + cap / 2)
    lid.arcTo(QRectF(r.left(), r.top(), r.width(), cap), 180, 180)
    return body, lid


def pipe_path(r: QRectF, cap: float) -> tuple[QPainterPath, QPainterPath]:
    """The outline of a lying cylinder (a pipe) and the arc of its open end."""
    body = QPainterPath()
    body.moveTo(r.left() + cap / 2, r.top())
    body.lineTo(r.right() - cap / 2, r.top())
    body.arcTo(QRectF(r.right() - cap, r.top(), cap, r.height()), 90, -180)
    body.lineTo(r.left() + cap / 2, r.bottom())
    body.arcTo(QRectF(r.left(), r.top(), cap, r.height()), 270, -180)
    body.closeSubpath()
    end = QPainterPath()
    end.addEllipse(QRectF(r.right() - cap, r.top(), cap, r.height()))
    return body, end


def _draw_datastore(p: QPainter, r: QRectF, c: QColor) -> None:
    body, lid = cylinder_path(r, r.height() * 0.3)
    p.drawPath(body)
    p.drawPath(lid)


def _draw_topic(p: QPainter, r: QRectF, c: QColor) -> None:
    inner = QRectF(r.left(), r.top() + r.height() * 0.2, r.width(), r.height() * 0.6)
    body, end = pipe_path(inner, inner.height() * 0.5)
    p.drawPath(body)
    p.drawPath(end)


def _draw_endpoint(p: QPainter, r: QRectF, c: QColor) -> None:
    tab = QRectF(r.left(), r.top() + r.height() * 0.25, r.width(), r.height() * 0.5)
    p.drawRoundedRect(tab, tab.height() * 0.3, tab.height() * 0.3)
    p.save()
    p.setBrush(c)
    p.drawRoundedRect(
        QRectF(tab.left(), tab.top(), tab.width() * 0.4, tab.height()),
        tab.height() * 0.3,
        tab.height() * 0.3,
    )
    p.restore()


def _draw_bell(p: QPainter, r: QRectF, c: QColor) -> None:
    w, h, x, y = r.width(), r.height(), r.left(), r.top()
    path = QPainterPath()
    path.moveTo(x + w * 0.1, y + h * 0.75)
    path.quadTo(x + w * 0.22, y + h * 0.6, x + w * 0.22, y + h * 0.4)
    path.cubicTo(x + w * 0.22, y + h * 0.05, x + w * 0.78, y + h * 0.05, x + w * 0.78, y + h * 0.4)
    path.quadTo(x + w * 0.78, y + h * 0.6, x + w * 0.9, y + h * 0.75)
    path.closeSubpath()
    p.drawPath(path)
    p.drawArc(QRectF(x + w * 0.38, y + h * 0.72, w * 0.24, h * 0.22), 180 * 16, 180 * 16)


def _draw_evented(p: QPainter, r: QRectF, c: QColor) -> None:
    _draw_api(p, QRectF(r.left(), r.top(), r.width() * 0.62, r.height() * 0.62), c)
    _draw_bell(
        p,
        QRectF(
            r.left() + r.width() * 0.45,
            r.top() + r.height() * 0.4,
            r.width() * 0.55,
            r.height() * 0.6,
        ),
        c,
    )


def _draw_broker(p: QPainter, r: QRectF, c: QColor) -> None:
    pen = p.pen()
    pen.setStyle(Qt.PenStyle.DashLine)
    p.setPen(pen)
    p.drawRoundedRect(r, r.width() * 0.12, r.width() * 0.12)
    _draw_topic(
        p, r.adjusted(r.width() * 0.2, r.height() * 0.2, -r.width() * 0.2, -r.height() * 0.2), c
    )


def _draw_note(p: QPainter, r: QRectF, c: QColor) -> None:
    fold = r.width() * 0.3
    path = QPainterPath()
    path.moveTo(r.topLeft())
    path.lineTo(r.right() - fold, r.top())
    path.lineTo(r.right(), r.top() + fold)
    path.lineTo(r.bottomRight())
    path.lineTo(r.bottomLeft())
    path.closeSubpath()
    p.drawPath(path)
    p.drawPolyline(
        [
            QPointF(r.right() - fold, r.top()),
            QPointF(r.right() - fold, r.top() + fold),
            QPointF(r.right(), r.top() + fold),
        ]
    )


_DRAWERS = {
    "backend": _draw_backend,
    "service": _draw_service,
    "api": _draw_api,
    "client": _draw_client,
    "datastore": _draw_datastore,
    "topic": _draw_topic,
    "endpoint": _draw_endpoint,
    "evented": _draw_evented,
    "broker": _draw_broker,
    "note": _draw_note,
    "bell": _draw_bell,
}


def glyph_icon(glyph: str, colour: QColor, size: int = 32) -> QIcon:
    """A QIcon of ``glyph``, sharp on high-DPI screens."""
    return painted_icon(
        size, lambda painter: draw_glyph(painter, glyph, QRectF(3, 3, size - 6, size - 6), colour)
    )


def painted_icon(size: int, paint: Callable[[QPainter], None]) -> QIcon:
    """A QIcon of ``size`` pixels square that ``paint`` draws (antialiased) at 1x and 2x, so
    that high-DPI screens pick the sharp one."""
    icon = QIcon()
    for scale in (1, 2):
        pixmap = QPixmap(size * scale, size * scale)
        pixmap.setDevicePixelRatio(scale)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint(painter)
        painter.end()
        icon.addPixmap(pixmap)
    return icon
