"""Comment badges: a speech bubble with the number of open review threads on each element.

The badge is a child of the element's item, so it follows moves without bookkeeping. The
scene recreates items when elements change and all of them when it is rebuilt (a reload, a
theme switch); the badges follow the document (after the scene has mirrored the change) and
the scene's rebuilds, and are put back on whatever item now shows the element.
Clicking a badge asks for the element's threads (the window opens the Notes panel).
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from studio.edit.notes import open_threads_by_element
from studio.gui.canvas.nodes import NodeItem
from studio.gui.canvas.scene import MeshScene
from studio.model import Document

BADGE_SIZE = (26.0, 20.0)
BADGE_COLOUR = QColor("#d9822b")  # the amber of "needs attention", legible in both themes

_FONT = QFont()
_FONT.setPointSizeF(7.5)
_FONT.setBold(True)


class CommentBadge(QGraphicsItem):
    """A bubble at the top-right corner of an element, with its open thread count."""

    def __init__(self, parent: NodeItem, count: int, clicked: Callable[[str], None]) -> None:
        super().__init__(parent)
        self.element_id = parent.element_id
        self.count = count
        self._clicked = clicked
        corner = parent.size.topRight()
        self.setPos(corner.x() - BADGE_SIZE[0] + 6, corner.y() - BADGE_SIZE[1] + 6)
        self.setZValue(5)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        plural = "s" if count != 1 else ""
        self.setToolTip(f"{count} open review thread{plural}: click to read them")
        bubble = QPainterPath()
        bubble.addRoundedRect(QRectF(0, 0, BADGE_SIZE[0], BADGE_SIZE[1] - 4), 6, 6)
        tail = QPainterPath()
        tail.moveTo(6, BADGE_SIZE[1] - 5)
        tail.lineTo(6, BADGE_SIZE[1])
        tail.lineTo(12, BADGE_SIZE[1] - 5)
        self._bubble = bubble.united(tail)
        self._text = str(count) if count < 100 else "99+"

    def boundingRect(self) -> QRectF:
        return QRectF(-1, -1, BADGE_SIZE[0] + 2, BADGE_SIZE[1] + 2)

    def shape(self) -> QPainterPath:
        return self._bubble

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor("#ffffff"), 1.2))
        painter.setBrush(BADGE_COLOUR)
        painter.drawPath(self._bubble)
        painter.setFont(_FONT)
        painter.drawText(
            QRectF(0, 0, BADGE_SIZE[0], BADGE_SIZE[1] - 4), Qt.AlignmentFlag.AlignCenter, self._text
        )

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._clicked(self.element_id)
            event.accept()
        else:
            super().mousePressEvent(event)


class CommentBadges:
    """Keeps one badge on every element that has open threads."""

    def __init__(self, scene: MeshScene, doc: Document, clicked: Callable[[str], None]) -> None:
        self.scene = scene
        self.doc = doc
        self._clicked = clicked
        self.badges: dict[str, CommentBadge] = {}
        self.visible = True
        doc.changed.connect(lambda _change: self.refresh())
        # a rebuild (a theme switch restyles by making every item anew) drops the badges
        # with the items they were children of, while the document does not change
        scene.rebuilt.connect(self.refresh)

    def set_visible(self, visible: bool) -> None:
        self.visible = visible
        self.refresh()

    def refresh(self) -> None:
        if self.scene.building_in_slices:
            return  # the items come in slices: badged once they are all made (``rebuilt``)
        counts = open_threads_by_element(self.doc.design) if self.visible else {}
        for element_id in list(self.badges):
            badge = self.badges[element_id]
            alive = shiboken6.isValid(badge)
            item = self.scene.nodes.get(element_id) or self.scene.frames.get(element_id)
            if alive and badge.parentItem() is item and counts.get(element_id) == badge.count:
                continue
            if alive and badge.scene() is not None:
                badge.scene().removeItem(badge)
            del self.badges[element_id]
        for element_id, count in counts.items():
            if element_id in self.badges:
                continue
            item = self.scene.nodes.get(element_id) or self.scene.frames.get(element_id)
            if item is not None:
                self.badges[element_id] = CommentBadge(item, count, self._clicked)
