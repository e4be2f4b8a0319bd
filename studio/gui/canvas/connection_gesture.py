"""A connection being drawn on the canvas: from an element's port to the element it ends on.

A drag from a port (or Connect to… and a click) draws a dashed line that follows the pointer;
where it ends becomes one ``connect`` command, or the reason there is none (a refusal the
scene announces). Ended a few pixels beside an element still means that element
(``connect_snap``). The command selects the links it drew, and only them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QPainterPath, QPen
from PySide6.QtWidgets import QGraphicsPathItem

from studio.edit import Command, Refusal, connect
from studio.gui.canvas import connect_snap
from studio.gui.canvas.nodes import NodeItem

if TYPE_CHECKING:
    from studio.gui.canvas.scene import MeshScene


class ConnectionGesture:
    """The connection under way in ``scene``, if any."""

    def __init__(self, scene: MeshScene) -> None:
        self.scene = scene
        self.source: NodeItem | None = None
        self.by_click = False  # Connect to…: the next click ends the connection
        self._line: QGraphicsPathItem | None = None

    @property
    def active(self) -> bool:
        return self.source is not None

    def start(self, item: NodeItem, by_click: bool = False) -> None:
        self.source, self.by_click = item, by_click
        self._line = QGraphicsPathItem()
        self._line.setPen(QPen(self.scene.colours.selection, 1.6, Qt.PenStyle.DashLine))
        self._line.setZValue(10)
        self.scene.addItem(self._line)

    def follow(self, scene_pos: QPointF) -> bool:
        """Draw the line to the pointer; False when no line is drawn."""
        if self.source is None or self._line is None:
            return False
        path = QPainterPath(self.source.side_anchor(right=True))
        path.lineTo(scene_pos)
        self._line.setPath(path)
        return True

    def forget_line(self) -> None:
        """The scene dropped every item (a rebuild), the line with them."""
        self._line = None

    def cancel(self) -> bool:
        """Drop the connection as if it never began; False when there was none."""
        if self.source is None:
            return False
        self._stop()
        return True

    def _stop(self) -> tuple[NodeItem | None, bool]:
        source, by_click = self.source, self.by_click
        self.source, self.by_click = None, False
        if self._line is not None:
            self.scene.removeItem(self._line)
            self._line = None
        return source, by_click

    def finish(self, scene_pos: QPointF, snap: float = 0.0) -> None:
        """End the connection at ``scene_pos`` (``snap``: how far beside an element counts)."""
        source, by_click = self._stop()
        scene = self.scene
        # released a few pixels beside an element still means that element
        target = scene.node_at(scene_pos, exclude=source) or connect_snap.nearest_node(
            scene, scene_pos, snap, exclude=source
        )
        if source is None or scene.node_at(scene_pos) is source:
            return  # let go where it began: a click on the port, not a connection
        if target is None:
            scene.connection_refused.emit(
                connect_snap.MISSED_BY_CLICK if by_click else connect_snap.MISSED_BY_DRAG
            )
            return
        result = connect(scene.doc, source.element_id, target.element_id)
        if isinstance(result, Refusal):
            scene.connection_refused.emit(result.reason)
        else:
            self._push_and_select_new_links(result, source.element_id)

    def _push_and_select_new_links(self, command: Command, source_id: str) -> None:
        """Make a connection and select what it drew, alone: the press on the port started
        no click selection, so what was selected before would otherwise stay selected."""
        scene = self.scene
        before = {edge.link for edge in scene.edges_of(source_id)}
        scene.push(command)
        scene.clearSelection()
        for edge in scene.edges_of(source_id):
            if edge.link not in before:
                edge.setSelected(True)
