"""The compare overlay: a semantic diff drawn over the canvas.

Elements on the canvas that a change touches get a halo behind them, coloured by the kind
of change (added, removed, changed) and labelled when the change breaks someone. Elements
the canvas does not show (removed from the design, or present only in the other version)
are drawn as dashed ghosts where the other version placed them, so a reviewer sees what
went away in context. Relations get a glow along their edge, or a dashed ghost line when
the edge is not drawn. The overlay only adds its own items: the mirrored items and the
document are untouched, and ``clear`` removes everything it drew. A "BREAKING" label goes
outside its element's box where it covers no text (a topic's row in a broker frame lies
under the frame's title band, so there it goes below the topic).
"""

from __future__ import annotations

from collections.abc import Sequence

import shiboken6
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsSimpleTextItem,
)

from studio.diff.changes import Change
from studio.gui.canvas.nodes import APP_SIZE, NodeItem, TopicItem
from studio.gui.canvas.scene import MeshScene
from studio.model import Design, display_name
from studio.model.relations import Link, links_of

# distinct in hue and in lightness, so they also part for colour-blind reviewers
KIND_COLOURS = {
    "added": QColor("#2f9e44"),
    "removed": QColor("#e03131"),
    "changed": QColor("#f08c00"),
}
HALO_MARGIN = 7.0
GHOST_Z = 50.0
LABEL_GAP = 1.0  # between a BREAKING label and the halo it belongs to

_LABEL_FONT = QFont()
_LABEL_FONT.setPointSizeF(7.5)
_LABEL_FONT.setBold(True)


def _translucent(colour: QColor, alpha: int) -> QColor:
    faded = QColor(colour)
    faded.setAlpha(alpha)
    return faded


class CompareOverlay:
    """Draws one comparison at a time on ``scene``."""

    def __init__(self, scene: MeshScene) -> None:
        self.scene = scene
        self.items: list[QGraphicsItem] = []
        self.ghosts: dict[str, QGraphicsItem] = {}  # element id -> ghost, to centre on
        self._label_rects: list[QRectF] = []  # scene rects of the labels drawn so far

    def show(self, changes: Sequence[Change], other: Design) -> None:
        """Draw ``changes`` between the canvas's design and ``other`` (the compared version)."""
        self.clear()
        other_links = {link.key: link for link in links_of(other)}
        own_links = {link.key: link for link in links_of(self.scene.doc.design)}
        element_changes: dict[str, list[Change]] = {}
        for change in changes:
            if change.link:
                self._show_link(change, own_links, other_links)
            elif change.element:
                element_changes.setdefault(change.element, []).append(change)
        for element_id, own in element_changes.items():
            self._show_element(element_id, own, other)

    def clear(self) -> None:
        for item in self.items:
            # halos are children of mirrored items, which the scene may have deleted since
            if shiboken6.isValid(item) and item.scene() is not None:
                item.scene().removeItem(item)
        self.items.clear()
        self.ghosts.clear()
        self._label_rects.clear()

    def item_for(self, element_id: str) -> QGraphicsItem | None:
        """What the overlay shows for ``element_id``: the mirrored item, or its ghost."""
        return (
            self.scene.nodes.get(element_id)
            or self.scene.frames.get(element_id)
            or self.ghosts.get(element_id)
        )

    # -- elements ---------------------------------------------------------------------

    def _show_element(self, element_id: str, changes: list[Change], other: Design) -> None:
        # a whole-element change (added/removed) says more than the field changes beneath it
        whole = next((c for c in changes if c.path.count("/") <= 1), changes[0])
        breaking = any(c.breaking for c in changes)
        item = self.scene.nodes.get(element_id) or self.scene.frames.get(element_id)
        if item is not None:
            self._halo(item, whole.kind, breaking)
        else:
            self._ghost(element_id, whole.kind, breaking, other)

    def _halo(self, item: NodeItem, kind: str, breaking: bool) -> None:
        colour = KIND_COLOURS[kind]
        rect = item.size.adjusted(-HALO_MARGIN, -HALO_MARGIN, HALO_MARGIN, HALO_MARGIN)
        path = QPainterPath()
        path.addRoundedRect(rect, 12, 12)
        halo = QGraphicsPathItem(path, item)
        halo.setFlag(QGraphicsItem.GraphicsItemFlag.ItemStacksBehindParent)
        halo.setPen(QPen(colour, 3.0))
        halo.setBrush(_translucent(colour, 60))
        halo.setToolTip(f"{kind} in this version")
        self.items.append(halo)
        if breaking:
            self.items.append(self._label("BREAKING", rect, item))

    def _ghost(self, element_id: str, kind: str, breaking: bool, other: Design) -> None:
        position = other.layout.get(element_id)
        element = other.find(element_id)
        if position is None:
            return  # not on the other canvas either (a message): the change list has it
        colour = KIND_COLOURS[kind]
        rect = QRectF(0, 0, *APP_SIZE)
        path = QPainterPath()
        path.addRoundedRect(rect, 10, 10)
        ghost = QGraphicsPathItem(path)
        ghost.setPos(QPointF(position.x, position.y))
        pen = QPen(colour, 2.0, Qt.PenStyle.DashLine)
        ghost.setPen(pen)
        ghost.setBrush(QBrush(_translucent(colour, 40)))
        ghost.setZValue(GHOST_Z)
        name = element_id if element is None else display_name(element)
        ghost.setToolTip(f"'{name}' is {kind} in the compared version")
        text = QGraphicsSimpleTextItem(name, ghost)
        text.setBrush(colour.darker(130))
        text.setPos(12, rect.height() / 2 - 8)
        font = text.font()
        font.setStrikeOut(kind == "removed")
        text.setFont(font)
        self.scene.addItem(ghost)
        self.items.append(ghost)
        self.ghosts[element_id] = ghost
        if breaking:
            self._label("BREAKING", rect, ghost)

    def _label(self, text: str, around: QRectF, parent: QGraphicsItem) -> QGraphicsItem:
        """``text`` just outside ``around`` (``parent`` coordinates), at the first of these
        spots that covers no text: above the top-right corner, below the bottom-right one,
        right of the box, left of it."""
        label = QGraphicsSimpleTextItem(text, parent)
        label.setFont(_LABEL_FONT)
        label.setBrush(KIND_COLOURS["removed"])
        size = label.boundingRect().size()
        w, h = size.width(), size.height()
        spots = [
            QPointF(around.right() - w, around.top() - h - LABEL_GAP),
            QPointF(around.right() - w, around.bottom() + LABEL_GAP),
            QPointF(around.right() + LABEL_GAP, around.top()),
            QPointF(around.left() - w - LABEL_GAP, around.top()),
        ]
        spot = next(
            (s for s in spots if not self._covers_text(parent.mapRectToScene(QRectF(s, size)))),
            spots[0],
        )
        label.setPos(spot)
        self._label_rects.append(parent.mapRectToScene(QRectF(spot, size)))
        return label

    def _covers_text(self, rect: QRectF) -> bool:
        """Whether ``rect`` (scene) meets a text of the canvas: an element's or a frame's
        label, a topic's protocol tag, or another label of this overlay."""
        if any(rect.intersects(placed) for placed in self._label_rects):
            return True
        for item in self.scene.items(rect, Qt.ItemSelectionMode.IntersectsItemBoundingRect):
            if not isinstance(item, NodeItem):
                continue
            texts = [label.rect for label in item.labels]
            if isinstance(item, TopicItem):
                texts.append(item.tag_pill)
            if any(item.mapRectToScene(text).intersects(rect) for text in texts):
                return True
        return False

    # -- relations --------------------------------------------------------------------

    def _show_link(
        self, change: Change, own_links: dict[str, Link], other_links: dict[str, Link]
    ) -> None:
        colour = KIND_COLOURS[change.kind]
        own = own_links.get(change.link or "")
        edge = self.scene.edge_for(own) if own is not None else None
        if edge is not None:
            glow = QGraphicsPathItem(edge.path())
            glow.setPen(
                QPen(_translucent(colour, 150), 7.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
            )
            glow.setZValue(edge.zValue() - 0.5)
            glow.setToolTip(change.reason)
            self.scene.addItem(glow)
            self.items.append(glow)
            return
        link = other_links.get(change.link or "")
        if link is None:
            return
        source, target = self.item_for(link.source), self.item_for(link.target)
        if source is None or target is None:
            return
        start = source.sceneBoundingRect().center()
        end = target.sceneBoundingRect().center()
        path = QPainterPath(start)
        middle = (start.x() + end.x()) / 2
        path.cubicTo(QPointF(middle, start.y()), QPointF(middle, end.y()), end)
        ghost = QGraphicsPathItem(path)
        ghost.setPen(QPen(colour, 2.5, Qt.PenStyle.DashLine, Qt.PenCapStyle.RoundCap))
        ghost.setZValue(GHOST_Z - 1)
        ghost.setToolTip(change.reason)
        self.scene.addItem(ghost)
        self.items.append(ghost)
